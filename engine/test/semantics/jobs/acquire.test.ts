import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const ASYNC_TASK = `
  <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="work" />
  <task id="work" camunda:asyncBefore="true" /><sequenceFlow id="f1" sourceRef="work" targetRef="e" /><endEvent id="e" />`;

/** Job acquisition: a job is locked for one owner at a time (FOR UPDATE SKIP LOCKED). */
describe('job acquisition', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(t.engine, 'asyncTask', ASYNC_TASK);
  });
  afterAll(() => t.close());

  it('two acquireJobs calls in parallel never hand one job to both owners', async () => {
    for (let round = 0; round < 5; round++) {
      // given
      const started = await Promise.all(Array.from({ length: 12 }, () => t.engine.startProcess('asyncTask')));
      const ours = new Set((await t.engine.getJobs({ processDefinitionKey: 'asyncTask' })).filter((j) => started.some((s) => s.id === j.processInstanceId)).map((j) => j.id));
      expect(ours.size).toBe(12);
      // when
      const [a, b] = await Promise.all([t.engine.acquireJobs(8, 60_000, 'owner-a'), t.engine.acquireJobs(8, 60_000, 'owner-b')]);
      // then
      expect(a.filter((id) => b.includes(id))).toEqual([]);
      expect([...a, ...b].filter((id) => ours.has(id)).sort()).toEqual([...ours].sort());
      const rows = await t.engine.getJobs({ processDefinitionKey: 'asyncTask' });
      for (const r of rows) expect(r.lockOwner).toBe(a.includes(r.id) ? 'owner-a' : 'owner-b');
      // a third owner finds nothing while the locks hold
      expect(await t.engine.acquireJobs(50, 60_000, 'owner-c')).toEqual([]);
      // clean up: the locks expire and the jobs run
      t.clock.advance(60_001);
      await t.engine.runDueJobs();
      expect(await t.engine.getJobs({ processDefinitionKey: 'asyncTask' })).toEqual([]);
      for (const s of started) expect(await t.engine.getProcessInstance(s.id)).toBeNull();
    }
  });

  it('an expired lock is up for grabs again', async () => {
    // given
    const inst = await t.engine.startProcess('asyncTask');
    const [first] = await t.engine.acquireJobs(1, 1_000, 'owner-a');
    expect(await t.engine.acquireJobs(1, 1_000, 'owner-b')).toEqual([]);
    // when
    t.clock.advance(1_001);
    const [again] = await t.engine.acquireJobs(1, 1_000, 'owner-b');
    // then
    expect(again).toBe(first);
    const [row] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(row?.lockOwner).toBe('owner-b');
  });

  it('the same job executed twice at once runs its continuation once', async () => {
    for (let round = 0; round < 5; round++) {
      // given
      const inst = await t.engine.startProcess('asyncTask');
      const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
      // when
      const results = await Promise.allSettled([t.engine.executeJob(job!.id), t.engine.executeJob(job!.id)]);
      // then
      expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(['LZ_ERR_JOB_NOT_FOUND', 'LZ_ERR_CONFLICT']).toContain(r.reason.code);
      expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'work' })).toHaveLength(1);
      expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'e' })).toHaveLength(1);
      expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
      expect(await t.engine.getIncidents({ processInstanceId: inst.id })).toEqual([]);
    }
  });
});
