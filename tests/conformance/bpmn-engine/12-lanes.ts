import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { timesEntered, topActivities } from './adapt.ts';

const FILE = 'lanes.bpmn';

/**
 * bpmn-engine #12 — "A definition with lanes".
 * Liuzhuan decisions: message flows between pools are documentation, not execution, and the
 * Listener pool is isExecutable="false" (not deployed). So task1 finishing starts nothing, and the
 * main process waits at its message catch `intermediate` (a message definition without
 * messageRef: it can only be moved on through the API, here `trigger`). bpmn-engine instead starts
 * 2 processes and completes both.
 */
export default scenario({
  name: `bpmn-engine #12 ${FILE}`,
  files: [FILE],
  deploy: false,
  async run(h) {
    const result = await h.deploy([FILE]);
    expectEqual(result.definitions.map((d) => d.key), ['mainProcess'], 'deployed processes');
    expectEqual(result.skipped, ['participantProcess'], 'the Listener pool is not executable');

    const p = await h.engine.startProcess('mainProcess');
    expectTrue(await h.running(p.id), 'the main process waits');
    expectEqual(await topActivities(h, p.id), ['intermediate'], 'waiting at the message catch');
    expectEqual((await h.engine.getHistoricInstances()).length, 1, 'one process start, not two');
    const vars = await h.engine.getVariables(p.id);
    expectEqual([vars.message, vars.arbval], ["I'm done", '10'], 'task1 output parameters');
    expectEqual('taskinput' in vars, false, 'the input parameter stayed local to task1');
    await h.advance(60_000);
    expectEqual(await topActivities(h, p.id), ['intermediate'], 'still waiting: nothing sends the message');

    const exec = (await h.engine.getExecutions(p.id)).find((e) => e.activityId === 'intermediate')!;
    await h.engine.trigger(exec.id);
    expectTrue(!(await h.running(p.id)), 'triggered: the main process ended');
    expectEqual(await timesEntered(h, p.id, 'mainEndEvent'), 1, 'ended at mainEndEvent');
  },
});
