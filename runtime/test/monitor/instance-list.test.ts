import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

type User = { id: string; password: string };
const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** API contract B, GET /api/monitor/instances: running and ended instances with filters and paging */
describe('/api/monitor/instances', () => {
  let t: TestApp;
  let ann: User;
  let ada: User;
  // quick v1: a running (Q-1, ann), b completed (bob); quick v2: c running (bob), d deleted; approval: e with an incident
  const ids = { a: '', b: '', c: '', d: '', e: '' };
  let v1 = '';
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'] });
    ada = await t.user('ada', { roles: ['analyst'] });
    const e = t.app.engine;
    v1 = (await e.deploy([{ name: 'quick.bpmn', content: file('quick.bpmn') }])).definitions[0]!.id;
    const v2 = (await e.deploy([{ name: 'quick.bpmn', content: file('quick.bpmn').replace('name="Check"', 'name="Check it"') }])).definitions[0]!.id;
    await e.deploy([{ name: 'approval.bpmn', content: file('approval.bpmn') }]);
    ids.a = (await e.startProcessById(v1, { businessKey: 'Q-1', startUserId: 'ann' })).id;
    ids.b = (await e.startProcessById(v1, { startUserId: 'bob' })).id;
    await e.completeTask((await e.getTasks({ processInstanceId: ids.b }))[0]!.id);
    ids.c = (await e.startProcessById(v2, { startUserId: 'bob' })).id;
    ids.d = (await e.startProcessById(v2)).id;
    await e.deleteProcessInstance(ids.d, 'test');
    ids.e = (await e.startProcess('approval', { variables: { approvers: ['ann'] } })).id;
    await e.completeTask((await e.getTasks({ processInstanceId: ids.e }))[0]!.id);
    const [locked] = await e.fetchAndLock('w1', 1, [{ topicName: 'monitor.charge', lockDuration: 60_000 }], {});
    await e.handleExternalTaskFailure(locked!.id, 'w1', { errorMessage: 'card declined', retries: 0 });
  });
  afterAll(() => t.close());

  const list = async (query: string) => {
    const res = await t.request(ada, { method: 'GET', url: `/api/monitor/instances${query}` });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: { id: string; state: string; incidents: number }[]; total: number };
  };
  const found = async (query: string) => {
    const body = await list(query);
    return { ids: body.items.map((i) => i.id).sort(), total: body.total };
  };
  const sorted = (...xs: string[]) => [...xs].sort();

  it('lists every instance, running and ended, with its version, starter and state', async () => {
    // when
    const body = await list('');
    // then
    expect(body.total).toBe(5);
    expect(body.items.find((i) => i.id === ids.a)).toEqual({
      id: ids.a,
      key: 'quick',
      name: 'Quick',
      version: 1,
      definitionId: v1,
      businessKey: 'Q-1',
      startedBy: 'ann',
      startTime: expect.any(String),
      endTime: null,
      state: 'active',
      incidents: 0,
    });
    expect(Object.fromEntries(body.items.map((i) => [i.id, i.state]))).toEqual({ [ids.a]: 'active', [ids.b]: 'completed', [ids.c]: 'active', [ids.d]: 'canceled', [ids.e]: 'incident' });
    expect(body.items.find((i) => i.id === ids.e)?.incidents).toBe(1);
  });

  it('filters by state: active, incident, completed, canceled', async () => {
    // when
    const [active, incident, completed, canceled] = await Promise.all(['active', 'incident', 'completed', 'canceled'].map((s) => found(`?state=${s}`)));
    // then
    expect(active).toEqual({ ids: sorted(ids.a, ids.c), total: 2 });
    expect(incident).toEqual({ ids: [ids.e], total: 1 });
    expect(completed).toEqual({ ids: [ids.b], total: 1 });
    expect(canceled).toEqual({ ids: [ids.d], total: 1 });
  });

  it('filters by key, key and version, business key and starter', async () => {
    // then
    expect(await found('?key=quick')).toEqual({ ids: sorted(ids.a, ids.b, ids.c, ids.d), total: 4 });
    expect(await found('?key=quick&version=1')).toEqual({ ids: sorted(ids.a, ids.b), total: 2 });
    expect(await found('?key=quick&version=1&state=active')).toEqual({ ids: [ids.a], total: 1 });
    expect(await found('?key=quick&version=9')).toEqual({ ids: [], total: 0 });
    expect(await found('?businessKey=Q-1')).toEqual({ ids: [ids.a], total: 1 });
    expect(await found('?startedBy=bob')).toEqual({ ids: sorted(ids.b, ids.c), total: 2 });
  });

  it('pages with limit and offset; the total counts every match', async () => {
    // when
    const first = await list('?limit=2');
    const rest = await list('?limit=2&offset=2');
    const last = await list('?limit=2&offset=4');
    // then
    expect([first.items.length, rest.items.length, last.items.length, first.total]).toEqual([2, 2, 1, 5]);
    expect(new Set([...first.items, ...rest.items, ...last.items].map((i) => i.id)).size).toBe(5);
  });

  it('refuses a version without a key, an unknown state and unknown parameters; an employee gets 403', async () => {
    // when
    const statuses = await Promise.all(['?version=1', '?state=running', '?limit=0', '?colour=red'].map(async (q) => (await t.request(ada, { method: 'GET', url: `/api/monitor/instances${q}` })).statusCode));
    const employee = await t.request(ann, { method: 'GET', url: '/api/monitor/instances' });
    // then
    expect(statuses).toEqual([400, 400, 400, 400]);
    expect(employee.statusCode).toBe(403);
  });
});
