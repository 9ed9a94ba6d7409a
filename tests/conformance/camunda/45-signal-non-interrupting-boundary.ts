import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #45: non-interrupting signal boundary event on a user task */
export default scenario({
  name: 'camunda #45 SignalEventTest.testNonInterruptingSignal',
  files: ['SignalEventTest.testNonInterruptingSignal.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('nonInterruptingSignalEvent');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['My User Task'], 'tasks after start');
    await e.broadcastSignal('alert');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['My Second User Task', 'My User Task'], 'tasks after the signal');
    await h.complete('My User Task');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['My Second User Task'], 'tasks after completing My User Task');
    await h.complete('My Second User Task');
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
