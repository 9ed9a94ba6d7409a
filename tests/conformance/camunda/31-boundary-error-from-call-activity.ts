import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #31 BoundaryErrorEventTest.testCatchErrorThrownByCallActivityOnSubprocess (with #32)',
  files: ['BoundaryErrorEventTest.testCatchErrorThrownByCallActivityOnSubprocess.bpmn20.xml', 'BoundaryErrorEventTest.subprocess.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('catchErrorOnSubprocess')).id;
    const children = await h.engine.getProcessInstances({ superProcessInstanceId: pi });
    expectEqual(children.map((c) => c.definitionKey), ['simpleSubProcess'], 'the called instance');
    expectEqual(await h.taskNames({ processInstanceId: children[0]!.id }), ['Task in subprocess'], 'task in the child');
    // errorRef "myError" without an <error> element: the text is the error code on both sides
    await h.complete('Task in subprocess');
    expectEqual(await h.running(children[0]!.id), false, 'the child ended');
    expectEqual(await h.taskNames(), ['Escalated Task'], 'the only task');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Escalated Task'], 'in the parent');
    await h.complete('Escalated Task');
    expectEqual(await h.running(pi), false, 'parent ended');
  },
});
