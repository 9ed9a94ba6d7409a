import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

const DUMMY = 'org.camunda.bpm.engine.test.bpmn.event.timer.DummyServiceTask';
let wasExecuted = false;

export default scenario({
  name: 'camunda #24 StartTimerEventTest.testStartTimerEventInEventSubProcess',
  files: ['StartTimerEventTest.testStartTimerEventInEventSubProcess.bpmn20.xml'],
  // DummyServiceTask only records that it ran
  options: { delegates: { [DUMMY]: () => void (wasExecuted = true) } },
  async run(h) {
    wasExecuted = false;
    const pi = (await h.engine.startProcess('startTimerEventInEventSubProcess')).id;
    // Camunda's "1 execution": the process instance alone, its only activity instance the user task
    const tree = await h.engine.getActivityTree(pi);
    expectEqual(tree?.childActivityInstances.map((c) => c.activityId), ['userTask'], 'activity instances');
    expectEqual((await h.tasks({ processInstanceId: pi })).length, 1, 'one task');
    const timers = await h.engine.getJobs({ processInstanceId: pi, type: 'timer' });
    expectEqual(timers.length, 1, 'one timer');

    expectEqual(await h.engine.executeJob(timers[0]!.id), true, 'the timer fired');
    expectEqual(wasExecuted, true, 'the service task ran');
    expectEqual((await h.tasks({ processInstanceId: pi })).length, 0, 'the interrupting event subprocess cancelled the user task');
    expectEqual((await h.engine.getExecutions(pi)).length, 0, 'no execution');
    expectEqual(await h.running(pi), false, 'ended');
  },
});
