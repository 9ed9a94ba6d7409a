import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #37: two concurrent intermediate catch events for the same message */
export default scenario({
  name: 'camunda #37 MessageIntermediateEventTest.testConcurrentIntermediateMessageEvent',
  files: ['MessageIntermediateEventTest.testConcurrentIntermediateMessageEvent.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('process');
    const tree = await e.getActivityTree(pi.id);
    const active = (tree?.childActivityInstances ?? []).map((a) => a.activityId).sort();
    expectEqual(active, ['messageCatch1', 'messageCatch2'], 'active activities');

    const subs = await e.getEventSubscriptions({ processInstanceId: pi.id, eventType: 'message', eventName: 'newInvoiceMessage' });
    const execIds = [...new Set(subs.map((s) => s.executionId))];
    expectEqual(subs.length, 2, 'message subscriptions');
    expectEqual(execIds.length, 2, 'executions subscribed to newInvoiceMessage');

    await e.correlateMessage('newInvoiceMessage', { executionId: execIds[0]! });
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), [], 'no task after the first delivery (join waits)');
    expectTrue(await h.running(pi.id), 'instance still running after the first delivery');

    await e.correlateMessage('newInvoiceMessage', { executionId: execIds[1]! });
    const tasks = await e.getTasks({ processInstanceId: pi.id });
    expectEqual(tasks.map((t) => t.taskDefinitionKey), ['task'], 'task after the second delivery');
    await e.completeTask(tasks[0]!.id);
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
