import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { expectGone, openTasks, subs } from './leftovers.ts';

describe('intermediate signal catch events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'signal-catch.bpmn');
  });
  afterAll(() => t.close());

  it('subscribes by the signal name and wakes every waiting instance at once, with the variables', async () => {
    // given
    const insts = [await t.engine.startProcess('awaitOpen'), await t.engine.startProcess('awaitOpen'), await t.engine.startProcess('awaitOpen')];
    expect(await subs(t.engine, insts[0]!.id)).toEqual(['signal:market-open@open']);
    // when: the id of the signal is not its name
    expect(await t.engine.broadcastSignal('Signal_0abc')).toBe(0);
    const delivered = await t.engine.broadcastSignal('market-open', { price: 9 });
    // then
    expect(delivered).toBe(3);
    for (const i of insts) {
      expect(await openTasks(t.engine, i.id)).toEqual(['trade']);
      expect(await subs(t.engine, i.id)).toEqual([]);
      expect(await t.engine.getVariables(i.id)).toEqual({ price: 9 });
    }
  });

  it('a signal is not kept: an instance that starts waiting later does not get it', async () => {
    // given
    await t.engine.broadcastSignal('market-open');
    // when
    const late = await t.engine.startProcess('awaitOpen');
    // then
    expect(await openTasks(t.engine, late.id)).toEqual([]);
    expect(await subs(t.engine, late.id)).toEqual(['signal:market-open@open']);
    await t.engine.deleteProcessInstance(late.id);
    await expectGone(t.engine, late.id);
  });

  it('a signal name expression is evaluated when the catch is entered', async () => {
    // given
    const north = await t.engine.startProcess('awaitRegion', { variables: { region: 'north' } });
    const south = await t.engine.startProcess('awaitRegion', { variables: { region: 'south' } });
    expect(await subs(t.engine, north.id)).toEqual(['signal:open-north@regionOpen']);
    // when
    expect(await t.engine.broadcastSignal('open-south')).toBe(1);
    // then
    await expectGone(t.engine, south.id);
    expect(await t.engine.getProcessInstance(north.id)).not.toBeNull();
    await t.engine.broadcastSignal('open-north');
    await expectGone(t.engine, north.id);
  });
});
