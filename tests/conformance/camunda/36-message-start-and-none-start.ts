import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #36: a message start and a none start in one process */
export default scenario({
  name: 'camunda #36 MessageStartEventTest.testMessageStartEventAndNoneStartEvent',
  files: ['MessageStartEventTest.testMessageStartEventAndNoneStartEvent.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    // a plain start takes the none start event
    const plain = await e.startProcess('testProcess');
    let tasks = await e.getTasks({ processInstanceId: plain.id });
    expectEqual(tasks.map((t) => t.taskDefinitionKey), ['taskAfterNoneStart'], 'tasks after plain start');
    await e.completeTask(tasks[0]!.id);
    expectTrue(!(await h.running(plain.id)), 'plain-started instance ended');

    // startByMessage takes the message start event
    const [res] = await e.correlateMessage('newInvoiceMessage');
    expectEqual(res?.resultType, 'ProcessDefinition', 'message starts a new instance');
    const pid = res!.processInstanceId;
    tasks = await e.getTasks({ processInstanceId: pid });
    expectEqual(tasks.map((t) => t.taskDefinitionKey), ['taskAfterMessageStart'], 'tasks after message start');
    await e.completeTask(tasks[0]!.id);
    expectTrue(!(await h.running(pid)), 'message-started instance ended');
  },
});
