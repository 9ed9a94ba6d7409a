import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, path } from '../events/leftovers.ts';

describe('which handler catches an error', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'precedence.bpmn');
  });
  afterAll(() => t.close());

  it('a boundary with the specific code beats a catch-all boundary, whatever the order in the file', async () => {
    const x = await t.engine.startProcess('specificFirst', { variables: { code: 'X' } });
    expect(await openTasks(t.engine, x.id)).toEqual(['specificHandler']);
    const y = await t.engine.startProcess('specificFirst', { variables: { code: 'Y' } });
    expect(await openTasks(t.engine, y.id)).toEqual(['generalHandler']);
  });

  it('an event sub-process with the specific code beats a catch-all one (Camunda testErrorCodeTakesPrecedence)', async () => {
    const x = await t.engine.startProcess('specificEsp', { variables: { code: 'X' } });
    expect(await openTasks(t.engine, x.id)).toEqual(['specificEspTask']);
    const y = await t.engine.startProcess('specificEsp', { variables: { code: 'Y' } });
    expect(await openTasks(t.engine, y.id)).toEqual(['generalEsp']);
    await complete(t.engine, y.id, 'generalEsp');
    await expectGone(t.engine, y.id);
  });

  it('the event sub-process inside the sub-process beats the boundary on it; the sub-process then completes normally', async () => {
    // given
    const inst = await t.engine.startProcess('innerScopeFirst');
    // when
    await complete(t.engine, inst.id, 'subWork');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['innerRepair']);
    // when
    await complete(t.engine, inst.id, 'innerRepair');
    // then: the interrupting event sub-process ended the sub-process, which leaves by its normal flow
    expect(await openTasks(t.engine, inst.id)).toEqual(['afterSub']);
    const visited = await path(t.engine, inst.id);
    expect(visited).not.toContain('outerRepair');
    expect(visited).not.toContain('processRepair');
    await complete(t.engine, inst.id, 'afterSub');
    await expectGone(t.engine, inst.id);
  });

  it('an error thrown inside an error event sub-process goes past it to the boundary of the enclosing sub-process', async () => {
    // given
    const inst = await t.engine.startProcess('rethrow');
    expect(await openTasks(t.engine, inst.id)).toEqual(['tryRepair']);
    // when
    await complete(t.engine, inst.id, 'tryRepair');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['giveUp']);
    const [sub] = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'sub4' });
    expect(sub!.state).toBe('canceled');
    await complete(t.engine, inst.id, 'giveUp');
    await expectGone(t.engine, inst.id);
  });
});
