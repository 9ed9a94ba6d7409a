import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

const DUMMY = 'org.camunda.bpm.engine.test.bpmn.event.timer.DummyServiceTask';
let wasExecuted = false;

export default scenario({
  name: 'camunda #25 StartTimerEventTest.testNonInterruptingStartTimerEventInEventSubProcess',
  files: ['StartTimerEventTest.testNonInterruptingStartTimerEventInEventSubProcess.bpmn20.xml'],
  // DummyServiceTask only records that it ran
  options: { delegates: { [DUMMY]: () => void (wasExecuted = true) } },
  async run(h) {
    wasExecuted = false;
    const pi = (await h.engine.startProcess('nonInterruptingStartTimerEventInEventSubProcess')).id;
    const children = async () => (await h.engine.getActivityTree(pi))?.childActivityInstances.map((c) => c.activityId);
    expectEqual(await children(), ['userTask'], 'activity instances after start');
    expectEqual((await h.tasks({ processInstanceId: pi })).length, 1, 'one task');
    const timers = await h.engine.getJobs({ processInstanceId: pi, type: 'timer' });
    expectEqual(timers.length, 1, 'one timer');

    expectEqual(await h.engine.executeJob(timers[0]!.id), true, 'the timer fired');
    expectEqual(wasExecuted, true, 'the service task ran');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['NonInterruptingUserTask'], 'the user task is still there');
    // Camunda's "1 execution": the event subprocess has completed, only the user task is left
    expectEqual(await children(), ['userTask'], 'activity instances after the timer');
    expectEqual(await h.running(pi), true, 'still running');
  },
});
