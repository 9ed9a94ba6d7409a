import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, openTasks, runtimeRows } from '../events/leftovers.ts';

// Camunda 7 migration validation: a plan is checked against both models (MigrationPlanValidationException:
// activity does not exist, activities of different types, scopes that do not match), and an
// instance is checked against the plan (MigratingProcessInstanceValidationException: an active
// activity instance without an instruction). A failing check changes nothing.

describe('migration: invalid plans', () => {
  let t: TestEngine;
  const def: Record<string, { v1: string; v2: string }> = {};
  const plan = (key: string, pairs: [string, string][]) => ({
    sourceProcessDefinitionId: def[key]!.v1,
    targetProcessDefinitionId: def[key]!.v2,
    instructions: pairs.map(([s, x]) => ({ sourceActivityIds: [s], targetActivityIds: [x] })),
  });
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'LZ_ERR_MIGRATION_INVALID', kind: 'invalid' });
    return (err as Error).message;
  };
  beforeAll(async () => {
    t = await createTestEngine();
    const v1 = await t.engine.deploy([{ name: 'claim.bpmn', content: fixture(import.meta.url, 'claim-v1.bpmn') }]);
    const v2 = await t.engine.deploy([{ name: 'claim.bpmn', content: fixture(import.meta.url, 'claim-v2.bpmn') }]);
    for (const d of v1.definitions) def[d.key] = { v1: d.id, v2: v2.definitions.find((x) => x.key === d.key)!.id };
  });
  afterAll(() => t.close());

  it('a valid plan passes validation', async () => {
    await expect(t.engine.validateMigrationPlan(plan('claim', [['review', 'check'], ['archive', 'archive']]))).resolves.toBeUndefined();
    await expect(t.engine.validateMigrationPlan(plan('boxed', [['box', 'box'], ['inner', 'inner']]))).resolves.toBeUndefined();
  });

  it('an activity that does not exist in the source or the target', async () => {
    expect(await refusal(t.engine.validateMigrationPlan(plan('claim', [['nope', 'check']])))).toContain("'nope'");
    expect(await refusal(t.engine.validateMigrationPlan(plan('claim', [['review', 'review']])))).toContain("'review'");
  });

  it('activities of different types', async () => {
    // a message catch event cannot become a user task
    const msg = await refusal(t.engine.validateMigrationPlan(plan('payment', [['waitPay', 'book']])));
    expect(msg).toContain('waitPay');
    expect(msg).toContain('book');
  });

  it('a user task cannot become a service task (Camunda SameTypeValidator: "Activities have incompatible types")', async () => {
    // a waiting user task has a task row a service task would never complete
    const msg = await refusal(t.engine.validateMigrationPlan(plan('claim', [['review', 'notify']])));
    expect(msg).toContain('review');
    expect(msg).toContain('notify');
  });

  it('an activity whose scope does not map to the target activity’s scope', async () => {
    // 'inner' sits in 'box' (mapped to 'box'), 'outer' sits in the process
    const msg = await refusal(t.engine.validateMigrationPlan(plan('boxed', [['box', 'box'], ['inner', 'outer']])));
    expect(msg).toContain("'inner'");
    expect(msg).toContain("'outer'");
    // the sub-process itself is not mapped
    expect(await refusal(t.engine.validateMigrationPlan(plan('boxed', [['inner', 'inner']])))).toContain("'box'");
  });

  it('every problem is named at once', async () => {
    const msg = await refusal(t.engine.validateMigrationPlan(plan('claim', [['nope', 'check'], ['review', 'gone']])));
    expect(msg).toContain("'nope'");
    expect(msg).toContain("'gone'");
  });

  it('an instance with an unmapped active activity: refused naming it, no instance of the call migrated', async () => {
    // given: one instance at 'review' (mapped), one at 'archive' (not mapped)
    const a = await t.engine.startProcessById(def.claim!.v1, { variables: { clerk: 'kim' } });
    const b = await t.engine.startProcessById(def.claim!.v1, { variables: { clerk: 'kim' } });
    await complete(t.engine, b.id, 'review');
    const before = { a: await runtimeRows(t.engine, a.id), b: await runtimeRows(t.engine, b.id) };
    // when
    const msg = await refusal(t.engine.migrateProcessInstances(plan('claim', [['review', 'check']]), [a.id, b.id]));
    // then
    expect(msg).toContain('archive');
    expect({ a: await runtimeRows(t.engine, a.id), b: await runtimeRows(t.engine, b.id) }).toEqual(before);
    for (const id of [a.id, b.id]) {
      expect((await t.engine.getProcessInstance(id))?.definitionId).toBe(def.claim!.v1);
      expect((await t.engine.getHistoricInstances({ processInstanceId: id }))[0]?.definitionId).toBe(def.claim!.v1);
    }
    expect(await openTasks(t.engine, a.id)).toEqual(['review']);
  });

  it('an instance of another definition than the plan’s source', async () => {
    // given
    const inst = await t.engine.startProcessById(def.payment!.v1);
    // when / then
    await refusal(t.engine.migrateProcessInstances(plan('claim', [['review', 'check']]), [inst.id]));
    expect((await t.engine.getProcessInstance(inst.id))?.definitionId).toBe(def.payment!.v1);
  });
});
