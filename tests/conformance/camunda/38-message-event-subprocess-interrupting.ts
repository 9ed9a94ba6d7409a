import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #38: interrupting message event subprocess at process level */
export default scenario({
  name: 'camunda #38 MessageEventSubprocessTest.testInterruptingUnderProcessDefinition',
  files: ['MessageEventSubprocessTest.testInterruptingUnderProcessDefinition.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const keys = async (pid: string) => (await e.getTasks({ processInstanceId: pid })).map((t) => t.taskDefinitionKey).sort();
    const messageSubs = async () => (await e.getEventSubscriptions({ eventType: 'message' })).length;

    // Scenario 1: the main flow completes
    let pi = await e.startProcess('process');
    const subs = await e.getEventSubscriptions({ processInstanceId: pi.id, eventType: 'message', eventName: 'newMessage' });
    expectEqual(subs.length, 1, 'S1: message subscriptions of the instance');
    // Camunda counts 1 execution (the task runs in the process instance): Liuzhuan shows one active activity
    const tree = await e.getActivityTree(pi.id);
    expectEqual(tree?.childActivityInstances.map((a) => a.activityId), ['task'], 'S1: active activities');
    await h.complete('task');
    expectTrue(!(await h.running(pi.id)), 'S1: ended after task');
    expectEqual(await messageSubs(), 0, 'S1: subscriptions after end');

    // Scenario 2: the message interrupts the main flow
    pi = await e.startProcess('process');
    await e.correlateMessage('newMessage', { processInstanceId: pi.id });
    expectEqual(await keys(pi.id), ['eventSubProcessTask'], 'S2: tasks after the message (task cancelled)');
    await h.complete('eventSubProcessTask');
    expectTrue(!(await h.running(pi.id)), 'S2: ended');
    expectEqual(await messageSubs(), 0, 'S2: subscriptions after end');
    expectEqual((await e.getExecutions(pi.id)).length, 0, 'S2: executions after end');
  },
});
