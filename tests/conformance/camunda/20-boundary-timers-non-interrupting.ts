import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

const HOUR = 3_600_000;

export default scenario({
  name: 'camunda #20 BoundaryTimerNonInterruptingEventTest.testMultipleTimersOnUserTask',
  files: ['BoundaryTimerNonInterruptingEventTest.testMultipleTimersOnUserTask.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('nonInterruptingTimersOnUserTask')).id;
    const timers = async () => (await h.engine.getJobs({ processInstanceId: pi, type: 'timer' })).length;
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['First Task'], '1. tasks');
    expectEqual(await timers(), 2, '1. timers');

    await h.advance(HOUR + 5_000);
    expectEqual(await timers(), 1, '2. timers');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Escalation Task 1', 'First Task'], '2. tasks');

    await h.complete('Escalation Task 1');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['First Task'], '3. tasks');

    await h.advance(HOUR); // now at +2 h 5 s
    expectEqual(await timers(), 0, '4. timers');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Escalation Task 2', 'First Task'], '4. tasks');

    await h.complete('First Task');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Escalation Task 2'], '5. tasks');
    await h.complete('Escalation Task 2');
    expectEqual(await h.running(pi), false, '5. ended');
  },
});
