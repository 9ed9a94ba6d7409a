import { expectEqual } from '../expect.ts';
import type { Harness } from '../harness.ts';
import { scenario } from '../scenario.ts';

async function children(h: Harness, pi: string): Promise<string[]> {
  const tree = await h.engine.getActivityTree(pi);
  return (tree?.childActivityInstances ?? []).map((c) => c.activityId).sort();
}

export default scenario({
  name: 'camunda #6 ParallelGatewayTest.testNestedForkJoin',
  files: ['ParallelGatewayTest.testNestedForkJoin.bpmn20.xml'],
  async run(h) {
    const pi = (await h.engine.startProcess('nestedForkJoin')).id;
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Task 0'], '1. tasks');
    expectEqual(await children(h, pi), ['Task_0'], '1. activity instances');

    await h.complete('Task 0');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Task A', 'Task B'], '2. tasks');
    expectEqual(await children(h, pi), ['Task_A', 'Task_B'], '2. activity instances');

    await h.complete('Task A');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Task B'], '3. tasks');
    // the token waiting at Join_AB is an activity instance of its own
    expectEqual(await children(h, pi), ['Join_AB', 'Task_B'], '3. activity instances');

    await h.complete('Task B');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Task B1', 'Task B2'], '4. tasks');
    expectEqual(await children(h, pi), ['Join_AB', 'Task_B1', 'Task_B2'], '4. activity instances');

    await h.complete('Task B1');
    await h.complete('Task B2');
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['Task C'], '5. tasks');
    expectEqual(await children(h, pi), ['Task_C'], '5. activity instances');
  },
});
