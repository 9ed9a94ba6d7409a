import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda 7: a JUEL identifier that resolves to no variable throws (PropertyNotFoundException
// "Cannot resolve identifier"), the command fails and its transaction is rolled back.

describe('an unknown variable in an expression', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'unknown-variable.bpmn');
  });
  afterAll(() => t.close());

  it('fails the completing command; the task, variables and history stay as before', async () => {
    // given
    const inst = await t.engine.startProcess('checkAfterTask', { variables: { customer: 'c1' } });
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    const historyBefore = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id });
    const activitiesBefore = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    // when: the variable is called amount; the condition says ammount
    const err = await t.engine.completeTask(task!.id, { amount: 5000, customer: 'c2' }).catch((e: unknown) => e);
    // then
    expect(err).toMatchObject({ code: 'LZ_ERR_UNKNOWN_VARIABLE' });
    expect((err as Error).message).toContain('ammount');
    expect((err as Error).message).toMatch(/large|decide/);
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.id)).toEqual([task!.id]);
    expect(await t.engine.getVariables(inst.id)).toEqual({ customer: 'c1' });
    expect(await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id })).toEqual(historyBefore);
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id })).toEqual(activitiesBefore);
    expect((await t.engine.getHistoricTasks({ processInstanceId: inst.id }))[0]?.endTime).toBeNull();
    // and the instance goes on once the variable exists
    await t.engine.setVariables(inst.id, { ammount: 10 });
    await t.engine.completeTask(task!.id);
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
  });

  it('fails the start when an assignee expression names an unknown variable; nothing is stored', async () => {
    // when
    const err = await t.engine.startProcess('assignToUnknown', { businessKey: 'bk-unknown', variables: { x: 1 } }).catch((e: unknown) => e);
    // then
    expect(err).toMatchObject({ code: 'LZ_ERR_UNKNOWN_VARIABLE' });
    expect((err as Error).message).toContain('responsible');
    expect((err as Error).message).toContain('work');
    expect(await t.engine.getProcessInstances({ processDefinitionKey: 'assignToUnknown' })).toEqual([]);
    expect(await t.engine.getHistoricInstances({ businessKey: 'bk-unknown' })).toEqual([]);
    expect(await t.engine.getTasks({ processDefinitionKey: 'assignToUnknown' })).toEqual([]);
    const [{ n }] = (await t.engine.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM hist_variable_updates WHERE name = 'x'`)) as [{ n: number }];
    expect(n).toBe(0);
  });
});
