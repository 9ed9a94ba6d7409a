import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { openTasks, topActivities } from './adapt.ts';

const FILE = 'issue-163.bpmn';

/**
 * bpmn-engine #9 — issue 163: a sub-process without start and end events (bpmn-js export).
 * BPMN 2.0 §10.2.5/§10.5.2: without a start event every activity without incoming flow (user task
 * A) starts with the sub-process, which completes once no token is left in it.
 */
export default scenario({
  name: `bpmn-engine #9 ${FILE}`,
  files: [FILE],
  async run(h) {
    const p = await h.engine.startProcess('Process_1fh0mrz');
    expectEqual(await openTasks(h, p.id), ['Activity_1bpb168'], 'the first user task waits');
    await h.complete('Activity_1bpb168');
    const tree = await h.engine.getActivityTree(p.id);
    const sub = tree?.childActivityInstances.find((c) => c.activityId === 'Activity_0h5hxio');
    expectEqual(await topActivities(h, p.id), ['Activity_0h5hxio'], 'the sub-process runs');
    expectEqual((sub?.childActivityInstances ?? []).map((c) => c.activityId), ['Activity_0xqu0xt'], 'user task A started with the sub-process');
    expectEqual(await openTasks(h, p.id), ['Activity_0xqu0xt'], 'A waits');
    await h.complete('Activity_0xqu0xt');
    expectEqual(await topActivities(h, p.id), ['Activity_0h5hxio'], 'the sub-process still runs');
    expectEqual(await openTasks(h, p.id), ['Activity_0c0569x'], 'B waits');
    await h.complete('Activity_0c0569x');
    expectEqual(await topActivities(h, p.id), ['Activity_09fprjg'], 'the sub-process completed without an end event');
    expectEqual(await openTasks(h, p.id), ['Activity_09fprjg'], 'the last user task waits');
    await h.complete('Activity_09fprjg');
    expectTrue(!(await h.running(p.id)), 'the instance ended');
  },
});
