import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #19 BoundaryTimerEventTest.testMultipleTimersOnUserTask',
  files: ['BoundaryTimerEventTest.testMultipleTimersOnUserTask.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('multipleTimersOnUserTask')).id;
    expectEqual((await h.engine.getJobs({ processInstanceId: pi, type: 'timer' })).length, 3, 'three timers');
    await h.advance(3_600_000 + 5_000);
    // the PT1H timer fired first, interrupted the task and cancelled the other two
    expectEqual((await h.engine.getJobs({ processInstanceId: pi, type: 'timer' })).length, 0, 'no timer left');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Third Task'], 'the only task');
  },
});
