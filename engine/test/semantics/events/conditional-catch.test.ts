import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from './leftovers.ts';

describe('intermediate conditional catch events (Camunda 7 conditional events)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'conditional-catch.bpmn');
  });
  afterAll(() => t.close());

  it('waits while the condition is false and goes on when setVariables makes it true', async () => {
    // given
    const inst = await t.engine.startProcess('awaitStock', { variables: { stock: 3 } });
    expect(await openTasks(t.engine, inst.id)).toEqual([]);
    expect(await subs(t.engine, inst.id)).toEqual(['conditional:@inStock']);
    // when: a change that keeps it false
    await t.engine.setVariables(inst.id, { stock: 9 });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual([]);
    // when
    await t.engine.setVariables(inst.id, { stock: 12 });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['pick']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('a condition that already holds on entering does not wait', async () => {
    const inst = await t.engine.startProcess('awaitStock', { variables: { stock: 50 } });
    expect(await openTasks(t.engine, inst.id)).toEqual(['pick']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
  });

  it('fires when a task completion in another branch sets the variable', async () => {
    // given
    const inst = await t.engine.startProcess('awaitFlag', { variables: { approved: false } });
    expect(await openTasks(t.engine, inst.id)).toEqual(['approve']);
    // when
    await complete(t.engine, inst.id, 'approve', { approved: true });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['ship']);
    await complete(t.engine, inst.id, 'ship');
    await expectGone(t.engine, inst.id);
  });

  it('with camunda:variableName only a change of that variable re-evaluates the condition', async () => {
    // given
    const inst = await t.engine.startProcess('awaitNamed', { variables: { approved: false, force: false } });
    // when: another variable makes the condition true
    await t.engine.setVariables(inst.id, { force: true });
    // then: not looked at
    expect(await subs(t.engine, inst.id)).toEqual(['conditional:@named']);
    // when: the named variable changes (to a value that alone would not do)
    await t.engine.setVariables(inst.id, { approved: false });
    // then: evaluated now, and true
    await expectGone(t.engine, inst.id);
  });

  it('a condition that cannot be evaluated (unknown variable) fails the command and changes nothing', async () => {
    // when / then
    await expect(t.engine.startProcess('awaitStock')).rejects.toMatchObject({ code: 'LZ_ERR_UNKNOWN_VARIABLE' });
  });
});
