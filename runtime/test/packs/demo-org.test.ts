import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { demo, DEMO_PASSWORD, installPacks, OA_DIR } from './packs-setup.ts';

const seed = JSON.parse(readFileSync(join(OA_DIR, 'seed', 'org.json'), 'utf8')) as { users: { id: string; name: string; department: string }[] };
const GM = 'wang.qiang';

describe('the OA demo organisation (DEMO on)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await installPacks(t);
  });
  afterAll(() => t.close());

  it('has twenty people with pinyin ids, names and demo e-mail addresses', async () => {
    // when
    const users = (await t.app.identity.listUsers()).filter((u) => u.id !== 'admin');
    // then
    expect(users).toHaveLength(20);
    for (const u of users) {
      expect(u.id).toMatch(/^[a-z]+\.[a-z]+$/);
      expect(u.email).toBe(`${u.id}@demo.liuzhuan.local`);
      expect(u.firstName).toMatch(/^\p{Script=Han}{2,4}$/u);
    }
  });

  it('gives everyone but the general manager a manager chain that reaches the general manager', async () => {
    for (const { id } of seed.users) {
      // when
      const res = await t.admin({ method: 'GET', url: `/api/org/users/${id}/managers?levels=10` });
      // then
      expect(res.statusCode, res.body).toBe(200);
      const chain = (res.json() as { userId: string }[]).map((m) => m.userId);
      if (id === GM) expect(chain).toEqual([]);
      else expect(chain.at(-1), `${id}: ${chain.join(' → ')}`).toBe(GM);
    }
  });

  it('has the seven departments with their names and heads, under the general manager’s office', async () => {
    // when
    const res = await t.admin({ method: 'GET', url: '/api/org/departments' });
    // then
    expect(res.statusCode).toBe(200);
    const [root, ...others] = res.json() as { id: string; name: string; headUserId: string; children: { id: string; name: string; headUserId: string }[] }[];
    expect(others).toEqual([]);
    expect(root).toMatchObject({ id: 'gm-office', name: '总经办', headUserId: GM });
    expect(Object.fromEntries(root!.children.map((d) => [d.id, `${d.name}/${d.headUserId}`]))).toEqual({
      hr: '人事部/li.na',
      finance: '财务部/liu.yang',
      sales: '销售部/zhang.wei',
      rd: '研发部/sun.hao',
      purchasing: '采购部/he.ping',
      legal: '法务部/zheng.shuang',
    });
  });

  it('has the roles the processes route by, as ROLE groups with members', async () => {
    const members = async (role: string) => (await t.app.identity.listUsers({ memberOfGroup: role })).map((u) => u.id);
    expect(await members('hr')).toEqual(['chen.jing', 'li.na']);
    expect(await members('finance')).toEqual(['liu.yang', 'yang.fan']);
    expect(await members('cashier')).toEqual(['huang.li']);
    expect(await members('gm')).toEqual([GM]);
    expect(await members('legal')).toEqual(['xie.yun', 'zheng.shuang']);
    expect(await members('seal-keeper')).toEqual(['zhao.min']);
    expect(await members('purchasing')).toEqual(['gao.xiang', 'he.ping']);
    expect((await t.app.identity.getGroup('seal-keeper'))).toEqual({ id: 'seal-keeper', name: '印章管理员', type: 'ROLE' });
  });

  it('lets a demo user log in with the demo password, as an employee with a title', async () => {
    // when
    const login = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'zhang.wei', password: DEMO_PASSWORD } });
    const profile = await t.request(demo('zhang.wei'), { method: 'GET', url: '/api/org/users/zhang.wei' });
    // then
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user).toMatchObject({ id: 'zhang.wei', roles: ['employee'] });
    expect(profile.json()).toMatchObject({ department: { id: 'sales', name: '销售部' }, title: '销售总监', headOf: ['sales'], resolvedManagerId: GM });
  });

  it('is seeded once: a later start leaves what an admin changed since', async () => {
    // given: the admin moves wu.lei under zhang.wei and changes zhou.jie's password
    const put = await t.admin({ method: 'PUT', url: '/api/org/users/wu.lei', payload: { departmentId: 'sales', managerId: 'zhang.wei', title: '高级销售代表' } });
    expect(put.statusCode, put.body).toBe(200);
    await t.app.identity.setPassword('zhou.jie', 'a-new-password-1');
    // when: the next start
    const again = await installPacks(t);
    // then
    expect(again.packs[0]!.seed?.applied).toBe(false);
    const wu = await t.admin({ method: 'GET', url: '/api/org/users/wu.lei' });
    expect(wu.json()).toMatchObject({ managerId: 'zhang.wei', title: '高级销售代表' });
    expect(await t.app.identity.authenticate('zhou.jie', DEMO_PASSWORD)).toBeNull();
    expect((await t.app.identity.listUsers()).length).toBe(21);
  });
});

describe('DEMO off', () => {
  it('installs the processes but seeds no people', async () => {
    // given
    const t = await createTestApp();
    try {
      // when
      const report = await installPacks(t, { demo: false });
      // then
      expect(report.packs[0]!.seed).toBeNull();
      expect(report.packs[0]!.definitions).toHaveLength(7);
      expect((await t.app.identity.listUsers()).map((u) => u.id)).toEqual(['admin']);
    } finally {
      await t.close();
    }
  });
});

describe('DEMO_PASSWORD', () => {
  it('is the password the demo users get', async () => {
    // given
    const t = await createTestApp();
    try {
      // when
      await installPacks(t, { demoPassword: 'another-demo-pw' });
      // then
      expect(await t.app.identity.authenticate('li.na', 'another-demo-pw')).not.toBeNull();
      expect(await t.app.identity.authenticate('li.na', DEMO_PASSWORD)).toBeNull();
    } finally {
      await t.close();
    }
  });
});
