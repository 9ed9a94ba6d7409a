import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { designers, fixture, type Credentials } from './drafts-setup.ts';

/**
 * POST /api/drafts/from-definition/:definitionId: a deployed version (a pack's, or one published
 * earlier) opened as a draft, so the modeler edits it and publishing makes the key's next version.
 */
let t: TestApp;
let analyst: Credentials;
let employee: Credentials;
let v1 = '';
const approval = fixture('approval.bpmn');

beforeAll(async () => {
  t = await createTestApp();
  ({ analyst, employee } = await designers(t));
  // deployed as a pack or a script would: no draft of it exists
  const d = await t.app.engine.deploy([{ name: 'processes/expense.bpmn', content: approval }], { name: 'some-pack@1.0.0', source: 'pack:some-pack', changedOnly: true });
  v1 = d.definitions[0]!.id;
});
afterAll(async () => t.close());

const fromDefinition = (id: string, who: Credentials = analyst) => t.request(who, { method: 'POST', url: `/api/drafts/from-definition/${encodeURIComponent(id)}` });

describe('opening a deployed version as a draft', () => {
  it('answers 403 to an employee and creates nothing', async () => {
    // when
    const r = await fromDefinition(v1, employee);
    // then
    expect(r.statusCode).toBe(403);
    expect((await t.request(analyst, { method: 'GET', url: '/api/drafts' })).json().items).toEqual([]);
  });

  it('answers 404 for a definition that does not exist, and a 4xx for an id too long to be one', async () => {
    const missing = await fromDefinition('no-such-process:1:x');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('LZ_ERR_DEFINITION_NOT_FOUND');
    const long = (await fromDefinition('x'.repeat(256))).statusCode;
    expect([long >= 400, long < 500]).toEqual([true, true]);
    expect((await t.request(analyst, { method: 'GET', url: '/api/drafts' })).json().items).toEqual([]);
  });

  it("creates a full-mode BPMN draft with the version's XML, its key and name", async () => {
    // when
    const r = await fromDefinition(v1);
    // then
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'bpmn', key: 'draft-expense', name: 'Expense', mode: 'full', simple: null, revision: 1, updatedBy: 'ana', content: approval });
  });

  it('answers 409 when a draft of the key exists, and leaves that draft as it is', async () => {
    // given
    const [existing] = (await t.request(analyst, { method: 'GET', url: '/api/drafts?kind=bpmn' })).json().items as { id: string; revision: number }[];
    // when
    const r = await fromDefinition(v1);
    // then
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('LZ_ERR_DRAFT_KEY_TAKEN');
    const after = (await t.request(analyst, { method: 'GET', url: `/api/drafts/${existing!.id}` })).json();
    expect([after.revision, after.content]).toEqual([existing!.revision, approval]);
  });

  it('publishes unchanged as the same version, edited as version 2; instances of version 1 stay on it', async () => {
    // given
    const [draft] = (await t.request(analyst, { method: 'GET', url: '/api/drafts?kind=bpmn' })).json().items as { id: string; revision: number }[];
    const running = await t.app.engine.startProcessById(v1, { variables: { initiator: 'ana', amount: 5000 } });
    // when: published as it came
    const same = await t.request(analyst, { method: 'POST', url: `/api/drafts/${draft!.id}/publish` });
    // then
    expect(same.statusCode, same.body).toBe(201);
    expect(same.json().definitions).toEqual([expect.objectContaining({ id: v1, version: 1, isNew: false })]);
    // when: a step renamed, then published
    const edited = await t.request(analyst, { method: 'PUT', url: `/api/drafts/${draft!.id}`, payload: { content: approval.replace('name="Manager approval"', 'name="Line manager approval"'), revision: draft!.revision } });
    expect(edited.statusCode, edited.body).toBe(200);
    const next = await t.request(analyst, { method: 'POST', url: `/api/drafts/${draft!.id}/publish` });
    // then
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().definitions).toEqual([expect.objectContaining({ key: 'draft-expense', version: 2, isNew: true })]);
    expect((await t.app.engine.getDefinitions({ key: 'draft-expense' })).map((d) => d.version).sort()).toEqual([1, 2]);
    expect((await t.app.engine.getProcessInstance(running.id))?.definitionId).toBe(v1);
  });
});
