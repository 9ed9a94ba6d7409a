import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #27 IntermediateTimerEventTest.testTimeCycle',
  files: ['IntermediateTimerEventTest.testTimeCycle.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('process')).id;
    const timers = await h.engine.getJobs({ processInstanceId: pi, type: 'timer' });
    expectEqual(timers.length, 1, 'one timer');
    // Quartz cron "0 0/5 * * * ?": the next multiple of 5 minutes after the start (09:00 exactly → 09:05)
    expectEqual(timers[0]!.dueDate.toISOString(), '2026-01-05T09:05:00.000Z', 'due date of the cron timer');
    expectEqual(await h.engine.executeJob(timers[0]!.id), true, 'the timer fired');
    // an intermediate catch event fires once, even with a cycle
    expectEqual((await h.engine.getJobs({ processInstanceId: pi, type: 'timer' })).length, 0, 'no timer left');
    expectEqual((await h.tasks({ processInstanceId: pi })).map((t) => t.taskDefinitionKey), ['task'], 'task');
    await h.complete('task');
    expectEqual(await h.running(pi), false, 'ended');
  },
});
