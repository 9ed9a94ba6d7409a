import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { NotificationService } from '../../src/services/notifications/index.ts';
import { chainProcess } from '../approvals/approval-setup.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { oneTaskProcess, webhookRecorder } from './notifications-setup.ts';

// Notifications from the engine's after-commit events: a new task tells the people it waits
// for, a delegation tells the delegate, a request that ended tells its initiator.

let t: TestApp;
let hooks: Awaited<ReturnType<typeof webhookRecorder>>;
beforeAll(async () => {
  hooks = await webhookRecorder();
  t = await createTestApp();
  for (const id of ['emp', 'alice', 'bob', 'dave', 'a', 'b']) await t.user(id, { groups: ['alice', 'bob'].includes(id) ? ['sales'] : [] });
  await t.user('carol', { groups: ['ops'] });
  const e = t.app.engine;
  await e.deploy([{ name: 'assignee.bpmn', content: oneTaskProcess('assigned', 'camunda:assignee="dave"') }]);
  await e.deploy([{ name: 'group.bpmn', content: oneTaskProcess('grouped', 'camunda:candidateGroups="sales" camunda:candidateUsers="carol"') }]);
  await e.deploy([{ name: 'chain.bpmn', content: chainProcess('chain', [{ id: 's', name: 'Countersign', collection: '=["a","b"]' }]) }]);
});
afterAll(async () => {
  await t.close();
  await hooks.close();
});

const inbox = async (userId: string) => (await t.app.notifications.list(userId, { max: 200 })).rows;
const start = async (key: string, startUserId?: string) => {
  const started = await t.app.engine.startProcess(key, startUserId ? { startUserId } : {});
  await t.app.notifications.idle();
  return started.id;
};
const taskOf = async (instanceId: string) => (await t.app.engine.getTasks({ processInstanceId: instanceId }))[0]!;

describe('notifications from engine events', () => {
  it("tells a new task's assignee, with a link to the task", async () => {
    // when
    const id = await start('assigned', 'emp');
    // then
    const task = await taskOf(id);
    expect(await inbox('dave')).toMatchObject([
      { kind: 'task.assigned', title: 'New task: Check the order', body: 'Order assigned, started by emp', link: `/tasks/${task.id}`, taskId: task.id, processInstanceId: id, readAt: null },
    ]);
    expect(await inbox('alice')).toEqual([]);
  });

  it('tells the candidate users and the members of the candidate groups, and a group webhook once', async () => {
    // given
    const hook = await t.admin({ method: 'POST', url: '/api/notifications/webhooks', payload: { ownerKind: 'group', ownerId: 'sales', url: hooks.url('/sales'), flavor: 'dingtalk' } });
    expect(hook.statusCode, hook.body).toBe(201);
    // when
    const id = await start('grouped', 'emp');
    await t.app.notifications.deliverDue();
    // then
    const task = await taskOf(id);
    for (const u of ['alice', 'bob', 'carol']) expect((await inbox(u)).filter((n) => n.taskId === task.id).map((n) => n.kind), u).toEqual(['task.assigned']);
    expect((await inbox('dave')).some((n) => n.taskId === task.id)).toBe(false);
    expect(hooks.on('/sales')).toHaveLength(1);
    expect(hooks.on('/sales')[0]!.body).toEqual({ msgtype: 'text', text: { content: `New task: Check the order\nOrder grouped, started by emp\n/tasks/${task.id}` } });
    expect((await t.admin({ method: 'DELETE', url: `/api/notifications/webhooks/${hook.json().id}` })).statusCode).toBe(204);
  });

  it('tells each approver of a multi-instance approval step', async () => {
    // when
    const id = await start('chain', 'emp');
    // then
    const tasks = await t.app.engine.getTasks({ processInstanceId: id });
    for (const u of ['a', 'b']) {
      const mine = tasks.find((x) => x.assignee === u)!;
      expect((await inbox(u)).map((n) => [n.kind, n.taskId])).toEqual([['task.assigned', mine.id]]);
    }
  });

  it('tells the delegate of a delegated task', async () => {
    // given
    const id = await start('assigned', 'emp');
    const task = await taskOf(id);
    // when
    await t.app.engine.delegateTask(task.id, 'carol');
    await t.app.notifications.idle();
    // then
    expect((await inbox('carol')).filter((n) => n.taskId === task.id)).toMatchObject([{ kind: 'task.delegated', title: 'dave delegated "Check the order" to you', link: `/tasks/${task.id}` }]);
  });

  it('tells the initiator when the request completes or is canceled, not when they withdrew it', async () => {
    // given
    const done = await start('assigned', 'emp');
    const canceled = await start('assigned', 'emp');
    const withdrawn = await start('assigned', 'emp');
    // when
    await t.app.engine.completeTask((await taskOf(done)).id);
    await t.app.engine.deleteProcessInstance(canceled, 'order cancelled by the customer');
    await t.app.engine.deleteProcessInstance(withdrawn, 'withdrawn');
    await t.app.notifications.idle();
    // then
    const emp = await inbox('emp');
    expect(emp.filter((n) => n.processInstanceId === done)).toMatchObject([{ kind: 'request.completed', title: 'Your request "Order assigned" is complete', body: 'Result: Done', link: `/requests/${done}` }]);
    expect(emp.filter((n) => n.processInstanceId === canceled)).toMatchObject([{ kind: 'request.canceled', body: 'Reason: order cancelled by the customer', link: `/requests/${canceled}` }]);
    expect(emp.filter((n) => n.processInstanceId === withdrawn)).toEqual([]);
  });

  it('tells nobody about the end of an instance without an initiator', async () => {
    // given
    const id = await start('assigned');
    const before = (await inbox('emp')).length;
    // when
    await t.app.engine.completeTask((await taskOf(id)).id);
    await t.app.notifications.idle();
    // then
    expect((await inbox('emp')).length).toBe(before);
  });

  it('never fails the engine command when notifying fails (the error is logged)', async () => {
    // given a second notification service whose directory is broken
    const lines: string[] = [];
    const record = (o: unknown, m?: string) => void lines.push(`${String((o as { err?: Error }).err?.message ?? '')} ${m ?? ''}`);
    const log = { level: 'warn', warn: record, error: record, info: () => {}, debug: () => {}, trace: () => {}, fatal: record, silent: () => {}, child: () => log } as unknown as FastifyBaseLogger;
    const broken = new NotificationService(
      t.app.engine,
      {
        identity: {
          queryUsers: () => Promise.reject(new Error('directory down')),
          listUsers: () => Promise.reject(new Error('directory down')),
          getUser: () => Promise.reject(new Error('directory down')),
          getGroup: () => Promise.reject(new Error('directory down')),
        },
        mailer: () => null,
      },
      log,
    );
    broken.listen();
    // when
    const id = await start('grouped', 'emp');
    await broken.idle();
    await broken.stop();
    // then the instance started and the app's own service still told the group
    const task = await taskOf(id);
    expect(task).toBeDefined();
    expect((await inbox('alice')).some((n) => n.taskId === task.id)).toBe(true);
    expect(lines.join('')).toContain('directory down');
  });
});
