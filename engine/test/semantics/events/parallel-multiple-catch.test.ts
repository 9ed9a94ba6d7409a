import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { expectGone, openTasks, subs } from './leftovers.ts';

describe('multiple and parallel multiple catch events (BPMN 2.0 §10.5.6)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'parallel-multiple-catch.bpmn');
  });
  afterAll(() => t.close());

  it('parallelMultiple waits for all of its events, in any order', async () => {
    // given
    const inst = await t.engine.startProcess('awaitAll');
    expect(await subs(t.engine, inst.id)).toEqual(['message:documents-received@allOf', 'signal:audit-passed@allOf']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toHaveLength(1);
    // when
    await t.engine.broadcastSignal('audit-passed');
    // then: that one is done, the others still wait
    expect(await subs(t.engine, inst.id)).toEqual(['message:documents-received@allOf']);
    expect(await openTasks(t.engine, inst.id)).toEqual([]);
    // a second signal changes nothing
    expect(await t.engine.broadcastSignal('audit-passed')).toBe(0);
    // when
    await t.engine.correlateMessage('documents-received');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual([]);
    // when
    t.clock.advance(60 * 60_000);
    await t.engine.runDueJobs();
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['close']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('a plain multiple catch goes on at the first of its events and drops the others', async () => {
    // given
    const inst = await t.engine.startProcess('awaitAny');
    // when
    await t.engine.correlateMessage('documents-received', { processInstanceId: inst.id });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['close2']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });
});
