import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { LEAVE_V1, LEAVE_V2 } from './models.ts';

type User = { id: string; password: string };
const form = readFileSync(new URL('./leave.form', import.meta.url), 'utf8');

/**
 * API contract B: the version list with running counts, and deprecation — a deprecated version
 * starts no new instances (by id → 400, by key → the newest version not deprecated) on
 * /engine-rest and /api/forms/start, while its running instances stay.
 */
describe('/api/processes and deprecated versions', () => {
  let t: TestApp;
  let ann: User;
  let ada: User;
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'] });
    ada = await t.user('ada', { roles: ['analyst'] });
    v1 = (await t.app.engine.deploy([{ name: 'leave.bpmn', content: LEAVE_V1 }, { name: 'leave.form', content: form }])).definitions[0]!.id;
    v2 = (await t.app.engine.deploy([{ name: 'leave.bpmn', content: LEAVE_V2 }, { name: 'leave.form', content: form }])).definitions[0]!.id;
    for (const id of [v1, v1, v2]) await t.app.engine.startProcessById(id);
  });
  afterAll(() => t.close());

  const deprecate = (id: string, on = true, user: User | null = null) =>
    (user ? t.request.bind(null, user) : t.admin)({ method: 'POST', url: `/api/process-definitions/${id}/${on ? 'deprecate' : 'undeprecate'}` });
  const startByKey = () => t.request(ann, { method: 'POST', url: '/engine-rest/process-definition/key/leave/start', payload: {} });
  const startById = (id: string) => t.request(ann, { method: 'POST', url: `/engine-rest/process-definition/${id}/start`, payload: {} });
  const versions = async () => (await t.request(ada, { method: 'GET', url: '/api/processes/leave/versions' })).json().items as { id: string; running: number; deprecated: boolean }[];
  const runningOn = (id: string) => t.app.engine.countProcessInstances({ processDefinitionId: id });

  it('lists each process with its latest version and the instances running over all versions', async () => {
    // when
    const res = await t.request(ada, { method: 'GET', url: '/api/processes' });
    // then
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([{ key: 'leave', name: 'Leave request', latestVersion: 2, latestDefinitionId: v2, versions: 2, running: 3, deprecatedVersions: [] }]);
  });

  it('lists the versions of a key newest first with their running instances and incidents', async () => {
    // when
    const res = await t.request(ada, { method: 'GET', url: '/api/processes/leave/versions' });
    // then
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((v) => [v.id, v.version, v.running, v.incidents, v.deprecated])).toEqual([
      [v2, 2, 1, 0, false],
      [v1, 1, 2, 0, false],
    ]);
    expect(items[0]).toMatchObject({ name: 'Leave request', deploymentId: expect.any(String) });
    expect(Number.isNaN(Date.parse(items[0]!.deployedAt as string))).toBe(false);
    expect((await t.request(ada, { method: 'GET', url: '/api/processes/nope/versions' })).statusCode).toBe(404);
  });

  it('refuses the lists to an employee and deprecation to an analyst', async () => {
    // when
    const list = await t.request(ann, { method: 'GET', url: '/api/processes' });
    const byEmployee = await deprecate(v2, true, ann);
    const byAnalyst = await deprecate(v2, true, ada);
    // then
    expect([list.statusCode, byEmployee.statusCode, byAnalyst.statusCode]).toEqual([403, 403, 403]);
    expect((await versions()).every((v) => !v.deprecated)).toBe(true);
  });

  it('deprecating v2: a start by key lands on v1, a start by id of v2 is a 400, v2 keeps its instance', async () => {
    // when
    const res = await deprecate(v2);
    const byKey = await startByKey();
    const byId = await startById(v2);
    const submit = await t.request(ann, { method: 'POST', url: `/engine-rest/process-definition/${v2}/submit-form`, payload: {} });
    // then
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: v2, deprecated: true });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.json().definitionId).toBe(v1);
    expect(byId.statusCode).toBe(400);
    expect(byId.json()).toMatchObject({ code: 'LZ_ERR_DEFINITION_DEPRECATED', message: expect.stringContaining(v2) });
    expect(submit.statusCode).toBe(400);
    expect(await runningOn(v2)).toBe(1);
    expect((await versions()).map((v) => v.deprecated)).toEqual([true, false]);
    expect((await t.request(ada, { method: 'GET', url: '/api/processes' })).json().items[0].deprecatedVersions).toEqual([2]);
  });

  it('deprecating v2: the start form by key shows and starts v1', async () => {
    // when
    const view = await t.request(ann, { method: 'GET', url: '/api/forms/start/leave' });
    const res = await t.request(ann, { method: 'POST', url: '/api/forms/start/leave', payload: { values: { days: 3 } } });
    // then
    expect(view.statusCode).toBe(200);
    expect(res.statusCode).toBe(201);
    expect((await t.app.engine.getProcessInstance(res.json().processInstanceId))?.definitionId).toBe(v1);
  });

  it('with every version deprecated a start by key is a 400 and nothing starts; undeprecating v2 makes it the one again', async () => {
    // given
    await deprecate(v1);
    const before = await t.app.engine.countProcessInstances({ processDefinitionKey: 'leave' });
    // when
    const refused = await startByKey();
    const refusedForm = await t.request(ann, { method: 'POST', url: '/api/forms/start/leave', payload: { values: { days: 3 } } });
    const undo = await deprecate(v2, false);
    const again = await startByKey();
    // then
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'LZ_ERR_DEFINITION_DEPRECATED', message: expect.stringContaining("every version of 'leave'") });
    expect(refusedForm.statusCode).toBe(400);
    expect(undo.json()).toEqual({ id: v2, deprecated: false });
    expect(again.json().definitionId).toBe(v2);
    expect(await t.app.engine.countProcessInstances({ processDefinitionKey: 'leave' })).toBe(before + 1);
    await deprecate(v1, false);
  });

  it('deprecating twice changes nothing; an unknown definition is a 404', async () => {
    // when
    const twice = [await deprecate(v1), await deprecate(v1)];
    const unknown = await deprecate('leave:9:nope');
    // then
    expect(twice.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await t.app.versions.deprecatedIds()).toEqual(new Set([v1]));
    expect(unknown.statusCode).toBe(404);
    await deprecate(v1, false);
    expect(await t.app.versions.resolveStartable('leave')).toBe(v2);
  });
});
