import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
type User = { id: string; password: string };

/** a start submission order.form accepts */
const order = () => ({
  customer: 'ACME',
  email: 'buyer@example.com',
  priority: 'normal',
  terms: true,
  address: { city: 'Hangzhou' },
  lines: [
    { item: 'bolt', qty: 10, price: 1.5 },
    { item: 'nut', qty: 4, price: 0.25 },
  ],
});

describe('/api/forms: start and task forms, checked by the server', () => {
  let t: TestApp;
  let erin: User;
  let mallory: User;
  beforeAll(async () => {
    t = await createTestApp();
    erin = await t.user('erin', { roles: ['employee'], groups: ['sales'] });
    mallory = await t.user('mallory', { roles: ['employee'], groups: ['staff'] });
    await t.app.engine.deploy([
      { name: 'order.bpmn', content: file('order.bpmn') },
      { name: 'order-zeebe.bpmn', content: file('order-zeebe.bpmn') },
      { name: 'order.form', content: file('order.form') },
      { name: 'review.form', content: file('review.form') },
    ]);
  });
  afterAll(() => t.close());

  const startForm = (key: string, query = '', user: User = erin) => t.request(user, { method: 'GET', url: `/api/forms/start/${key}${query}` });
  const submitStart = (key: string, payload: object, user: User = erin) => t.request(user, { method: 'POST', url: `/api/forms/start/${key}`, payload });
  const taskForm = (id: string, query = '', user: User = erin) => t.request(user, { method: 'GET', url: `/api/forms/task/${id}${query}` });
  const submitTask = (id: string, payload: object, user: User = erin) => t.request(user, { method: 'POST', url: `/api/forms/task/${id}/submit`, payload });
  const started = async (key: string) => {
    const res = await submitStart(key, { values: order() });
    expect(res.statusCode).toBe(201);
    const id = res.json().processInstanceId as string;
    return { id, task: (await t.app.engine.getTasks({ processInstanceId: id }))[0]! };
  };
  const keys = (components: { key?: string; components?: unknown[] }[]): string[] =>
    components.flatMap((c) => [...(c.key ? [c.key] : []), ...keys((c.components ?? []) as { key?: string }[])]);

  it('GET start: the camunda:formRef form with its defaults; a hidden field is in neither the schema nor the values', async () => {
    // when
    const res = await startForm('order');
    // then
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.form).toMatchObject({ id: 'order-form', type: 'default', schemaVersion: 16 });
    expect(body.form).not.toHaveProperty('x-i18n');
    expect(keys(body.form.components)).not.toContain('phone');
    expect(keys(body.form.components)).toEqual(expect.arrayContaining(['customer', 'city', 'qty', 'total']));
    expect(body.values).toEqual({ priority: 'normal' });
    expect(body.permissions).toMatchObject({ customer: 'editable', phone: 'hidden', 'address.city': 'editable', lines: 'editable', 'lines.qty': 'editable' });
  });

  it('GET start translates labels, option labels and texts (zh-CN, en); an unknown locale keeps the form’s own', async () => {
    // when
    const zh = (await startForm('order', '?locale=zh-CN')).json().form.components;
    const en = (await startForm('order', '?locale=en')).json().form.components;
    const fr = (await startForm('order', '?locale=fr')).json().form.components;
    const bad = await startForm('order', '?locale=%3Cscript%3E');
    // then
    const find = (cs: { id: string }[], id: string) => cs.find((c) => c.id === id) as Record<string, unknown>;
    expect(find(zh, 'F_customer').label).toBe('客户');
    expect(find(zh, 'F_title').text).toBe('# 订单');
    expect(find(zh, 'F_priority')).toMatchObject({ label: '优先级', values: [{ label: '普通', value: 'normal' }, { label: '紧急', value: 'urgent' }] });
    expect(find(zh, 'L_lines').label).toBe('明细');
    expect((find(zh, 'L_lines').components as { id: string }[]).find((c) => c.id === 'F_qty')).toMatchObject({ label: '数量' });
    expect(find(en, 'F_customer').label).toBe('Customer');
    expect(find(fr, 'F_customer').label).toBe('Client');
    expect(bad.statusCode).toBe(400);
  });

  it('POST start refuses each broken rule with its path and starts nothing', async () => {
    // given
    const before = await t.app.engine.countProcessInstances({ processDefinitionKey: 'order' });
    // when
    const res = await submitStart('order', {
      values: { ...order(), customer: '', email: 'nope', terms: false, priority: 'urgent', lines: [{ item: 'bolt', qty: 0, price: 1 }], discount: 100, total: 1, bogus: 1 },
    });
    // then
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('LZ_ERR_FORM_INVALID');
    expect(body.message).toContain('7 fields are not valid');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/bogus', '/customer', '/discount', '/email', '/lines/0/qty', '/terms', '/urgentReason']);
    expect(await t.app.engine.countProcessInstances({ processDefinitionKey: 'order' })).toBe(before);
  });

  it('POST start refuses a value for a field the start event hides, and an unknown body field', async () => {
    // when
    const hidden = await submitStart('order', { values: { ...order(), phone: '+8613800138000' } });
    const extra = await submitStart('order', { values: order(), variables: {} });
    // then
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors).toEqual([{ path: '/phone', message: 'Field is not shown on this form and cannot be set.' }]);
    expect(extra.statusCode).toBe(400);
    expect(await t.app.engine.countProcessInstances({ processDefinitionKey: 'order' })).toBe(0);
  });

  it('POST start starts the process with the checked values (expressions recomputed) and the business key', async () => {
    // when
    const res = await submitStart('order', { values: { ...order(), total: 1 }, businessKey: 'PO-1' });
    // then
    expect(res.statusCode).toBe(201);
    const id = res.json().processInstanceId;
    const vars = await t.app.engine.getVariables(id);
    expect(vars).toMatchObject({ customer: 'ACME', priority: 'normal', total: 16, address: { city: 'Hangzhou' } });
    expect(vars.lines).toEqual([
      { item: 'bolt', qty: 10, price: 1.5, amount: 15 },
      { item: 'nut', qty: 4, price: 0.25, amount: 1 },
    ]);
    expect(vars).not.toHaveProperty('urgentReason');
    expect((await t.app.engine.getProcessInstance(id))?.businessKey).toBe('PO-1');
  });

  it('GET task: the task’s current values for the form’s fields, hidden ones left out, read-only ones marked', async () => {
    // given
    const { id, task } = await started('order');
    await t.app.engine.setVariables(id, { budget: 5000 });
    // when
    const res = await taskForm(task.id, '?locale=zh-CN');
    // then
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.values).toEqual({ customer: 'ACME', lines: [{ item: 'bolt', qty: 10, price: 1.5 }, { item: 'nut', qty: 4, price: 0.25 }] });
    expect(body.permissions).toEqual({ customer: 'readonly', budget: 'hidden', approved: 'editable', comment: 'editable', lines: 'editable', 'lines.item': 'editable', 'lines.qty': 'editable', 'lines.price': 'readonly' });
    expect(keys(body.form.components)).not.toContain('budget');
    expect(body.form.components.find((c: { key?: string }) => c.key === 'customer')).toMatchObject({ readonly: true });
    expect(body.form.components.find((c: { key?: string }) => c.key === 'approved')).toMatchObject({ label: '同意' });
    expect(body.form.components.find((c: { path?: string }) => c.path === 'lines')).toMatchObject({ allowAddRemove: false });
  });

  it('GET task: 403 for a user who may not see the task, 404 for an unknown one', async () => {
    // given
    const { task } = await started('order');
    // when / then
    expect((await taskForm(task.id, '', mallory)).statusCode).toBe(403);
    expect((await submitTask(task.id, { nonsense: true }, mallory)).statusCode).toBe(403);
    expect((await taskForm('no-such-task')).statusCode).toBe(404);
  });

  it('submit refuses broken rules and changed read-only or hidden fields; the task stays open and nothing is stored', async () => {
    // given
    const { id, task } = await started('order');
    // when
    const res = await submitTask(task.id, {
      values: { customer: 'Evil Corp', budget: 1, approved: false, comment: 'x'.repeat(21), lines: [{ item: 'bolt', qty: 0, price: 1.5 }, { item: 'nut', qty: 4, price: 0.01 }] },
    });
    // then
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['/approved', '/budget', '/comment', '/customer', '/lines/0/qty', '/lines/1/price']);
    expect(await t.app.engine.getTask(task.id)).not.toBeNull();
    expect(await t.app.engine.getVariables(id)).not.toHaveProperty('approved');
    expect((await t.app.engine.getVariables(id)).customer).toBe('ACME');
  });

  it('submit completes the task with the values; read-only fields sent unchanged are accepted and not rewritten', async () => {
    // given
    const { id, task } = await started('order');
    // when
    const res = await submitTask(task.id, { values: { customer: 'ACME', approved: true, comment: 'ok', lines: [{ item: 'bolt', qty: 2, price: 1.5 }, { item: 'nut', qty: 4, price: 0.25 }] } });
    // then
    expect(res.statusCode).toBe(204);
    expect(await t.app.engine.getTask(task.id)).toBeNull();
    const vars = await t.app.engine.getHistoricVariableInstances({ processInstanceId: id });
    const value = (name: string) => vars.find((v) => v.name === name)?.value;
    expect(value('approved')).toBe(true);
    expect(value('lines')).toEqual([{ item: 'bolt', qty: 2, price: 1.5 }, { item: 'nut', qty: 4, price: 0.25 }]);
    const updates = await t.app.engine.getHistoricVariableUpdates({ processInstanceId: id });
    expect(updates.filter((u) => u.name === 'customer')).toHaveLength(1);
  });

  it('submit: a candidate who sees the task but is not its assignee gets 403', async () => {
    // given
    const { task } = await started('order');
    await t.app.engine.setAssignee(task.id, null);
    await t.app.engine.addTaskCandidate(task.id, { groupId: 'staff' });
    // when
    const res = await submitTask(task.id, { values: { approved: true } }, mallory);
    // then
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('claim it');
    expect(await t.app.engine.getTask(task.id)).not.toBeNull();
  });

  it('zeebe:formDefinition formId resolves on the start event and the user task, with zeebe:properties permissions', async () => {
    // when
    const start = await startForm('orderZeebe');
    const { task } = await started('orderZeebe');
    const form = await taskForm(task.id);
    const changed = await submitTask(task.id, { values: { customer: 'ACME', approved: true, comment: 'sneaky' } });
    // then
    expect(start.json().form.id).toBe('order-form');
    expect(form.json().form.id).toBe('review-form');
    expect(form.json().permissions.comment).toBe('readonly');
    expect(changed.statusCode).toBe(400);
    expect(changed.json().errors).toEqual([{ path: '/comment', message: 'Field is read-only here and cannot be changed.' }]);
  });

  it('a process without a start form answers 404 with a message; an unknown key 404', async () => {
    // given
    await t.app.engine.deploy([{ name: 'ticket.bpmn', content: file('ticket.bpmn') }]);
    // when
    const missing = await startForm('ticket');
    const unknown = await startForm('nope');
    // then
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'LZ_ERR_FORM_NOT_FOUND', message: expect.stringContaining('ticket.form') });
    expect(unknown.statusCode).toBe(404);
  });
});
