import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// camunda:inputOutput: input parameters become local variables of the activity, output
// parameters are evaluated inside it and written outside (Camunda 7 "Input/Output Variable
// Mapping"). camunda:in / camunda:out copy variables into and out of a called process.

describe('input/output and call-activity mappings', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'mappings.bpmn');
  });
  afterAll(() => t.close());

  it('maps inputs (JUEL, FEEL script, text) locally and outputs to the instance', async () => {
    // given
    const inst = await t.engine.startProcess('ioTask', { variables: { order: { total: 99, customer: 'ACME' } } });
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    // then: the inputs are local to the task's execution, typed
    const local = await t.engine.getTypedVariables(inst.id, task!.executionId);
    const byName = Object.fromEntries(local.map((v) => [v.name, [v.type, v.value]]));
    expect(byName).toEqual({ net: ['Integer', 99], gross: ['Double', 148.5], label: ['String', 'Quote for ACME'], fixed: ['String', 'plain text'] });
    expect(Object.keys(await t.engine.getVariables(inst.id))).toEqual(['order']);
    // when: the task completes with a variable the output mapping reads
    await t.engine.completeTask(task!.id, { surcharge: 5 });
    // then
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id });
    const last = (name: string) => updates.filter((u) => u.name === name).at(-1);
    expect(last('quoted')).toMatchObject({ value: 153.5, scopeId: inst.id });
    expect(last('quotedFeel')).toMatchObject({ value: 'QUOTE FOR ACME', scopeId: inst.id });
    expect(updates.filter((u) => u.name === 'net').every((u) => u.scopeId === task!.executionId)).toBe(true);
  });

  it('passes mapped variables into a called process and maps results back out', async () => {
    // given
    const inst = await t.engine.startProcess('parent', { businessKey: 'case-9', variables: { order: { total: 21 }, secret: 's3' } });
    const [child] = await t.engine.getProcessInstances({ superProcessInstanceId: inst.id });
    // then: only the mapped variables, and the business key, reach the child
    expect(child).toMatchObject({ definitionKey: 'judge', businessKey: 'case-9' });
    expect(await t.engine.getVariables(child!.id)).toEqual({ order: { total: 21 }, doubled: 42 });
    // when
    const [task] = await t.engine.getTasks({ processInstanceId: child!.id });
    await t.engine.completeTask(task!.id, { verdict: 'ok' });
    // then
    expect(await t.engine.getProcessInstance(child!.id)).toBeNull();
    const vars = await t.engine.getVariables(inst.id);
    expect(vars).toEqual({ order: { total: 21 }, secret: 's3', childVerdict: 'ok', approved: true });
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey)).toEqual(['after']);
    const [call] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'callJudge' });
    expect(call).toMatchObject({ calledProcessInstanceId: child!.id, state: 'completed' });
  });
});
