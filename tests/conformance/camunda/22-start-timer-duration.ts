import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #22 StartTimerEventTest.testDurationStartTimerEvent',
  files: ['StartTimerEventTest.testDurationStartTimerEvent.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const instances = async () => (await e.getProcessInstances({ processDefinitionKey: 'startTimerEventExample' })).length;
    // deployment alone arms the start timer
    expectEqual((await e.getJobs({ type: 'timer' })).length, 1, 'after deploy: timers');
    expectEqual(await instances(), 0, 'after deploy: instances');
    await h.advance(50 * 60_000 + 5_000);
    await e.runDueJobs();
    expectEqual(await instances(), 1, 'after 50 min: instances');
    expectEqual((await e.getJobs({ type: 'timer' })).length, 0, 'a duration fires once');
  },
});
