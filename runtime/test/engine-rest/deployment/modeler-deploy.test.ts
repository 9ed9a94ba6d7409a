import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../helpers/test-app.ts';

const here = new URL('.', import.meta.url);
const LEAVE_BPMN = readFileSync(new URL('leave.bpmn', here), 'utf8');
const LEAVE_FORM = readFileSync(new URL('leave.form', here), 'utf8');

/**
 * Issue 3: "A test deploys a Camunda Modeler file through /deployment/create exactly as the
 * Modeler's deploy button sends it." The Modeler (Camunda 7 target) checks the connection with
 * GET /deployment?maxResults=0, then posts a browser FormData: deployment-name,
 * deployment-source 'Camunda Modeler', deploy-changed-only 'true', the diagram as a text/xml
 * Blob named by its file name, and each linked form as a further Blob; then, for "start
 * instance", POST /process-definition/{id}/start. Here a real server on loopback gets the
 * same requests from Node's fetch/FormData/Blob.
 */
describe('deploying from the Camunda Modeler', () => {
  let t: TestApp;
  let base: string;
  const headers = { accept: 'application/json', authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` };
  beforeAll(async () => {
    t = await createTestApp();
    const address = await t.app.fastify.listen({ port: 0, host: '127.0.0.1' });
    base = `${address}/engine-rest`;
  });
  afterAll(() => t.close());

  function modelerForm(): FormData {
    const form = new FormData();
    form.append('deployment-name', 'leave-request');
    form.append('deployment-source', 'Camunda Modeler');
    form.append('deploy-changed-only', 'true');
    form.append('leave.bpmn', new Blob([LEAVE_BPMN], { type: 'text/xml' }), 'leave.bpmn');
    form.append('leave.form', new Blob([LEAVE_FORM]), 'leave.form');
    return form;
  }

  it('checks the connection, deploys the diagram with its form, and starts an instance', async () => {
    // given: the connection check
    const check = await fetch(`${base}/deployment?maxResults=0`, { headers });
    expect(check.status).toBe(200);
    expect(await check.json()).toEqual([]);
    // when
    const res = await fetch(`${base}/deployment/create`, { method: 'POST', body: modelerForm(), headers });
    // then
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; name: string; source: string; deployedProcessDefinitions: Record<string, { id: string; key: string; version: number; resource: string }> };
    expect(body).toMatchObject({ name: 'leave-request', source: 'Camunda Modeler', tenantId: null, deployedCaseDefinitions: null, deployedDecisionDefinitions: null });
    const defs = Object.values(body.deployedProcessDefinitions);
    expect(defs).toHaveLength(1);
    expect(defs[0]).toMatchObject({ key: 'leave-request', version: 1, resource: 'leave.bpmn', historyTimeToLive: 180 });
    const resources = (await (await fetch(`${base}/deployment/${body.id}/resources`, { headers })).json()) as { name: string }[];
    expect(resources.map((r) => r.name).sort()).toEqual(['leave.bpmn', 'leave.form']);
    // and the Modeler's "start instance"
    const start = await fetch(`${base}/process-definition/${defs[0]!.id}/start`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ businessKey: 'LEAVE-1', variables: { days: { value: 3, type: 'Integer' } } }),
    });
    expect(start.status).toBe(200);
    expect(await start.json()).toMatchObject({ businessKey: 'LEAVE-1', definitionId: defs[0]!.id, ended: false });
    // the linked form is served for the start event
    const form = await fetch(`${base}/process-definition/key/leave-request/deployed-start-form`, { headers });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({ id: 'leave-form' });
  });

  it('deploys again unchanged without a new version (deploy-changed-only), and a changed diagram as version 2', async () => {
    // when: the same files again
    const again = await fetch(`${base}/deployment/create`, { method: 'POST', body: modelerForm(), headers });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { deployedProcessDefinitions: unknown }).deployedProcessDefinitions).toBeNull();
    // when: the diagram changed
    const form = modelerForm();
    form.set('leave.bpmn', new Blob([LEAVE_BPMN.replace('name="Approve leave"', 'name="Approve the leave"')], { type: 'text/xml' }), 'leave.bpmn');
    const changed = await fetch(`${base}/deployment/create`, { method: 'POST', body: form, headers });
    const defs = Object.values(((await changed.json()) as { deployedProcessDefinitions: Record<string, { version: number }> }).deployedProcessDefinitions);
    // then
    expect(defs.map((d) => d.version)).toEqual([2]);
  });

  it('shows the problems of a broken diagram as Camunda does (ParseException with the element), and stores nothing', async () => {
    // given: a gateway without outgoing flows
    const broken = LEAVE_BPMN.replace('<bpmn:sequenceFlow id="Flow_2" sourceRef="Approve" targetRef="End" />', '').replace('<bpmn:outgoing>Flow_2</bpmn:outgoing>', '').replace('<bpmn:incoming>Flow_2</bpmn:incoming>', '');
    const form = new FormData();
    form.append('deployment-name', 'broken');
    form.append('deployment-source', 'Camunda Modeler');
    form.append('deploy-changed-only', 'true');
    form.append('broken.bpmn', new Blob([broken.replace('id="leave-request"', 'id="broken"').replace(/<bpmn:userTask id="Approve"/, '<bpmn:exclusiveGateway id="Approve"').replace('</bpmn:userTask>', '</bpmn:exclusiveGateway>')], { type: 'text/xml' }), 'broken.bpmn');
    const before = (await (await fetch(`${base}/deployment/count`, { headers })).json()) as { count: number };
    // when
    const res = await fetch(`${base}/deployment/create`, { method: 'POST', body: form, headers });
    // then
    expect(res.status).toBe(400);
    const body = (await res.json()) as { type: string; message: string; details: Record<string, { errors: { mainElementId: string }[] }> };
    expect(body.type).toBe('ParseException');
    expect(body.details['broken.bpmn']!.errors.map((e) => e.mainElementId)).toContain('Approve');
    expect(await (await fetch(`${base}/deployment/count`, { headers })).json()).toEqual(before);
  });

  it('refuses the deploy button of someone who is not an admin (403), and anonymous callers (401)', async () => {
    // given
    const bob = await t.user('bob', { roles: ['analyst'] });
    // when
    const asBob = await fetch(`${base}/deployment/create`, { method: 'POST', body: modelerForm(), headers: { authorization: `Basic ${Buffer.from(`${bob.id}:${bob.password}`).toString('base64')}` } });
    const anonymous = await fetch(`${base}/deployment/create`, { method: 'POST', body: modelerForm() });
    // then
    expect(asBob.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(((await asBob.json()) as { type: string }).type).toBe('AuthorizationException');
  });
});
