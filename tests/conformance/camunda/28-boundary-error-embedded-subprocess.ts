import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #28 BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocess',
  files: ['BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocess.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('boundaryErrorOnEmbeddedSubprocess')).id;
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['subprocessTask'], 'after start');
    // error end (code 123) → the catch-all boundary (no errorRef) on the subprocess
    await h.complete('subprocessTask');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['task after catching the error'], 'after the error');
    const tree = await h.engine.getActivityTree(pi);
    expectEqual(tree?.childActivityInstances.map((c) => c.activityId), ['taskAfterErrorCatch'], 'the subprocess is gone');
  },
});
