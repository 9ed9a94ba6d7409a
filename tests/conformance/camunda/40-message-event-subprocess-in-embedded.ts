import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';
import type { ActivityInstance } from '@liuzhuan/engine';

const shape = (a: ActivityInstance): string =>
  a.childActivityInstances.length ? `${a.activityId}(${a.childActivityInstances.map(shape).sort().join(',')})` : a.activityId;

/** camunda CASES.md #40: non-interrupting message event subprocess inside embedded subprocess scope1 */
export default scenario({
  name: 'camunda #40 MessageEventSubprocessTest.testNonInterruptingInEmbeddedSubprocess',
  files: ['MessageEventSubprocessTest.testNonInterruptingInEmbeddedSubprocess.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const keys = async (pid: string) => (await e.getTasks({ processInstanceId: pid })).map((t) => t.taskDefinitionKey).sort();
    const messageSubs = async () => (await e.getEventSubscriptions({ eventType: 'message', eventName: 'newMessage' })).length;
    const treeShape = async (pid: string) => {
      const t = await e.getActivityTree(pid);
      return t ? shape(t) : null;
    };

    // Scenario 1: complete task → scope1 and the process end; the subscription is gone
    let pi = await e.startProcess('process');
    expectEqual(await messageSubs(), 1, 'S1: subscription while scope1 is active');
    await h.complete('task');
    expectTrue(!(await h.running(pi.id)), 'S1: ended');
    expectEqual(await messageSubs(), 0, 'S1: subscriptions after end');

    // Scenario 2: correlate, complete task first
    pi = await e.startProcess('process');
    await e.correlateMessage('newMessage');
    expectEqual(await keys(pi.id), ['eventSubProcessTask', 'task'], 'S2: tasks after the message');
    await h.complete('task');
    expectTrue(await h.running(pi.id), 'S2: still running after task');
    // Camunda: 3 executions (process, scope, event subprocess) = this scope nesting in Liuzhuan
    expectEqual(await treeShape(pi.id), 'process(scope1(subProcess(eventSubProcessTask)))', 'S2: tree after task');
    await h.complete('eventSubProcessTask');
    expectTrue(!(await h.running(pi.id)), 'S2: ended');
    expectEqual(await messageSubs(), 0, 'S2: subscriptions after end');

    // Scenario 3: correlate, complete the event subprocess task first
    pi = await e.startProcess('process');
    await e.correlateMessage('newMessage');
    expectEqual(await keys(pi.id), ['eventSubProcessTask', 'task'], 'S3: tasks after the message');
    await h.complete('eventSubProcessTask');
    // Camunda: 2 executions (process, scope) = process → scope1 → task in Liuzhuan
    expectEqual(await treeShape(pi.id), 'process(scope1(task))', 'S3: tree after eventSubProcessTask');
    await h.complete('task');
    expectTrue(!(await h.running(pi.id)), 'S3: ended');
    expectEqual(await messageSubs(), 0, 'S3: subscriptions after end');
  },
});
