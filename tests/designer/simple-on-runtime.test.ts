/**
 * Simple mode's output on the real runtime: each tree is saved and published through the
 * drafts API as the designer does it (PUT /api/drafts/:id with mode 'simple', then publish),
 * started, and decided through POST /api/tasks/:id/act — so the runtime's approval service
 * reads the lz.* properties the designer wrote (docs/approvals.md): modes, ratio, empty
 * approvers, auto-approval, comments, the resubmit step, withdrawing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@liuzhuan/engine';
import { buildApp, readConfig, type App } from '@liuzhuan/runtime';
import { toBpmn } from '../../designer/src/simple/to-bpmn.ts';
import type { ApproverNode, SimpleTree } from '../../designer/src/simple/types.ts';
import { validateTree } from '../../designer/src/simple/validate-tree.ts';
import { approver, everyOptionTree, tree } from './simple-fixtures.ts';

const ADMIN_PASSWORD = 'admin-simple-1';
type Who = { id: string; password: string };
const admin: Who = { id: 'admin', password: ADMIN_PASSWORD };
const auth = (w: Who) => `Basic ${Buffer.from(`${w.id}:${w.password}`).toString('base64')}`;

let app: App;
let db: Db;
let schema: string | null = null;

async function call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return app.fastify.inject({ method, url, headers: { authorization: auth(who) }, ...(payload ? { payload } : {}) });
}
const user = (id: string): Who => ({ id, password: `${id}-pass-1` });

/**
 * The company: emp (the initiator) works in ops, headed by olga; emp's manager is mgr, mgr's is
 * boss; the group board has a, b and c; ana is an analyst.
 */
beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  schema = url ? `lzsr_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` : null;
  db = url ? await openDb({ databaseUrl: url, schema: schema!, poolSize: 6 }) : await openDb({});
  app = await buildApp(readConfig({ PORT: '0', ADMIN_PASSWORD, JOB_EXECUTOR: 'off', PLUGINS: 'none' }), { db });
  for (const id of ['emp', 'mgr', 'boss', 'olga', 'a', 'b', 'c', 'ana']) {
    await app.identity.createUser({ id, firstName: id, lastName: null, email: null }, user(id).password);
    await app.identity.setRoles(id, id === 'ana' ? ['analyst'] : ['employee']);
  }
  await app.identity.createGroup('board', 'Board', 'WORKFLOW');
  for (const id of ['a', 'b', 'c']) await app.identity.addMember(id, 'board');
  const ok = async (r: Promise<{ statusCode: number; body: string }>) => expect((await r).statusCode, (await r).body).toBeLessThan(300);
  await ok(call(admin, 'POST', '/api/org/departments', { id: 'ops', name: 'Ops', headUserId: 'olga' }));
  await ok(call(admin, 'PUT', '/api/org/users/emp', { departmentId: 'ops', managerId: 'mgr', title: null }));
  await ok(call(admin, 'PUT', '/api/org/users/mgr', { departmentId: 'ops', managerId: 'boss', title: null }));
});
afterAll(async () => {
  await app.close();
  if (schema) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.close();
});

let n = 0;
/** creates and saves a simple-mode draft as the designer does; returns its id and key */
async function saveDraft(t: SimpleTree): Promise<{ id: string; key: string }> {
  const key = `simple-rt-${++n}`;
  const created = await call(user('ana'), 'POST', '/api/drafts', { kind: 'bpmn', key, name: key, content: toBpmn(tree([]), { key, name: key }), mode: 'simple' });
  expect(created.statusCode, created.body).toBe(201);
  const d = created.json();
  const saved = await call(user('ana'), 'PUT', `/api/drafts/${d.id}`, { name: key, content: toBpmn(t, { key, name: key }), simple: t, mode: 'simple', revision: d.revision });
  expect(saved.statusCode, saved.body).toBe(200);
  return { id: d.id, key };
}

/** saves and publishes a simple-mode draft; returns the key */
async function publish(t: SimpleTree): Promise<string> {
  const { id, key } = await saveDraft(t);
  const published = await call(user('ana'), 'POST', `/api/drafts/${id}/publish`);
  expect(published.statusCode, published.body).toBe(201);
  return key;
}

async function start(key: string, variables: Record<string, unknown> = {}): Promise<string> {
  return (await app.engine.startProcess(key, { startUserId: 'emp', variables })).id;
}

/** open tasks as "activity:assignee", sorted */
async function open(pi: string): Promise<string[]> {
  return (await app.engine.getTasks({ processInstanceId: pi })).map((t) => `${t.taskDefinitionKey}:${t.assignee}`).sort();
}

async function act(who: string, pi: string, activityId: string, body: Record<string, unknown>, status = 200) {
  const tasks = (await app.engine.getTasks({ processInstanceId: pi, taskDefinitionKey: activityId })).filter((t) => t.assignee === who);
  expect(tasks, `${who}'s task at ${activityId}`).toHaveLength(1);
  const r = await call(user(who), 'POST', `/api/tasks/${tasks[0]!.id}/act`, body);
  expect(r.statusCode, r.body).toBe(status);
  return r;
}

/** "STATE:endActivity" of the request */
async function outcome(pi: string): Promise<string> {
  const [h] = await app.engine.getHistoricInstances({ processInstanceId: pi });
  return `${h?.state}:${h?.endActivityId ?? ''}`;
}

const board = { kind: 'group', value: 'board' } as const;
const step = (mode: ApproverNode['mode'], extra: Partial<ApproverNode> = {}) => approver('Step', board, mode, extra);

describe('simple-mode steps decided by the runtime', () => {
  it('a tree with every option has no problems and publishes; the resubmit step passes on filing', async () => {
    // given
    const t = everyOptionTree();
    expect(validateTree(t)).toEqual([]);
    // when
    const pi = await start(await publish(t), { amount: 5000, picked: ['a'] });
    // then: the initiator's department head (olga) has the first step, a ratio step of one
    expect(await open(pi)).toEqual(['P1:olga']);
  });

  it('the route preview walks a simple-mode draft: the resubmit step passes, each approver of a step is listed', async () => {
    // given
    const { id } = await saveDraft(tree([step('ratio', { passRatio: 0.6 }), approver('Mgr', { kind: 'manager', value: '', level: 1 })], undefined, { resubmit: true }));
    // when
    const r = await call(user('ana'), 'POST', `/api/drafts/${id}/preview`, { variables: {}, initiator: 'emp' });
    // then
    expect(r.statusCode, r.body).toBe(200);
    const preview = r.json();
    expect(preview.outcome).toBe('completed');
    expect(preview.steps.map((x: { activityId: string; assignee: string }) => `${x.activityId}:${x.assignee}`).sort()).toEqual(['Mgr:mgr', 'Step:a', 'Step:b', 'Step:c']);
  });

  it('ratio 0.6 of three: one reject leaves it open, the second approval passes it', async () => {
    // given
    const pi = await start(await publish(tree([step('ratio', { passRatio: 0.6 })])));
    // when
    await act('a', pi, 'Step', { action: 'approve' });
    await act('b', pi, 'Step', { action: 'reject' });
    // then
    expect(await open(pi)).toEqual(['Step:c']);
    await act('c', pi, 'Step', { action: 'approve' });
    expect(await outcome(pi)).toBe('COMPLETED:EndEvent');
  });

  it('any: the first decision counts; all: one reject ends at the rejected end', async () => {
    // given
    const anyPi = await start(await publish(tree([step('any')])));
    const allPi = await start(await publish(tree([step('all')])));
    // when
    await act('b', anyPi, 'Step', { action: 'approve' });
    await act('a', allPi, 'Step', { action: 'approve' });
    await act('c', allPi, 'Step', { action: 'reject' });
    // then
    expect(await outcome(anyPi)).toBe('COMPLETED:EndEvent');
    expect(await outcome(allPi)).toBe('COMPLETED:Step_rejected');
  });

  it('the org sources resolve to the right people; the initiator picks approvers at the start', async () => {
    // given
    const key = await publish(
      tree([
        approver('Mgr', { kind: 'manager', value: '', level: 2 }),
        approver('Head', { kind: 'initiator-dept-head', value: '' }),
        approver('Dept', { kind: 'dept-head', value: 'ops' }),
        approver('Picked', { kind: 'initiator-picks', value: 'picked' }, 'sequential'),
      ]),
    );
    const pi = await start(key, { picked: 'c,a' });
    // when / then
    expect(await open(pi)).toEqual(['Mgr:boss']);
    await act('boss', pi, 'Mgr', { action: 'approve' });
    expect(await open(pi)).toEqual(['Head:olga']);
    await act('olga', pi, 'Head', { action: 'approve' });
    expect(await open(pi)).toEqual(['Dept:olga']);
    await act('olga', pi, 'Dept', { action: 'approve' });
    expect(await open(pi)).toEqual(['Picked:c']);
    await act('c', pi, 'Picked', { action: 'approve' });
    await act('a', pi, 'Picked', { action: 'approve' });
    expect(await outcome(pi)).toBe('COMPLETED:EndEvent');
  });

  it('nobody found: pass, reject, or the administrator', async () => {
    // given
    const nobody = { kind: 'role', value: 'nobody' } as const;
    const pass = await start(await publish(tree([approver('Step', nobody, 'all', { policy: { empty: 'autoApprove' } })])));
    const reject = await start(await publish(tree([approver('Step', nobody, 'all', { policy: { empty: 'autoReject' } })])));
    const adminPi = await start(await publish(tree([approver('Step', nobody, 'all', { policy: { empty: 'admin', emptyAdmin: 'boss' } })])));
    // then
    expect(await outcome(pass)).toBe('COMPLETED:EndEvent');
    expect(await outcome(reject)).toBe('COMPLETED:Step_rejected');
    expect(await open(adminPi)).toEqual(['Step:boss']);
  });

  it('the initiator as approver approves automatically with selfApprove, and waits without it', async () => {
    // given
    const self = { kind: 'user', value: 'emp' } as const;
    const auto = await start(await publish(tree([approver('Step', self, 'all', { policy: { selfApprove: true } })])));
    const manual = await start(await publish(tree([approver('Step', self)])));
    // then
    expect(await outcome(auto)).toBe('COMPLETED:EndEvent');
    expect(await open(manual)).toEqual(['Step:emp']);
  });

  it('a comment required on reject', async () => {
    // given
    const pi = await start(await publish(tree([approver('Step', { kind: 'user', value: 'mgr' }, 'all', { policy: { commentRequired: 'reject' } })])));
    const [task] = await app.engine.getTasks({ processInstanceId: pi });
    // when
    const actions = await call(user('mgr'), 'GET', `/api/tasks/${task!.id}/actions`);
    // then
    expect(actions.json()).toMatchObject({ approval: true, commentRequired: 'reject' });
    await act('mgr', pi, 'Step', { action: 'reject' }, 400);
    await act('mgr', pi, 'Step', { action: 'reject', comment: 'Over budget' });
    expect(await outcome(pi)).toBe('COMPLETED:Step_rejected');
  });

  it('the resubmit step passes on filing; a reject returns the request to the initiator, who resubmits', async () => {
    // given
    const t = tree([approver('Step', { kind: 'manager', value: '', level: 1 }, 'all', { policy: { rejectPolicy: 'initiator' } })], undefined, { resubmit: true });
    const pi = await start(await publish(t));
    expect(await open(pi)).toEqual(['Step:mgr']);
    // when
    await act('mgr', pi, 'Step', { action: 'reject', comment: 'Add the receipts' });
    // then
    expect(await open(pi)).toEqual(['Resubmit:emp']);
    await act('emp', pi, 'Resubmit', { action: 'resubmit', comment: 'Receipts attached' });
    expect(await open(pi)).toEqual(['Step:mgr']);
    await act('mgr', pi, 'Step', { action: 'approve' });
    expect(await outcome(pi)).toBe('COMPLETED:EndEvent');
  });

  it('withdraw: refused once someone acted by default, allowed with lz.withdraw=always', async () => {
    // given
    const steps = [approver('S1', { kind: 'user', value: 'mgr' }), approver('S2', { kind: 'user', value: 'boss' })];
    const byDefault = await start(await publish(tree(steps)));
    const always = await start(await publish(tree(steps, undefined, { settings: { withdraw: 'always' } })));
    await act('mgr', byDefault, 'S1', { action: 'approve' });
    await act('mgr', always, 'S1', { action: 'approve' });
    // when
    const refused = await call(user('emp'), 'POST', `/api/requests/${byDefault}/withdraw`, {});
    const allowed = await call(user('emp'), 'POST', `/api/requests/${always}/withdraw`, {});
    // then
    expect(refused.statusCode, refused.body).toBe(400);
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(await open(always)).toEqual([]);
  });
});
