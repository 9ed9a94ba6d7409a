import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

/** Asynchronous continuations (Camunda "Transactions in Processes"): a job marks a transaction boundary. */
describe('async before / after', () => {
  let t: TestEngine;
  const keys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey);
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'async.bpmn');
  });
  afterAll(() => t.close());

  it('asyncBefore: a job waits in front of the activity; nothing moves until it runs', async () => {
    // when
    const inst = await t.engine.startProcess('asyncBefore');
    // then
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ type: 'async-before', activityId: 'prepare', retries: 3, lockOwner: null });
    expect(await t.engine.getVariables(inst.id)).toEqual({});
    expect((await t.engine.getExecutions(inst.id)).find((e) => e.activityId === 'prepare')?.state).toBe('async-before');
    const tree = await t.engine.getActivityTree(inst.id);
    expect(tree?.childTransitionInstances.map((x) => x.activityId)).toEqual(['prepare']);
    // when: the job runs; the next activity is async too, so the token stops again
    expect(await t.engine.executeJob(job!.id)).toBe(true);
    // then
    expect(await t.engine.getVariables(inst.id)).toEqual({ prepared: 'yes' });
    expect(await keys(inst.id)).toEqual([]);
    const [next] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(next).toMatchObject({ type: 'async-before', activityId: 'review' });
    // when
    await t.engine.runDueJobs();
    // then
    expect(await keys(inst.id)).toEqual(['review']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
  });

  it('asyncAfter: the activity runs in the command, the flow after it waits for the job', async () => {
    // when
    const inst = await t.engine.startProcess('asyncAfter');
    // then
    expect(await t.engine.getVariables(inst.id)).toEqual({ result: 42 });
    expect(await keys(inst.id)).toEqual([]);
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ type: 'async-after', activityId: 'calc' });
    // when
    await t.engine.runDueJobs();
    // then
    expect(await keys(inst.id)).toEqual(['check']);
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'calc' })).toHaveLength(1);
  });

  it('a failing job loses a retry per attempt, then raises an incident; setJobRetries resolves it', async () => {
    // given
    const inst = await t.engine.startProcess('asyncFailing', { variables: { ok: false } });
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    // when / then: attempt by attempt (Camunda default: 3 retries)
    expect(await t.engine.executeJob(job!.id)).toBe(false);
    let [row] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(row).toMatchObject({ id: job!.id, retries: 2, lockOwner: null });
    expect(row!.exceptionMessage).toContain('remote system down');
    expect(await t.engine.getIncidents({ processInstanceId: inst.id })).toEqual([]);
    await t.engine.runDueJobs();
    [row] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(row?.retries).toBe(0);
    const [incident] = await t.engine.getIncidents({ processInstanceId: inst.id });
    expect(incident).toMatchObject({ incidentType: 'failedJob', activityId: 'call', jobId: job!.id });
    // nothing of the failed attempts is kept
    expect(await t.engine.getVariables(inst.id)).toEqual({ ok: false });
    // a job without retries is not acquired
    expect(await t.engine.runDueJobs()).toBe(0);
    // when: fixed and retried
    await t.engine.setVariables(inst.id, { ok: true });
    await t.engine.setJobRetries(job!.id, 1);
    expect(await t.engine.getIncidents({ processInstanceId: inst.id })).toEqual([]);
    await t.engine.runDueJobs();
    // then
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    const called = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'called' });
    expect(called.map((u) => u.value)).toEqual([true]);
  });

  it('deleting an instance removes its pending job', async () => {
    const inst = await t.engine.startProcess('asyncBefore');
    await t.engine.deleteProcessInstance(inst.id);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    await expect(t.engine.setJobRetries('00000000-0000-7000-8000-000000000000', 1)).rejects.toMatchObject({ code: 'LZ_ERR_JOB_NOT_FOUND' });
  });
});
