import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #59: a terminate end event inside a subprocess ends that scope only */
export default scenario({
  name: 'camunda #59 TerminateEndEventTest.testTerminateInSubProcessConcurrent',
  files: ['TerminateEndEventTest.testTerminateInSubProcessConcurrent.bpmn'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('terminateEndEventExample');
    // Camunda: 1 execution (the process instance at preNormalEnd); Liuzhuan: root + one token at preNormalEnd
    const execs = await e.getExecutions(pi.id);
    expectEqual(execs.filter((x) => x.kind !== 'process').map((x) => x.activityId), ['preNormalEnd'], 'executions besides the root');
    const tree = await e.getActivityTree(pi.id);
    expectEqual(tree?.childActivityInstances.map((a) => a.activityId), ['preNormalEnd'], 'activity tree: only preNormalEnd');
    expectEqual((await e.getTasks({ processInstanceId: pi.id })).map((t) => t.taskDefinitionKey), ['preNormalEnd'], 'tasks (UserTask_1 cancelled or never created)');
    expectTrue(await h.running(pi.id), 'the process itself keeps running');
    await h.complete('preNormalEnd');
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
