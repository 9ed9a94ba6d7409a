import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { PURCHASE_ORDER, TICKET } from './entity-fixtures.ts';

const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

describe('/api/forms and entity types: generated forms, bound-entity checks', () => {
  let t: TestApp;
  let erin: { id: string; password: string };
  beforeAll(async () => {
    t = await createTestApp();
    erin = await t.user('erin', { roles: ['employee'] });
    const company = { 'x-entity': 'company', type: 'object', properties: { name: { type: 'string' } } };
    for (const schema of [company, PURCHASE_ORDER, TICKET]) {
      const res = await t.admin({ method: 'POST', url: '/api/entities/types', payload: schema });
      expect(res.statusCode, res.body).toBe(201);
    }
    await t.app.engine.deploy([
      { name: 'ticket.bpmn', content: file('ticket.bpmn') },
      { name: 'ticket.form', content: file('ticket.form') },
      { name: 'ticket-triage.form', content: file('ticket-triage.form') },
    ]);
  });
  afterAll(() => t.close());

  it('GET /api/forms/entity/:type gives the default form of a deployed type, translated', async () => {
    // when
    const res = await t.request(erin, { method: 'GET', url: '/api/forms/entity/purchase-order?locale=zh-CN' });
    const missing = await t.request(erin, { method: 'GET', url: '/api/forms/entity/no-such-type' });
    // then
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.form).toMatchObject({ type: 'default', 'x-entity': 'purchase-order', schemaVersion: 16 });
    expect(body.form.components.find((c: { path?: string }) => c.path === 'lines')).toMatchObject({ type: 'dynamiclist', label: '明细' });
    expect(body.values).toEqual({ status: 'draft' });
    expect(body.permissions).toMatchObject({ supplier: 'editable', lines: 'editable', 'lines.qty': 'editable' });
    expect(missing.statusCode).toBe(404);
  });

  it('a start form with x-entity is also checked against the entity type; nothing starts when it fails', async () => {
    // when
    const bad = await t.request(erin, { method: 'POST', url: '/api/forms/start/ticket', payload: { values: { title: 'far too long a title', severity: 9 } } });
    const count = await t.app.engine.countProcessInstances({ processDefinitionKey: 'ticket' });
    const good = await t.request(erin, { method: 'POST', url: '/api/forms/start/ticket', payload: { values: { title: 'Printer', severity: 2 } } });
    // then
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('LZ_ERR_FORM_INVALID');
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['/severity', '/title']);
    expect(count).toBe(0);
    expect(good.statusCode).toBe(201);
  });

  it('a task whose element names camunda:property entity is checked against that type; the task stays open on failure', async () => {
    // given
    const started = await t.app.engine.startProcess('ticket', { variables: { title: 'Printer', severity: 2 } });
    const task = (await t.app.engine.getTasks({ processInstanceId: started.id }))[0]!;
    // when
    const bad = await t.request(erin, { method: 'POST', url: `/api/forms/task/${task.id}/submit`, payload: { values: { severity: 0 } } });
    // then
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: '/severity', message: expect.any(String) }]);
    expect(await t.app.engine.getTask(task.id)).not.toBeNull();
    expect((await t.app.engine.getVariables(started.id)).severity).toBe(2);
    // when
    const good = await t.request(erin, { method: 'POST', url: `/api/forms/task/${task.id}/submit`, payload: { values: { severity: 4 } } });
    // then
    expect(good.statusCode).toBe(204);
    expect(await t.app.engine.getTask(task.id)).toBeNull();
  });
});
