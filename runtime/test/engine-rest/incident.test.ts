import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="incident-rest-defs">
  <process id="incidentRest" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="charge" />
    <serviceTask id="charge" camunda:type="external" camunda:topic="incident-charge" />
    <sequenceFlow id="f1" sourceRef="charge" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;

type Incident = { id: string; incidentType: string; configuration: string; [k: string]: unknown };

describe('/engine-rest/incident', () => {
  let t: TestApp;
  let pid: string;
  let taskId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const e = t.app.engine;
    await e.deploy([{ name: 'incident.bpmn', content: MODEL }]);
    pid = (await e.startProcess('incidentRest')).id;
    const [task] = await e.fetchAndLock('w1', 1, [{ topicName: 'incident-charge', lockDuration: 60_000 }]);
    taskId = task!.id;
    await e.handleExternalTaskFailure(taskId, 'w1', { errorMessage: 'card service gone', retries: 0 });
  });
  afterAll(() => t.close());

  it('GET /incident shows an external task without retries with every IncidentDto field', async () => {
    // when
    const res = await t.admin({ method: 'GET', url: `/engine-rest/incident?processInstanceId=${pid}` });
    // then
    expect(res.statusCode).toBe(200);
    const [incident] = res.json() as Incident[];
    expect(incident).toEqual({
      id: incident!.id,
      processDefinitionId: expect.any(String),
      processInstanceId: pid,
      executionId: expect.any(String),
      incidentTimestamp: expect.stringMatching(/\+0000$/),
      incidentType: 'failedExternalTask',
      activityId: 'charge',
      failedActivityId: 'charge',
      causeIncidentId: incident!.id,
      rootCauseIncidentId: incident!.id,
      configuration: taskId,
      tenantId: null,
      incidentMessage: 'card service gone',
      jobDefinitionId: null,
      annotation: null,
    });
    expect((await t.admin({ method: 'GET', url: `/engine-rest/incident/${incident!.id}` })).json()).toEqual(incident);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/incident/nope' })).statusCode).toBe(404);
  });

  it('filters and counts by type, activity and configuration; unknown parameters are 400', async () => {
    const count = async (qs: string) => ((await t.admin({ method: 'GET', url: `/engine-rest/incident/count?${qs}` })).json() as { count: number }).count;
    expect(await count(`incidentType=failedExternalTask&processInstanceId=${pid}`)).toBe(1);
    expect(await count(`incidentType=failedJob&processInstanceId=${pid}`)).toBe(0);
    expect(await count(`activityId=charge&configuration=${taskId}`)).toBe(1);
    expect(await count(`processDefinitionKeyIn=incidentRest,other&processInstanceId=${pid}`)).toBe(1);
    expect(await count(`incidentTimestampAfter=2999-01-01T00:00:00.000%2B0000`)).toBe(0);
    const sorted = await t.admin({ method: 'GET', url: '/engine-rest/incident?sortBy=incidentTimestamp&sortOrder=desc&maxResults=1' });
    expect(sorted.json()).toHaveLength(1);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/incident?colour=red' })).statusCode).toBe(400);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/incident?sortBy=incidentId' })).statusCode).toBe(400);
  });

  it('DELETE resolves only custom incidents: a failed external task answers 400 and stays', async () => {
    // given
    const [incident] = (await t.admin({ method: 'GET', url: `/engine-rest/incident?processInstanceId=${pid}` })).json() as Incident[];
    // when
    const res = await t.admin({ method: 'DELETE', url: `/engine-rest/incident/${incident!.id}` });
    // then
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('failedExternalTask');
    expect((await t.admin({ method: 'GET', url: `/engine-rest/incident/${incident!.id}` })).statusCode).toBe(200);
    expect((await t.admin({ method: 'DELETE', url: '/engine-rest/incident/nope' })).statusCode).toBe(404);
  });

  it('is for admins only', async () => {
    const bob = await t.user('bob', { roles: ['employee'] });
    expect((await t.request(bob, { method: 'GET', url: '/engine-rest/incident' })).statusCode).toBe(403);
    expect((await t.request(null, { method: 'GET', url: '/engine-rest/incident/count' })).statusCode).toBe(401);
  });
});
