import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

const HOUR = 3_600_000;

export default scenario({
  name: 'camunda #21 BoundaryTimerNonInterruptingEventTest.testTimerWithCycle',
  files: ['BoundaryTimerNonInterruptingEventTest.testTimerWithCycle.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('nonInterruptingCycle')).id;
    const fired = async () => (await h.tasks({ processInstanceId: pi, taskDefinitionKey: 'timerFiredTask' })).length;
    expectEqual(await fired(), 0, 'at first');
    await h.advance(HOUR);
    expectEqual(await fired(), 1, 'after 1 h');
    await h.advance(HOUR);
    expectEqual(await fired(), 2, 'after 2 h');
    await h.complete('task');
    expectEqual((await h.engine.getJobs({ processInstanceId: pi, type: 'timer' })).length, 0, 'the cycle stopped with the task');
    await h.advance(HOUR);
    expectEqual(await fired(), 2, 'after 3 h');
  },
});
