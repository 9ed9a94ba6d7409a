import { expectEqual, expectRejects } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #3 ExclusiveGatewayTest.testNoSequenceFlowSelected',
  files: ['ExclusiveGatewayTest.testNoSequenceFlowSelected.bpmn20.xml'],
  async run(h) {
    // Camunda ENGINE-02004: no outgoing sequence flow of exclusiveGw can be selected
    const err = await expectRejects(
      h.engine.startProcess('exclusiveGwNoSeqFlowSelected', { variables: { input: 4 } }),
      'LZ_ERR_NO_OUTGOING_FLOW',
      'start with input=4',
    );
    expectEqual(err.message.includes('exclusiveGw'), true, `the error names the gateway (${err.message})`);
    expectEqual((await h.engine.getProcessInstances({ processDefinitionKey: 'exclusiveGwNoSeqFlowSelected' })).length, 0, 'no instance left behind');
    expectEqual((await h.tasks()).length, 0, 'no task left behind');
  },
});
