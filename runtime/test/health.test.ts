import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

describe('runtime app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /api/health without credentials, with the backend in use', async () => {
    const res = await t.request(null, { method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite', definitions: 0 });
  });

  it('refuses anonymous calls to the API with 401 and Camunda’s error body', async () => {
    const res = await t.request(null, { method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Basic');
    expect(res.json()).toMatchObject({ type: 'AuthenticationException' });
  });

  it('serves /engine-rest/version and the OpenAPI docs publicly', async () => {
    expect((await t.request(null, { method: 'GET', url: '/engine-rest/version' })).json()).toEqual({ version: '7.22.0' });
    expect((await t.request(null, { method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });

  it('logs in with user name and password and accepts the bearer token', async () => {
    const login = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin-secret-1' } });
    expect(login.statusCode).toBe(200);
    const me = await t.request(null, { method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${login.json().token}` } });
    expect(me.json()).toMatchObject({ id: 'admin', roles: ['admin'] });
    const wrong = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('rejects a bad PORT at boot with a clear message', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT must be a port number/);
  });
});
