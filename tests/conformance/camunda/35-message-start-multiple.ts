import { scenario } from '../scenario.ts';
import { expectEqual, expectRejects, expectTrue } from '../expect.ts';

/** camunda CASES.md #35: two message start events, no none start event */
export default scenario({
  name: 'camunda #35 MessageStartEventTest.testMultipleMessageStartEvents',
  files: ['MessageStartEventTest.testMultipleMessageStartEvents.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    for (const [message, task] of [
      ['newInvoiceMessage', 'taskAfterMessageStart'],
      ['newInvoiceMessage2', 'taskAfterMessageStart2'],
    ] as const) {
      const [res] = await e.correlateMessage(message);
      expectEqual(res?.resultType, 'ProcessDefinition', `${message} starts a new instance`);
      const pid = res!.processInstanceId;
      expectTrue(await h.running(pid), `instance started by ${message} is not ended`);
      const tasks = await e.getTasks({ processInstanceId: pid });
      expectEqual(tasks.map((t) => t.taskDefinitionKey), [task], `tasks after ${message}`);
      await e.completeTask(tasks[0]!.id);
      expectTrue(!(await h.running(pid)), `instance started by ${message} ended after its task`);
    }
    // "has no default start activity"
    await expectRejects(e.startProcess('testProcess'), 'LZ_ERR_NO_START_EVENT', 'plain start of testProcess');
    expectEqual(await e.countProcessInstances(), 0, 'no instance left behind by the failed start');
  },
});
