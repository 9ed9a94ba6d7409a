import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { LEAVE_V1, LEAVE_V2 } from './models.ts';

type User = { id: string; password: string };

/**
 * API contract B, GET /api/migration/proposal: activities of equal id map; every source activity
 * left out says why and how many running instances stand at it.
 */
describe('/api/migration/proposal', () => {
  let t: TestApp;
  let ann: User;
  let ada: User;
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'] });
    ada = await t.user('ada', { roles: ['analyst'] });
    const e = t.app.engine;
    v1 = (await e.deploy([{ name: 'leave.bpmn', content: LEAVE_V1 }])).definitions[0]!.id;
    v2 = (await e.deploy([{ name: 'leave.bpmn', content: LEAVE_V2 }])).definitions[0]!.id;
    // two instances at review, one at archive (review and pay done)
    for (let i = 0; i < 3; i++) await e.startProcessById(v1);
    const [first] = await e.getProcessInstances({ processDefinitionId: v1 });
    for (const activity of ['review', 'pay']) {
      const [task] = await e.getTasks({ processInstanceId: first!.id });
      expect(task?.taskDefinitionKey).toBe(activity);
      await e.completeTask(task!.id);
    }
  });
  afterAll(() => t.close());

  const proposal = (source: string, target: string, user: User = ada) => t.request(user, { method: 'GET', url: `/api/migration/proposal?source=${encodeURIComponent(source)}&target=${encodeURIComponent(target)}` });

  it('maps the activity of equal id and explains the removed and the retyped one with their running instances', async () => {
    // when
    const res = await proposal(v1, v2);
    // then
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      instructions: [{ sourceActivityIds: ['review'], targetActivityIds: ['review'] }],
      unmapped: [
        { activityId: 'pay', name: 'Pay', running: 0, reason: 'type changed from userTask to serviceTask' },
        { activityId: 'archive', name: 'Archive', running: 1, reason: 'no activity with this id in version 2' },
      ],
      runningInstances: 3,
    });
  });

  it('the other way round: only pay is left out, its type changed back', async () => {
    // when
    const res = await proposal(v2, v1);
    // then
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      instructions: [{ sourceActivityIds: ['review'], targetActivityIds: ['review'] }],
      unmapped: [{ activityId: 'pay', name: 'Pay', running: 0, reason: 'type changed from serviceTask to userTask' }],
      runningInstances: 0,
    });
  });

  it('refuses an employee, and an unknown definition is a 400 naming it', async () => {
    // when
    const employee = await proposal(v1, v2, ann);
    const unknown = await proposal(v1, 'leave:7:nope');
    const missing = await t.request(ada, { method: 'GET', url: `/api/migration/proposal?source=${v1}` });
    // then
    expect(employee.statusCode).toBe(403);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('leave:7:nope');
    expect(missing.statusCode).toBe(400);
  });
});
