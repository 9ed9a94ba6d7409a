import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createDraft, designers, fixture, type Credentials } from './drafts-setup.ts';

let t: TestApp;
let analyst: Credentials;
let draftId: string;

/** a named user (the preview shows display names) */
async function person(id: string, first: string, last: string, groups: string[] = []): Promise<void> {
  await t.app.identity.createUser({ id, firstName: first, lastName: last, email: null }, `${id}-password-1`);
  for (const g of groups) {
    if ((await t.app.identity.listGroups()).every((x) => x.id !== g)) await t.app.identity.createGroup(g, g, 'ROLE');
    await t.app.identity.addMember(id, g);
  }
  await t.app.identity.setRoles(id, ['employee']);
}

beforeAll(async () => {
  t = await createTestApp();
  ({ analyst } = await designers(t));
  // sales (head: Sam Lee) has erin; finance approvers are Fay Wong and Gina Wu
  await person('sam', 'Sam', 'Lee');
  await person('erin', 'Erin', 'Ng');
  await person('fay', 'Fay', 'Wong', ['finance']);
  await person('gina', 'Gina', 'Wu', ['finance']);
  const dept = await t.admin({ method: 'POST', url: '/api/org/departments', payload: { id: 'sales', name: 'Sales', headUserId: 'sam' } });
  expect(dept.statusCode, dept.body).toBe(201);
  const profile = await t.admin({ method: 'PUT', url: '/api/org/users/erin', payload: { departmentId: 'sales', managerId: null, title: null } });
  expect(profile.statusCode, profile.body).toBe(200);
  draftId = (await createDraft(t, analyst, { kind: 'bpmn', key: 'draft-expense', name: 'Expense', content: fixture('approval.bpmn') })).id;
});
afterAll(async () => t.close());

const preview = (id: string, payload: Record<string, unknown>) => t.request(analyst, { method: 'POST', url: `/api/drafts/${id}/preview`, payload });

describe('route preview', () => {
  it("walks a large claim through the initiator's manager and finance, and leaves the live database alone", async () => {
    // given
    const before = { deployments: await t.app.engine.countDeployments(), instances: await t.app.engine.countHistoricInstances(), definitions: await t.app.engine.countDefinitions() };
    // when
    const r = await preview(draftId, { variables: { amount: 5000 }, initiator: 'erin' });
    // then
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({ outcome: 'completed', waitingAt: [], message: null });
    expect(p.steps).toEqual([
      { activityId: 'managerStep', name: 'Manager approval', assignee: 'sam', candidateUsers: [], candidateGroups: [], people: [{ id: 'sam', name: 'Sam Lee' }] },
      {
        activityId: 'financeStep',
        name: 'Finance approval',
        assignee: null,
        candidateUsers: [],
        candidateGroups: ['finance'],
        people: [
          { id: 'fay', name: 'Fay Wong' },
          { id: 'gina', name: 'Gina Wu' },
        ],
      },
    ]);
    expect(p.path.map((a: { activityId: string }) => a.activityId)).toEqual(['start', 'managerStep', 'managerDecision', 'amountCheck', 'financeStep', 'notify', 'done']);
    expect(p.path[1]).toEqual({ activityId: 'managerStep', name: 'Manager approval', type: 'userTask' });
    // nothing reached the live engine
    expect(await t.app.engine.countDeployments()).toBe(before.deployments);
    expect(await t.app.engine.countHistoricInstances()).toBe(before.instances);
    expect(await t.app.engine.countDefinitions()).toBe(before.definitions);
  });

  it('takes the other branch for a small claim', async () => {
    // when
    const p = (await preview(draftId, { variables: { amount: 200 }, initiator: 'erin' })).json();
    // then
    expect(p.outcome).toBe('completed');
    expect(p.steps.map((s: { activityId: string }) => s.activityId)).toEqual(['managerStep']);
    expect(p.path.map((a: { activityId: string }) => a.activityId)).toEqual(['start', 'managerStep', 'managerDecision', 'amountCheck', 'done']);
  });

  it('starts as the caller when no initiator is given (the analyst has no manager: the step passes by itself, as lz.empty says)', async () => {
    const p = (await preview(draftId, { variables: { amount: 1 } })).json();
    // docs/approvals.md: an approval step with no approver is approved automatically by default
    expect(p.steps).toEqual([]);
    expect(p.path.map((a: { activityId: string }) => a.activityId)).toEqual(['start', 'managerStep', 'managerDecision', 'amountCheck', 'done']);
  });

  it('reports a run-time failure as outcome error, with where it stopped', async () => {
    // when: the condition reads a variable the sample data lacks
    const p = (await preview(draftId, { variables: {}, initiator: 'erin' })).json();
    // then
    expect(p.outcome).toBe('error');
    expect(p.message).toMatch(/amount/);
    expect(p.steps.map((s: { activityId: string }) => s.activityId)).toEqual(['managerStep']);
    expect(p.waitingAt).toEqual(['managerStep']);
  });

  it('reports a wait it cannot move past as outcome waiting', async () => {
    // given: a receive task after the manager step
    const xml = fixture('approval.bpmn')
      .replace('id="draft-expense"', 'id="draft-waits"')
      .replace('<bpmn:endEvent id="done" name="Approved" />', '<bpmn:receiveTask id="done" name="Wait for payment" messageRef="paid" />')
      .replace('</bpmn:definitions>', '<bpmn:message id="paid" name="paid" /></bpmn:definitions>');
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'draft-waits', name: 'Waits', content: xml });
    // when
    const p = (await preview(d.id, { variables: { amount: 1 }, initiator: 'erin' })).json();
    // then
    expect(p).toMatchObject({ outcome: 'waiting', waitingAt: ['done'] });
  });

  it('stops a route that never ends after 200 steps', async () => {
    // given: an approval that loops back to itself while approved
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="t">
  <bpmn:process id="draft-loop" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="again" />
    <bpmn:userTask id="again" name="Again" /><bpmn:sequenceFlow id="f2" sourceRef="again" targetRef="gw" />
    <bpmn:exclusiveGateway id="gw" default="f4" />
    <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="again"><bpmn:conditionExpression>\${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="end" /><bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'draft-loop', name: 'Loop', content: xml });
    // when
    const p = (await preview(d.id, { variables: {} })).json();
    // then
    expect(p).toMatchObject({ outcome: 'waiting', waitingAt: ['again'], message: 'stopped after 200 steps' });
    expect(p.steps).toHaveLength(200);
  });

  it('refuses an invalid draft with 400 naming the element', async () => {
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'draft-broken', name: 'Broken', content: fixture('broken.bpmn') });
    const r = await preview(d.id, { variables: {} });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'LZ_ERR_DRAFT_INVALID', errors: [{ path: 'pay' }] });
  });

  it('answers concurrent previews each with its own run', async () => {
    const [a, b] = await Promise.all([preview(draftId, { variables: { amount: 5000 }, initiator: 'erin' }), preview(draftId, { variables: { amount: 1 }, initiator: 'erin' })]);
    expect(a.json().steps).toHaveLength(2);
    expect(b.json().steps).toHaveLength(1);
  });
});
