import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { waitUntil } from '../plugins/wait-until.ts';
import { bpmn, CUSTOMER, entityApp } from './setup.ts';

let t: TestApp;

beforeAll(async () => {
  t = await entityApp([CUSTOMER]);
  await t.app.engine.deploy([bpmn('entity-tasks.bpmn'), bpmn('entity-errors.bpmn')]);
  t.app.plugins.start();
});

afterAll(async () => {
  await t?.close();
});

/** the user task the instance reached (the entity tasks before it have all completed) */
async function reached(processInstanceId: string) {
  return waitUntil(`a user task of ${processInstanceId}`, async () => (await t.app.engine.getTasks({ processInstanceId }))[0], 15_000);
}

async function storedCustomers() {
  const res = await t.admin({ method: 'GET', url: '/api/entities/customer?count=true&limit=1000' });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { id: string; data: Record<string, unknown>; createdBy: string; updatedBy: string; version: number }[]; total: number };
}

describe('the entity tasks in a process', () => {
  it('creates, updates, reads and queries a record through input and output mappings', async () => {
    // given: another gold customer, sorted after the new one
    const other = await t.admin({ method: 'POST', url: '/api/entities/customer', payload: { name: 'Zhou', email: 'zhou@example.com', tier: 'gold' } });
    expect(other.statusCode).toBe(201);
    // when
    const pi = await t.app.engine.startProcess('customer-onboarding', { variables: { customerName: 'Anna', customerEmail: 'anna@example.com' } });
    const task = await reached(pi.id);
    // then: the process went through all four tasks
    expect(task.taskDefinitionKey).toBe('done');
    const vars = await t.app.engine.getVariables(pi.id);
    const customerId = vars.customerId as string;
    expect(customerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(vars).toMatchObject({
      createdVersion: 1,
      tierAfterUpdate: 'gold',
      fetched: { id: customerId, type: 'customer', version: 2, data: { name: 'Anna', email: 'anna@example.com', tier: 'gold' }, createdBy: `process:${pi.id}`, updatedBy: `process:${pi.id}` },
      goldCount: 2,
      firstGold: 'Anna',
    });
    // the outputs stayed local to the tasks: only the mapped names reached the process
    expect(Object.keys(vars)).not.toContain('record');
    expect(Object.keys(vars)).not.toContain('records');
    // and the record is stored, written by the process
    const stored = await t.admin({ method: 'GET', url: `/api/entities/customer/${customerId}` });
    expect(stored.json()).toMatchObject({ version: 2, data: { name: 'Anna', email: 'anna@example.com', tier: 'gold' }, createdBy: `process:${pi.id}` });
    const history = await t.admin({ method: 'GET', url: `/api/entities/customer/${customerId}/history` });
    expect((history.json() as { action: string; actor: string }[]).map((h) => [h.action, h.actor])).toEqual([
      ['created', `process:${pi.id}`],
      ['updated', `process:${pi.id}`],
    ]);
  });

  it('throws entity-invalid for data the type rejects: the boundary event catches it and nothing is stored', async () => {
    // given
    const before = await storedCustomers();
    // when
    const pi = await t.app.engine.startProcess('customer-from-form', { variables: { form: { name: '', email: 'not-an-email' } } });
    const task = await reached(pi.id);
    // then
    expect(task.taskDefinitionKey).toBe('fixForm');
    const vars = await t.app.engine.getVariables(pi.id);
    expect(vars.errCode).toBe('entity-invalid');
    expect(String(vars.errMsg)).toMatch(/not valid/i);
    // the field problems travel with the error
    expect((vars.entityErrors as { path: string }[]).map((e) => e.path).sort()).toEqual(['/email', '/name']);
    expect(vars.customerId).toBeUndefined();
    const after = await storedCustomers();
    expect(after.total).toBe(before.total);
  });

  it('creates the record when the data is valid (the same model takes the normal path)', async () => {
    // when
    const pi = await t.app.engine.startProcess('customer-from-form', { variables: { form: { name: 'Bo', email: 'bo@example.com' } } });
    const task = await reached(pi.id);
    // then
    expect(task.taskDefinitionKey).toBe('welcome');
    const id = (await t.app.engine.getVariables(pi.id)).customerId as string;
    expect((await t.admin({ method: 'GET', url: `/api/entities/customer/${id}` })).json()).toMatchObject({ data: { name: 'Bo', email: 'bo@example.com' } });
  });

  it('throws entity-not-found for a record that does not exist', async () => {
    // when
    const pi = await t.app.engine.startProcess('customer-lookup', { variables: { customerId: '00000000-0000-4000-8000-000000000000' } });
    const task = await reached(pi.id);
    // then
    expect(task.taskDefinitionKey).toBe('notThere');
    expect((await t.app.engine.getVariables(pi.id)).errCode).toBe('entity-not-found');
  });

  it('throws entity-conflict when the record changed since the version the process read, and leaves it unchanged', async () => {
    // given: a record at version 2
    const created = (await t.admin({ method: 'POST', url: '/api/entities/customer', payload: { name: 'Chen', email: 'chen@example.com', tier: 'basic' } })).json() as { id: string };
    const patched = await t.admin({ method: 'PATCH', url: `/api/entities/customer/${created.id}`, headers: { 'if-match': '"1"' }, payload: { tier: 'gold' } });
    expect(patched.statusCode).toBe(200);
    // when: the process still holds version 1
    const pi = await t.app.engine.startProcess('customer-stale-update', { variables: { customerId: created.id, readVersion: 1 } });
    const task = await reached(pi.id);
    // then
    expect(task.taskDefinitionKey).toBe('reload');
    expect((await t.app.engine.getVariables(pi.id)).errCode).toBe('entity-conflict');
    expect((await t.admin({ method: 'GET', url: `/api/entities/customer/${created.id}` })).json()).toMatchObject({ version: 2, data: { tier: 'gold' } });
  });

  it('turns a missing entity type into an incident at once, not a retry and not a BPMN error', async () => {
    // given: a model naming a type nobody deployed
    const xml = bpmn('entity-tasks.bpmn').content.replaceAll('customer-onboarding', 'ghost-onboarding').replaceAll('>customer<', '>ghost<');
    await t.app.engine.deploy([{ name: 'ghost.bpmn', content: xml }]);
    // when
    const pi = await t.app.engine.startProcess('ghost-onboarding', { variables: { customerName: 'X', customerEmail: 'x@example.com' } });
    // then
    const incident = await waitUntil('an incident', async () => (await t.app.engine.getIncidents({ processInstanceId: pi.id }))[0], 15_000);
    expect(incident.incidentMessage).toMatch(/entity\.create: .*Entity type not found.*ghost/);
    const [ext] = await t.app.engine.getExternalTasks({ processInstanceId: pi.id });
    expect(ext).toMatchObject({ activityId: 'createCustomer', retries: 0 });
  });
});
