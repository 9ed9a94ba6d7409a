import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';
import type { ActivityInstance } from '@liuzhuan/engine';

const shape = (a: ActivityInstance): string =>
  a.childActivityInstances.length ? `${a.activityId}(${a.childActivityInstances.map(shape).sort().join(',')})` : a.activityId;

/** camunda CASES.md #48: fork and join inside an embedded subprocess */
export default scenario({
  name: 'camunda #48 SubProcessTest.testSimpleParallelSubProcess',
  files: ['SubProcessTest.testSimpleParallelSubProcess.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('simpleParallelSubProcess');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Task A', 'Task B'], 'tasks after start');
    let tree = await e.getActivityTree(pi.id);
    expectEqual(tree && shape(tree), 'simpleParallelSubProcess(subProcess(task1,task2))', 'tree after start');

    await h.complete('Task A');
    tree = await e.getActivityTree(pi.id);
    // the token waiting at the join is an activity instance of its own
    expectEqual(tree && shape(tree), 'simpleParallelSubProcess(subProcess(subProcessJoin,task2))', 'tree after Task A');

    await h.complete('Task B');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Task after sub process'], 'tasks after Task B');
    await h.complete('Task after sub process');
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
