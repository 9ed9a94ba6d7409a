import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { waitUntil } from './wait-until.ts';

const PLUGINS_DIR = resolve(import.meta.dirname, '../../../plugins');
const BPMN = readFileSync(resolve(import.meta.dirname, 'order-check.bpmn'), 'utf8');

let t: TestApp;
let server: Server;
let baseUrl: string;
let hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push(`${req.method} ${req.url}`);
      const id = /^\/orders\/(\d+)$/.exec(req.url ?? '')?.[1];
      const send = (status: number, v: unknown) => setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v)), 30);
      if (!id || id === '404') return send(404, { error: 'no such order' });
      send(200, { id: Number(id), state: 'shipped', received: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestApp({ PLUGINS_DIR, PLUGIN_POLL_MS: '60000' });
  await t.app.engine.deploy([{ name: 'order-check.bpmn', content: BPMN }]);
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

beforeEach(() => {
  hits = [];
});

async function userTaskOf(processInstanceId: string) {
  return waitUntil(`a user task of ${processInstanceId}`, async () => (await t.app.engine.getTasks({ processInstanceId }))[0]);
}

describe('the plugin host', () => {
  it('lists the loaded plugins, their topics and schemas, to admins only', async () => {
    // given
    const bob = await t.user('bob', { roles: ['employee'] });
    // when
    const res = await t.admin({ method: 'GET', url: '/api/plugins' });
    const denied = await t.request(bob, { method: 'GET', url: '/api/plugins' });
    // then
    expect(res.statusCode).toBe(200);
    const list = res.json() as { name: string; topics: { topic: string; label: string; input: { properties: Record<string, unknown> }; output: unknown }[] }[];
    expect(list.map((p) => p.name)).toEqual(['entity', 'http', 'log', 'mail']);
    const http = list.find((p) => p.name === 'http')!;
    expect(http).toMatchObject({ version: '0.1.0', packageName: '@liuzhuan/plugin-http', dependsOn: [] });
    expect(http.topics).toEqual([expect.objectContaining({ topic: 'http.request', label: 'HTTP request', version: 1, retries: 3 })]);
    expect(Object.keys(http.topics[0]!.input.properties)).toEqual(expect.arrayContaining(['url', 'method', 'headers', 'query', 'body', 'timeoutMs', 'retries', 'expectedStatus', 'errorOnStatus']));
    expect(http.topics[0]!.output).toMatchObject({ type: 'object', properties: { status: { type: 'integer' } } });
    expect(list.find((p) => p.name === 'mail')!.topics.map((x) => x.topic)).toEqual(['mail.send']);
    expect(denied.statusCode).toBe(403);
  });

  it('does nothing before start(): the external task waits', async () => {
    // when
    const pi = await t.app.engine.startProcess('order-check', { variables: { baseUrl, orderId: 1, order: { sku: 'A' } } });
    await new Promise((r) => setTimeout(r, 150));
    // then
    expect(hits).toEqual([]);
    expect(await t.app.engine.getExternalTasks({ processInstanceId: pi.id })).toEqual([expect.objectContaining({ topicName: 'http.request', workerId: null })]);
    await t.app.engine.deleteProcessInstance(pi.id);
  });

  it('works http.request from the mapped input and completes through the output mapping', async () => {
    // given
    t.app.plugins.start();
    // when
    const pi = await t.app.engine.startProcess('order-check', { variables: { baseUrl, orderId: 42, order: { sku: 'A', qty: 2 } } });
    // then
    const task = await userTaskOf(pi.id);
    expect(task.taskDefinitionKey).toBe('review');
    expect(hits).toEqual(['POST /orders/42']);
    const vars = await t.app.engine.getVariables(pi.id);
    expect(vars).toMatchObject({ orderState: 'shipped', orderEcho: { sku: 'A', qty: 2 }, httpStatus: 200 });
    // the response stayed inside the activity: only the mapped outputs reach the process
    expect(Object.keys(vars).sort()).toEqual(['baseUrl', 'httpStatus', 'order', 'orderEcho', 'orderId', 'orderState']);
  });

  it('turns an unexpected status into the BPMN error the model catches', async () => {
    // when
    const pi = await t.app.engine.startProcess('order-check', { variables: { baseUrl, orderId: 404, order: {} } });
    // then
    const task = await userTaskOf(pi.id);
    expect(task.taskDefinitionKey).toBe('handleMissing');
    expect(await t.app.engine.getVariables(pi.id)).toMatchObject({ errMsg: `POST ${baseUrl}/orders/404 answered 404` });
  });

  it('reads same-named process variables when the model maps no input', async () => {
    // when
    const pi = await t.app.engine.startProcess('plain-call', { variables: { url: `${baseUrl}/orders/7`, method: 'POST', unrelated: true } });
    // then
    await userTaskOf(pi.id);
    expect(hits).toEqual(['POST /orders/7']);
    expect(await t.app.engine.getVariables(pi.id)).toMatchObject({ status: 200, body: { id: 7, state: 'shipped', received: null } });
  });

  it('raises an incident naming the field when the input is invalid', async () => {
    // when the url is no http address
    const pi = await t.app.engine.startProcess('order-check', { variables: { baseUrl: 'ftp://files', orderId: 5, order: {} } });
    // then
    const incident = await waitUntil('an incident', async () => (await t.app.engine.getIncidents({ processInstanceId: pi.id }))[0]);
    expect(incident).toMatchObject({ incidentType: 'failedExternalTask', activityId: 'fetchOrder' });
    expect(incident.incidentMessage).toBe(`invalid input for http.request: 'url' must match pattern "^https?://"`);
    expect(await t.app.engine.getExternalTasks({ processInstanceId: pi.id })).toEqual([expect.objectContaining({ retries: 0, workerId: null })]);
    expect(hits).toEqual([]);
  });

  it('shares the lock path with remote workers: no task is worked twice', async () => {
    // given 12 instances, while a remote worker fetches the same topic as the host
    const n = 12;
    const ids = await Promise.all(Array.from({ length: n }, (_, i) => t.app.engine.startProcess('plain-call', { variables: { url: `${baseUrl}/orders/${1000 + i}`, method: 'POST' } }).then((p) => p.id)));
    const remote: string[] = [];
    for (let round = 0; round < 20 && remote.length + hits.length < n; round++) {
      const got = await t.app.engine.fetchAndLock('remote-worker', 2, [{ topicName: 'http.request', lockDuration: 60_000 }]);
      for (const task of got) {
        remote.push(task.processInstanceId);
        await t.app.engine.completeExternalTask(task.id, 'remote-worker', { status: 299, body: 'remote' });
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    // then every instance moved on exactly once, by one of the two workers
    for (const id of ids) await userTaskOf(id);
    const byHost = hits.map((h) => Number(/\/orders\/(\d+)/.exec(h)![1]) - 1000).map((i) => ids[i]!);
    expect(byHost.length).toBeGreaterThan(0);
    expect(remote.length).toBeGreaterThan(0);
    expect(byHost.length + remote.length).toBe(n);
    expect(new Set([...byHost, ...remote]).size).toBe(n);
    for (const id of remote) expect(await t.app.engine.getVariables(id)).toMatchObject({ status: 299, body: 'remote' });
    for (const id of byHost) expect(await t.app.engine.getVariables(id)).toMatchObject({ status: 200 });
  });
});
