import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('HTTP Basic failures are rate-limited like the login endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 429 after ten wrong passwords from one address, while other addresses still get in', async () => {
    // given ten wrong passwords from one address
    const wrong = { method: 'GET' as const, url: '/api/auth/me', headers: { authorization: basic('admin', 'guess') }, remoteAddress: '10.0.0.7' };
    for (let i = 0; i < 10; i++) expect((await t.app.fastify.inject(wrong)).statusCode).toBe(401);
    // when the eleventh comes, even with the right password
    const right = { ...wrong, headers: { authorization: basic('admin', 'admin-secret-1') } };
    const blocked = await t.app.fastify.inject(right);
    // then it is refused without a password check, and another address is not affected
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ type: 'TooManyRequests' });
    expect((await t.app.fastify.inject({ ...right, remoteAddress: '10.0.0.8' })).statusCode).toBe(200);
  });
});
