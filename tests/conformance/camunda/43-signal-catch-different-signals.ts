import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #43 + #44 (+ #42): implicit fork from the start event; "abort" catch and "alert" boundary */
export default scenario({
  name: 'camunda #43 SignalEventTest.testSignalCatchDifferentSignals',
  files: [
    'SignalEventTests.catchMultipleSignals.bpmn20.xml',
    'SignalEventTests.throwAbortSignal.bpmn20.xml',
    'SignalEventTests.throwAlertSignal.bpmn20.xml',
  ],
  async run(h) {
    const e = h.engine;
    const signalSubs = async () => (await e.getEventSubscriptions({ eventType: 'signal' })).length;
    const pi = await e.startProcess('catchSignal');
    expectEqual(await signalSubs(), 2, 'signal subscriptions after start');

    await e.startProcess('throwAbort');
    expectEqual(await signalSubs(), 1, 'signal subscriptions after abort');
    const gonzo = await e.getTasks({ assignee: 'gonzo' });
    expectEqual(gonzo.length, 1, "gonzo's task after abort");
    await e.completeTask(gonzo[0]!.id);
    expectTrue(await h.running(pi.id), "instance keeps running while kermit's task is open");
    expectEqual((await e.getTasks({ processInstanceId: pi.id })).map((t) => t.assignee), ['kermit'], 'remaining task');

    await e.startProcess('throwSignal');
    expectEqual(await signalSubs(), 0, 'signal subscriptions after alert');
    expectEqual(await e.countProcessInstances(), 0, 'instances after alert');
  },
});
