import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #9 InclusiveGatewayTest.testDivergingInclusiveGateway',
  files: ['InclusiveGatewayTest.testDivergingInclusiveGateway.bpmn20.xml'],
  async run(h) {
    const expected: Record<number, string[]> = { 1: ['Task 1', 'Task 2', 'Task 3'], 2: ['Task 2', 'Task 3'], 3: ['Task 3'] };
    for (const input of [1, 2, 3]) {
      const pi = await h.engine.startProcess('inclusiveGwDiverging', { variables: { input } });
      expectEqual(await h.taskNames({ processInstanceId: pi.id }), expected[input], `input=${input}: tasks`);
      await h.engine.deleteProcessInstance(pi.id);
      expectEqual((await h.tasks()).length, 0, `input=${input}: nothing left after delete`);
    }
  },
});
