import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #26 IntermediateTimerEventTest.testCatchingTimerEvent',
  files: ['IntermediateTimerEventTest.testCatchingTimerEvent.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('intermediateTimerEventExample')).id;
    expectEqual((await h.engine.getJobs({ processInstanceId: pi, type: 'timer' })).length, 1, 'one timer');
    await h.advance(50 * 60_000 + 5_000);
    expectEqual((await h.engine.getJobs({ type: 'timer' })).length, 0, 'no timer');
    expectEqual(await h.running(pi), false, 'ended');
  },
});
