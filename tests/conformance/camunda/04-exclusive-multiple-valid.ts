import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #4 ExclusiveGatewayTest.testMultipleValidConditions',
  files: ['ExclusiveGatewayTest.testMultipleValidConditions.bpmn20.xml'],
  async run(h) {
    // input >= 2 and input >= 3 both hold: the first true flow in document order wins
    const pi = await h.engine.startProcess('exclusiveGwMultipleValidConditions', { variables: { input: 5 } });
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Task 2'], 'the only task');
  },
});
