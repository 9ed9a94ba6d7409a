import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #41 + #42: intermediate signal catch woken by a signal throw in another instance */
export default scenario({
  name: 'camunda #41 SignalEventTest.testSignalCatchIntermediate',
  files: ['SignalEventTests.catchAlertSignal.bpmn20.xml', 'SignalEventTests.throwAlertSignal.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const catcher = await e.startProcess('catchSignal');
    expectEqual((await e.getEventSubscriptions({ eventType: 'signal' })).length, 1, 'signal subscriptions after starting catchSignal');
    expectEqual(await e.countProcessInstances(), 1, 'instances after starting catchSignal');

    const thrower = await e.startProcess('throwSignal');
    expectTrue(thrower.ended, 'throwSignal ended at once');
    expectEqual((await e.getEventSubscriptions({ eventType: 'signal' })).length, 0, 'signal subscriptions after the throw');
    expectEqual(await e.countProcessInstances(), 0, 'instances after the throw');
    expectTrue(!(await h.running(catcher.id)), 'catcher resumed and ended');
  },
});
