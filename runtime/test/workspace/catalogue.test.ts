import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../helpers/test-app.ts';
import { file, openOffice, type Office, type User } from './workspace-setup.ts';

// API contract C: GET /api/catalogue — the latest non-deprecated version of each key whose
// candidate starters admit me (none declared = everyone); admins see all
describe('GET /api/catalogue: the processes I may start', () => {
  let o: Office;
  let boss: User;
  const admin: User = { id: 'admin', password: ADMIN_PASSWORD };
  const keysOf = async (user: User) => {
    const res = await o.get(user, '/api/catalogue');
    expect(res.statusCode).toBe(200);
    return (res.json().items as { key: string }[]).map((i) => i.key);
  };
  beforeAll(async () => {
    o = await openOffice();
    boss = await o.t.user('boss');
    await o.t.app.engine.deploy([{ name: 'board.bpmn', content: file('board.bpmn') }]);
    await o.t.app.engine.deploy([{ name: 'leave.bpmn', content: file('leave-v1.bpmn') }]);
  });
  afterAll(() => o.t.close());

  it('shows an employee only the processes whose candidate starters admit them', async () => {
    // when / then: alice is in staff (purchase), leave names no starters, board only boss and group board
    expect(await keysOf(o.alice)).toEqual(['leave', 'purchase']);
    expect(await keysOf(o.sam)).toEqual(['leave']);
    expect(await keysOf(boss)).toEqual(['board', 'leave']);
    expect(await keysOf(admin)).toEqual(['board', 'leave', 'purchase']);
  });

  it('describes each entry: name, version, whether it has a start form, its documentation', async () => {
    // when
    const items = (await o.get(o.alice, '/api/catalogue')).json().items;
    // then
    const [purchase] = await o.t.app.engine.getDefinitions({ key: 'purchase', latestOnly: true });
    expect(items).toContainEqual({ key: 'purchase', name: 'Purchase request', definitionId: purchase!.id, version: 1, hasStartForm: true, description: 'Buy something for the team.' });
    expect(items).toContainEqual(expect.objectContaining({ key: 'leave', name: 'Leave request', version: 1, hasStartForm: false, description: null }));
  });

  it('offers the newest version that is not deprecated, none when all are', async () => {
    // given: leave v2, then deprecated
    const { definitions } = await o.t.app.engine.deploy([{ name: 'leave.bpmn', content: file('leave-v2.bpmn') }]);
    const v2 = definitions[0]!;
    expect(v2.version).toBe(2);
    const leave = async () => ((await o.get(o.sam, '/api/catalogue')).json().items as { key: string; version: number }[]).find((i) => i.key === 'leave');
    expect(await leave()).toMatchObject({ version: 2, definitionId: v2.id });
    // when
    const res = await o.post(admin, `/api/process-definitions/${v2.id}/deprecate`);
    // then
    expect(res.statusCode).toBe(200);
    expect(await leave()).toMatchObject({ version: 1 });
    // and when every version is deprecated, nothing is offered
    const [v1] = await o.t.app.engine.getDefinitions({ key: 'leave', version: 1 });
    expect((await o.post(admin, `/api/process-definitions/${v1!.id}/deprecate`)).statusCode).toBe(200);
    expect(await leave()).toBeUndefined();
  });

  it('refuses unknown query parameters and anonymous callers', async () => {
    // when
    const unknown = await o.get(o.alice, '/api/catalogue?all=true');
    const anonymous = await o.t.request(null, { method: 'GET', url: '/api/catalogue' });
    // then
    expect(unknown.statusCode).toBe(400);
    expect(anonymous.statusCode).toBe(401);
  });
});
