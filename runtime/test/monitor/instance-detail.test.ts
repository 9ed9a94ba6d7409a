import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

type User = { id: string; password: string };
const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** API contract B, GET /api/monitor/instances/:id: diagram, tokens, path, incidents, variables */
describe('/api/monitor/instances/:id', () => {
  let t: TestApp;
  let ann: User;
  let ada: User;
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'] });
    ada = await t.user('ada', { roles: ['analyst'] });
    await t.app.engine.deploy([
      { name: 'approval.bpmn', content: file('approval.bpmn') },
      { name: 'quick.bpmn', content: file('quick.bpmn') },
    ]);
  });
  afterAll(() => t.close());

  const detail = async (id: string, user: User = ada) => {
    const res = await t.request(user, { method: 'GET', url: `/api/monitor/instances/${id}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const startApproval = () => t.app.engine.startProcess('approval', { variables: { approvers: ['ann', 'bob'] }, businessKey: 'B-1', startUserId: 'ann' });

  it('a parallel multi-instance task shows as one activity with two active instances', async () => {
    // given
    const inst = await startApproval();
    // when
    const body = await detail(inst.id);
    // then
    expect(body.instance).toMatchObject({ id: inst.id, key: 'approval', name: 'Approval', version: 1, businessKey: 'B-1', startedBy: 'ann', endTime: null, state: 'active', incidents: 0 });
    expect(body.active).toEqual([{ activityId: 'approve', count: 2 }]);
    expect(body.xml).toContain('<process id="approval"');
    expect(body.incidents).toEqual([]);
    expect(body.path[0]).toMatchObject({ activityId: 'start', activityType: 'startEvent', canceled: false, endTime: expect.any(String) });
    expect(body.path.filter((p: { activityId: string; endTime: string | null }) => p.activityId === 'approve' && p.endTime === null)).toHaveLength(2);
    expect(body.variables).toEqual([{ name: 'approvers', type: 'Json', value: ['ann', 'bob'] }]);
  });

  it('an external task failed without retries left shows as an incident, and the instance is in state incident', async () => {
    // given
    const e = t.app.engine;
    const inst = await startApproval();
    for (const task of await e.getTasks({ processInstanceId: inst.id })) await e.completeTask(task.id);
    const [locked] = await e.fetchAndLock('w1', 1, [{ topicName: 'monitor.charge', lockDuration: 60_000 }], {});
    expect(locked?.processInstanceId).toBe(inst.id);
    await e.handleExternalTaskFailure(locked!.id, 'w1', { errorMessage: 'card declined', retries: 0 });
    // when
    const body = await detail(inst.id);
    // then
    expect(body.instance).toMatchObject({ state: 'incident', incidents: 1 });
    expect(body.active).toEqual([{ activityId: 'charge', count: 1 }]);
    expect(body.incidents).toEqual([
      { id: expect.any(String), activityId: 'charge', type: 'failedExternalTask', message: 'card declined', jobId: null, externalTaskId: locked!.id, time: expect.any(String) },
    ]);
    expect(body.path.filter((p: { activityId: string; endTime: string | null }) => p.activityId === 'approve' && p.endTime !== null)).toHaveLength(2);
  });

  it('a completed instance shows its whole path from start to end, nothing active, its variables from history', async () => {
    // given
    const e = t.app.engine;
    const inst = await e.startProcess('quick', { variables: { amount: 5 } });
    const [task] = await e.getTasks({ processInstanceId: inst.id });
    await e.completeTask(task!.id, { approved: true });
    // when
    const body = await detail(inst.id);
    // then
    expect(body.instance).toMatchObject({ state: 'completed', endTime: expect.any(String) });
    expect(body.active).toEqual([]);
    expect(body.path.map((p: { activityId: string; activityType: string; endTime: string | null; canceled: boolean }) => [p.activityId, p.activityType, p.endTime !== null, p.canceled])).toEqual([
      ['start', 'startEvent', true, false],
      ['check', 'userTask', true, false],
      ['end', 'endEvent', true, false],
    ]);
    expect(body.variables).toEqual([
      { name: 'amount', type: 'Integer', value: 5 },
      { name: 'approved', type: 'Boolean', value: true },
    ]);
  });

  it('a deleted instance is canceled, its open activity marked canceled in the path', async () => {
    // given
    const inst = await t.app.engine.startProcess('quick');
    await t.app.engine.deleteProcessInstance(inst.id, 'not needed');
    // when
    const body = await detail(inst.id);
    // then
    expect(body.instance.state).toBe('canceled');
    expect(body.path.find((p: { activityId: string }) => p.activityId === 'check')).toMatchObject({ canceled: true, endTime: expect.any(String) });
  });

  it('is 404 for an unknown instance and 403 for an employee', async () => {
    // given
    const inst = await t.app.engine.startProcess('quick', { startUserId: 'ann' });
    // when
    const unknown = await t.request(ada, { method: 'GET', url: '/api/monitor/instances/nope' });
    const employee = await t.request(ann, { method: 'GET', url: `/api/monitor/instances/${inst.id}` });
    // then
    expect(unknown.statusCode).toBe(404);
    expect(employee.statusCode).toBe(403);
  });
});
