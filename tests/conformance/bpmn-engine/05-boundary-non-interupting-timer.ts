import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { joinTokens, openTasks, timesEntered, topActivities } from './adapt.ts';

const FILE = 'boundary-non-interupting-timer.bpmn';

/**
 * bpmn-engine #5 — non-interrupting boundary timer (PT0.01S) into a parallel join, [DPE] for (b).
 * Liuzhuan decision: standard BPMN, no dead-path elimination.
 * (a) timer first, then the task: the join gets both tokens and the run completes.
 * (b) task at once: the timer is cancelled with the task, the join gets one token → stuck.
 * (c) cancel the user task (process-instance modification: cancel one activity instance): the
 *     boundary timer goes with it and never fires; no activity instance is left, so — as in
 *     Camunda's modification — the instance ends (externally terminated), as bpmn-engine's run does.
 */
export default scenario({
  name: `bpmn-engine #5 ${FILE}`,
  files: [FILE],
  async run(h) {
    // (a)
    const a = await h.engine.startProcess('Process_1');
    await h.advance(10);
    expectEqual(await timesEntered(h, a.id, 'boundaryEvent'), 1, '(a) the non-interrupting timer fired once');
    expectEqual(await openTasks(h, a.id), ['userTask'], '(a) the user task still waits');
    expectEqual(await joinTokens(h, a.id), ['join'], '(a) the timer token waits at the join');
    await h.advance(1000);
    expectEqual(await timesEntered(h, a.id, 'boundaryEvent'), 1, '(a) a duration timer fires only once');
    await h.complete('userTask');
    expectTrue(!(await h.running(a.id)), '(a) the instance ended');
    expectEqual(await timesEntered(h, a.id, 'EndEvent_04z4jtj'), 1, '(a) the end event was reached once');

    // (b)
    const b = await h.engine.startProcess('Process_1');
    await h.complete('userTask');
    expectEqual((await h.engine.getJobs({ processInstanceId: b.id })).length, 0, '(b) the timer was cancelled with the task');
    await h.advance(1000);
    expectEqual(await timesEntered(h, b.id, 'boundaryEvent'), 0, '(b) the boundary never fired');
    expectTrue(await h.running(b.id), '(b) the instance is still running');
    expectEqual(await joinTokens(h, b.id), ['join'], '(b) one token stuck at the join');
    expectEqual(await topActivities(h, b.id), ['join'], '(b) activity tree');

    // (c)
    const c = await h.engine.startProcess('Process_1');
    const [task] = await h.engine.getTasks({ processInstanceId: c.id });
    await h.engine.cancelActivityInstance(c.id, task!.executionId);
    expectEqual((await h.engine.getJobs({ processInstanceId: c.id })).length, 0, '(c) the timer went with the task');
    await h.advance(1000);
    expectEqual(await timesEntered(h, c.id, 'boundaryEvent'), 0, '(c) the boundary never fired');
    expectTrue(!(await h.running(c.id)), '(c) the run is over');
    const [hist] = await h.engine.getHistoricInstances({ processInstanceId: c.id });
    expectEqual(hist?.state, 'EXTERNALLY_TERMINATED', '(c) ended by the cancellation');
  },
});
