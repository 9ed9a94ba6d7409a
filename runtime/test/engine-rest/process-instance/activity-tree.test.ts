import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const MODELS = readFileSync(new URL('./models.bpmn', import.meta.url), 'utf8');

type User = { id: string; password: string };
interface Tree {
  id: string;
  activityId: string;
  activityType: string;
  activityName: string | null;
  parentActivityInstanceId: string | null;
  childActivityInstances: Tree[];
}

describe('/engine-rest/process-instance/{id}/activity-instances and /modification', () => {
  let t: TestApp;
  let ann: User;
  let zed: User;
  const tree = async (id: string, user?: User) => {
    const res = user ? await t.request(user, { method: 'GET', url: `/engine-rest/process-instance/${id}/activity-instances` }) : await t.admin({ method: 'GET', url: `/engine-rest/process-instance/${id}/activity-instances` });
    return res;
  };
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'] });
    zed = await t.user('zed', { roles: ['employee'] });
    await t.app.engine.deploy([{ name: 'models.bpmn', content: MODELS }]);
  });
  afterAll(() => t.close());

  it('gives the tree of a parallel gateway: the process instance with both branches under it', async () => {
    // given
    const inst = await t.app.engine.startProcess('parallel', { startUserId: 'ann' });
    // when
    const res = await tree(inst.id, ann);
    // then
    expect(res.statusCode).toBe(200);
    const root = res.json();
    expect(root).toMatchObject({
      id: inst.id,
      parentActivityInstanceId: null,
      activityId: inst.definitionId,
      activityType: 'processDefinition',
      activityName: 'Parallel checks',
      name: 'Parallel checks',
      processInstanceId: inst.id,
      processDefinitionId: inst.definitionId,
      childTransitionInstances: [],
      executionIds: [inst.id],
      incidentIds: [],
      incidents: [],
    });
    const children = (root as Tree).childActivityInstances;
    expect(children.map((c) => [c.activityId, c.activityType, c.activityName, c.parentActivityInstanceId]).sort()).toEqual([
      ['finance', 'userTask', 'Finance check', inst.id],
      ['legal', 'userTask', 'Legal check', inst.id],
    ]);
    expect(Object.keys(children[0]!).sort()).toEqual(
      [
        'activityId',
        'activityName',
        'activityType',
        'childActivityInstances',
        'childTransitionInstances',
        'executionIds',
        'id',
        'incidentIds',
        'incidents',
        'name',
        'parentActivityInstanceId',
        'processDefinitionId',
        'processInstanceId',
      ].sort(),
    );
  });

  it('gives the tree of a multi-instance task: a multiInstanceBody holding one instance per element', async () => {
    // given
    const inst = await t.app.engine.startProcess('multi', { variables: { reviewers: ['ann', 'bob', 'cy'] } });
    // when
    const root = (await tree(inst.id)).json() as Tree;
    // then
    expect(root.childActivityInstances).toHaveLength(1);
    const body = root.childActivityInstances[0]!;
    expect(body).toMatchObject({ activityId: 'review#multiInstanceBody', activityType: 'multiInstanceBody', parentActivityInstanceId: inst.id });
    expect(body.childActivityInstances.map((c) => [c.activityId, c.activityType, c.activityName, c.parentActivityInstanceId])).toEqual([
      ['review', 'userTask', 'Review', body.id],
      ['review', 'userTask', 'Review', body.id],
      ['review', 'userTask', 'Review', body.id],
    ]);
  });

  it('403 for an employee who may not see the instance; 404 for an unknown one', async () => {
    const inst = await t.app.engine.startProcess('parallel', { startUserId: 'ann' });
    expect((await tree(inst.id, zed)).statusCode).toBe(403);
    expect((await tree('no-such-instance')).statusCode).toBe(404);
  });

  it('returns to an earlier step: cancel the current activity instance, start before the earlier one', async () => {
    // given: the request was drafted and waits for approval
    const inst = await t.app.engine.startProcess('leave', { variables: { employee: 'ann' } });
    const [draft] = await t.app.engine.getTasks({ processInstanceId: inst.id });
    await t.app.engine.completeTask(draft!.id);
    const approve = ((await tree(inst.id)).json() as Tree).childActivityInstances.find((c) => c.activityId === 'approve')!;
    // when
    const res = await t.admin({
      method: 'POST',
      url: `/engine-rest/process-instance/${inst.id}/modification`,
      payload: {
        skipCustomListeners: true,
        skipIoMappings: true,
        annotation: 'the dates were wrong',
        instructions: [
          { type: 'cancel', activityInstanceId: approve.id },
          { type: 'startBeforeActivity', activityId: 'draft', variables: { hint: { value: 'fix the dates', type: 'String', local: true }, round: { value: 2, type: 'Integer' } } },
        ],
      },
    });
    // then: a new draft task for ann, the approval gone; the local variable sits on the new activity instance
    expect(res.statusCode).toBe(204);
    const tasks = await t.app.engine.getTasks({ processInstanceId: inst.id });
    expect(tasks.map((x) => [x.taskDefinitionKey, x.assignee])).toEqual([['draft', 'ann']]);
    const after = ((await tree(inst.id)).json() as Tree).childActivityInstances;
    expect(after.map((c) => c.activityId)).toEqual(['draft']);
    expect(await t.app.engine.getVariables(inst.id)).toMatchObject({ employee: 'ann', round: 2 });
    expect(await t.app.engine.getVariables(inst.id, after[0]!.id)).toEqual({ hint: 'fix the dates' });
  });

  it('refuses bad instructions with 400 and changes nothing; 403 for an employee; 404 for an unknown instance', async () => {
    // given
    const inst = await t.app.engine.startProcess('leave', { variables: { employee: 'ann' }, startUserId: 'ann' });
    const url = `/engine-rest/process-instance/${inst.id}/modification`;
    const draftAi = ((await tree(inst.id)).json() as Tree).childActivityInstances[0]!.id;
    // when
    const unknownActivity = await t.admin({ method: 'POST', url, payload: { instructions: [{ type: 'cancel', activityInstanceId: draftAi }, { type: 'startBeforeActivity', activityId: 'nowhere' }] } });
    const twoTargets = await t.admin({ method: 'POST', url, payload: { instructions: [{ type: 'cancel', activityId: 'draft', activityInstanceId: draftAi }] } });
    const noActivity = await t.admin({ method: 'POST', url, payload: { instructions: [{ type: 'startAfterActivity' }] } });
    const empty = await t.admin({ method: 'POST', url, payload: { instructions: [] } });
    const byEmployee = await t.request(ann, { method: 'POST', url, payload: { instructions: [{ type: 'cancel', activityInstanceId: draftAi }] } });
    const unknown = await t.admin({ method: 'POST', url: '/engine-rest/process-instance/nope/modification', payload: { instructions: [{ type: 'startBeforeActivity', activityId: 'draft' }] } });
    // then
    expect(unknownActivity.statusCode).toBe(400);
    expect(unknownActivity.json().message).toContain('nowhere');
    expect(twoTargets.statusCode).toBe(400);
    expect(noActivity.statusCode).toBe(400);
    expect(noActivity.json().message).toContain("'activityId' must be set");
    expect(empty.statusCode).toBe(400);
    expect(byEmployee.statusCode).toBe(403);
    expect(unknown.statusCode).toBe(404);
    expect((await t.app.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey)).toEqual(['draft']);
  });
});
