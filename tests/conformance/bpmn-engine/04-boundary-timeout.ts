import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { joinTokens, openTasks, timesEntered, topActivities } from './adapt.ts';

const FILE = 'boundary-timeout.bpmn';

/**
 * bpmn-engine #4 — [DPE] "boundary timeout".
 * Liuzhuan decision: standard BPMN, no dead-path elimination. The task's normal flow and the
 * interrupting timer's flow both enter a parallel join; exactly one of them ever carries a token,
 * so in both scenarios the instance stays active with one token stuck at `join`.
 * The empty `camunda:taskListener class=""` is not a handler Liuzhuan runs; it is ignored.
 */
export default scenario({
  name: `bpmn-engine #4 ${FILE}`,
  files: [FILE],
  async run(h) {
    // 1: the user completes the task before the timer (PT0.1S)
    const a = await h.engine.startProcess('timerProcess');
    expectEqual(await openTasks(h, a.id), ['userTask'], '1: the user task waits');
    expectEqual((await h.engine.getJobs({ processInstanceId: a.id, type: 'timer' })).length, 1, '1: the boundary timer is scheduled');
    await h.complete('userTask');
    expectEqual((await h.engine.getJobs({ processInstanceId: a.id, type: 'timer' })).length, 0, '1: the timer is gone with the task');
    await h.advance(1000);
    expectEqual(await timesEntered(h, a.id, 'boundTimeoutEvent'), 0, '1: the timer never fired');
    expectTrue(await h.running(a.id), '1: the instance is still running');
    expectEqual(await joinTokens(h, a.id), ['join'], '1: one token stuck at join');
    expectEqual(await topActivities(h, a.id), ['join'], '1: activity tree');

    // 2: the timer fires first and interrupts the task
    const b = await h.engine.startProcess('timerProcess');
    await h.advance(100);
    expectEqual(await timesEntered(h, b.id, 'boundTimeoutEvent'), 1, '2: the timer fired');
    expectEqual(await openTasks(h, b.id), [], '2: the user task was cancelled');
    expectEqual((await h.engine.getJobs({ processInstanceId: b.id })).length, 0, '2: no timer left');
    expectTrue(await h.running(b.id), '2: the instance is still running');
    expectEqual(await joinTokens(h, b.id), ['join'], '2: one token stuck at join');
    expectEqual(await topActivities(h, b.id), ['join'], '2: activity tree');
  },
});
