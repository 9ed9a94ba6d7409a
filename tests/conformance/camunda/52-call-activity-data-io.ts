import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #52 (with #51): camunda:in/out with source/target and sourceExpression */
export default scenario({
  name: 'camunda #52 CallActivityTest.testSubProcessWithDataInputOutput',
  files: ['CallActivity.testSubProcessDataInputOutput.bpmn20.xml', 'simpleSubProcess.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('subProcessDataInputOutput', { variables: { superVariable: 'Hello from the super process.' } });
    const child = async () => {
      const c = await e.getProcessInstances({ superProcessInstanceId: pi.id });
      expectEqual(c.length, 1, 'one child instance');
      return c[0]!;
    };

    // 1. the child sees subVariable
    let sub = await child();
    let childTasks = await e.getTasks({ processInstanceId: sub.id });
    expectEqual(childTasks.map((t) => t.name), ['Task in subprocess'], 'first child task');
    expectEqual((await e.getVariables(sub.id)).subVariable, 'Hello from the super process.', 'child subVariable');

    // 2. changing it in the child leaves the parent unchanged
    await e.setVariables(sub.id, { subVariable: 'Hello from sub process.' });
    expectEqual((await e.getVariables(pi.id)).superVariable, 'Hello from the super process.', 'parent superVariable before the child ends');

    // 3. out-mapping (myLocalVariable is unset: must not fail)
    await e.completeTask(childTasks[0]!.id);
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Task in super process'], 'parent task after the first child');
    expectEqual((await e.getVariables(pi.id)).superVariable, 'Hello from sub process.', 'parent superVariable after the child');

    // 4. expression in-mapping ${x+5} → y
    await h.complete('userTask1', { x: 5 });
    sub = await child();
    expectEqual((await e.getVariables(sub.id)).y, 10, 'second child y');

    // 5. expression out-mapping ${y+5} → z
    childTasks = await e.getTasks({ processInstanceId: sub.id });
    await e.completeTask(childTasks[0]!.id);
    expectEqual((await e.getVariables(pi.id)).z, 15, 'parent z');
    await h.complete('userTask2');
    expectTrue(!(await h.running(pi.id)), 'parent ended');
    expectEqual((await e.getExecutions(pi.id)).length, 0, 'no executions left');
    expectEqual(await e.countProcessInstances(), 0, 'no instances left');
  },
});
