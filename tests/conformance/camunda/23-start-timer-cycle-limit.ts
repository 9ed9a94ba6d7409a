import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #23 StartTimerEventTest.testCycleWithLimitStartTimerEvent',
  files: ['StartTimerEventTest.testCycleWithLimitStartTimerEvent.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const state = async () => ({
      instances: (await e.getProcessInstances({ processDefinitionKey: 'startTimerEventExampleCycle' })).length,
      timers: (await e.getJobs({ type: 'timer' })).length,
    });
    expectEqual(await state(), { instances: 0, timers: 1 }, 'after deploy');
    await h.advance(5 * 60_000);
    expectEqual(await state(), { instances: 1, timers: 1 }, 'after 5 min (re-armed)');
    await h.advance(5 * 60_000);
    expectEqual(await state(), { instances: 2, timers: 0 }, 'after 10 min (R2 reached)');
  },
});
