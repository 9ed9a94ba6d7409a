import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { waitUntil } from '../plugins/wait-until.ts';
import { bpmn, CUSTOMER, entityApp, OPPORTUNITY } from './setup.ts';

let t: TestApp;

beforeAll(async () => {
  t = await entityApp([CUSTOMER, OPPORTUNITY]);
  await t.app.engine.deploy([bpmn('customer-welcome.bpmn'), bpmn('opportunity.bpmn')]);
});

afterAll(async () => {
  await t?.close();
});

async function createRecord(type: string, data: Record<string, unknown>) {
  const res = await t.admin({ method: 'POST', url: `/api/entities/${type}`, payload: data });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

async function instancesOf(key: string, businessKey: string) {
  return t.app.engine.getProcessInstances({ processDefinitionKey: key, businessKey });
}

async function activeActivity(processInstanceId: string): Promise<string | undefined> {
  const [task] = await t.app.engine.getTasks({ processInstanceId });
  return task?.taskDefinitionKey;
}

describe('entity events move processes', () => {
  it('starts the process whose message start is entity:customer:created, business key = the record id', async () => {
    // when
    const customer = await createRecord('customer', { name: 'Anna', email: 'anna@example.com' });
    // then
    const [pi] = await waitUntil('the welcome process', async () => {
      const found = await instancesOf('customer-welcome', customer.id);
      return found.length > 0 && found;
    });
    expect(await waitUntil('its user task', () => activeActivity(pi!.id))).toBe('callCustomer');
    expect(await t.app.engine.getVariables(pi!.id)).toMatchObject({
      recordId: customer.id,
      entityType: 'customer',
      record: { id: customer.id, type: 'customer', version: 1, data: { name: 'Anna', email: 'anna@example.com' }, createdBy: 'admin' },
    });
  });

  it('starts nothing on an update, and exactly one instance per created record', async () => {
    // given
    const customer = await createRecord('customer', { name: 'Bo', email: 'bo@example.com' });
    await waitUntil('the welcome process', async () => (await instancesOf('customer-welcome', customer.id)).length === 1);
    // when: an update (entity:customer:updated, …:changed:tier — nobody listens)
    const res = await t.admin({ method: 'PATCH', url: `/api/entities/customer/${customer.id}`, headers: { 'if-match': '"1"' }, payload: { tier: 'gold' } });
    expect(res.statusCode).toBe(200);
    // and one more create, delivered after the update (one event at a time, in order)
    const later = await createRecord('customer', { name: 'Cai', email: 'cai@example.com' });
    await waitUntil('the later welcome process', async () => (await instancesOf('customer-welcome', later.id)).length === 1);
    // then: the update started no second instance for the first record
    expect(await instancesOf('customer-welcome', customer.id)).toHaveLength(1);
  });

  it('the kanban story: moving an opportunity to another stage moves its process on, and only that one', async () => {
    // given: two opportunities, each with a follow-up process waiting for a stage change
    const deal = await createRecord('opportunity', { title: 'Big deal', stage: 'qualified', amount: 50_000 });
    const other = await createRecord('opportunity', { title: 'Other deal', stage: 'qualified', amount: 800 });
    const dealPi = await t.app.engine.startProcess('opportunity-followup', { businessKey: deal.id });
    const otherPi = await t.app.engine.startProcess('opportunity-followup', { businessKey: other.id });
    const erin = await t.user('erin', { roles: ['employee'], groups: ['sales'] });
    // when: the card is dragged to "proposal" (the kanban PATCHes the stage)
    const res = await t.request(erin, { method: 'PATCH', url: `/api/entities/opportunity/${deal.id}`, headers: { 'if-match': `"${deal.version}"` }, payload: { stage: 'proposal' } });
    expect(res.statusCode, res.body).toBe(200);
    // then: that instance went on, by the new stage, to writing the proposal
    expect(await waitUntil('the deal process to move on', () => activeActivity(dealPi.id))).toBe('writeProposal');
    expect(await t.app.engine.getVariables(dealPi.id)).toMatchObject({
      recordId: deal.id,
      entityType: 'opportunity',
      record: { id: deal.id, version: 2, data: { stage: 'proposal' }, updatedBy: 'erin' },
      changes: [{ field: 'stage', old: 'qualified', new: 'proposal' }],
    });
    // the other opportunity's process still waits at the catch event
    expect(await activeActivity(otherPi.id)).toBeUndefined();
    expect(await t.app.engine.getEventSubscriptions({ processInstanceId: otherPi.id })).toEqual([
      expect.objectContaining({ eventType: 'message', eventName: 'entity:opportunity:changed:stage', activityId: 'waitForStage' }),
    ]);
  });

  it('changing another field does not move the process waiting for a stage change', async () => {
    // given
    const deal = await createRecord('opportunity', { title: 'Quiet deal', stage: 'lead', amount: 10 });
    const pi = await t.app.engine.startProcess('opportunity-followup', { businessKey: deal.id });
    // when: the amount changes, then (as a marker that the first event was delivered) the stage
    await t.admin({ method: 'PATCH', url: `/api/entities/opportunity/${deal.id}`, headers: { 'if-match': '"1"' }, payload: { amount: 20 } });
    await t.admin({ method: 'PATCH', url: `/api/entities/opportunity/${deal.id}`, headers: { 'if-match': '"2"' }, payload: { stage: 'lost' } });
    // then: it moved once, by the stage change (to review, since the stage is not proposal)
    expect(await waitUntil('the process to move on', () => activeActivity(pi.id))).toBe('review');
    expect(await t.app.engine.getVariables(pi.id)).toMatchObject({ record: { version: 3, data: { amount: 20, stage: 'lost' } }, changes: [{ field: 'stage', old: 'lead', new: 'lost' }] });
  });

  it('a change nobody listens for, and a rejected PATCH, leave the processes and the record as they were', async () => {
    // given
    const deal = await createRecord('opportunity', { title: 'Idle deal', stage: 'lead' });
    const pi = await t.app.engine.startProcess('opportunity-followup', { businessKey: deal.id });
    // when: a stage outside the enum is refused
    const bad = await t.admin({ method: 'PATCH', url: `/api/entities/opportunity/${deal.id}`, headers: { 'if-match': '"1"' }, payload: { stage: 'maybe' } });
    // then
    expect(bad.statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: `/api/entities/opportunity/${deal.id}` })).json()).toMatchObject({ version: 1, data: { stage: 'lead' } });
    // a good change afterwards still finds the process waiting (the refused one sent nothing)
    await t.admin({ method: 'PATCH', url: `/api/entities/opportunity/${deal.id}`, headers: { 'if-match': '"1"' }, payload: { stage: 'proposal' } });
    expect(await waitUntil('the process to move on', () => activeActivity(pi.id))).toBe('writeProposal');
    expect((await t.app.engine.getVariables(pi.id)).record).toMatchObject({ version: 2 });
  });
});
