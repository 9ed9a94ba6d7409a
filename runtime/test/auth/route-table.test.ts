import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Issue 3, acceptance: "A user without rights gets 403 for every admin route and for other
 * people's tasks (a test walks the route table and proves it)". The table is the app's own
 * (App.routes, filled by fastify's onRoute hook), so a route added later is checked too.
 */
const PUBLIC = new Set([
  // the web app's files and its client-side routes (API paths under it answer a JSON 404)
  'GET /*',
  'GET /engine-rest/version',
  'GET /engine-rest/engine',
  'GET /api/health',
  'POST /api/auth/login',
  'POST /engine-rest/identity/verify',
]);

const TASK_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="d">
  <process id="routeTable" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t1" />
    <userTask id="t1" name="Alice's task" camunda:assignee="alice" /><sequenceFlow id="f2" sourceRef="t1" targetRef="e" />
    <endEvent id="e" />
  </process>
</definitions>`;

const fill = (url: string, id: string) => url.replace(/:[A-Za-z]+/g, id).replace(/\*$/, '');
const name = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('the route table and who may call each route', () => {
  let t: TestApp;
  let mallory: { id: string; password: string };
  let taskId: string;
  beforeAll(async () => {
    t = await createTestApp();
    mallory = await t.user('mallory', { roles: ['employee'], groups: ['staff'] });
    await t.user('alice', { roles: ['employee'], groups: ['staff'] });
    await t.app.engine.deploy([{ name: 'route-table.bpmn', content: TASK_MODEL }]);
    const started = await t.app.engine.startProcess('routeTable');
    taskId = (await t.app.engine.getTasks({ processInstanceId: started.id }))[0]!.id;
  });
  afterAll(() => t.close());

  it('has /engine-rest routes, and nothing public beyond health, version, login and the docs', () => {
    const routes = t.app.routes;
    expect(routes.filter((r) => r.url.startsWith('/engine-rest/')).length).toBeGreaterThan(60);
    const open = routes.filter((r) => r.auth === 'public' && !r.url.startsWith('/docs') && r.method !== 'OPTIONS').map(name);
    expect(open.filter((r) => !PUBLIC.has(r))).toEqual([]);
  });

  it('answers 401 to anonymous callers on every route that is not public', async () => {
    const let_in: string[] = [];
    for (const r of t.app.routes.filter((x) => x.auth !== 'public')) {
      const res = await t.request(null, { method: r.method as 'GET', url: fill(r.url, 'x') });
      if (res.statusCode !== 401) let_in.push(`${name(r)} → ${res.statusCode}`);
    }
    expect(let_in).toEqual([]);
  });

  it('answers 403 to an employee on every admin route', async () => {
    const admin = t.app.routes.filter((x) => x.auth === 'admin');
    expect(admin.length).toBeGreaterThan(15);
    const let_in: string[] = [];
    for (const r of admin) {
      const res = await t.request(mallory, { method: r.method as 'GET', url: fill(r.url, 'x') });
      if (res.statusCode !== 403) let_in.push(`${name(r)} → ${res.statusCode}`);
    }
    expect(let_in).toEqual([]);
  });

  it("answers 403 to an employee on every route of another person's task, and leaves the task as it was", async () => {
    const taskRoutes = t.app.routes.filter((r) => r.auth === 'user' && /^\/engine-rest\/task\/:[A-Za-z]+/.test(r.url));
    expect(taskRoutes.length).toBeGreaterThan(10);
    const let_in: string[] = [];
    for (const r of taskRoutes) {
      const url = r.url.replace(/^\/engine-rest\/task\/:[A-Za-z]+/, `/engine-rest/task/${taskId}`);
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : r.url.endsWith('/variables/:varName') ? { value: 1, type: 'Integer' } : {};
      const res = await t.request(mallory, { method: r.method as 'GET', url: fill(url, 'x'), ...(body ? { payload: body } : {}) });
      if (res.statusCode !== 403) let_in.push(`${name(r)} → ${res.statusCode}`);
    }
    expect(let_in).toEqual([]);
    const task = await t.app.engine.getTask(taskId);
    expect(task).toMatchObject({ assignee: 'alice' });
  });
});
