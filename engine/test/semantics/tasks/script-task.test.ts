import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

describe('script tasks', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'script-task.bpmn', 'script-task-zeebe.bpmn');
  });
  afterAll(() => t.close());

  it('javascript with resultVariable, execution.setVariable and a FEEL script run in one command', async () => {
    // when
    const inst = await t.engine.startProcess('scripts', { variables: { price: 25, qty: 6 }, businessKey: 'B7' });
    // then
    expect(inst.ended).toBe(true);
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id });
    const instanceVars = Object.fromEntries(updates.filter((u) => u.scopeId === inst.id).map((u) => [u.name, u.value]));
    expect(instanceVars).toEqual({ price: 25, qty: 6, total: 150, label: 'order B7: 150', items: [1, 2, 6], discounted: 135 });
    // setVariableLocal wrote on the script task's own scope, not on the instance
    const scratch = updates.filter((u) => u.name === 'scratch');
    expect(scratch).toHaveLength(1);
    expect(scratch[0]!.scopeId).not.toBe(inst.id);
    expect(updates.find((u) => u.name === 'total')?.type).toBe('Integer');
  });

  it('a FEEL script keeps the number type of its result', async () => {
    const inst = await t.engine.startProcess('scripts', { variables: { price: 10, qty: 2 } });
    const [d] = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'discounted' });
    expect(d?.value).toBe(20);
  });

  it('throw new BpmnError(code) in a script reaches the error boundary event', async () => {
    // when
    const inst = await t.engine.startProcess('scripts', { variables: { price: 500, qty: 3 } });
    // then
    expect(inst.ended).toBe(false);
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey)).toEqual(['manualCheck']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getIncidents({ processInstanceId: inst.id })).toEqual([]);
    const guard = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'guard' });
    expect(guard.map((a) => a.state)).toEqual(['canceled']);
  });

  it('zeebe:script is a FEEL expression with its result variable', async () => {
    const inst = await t.engine.startProcess('zeebeScript', { variables: { name: 'Liu' } });
    expect(inst.ended).toBe(true);
    const [g] = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'greeting' });
    expect(g?.value).toBe('Hello Liu');
  });
});
