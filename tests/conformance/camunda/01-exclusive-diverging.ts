import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #1 ExclusiveGatewayTest.testDivergingExclusiveGateway',
  files: ['ExclusiveGatewayTest.testDivergingExclusiveGateway.bpmn20.xml'],
  async run(h) {
    for (const input of [1, 2, 3]) {
      const pi = await h.engine.startProcess('exclusiveGwDiverging', { variables: { input } });
      expectEqual(await h.taskNames({ processInstanceId: pi.id }), [`Task ${input}`], `input=${input}: the only task`);
      await h.engine.deleteProcessInstance(pi.id);
      expectEqual(await h.running(pi.id), false, `input=${input}: instance deleted`);
    }
  },
});
