import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const model = (version: 'v1' | 'v2') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="order_${version}">
  <process id="order" isExecutable="true">
    <startEvent id="start" /><sequenceFlow id="f1" sourceRef="start" targetRef="${version === 'v1' ? 'review' : 'check'}" />
    ${
      version === 'v1'
        ? `<userTask id="review" name="Review" camunda:assignee="\${clerk}" /><sequenceFlow id="f2" sourceRef="review" targetRef="ship" />`
        : `<userTask id="check" name="Check" camunda:assignee="\${clerk}" /><sequenceFlow id="f2" sourceRef="check" targetRef="audit" />
           <userTask id="audit" name="Audit" /><sequenceFlow id="f5" sourceRef="audit" targetRef="ship" />`
    }
    <userTask id="ship" name="Ship" /><sequenceFlow id="f3" sourceRef="ship" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

type User = { id: string; password: string };

describe('/engine-rest/migration', () => {
  let t: TestApp;
  let ann: User;
  let v1: string;
  let v2: string;
  const start = async () => (await t.app.engine.startProcessById(v1, { variables: { clerk: 'carl' } })).id;
  const plan = (pairs: [string, string][]) => ({
    sourceProcessDefinitionId: v1,
    targetProcessDefinitionId: v2,
    instructions: pairs.map(([s, x]) => ({ sourceActivityIds: [s], targetActivityIds: [x] })),
  });
  const definitionOf = async (id: string) => (await t.app.engine.getProcessInstance(id))?.definitionId;
  beforeAll(async () => {
    t = await createTestApp();
    ann = await t.user('ann', { roles: ['employee'] });
    v1 = (await t.app.engine.deploy([{ name: 'order.bpmn', content: model('v1') }])).definitions[0]!.id;
    v2 = (await t.app.engine.deploy([{ name: 'order.bpmn', content: model('v2') }])).definitions[0]!.id;
  });
  afterAll(() => t.close());

  it('generates a plan mapping the activities of equal id', async () => {
    // when
    const res = await t.admin({ method: 'POST', url: '/engine-rest/migration/generate', payload: { sourceProcessDefinitionId: v1, targetProcessDefinitionId: v2, updateEventTriggers: false } });
    // then
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sourceProcessDefinitionId: v1,
      targetProcessDefinitionId: v2,
      instructions: [{ sourceActivityIds: ['ship'], targetActivityIds: ['ship'], updateEventTrigger: false }],
      variables: null,
    });
  });

  it('validates a plan: no reports when valid, the failing instructions otherwise', async () => {
    // when
    const valid = await t.admin({ method: 'POST', url: '/engine-rest/migration/validate', payload: plan([['review', 'check'], ['ship', 'ship']]) });
    const invalid = await t.admin({ method: 'POST', url: '/engine-rest/migration/validate', payload: plan([['review', 'check'], ['ship', 'nowhere']]) });
    const unknownDefinition = await t.admin({ method: 'POST', url: '/engine-rest/migration/validate', payload: { ...plan([]), targetProcessDefinitionId: 'order:9:nope' } });
    // then
    expect(valid.json()).toEqual({ instructionReports: [], variableReports: {} });
    expect(invalid.json()).toEqual({
      instructionReports: [{ instruction: { sourceActivityIds: ['ship'], targetActivityIds: ['nowhere'], updateEventTrigger: false }, failures: [expect.stringContaining("'nowhere'")] }],
      variableReports: {},
    });
    expect(unknownDefinition.statusCode).toBe(400);
  });

  it('migrates a running instance from v1 to v2 by mapping; it then follows v2', async () => {
    // given: waiting at 'review' of v1
    const id = await start();
    const [task] = await t.app.engine.getTasks({ processInstanceId: id });
    // when
    const res = await t.admin({
      method: 'POST',
      url: '/engine-rest/migration/execute',
      payload: { migrationPlan: { ...plan([['review', 'check']]), variables: { migratedBy: { value: 'admin', type: 'String' } } }, processInstanceIds: [id], skipCustomListeners: true },
    });
    // then: the same task, now 'check' of v2; completing it leads to v2's 'audit'
    expect(res.statusCode).toBe(204);
    expect(await definitionOf(id)).toBe(v2);
    const [moved] = await t.app.engine.getTasks({ processInstanceId: id });
    expect(moved).toMatchObject({ id: task!.id, taskDefinitionKey: 'check', assignee: 'carl' });
    expect(await t.app.engine.getVariables(id)).toMatchObject({ migratedBy: 'admin' });
    await t.app.engine.completeTask(moved!.id);
    expect((await t.app.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey)).toEqual(['audit']);
  });

  it('migrates the instances a processInstanceQuery finds', async () => {
    // given
    const a = await start();
    const b = await start();
    // when
    const res = await t.admin({ method: 'POST', url: '/engine-rest/migration/execute', payload: { migrationPlan: plan([['review', 'check']]), processInstanceQuery: { processDefinitionId: v1 } } });
    // then
    expect(res.statusCode).toBe(204);
    expect([await definitionOf(a), await definitionOf(b)]).toEqual([v2, v2]);
  });

  it('refuses an invalid plan, a plan that misses an active activity, and no instances, with 400; nothing moves', async () => {
    // given
    const id = await start();
    const url = '/engine-rest/migration/execute';
    // when
    const badPlan = await t.admin({ method: 'POST', url, payload: { migrationPlan: plan([['review', 'ship'], ['ship', 'nowhere']]), processInstanceIds: [id] } });
    const unmapped = await t.admin({ method: 'POST', url, payload: { migrationPlan: plan([['ship', 'ship']]), processInstanceIds: [id] } });
    const none = await t.admin({ method: 'POST', url, payload: { migrationPlan: plan([['review', 'check']]) } });
    const missing = await t.admin({ method: 'POST', url, payload: { migrationPlan: plan([['review', 'check']]), processInstanceIds: [id, 'nope'] } });
    // then
    expect(badPlan.statusCode).toBe(400);
    expect(badPlan.json()).toMatchObject({ type: 'MigrationPlanValidationException', message: expect.stringContaining('nowhere') });
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json()).toMatchObject({ type: 'MigratingProcessInstanceValidationException', message: expect.stringContaining('review') });
    expect(none.statusCode).toBe(400);
    expect(missing.statusCode).toBe(400);
    expect(await definitionOf(id)).toBe(v1);
  });

  it('is for admins only: 403 for an employee, nothing migrated', async () => {
    const id = await start();
    for (const path of ['generate', 'validate', 'execute']) {
      const payload = path === 'execute' ? { migrationPlan: plan([['review', 'check']]), processInstanceIds: [id] } : path === 'generate' ? { sourceProcessDefinitionId: v1, targetProcessDefinitionId: v2 } : plan([]);
      expect((await t.request(ann, { method: 'POST', url: `/engine-rest/migration/${path}`, payload })).statusCode).toBe(403);
    }
    expect(await definitionOf(id)).toBe(v1);
  });
});
