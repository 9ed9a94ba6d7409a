import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

type User = { id: string; password: string };
type Cell = { activityId: string; count: number; avgMs: number; maxMs: number; active: number };
const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** API contract B, GET /api/monitor/definitions/:id/heatmap: per activity, from history */
describe('/api/monitor/definitions/:id/heatmap', () => {
  let t: TestApp;
  let ann: User;
  let ada: User;
  let quick: string;
  let approval: string;
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'] });
    ada = await t.user('ada', { roles: ['analyst'] });
    const e = t.app.engine;
    [quick, approval] = (
      await e.deploy([
        { name: 'quick.bpmn', content: file('quick.bpmn') },
        { name: 'approval.bpmn', content: file('approval.bpmn') },
      ])
    ).definitions.map((d) => d.id) as [string, string];
    // three instances; two finish their task after different waits, one stays at it
    const started = [];
    for (let i = 0; i < 3; i++) started.push(await e.startProcessById(quick));
    for (const [i, inst] of started.slice(0, 2).entries()) {
      await sleep(10 * (i + 1));
      await e.completeTask((await e.getTasks({ processInstanceId: inst.id }))[0]!.id);
    }
    const a = await e.startProcessById(approval, { variables: { approvers: ['ann', 'bob'] } });
    for (const task of await e.getTasks({ processInstanceId: a.id })) await e.completeTask(task.id);
  });
  afterAll(() => t.close());

  const heatmap = async (id: string) => {
    const res = await t.request(ada, { method: 'GET', url: `/api/monitor/definitions/${id}/heatmap` });
    expect(res.statusCode).toBe(200);
    return new Map((res.json().activities as Cell[]).map((c) => [c.activityId, c]));
  };

  it('counts the finished instances of each activity with their mean and longest duration, and the active ones', async () => {
    // given: the durations history holds
    const done = (await t.app.engine.getHistoricActivities({ processDefinitionId: quick, activityId: 'check', finished: true })).map((a) => a.durationInMillis!);
    expect(done).toHaveLength(2);
    // when
    const cells = await heatmap(quick);
    // then
    expect(cells.get('check')).toEqual({
      activityId: 'check',
      count: 2,
      avgMs: Math.round((done[0]! + done[1]!) / 2),
      maxMs: Math.max(...done),
      active: 1,
    });
    expect(cells.get('start')).toMatchObject({ count: 3, active: 0 });
    expect(cells.get('end')).toMatchObject({ count: 2, active: 0 });
    expect([...cells.keys()].sort()).toEqual(['check', 'end', 'start']);
  });

  it('counts the inner instances of a multi-instance activity, not its body', async () => {
    // when
    const cells = await heatmap(approval);
    // then
    expect(cells.get('approve')).toMatchObject({ count: 2, active: 0 });
    expect(cells.get('charge')).toEqual({ activityId: 'charge', count: 0, avgMs: 0, maxMs: 0, active: 1 });
    expect([...cells.keys()].some((k) => k.includes('#'))).toBe(false);
  });

  it('is 404 for an unknown definition and 403 for an employee', async () => {
    // when
    const unknown = await t.request(ada, { method: 'GET', url: '/api/monitor/definitions/quick:9:nope/heatmap' });
    const employee = await t.request(ann, { method: 'GET', url: `/api/monitor/definitions/${quick}/heatmap` });
    // then
    expect(unknown.statusCode).toBe(404);
    expect(employee.statusCode).toBe(403);
  });
});
