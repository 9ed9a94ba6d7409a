import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #2 ExclusiveGatewayTest.testDefaultSequenceFlow',
  files: ['ExclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml'],
  async run(h) {
    const one = await h.engine.startProcess('exclusiveGwDefaultSequenceFlow', { variables: { input: 1 } });
    expectEqual(await h.taskNames({ processInstanceId: one.id }), ['Input is one'], 'input=1: the only task');
    // the default flow is taken only when no condition holds
    const five = await h.engine.startProcess('exclusiveGwDefaultSequenceFlow', { variables: { input: 5 } });
    expectEqual(await h.taskNames({ processInstanceId: five.id }), ['Default input'], 'input=5: the only task');
  },
});
