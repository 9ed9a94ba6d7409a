import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda's ProcessInstanceQuery and ExecutionQuery as the REST layer needs them: filters,
// variables with operators, sorting, and who may see what.

const ORDER = bpmn(
  'order',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="review" />
   <userTask id="review" camunda:candidateGroups="sales" /><sequenceFlow id="f2" sourceRef="review" targetRef="wait" />
   <receiveTask id="wait" messageRef="m" /><sequenceFlow id="f3" sourceRef="wait" targetRef="e" />
   <endEvent id="e" />`,
  '<message id="m" name="shipped" />',
);
const PARENT = bpmn(
  'parent',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="call" />
   <callActivity id="call" calledElement="order" /><sequenceFlow id="f2" sourceRef="call" targetRef="e" />
   <endEvent id="e" />`,
);

describe('instance and execution queries', () => {
  let t: TestEngine;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestEngine();
    await t.engine.deploy([
      { name: 'order.bpmn', content: ORDER },
      { name: 'parent.bpmn', content: PARENT },
    ]);
    ids.a = (await t.engine.startProcess('order', { businessKey: 'A-1', startUserId: 'ann', variables: { amount: 100, region: 'North', vip: true } })).id;
    ids.b = (await t.engine.startProcess('order', { businessKey: 'B-2', startUserId: 'bob', variables: { amount: 2500, region: 'south', vip: false } })).id;
    ids.p = (await t.engine.startProcess('parent', { businessKey: 'P-3', startUserId: 'ann' })).id;
    ids.c = (await t.engine.getProcessInstances({ superProcessInstanceId: ids.p }))[0]!.id;
  });
  afterAll(() => t.close());

  const find = async (q: Parameters<TestEngine['engine']['getProcessInstances']>[0]) => (await t.engine.getProcessInstances(q)).map((i) => i.id).sort();
  const sorted = (...xs: string[]) => [...xs].sort();

  it('filters by business key patterns, keys, sub/super instance, root and leaf', async () => {
    expect(await find({ businessKeyLike: '%-2' })).toEqual([ids.b]);
    expect(await find({ processDefinitionKeys: ['parent'] })).toEqual([ids.p]);
    expect(await find({ processDefinitionKeyNotIn: ['order'] })).toEqual([ids.p]);
    expect(await find({ subProcessInstanceId: ids.c })).toEqual([ids.p]);
    expect(await find({ rootOnly: true })).toEqual(sorted(ids.a!, ids.b!, ids.p!));
    expect(await find({ leafOnly: true })).toEqual(sorted(ids.a!, ids.b!, ids.c!));
    expect(await find({ activityIds: ['call'] })).toEqual([ids.p]);
    expect(await find({ activityIds: ['review'] })).toEqual(sorted(ids.a!, ids.b!, ids.c!));
    expect(await find({ active: true, processDefinitionKey: 'parent' })).toEqual([ids.p]);
    expect(await find({ suspended: true })).toEqual([]);
    expect(await find({ withIncident: true })).toEqual([]);
    const dep = (await t.engine.getDefinitions({ key: 'parent' }))[0]!.deploymentId;
    expect(await find({ deploymentId: dep })).toEqual(sorted(ids.a!, ids.b!, ids.c!, ids.p!));
    expect(await t.engine.countProcessInstances({ processDefinitionKey: 'order' })).toBe(3);
  });

  it('filters by instance variables with Camunda operators, case-insensitively on request', async () => {
    expect(await find({ variables: [{ name: 'amount', operator: 'gt', value: 1000 }] })).toEqual([ids.b]);
    expect(await find({ variables: [{ name: 'amount', operator: 'lteq', value: 100 }] })).toEqual([ids.a]);
    expect(await find({ variables: [{ name: 'amount', operator: 'neq', value: 100 }] })).toEqual([ids.b]);
    expect(await find({ variables: [{ name: 'region', operator: 'eq', value: 'North' }] })).toEqual([ids.a]);
    expect(await find({ variables: [{ name: 'region', operator: 'eq', value: 'north' }] })).toEqual([]);
    expect(await find({ variables: [{ name: 'region', operator: 'eq', value: 'north' }], variableValuesIgnoreCase: true })).toEqual([ids.a]);
    expect(await find({ variables: [{ name: 'REGION', operator: 'like', value: 's%' }], variableNamesIgnoreCase: true })).toEqual([ids.b]);
    expect(await find({ variables: [{ name: 'vip', operator: 'eq', value: true }] })).toEqual([ids.a]);
    // a string never equals a number: amount is an Integer
    expect(await find({ variables: [{ name: 'amount', operator: 'eq', value: '100' }] })).toEqual([]);
    await expect(t.engine.getProcessInstances({ variables: [{ name: 'vip', operator: 'gt', value: true }] })).rejects.toThrow(/boolean/);
  });

  it('sorts by business key both ways', async () => {
    const keys = async (order: 'asc' | 'desc') => (await t.engine.getProcessInstances({ rootOnly: true, sort: [{ by: 'businessKey', order }] })).map((i) => i.businessKey);
    expect(await keys('asc')).toEqual(['A-1', 'B-2', 'P-3']);
    expect(await keys('desc')).toEqual(['P-3', 'B-2', 'A-1']);
  });

  it('shows a user the instances they started, hold or held a task in, or are a candidate for', async () => {
    expect(await find({ visibleTo: { userId: 'ann', groups: [] } })).toEqual(sorted(ids.a!, ids.p!));
    expect(await find({ visibleTo: { userId: 'sue', groups: ['sales'] } })).toEqual(sorted(ids.a!, ids.b!, ids.c!));
    expect(await find({ visibleTo: { userId: 'zed', groups: ['hr'] } })).toEqual([]);
    // given: zed claims b's task and completes it — then holds no open task there
    const [task] = await t.engine.getTasks({ processInstanceId: ids.b });
    await t.engine.claimTask(task!.id, 'zed');
    expect(await find({ visibleTo: { userId: 'zed', groups: [] } })).toEqual([ids.b]);
    await t.engine.completeTask(task!.id);
    // then: the task zed held still shows the instance to zed
    expect(await find({ visibleTo: { userId: 'zed', groups: [] } })).toEqual([ids.b]);
  });

  it('queries executions by activity, subscription, instance and variables', async () => {
    // b waits at the receive task now
    const waiting = await t.engine.queryExecutions({ messageEventSubscriptionName: 'shipped' });
    expect(waiting.map((e) => [e.processInstanceId, e.activityId])).toEqual([[ids.b, 'wait']]);
    expect(await t.engine.countExecutions({ activityId: 'review' })).toBe(2);
    const ofA = await t.engine.queryExecutions({ processInstanceId: ids.a });
    expect(ofA.map((e) => e.activityId).sort()).toEqual(['order', 'review']);
    expect(ofA.find((e) => e.id === ids.a)).toMatchObject({ kind: 'process', businessKey: 'A-1', processDefinitionKey: 'order' });
    expect((await t.engine.queryExecutions({ processVariables: [{ name: 'region', operator: 'eq', value: 'south' }] })).map((e) => e.activityId).sort()).toEqual(['order', 'wait']);
    expect(await t.engine.countExecutions({ businessKey: 'P-3' })).toBe(2);
    expect(await t.engine.countExecutions({ signalEventSubscriptionName: 'nothing' })).toBe(0);
    expect((await t.engine.queryExecutions({ visibleTo: { userId: 'bob', groups: [] } })).every((e) => e.processInstanceId === ids.b)).toBe(true);
    expect(await t.engine.getExecution(waiting[0]!.id)).toMatchObject({ activityId: 'wait', processInstanceId: ids.b, suspended: false });
    expect(await t.engine.getExecution('nope')).toBeNull();
  });
});
