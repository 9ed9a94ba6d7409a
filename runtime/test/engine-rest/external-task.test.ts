import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { fetchWaitersOf } from '../../src/routes/engine-rest/external-task/fetch-waiters.ts';
import { ADMIN_PASSWORD, basic, createTestApp, type TestApp } from '../helpers/test-app.ts';

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="et-rest-defs">
  <error id="declined" errorCode="CARD_DECLINED" />
  <process id="etRest" isExecutable="true" camunda:versionTag="v7">
    <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="charge" />
    <serviceTask id="charge" camunda:type="external" camunda:topic="\${topic}" camunda:taskPriority="\${prio}">
      <extensionElements><camunda:properties><camunda:property name="channel" value="visa" /></camunda:properties></extensionElements>
    </serviceTask>
    <boundaryEvent id="onDeclined" attachedToRef="charge">
      <errorEventDefinition errorRef="declined" camunda:errorCodeVariable="reason" />
    </boundaryEvent>
    <sequenceFlow id="f1" sourceRef="onDeclined" targetRef="fix" /><userTask id="fix" />
    <sequenceFlow id="f2" sourceRef="fix" targetRef="e2" /><endEvent id="e2" />
    <sequenceFlow id="f3" sourceRef="charge" targetRef="done" /><userTask id="done" />
    <sequenceFlow id="f4" sourceRef="done" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;

type Locked = { id: string; workerId: string; variables: Record<string, { value: unknown; type: string }>; [k: string]: unknown };

describe('/engine-rest/external-task', () => {
  let t: TestApp;
  const start = async (topic: string, vars: Record<string, unknown> = {}) => (await t.app.engine.startProcess('etRest', { businessKey: `bk-${topic}`, variables: { topic, prio: 0, ...vars } })).id;
  const fetch = async (topic: string, extra: Record<string, unknown> = {}, worker = 'w1') =>
    t.admin({ method: 'POST', url: '/engine-rest/external-task/fetchAndLock', payload: { workerId: worker, maxTasks: 5, topics: [{ topicName: topic, lockDuration: 60_000 }], ...extra } });
  const tasksOf = async (pid: string) => (await t.app.engine.getTasks({ processInstanceId: pid })).map((x) => x.taskDefinitionKey);
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.engine.deploy([{ name: 'et.bpmn', content: MODEL }]);
  });
  afterAll(() => t.close());

  it('fetchAndLock answers LockedExternalTaskDto with typed variables as application/json', async () => {
    // given
    const pid = await start('shape', { amount: 12, when: new Date('2026-02-01T10:00:00Z'), doc: { a: 1 } });
    // when
    const res = await t.admin({
      method: 'POST',
      url: '/engine-rest/external-task/fetchAndLock',
      payload: { workerId: 'w1', maxTasks: 1, usePriority: true, topics: [{ topicName: 'shape', lockDuration: 60_000, variables: ['amount', 'when', 'doc'], includeExtensionProperties: true, businessKey: null }] },
    });
    // then
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const [task] = res.json() as Locked[];
    expect(Object.keys(task!).sort()).toEqual(
      ['activityId', 'activityInstanceId', 'businessKey', 'errorDetails', 'errorMessage', 'executionId', 'extensionProperties', 'id', 'lockExpirationTime', 'priority', 'processDefinitionId', 'processDefinitionKey', 'processDefinitionVersionTag', 'processInstanceId', 'retries', 'suspended', 'tenantId', 'topicName', 'variables', 'workerId'].sort(),
    );
    expect(task).toMatchObject({ activityId: 'charge', processInstanceId: pid, workerId: 'w1', topicName: 'shape', businessKey: 'bk-shape', processDefinitionVersionTag: 'v7', tenantId: null, extensionProperties: { channel: 'visa' } });
    expect(task!.variables).toEqual({
      amount: { value: 12, type: 'Integer', valueInfo: {} },
      when: { value: '2026-02-01T10:00:00.000+0000', type: 'Date', valueInfo: {} },
      doc: { value: '{"a":1}', type: 'Json', valueInfo: {} },
    });
  });

  it('complete moves the instance on with the variables; a wrong worker gets 400, an unknown id 404', async () => {
    // given
    const pid = await start('complete');
    const [task] = (await fetch('complete')).json() as Locked[];
    // when: another worker tries
    const wrong = await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/complete`, payload: { workerId: 'w2' } });
    // then
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().type).toBe('BadUserRequestException');
    expect(await tasksOf(pid)).toEqual([]);
    // when
    const ok = await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/complete`, payload: { workerId: 'w1', variables: { receipt: { value: 'R-1', type: 'String' }, total: { value: '99', type: 'Long' } } } });
    // then
    expect(ok.statusCode).toBe(204);
    expect(await tasksOf(pid)).toEqual(['done']);
    expect(await t.app.engine.getVariables(pid)).toMatchObject({ receipt: 'R-1', total: 99 });
    expect((await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/complete`, payload: { workerId: 'w1' } })).statusCode).toBe(404);
    expect((await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/complete`, payload: {} })).statusCode).toBe(400);
  });

  it('failure with retries left keeps the task; with 0 an incident; errorDetails and PUT retries', async () => {
    // given
    const pid = await start('fail');
    const [task] = (await fetch('fail')).json() as Locked[];
    // when
    const res = await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/failure`, payload: { workerId: 'w1', errorMessage: 'gateway down', errorDetails: 'trace…', retries: 0, retryTimeout: 0 } });
    // then
    expect(res.statusCode).toBe(204);
    const [incident] = (await t.admin({ method: 'GET', url: `/engine-rest/incident?processInstanceId=${pid}` })).json() as { incidentType: string; configuration: string }[];
    expect(incident).toMatchObject({ incidentType: 'failedExternalTask', configuration: task!.id });
    const details = await t.admin({ method: 'GET', url: `/engine-rest/external-task/${task!.id}/errorDetails` });
    expect(details.body).toBe('trace…');
    const [row] = (await t.admin({ method: 'GET', url: `/engine-rest/external-task?processInstanceId=${pid}&noRetriesLeft=true` })).json() as { retries: number; errorMessage: string }[];
    expect(row).toMatchObject({ retries: 0, errorMessage: 'gateway down' });
    expect((await fetch('fail')).json()).toEqual([]);
    // when: an operator gives it another go
    expect((await t.admin({ method: 'PUT', url: `/engine-rest/external-task/${task!.id}/retries`, payload: { retries: 2 } })).statusCode).toBe(204);
    // then
    expect((await t.admin({ method: 'GET', url: `/engine-rest/incident/count?processInstanceId=${pid}` })).json()).toEqual({ count: 0 });
    const [again] = (await fetch('fail')).json() as Locked[];
    expect(again).toMatchObject({ id: task!.id, retries: 2, errorMessage: 'gateway down', errorDetails: 'trace…' });
    expect((await t.admin({ method: 'PUT', url: `/engine-rest/external-task/nope/retries`, payload: { retries: 2 } })).statusCode).toBe(404);
    expect((await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/failure`, payload: { workerId: 'w1', retries: -1 } })).statusCode).toBe(400);
  });

  it('bpmnError is caught by the boundary event; unlock frees the task; extendLock needs a live lock of the worker', async () => {
    // given
    const pid = await start('error');
    const [task] = (await fetch('error')).json() as Locked[];
    // extendLock: the holder may, another worker may not
    expect((await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/extendLock`, payload: { workerId: 'w2', newDuration: 1000 } })).statusCode).toBe(400);
    expect((await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/extendLock`, payload: { workerId: 'w1', newDuration: 120_000 } })).statusCode).toBe(204);
    const [locked] = (await t.admin({ method: 'GET', url: `/engine-rest/external-task?processInstanceId=${pid}&locked=true` })).json() as { lockExpirationTime: string }[];
    expect(Date.parse(locked!.lockExpirationTime.replace('+0000', 'Z')) - Date.now()).toBeGreaterThan(100_000);
    // unlock: anyone (an operator) may; then another worker can take it
    expect((await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/unlock` })).statusCode).toBe(204);
    expect((await t.admin({ method: 'GET', url: `/engine-rest/external-task/count?processInstanceId=${pid}&notLocked=true` })).json()).toEqual({ count: 1 });
    const [taken] = (await fetch('error', {}, 'w2')).json() as Locked[];
    expect(taken!.id).toBe(task!.id);
    // when
    const res = await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/bpmnError`, payload: { workerId: 'w2', errorCode: 'CARD_DECLINED', errorMessage: 'no funds', variables: { lastTry: { value: 'visa' } } } });
    // then
    expect(res.statusCode).toBe(204);
    expect(await tasksOf(pid)).toEqual(['fix']);
    expect(await t.app.engine.getVariables(pid)).toMatchObject({ lastTry: 'visa', reason: 'CARD_DECLINED' });
    expect((await t.admin({ method: 'POST', url: `/engine-rest/external-task/nope/unlock` })).statusCode).toBe(404);
    expect((await t.admin({ method: 'POST', url: `/engine-rest/external-task/${task!.id}/bpmnError`, payload: { workerId: 'w2' } })).statusCode).toBe(400);
  });

  it('GET /external-task and /{id}: ExternalTaskDto, filters, sorting, POST query', async () => {
    // given
    const a = await start('query', { prio: 3 });
    const b = await start('query', { prio: 8 });
    // when
    const byPrio = (await t.admin({ method: 'GET', url: `/engine-rest/external-task?topicName=query&sortBy=taskPriority&sortOrder=desc` })).json() as { id: string; processInstanceId: string; priority: number }[];
    // then
    expect(byPrio.map((x) => [x.processInstanceId, x.priority])).toEqual([
      [b, 8],
      [a, 3],
    ]);
    const one = await t.admin({ method: 'GET', url: `/engine-rest/external-task/${byPrio[0]!.id}` });
    expect(one.json()).toMatchObject({ id: byPrio[0]!.id, topicName: 'query', workerId: null, lockExpirationTime: null, errorDetails: null, processDefinitionVersionTag: 'v7', activityInstanceId: expect.any(String) });
    const posted = await t.admin({ method: 'POST', url: '/engine-rest/external-task?maxResults=1', payload: { processInstanceIdIn: [a, b], sorting: [{ sortBy: 'taskPriority', sortOrder: 'asc' }] } });
    expect((posted.json() as { processInstanceId: string }[]).map((x) => x.processInstanceId)).toEqual([a]);
    expect((await t.admin({ method: 'POST', url: '/engine-rest/external-task/count', payload: { topicName: 'query', priorityHigherThanOrEquals: 5 } })).json()).toEqual({ count: 1 });
    expect((await t.admin({ method: 'GET', url: '/engine-rest/external-task/nope' })).statusCode).toBe(404);
    expect((await t.admin({ method: 'GET', url: '/engine-rest/external-task?weird=1' })).statusCode).toBe(400);
  });

  it('bad fetchAndLock bodies are 400 and lock nothing', async () => {
    // given
    const pid = await start('bad');
    // when / then
    for (const payload of [
      { maxTasks: 1, topics: [{ topicName: 'bad', lockDuration: 1000 }] },
      { workerId: 'w', maxTasks: -1, topics: [] },
      { workerId: 'w', maxTasks: 1, topics: [{ topicName: 'bad', lockDuration: 0 }] },
      { workerId: 'w', maxTasks: 1, topics: [{ topicName: 'bad' }] },
      { workerId: 'w', maxTasks: 1, asyncResponseTimeout: 1_800_001, topics: [{ topicName: 'bad', lockDuration: 1000 }] },
      { workerId: 'w', maxTasks: 1, topics: [{ topicName: 'bad', lockDuration: 1000, colour: 'red' }] },
    ]) {
      expect((await t.admin({ method: 'POST', url: '/engine-rest/external-task/fetchAndLock', payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.admin({ method: 'GET', url: `/engine-rest/external-task/count?processInstanceId=${pid}&locked=true` })).json()).toEqual({ count: 0 });
  });

  it('a long poll answers as soon as a task is created, and with [] when the timeout is over', async () => {
    // given: a poll waiting for a topic nobody has work on yet
    const began = Date.now();
    const poll = fetch('later', { asyncResponseTimeout: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    // when
    const pid = await start('later');
    // then
    const res = await poll;
    expect(Date.now() - began).toBeLessThan(5_000);
    expect((res.json() as Locked[]).map((x) => x.processInstanceId)).toEqual([pid]);
    // and an empty one waits out its timeout
    const quiet = Date.now();
    const empty = await fetch('nobody', { asyncResponseTimeout: 600 });
    expect(empty.json()).toEqual([]);
    expect(Date.now() - quiet).toBeGreaterThanOrEqual(550);
    expect(fetchWaitersOf(t.app.engine)?.size).toBe(0);
  });

  it('a long poll whose client disconnects stops waiting', async () => {
    // given: the real server, a poll of 30 s
    const address = await t.app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const url = new URL('/engine-rest/external-task/fetchAndLock', address);
    const body = JSON.stringify({ workerId: 'gone', maxTasks: 1, asyncResponseTimeout: 30_000, topics: [{ topicName: 'never', lockDuration: 1000 }] });
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic('admin', ADMIN_PASSWORD) } });
    req.on('error', () => undefined);
    req.end(body);
    const waiters = fetchWaitersOf(t.app.engine)!;
    for (let i = 0; i < 100 && waiters.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(waiters.size).toBe(1);
    // when
    req.destroy();
    // then
    for (let i = 0; i < 100 && waiters.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(waiters.size).toBe(0);
  });

  it('every external-task route is for admins (workers use a service account with the admin role)', async () => {
    const bob = await t.user('bob', { roles: ['employee'] });
    const pid = await start('auth');
    const [task] = await t.app.engine.getExternalTasks({ processInstanceId: pid });
    for (const [method, url, payload] of [
      ['POST', '/engine-rest/external-task/fetchAndLock', { workerId: 'bob', maxTasks: 1, topics: [{ topicName: 'auth', lockDuration: 1000 }] }],
      ['GET', '/engine-rest/external-task', undefined],
      ['POST', `/engine-rest/external-task/${task!.id}/complete`, { workerId: 'bob' }],
      ['PUT', `/engine-rest/external-task/${task!.id}/retries`, { retries: 0 }],
    ] as const) {
      expect((await t.request(bob, { method, url, payload })).statusCode, url).toBe(403);
      expect((await t.request(null, { method, url, payload })).statusCode, url).toBe(401);
    }
    expect((await t.app.engine.getExternalTasks({ processInstanceId: pid }))[0]).toMatchObject({ workerId: null, retries: null });
  });
});
