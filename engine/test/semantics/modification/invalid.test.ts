import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/index.ts';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, runtimeRows } from '../events/leftovers.ts';

// Camunda 7: a modification is one command — when one instruction cannot be applied, the
// whole call fails (ProcessEngineException / 400 from REST) and none of its instructions stay
// applied, not even the valid ones that ran before it.

/** what a modification could have changed: runtime rows and history of the instance */
async function snapshot(engine: Engine, id: string) {
  return {
    runtime: await runtimeRows(engine, id),
    variables: await engine.getVariables(id),
    activities: await engine.getHistoricActivities({ processInstanceId: id }),
    tasks: await engine.getHistoricTasks({ processInstanceId: id }),
  };
}

describe('modification: invalid instructions', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'return-to-step.bpmn');
    await deployFixture(t.engine, import.meta.url, 'parallel-and-sub.bpmn');
  });
  afterAll(() => t.close());

  const rejected = async (id: string, instructions: Parameters<Engine['modifyProcessInstance']>[1], mentions: string) => {
    const before = await snapshot(t.engine, id);
    const err = await t.engine.modifyProcessInstance(id, instructions).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LZ_ERR_MODIFICATION_INVALID', kind: 'invalid' });
    expect((err as Error).message).toContain(mentions);
    expect(await snapshot(t.engine, id)).toEqual(before);
  };

  it('an unknown activity: the earlier cancel of the same call is not applied', async () => {
    // given
    const inst = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl' } });
    // when / then
    await rejected(
      inst.id,
      [
        { type: 'cancel', activityId: 'draft' },
        { type: 'startBeforeActivity', activityId: 'nope', variables: { touched: true } },
      ],
      'nope',
    );
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey)).toEqual(['draft']);
  });

  it('a variable set by an earlier start instruction is not kept either', async () => {
    // given
    const inst = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl' } });
    // when / then
    await rejected(
      inst.id,
      [
        { type: 'startBeforeActivity', activityId: 'check', variables: { touched: true } },
        { type: 'startTransition', transitionId: 'noSuchFlow' },
      ],
      'noSuchFlow',
    );
  });

  it('startAfterActivity on an activity with two outgoing flows', async () => {
    // given
    const inst = await t.engine.startProcess('par');
    // when / then: after 'fork' is ambiguous (Camunda: "activity has more than one outgoing sequence flow")
    await rejected(
      inst.id,
      [
        { type: 'cancel', activityId: 'a1' },
        { type: 'startAfterActivity', activityId: 'fork' },
      ],
      'fork',
    );
  });

  it('an ambiguous parent scope: two instances of the sub-process and no ancestor named', async () => {
    // given: two instances of 'sub'
    const inst = await t.engine.startProcess('nested');
    await t.engine.modifyProcessInstance(inst.id, [{ type: 'startBeforeActivity', activityId: 'sub' }]);
    const subs = (await t.engine.getActivityTree(inst.id))!.childActivityInstances;
    expect(subs.map((s) => s.activityId)).toEqual(['sub', 'sub']);
    // when / then
    await rejected(
      inst.id,
      [
        { type: 'cancel', activityInstanceId: subs[0]!.childActivityInstances[0]!.id },
        { type: 'startBeforeActivity', activityId: 's2' },
      ],
      'sub',
    );
    // naming the ancestor makes it valid
    await t.engine.modifyProcessInstance(inst.id, [{ type: 'startBeforeActivity', activityId: 's2', ancestorActivityInstanceId: subs[1]!.id }]);
    const tree = (await t.engine.getActivityTree(inst.id))!.childActivityInstances;
    expect(tree.map((s) => s.childActivityInstances.map((c) => c.activityId).sort())).toEqual([['s1'], ['s1', 's2']]);
  });

  it('cancelling an activity instance the process instance does not have', async () => {
    // given
    const inst = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl' } });
    const other = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl' } });
    const [foreign] = await t.engine.getTasks({ processInstanceId: other.id });
    // when / then
    await rejected(inst.id, [{ type: 'cancel', activityInstanceId: foreign!.executionId }], foreign!.executionId);
    await rejected(inst.id, [{ type: 'cancel', activityId: 'check' }], 'check');
    expect(await t.engine.getTask(foreign!.id)).not.toBeNull();
  });

  it('an instance that does not exist', async () => {
    await expect(t.engine.modifyProcessInstance('no-such-instance', [{ type: 'cancel', activityId: 'check' }])).rejects.toMatchObject({
      code: 'LZ_ERR_INSTANCE_NOT_FOUND',
    });
  });

  it('an empty instruction list is refused (as a rejected promise, like every other command)', async () => {
    // given
    const inst = await t.engine.startProcess('loan', { variables: { author: 'ann', checker: 'carl' } });
    await complete(t.engine, inst.id, 'draft');
    // when
    let call: Promise<void> | undefined;
    let thrown: unknown;
    try {
      call = t.engine.modifyProcessInstance(inst.id, []);
    } catch (e) {
      thrown = e;
    }
    // then
    expect(thrown, 'thrown synchronously instead of rejecting').toBeUndefined();
    await expect(call).rejects.toMatchObject({ code: 'LZ_ERR_MODIFICATION_INVALID' });
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey)).toEqual(['check']);
  });
});
