import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #54: parallel MI user task, loopCardinality ${5}, completion at ≥ 50 % */
export default scenario({
  name: 'camunda #54 MultiInstanceTest.testParallelUserTasksCompletionCondition',
  files: ['MultiInstanceTest.testParallelUserTasksCompletionCondition.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('miParallelUserTasksCompletionCondition');
    const tasks = await e.getTasks({ processInstanceId: pi.id });
    expectEqual(tasks.length, 5, 'tasks after start');
    for (let i = 0; i < 3; i++) {
      const open = await e.getTasks({ processInstanceId: pi.id });
      expectEqual(open.length, 5 - i, `open tasks before completion ${i + 1}`);
      expectTrue(await h.running(pi.id), `running before completion ${i + 1}`);
      await e.completeTask(open[0]!.id);
    }
    // 3/5 = 0.6 ≥ 0.5: the other 2 are cancelled
    expectEqual((await e.getTasks({ processInstanceId: pi.id })).length, 0, 'tasks after the 3rd completion');
    expectTrue(!(await h.running(pi.id)), 'instance ended after the 3rd completion');
  },
});
