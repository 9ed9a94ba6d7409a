import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';
import { runtimeRows } from '../events/leftovers.ts';

// Camunda 7 RepositoryService.deleteDeployment(id, cascade): without cascade a deployment whose
// definitions still have running instances cannot go; with cascade the instances are deleted
// and their history with them. When the latest version of a key goes, the previous version is
// the latest again and its message and timer start events are active again.

const HOUR = 3_600_000;

describe('deleting deployments', () => {
  let t: TestEngine;
  const deployAs = (name: string, file: string) => t.engine.deploy([{ name, content: fixture(import.meta.url, file) }]);
  /** the key's start events: message subscriptions and start timers, with their definition */
  const starts = async (key: string) => ({
    messages: (await t.engine.getEventSubscriptions({ eventType: 'message' }))
      .filter((s) => s.processInstanceId === null && s.processDefinitionId?.startsWith(`${key}:`))
      .map((s) => [s.eventName, s.activityId, s.processDefinitionId]),
    timers: (await t.engine.getJobs({ processDefinitionKey: key, type: 'timer' }))
      .filter((j) => j.processInstanceId === null)
      .map((j) => [j.activityId, j.processDefinitionId, j.dueDate.getTime()]),
  });
  beforeAll(async () => {
    t = await createTestEngine();
  });
  afterAll(() => t.close());

  it('without cascade a deployment with a running instance is refused and stays', async () => {
    // given
    const d = await deployAs('order.bpmn', 'order.bpmn');
    const inst = await t.engine.startProcess('order');
    // when
    const err = await t.engine.deleteDeployment(d.id).catch((e: unknown) => e);
    // then
    expect(err).toMatchObject({ code: 'LZ_ERR_DEPLOYMENT_IN_USE', kind: 'conflict' });
    expect(await t.engine.getDeployments({ id: d.id })).toHaveLength(1);
    expect(await t.engine.getDefinitions({ key: 'order' })).toHaveLength(1);
    expect(await t.engine.getProcessInstance(inst.id)).not.toBeNull();
    expect(await t.engine.getTasks({ processInstanceId: inst.id })).toHaveLength(1);
  });

  it('with cascade the instances, their history and the definitions go', async () => {
    // given: one running instance with a comment, one finished instance
    const [def] = await t.engine.getDefinitions({ key: 'order' });
    const running = (await t.engine.getProcessInstances({ processDefinitionId: def!.id }))[0]!;
    const [task] = await t.engine.getTasks({ processInstanceId: running.id });
    await t.engine.addComment(task!.id, 'kim', 'on hold');
    const done = await t.engine.startProcess('order', { variables: { x: 1 } });
    await t.engine.completeTask((await t.engine.getTasks({ processInstanceId: done.id }))[0]!.id);
    // when
    await t.engine.deleteDeployment(def!.deploymentId, { cascade: true });
    // then: nothing of it is left, at run time or in history
    for (const id of [running.id, done.id]) {
      expect(await t.engine.getProcessInstance(id)).toBeNull();
      expect(await runtimeRows(t.engine, id)).toEqual({ executions: [], tasks: [], subscriptions: [], jobs: [], externalTasks: [], incidents: [] });
      expect(await t.engine.getHistoricInstances({ processInstanceId: id })).toEqual([]);
      expect(await t.engine.getHistoricActivities({ processInstanceId: id })).toEqual([]);
      expect(await t.engine.getHistoricTasks({ processInstanceId: id })).toEqual([]);
      expect(await t.engine.getHistoricVariableUpdates({ processInstanceId: id })).toEqual([]);
      expect(await t.engine.getComments({ processInstanceId: id })).toEqual([]);
    }
    expect(await t.engine.getDeployments({ id: def!.deploymentId })).toEqual([]);
    expect(await t.engine.getDeploymentResources(def!.deploymentId)).toEqual([]);
    expect(await t.engine.getDefinitions({ key: 'order' })).toEqual([]);
    await expect(t.engine.startProcess('order')).rejects.toMatchObject({ code: 'LZ_ERR_DEFINITION_NOT_FOUND' });
  });

  it('an unknown deployment', async () => {
    await expect(t.engine.deleteDeployment('no-such-deployment')).rejects.toMatchObject({ code: 'LZ_ERR_DEPLOYMENT_NOT_FOUND' });
  });

  it('deleting the latest version gives the previous version its message and timer start back', async () => {
    // given: v1, then v2 (which took over the start events)
    t.clock.set(T0);
    const v1 = await deployAs('starter.bpmn', 'starter-v1.bpmn');
    t.clock.set(T0 + 10 * 60_000);
    const v2 = await deployAs('starter.bpmn', 'starter-v2.bpmn');
    const [id1, id2] = [v1.definitions[0]!.id, v2.definitions[0]!.id];
    expect(await starts('starter')).toEqual({ messages: [['kickoff', 'byMessage', id2]], timers: [['byTimer', id2, T0 + 10 * 60_000 + 2 * HOUR]] });
    // when
    t.clock.set(T0 + 20 * 60_000);
    await t.engine.deleteDeployment(v2.id);
    // then: v1's start events again, its cycle counted from now
    expect(await starts('starter')).toEqual({ messages: [['kickoff', 'byMessage', id1]], timers: [['byTimer', id1, T0 + 20 * 60_000 + HOUR]] });
    const [byMessage] = await t.engine.correlateMessage('kickoff');
    const inst = await t.engine.getProcessInstance(byMessage!.processInstanceId!);
    expect(inst?.definitionId).toBe(id1);
    t.clock.set(T0 + 20 * 60_000 + HOUR);
    await t.engine.runDueJobs();
    const tasks = await t.engine.getTasks({ processDefinitionKey: 'starter' });
    expect(tasks.map((x) => [x.name, x.processDefinitionId])).toEqual([
      ['Work v1', id1],
      ['Work v1', id1],
    ]);
    expect(await t.engine.getDefinitions({ key: 'starter', latestOnly: true })).toMatchObject([{ id: id1, version: 1 }]);
  });

  it('deleting an older version leaves the start events of the latest alone', async () => {
    // given: v1 (latest again), a new v2 over it
    const [v1] = await t.engine.getDefinitions({ key: 'starter' });
    for (const inst of await t.engine.getProcessInstances({ processDefinitionKey: 'starter' })) await t.engine.deleteProcessInstance(inst.id);
    const v2 = await deployAs('starter.bpmn', 'starter-v2.bpmn');
    const before = await starts('starter');
    expect(before.messages).toEqual([['kickoff', 'byMessage', v2.definitions[0]!.id]]);
    // when
    await t.engine.deleteDeployment(v1!.deploymentId);
    // then
    expect(await starts('starter')).toEqual(before);
    expect((await t.engine.getDefinitions({ key: 'starter' })).map((d) => d.id)).toEqual([v2.definitions[0]!.id]);
  });
});
