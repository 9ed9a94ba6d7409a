import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #55: parallel MI over loopDataInputRef=assigneeList (a variable name), completion at ≥ 60 % */
export default scenario({
  name: 'camunda #55 MultiInstanceTest.testParallelUserTasksBasedOnCollection',
  files: ['MultiInstanceTest.testParallelUserTasksBasedOnCollection.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const assigneeList = ['kermit', 'gonzo', 'mispiggy', 'fozzie', 'bubba'];
    const pi = await e.startProcess('miParallelUserTasksBasedOnCollection', { variables: { assigneeList } });
    const tasks = await e.getTasks({ processInstanceId: pi.id });
    expectEqual(tasks.map((t) => t.assignee).sort(), [...assigneeList].sort(), 'one task per assignee');

    for (const who of ['bubba', 'fozzie', 'gonzo']) {
      const mine = await e.getTasks({ processInstanceId: pi.id, assignee: who });
      expectEqual(mine.length, 1, `task of ${who}`);
      await e.completeTask(mine[0]!.id);
    }
    expectEqual((await e.getTasks({ processInstanceId: pi.id })).length, 0, 'tasks after 3 completions');
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
