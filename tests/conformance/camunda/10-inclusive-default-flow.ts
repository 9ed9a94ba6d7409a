import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #10 InclusiveGatewayTest.testDefaultSequenceFlow',
  files: ['InclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml'],
  async run(h) {
    const cases: [number, string[]][] = [
      [1, ['Input is one', 'Input is three or one']], // the default is not taken
      [3, ['Input is three or one']],
      [5, ['Default input']],
    ];
    for (const [input, names] of cases) {
      const pi = await h.engine.startProcess('inclusiveGwDefaultSequenceFlow', { variables: { input } });
      expectEqual(await h.taskNames({ processInstanceId: pi.id }), names, `input=${input}: tasks`);
    }
  },
});
