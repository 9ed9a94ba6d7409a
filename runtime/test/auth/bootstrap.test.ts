import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@liuzhuan/engine';
import { IdentityService } from '../../src/services/identity/identity.service.ts';
import { openTestDb } from '../helpers/test-app.ts';

/** Issue 3: "a bootstrap admin `admin` whose password comes from ADMIN_PASSWORD (or is generated and printed once at first start)" */
describe('the bootstrap admin', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDb());
    await new IdentityService(db).migrate();
  });
  afterAll(() => drop());

  it('is created exactly once when several processes start at the same moment on an empty database', async () => {
    // given: three runtime processes' identity services on one database
    const services = [new IdentityService(db), new IdentityService(db), new IdentityService(db)];
    // when
    const results = await Promise.all(services.map((s) => s.bootstrap(null)));
    // then: one created it and got a password to print; the others found it
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const password = results.find((r) => r.created)!.password!;
    expect(results.filter((r) => r.password !== null)).toHaveLength(1);
    expect(await services[1]!.authenticate('admin', password)).toMatchObject({ id: 'admin', isAdmin: true });
  });

  it('takes ADMIN_PASSWORD at a later start, and never prints it', async () => {
    // when
    const again = await new IdentityService(db).bootstrap('a-new-admin-password');
    // then
    expect(again).toEqual({ created: false, password: null });
    expect(await new IdentityService(db).authenticate('admin', 'a-new-admin-password')).toMatchObject({ isAdmin: true });
  });
});
