import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';
import type { ActivityInstance } from '@liuzhuan/engine';

const shape = (a: ActivityInstance): string =>
  a.childActivityInstances.length ? `${a.activityId}(${a.childActivityInstances.map(shape).sort().join(',')})` : a.activityId;

/**
 * camunda CASES.md #56: sequential MI user task with a PT2H boundary timer on the MI body.
 * Runs #testSequentialUserTasks, #testSequentialUserTasksWithTimer and
 * #testSequentialUserTasksCompletionCondition one after another.
 */
export default scenario({
  name: 'camunda #56 MultiInstanceTest.testSequentialUserTasks (+WithTimer, +CompletionCondition)',
  files: ['MultiInstanceTest.sequentialUserTasks.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const key = 'miSequentialUserTasks';

    // 1. nrOfLoops = 3: one task at a time, kermit_0..kermit_2
    let pi = await e.startProcess(key, { variables: { nrOfLoops: 3 } });
    for (let i = 0; i < 3; i++) {
      const tasks = await e.getTasks({ processInstanceId: pi.id });
      expectEqual(tasks.map((t) => t.assignee), [`kermit_${i}`], `S1: task ${i}`);
      const tree = await e.getActivityTree(pi.id);
      expectEqual(tree && shape(tree), `${key}(miTasks#multiInstanceBody(miTasks))`, `S1: tree at iteration ${i}`);
      await e.completeTask(tasks[0]!.id);
    }
    expectTrue(!(await h.running(pi.id)), 'S1: ended after 3 completions');

    // 2. with timer: the timer belongs to the MI body and is not recreated per iteration
    pi = await e.startProcess(key, { variables: { nrOfLoops: 3 } });
    const timers = await e.getJobs({ processInstanceId: pi.id, type: 'timer' });
    expectEqual(timers.length, 1, 'S2: timers after start');
    await e.completeTask((await e.getTasks({ processInstanceId: pi.id }))[0]!.id);
    const after = await e.getJobs({ processInstanceId: pi.id, type: 'timer' });
    expectEqual(after.map((j) => j.id), timers.map((j) => j.id), 'S2: the same single timer after one completion');
    expectEqual(await e.executeJob(after[0]!.id), true, 'S2: timer job ran');
    expectEqual((await e.getTasks({ processInstanceId: pi.id })).map((t) => t.taskDefinitionKey), ['taskAfterTimer'], 'S2: tasks after the timer');
    await h.complete('taskAfterTimer');
    expectTrue(!(await h.running(pi.id)), 'S2: ended');

    // 3. completion condition nrOfCompletedInstances == 5 with nrOfLoops = 10
    pi = await e.startProcess(key, { variables: { nrOfLoops: 10 } });
    for (let i = 0; i < 5; i++) {
      const tasks = await e.getTasks({ processInstanceId: pi.id });
      expectEqual(tasks.length, 1, `S3: one task at iteration ${i}`);
      await e.completeTask(tasks[0]!.id);
    }
    expectEqual((await e.getTasks({ processInstanceId: pi.id })).length, 0, 'S3: tasks after 5 completions');
    expectTrue(!(await h.running(pi.id)), 'S3: ended after 5 completions');
  },
});
