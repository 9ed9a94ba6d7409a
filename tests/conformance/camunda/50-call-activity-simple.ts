import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #50 + #51: call activity running simpleSubProcess */
export default scenario({
  name: 'camunda #50 CallActivityTest.testCallSimpleSubProcess',
  files: ['CallActivity.testCallSimpleSubProcess.bpmn20.xml', 'simpleSubProcess.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('callSimpleSubProcess');
    expectEqual(await h.taskNames(), ['Task before subprocess'], 'tasks after start');
    await h.complete('Task before subprocess');

    const children = await e.getProcessInstances({ superProcessInstanceId: pi.id });
    expectEqual(children.map((c) => c.definitionKey), ['simpleSubProcess'], 'child instances');
    const child = children[0]!;
    const childTasks = await e.getTasks({ processInstanceId: child.id });
    expectEqual(childTasks.map((t) => t.name), ['Task in subprocess'], 'task of the child instance');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), [], 'no task in the parent while the child runs');
    await e.completeTask(childTasks[0]!.id);
    expectTrue(!(await h.running(child.id)), 'child ended');

    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Task after subprocess'], 'parent task after the child');
    await h.complete('Task after subprocess');
    expectTrue(!(await h.running(pi.id)), 'parent ended');
  },
});
