import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda's modification instruction variables (TriggerVariableValueDto.local): local ones go
// on the new activity instance, the others like setVariable (new names on the instance); and
// updateVariables: set and remove in one transaction.

describe('modification variables and variable updates', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'return-to-step.bpmn');
  });
  afterAll(() => t.close());

  it('a started activity gets its local variables; the others land on the instance, and both are seen by its expressions', async () => {
    // given
    const inst = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl' } });
    // when: start 'check' again beside the draft, for a different checker given locally
    await t.engine.modifyProcessInstance(inst.id, [{ type: 'startBeforeActivity', activityId: 'check', variablesLocal: { checker: 'cleo' }, variables: { reason: 'second look' } }]);
    // then
    const check = (await t.engine.getExecutions(inst.id)).find((e) => e.activityId === 'check')!;
    expect(await t.engine.getVariables(inst.id, check.id)).toEqual({ checker: 'cleo' });
    expect(await t.engine.getVariables(inst.id)).toEqual({ author: 'ann', checker: 'carl', reason: 'second look' });
    const tasks = await t.engine.getTasks({ processInstanceId: inst.id, taskDefinitionKey: 'check' });
    expect(tasks.map((x) => x.assignee)).toEqual(['cleo']);
  });

  it('updateVariables sets and removes at once; a bad value changes nothing', async () => {
    // given
    const inst = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl', old: 1 } });
    // when
    await t.engine.updateVariables(inst.id, { amount: 5, author: 'bea' }, ['old', 'missing']);
    // then
    expect(await t.engine.getVariables(inst.id)).toEqual({ author: 'bea', checker: 'carl', amount: 5 });
    // when: one bad value among good ones
    const bad = await t.engine.updateVariables(inst.id, { fine: 'yes', bad: () => 1 }, ['author']).then(() => null, (e: unknown) => e);
    // then
    expect(bad).toMatchObject({ code: 'LZ_ERR_VARIABLE_INVALID' });
    expect(await t.engine.getVariables(inst.id)).toEqual({ author: 'bea', checker: 'carl', amount: 5 });
  });
});
