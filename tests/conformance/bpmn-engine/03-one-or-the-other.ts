import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { timesEntered } from './adapt.ts';

const FILE = 'one-or-the-other.bpmn';

/**
 * bpmn-engine #3 — [DPE] "One or the other manual task - issue #138".
 * Liuzhuan decisions:
 * - standard BPMN joins (no dead-path elimination): an interrupted branch would leave the join
 *   waiting forever;
 * - a manual task is not a wait state for the engine (BPMN 2.0 §10.3.3): task1 and task2 pass at
 *   once where bpmn-engine waits for a signal. Both complete in the start command before either
 *   throw event broadcasts its signal (signals go out once the other tokens of the command have
 *   settled), so their boundary events are already gone, nothing is interrupted, and both tokens
 *   reach the join: the run ends, the same for "signal task1" and "signal task2" (both runs below).
 * A thrower never catches its own signal: its task's boundary left with the task.
 */
export default scenario({
  name: `bpmn-engine #3 ${FILE}`,
  files: [FILE],
  async run(h) {
    for (const run of [1, 2]) {
      const p = await h.engine.startProcess('Process_0a7qz95');
      expectTrue(!(await h.running(p.id)), `run ${run}: the instance ended`);
      for (const task of ['task1', 'task2']) expectEqual(await timesEntered(h, p.id, task), 1, `run ${run}: ${task} passed once`);
      for (const thrower of ['Event_1wx4moq', 'Event_1agh8kc']) expectEqual(await timesEntered(h, p.id, thrower), 1, `run ${run}: ${thrower} threw`);
      for (const boundary of ['Event_0nb69ki', 'Event_1ey9uic']) expectEqual(await timesEntered(h, p.id, boundary), 0, `run ${run}: boundary ${boundary} never fired`);
      expectEqual(await timesEntered(h, p.id, 'Event_1arkwr4'), 1, `run ${run}: the end event was reached`);
      expectEqual((await h.engine.getEventSubscriptions({ eventType: 'signal' })).length, 0, `run ${run}: no signal subscription left`);
    }
  },
});
