import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

describe('straight-through process', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'straight-through.bpmn');
  });
  afterAll(() => t.close());

  it('runs start → task → FEEL script → JS script → exclusive gateway → end in one command', async () => {
    // given / when
    const inst = await t.engine.startProcess('straight', { variables: { amount: 60 } });
    // then
    expect(inst.ended).toBe(true);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist?.state).toBe('COMPLETED');
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.map((a) => a.activityId)).toEqual(['start', 'none', 'feel', 'js', 'xor', 'endBig']);
    const vars = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id });
    expect(Object.fromEntries(vars.map((v) => [v.name, v.value]))).toEqual({ amount: 60, total: 120, label: 'total=120' });
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
  });

  it('takes the default flow when no condition holds', async () => {
    const inst = await t.engine.startProcess('straight', { variables: { amount: 10 } });
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(acts.at(-1)?.activityId).toBe('endSmall');
  });
});
