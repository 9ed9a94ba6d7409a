import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #34 ErrorEventSubProcessTest.testErrorCodeTakesPrecedence',
  files: ['ErrorEventSubProcessTest.testErrorCodeTakesPrecedence.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('CatchErrorInEmbeddedSubProcess')).id;
    // the specific error code beats the catch-all, and the inner event subprocess beats the boundary
    const tasks = await h.tasks({ processInstanceId: pi });
    expectEqual(tasks.map((t) => t.taskDefinitionKey), ['taskAfterErrorCatch2'], 'the single task');
    expectEqual((await h.engine.getHistoricActivities({ processInstanceId: pi, activityId: 'catchErrorBoundary' })).length, 0, 'the boundary did not fire');
    await h.complete('taskAfterErrorCatch2');
    expectEqual(await h.running(pi), false, 'ended');
  },
});
