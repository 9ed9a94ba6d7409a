import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { ADMIN_PASSWORD, openTestDb } from '../helpers/test-app.ts';

describe('the web app at /', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lz-web-'));
  let app: App;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    // given: a build as Vite writes it (index.html, hashed assets, gzip twins)
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync('console.log("app")'));
    const t = await openTestDb();
    drop = t.drop;
    app = await buildApp(readConfig({ PORT: '0', ADMIN_PASSWORD, JOB_EXECUTOR: 'off' }), { db: t.db, webDir: dir });
  });
  afterAll(async () => {
    await app.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and at every client-side route, without signing in, never cached', async () => {
    for (const url of ['/', '/inbox', '/tasks/123?x=1', '/design/bpmn/abc']) {
      const res = await app.fastify.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="app">');
    }
  });

  it('serves hashed assets for a year, gzipped when the browser takes gzip', async () => {
    const plain = await app.fastify.inject({ url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^text\/javascript/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toContain('immutable');
    expect(plain.body).toBe('console.log("app")');
    const gz = await app.fastify.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe('console.log("app")');
  });

  it('answers a missing asset, an unknown API path and a path out of the build with 404, not the app', async () => {
    expect((await app.fastify.inject({ url: '/assets/gone-1.js' })).statusCode).toBe(404);
    const api = await app.fastify.inject({ url: '/api/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ type: 'NotFound' });
    expect((await app.fastify.inject({ url: '/engine-rest/no-such-thing' })).json()).toMatchObject({ type: 'NotFound' });
    const out = await app.fastify.inject({ url: '/assets/..%2F..%2F..%2Fetc%2Fpasswd' });
    expect(out.statusCode).toBe(404);
    expect(out.body).not.toContain('root:');
  });

  it('still asks for credentials on the APIs', async () => {
    expect((await app.fastify.inject({ url: '/engine-rest/process-definition' })).statusCode).toBe(401);
  });
});
