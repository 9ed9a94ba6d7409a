import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const MODELS = readFileSync(new URL('./models.bpmn', import.meta.url), 'utf8');

type User = { id: string; password: string };

describe('/engine-rest/process-instance: query, one instance, delete', () => {
  let t: TestApp;
  let ann: User;
  let mia: User;
  let zed: User;
  const ids: Record<string, string> = {};
  const get = (user: User | null, url: string) => (user ? t.request(user, { method: 'GET', url }) : t.admin({ method: 'GET', url }));
  const idsOf = (body: unknown) => (body as { id: string }[]).map((x) => x.id).sort();
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'], groups: ['staff'] });
    mia = await t.user('mia', { roles: ['employee'], groups: ['managers'] });
    zed = await t.user('zed', { roles: ['employee'], groups: ['staff'] });
    await t.app.engine.deploy([{ name: 'models.bpmn', content: MODELS }]);
    const start = async (key: string, businessKey: string, variables: Record<string, unknown>, startUserId = 'admin') =>
      (await t.app.engine.startProcess(key, { businessKey, variables, startUserId })).id;
    ids.a = await start('leave', 'LEAVE-1', { employee: 'ann', days: 3, region: 'north' }, 'ann');
    ids.b = await start('leave', 'LEAVE-2', { employee: 'bob', days: 12, region: 'south' });
    ids.p = await start('parallel', 'CHECK-1', {});
    // bob drafted his request: it now waits for a manager
    const [draft] = await t.app.engine.getTasks({ processInstanceId: ids.b });
    await t.app.engine.completeTask(draft!.id);
  });
  afterAll(() => t.close());

  it('lists instances in Camunda shape and filters by key, business key and pattern', async () => {
    // when
    const all = await get(null, '/engine-rest/process-instance?processDefinitionKey=leave&sortBy=businessKey&sortOrder=desc');
    const like = await get(null, '/engine-rest/process-instance?businessKeyLike=CHECK%25');
    const keyIn = await get(null, '/engine-rest/process-instance?processDefinitionKeyIn=parallel,other');
    const notIn = await get(null, '/engine-rest/process-instance?processDefinitionKeyNotIn=leave');
    const byIds = await get(null, `/engine-rest/process-instance?processInstanceIds=${ids.a},${ids.p}`);
    const atActivity = await get(null, '/engine-rest/process-instance?activityIdIn=approve');
    // then
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual([
      {
        links: [{ method: 'GET', href: expect.stringMatching(new RegExp(`/engine-rest/process-instance/${ids.b}$`)), rel: 'self' }],
        id: ids.b,
        definitionId: expect.stringMatching(/^leave:1:/),
        businessKey: 'LEAVE-2',
        caseInstanceId: null,
        ended: false,
        suspended: false,
        tenantId: null,
      },
      expect.objectContaining({ id: ids.a, businessKey: 'LEAVE-1' }),
    ]);
    expect(idsOf(like.json())).toEqual([ids.p]);
    expect(idsOf(keyIn.json())).toEqual([ids.p]);
    expect(idsOf(notIn.json())).toEqual([ids.p]);
    expect(idsOf(byIds.json())).toEqual([ids.a!, ids.p!].sort());
    expect(idsOf(atActivity.json())).toEqual([ids.b]);
  });

  it('filters by variables (name_operator_value in a query string, typed values in a body)', async () => {
    // when
    const region = await get(null, '/engine-rest/process-instance?variables=region_eq_south');
    const many = await get(null, '/engine-rest/process-instance?variables=region_neq_south,employee_like_a%25');
    const body = await t.admin({ method: 'POST', url: '/engine-rest/process-instance', payload: { variables: [{ name: 'days', operator: 'gt', value: 5 }] } });
    const count = await t.admin({ method: 'POST', url: '/engine-rest/process-instance/count', payload: { variables: [{ name: 'days', operator: 'lteq', value: 12 }] } });
    const asText = await t.admin({ method: 'POST', url: '/engine-rest/process-instance/count', payload: { variables: [{ name: 'days', operator: 'eq', value: '12' }] } });
    const badValue = await t.admin({ method: 'POST', url: '/engine-rest/process-instance', payload: { variables: [{ name: 'days', operator: 'eq', value: [12] }] } });
    const badOp = await get(null, '/engine-rest/process-instance?variables=days_near_5');
    const badFormat = await get(null, '/engine-rest/process-instance?variables=days');
    // then
    expect(idsOf(region.json())).toEqual([ids.b]);
    expect(idsOf(many.json())).toEqual([ids.a]);
    expect(idsOf(body.json())).toEqual([ids.b]);
    expect(count.json()).toEqual({ count: 2 });
    // a string never equals an Integer variable; a list is no value to compare with
    expect(asText.json()).toEqual({ count: 0 });
    expect(badValue.statusCode).toBe(400);
    expect(badOp.statusCode).toBe(400);
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().message).toContain('KEY_OPERATOR_VALUE');
  });

  it('counts, pages, and refuses a half-given sort and unknown parameters', async () => {
    // when
    const count = await get(null, '/engine-rest/process-instance/count?processDefinitionKey=leave');
    const page = await get(null, '/engine-rest/process-instance?sortBy=businessKey&sortOrder=asc&firstResult=1&maxResults=1');
    const halfSort = await get(null, '/engine-rest/process-instance?sortBy=businessKey');
    const unknown = await get(null, '/engine-rest/process-instance?colour=red');
    const tenant = await get(null, '/engine-rest/process-instance/count?tenantIdIn=acme');
    // then
    expect(count.json()).toEqual({ count: 2 });
    expect(page.json().map((x: { businessKey: string }) => x.businessKey)).toEqual(['LEAVE-1']);
    expect(halfSort.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(tenant.json()).toEqual({ count: 0 });
  });

  it('shows an employee only the instances they started or have a task in', async () => {
    // when
    const annSees = await get(ann, '/engine-rest/process-instance');
    const miaSees = await get(mia, '/engine-rest/process-instance');
    const zedCount = await get(zed, '/engine-rest/process-instance/count');
    // then: ann started LEAVE-1 and drafts it; mia is a candidate (managers) for LEAVE-2
    expect(idsOf(annSees.json())).toEqual([ids.a]);
    expect(idsOf(miaSees.json())).toEqual([ids.b]);
    expect(zedCount.json()).toEqual({ count: 0 });
  });

  it('reads one instance; 403 for someone who may not see it, 404 for an unknown id', async () => {
    // when
    const own = await get(ann, `/engine-rest/process-instance/${ids.a}`);
    const other = await get(zed, `/engine-rest/process-instance/${ids.a}`);
    const missing = await get(null, '/engine-rest/process-instance/no-such-instance');
    // then
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: ids.a, businessKey: 'LEAVE-1', ended: false });
    expect(other.statusCode).toBe(403);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ type: 'InvalidRequestException', message: 'Process instance with id no-such-instance does not exist' });
  });

  it('deletes an instance as admin only; 404 for an unknown id unless failIfNotExists=false', async () => {
    // given
    const victim = (await t.app.engine.startProcess('leave', { businessKey: 'LEAVE-X', variables: { employee: 'ann' }, startUserId: 'ann' })).id;
    // when
    const byEmployee = await t.request(ann, { method: 'DELETE', url: `/engine-rest/process-instance/${victim}` });
    const stillThere = await t.app.engine.getProcessInstance(victim);
    const byAdmin = await t.admin({ method: 'DELETE', url: `/engine-rest/process-instance/${victim}?skipCustomListeners=true&skipIoMappings=true` });
    const again = await t.admin({ method: 'DELETE', url: `/engine-rest/process-instance/${victim}` });
    const quiet = await t.admin({ method: 'DELETE', url: `/engine-rest/process-instance/${victim}?failIfNotExists=false` });
    // then
    expect(byEmployee.statusCode).toBe(403);
    expect(stillThere).not.toBeNull();
    expect(byAdmin.statusCode).toBe(204);
    expect(await t.app.engine.getProcessInstance(victim)).toBeNull();
    const [hist] = await t.app.engine.getHistoricInstances({ processInstanceId: victim });
    expect(hist?.state).toBe('EXTERNALLY_TERMINATED');
    expect(again.statusCode).toBe(404);
    expect(quiet.statusCode).toBe(204);
  });
});
