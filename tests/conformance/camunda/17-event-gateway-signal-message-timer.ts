import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #17 EventBasedGatewayTest.testCatchSignalAndMessageAndTimer',
  files: ['EventBasedGatewayTest.testCatchSignalAndMessageAndTimer.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = (await e.startProcess('catchSignal')).id;
    const subs = await e.getEventSubscriptions({ processInstanceId: pi });
    expectEqual(subs.map((s) => s.eventType).sort(), ['message', 'signal'], 'one message and one signal subscription');
    expectEqual(new Set(subs.map((s) => s.executionId)).size, 1, 'both on the same execution');
    expectEqual((await e.getJobs({ processInstanceId: pi, type: 'timer' })).length, 1, 'one timer');

    // the clock passes the timer's due date, but the message arrives before any job runs
    h.clock.set(h.clock.now().getTime() + 10_000);
    await e.correlateMessage('newInvoice');
    expectEqual((await e.getEventSubscriptions({ processInstanceId: pi })).length, 0, 'no subscription left');
    expectEqual((await e.getJobs({ processInstanceId: pi, type: 'timer' })).length, 0, 'no timer left');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['afterMessage'], 'task after the message');
    await h.complete('afterMessage');
    expectEqual(await h.running(pi), false, 'ended');
  },
});
