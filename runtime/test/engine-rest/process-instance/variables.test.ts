import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const MODELS = readFileSync(new URL('./models.bpmn', import.meta.url), 'utf8');

type User = { id: string; password: string };

describe('/engine-rest/process-instance/{id}/variables', () => {
  let t: TestApp;
  let ann: User;
  let zed: User;
  let id: string;
  const url = (rest = '') => `/engine-rest/process-instance/${id}/variables${rest}`;
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'] });
    zed = await t.user('zed', { roles: ['employee'] });
    await t.app.engine.deploy([{ name: 'models.bpmn', content: MODELS }]);
    id = (await t.app.engine.startProcess('leave', { variables: { employee: 'ann' }, startUserId: 'ann' })).id;
  });
  afterAll(() => t.close());

  it('round-trips Integer, String, Boolean, Date, Json and Long values one by one', async () => {
    // given
    const values = {
      days: { value: 3, type: 'Integer', valueInfo: {} },
      reason: { value: 'family', type: 'String', valueInfo: {} },
      urgent: { value: true, type: 'Boolean', valueInfo: {} },
      from: { value: '2026-03-02T08:30:00.000+0000', type: 'Date', valueInfo: {} },
      detail: { value: '{"half":true,"dates":["2026-03-02"]}', type: 'Json', valueInfo: {} },
      budget: { value: 9007199254740991, type: 'Long', valueInfo: {} },
    };
    // when
    const puts = [];
    for (const [name, v] of Object.entries(values)) puts.push((await t.admin({ method: 'PUT', url: url(`/${name}`), payload: { value: v.value, type: v.type } })).statusCode);
    const all = await t.request(ann, { method: 'GET', url: url('?deserializeValues=false') });
    const one = await t.request(ann, { method: 'GET', url: url('/from') });
    // then
    expect(puts).toEqual([204, 204, 204, 204, 204, 204]);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ employee: { value: 'ann', type: 'String', valueInfo: {} }, ...values });
    expect(one.json()).toEqual(values.from);
    expect(await t.app.engine.getVariables(id)).toMatchObject({ days: 3, urgent: true, detail: { half: true, dates: ['2026-03-02'] } });
  });

  it('changes and removes several at once (PatchVariablesDto); a bad value changes nothing', async () => {
    // when
    const patch = await t.admin({ method: 'POST', url: url(), payload: { modifications: { days: { value: 5, type: 'Integer' }, note: { value: 'ok' } }, deletions: ['reason', 'nothing'] } });
    const bad = await t.admin({ method: 'POST', url: url(), payload: { modifications: { days: { value: 'many', type: 'Integer' }, extra: { value: 1, type: 'Integer' } } } });
    const badType = await t.admin({ method: 'PUT', url: url('/x'), payload: { value: 'x', type: 'Bytes' } });
    // then
    expect(patch.statusCode).toBe(204);
    expect(bad.statusCode).toBe(400);
    expect(badType.statusCode).toBe(400);
    const vars = await t.app.engine.getVariables(id);
    expect(vars).toMatchObject({ days: 5, note: 'ok' });
    expect(vars).not.toHaveProperty('reason');
    expect(vars).not.toHaveProperty('extra');
    expect(vars).not.toHaveProperty('x');
  });

  it('deletes one variable; 404 when reading a variable that does not exist', async () => {
    // when
    const del = await t.admin({ method: 'DELETE', url: url('/note') });
    const gone = await t.admin({ method: 'GET', url: url('/note') });
    // then
    expect(del.statusCode).toBe(204);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().message).toBe('process instance variable with name note does not exist');
  });

  it('403 for an employee who may not see the instance and for every write by an employee; 404 for an unknown instance', async () => {
    // when
    const read = await t.request(zed, { method: 'GET', url: url() });
    const readOne = await t.request(zed, { method: 'GET', url: url('/days') });
    const write = await t.request(ann, { method: 'PUT', url: url('/days'), payload: { value: 99, type: 'Integer' } });
    const patch = await t.request(ann, { method: 'POST', url: url(), payload: { deletions: ['days'] } });
    const del = await t.request(ann, { method: 'DELETE', url: url('/days') });
    const unknown = await t.admin({ method: 'GET', url: '/engine-rest/process-instance/nope/variables' });
    const unknownPut = await t.admin({ method: 'PUT', url: '/engine-rest/process-instance/nope/variables/a', payload: { value: 1 } });
    // then
    expect([read.statusCode, readOne.statusCode, write.statusCode, patch.statusCode, del.statusCode]).toEqual([403, 403, 403, 403, 403]);
    expect(unknown.statusCode).toBe(404);
    expect(unknownPut.statusCode).toBe(404);
    expect((await t.app.engine.getVariables(id)).days).toBe(5);
  });
});
