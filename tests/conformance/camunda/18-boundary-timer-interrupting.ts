import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #18 BoundaryTimerEventTest.testInterruptingTimerDuration',
  files: ['BoundaryTimerEventTest.testInterruptingTimerDuration.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('escalationExample')).id;
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['First line support'], 'after start');
    const timers = await h.engine.getJobs({ processInstanceId: pi, type: 'timer' });
    expectEqual(timers.length, 1, 'one timer');
    expectEqual(await h.engine.executeJob(timers[0]!.id), true, 'the timer fired');
    // the interrupting timer cancelled the original task
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Handle escalated issue'], 'after the timer');
  },
});
