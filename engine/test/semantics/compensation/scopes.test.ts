import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

describe('compensation of sub-processes and transactions', () => {
  let t: TestEngine;
  const keys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey);
  const complete = async (id: string, vars?: Record<string, unknown>) => t.engine.completeTask((await t.engine.getTasks({ processInstanceId: id }))[0]!.id, vars);
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'scopes.bpmn');
  });
  afterAll(() => t.close());

  it('a completed sub-process is compensated: its inner handlers run, newest first', async () => {
    // given: the sub-process ran to its end
    const inst = await t.engine.startProcess('subComp', { variables: { log: [] } });
    expect(await keys(inst.id)).toEqual(['confirm']);
    expect((await t.engine.getVariables(inst.id)).log).toEqual(['A', 'B']);
    // when
    await complete(inst.id);
    // then
    expect((await t.engine.getVariables(inst.id)).log).toEqual(['A', 'B', 'undoB', 'undoA']);
    expect(await keys(inst.id)).toEqual(['reverted']);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
  });

  it('once compensated, the completed sub-process leaves nothing behind (no event-scope execution)', async () => {
    // given
    const inst = await t.engine.startProcess('subComp', { variables: { log: [] } });
    // when
    await complete(inst.id);
    // then: Camunda removes the event-scope execution once its compensation is done
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['reverted', 'subComp']);
    expect((await t.engine.getTypedVariables(inst.id)).map((v) => v.scopeId)).toEqual([inst.id]);
  });

  it('a transaction that ends normally leaves by its normal flow, nothing compensated', async () => {
    const inst = await t.engine.startProcess('txn', { variables: { log: [] } });
    await complete(inst.id, { abort: false });
    expect(await keys(inst.id)).toEqual(['committed']);
    expect((await t.engine.getVariables(inst.id)).log).toEqual(['reserve']);
  });

  it('a cancel end event compensates the transaction, then leaves by the cancel boundary event', async () => {
    // given
    const inst = await t.engine.startProcess('txn', { variables: { log: [] } });
    // when
    await complete(inst.id, { abort: true });
    // then
    expect((await t.engine.getVariables(inst.id)).log).toEqual(['reserve', 'release']);
    expect(await keys(inst.id)).toEqual(['cancelled']);
    const acts = (await t.engine.getHistoricActivities({ processInstanceId: inst.id })).map((a) => a.activityId);
    expect(acts.indexOf('release')).toBeLessThan(acts.indexOf('onCancel'));
    expect(acts).not.toContain('committed');
    const [tx] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'tx' });
    expect(tx?.state).toBe('canceled');
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['cancelled', 'txn']);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
  });
});
