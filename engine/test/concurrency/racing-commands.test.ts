import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployInline } from '../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../helpers/test-engine.ts';

const FORK_JOIN = `
  <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="fork" />
  <parallelGateway id="fork" />
  <sequenceFlow id="f1" sourceRef="fork" targetRef="a" /><sequenceFlow id="f2" sourceRef="fork" targetRef="b" />
  <userTask id="a" name="A" /><userTask id="b" name="B" />
  <sequenceFlow id="f3" sourceRef="a" targetRef="join" /><sequenceFlow id="f4" sourceRef="b" targetRef="join" />
  <parallelGateway id="join" />
  <sequenceFlow id="f5" sourceRef="join" targetRef="c" />
  <userTask id="c" name="C" /><sequenceFlow id="f6" sourceRef="c" targetRef="e" /><endEvent id="e" />`;

const ONE_TASK = `
  <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="t" />
  <userTask id="t" name="Approve" /><sequenceFlow id="f1" sourceRef="t" targetRef="after" />
  <userTask id="after" name="After" /><sequenceFlow id="f2" sourceRef="after" targetRef="e" /><endEvent id="e" />`;

describe('commands racing on one instance', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(t.engine, 'forkJoin', FORK_JOIN);
    await deployInline(t.engine, 'oneTask', ONE_TASK);
  });
  afterAll(() => t.close());

  it('two completions of one task: exactly one succeeds, the token moves once', async () => {
    for (let round = 0; round < 10; round++) {
      // given
      const inst = await t.engine.startProcess('oneTask');
      const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
      // when
      const results = await Promise.allSettled([t.engine.completeTask(task!.id), t.engine.completeTask(task!.id)]);
      // then
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(['LZ_ERR_TASK_NOT_FOUND', 'LZ_ERR_CONFLICT']).toContain(rejected.reason.code);
      const after = await t.engine.getTasks({ processInstanceId: inst.id });
      expect(after.map((x) => x.taskDefinitionKey)).toEqual(['after']);
      const done = (await t.engine.getHistoricTasks({ processInstanceId: inst.id })).filter((h) => h.taskDefinitionKey === 't');
      expect(done.map((h) => h.deleteReason)).toEqual(['completed']);
    }
  });

  it('the loser of a race without retries gets LZ_ERR_CONFLICT and changes nothing', async () => {
    const inst = await t.engine.startProcess('oneTask');
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    const before = await t.engine.getVariables(inst.id);
    const results = await Promise.allSettled([
      t.engine.completeTask(task!.id, { winner: 1 }, { retries: 0 }),
      t.engine.completeTask(task!.id, { winner: 2 }, { retries: 0 }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(['LZ_ERR_CONFLICT', 'LZ_ERR_TASK_NOT_FOUND']).toContain(loser.reason.code);
    // one winner's variable, not both, not a mix
    const vars = await t.engine.getVariables(inst.id);
    expect(before).toEqual({});
    expect([1, 2]).toContain(vars.winner);
    const updates = (await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id })).filter((u) => u.name === 'winner');
    expect(updates).toHaveLength(1);
  });

  it('two tokens reaching a parallel join from concurrent commands: the join fires once', async () => {
    for (let round = 0; round < 10; round++) {
      // given
      const inst = await t.engine.startProcess('forkJoin');
      const tasks = await t.engine.getTasks({ processInstanceId: inst.id });
      expect(tasks).toHaveLength(2);
      // when: both branches complete at the same time
      const results = await Promise.allSettled(tasks.map((x) => t.engine.completeTask(x.id)));
      // then: both completions stand (the loser of the race was re-run on fresh state) …
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      // … and the join fired exactly once
      const after = await t.engine.getTasks({ processInstanceId: inst.id });
      expect(after.map((x) => x.taskDefinitionKey)).toEqual(['c']);
      const joins = (await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'c' })).length;
      expect(joins).toBe(1);
      const execs = await t.engine.getExecutions(inst.id);
      expect(execs.filter((e) => e.activityId === 'join')).toHaveLength(0);
    }
  });
});
