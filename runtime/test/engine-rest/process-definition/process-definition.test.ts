import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const model = (id: string, opts: { name?: string; starters?: string; tag?: string; label?: string } = {}) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="d_${id}">
  <process id="${id}" name="${opts.name ?? id}" isExecutable="true" ${opts.starters ?? ''} ${opts.tag ? `camunda:versionTag="${opts.tag}"` : ''}>
    <startEvent id="s">
      <extensionElements><camunda:formData>
        <camunda:formField id="days" label="${opts.label ?? 'Days'}" type="long" defaultValue="1" />
        <camunda:formField id="urgent" type="boolean" defaultValue="false" />
        <camunda:formField id="kind" type="enum"><camunda:value id="annual" name="Annual" /><camunda:value id="sick" name="Sick" /></camunda:formField>
      </camunda:formData></extensionElements>
    </startEvent>
    <sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
    <userTask id="wait" /><sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
    <endEvent id="e" />
  </process>
</definitions>`;

describe('/engine-rest/process-definition', () => {
  let t: TestApp;
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    t = await createTestApp();
    v1 = (await t.app.engine.deploy([{ name: 'pd.bpmn', content: model('pd-leave', { name: 'Leave', tag: 'a' }) }])).definitions[0]!.id;
    v2 = (await t.app.engine.deploy([{ name: 'pd.bpmn', content: model('pd-leave', { name: 'Leave', tag: 'b', label: 'Days off' }) }])).definitions[0]!.id;
    await t.app.engine.deploy([{ name: 'pd-restricted.bpmn', content: model('pd-restricted', { starters: 'camunda:candidateStarterGroups="hr"' }) }]);
  });
  afterAll(() => t.close());

  it('lists definitions by Camunda query parameters, with Camunda fields', async () => {
    // when
    const latest = (await t.admin({ method: 'GET', url: '/engine-rest/process-definition?key=pd-leave&latestVersion=true' })).json();
    const all = (await t.admin({ method: 'GET', url: '/engine-rest/process-definition?keyLike=pd-%25&sortBy=version&sortOrder=desc' })).json() as { id: string }[];
    const count = (await t.admin({ method: 'GET', url: '/engine-rest/process-definition/count?key=pd-leave' })).json();
    const page = (await t.admin({ method: 'GET', url: '/engine-rest/process-definition?key=pd-leave&sortBy=version&sortOrder=asc&firstResult=1&maxResults=1' })).json() as { id: string }[];
    const tagged = (await t.admin({ method: 'GET', url: '/engine-rest/process-definition?versionTag=a' })).json() as { id: string }[];
    // then
    expect(latest).toEqual([
      { id: v2, key: 'pd-leave', category: null, description: null, name: 'Leave', version: 2, resource: 'pd.bpmn', deploymentId: expect.any(String), diagram: null, suspended: false, tenantId: null, versionTag: 'b', historyTimeToLive: null, startableInTasklist: true },
    ]);
    expect(all[0]!.id).toBe(v2);
    expect(all).toHaveLength(3);
    expect(count).toEqual({ count: 2 });
    expect(page.map((d) => d.id)).toEqual([v2]);
    expect(tagged.map((d) => d.id)).toEqual([v1]);
  });

  it('reads one by id or by key (latest version), with its XML; 404 for unknown ones', async () => {
    expect((await t.admin({ method: 'GET', url: `/engine-rest/process-definition/${v1}` })).json()).toMatchObject({ id: v1, version: 1 });
    expect((await t.admin({ method: 'GET', url: '/engine-rest/process-definition/key/pd-leave' })).json()).toMatchObject({ id: v2, version: 2 });
    const xml = (await t.admin({ method: 'GET', url: '/engine-rest/process-definition/key/pd-leave/xml' })).json() as { id: string; bpmn20Xml: string };
    expect(xml.id).toBe(v2);
    expect(xml.bpmn20Xml).toContain('Days off');
    const missing = await t.admin({ method: 'GET', url: '/engine-rest/process-definition/key/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ type: 'InvalidRequestException' });
    expect((await t.admin({ method: 'GET', url: '/engine-rest/process-definition/nope/xml' })).statusCode).toBe(404);
  });

  it('starts an instance by key with typed variables and a business key, returning them when asked', async () => {
    // given
    const ann = await t.user('ann');
    // when
    const res = await t.request(ann, {
      method: 'POST',
      url: '/engine-rest/process-definition/key/pd-leave/start',
      payload: { businessKey: 'L-7', withVariablesInReturn: true, variables: { days: { value: 3, type: 'Long' }, note: { value: 'sunny', type: 'String' }, when: { value: '2026-12-24T09:00:00.000+0100', type: 'Date' } } },
    });
    // then
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ definitionId: v2, businessKey: 'L-7', ended: false, suspended: false, caseInstanceId: null, tenantId: null });
    expect(body.variables).toEqual({
      days: { value: 3, type: 'Long', valueInfo: {} },
      note: { value: 'sunny', type: 'String', valueInfo: {} },
      when: { value: '2026-12-24T08:00:00.000+0000', type: 'Date', valueInfo: {} },
    });
    const inst = await t.app.engine.getProcessInstance(body.id);
    expect(inst).toMatchObject({ startUserId: 'ann', businessKey: 'L-7' });
  });

  it('starts by id; an instance of an old version runs on that version', async () => {
    const res = await t.admin({ method: 'POST', url: `/engine-rest/process-definition/${v1}/start`, payload: { businessKey: null, variables: null } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ definitionId: v1, businessKey: null });
    expect(res.json().variables).toBeUndefined();
  });

  it('lets only candidate starters start a restricted process (403 for others), and everyone an open one', async () => {
    // given
    const outsider = await t.user('outsider', { groups: ['sales'] });
    const hr = await t.user('harriet', { groups: ['hr'] });
    // when
    const refused = await t.request(outsider, { method: 'POST', url: '/engine-rest/process-definition/key/pd-restricted/start', payload: {} });
    const allowed = await t.request(hr, { method: 'POST', url: '/engine-rest/process-definition/key/pd-restricted/start', payload: {} });
    // then
    expect(refused.statusCode).toBe(403);
    expect(allowed.statusCode).toBe(200);
    expect(await t.app.engine.countProcessInstances({ processDefinitionKey: 'pd-restricted' })).toBe(1);
  });

  it('answers bad start requests with 400 and starts nothing', async () => {
    const before = await t.app.engine.countProcessInstances({ processDefinitionKey: 'pd-leave' });
    const bad = [
      { variables: { x: { value: 'abc', type: 'Integer' } } },
      { variables: { x: { value: 1, type: 'Bogus' } } },
      { variables: { x: { value: 'not a date', type: 'Date' } } },
      { variables: { x: 1 } },
      { unknownField: true },
      { startInstructions: [{ type: 'startBeforeActivity', activityId: 'wait' }] },
      { businessKey: { nested: true } },
    ];
    for (const payload of bad) {
      const res = await t.admin({ method: 'POST', url: '/engine-rest/process-definition/key/pd-leave/start', payload });
      expect(res.statusCode, JSON.stringify(payload) + res.body).toBe(400);
    }
    expect(await t.app.engine.countProcessInstances({ processDefinitionKey: 'pd-leave' })).toBe(before);
  });

  it('gives the generated start form: form-variables with defaults, startForm key, submit-form starts', async () => {
    const vars = (await t.admin({ method: 'GET', url: '/engine-rest/process-definition/key/pd-leave/form-variables' })).json();
    expect(vars).toEqual({
      days: { value: 1, type: 'Long', valueInfo: {} },
      urgent: { value: false, type: 'Boolean', valueInfo: {} },
      kind: { value: null, type: 'String', valueInfo: {} },
    });
    expect(Object.keys((await t.admin({ method: 'GET', url: '/engine-rest/process-definition/key/pd-leave/form-variables?variableNames=urgent' })).json())).toEqual(['urgent']);
    expect((await t.admin({ method: 'GET', url: `/engine-rest/process-definition/${v1}/startForm` })).json()).toEqual({ key: null, contextPath: null });
    const submitted = await t.admin({ method: 'POST', url: '/engine-rest/process-definition/key/pd-leave/submit-form', payload: { variables: { days: { value: 2, type: 'Long' } }, businessKey: 'F-1' } });
    expect(submitted.statusCode).toBe(200);
    expect(await t.app.engine.getVariables(submitted.json().id)).toMatchObject({ days: 2 });
    expect((await t.admin({ method: 'GET', url: '/engine-rest/process-definition/key/pd-leave/deployed-start-form' })).statusCode).toBe(400);
  });

  it('deletes a definition (admin only; 409 while instances run unless cascade)', async () => {
    // given
    const id = (await t.app.engine.deploy([{ name: 'gone.bpmn', content: model('pd-gone') }])).definitions[0]!.id;
    await t.app.engine.startProcess('pd-gone');
    const emp = await t.user('emp');
    // when / then
    expect((await t.request(emp, { method: 'DELETE', url: `/engine-rest/process-definition/${id}?cascade=true` })).statusCode).toBe(403);
    expect((await t.admin({ method: 'DELETE', url: `/engine-rest/process-definition/key/pd-gone` })).statusCode).toBe(409);
    expect((await t.admin({ method: 'DELETE', url: `/engine-rest/process-definition/${id}` })).statusCode).toBe(409);
    expect((await t.admin({ method: 'DELETE', url: `/engine-rest/process-definition/${id}?cascade=true` })).statusCode).toBe(204);
    expect((await t.admin({ method: 'GET', url: `/engine-rest/process-definition/${id}` })).statusCode).toBe(404);
    expect(await t.app.engine.countProcessInstances({ processDefinitionKey: 'pd-gone' })).toBe(0);
  });
});
