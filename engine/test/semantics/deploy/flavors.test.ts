import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Models written for Camunda 8 (zeebe: extension elements, FEEL `=` expressions) run as
// they would on Zeebe; a model carrying both camunda: and zeebe: attributes deploys too.

describe('zeebe and mixed-namespace models', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'zeebe-order.bpmn', 'mixed-flavors.bpmn');
  });
  afterAll(() => t.close());

  it('runs a zeebe model: task definition, io mapping, assignment, FEEL condition, multi-instance', async () => {
    // given
    const order = { total: 250, items: [{ sku: 'A-1', packer: 'pia' }, { sku: 'B-2', packer: 'paul' }] };
    const inst = await t.engine.startProcess('zeebeOrder', { variables: { order, boss: 'berta' } });
    // when: the worker of the job type gets the input mapping, with the definition's retries
    const [job] = await t.engine.fetchAndLock('w', 10, [{ topicName: 'charge-card', lockDuration: 60_000 }]);
    expect(job).toMatchObject({ activityId: 'charge', retries: 5 });
    expect(job!.variables.cents).toBe(25000);
    await t.engine.completeExternalTask(job!.id, 'w', { receipt: 'R-77' });
    // then: the output mapping wrote receiptId; the input stayed local to the task
    const vars = await t.engine.getVariables(inst.id);
    expect(vars.receiptId).toBe('R-77');
    expect(vars).not.toHaveProperty('cents');
    // the FEEL condition held: the large order goes to the boss, candidate groups from the list
    const [approve] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(approve).toMatchObject({ taskDefinitionKey: 'approve', assignee: 'berta', candidateGroups: ['managers', 'finance'] });
    await t.engine.completeTask(approve!.id);
    // one pack task per item, assigned by a FEEL path into the element variable
    const packs = await t.engine.getTasks({ processInstanceId: inst.id, taskDefinitionKey: 'pack' });
    expect(packs.map((p) => p.assignee).sort()).toEqual(['paul', 'pia']);
    for (const p of packs) await t.engine.completeTask(p.id);
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    const packed = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'packed' });
    expect(packed.at(-1)?.value).toEqual(['A-1', 'B-2']);
  });

  it('takes the default flow when the FEEL condition is false', async () => {
    const inst = await t.engine.startProcess('zeebeOrder', { variables: { order: { total: 20, items: [{ sku: 'C', packer: 'pia' }] }, boss: 'berta' } });
    const [job] = await t.engine.fetchAndLock('w', 10, [{ topicName: 'charge-card', lockDuration: 60_000 }]);
    await t.engine.completeExternalTask(job!.id, 'w', { receipt: 'R-78' });
    const tasks = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(tasks.map((x) => [x.taskDefinitionKey, x.assignee])).toEqual([['pack', 'pia']]);
    await t.engine.deleteProcessInstance(inst.id);
  });

  // Zeebe docs, variable mappings: when output mappings exist, job variables become local
  // variables of the task and only the mapped ones reach the process; the multi-instance
  // output collection is propagated when the body completes, also when it ran no instance.
  async function chargedInstance(receipt: Record<string, unknown>) {
    const inst = await t.engine.startProcess('zeebeOrder', { variables: { order: { total: 20, items: [] }, boss: 'berta' } });
    const [job] = await t.engine.fetchAndLock('w', 10, [{ topicName: 'charge-card', lockDuration: 60_000 }]);
    await t.engine.completeExternalTask(job!.id, 'w', receipt);
    expect((await t.engine.getHistoricInstances({ processInstanceId: inst.id }))[0]).toMatchObject({ state: 'COMPLETED', endActivityId: 'end' });
    const atInstance = (await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id })).filter((u) => u.scopeId === inst.id);
    return Object.fromEntries(atInstance.map((u) => [u.name, u.value]));
  }

  it('zeebe: with output mappings, job variables stay local to the task', async () => {
    const vars = await chargedInstance({ receipt: 'R-79', cardBrand: 'visa' });
    expect(vars.receiptId).toBe('R-79');
    expect(vars).not.toHaveProperty('receipt');
    expect(vars).not.toHaveProperty('cardBrand');
  });

  it('zeebe: an empty input collection still sets the output collection to []', async () => {
    const vars = await chargedInstance({ receipt: 'R-80' });
    expect(vars.packed).toEqual([]);
  });

  it('runs a model with both camunda: and zeebe: extensions', async () => {
    // given
    const inst = await t.engine.startProcess('mixed', { variables: { reviewer: 'rita' } });
    const [review] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(review).toMatchObject({ assignee: 'rita', candidateGroups: ['sales'] });
    // when
    await t.engine.completeTask(review!.id);
    const [notify] = await t.engine.fetchAndLock('w', 10, [{ topicName: 'notify-customer', lockDuration: 1000 }]);
    await t.engine.completeExternalTask(notify!.id, 'w');
    const [archive] = await t.engine.fetchAndLock('w', 10, [{ topicName: 'archive', lockDuration: 1000 }]);
    await t.engine.completeExternalTask(archive!.id, 'w');
    // then
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect((await t.engine.getHistoricActivities({ processInstanceId: inst.id })).map((a) => a.activityId)).toEqual(['start', 'review', 'notify', 'file', 'end']);
  });
});
