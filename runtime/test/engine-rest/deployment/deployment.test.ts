import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { bpmnFile, multipart } from '../../helpers/multipart.ts';

const model = (id: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t" id="d_${id}">
  <process id="${id}" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
    <userTask id="wait" name="Wait${extra}" /><sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
    <endEvent id="e" />
  </process>
</definitions>`;

describe('/engine-rest/deployment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const create = (parts: Parameters<typeof multipart>[0]) => t.admin({ method: 'POST', url: '/engine-rest/deployment/create', ...multipart(parts) });

  it('creates a deployment of several files, and lists, counts, reads it and its resources', async () => {
    // when
    const res = await create([
      { name: 'deployment-name', value: 'two processes' },
      bpmnFile('a.bpmn', model('dep-a')),
      bpmnFile('b.bpmn', model('dep-b')),
      { name: 'notes.txt', value: 'plain text rides along' },
    ]);
    // then
    expect(res.statusCode).toBe(200);
    const dep = res.json() as { id: string; deploymentTime: string; links: { href: string }[]; deployedProcessDefinitions: Record<string, { key: string }> };
    expect(Object.values(dep.deployedProcessDefinitions).map((d) => d.key).sort()).toEqual(['dep-a', 'dep-b']);
    expect(dep.deploymentTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(dep.links[0]!.href).toMatch(new RegExp(`/engine-rest/deployment/${dep.id}$`));
    const list = await t.admin({ method: 'GET', url: '/engine-rest/deployment?nameLike=%25two%25&sortBy=deploymentTime&sortOrder=desc' });
    expect(list.json().map((d: { id: string }) => d.id)).toEqual([dep.id]);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/deployment/count?name=two%20processes' })).json()).toEqual({ count: 1 });
    expect((await t.admin({ method: 'GET', url: `/engine-rest/deployment/${dep.id}` })).json()).toMatchObject({ id: dep.id, name: 'two processes', tenantId: null });
    const resources = (await t.admin({ method: 'GET', url: `/engine-rest/deployment/${dep.id}/resources` })).json() as { id: string; name: string }[];
    expect(resources.map((r) => r.name).sort()).toEqual(['a.bpmn', 'b.bpmn', 'notes.txt']);
    const notes = resources.find((r) => r.name === 'notes.txt')!;
    const data = await t.admin({ method: 'GET', url: `/engine-rest/deployment/${dep.id}/resources/${notes.id}/data` });
    expect(data.body).toBe('plain text rides along');
    expect((await t.admin({ method: 'GET', url: `/engine-rest/deployment/${dep.id}/resources/${notes.id}` })).json()).toEqual({ id: notes.id, name: 'notes.txt', deploymentId: dep.id });
  });

  it('makes a new version every time by default, as Camunda does, and keeps the version with deploy-changed-only', async () => {
    // when
    const first = await create([bpmnFile('v.bpmn', model('dep-v'))]);
    const second = await create([bpmnFile('v.bpmn', model('dep-v'))]);
    const third = await create([{ name: 'deploy-changed-only', value: 'true' }, bpmnFile('v.bpmn', model('dep-v'))]);
    // then
    expect(Object.values(first.json().deployedProcessDefinitions).map((d) => (d as { version: number }).version)).toEqual([1]);
    expect(Object.values(second.json().deployedProcessDefinitions).map((d) => (d as { version: number }).version)).toEqual([2]);
    expect(third.json().deployedProcessDefinitions).toBeNull();
  });

  it('deletes a deployment: 409 while instances run, then with cascade=true the instances go too', async () => {
    // given
    const dep = (await create([bpmnFile('del.bpmn', model('dep-del'))])).json() as { id: string };
    const inst = await t.app.engine.startProcess('dep-del');
    // when
    const refused = await t.admin({ method: 'DELETE', url: `/engine-rest/deployment/${dep.id}` });
    // then
    expect(refused.statusCode).toBe(409);
    expect(await t.app.engine.getProcessInstance(inst.id)).not.toBeNull();
    // when
    const done = await t.admin({ method: 'DELETE', url: `/engine-rest/deployment/${dep.id}?cascade=true` });
    // then
    expect(done.statusCode).toBe(204);
    expect(await t.app.engine.getProcessInstance(inst.id)).toBeNull();
    expect((await t.admin({ method: 'GET', url: `/engine-rest/deployment/${dep.id}` })).statusCode).toBe(404);
    expect((await t.admin({ method: 'DELETE', url: `/engine-rest/deployment/${dep.id}` })).statusCode).toBe(404);
  });

  it('answers bad uploads with 400 and a message, storing nothing', async () => {
    const before = (await t.admin({ method: 'GET', url: '/engine-rest/deployment/count' })).json();
    const cases = [
      await t.admin({ method: 'POST', url: '/engine-rest/deployment/create', payload: { name: 'x' } }),
      await create([{ name: 'deployment-name', value: 'nothing in it' }]),
      await create([bpmnFile('evil.bpmn', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><definitions>&e;</definitions>')]),
      await create([bpmnFile('broken.bpmn', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" isExecutable="true">')]),
      await create([{ name: 'tenant-id', value: 'acme' }, bpmnFile('t.bpmn', model('dep-t'))]),
      await create([{ name: 'deploy-changed-only', value: 'yes' }, bpmnFile('t.bpmn', model('dep-t'))]),
      await create([bpmnFile('form.form', '{ not json')]),
      await create([bpmnFile('twice.bpmn', model('dep-t')), bpmnFile('twice.bpmn', model('dep-t'))]),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBe(400);
      expect(typeof res.json().message).toBe('string');
    }
    expect((await t.admin({ method: 'GET', url: '/engine-rest/deployment/count' })).json()).toEqual(before);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/deployment?sortBy=nonsense' })).statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/deployment?after=yesterday' })).statusCode).toBe(400);
  });

  it('lets employees read deployments but not create or delete them', async () => {
    // given
    const eve = await t.user('eve');
    // when / then
    expect((await t.request(eve, { method: 'GET', url: '/engine-rest/deployment' })).statusCode).toBe(200);
    expect((await t.request(eve, { method: 'POST', url: '/engine-rest/deployment/create', ...multipart([bpmnFile('e.bpmn', model('dep-e'))]) })).statusCode).toBe(403);
    expect(await t.app.engine.getDefinitions({ key: 'dep-e' })).toEqual([]);
  });
});
