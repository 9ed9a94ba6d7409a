import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPlugin, invokeTask, resolveConfig } from '@liuzhuan/plugin-sdk';
import plugin from '../src/index.ts';
import { request } from '../src/request.task.ts';

let server: Server;
let base: string;
const hits = new Map<string, number>();

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url!, 'http://x');
      hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
      const json = (status: number, v: unknown, type = 'application/json') => res.writeHead(status, { 'content-type': type }).end(JSON.stringify(v));
      switch (url.pathname) {
        case '/orders/42':
          return json(200, { id: 42, state: 'shipped', lines: [{ sku: 'A', qty: 2 }] });
        case '/problem':
          return json(200, { title: 'x' }, 'application/problem+json; charset=utf-8');
        case '/echo':
          return json(201, { method: req.method, query: Object.fromEntries(url.searchParams), type: req.headers['content-type'] ?? null, auth: req.headers.authorization ?? null, body: await bodyOf(req) });
        case '/text':
          return res.writeHead(200, { 'content-type': 'text/plain', 'x-trace': 't-1' }).end('plain words');
        case '/empty':
          return res.writeHead(204).end();
        case '/slow':
          return void setTimeout(() => json(200, { late: true }), 800);
        case '/flaky':
          return (hits.get('/flaky') ?? 0) <= 2 ? json(503, { error: 'busy' }) : json(200, { ok: true });
        case '/down':
          return res.writeHead(503, { 'retry-after': '7' }).end('maintenance');
        case '/missing':
          return json(404, { error: 'no such order' });
        case '/big':
          return res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000' }).end('x'.repeat(5000));
        case '/stream':
          res.writeHead(200, { 'content-type': 'text/plain' });
          for (let i = 0; i < 5; i++) res.write('x'.repeat(500));
          return res.end();
        default:
          return json(500, { error: 'unexpected path' });
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => hits.clear());

const open = { allowHosts: [] as string[] };

describe('http.request', () => {
  it('is a well-formed plugin', () => {
    expect(checkPlugin(plugin)).toEqual([]);
    expect(resolveConfig(plugin, { HTTP_ALLOW_HOSTS: 'api.example.com, *.corp.test' })).toEqual({ ok: true, value: { allowHosts: ['api.example.com', '*.corp.test'] } });
  });

  it('GETs a URL and maps a JSON response', async () => {
    // when
    const out = await invokeTask(request, { url: `${base}/orders/42` }, { config: open });
    // then
    expect(out).toMatchObject({ kind: 'completed', variables: { status: 200, body: { id: 42, state: 'shipped', lines: [{ sku: 'A', qty: 2 }] } } });
    expect(out.kind === 'completed' && out.variables.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('parses +json content types and keeps text as text', async () => {
    expect(await invokeTask(request, { url: `${base}/problem` }, { config: open })).toMatchObject({ kind: 'completed', variables: { body: { title: 'x' } } });
    const text = await invokeTask(request, { url: `${base}/text` }, { config: open });
    expect(text).toMatchObject({ kind: 'completed', variables: { status: 200, body: 'plain words', headers: { 'x-trace': 't-1' } } });
    expect(await invokeTask(request, { url: `${base}/empty` }, { config: open })).toMatchObject({ kind: 'completed', variables: { status: 204, body: null } });
  });

  it('sends method, headers, query and a JSON or text body', async () => {
    // when
    const json = await invokeTask(request, { url: `${base}/echo`, method: 'POST', query: { page: 2, q: 'a b' }, headers: { authorization: 'Bearer t' }, body: { a: 1 } }, { config: open });
    const text = await invokeTask(request, { url: `${base}/echo`, method: 'PUT', body: 'hello' }, { config: open });
    // then
    expect(json).toMatchObject({ kind: 'completed', variables: { status: 201, body: { method: 'POST', query: { page: '2', q: 'a b' }, type: 'application/json', auth: 'Bearer t', body: '{"a":1}' } } });
    expect(text).toMatchObject({ kind: 'completed', variables: { body: { method: 'PUT', type: 'text/plain; charset=utf-8', body: 'hello' } } });
  });

  it('fails, to be retried, when the server does not answer within timeoutMs', async () => {
    // when
    const started = Date.now();
    const out = await invokeTask(request, { url: `${base}/slow`, timeoutMs: 100 }, { config: open });
    // then
    expect(out).toEqual({ kind: 'failed', retryable: true, message: `GET ${base}/slow timed out after 100 ms` });
    expect(Date.now() - started).toBeLessThan(700);
  });

  it('tries again after a 503 and succeeds', async () => {
    // when
    const out = await invokeTask(request, { url: `${base}/flaky`, retries: 3, retryDelayMs: 10 }, { config: open });
    // then
    expect(out).toMatchObject({ kind: 'completed', variables: { status: 200, body: { ok: true } } });
    expect(hits.get('/flaky')).toBe(3);
  });

  it('fails retryably when the 5xx persists, with the retry-after of the server', async () => {
    const out = await invokeTask(request, { url: `${base}/down` }, { config: open });
    expect(out).toEqual({ kind: 'failed', retryable: true, retryAfterMs: 7000, details: 'maintenance', message: `GET ${base}/down answered 503` });
    expect(hits.get('/down')).toBe(1);
  });

  it('turns an unexpected status into the BPMN error HTTP_<status> when errorOnStatus is set', async () => {
    expect(await invokeTask(request, { url: `${base}/missing`, errorOnStatus: true }, { config: open })).toEqual({
      kind: 'bpmn-error',
      code: 'HTTP_404',
      message: `GET ${base}/missing answered 404`,
      variables: {},
    });
  });

  it('fails without retries on an unexpected 4xx, and accepts a status listed as expected', async () => {
    expect(await invokeTask(request, { url: `${base}/missing` }, { config: open })).toEqual({
      kind: 'failed',
      retryable: false,
      message: `GET ${base}/missing answered 404`,
      details: '{"error":"no such order"}',
    });
    expect(await invokeTask(request, { url: `${base}/missing`, expectedStatus: [200, 404] }, { config: open })).toMatchObject({ kind: 'completed', variables: { status: 404 } });
  });

  it('calls only allowed hosts when allowHosts is set', async () => {
    const out = await invokeTask(request, { url: `${base}/orders/42` }, { config: { allowHosts: ['api.example.com', '*.corp.test'] } });
    expect(out).toEqual({ kind: 'failed', retryable: false, message: "host '127.0.0.1' is not in the http plugin's allowHosts" });
    expect(hits.size).toBe(0);
    expect(await invokeTask(request, { url: `${base}/orders/42` }, { config: { allowHosts: ['127.0.0.1'] } })).toMatchObject({ kind: 'completed' });
  });

  it('rejects bad input before calling anything', async () => {
    expect(await invokeTask(request, { url: 'ftp://x', method: 'FETCH' }, { config: open })).toEqual({
      kind: 'failed',
      retryable: false,
      message: `invalid input for http.request: 'url' must match pattern "^https?://"; 'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS`,
    });
    expect(await invokeTask(request, { url: `${base}/echo`, body: { a: 1 } }, { config: open })).toEqual({ kind: 'failed', retryable: false, message: 'a GET request cannot have a body' });
    expect(hits.size).toBe(0);
  });

  it('refuses a response longer than maxResponseBytes', async () => {
    expect(await invokeTask(request, { url: `${base}/big`, maxResponseBytes: 1000 }, { config: open })).toEqual({
      kind: 'failed',
      retryable: false,
      message: `GET ${base}/big: the response has 5000 bytes, more than maxResponseBytes (1000)`,
    });
    expect(await invokeTask(request, { url: `${base}/stream`, maxResponseBytes: 1000 }, { config: open })).toEqual({
      kind: 'failed',
      retryable: false,
      message: `GET ${base}/stream: the response is longer than maxResponseBytes (1000)`,
    });
    expect(await invokeTask(request, { url: `${base}/stream`, maxResponseBytes: 2500 }, { config: open })).toMatchObject({ kind: 'completed', variables: { body: 'x'.repeat(2500) } });
  });

  it('stops when the lock is lost', async () => {
    const ac = new AbortController();
    const pending = invokeTask(request, { url: `${base}/slow` }, { config: open, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('lock lost')), 50);
    expect(await pending).toEqual({ kind: 'aborted', reason: 'lock lost' });
  });
});
