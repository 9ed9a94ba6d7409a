import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';
import type { ActivityInstance } from '@liuzhuan/engine';

const shape = (a: ActivityInstance): string =>
  a.childActivityInstances.length ? `${a.activityId}(${a.childActivityInstances.map(shape).sort().join(',')})` : a.activityId;

/** camunda CASES.md #39: non-interrupting message event subprocess at process level */
export default scenario({
  name: 'camunda #39 MessageEventSubprocessTest.testNonInterruptingUnderProcessDefinition',
  files: ['MessageEventSubprocessTest.testNonInterruptingUnderProcessDefinition.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const keys = async (pid: string) => (await e.getTasks({ processInstanceId: pid })).map((t) => t.taskDefinitionKey).sort();
    const treeShape = async (pid: string) => {
      const t = await e.getActivityTree(pid);
      return t ? shape(t) : null;
    };

    // Scenario 1: complete task → ended
    let pi = await e.startProcess('process');
    expectEqual((await e.getEventSubscriptions({ processInstanceId: pi.id, eventType: 'message' })).length, 1, 'S1: message subscription');
    await h.complete('task');
    expectTrue(!(await h.running(pi.id)), 'S1: ended');

    // Scenario 2: message, then task first, then the event subprocess task
    pi = await e.startProcess('process');
    await e.correlateMessage('newMessage', { processInstanceId: pi.id });
    expectEqual(await keys(pi.id), ['eventSubProcessTask', 'task'], 'S2: tasks after the message');
    await h.complete('task');
    expectTrue(await h.running(pi.id), 'S2: still running after task');
    // Camunda: 2 executions (process + event subprocess); Liuzhuan: the event subprocess scope is still active
    expectEqual(await treeShape(pi.id), 'process(subProcess(eventSubProcessTask))', 'S2: tree after task');
    await h.complete('eventSubProcessTask');
    expectTrue(!(await h.running(pi.id)), 'S2: ended');

    // Scenario 3: message, then the event subprocess task first, then task
    pi = await e.startProcess('process');
    await e.correlateMessage('newMessage', { processInstanceId: pi.id });
    expectEqual(await keys(pi.id), ['eventSubProcessTask', 'task'], 'S3: tasks after the message');
    await h.complete('eventSubProcessTask');
    // Camunda: 1 execution remains; Liuzhuan: only task is active
    expectEqual(await treeShape(pi.id), 'process(task)', 'S3: tree after eventSubProcessTask');
    await h.complete('task');
    expectTrue(!(await h.running(pi.id)), 'S3: ended');
  },
});
