import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createDraft, designers, fixture, type Credentials } from './drafts-setup.ts';

let t: TestApp;
let analyst: Credentials;
let employee: Credentials;
beforeAll(async () => {
  t = await createTestApp();
  ({ analyst, employee } = await designers(t));
});
afterAll(async () => t.close());

const xml = fixture('approval.bpmn');

describe('drafts: create, read, list, save, delete', () => {
  it('creates a draft at revision 1 and reads it back', async () => {
    // when
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'crud-one', name: 'One', content: xml, mode: 'simple', simple: { nodes: [] } });
    // then
    expect(d).toMatchObject({ kind: 'bpmn', key: 'crud-one', name: 'One', mode: 'simple', simple: { nodes: [] }, content: xml, revision: 1, updatedBy: 'ana' });
    const got = await t.request(analyst, { method: 'GET', url: `/api/drafts/${d.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(d);
  });

  it('lists summaries without content, newest first, filtered by kind', async () => {
    // given
    const a = await createDraft(t, analyst, { kind: 'bpmn', key: 'list-a', name: 'A', content: xml });
    const f = await createDraft(t, analyst, { kind: 'form', key: 'list-f', name: 'F', content: '{"components":[]}' });
    await t.request(analyst, { method: 'PUT', url: `/api/drafts/${a.id}`, payload: { name: 'A2', revision: 1 } });
    // when
    const all = (await t.request(analyst, { method: 'GET', url: '/api/drafts' })).json().items as Record<string, unknown>[];
    const forms = (await t.request(analyst, { method: 'GET', url: '/api/drafts?kind=form' })).json().items as Record<string, unknown>[];
    // then: the saved one is newest
    expect(all[0]).toMatchObject({ id: a.id, name: 'A2', revision: 2 });
    expect(all[1]).toMatchObject({ id: f.id });
    expect(all.every((x) => !('content' in x) && !('simple' in x))).toBe(true);
    expect(forms.map((x) => x.kind)).toEqual(forms.map(() => 'form'));
    expect(forms.map((x) => x.id)).toContain(f.id);
  });

  it('refuses a second draft of the same kind and key (409), a bad key (400), an unknown id (404)', async () => {
    await createDraft(t, analyst, { kind: 'bpmn', key: 'taken', name: 'T', content: xml });
    const again = await t.request(analyst, { method: 'POST', url: '/api/drafts', payload: { kind: 'bpmn', key: 'taken', name: 'T2', content: xml } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('LZ_ERR_DRAFT_KEY_TAKEN');
    const bad = await t.request(analyst, { method: 'POST', url: '/api/drafts', payload: { kind: 'bpmn', key: '1-starts-with-digit', name: 'T', content: xml } });
    expect(bad.statusCode).toBe(400);
    const extra = await t.request(analyst, { method: 'POST', url: '/api/drafts', payload: { kind: 'bpmn', key: 'extra', name: 'T', content: xml, owner: 'x' } });
    expect(extra.statusCode).toBe(400);
    expect((await t.request(analyst, { method: 'GET', url: '/api/drafts/no-such-draft' })).statusCode).toBe(404);
  });

  it('saves on the current revision (revision + 1); a stale revision is 409 and the stored content stays', async () => {
    // given: two designers read revision 1
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'stale', name: 'S', content: xml });
    const first = await t.request(analyst, { method: 'PUT', url: `/api/drafts/${d.id}`, payload: { content: `${xml}<!-- mine -->`, simple: null, revision: 1 } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ revision: 2, content: `${xml}<!-- mine -->`, name: 'S' });
    // when: the other one saves on revision 1
    const second = await t.request(analyst, { method: 'PUT', url: `/api/drafts/${d.id}`, payload: { content: 'theirs', revision: 1 } });
    // then
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('LZ_ERR_DRAFT_STALE');
    const stored = (await t.request(analyst, { method: 'GET', url: `/api/drafts/${d.id}` })).json();
    expect(stored).toMatchObject({ revision: 2, content: `${xml}<!-- mine -->` });
  });

  it('deletes a draft (204), then it is gone (404)', async () => {
    const d = await createDraft(t, analyst, { kind: 'form', key: 'gone', name: 'G', content: '{}' });
    expect((await t.request(analyst, { method: 'DELETE', url: `/api/drafts/${d.id}` })).statusCode).toBe(204);
    expect((await t.request(analyst, { method: 'GET', url: `/api/drafts/${d.id}` })).statusCode).toBe(404);
    expect((await t.request(analyst, { method: 'DELETE', url: `/api/drafts/${d.id}` })).statusCode).toBe(404);
  });

  it('admins may design too', async () => {
    const d = await t.admin({ method: 'POST', url: '/api/drafts', payload: { kind: 'bpmn', key: 'by-admin', name: 'A', content: xml } });
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json().updatedBy).toBe('admin');
  });
});

describe('drafts are for analysts and admins', () => {
  it('answers 403 to an employee on every drafts route, and changes nothing', async () => {
    // given
    const d = await createDraft(t, analyst, { kind: 'bpmn', key: 'not-for-employees', name: 'N', content: xml });
    const calls = [
      { method: 'GET', url: '/api/drafts' },
      { method: 'POST', url: '/api/drafts', payload: { kind: 'bpmn', key: 'emp', name: 'E', content: xml } },
      { method: 'GET', url: `/api/drafts/${d.id}` },
      { method: 'PUT', url: `/api/drafts/${d.id}`, payload: { name: 'X', revision: 1 } },
      { method: 'DELETE', url: `/api/drafts/${d.id}` },
      { method: 'POST', url: `/api/drafts/${d.id}/validate` },
      { method: 'POST', url: `/api/drafts/${d.id}/publish` },
      { method: 'POST', url: `/api/drafts/${d.id}/preview`, payload: { variables: {} } },
    ] as const;
    // when / then
    for (const c of calls) expect((await t.request(employee, c)).statusCode, `${c.method} ${c.url}`).toBe(403);
    const stored = (await t.request(analyst, { method: 'GET', url: `/api/drafts/${d.id}` })).json();
    expect(stored).toMatchObject({ name: 'N', revision: 1 });
    expect(await t.app.engine.countDeployments()).toBe(0);
  });
});
