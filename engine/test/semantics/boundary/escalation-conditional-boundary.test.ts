import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, path, subs } from '../events/leftovers.ts';

describe('escalation and conditional boundary events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'escalation-conditional-boundary.bpmn');
  });
  afterAll(() => t.close());

  it('an interrupting escalation boundary cancels the sub-process, the thrower does not go on', async () => {
    // given
    const inst = await t.engine.startProcess('escalationInterrupt');
    // when
    await complete(t.engine, inst.id, 'spend');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['approveBudget']);
    expect(await path(t.engine, inst.id)).not.toContain('neverReached');
    const [track] = await t.engine.getHistoricTasks({ processInstanceId: inst.id, taskDefinitionKey: 'track' });
    expect(track!.endTime).not.toBeNull();
    await complete(t.engine, inst.id, 'approveBudget');
    await expectGone(t.engine, inst.id);
  });

  it('interrupting conditional: fires when setVariables makes it true and cancels the task', async () => {
    // given
    const inst = await t.engine.startProcess('conditionalBoundary', { variables: { status: 'open', warnings: 0 } });
    expect(await subs(t.engine, inst.id)).toEqual(['conditional:@locked', 'conditional:@warned']);
    // when
    await t.engine.setVariables(inst.id, { status: 'locked' });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['unlock']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    await complete(t.engine, inst.id, 'unlock');
    await expectGone(t.engine, inst.id);
  });

  it('non-interrupting conditional: fires beside the task on every change that finds it true', async () => {
    // given
    const inst = await t.engine.startProcess('conditionalBoundary', { variables: { status: 'open', warnings: 0 } });
    // when
    await t.engine.setVariables(inst.id, { warnings: 3 });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['edit', 'review']);
    // when: a change that keeps it true fires again (Camunda re-evaluates on every variable change)
    await t.engine.setVariables(inst.id, { warnings: 4 });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['edit', 'review', 'review']);
    // when: the task completes, the conditions stop listening
    await complete(t.engine, inst.id, 'edit');
    await t.engine.setVariables(inst.id, { warnings: 9, status: 'locked' });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['published', 'review', 'review']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('a condition that already holds when the task starts fires at once (Camunda 7.6+)', async () => {
    // when
    const inst = await t.engine.startProcess('conditionalBoundary', { variables: { status: 'locked', warnings: 0 } });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['unlock']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    const [edit] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'edit' });
    expect(edit!.state).toBe('canceled');
  });
});
