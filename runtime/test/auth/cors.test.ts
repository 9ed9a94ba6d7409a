import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** Issue 3: "CORS closed by default" — and open to exactly the origins CORS_ORIGINS names */
describe('CORS', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());
  const preflight = (app: TestApp, origin: string) =>
    app.request(null, { method: 'OPTIONS', url: '/engine-rest/task', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });

  it('allows no other origin by default', async () => {
    // given
    t = await createTestApp({ PLUGINS: 'none' });
    // when
    const res = await preflight(t, 'https://evil.example');
    const get = await t.admin({ method: 'GET', url: '/engine-rest/version', headers: { origin: 'https://evil.example' } });
    // then
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the configured origins, and only those', async () => {
    // given
    t = await createTestApp({ PLUGINS: 'none', CORS_ORIGINS: 'https://app.example' });
    // when
    const ok = await preflight(t, 'https://app.example');
    const other = await preflight(t, 'https://evil.example');
    // then
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
