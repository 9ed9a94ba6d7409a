import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #7 ParallelGatewayTest.testUnbalancedForkJoin',
  files: ['ParallelGatewayTest.testUnbalancedForkJoin.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('UnbalancedForkJoin')).id;
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Task 1', 'Task 2', 'Task 3'], 'after the fork');
    await h.complete('Task 1');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Task 2', 'Task 3'], 'firstJoin waits');
    await h.complete('Task 2');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Task 3', 'Task 4'], 'firstJoin fired');
    await h.complete('Task 3');
    expectEqual(await h.running(pi), true, 'secondJoin waits for Task 4');
    await h.complete('Task 4');
    expectEqual(await h.running(pi), false, 'ended');
  },
});
