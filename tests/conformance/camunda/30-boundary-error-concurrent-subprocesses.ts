import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #30 BoundaryErrorEventTest.testCatchErrorInConcurrentEmbeddedSubprocesses',
  files: ['BoundaryErrorEventTest.testCatchErrorInConcurrentEmbeddedSubprocesses.bpmn20.xml'],
  async run(h) {
    const key = 'boundaryEventTestConcurrentSubprocesses';

    // scenario 1: A first → error 1 reaches the outer boundary, which cancels B
    const p1 = (await h.engine.startProcess(key)).id;
    expectEqual(await h.taskNames({ processInstanceId: p1 }), ['task A', 'task B'], '1. after start');
    await h.complete('task A');
    expectEqual(await h.taskNames({ processInstanceId: p1 }), ['task D'], '1. after A');
    await h.complete('task D');
    expectEqual(await h.running(p1), false, '1. ended');

    // scenario 2: B first → error 2 is caught on innerSubProcess2, the outer subprocess goes on
    const p2 = (await h.engine.startProcess(key)).id;
    expectEqual(await h.taskNames({ processInstanceId: p2 }), ['task A', 'task B'], '2. after start');
    await h.complete('task B');
    expectEqual(await h.taskNames({ processInstanceId: p2 }), ['task A', 'task C'], '2. after B');
    await h.complete('task C');
    expectEqual(await h.taskNames({ processInstanceId: p2 }), ['task A'], '2. after C');
    await h.complete('task A');
    expectEqual(await h.taskNames({ processInstanceId: p2 }), ['task D'], '2. after A');
  },
});
