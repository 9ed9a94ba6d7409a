import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda's migration plan generation (equal activity ids and types, nested scopes following
// their parents) and its validation report (the failures of each instruction).

describe('migration: generated plans and validation reports', () => {
  let t: TestEngine;
  const def: Record<string, { v1: string; v2: string }> = {};
  beforeAll(async () => {
    t = await createTestEngine();
    const v1 = await t.engine.deploy([{ name: 'claim.bpmn', content: fixture(import.meta.url, 'claim-v1.bpmn') }]);
    const v2 = await t.engine.deploy([{ name: 'claim.bpmn', content: fixture(import.meta.url, 'claim-v2.bpmn') }]);
    for (const d of v1.definitions) def[d.key] = { v1: d.id, v2: v2.definitions.find((x) => x.key === d.key)!.id };
  });
  afterAll(() => t.close());

  const pairs = (p: { instructions: { sourceActivityIds: string[]; targetActivityIds: string[] }[] }) =>
    p.instructions.map((i) => `${i.sourceActivityIds[0]}→${i.targetActivityIds[0]}`).sort();

  it('generates instructions for the activities both versions share, not for start and end events', async () => {
    const plan = await t.engine.generateMigrationPlan(def.claim!.v1, def.claim!.v2);
    expect(plan).toMatchObject({ sourceProcessDefinitionId: def.claim!.v1, targetProcessDefinitionId: def.claim!.v2 });
    // v2 renamed review (and its timer) to check; start and end events hold no token
    expect(pairs(plan)).toEqual(['archive→archive', 'escalated→escalated']);
    await expect(t.engine.validateMigrationPlan(plan)).resolves.toBeUndefined();
    // a nested activity is mapped together with its sub-process
    const boxed = await t.engine.generateMigrationPlan(def.boxed!.v1, def.boxed!.v2);
    expect(pairs(boxed)).toEqual(expect.arrayContaining(['box→box', 'inner→inner']));
  });

  it('marks updateEventTrigger on event instructions when asked', async () => {
    const plan = await t.engine.generateMigrationPlan(def.payment!.v1, def.payment!.v2, { updateEventTriggers: true });
    expect(plan.instructions.map((i) => [i.sourceActivityIds[0], i.updateEventTrigger])).toEqual([
      ['waitPay', true],
      ['book', false],
    ]);
    const plain = await t.engine.generateMigrationPlan(def.payment!.v1, def.payment!.v2);
    expect(plain.instructions.every((i) => i.updateEventTrigger === false)).toBe(true);
  });

  it('reports the failures of each instruction, and none for a valid one', async () => {
    const report = await t.engine.reportMigrationPlan({
      sourceProcessDefinitionId: def.claim!.v1,
      targetProcessDefinitionId: def.claim!.v2,
      instructions: [
        { sourceActivityIds: ['archive'], targetActivityIds: ['archive'] },
        { sourceActivityIds: ['nope'], targetActivityIds: ['archive'] },
        { sourceActivityIds: ['review'], targetActivityIds: ['check', 'archive'] },
      ],
    });
    expect(report.instructionReports.map((r) => r.failures.length)).toEqual([0, 1, 1]);
    expect(report.instructionReports[1]!.failures[0]).toContain("'nope'");
    expect(report.instructionReports[2]!.instruction.targetActivityIds).toEqual(['check', 'archive']);
  });

  it('sets the given variables on each migrated instance', async () => {
    // given
    const inst = await t.engine.startProcessById(def.claim!.v1, { variables: { clerk: 'carl' } });
    const plan = {
      sourceProcessDefinitionId: def.claim!.v1,
      targetProcessDefinitionId: def.claim!.v2,
      instructions: [{ sourceActivityIds: ['review'], targetActivityIds: ['check'] }],
    };
    // when
    await t.engine.migrateProcessInstances(plan, [inst.id], { variables: { migrated: true } });
    // then
    expect(await t.engine.getVariables(inst.id)).toMatchObject({ clerk: 'carl', migrated: true });
    expect((await t.engine.getProcessInstance(inst.id))?.definitionId).toBe(def.claim!.v2);
  });
});
