import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t"`;

/** an async script task that fails while `ok` is false, then a one-hour timer */
const MODEL = `${HEAD} id="job-rest-defs">
  <process id="jobRest" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="call" />
    <scriptTask id="call" scriptFormat="javascript" camunda:asyncBefore="true">
      <script>if (!ok) throw new Error('remote system down'); execution.setVariable('called', true);</script>
    </scriptTask>
    <sequenceFlow id="f1" sourceRef="call" targetRef="wait" />
    <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <sequenceFlow id="f2" sourceRef="wait" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;

type Job = { id: string; retries: number; exceptionMessage: string | null; failedActivityId: string | null; dueDate: string; [k: string]: unknown };

describe('/engine-rest/job', () => {
  let t: TestApp;
  let employee: { id: string; password: string };
  const start = async (ok: boolean) => (await t.app.engine.startProcess('jobRest', { variables: { ok } })).id;
  const jobsOf = async (pid: string) => (await t.admin({ method: 'GET', url: `/engine-rest/job?processInstanceId=${pid}` })).json() as Job[];
  beforeAll(async () => {
    t = await createTestApp();
    employee = await t.user('erin', { roles: ['employee'] });
    await t.app.engine.deploy([{ name: 'job.bpmn', content: MODEL }]);
  });
  afterAll(() => t.close());

  it('GET /job lists jobs with every JobDto field; GET /job/{id} reads one', async () => {
    // given
    const pid = await start(true);
    // when
    const [job] = await jobsOf(pid);
    // then
    expect(Object.keys(job!).sort()).toEqual(
      ['batchId', 'createTime', 'dueDate', 'exceptionMessage', 'executionId', 'failedActivityId', 'id', 'jobDefinitionId', 'priority', 'processDefinitionId', 'processDefinitionKey', 'processInstanceId', 'retries', 'suspended', 'tenantId'].sort(),
    );
    expect(job).toMatchObject({ processInstanceId: pid, processDefinitionKey: 'jobRest', retries: 3, exceptionMessage: null, suspended: false, tenantId: null });
    expect(job!.dueDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const one = await t.admin({ method: 'GET', url: `/engine-rest/job/${job!.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(job);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/job/nope' })).statusCode).toBe(404);
  });

  it('POST /job/{id}/execute runs it (204); the timer after it is found with timers=true', async () => {
    // given
    const pid = await start(true);
    const [job] = await jobsOf(pid);
    // when
    const res = await t.admin({ method: 'POST', url: `/engine-rest/job/${job!.id}/execute` });
    // then
    expect(res.statusCode).toBe(204);
    expect(await t.app.engine.getVariables(pid)).toMatchObject({ called: true });
    const timers = (await t.admin({ method: 'GET', url: `/engine-rest/job?processInstanceId=${pid}&timers=true` })).json() as Job[];
    expect(timers).toHaveLength(1);
    expect((await t.admin({ method: 'GET', url: `/engine-rest/job?processInstanceId=${pid}&messages=true` })).json()).toEqual([]);
    expect((await t.admin({ method: 'GET', url: `/engine-rest/job/count?processInstanceId=${pid}&executable=true` })).json()).toEqual({ count: 0 });
    expect((await t.admin({ method: 'POST', url: '/engine-rest/job/nope/execute' })).statusCode).toBe(404);
  });

  it('a failing job answers 500 and loses a retry; at zero an incident appears; PUT retries revives it', async () => {
    // given
    const pid = await start(false);
    const [job] = await jobsOf(pid);
    // when
    const res = await t.admin({ method: 'POST', url: `/engine-rest/job/${job!.id}/execute` });
    // then
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ type: 'ProcessEngineException', message: expect.stringContaining('remote system down') });
    const [after] = await jobsOf(pid);
    expect(after).toMatchObject({ retries: 2, failedActivityId: 'call', exceptionMessage: expect.stringContaining('remote system down') });
    const trace = await t.admin({ method: 'GET', url: `/engine-rest/job/${job!.id}/stacktrace` });
    expect(trace.statusCode).toBe(200);
    expect(trace.headers['content-type']).toMatch(/^text\/plain/);
    expect(trace.body).toContain('remote system down');
    // when: the last two retries fail as well
    for (let i = 0; i < 2; i++) expect((await t.admin({ method: 'POST', url: `/engine-rest/job/${job!.id}/execute` })).statusCode).toBe(500);
    // then
    const incidents = (await t.admin({ method: 'GET', url: `/engine-rest/incident?processInstanceId=${pid}` })).json() as { configuration: string }[];
    expect(incidents.map((i) => i.configuration)).toEqual([job!.id]);
    expect((await t.admin({ method: 'GET', url: `/engine-rest/job/count?processInstanceId=${pid}&noRetriesLeft=true&withException=true` })).json()).toEqual({ count: 1 });
    // when
    const retried = await t.admin({ method: 'PUT', url: `/engine-rest/job/${job!.id}/retries`, payload: { retries: 1 } });
    // then
    expect(retried.statusCode).toBe(204);
    expect((await jobsOf(pid))[0]!.retries).toBe(1);
    expect((await t.admin({ method: 'GET', url: `/engine-rest/incident/count?processInstanceId=${pid}` })).json()).toEqual({ count: 0 });
  });

  it('PUT /job/{id}/duedate moves the timer; bad dates and bodies are 400 and change nothing', async () => {
    // given
    const pid = await start(true);
    await t.app.engine.executeJob((await jobsOf(pid))[0]!.id);
    const [timer] = await jobsOf(pid);
    // when
    const res = await t.admin({ method: 'PUT', url: `/engine-rest/job/${timer!.id}/duedate`, payload: { duedate: '2030-01-02T03:04:05.000+0100' } });
    // then
    expect(res.statusCode).toBe(204);
    expect((await jobsOf(pid))[0]!.dueDate).toBe('2030-01-02T02:04:05.000+0000');
    for (const payload of [{ duedate: 'tomorrow' }, { duedate: '2030-01-02T03:04:05.000+0100', extra: 1 }, {}]) {
      const bad = await t.admin({ method: 'PUT', url: `/engine-rest/job/${timer!.id}/duedate`, payload });
      expect(bad.statusCode).toBe(400);
    }
    expect((await t.admin({ method: 'PUT', url: `/engine-rest/job/${timer!.id}/retries`, payload: { retries: -1 } })).statusCode).toBe(400);
    expect((await jobsOf(pid))[0]).toMatchObject({ dueDate: '2030-01-02T02:04:05.000+0000', retries: 3 });
    expect((await t.admin({ method: 'PUT', url: '/engine-rest/job/nope/duedate', payload: { duedate: null } })).statusCode).toBe(404);
  });

  it('filters: dueDates conditions, sortBy/sortOrder, paging, POST /job; contradictions are 400', async () => {
    // given
    const a = await start(true);
    const b = await start(true);
    // when
    const later = await t.admin({ method: 'GET', url: `/engine-rest/job/count?dueDates=gt_2999-01-01T00:00:00.000%2B0000` });
    const sorted = (await t.admin({ method: 'GET', url: `/engine-rest/job?processInstanceIds=${a},${b}&sortBy=processInstanceId&sortOrder=desc` })).json() as Job[];
    const paged = (await t.admin({ method: 'POST', url: '/engine-rest/job?firstResult=1&maxResults=1', payload: { processInstanceIds: [a, b], sorting: [{ sortBy: 'processInstanceId', sortOrder: 'desc' }] } })).json() as Job[];
    // then
    expect(later.json()).toEqual({ count: 0 });
    expect(sorted.map((j) => j.processInstanceId)).toEqual([a, b].sort().reverse());
    expect(paged.map((j) => j.processInstanceId)).toEqual([[a, b].sort()[0]]);
    expect((await t.admin({ method: 'POST', url: '/engine-rest/job/count', payload: { processInstanceIds: [a, b], dueDates: [{ operator: 'lt', value: '2999-01-01T00:00:00.000+0000' }] } })).json()).toEqual({ count: 2 });
    for (const url of ['/engine-rest/job?timers=true&messages=true', '/engine-rest/job?sortBy=jobId', '/engine-rest/job?dueDates=eq_2020-01-01T00:00:00.000%2B0000', '/engine-rest/job?unknown=1', '/engine-rest/job?dueDates=gt_soon']) {
      expect((await t.admin({ method: 'GET', url })).statusCode, url).toBe(400);
    }
  });

  it('every /job route is for admins: an employee gets 403, anonymous 401, and nothing runs', async () => {
    // given
    const pid = await start(true);
    const [job] = await jobsOf(pid);
    // when / then
    for (const [method, url, payload] of [
      ['GET', '/engine-rest/job', undefined],
      ['GET', `/engine-rest/job/${job!.id}`, undefined],
      ['POST', `/engine-rest/job/${job!.id}/execute`, undefined],
      ['PUT', `/engine-rest/job/${job!.id}/retries`, { retries: 0 }],
    ] as const) {
      expect((await t.request(employee, { method, url, payload })).statusCode, url).toBe(403);
      expect((await t.request(null, { method, url, payload })).statusCode, url).toBe(401);
    }
    expect((await jobsOf(pid))[0]).toMatchObject({ id: job!.id, retries: 3 });
  });
});
