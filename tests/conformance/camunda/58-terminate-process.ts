import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #58: a terminate end event ends the whole process instance */
export default scenario({
  name: 'camunda #58 TerminateEndEventTest.testProcessTerminate',
  files: ['TerminateEndEventTest.testProcessTerminate.bpmn'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('terminateEndEventExample');
    // process plus 2 branches (one row per token in Liuzhuan, as in Camunda's concurrent executions here)
    const execs = await e.getExecutions(pi.id);
    expectEqual(execs.length, 3, 'executions after start');
    expectEqual(execs.filter((x) => x.kind === 'node').map((x) => x.activityId).sort(), ['preNormalTerminateTask', 'preTerminateTask'], 'active branches');
    await h.complete('preTerminateTask');
    expectTrue(!(await h.running(pi.id)), 'instance ended by the terminate end event');
    expectEqual((await e.getTasks()).length, 0, 'preNormalTerminateTask was cancelled');
  },
});
