import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #5 ParallelGatewayTest.testForkJoin',
  files: ['ParallelGatewayTest.testForkJoin.bpmn20.xml'],
  async run(h) {
    const pi = await h.engine.startProcess('forkJoin');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Receive Payment', 'Ship Order'], 'after the fork');
    await h.complete('Receive Payment');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Ship Order'], 'the join waits');
    await h.complete('Ship Order');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Archive Order'], 'after the join');
    await h.complete('Archive Order');
    expectEqual(await h.running(pi.id), false, 'ended');
  },
});
