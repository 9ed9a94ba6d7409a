import { scenario } from '../scenario.ts';
import { expectEqual } from '../expect.ts';

/** camunda CASES.md #46 (with #42): a thrown signal starts an instance through a signal start event */
export default scenario({
  name: 'camunda #46 SignalEventTest.testStartProcessInstanceBySignalFromIntermediateThrowingSignalEvent',
  files: ['SignalEventTest.signalStartEvent.bpmn20.xml', 'SignalEventTests.throwAlertSignal.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    expectEqual(await e.countProcessInstances(), 0, 'no instance before the throw');
    await e.startProcess('throwSignal');
    const tasks = await e.getTasks();
    expectEqual(tasks.length, 1, 'tasks after the throw');
    const inst = await e.getProcessInstance(tasks[0]!.processInstanceId);
    expectEqual(inst?.definitionKey, 'startBySignal', 'the task belongs to a startBySignal instance');
    expectEqual(tasks[0]!.taskDefinitionKey, 'task', 'task key');
  },
});
