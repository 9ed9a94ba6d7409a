import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { OrgDirectory } from '../../src/services/org/org-directory.ts';
import { ADMIN_PASSWORD, basic, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { waitUntil } from '../plugins/wait-until.ts';
import { deploy, seedCompany, userTaskProcess } from './org-setup.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedCompany(t);
  await deploy(t, 'head.bpmn', userTaskProcess('org-sales-head', 'camunda:assignee="=deptHead(&quot;sales&quot;)"'));
  await deploy(t, 'role.bpmn', userTaskProcess('org-auditors', `camunda:candidateUsers="\${usersWithRole('auditor')}"`));
  await deploy(t, 'dept.bpmn', userTaskProcess('org-sales-all', 'camunda:assignee="${u}"', `<bpmn:multiInstanceLoopCharacteristics camunda:collection="\${usersInDept('sales')}" camunda:elementVariable="u" />`));
});
afterAll(async () => t.close());

const firstTask = async (app: App, key: string) => {
  const inst = await app.engine.startProcess(key);
  return app.engine.getTasks({ processInstanceId: inst.id });
};

describe('the org directory stays fresh', () => {
  it('a change through the API is seen by the next started process', async () => {
    // given
    expect((await firstTask(t.app, 'org-sales-head')).map((x) => x.assignee)).toEqual(['sam']);
    // when
    const r = await t.admin({ method: 'PATCH', url: '/api/org/departments/sales', payload: { headUserId: 'ed' } });
    expect(r.statusCode).toBe(204);
    // then
    expect((await firstTask(t.app, 'org-sales-head')).map((x) => x.assignee)).toEqual(['ed']);
    await t.admin({ method: 'PATCH', url: '/api/org/departments/sales', payload: { headUserId: 'sam' } });
  });

  it('identity writes (/engine-rest group members, user create and delete) are seen too', async () => {
    // given: a role group with nobody in it
    await t.admin({ method: 'POST', url: '/engine-rest/group/create', payload: { id: 'auditor', name: 'Auditors', type: 'ROLE' } });
    expect((await firstTask(t.app, 'org-auditors'))[0]!.candidateUsers).toEqual([]);
    // when: a member joins
    expect((await t.admin({ method: 'PUT', url: '/engine-rest/group/auditor/members/fay' })).statusCode).toBe(204);
    // then
    expect((await firstTask(t.app, 'org-auditors'))[0]!.candidateUsers).toEqual(['fay']);
    // when: a new user joins sales, then erin is deleted
    const created = await t.admin({ method: 'POST', url: '/engine-rest/user/create', payload: { profile: { id: 'nina' }, credentials: { password: 'nina-password-1' } } });
    expect(created.statusCode, created.body).toBe(204);
    expect((await t.admin({ method: 'PUT', url: '/api/org/users/nina', payload: { departmentId: 'sales', managerId: null, title: null } })).statusCode).toBe(200);
    expect((await t.admin({ method: 'DELETE', url: '/engine-rest/user/erin' })).statusCode).toBe(204);
    // then: erin's profile went with her
    expect((await firstTask(t.app, 'org-sales-all')).map((x) => x.assignee).sort()).toEqual(['ed', 'nina', 'sam']);
  });

  it('another runtime process on the same database sees a change by NOTIFY, well before the periodic reload', async () => {
    // given: a second app on the same database (as a second process on one PostgreSQL would be)
    const other = await buildApp(readConfig({ PORT: '0', ADMIN_PASSWORD, JOB_EXECUTOR: 'off' }), { db: t.app.engine.db });
    try {
      expect((await firstTask(other, 'org-sales-head')).map((x) => x.assignee)).toEqual(['sam']);
      const loads = other.org.directory.loads;
      const started = Date.now();
      // when: the head changes through the first app
      const r = await t.admin({ method: 'PATCH', url: '/api/org/departments/sales', payload: { headUserId: 'fay' } });
      expect(r.statusCode).toBe(204);
      // then: the second one reloads on the notification, long before its 10 s timer
      await waitUntil('the other directory to reload', () => other.org.directory.current.deptHead('sales') === 'fay', 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(other.org.directory.loads).toBeGreaterThan(loads);
      expect((await firstTask(other, 'org-sales-head')).map((x) => x.assignee)).toEqual(['fay']);
      // and a write through the second one reaches the first
      const back = await other.fastify.inject({ method: 'PATCH', url: '/api/org/departments/sales', payload: { headUserId: 'sam' }, headers: { authorization: basic('admin', ADMIN_PASSWORD) } });
      expect(back.statusCode).toBe(204);
      await waitUntil('the first directory to reload', () => t.app.org.directory.current.deptHead('sales') === 'sam', 5_000);
    } finally {
      await other.close();
    }
  });

  it('a periodic reload catches a write that sent no notification', async () => {
    // given: a directory of its own with a short period
    const dir = new OrgDirectory();
    await dir.attach(t.app.engine.db, () => undefined, 200);
    try {
      expect(dir.current.deptHead('finance')).toBe('fay');
      // when: a change straight in SQL (no NOTIFY)
      await t.app.engine.db.query(`UPDATE org_departments SET head_user_id = 'ceo' WHERE id = 'finance'`);
      // then
      await waitUntil('the periodic reload', () => dir.current.deptHead('finance') === 'ceo', 5_000);
    } finally {
      await dir.close();
      await t.app.engine.db.query(`UPDATE org_departments SET head_user_id = 'fay' WHERE id = 'finance'`);
    }
  });
});
