import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #13 InclusiveGatewayTest.testJoinAfterEventBasedGateway',
  files: ['InclusiveGatewayTest.testJoinAfterEventBasedGateway.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('process')).id;
    const keys = async () => (await h.tasks({ processInstanceId: pi })).map((t) => t.taskDefinitionKey);
    expectEqual(await keys(), ['theTask'], 'after start');
    await h.complete('theTask');
    // the join waits while a token sits at the event-based gateway
    expectEqual(await keys(), [], 'no task while the event-based gateway waits');
    expectEqual(await h.running(pi), true, 'still running');
    await h.engine.correlateMessage('foo');
    expectEqual(await keys(), ['taskAfterJoin'], 'after message foo');
    expectEqual((await h.engine.getEventSubscriptions({ processInstanceId: pi })).length, 0, 'the bar subscription is gone');
  },
});
