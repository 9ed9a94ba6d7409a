import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createDraft, designers, fixture, type Credentials } from './drafts-setup.ts';

let t: TestApp;
let analyst: Credentials;
beforeAll(async () => {
  t = await createTestApp();
  ({ analyst } = await designers(t));
});
afterAll(async () => t.close());

const approval = fixture('approval.bpmn');
const form = fixture('expense-start.form');

const post = (url: string) => t.request(analyst, { method: 'POST', url });

describe('validating a draft', () => {
  it("reports the engine's deploy problems with their element, and deploys nothing", async () => {
    // given
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'draft-broken', name: 'Broken', content: fixture('broken.bpmn') });
    // when
    const r = await post(`/api/drafts/${d.id}/validate`);
    // then
    expect(r.statusCode, r.body).toBe(200);
    const problems = r.json().problems as { elementId: string | null; message: string; severity: string }[];
    expect(problems).toEqual([expect.objectContaining({ elementId: 'pay', severity: 'error' })]);
    expect(problems[0]!.message).toMatch(/implementation/);
    expect(await t.app.engine.countDeployments()).toBe(0);
  });

  it('reports XML it cannot read as one problem without an element', async () => {
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'draft-unreadable', name: 'U', content: '<bpmn:definitions' });
    const problems = (await post(`/api/drafts/${d.id}/validate`)).json().problems;
    expect(problems).toEqual([expect.objectContaining({ elementId: null, severity: 'error' })]);
  });

  it('warns about a referenced form without a draft', async () => {
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'draft-no-form', name: 'No form', content: approval.replace('id="draft-expense"', 'id="draft-no-form"').replace('draft-expense-start', 'missing-form') });
    const problems = (await post(`/api/drafts/${d.id}/validate`)).json().problems;
    expect(problems).toEqual([expect.objectContaining({ elementId: 'start', severity: 'warning' })]);
    expect(problems[0].message).toMatch(/missing-form/);
  });

  it('finds a valid form draft valid and a form that is not JSON invalid', async () => {
    const good = await createDraft(t, analyst, { kind: 'form', key: 'good-form', name: 'G', content: '{"id":"good-form","components":[]}' });
    expect((await post(`/api/drafts/${good.id}/validate`)).json()).toEqual({ problems: [] });
    const bad = await createDraft(t, analyst, { kind: 'form', key: 'bad-form', name: 'B', content: '{ not json' });
    expect((await post(`/api/drafts/${bad.id}/validate`)).json().problems).toEqual([expect.objectContaining({ elementId: 'bad-form.form', severity: 'error' })]);
  });
});

describe('publishing a draft', () => {
  it('refuses an invalid draft with 400 naming the element; nothing is deployed', async () => {
    // given
    const { items } = (await t.request(analyst, { method: 'GET', url: '/api/drafts?kind=bpmn' })).json() as { items: { id: string; key: string }[] };
    const broken = items.find((x) => x.key === 'draft-broken')!;
    // when
    const r = await post(`/api/drafts/${broken.id}/publish`);
    // then
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'LZ_ERR_DRAFT_INVALID', errors: [{ path: 'pay' }] });
    expect(await t.app.engine.countDeployments()).toBe(0);
  });

  it('deploys version 1 with the referenced form draft; an unchanged publish makes no new version; an edit makes version 2', async () => {
    // given
    await createDraft(t, analyst, { kind: 'form', key: 'draft-expense-start', name: 'Expense start', content: form });
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'draft-expense', name: 'Expense', content: approval });
    expect((await post(`/api/drafts/${d.id}/validate`)).json()).toEqual({ problems: [] });
    // when
    const first = await post(`/api/drafts/${d.id}/publish`);
    // then
    expect(first.statusCode, first.body).toBe(201);
    const pub = first.json() as { deploymentId: string; definitions: { id: string; key: string; version: number; isNew: boolean }[]; forms: string[] };
    expect(pub.definitions).toEqual([expect.objectContaining({ key: 'draft-expense', version: 1, isNew: true })]);
    expect(pub.forms).toEqual(['draft-expense-start']);
    const [deployment] = await t.app.engine.getDeployments({ id: pub.deploymentId });
    expect(deployment?.name).toBe('draft:draft-expense');
    expect((await t.app.engine.getDeploymentResources(pub.deploymentId)).map((r) => r.name).sort()).toEqual(['draft-expense-start.form', 'draft-expense.bpmn']);
    // the start form resolves from the deployment (formRef by the form's id)
    const startForm = await t.request(analyst, { method: 'GET', url: '/api/forms/start/draft-expense' });
    expect(startForm.statusCode, startForm.body).toBe(200);
    expect(JSON.stringify(startForm.json().form)).toContain('amount');

    // when: published again unchanged
    const deployments = await t.app.engine.countDeployments();
    const again = await post(`/api/drafts/${d.id}/publish`);
    // then
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ deploymentId: pub.deploymentId, definitions: [{ key: 'draft-expense', version: 1, isNew: false }] });
    expect(await t.app.engine.countDeployments()).toBe(deployments);
    expect(await t.app.engine.countDefinitions({ key: 'draft-expense' })).toBe(1);

    // when: edited and published
    const saved = await t.request(analyst, { method: 'PUT', url: `/api/drafts/${d.id}`, payload: { content: approval.replace('name="Expense"', 'name="Expense claim"'), revision: d.revision } });
    expect(saved.statusCode, saved.body).toBe(200);
    const third = await post(`/api/drafts/${d.id}/publish`);
    // then
    expect(third.json()).toMatchObject({ definitions: [{ key: 'draft-expense', version: 2, isNew: true }] });
  });

  it('publishes a form draft on its own', async () => {
    const f = await createDraft(t, analyst, { kind: 'form', key: 'lonely-form', name: 'L', content: '{"id":"lonely-form","components":[]}' });
    const r = await post(`/api/drafts/${f.id}/publish`);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ definitions: [], forms: ['lonely-form'] });
    expect((await t.app.engine.getDeploymentResources(r.json().deploymentId)).map((x) => x.name)).toEqual(['lonely-form.form']);
  });
});
