import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #53 (with #51): camunda:in/out variables="all" */
export default scenario({
  name: 'camunda #53 CallActivityTest.testSubProcessAllDataInputOutput',
  files: ['CallActivity.testSubProcessAllDataInputOutput.bpmn20.xml', 'simpleSubProcess.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('subProcessAllDataInputOutput', {
      variables: { superVariable: 'Hello from the super process.', testVariable: 'Only a test.' },
    });
    await h.complete('Task before subprocess');

    const children = await e.getProcessInstances({ superProcessInstanceId: pi.id });
    expectEqual(children.length, 1, 'one child instance');
    const sub = children[0]!;
    const seen = await e.getVariables(sub.id);
    expectEqual(seen.superVariable, 'Hello from the super process.', 'child superVariable');
    expectEqual(seen.testVariable, 'Only a test.', 'child testVariable');

    await e.setVariables(sub.id, { superVariable: 'Hello from sub process.', testVariable: 'Only a test in sub process.' });
    const childTasks = await e.getTasks({ processInstanceId: sub.id });
    expectEqual(childTasks.map((t) => t.name), ['Task in subprocess'], 'child task');
    await e.completeTask(childTasks[0]!.id);

    const back = await e.getVariables(pi.id);
    expectEqual(back.superVariable, 'Hello from sub process.', 'parent superVariable after the child');
    expectEqual(back.testVariable, 'Only a test in sub process.', 'parent testVariable after the child');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Task after subprocess'], 'parent task after the child');
    await h.complete('Task after subprocess');
    expectTrue(!(await h.running(pi.id)), 'parent ended');
  },
});
