import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #15 EventBasedGatewayTest.testCatchSignalCancelsTimer/testCatchTimerCancelsSignal (with #16)',
  files: ['EventBasedGatewayTest.testCatchAlertAndTimer.bpmn20.xml', 'EventBasedGatewayTest.throwAlertSignal.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const count = async () => ({
      subscriptions: (await e.getEventSubscriptions({ eventType: 'signal' })).filter((s) => s.processInstanceId !== null).length,
      timers: (await e.getJobs({ type: 'timer' })).length,
      instances: (await e.getProcessInstances()).length,
    });

    // signal wins
    const first = (await e.startProcess('catchSignal')).id;
    expectEqual(await count(), { subscriptions: 1, timers: 1, instances: 1 }, 'signal wins: after start');
    const thrower = await e.startProcess('throwSignal');
    expectEqual(thrower.ended, true, 'signal wins: the throwing instance ended at once');
    expectEqual(await count(), { subscriptions: 0, timers: 0, instances: 1 }, 'signal wins: after the signal');
    expectEqual(await h.taskNames({ processInstanceId: first }), ['afterSignal'], 'signal wins: task');
    await e.deleteProcessInstance(first);

    // timer wins
    const second = (await e.startProcess('catchSignal')).id;
    expectEqual(await count(), { subscriptions: 1, timers: 1, instances: 1 }, 'timer wins: after start');
    await h.advance(10_000);
    expectEqual(await count(), { subscriptions: 0, timers: 0, instances: 1 }, 'timer wins: after the timer');
    expectEqual(await h.taskNames({ processInstanceId: second }), ['afterTimer'], 'timer wins: task');
  },
});
