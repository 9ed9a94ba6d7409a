import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';
import type { ActivityInstance } from '@liuzhuan/engine';

const shape = (a: ActivityInstance): string =>
  a.childActivityInstances.length ? `${a.activityId}(${a.childActivityInstances.map(shape).sort().join(',')})` : a.activityId;

/** camunda CASES.md #47: nested embedded subprocesses */
export default scenario({
  name: 'camunda #47 SubProcessTest.testNestedSimpleSubProcess',
  files: ['SubProcessTest.testNestedSimpleSubProcess.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    // deleting a fresh instance must work
    const first = await e.startProcess('nestedSimpleSubProcess', { variables: { someVar: 'abc' } });
    await e.deleteProcessInstance(first.id);
    expectTrue(!(await h.running(first.id)), 'deleted instance is gone');

    const pi = await e.startProcess('nestedSimpleSubProcess');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Task in subprocess'], 'tasks after start');
    const tree = await e.getActivityTree(pi.id);
    expectEqual(tree && shape(tree), 'nestedSimpleSubProcess(outerSubProcess(innerSubProcess(innerSubProcessTask)))', 'activity tree');
    await h.complete('Task in subprocess');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Task after subprocesses'], 'tasks after the subprocesses');
    await h.complete('Task after subprocesses');
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
