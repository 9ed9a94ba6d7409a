import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #33 ErrorEventSubProcessTest.testCatchErrorInEmbeddedSubProcess',
  files: ['ErrorEventSubProcessTest.testCatchErrorInEmbeddedSubProcess.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('CatchErrorInEmbeddedSubProcess')).id;
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Escalated Task'], 'exactly one task');
    const tree = await h.engine.getActivityTree(pi);
    const sub = tree?.childActivityInstances ?? [];
    expectEqual(sub.map((c) => c.activityId), ['subprocess'], 'the subprocess is still active');
    expectEqual(sub[0]?.childActivityInstances.map((c) => c.activityId), ['eventSubProcess'], 'the error event subprocess runs inside it');
    // when the event subprocess completes, the subprocess completes normally and the parent goes on to theEnd
    await h.complete('Escalated Task');
    expectEqual(await h.running(pi), false, 'ended');
    expectEqual((await h.engine.getHistoricActivities({ processInstanceId: pi, activityId: 'theEnd' })).length, 1, 'theEnd reached');
  },
});
