import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #29 BoundaryErrorEventTest.testCatchErrorOfInnerSubprocessOnOuterSubprocess',
  files: ['BoundaryErrorEventTest.testCatchErrorOfInnerSubprocessOnOuterSubprocess.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('boundaryErrorTest')).id;
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Inner subprocess task 1', 'Inner subprocess task 2'], 'after start');
    // code 123 passes the inner boundary (456) and is caught on the outer subprocess
    await h.complete('Inner subprocess task 2');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['task outside subprocess'], 'after the error');
    const tree = await h.engine.getActivityTree(pi);
    expectEqual(tree?.childActivityInstances.map((c) => c.activityId), ['taskAfterErrorCatch'], 'both subprocesses are gone');
  },
});
