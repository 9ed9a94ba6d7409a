import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #11 InclusiveGatewayTest.testPartialMergingInclusiveGateway',
  files: ['InclusiveGatewayTest.testPartialMergingInclusiveGateway.bpmn20.xml'],
  async run(h) {
    // conditional flows out of the start event: flow1 false, flow2 and flow3 true
    const pi = (await h.engine.startProcess('partialInclusiveGwMerging', { variables: { input: 2 } })).id;
    // partialInclusiveGw fires at once; fullInclusiveGw waits while partialTask can still reach it
    expectEqual((await h.tasks({ processInstanceId: pi })).map((t) => t.taskDefinitionKey), ['partialTask'], 'after start');
    await h.complete('partialTask');
    expectEqual((await h.tasks({ processInstanceId: pi })).map((t) => t.taskDefinitionKey), ['theTask'], 'after partialTask');
    await h.complete('theTask');
    expectEqual(await h.running(pi), false, 'ended');
  },
});
