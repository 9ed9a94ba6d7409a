import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const MODEL = readFileSync(new URL('./forms.bpmn', import.meta.url), 'utf8');
const FORM = readFileSync(new URL('./leave.form', import.meta.url), 'utf8');

type User = { id: string; password: string };

describe('/engine-rest/task/{id}/form, /form-variables, /deployed-form', () => {
  let t: TestApp;
  let bob: User;
  let mallory: User;
  let instanceId: string;
  const tasks = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestApp();
    bob = await t.user('bob', { groups: ['sales'] });
    mallory = await t.user('mallory', { groups: ['staff'] });
    await t.app.engine.deploy([
      { name: 'forms.bpmn', content: MODEL },
      { name: 'leave.form', content: FORM },
    ]);
    instanceId = (await t.app.engine.startProcess('taskForms', { variables: { reason: 'holiday', requester: 'erin' } })).id;
    for (const task of await t.app.engine.getTasks({ processInstanceId: instanceId })) tasks.set(task.taskDefinitionKey, task.id);
  });
  afterAll(() => t.close());

  const get = (key: string, path: string, user: User = bob) => t.request(user, { method: 'GET', url: `/engine-rest/task/${tasks.get(key)}${path}` });

  it('form-variables of a camunda:formData task: each field (its variable, else its default), then the other variables', async () => {
    // when
    const all = (await get('generated', '/form-variables')).json();
    const some = (await get('generated', '/form-variables?variableNames=days,requester')).json();
    // then
    expect(all).toEqual({
      days: { value: 3, type: 'Long', valueInfo: {} },
      reason: { value: 'holiday', type: 'String', valueInfo: {} },
      urgent: { value: false, type: 'Boolean', valueInfo: {} },
      requester: { value: 'erin', type: 'String', valueInfo: {} },
    });
    expect(some).toEqual({ days: { value: 3, type: 'Long', valueInfo: {} }, requester: { value: 'erin', type: 'String', valueInfo: {} } });
  });

  it('GET /form gives the form key, or the camunda:formRef', async () => {
    expect((await get('formKey', '/form')).json()).toEqual({ key: 'camunda-forms:deployment:leave.form', camundaFormRef: null, contextPath: null });
    expect((await get('formRef', '/form')).json()).toEqual({ key: null, camundaFormRef: { key: 'leave-form', binding: 'latest', version: null }, contextPath: null });
    expect((await get('noForm', '/form')).json()).toEqual({ key: null, camundaFormRef: null, contextPath: null });
    const dto = (await get('formRef', '')).json();
    expect(dto).toMatchObject({ formKey: null, camundaFormRef: { key: 'leave-form', binding: 'latest', version: null } });
  });

  it('deployed-form serves the deployed .form a camunda:formRef or camunda-forms key names, as JSON', async () => {
    // when
    const byRef = await get('formRef', '/deployed-form');
    const byKey = await get('formKey', '/deployed-form');
    // then
    for (const res of [byRef, byKey]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({ id: 'leave-form', type: 'default' });
    }
  });

  it('deployed-form: 404 with a message without a deployed form, 400 for an embedded app form, 403 for others', async () => {
    // when
    const none = await get('noForm', '/deployed-form');
    const missing = await get('missingRef', '/deployed-form');
    const embedded = await get('embedded', '/deployed-form');
    const stranger = await get('formRef', '/deployed-form', mallory);
    // then
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ type: 'InvalidRequestException', message: expect.stringContaining('no form') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('no-such-form');
    expect(embedded.statusCode).toBe(400);
    expect(stranger.statusCode).toBe(403);
  });

  it('submit-form completes the task with the form’s values', async () => {
    // when
    const res = await t.request(bob, {
      method: 'POST',
      url: `/engine-rest/task/${tasks.get('generated')}/submit-form`,
      payload: { variables: { days: { value: 5, type: 'Long' }, urgent: { value: true, type: 'Boolean' } } },
    });
    // then
    expect(res.statusCode).toBe(204);
    expect(await t.app.engine.getTask(tasks.get('generated')!)).toBeNull();
    expect(await t.app.engine.getVariables(instanceId)).toMatchObject({ days: 5, urgent: true, reason: 'holiday' });
  });
});
