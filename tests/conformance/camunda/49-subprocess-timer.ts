import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';
import type { ActivityInstance } from '@liuzhuan/engine';

const shape = (a: ActivityInstance): string =>
  a.childActivityInstances.length ? `${a.activityId}(${a.childActivityInstances.map(shape).sort().join(',')})` : a.activityId;

/** camunda CASES.md #49: boundary timer (no cancelActivity → interrupting) on an embedded subprocess */
export default scenario({
  name: 'camunda #49 SubProcessTest.testSimpleSubProcessWithTimer',
  files: ['SubProcessTest.testSimpleSubProcessWithTimer.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('simpleSubProcess');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Task in subprocess'], 'tasks after start');
    let tree = await e.getActivityTree(pi.id);
    expectEqual(tree && shape(tree), 'simpleSubProcess(subProcess(subProcessTask))', 'tree after start');
    expectEqual((await e.getJobs({ processInstanceId: pi.id, type: 'timer' })).length, 1, 'timers after start');

    await h.advance((2 * 3600 + 1) * 1000);
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Fix escalated problem'], 'tasks after the timer');
    tree = await e.getActivityTree(pi.id);
    expectEqual(tree && shape(tree), 'simpleSubProcess(escalationTask)', 'the subprocess was left');
    expectEqual((await e.getJobs({ processInstanceId: pi.id, type: 'timer' })).length, 0, 'timers after firing');
    await h.complete('Fix escalated problem');
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
