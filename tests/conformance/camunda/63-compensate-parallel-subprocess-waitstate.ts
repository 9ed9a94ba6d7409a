import type { ActivityInstance } from '@liuzhuan/engine';
import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

const count = (a: ActivityInstance, id: string): number =>
  (a.activityId === id ? 1 : 0) + a.childActivityInstances.reduce((n, c) => n + count(c, id), 0);

/** camunda CASES.md #63: user-task compensation handlers in a completed subprocess; the throw event waits */
export default scenario({
  name: 'camunda #63 CompensateEventTest.testCompensateParallelSubprocessCompHandlerWaitstate',
  files: ['CompensateEventTest.testCompensateParallelSubprocessCompHandlerWaitstate.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('compensateProcess');
    const undo = await e.getTasks({ processInstanceId: pi.id, taskDefinitionKey: 'undoBookHotel' });
    expectEqual(undo.length, 5, 'undoBookHotel tasks');
    const tree = await e.getActivityTree(pi.id);
    expectEqual(tree ? count(tree, 'undoBookHotel') : 0, 5, 'undoBookHotel activity instances');

    for (let i = 0; i < 5; i++) {
      // the throw event waits for the handlers: the receive task is not reached yet
      const atEnd = (await e.getExecutions(pi.id)).filter((x) => x.activityId === 'beforeEnd');
      expectEqual(atEnd.length, 0, `beforeEnd not reached with ${5 - i} handlers open`);
      await e.completeTask(undo[i]!.id);
    }
    expectEqual((await e.getTasks({ processInstanceId: pi.id })).map((t) => t.taskDefinitionKey), ['parallelTask'], 'remaining task');
    await h.complete('parallelTask');

    const wait = (await e.getExecutions(pi.id)).find((x) => x.activityId === 'beforeEnd');
    expectTrue(!!wait, 'token waits at receive task beforeEnd');
    await e.trigger(wait!.id);
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
