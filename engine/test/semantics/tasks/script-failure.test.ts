import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const MIN = 60_000;

/** A failing or runaway script never loses the instance: it is parked behind a job with retries, then an incident. */
describe('script task failures', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine({ scriptLimits: { timeoutMs: 100 } });
    await deployFixture(t.engine, import.meta.url, 'script-failure.bpmn');
  });
  afterAll(() => t.close());

  it('a throwing script: the start succeeds, the task waits behind a job, the other branch goes on', async () => {
    // when
    const inst = await t.engine.startProcess('failing', { variables: { fixed: false } });
    // then
    expect(inst.ended).toBe(false);
    expect(await t.engine.getProcessInstance(inst.id)).not.toBeNull();
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ type: 'async-before', activityId: 'boom', retries: 2 });
    expect(job!.exceptionMessage).toContain('boom: not fixed yet');
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey)).toEqual(['other']);
    // nothing the failed attempt wrote is kept
    expect(await t.engine.getVariables(inst.id)).toEqual({ fixed: false });
    expect(await t.engine.getIncidents({ processInstanceId: inst.id })).toEqual([]);
  });

  it('runDueJobs retries it; after the last retry there is an incident; retries + a fix let it complete', async () => {
    // given
    const inst = await t.engine.startProcess('failing', { variables: { fixed: false } });
    // when: the two retries left run (3 attempts in all)
    await t.engine.runDueJobs();
    // then
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ activityId: 'boom', retries: 0 });
    const [incident] = await t.engine.getIncidents({ processInstanceId: inst.id });
    expect(incident).toMatchObject({ incidentType: 'failedJob', activityId: 'boom', jobId: job!.id });
    expect(await t.engine.runDueJobs()).toBe(0);
    // when: the data is fixed and the job gets a retry
    await t.engine.setVariables(inst.id, { fixed: true });
    await t.engine.setJobRetries(job!.id, 1);
    expect(await t.engine.getIncidents({ processInstanceId: inst.id })).toEqual([]);
    await t.engine.runDueJobs();
    // then
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getVariables(inst.id)).toEqual({ fixed: true, partial: 1, outcome: 'done' });
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.taskDefinitionKey).sort()).toEqual(['afterBoom', 'other']);
  });

  it('a runaway script is stopped and parked too; other instances run on', async () => {
    // given
    const stuck = await t.engine.startProcess('runaway');
    const fine = await t.engine.startProcess('healthy');
    // then: the start came back with the task parked
    expect(stuck.ended).toBe(false);
    const [job] = await t.engine.getJobs({ processInstanceId: stuck.id });
    expect(job).toMatchObject({ type: 'async-before', activityId: 'spin', retries: 2 });
    // when: the executor works through all due jobs
    await t.engine.runDueJobs();
    // then
    const [after] = await t.engine.getJobs({ processInstanceId: stuck.id });
    expect(after?.retries).toBe(0);
    expect(await t.engine.getIncidents({ processInstanceId: stuck.id })).toHaveLength(1);
    expect(await t.engine.getProcessInstance(stuck.id)).not.toBeNull();
    expect((await t.engine.getTasks({ processInstanceId: fine.id })).map((x) => x.taskDefinitionKey)).toEqual(['hTask']);
    expect(await t.engine.getVariables(fine.id)).toEqual({ x: 42 });
    // the stuck instance can still be deleted, cleaning up its job and incident
    await t.engine.deleteProcessInstance(stuck.id);
    expect(await t.engine.getJobs({ processInstanceId: stuck.id })).toEqual([]);
    expect(await t.engine.getIncidents({ processInstanceId: stuck.id })).toEqual([]);
  });

  it('camunda:failedJobRetryTimeCycle R2/PT5M: two attempts in all, five minutes apart', async () => {
    // given
    const startedAt = t.clock.now().getTime();
    const inst = await t.engine.startProcess('spaced');
    // then: the first attempt failed in the start command; the retry waits 5 minutes
    const [job] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ activityId: 'flaky', retries: 1 });
    expect(job!.dueDate.getTime()).toBe(startedAt + 5 * MIN);
    t.clock.advance(5 * MIN - 1);
    expect(await t.engine.runDueJobs()).toBe(0);
    // when
    t.clock.advance(1);
    expect(await t.engine.runDueJobs()).toBe(1);
    // then
    const [last] = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(last?.retries).toBe(0);
    const [incident] = await t.engine.getIncidents({ processInstanceId: inst.id });
    expect(incident).toMatchObject({ incidentType: 'failedJob', activityId: 'flaky' });
    expect(incident!.incidentMessage).toContain('still down');
  });
});
