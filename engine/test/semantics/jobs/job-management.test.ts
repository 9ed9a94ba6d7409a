import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';

const FAILING = `
  <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="call" />
  <scriptTask id="call" scriptFormat="javascript" camunda:asyncBefore="true">
    <script>if (!ok) throw new Error('remote system down');</script>
  </scriptTask>
  <sequenceFlow id="f1" sourceRef="call" targetRef="e" /><endEvent id="e" />`;

const TIMER = `
  <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="wait" />
  <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
  <sequenceFlow id="f1" sourceRef="wait" targetRef="e" /><endEvent id="e" />`;

/** What an operator does with jobs (Camunda's ManagementService): query, due dates, unlock, incidents. */
describe('job management', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(t.engine, 'failing', FAILING);
    await deployInline(t.engine, 'timer', TIMER);
  });
  afterAll(() => t.close());

  it('queryJobs filters timers and messages, retries, exceptions, due dates; sorts and pages', async () => {
    // given
    const timer = await t.engine.startProcess('timer');
    const bad = await t.engine.startProcess('failing', { variables: { ok: false } });
    const [badJob] = await t.engine.queryJobs({ processInstanceId: bad.id });
    await t.engine.executeJob(badJob!.id);
    // then
    const [timerJob] = await t.engine.queryJobs({ processInstanceId: timer.id, timers: true });
    expect(timerJob).toMatchObject({ type: 'timer', activityId: 'wait', retries: 3, exceptionMessage: null, failedActivityId: null, suspended: false, priority: 0 });
    expect(timerJob!.dueDate.getTime()).toBe(T0 + 3600_000);
    expect(await t.engine.queryJobs({ processInstanceId: timer.id, messages: true })).toEqual([]);
    const [failed] = await t.engine.queryJobs({ withException: true, processInstanceId: bad.id });
    expect(failed).toMatchObject({ id: badJob!.id, retries: 2, exceptionMessage: expect.stringContaining('remote system down'), failedActivityId: 'call' });
    expect(await t.engine.countJobs({ executableAt: t.clock.now(), processInstanceIds: [timer.id, bad.id] })).toBe(1);
    expect(await t.engine.countJobs({ dueAfter: new Date(T0 + 60_000), processInstanceIds: [timer.id, bad.id] })).toBe(1);
    const sorted = await t.engine.queryJobs({ ids: [timerJob!.id, badJob!.id], sort: [{ by: 'jobDueDate', order: 'desc' }] });
    expect(sorted.map((j) => j.id)).toEqual([timerJob!.id, badJob!.id]);
    expect((await t.engine.queryJobs({ ids: [timerJob!.id, badJob!.id], sort: [{ by: 'jobDueDate', order: 'desc' }], first: 1, max: 1 })).map((j) => j.id)).toEqual([badJob!.id]);
    expect(await t.engine.getJobStacktrace(badJob!.id)).toContain('remote system down');
    expect(await t.engine.getJobStacktrace(timerJob!.id)).toBeNull();
    expect(await t.engine.getJobStacktrace('nope')).toBeUndefined();
  });

  it('setJobDueDate moves a timer; runDueJobs then fires it', async () => {
    // given
    const inst = await t.engine.startProcess('timer');
    const [job] = await t.engine.queryJobs({ processInstanceId: inst.id });
    // when
    await t.engine.setJobDueDate(job!.id, new Date(t.clock.now().getTime() - 1));
    // then
    expect((await t.engine.getJob(job!.id))!.dueDate.getTime()).toBe(t.clock.now().getTime() - 1);
    await t.engine.runDueJobs();
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    await expect(t.engine.setJobDueDate('nope', null)).rejects.toMatchObject({ code: 'LZ_ERR_JOB_NOT_FOUND' });
  });

  it('unlockJobs gives back only the jobs still locked by that owner', async () => {
    // given
    const a = await t.engine.startProcess('failing', { variables: { ok: true } });
    const b = await t.engine.startProcess('failing', { variables: { ok: true } });
    const ids = await t.engine.acquireJobs(50, 60_000, 'owner-a');
    const [ja] = await t.engine.queryJobs({ processInstanceId: a.id });
    const [jb] = await t.engine.queryJobs({ processInstanceId: b.id });
    expect(ids).toEqual(expect.arrayContaining([ja!.id, jb!.id]));
    // when: another owner cannot free them, the owner can
    await t.engine.unlockJobs([ja!.id], 'owner-b');
    expect((await t.engine.getJob(ja!.id))!.lockOwner).toBe('owner-a');
    await t.engine.unlockJobs([ja!.id], 'owner-a');
    // then
    expect(await t.engine.getJob(ja!.id)).toMatchObject({ lockOwner: null, lockExpirationTime: null });
    expect((await t.engine.getJob(jb!.id))!.lockOwner).toBe('owner-a');
    expect(await t.engine.acquireJobs(50, 60_000, 'owner-c')).toContain(ja!.id);
  });

  it('a job run again by hand after its incident fails again without a second incident', async () => {
    // given: no retries left, one incident
    const inst = await t.engine.startProcess('failing', { variables: { ok: false } });
    const [job] = await t.engine.queryJobs({ processInstanceId: inst.id });
    for (let i = 0; i < 3; i++) expect(await t.engine.executeJob(job!.id)).toBe(false);
    expect(await t.engine.queryIncidents({ processInstanceId: inst.id })).toHaveLength(1);
    // when
    expect(await t.engine.executeJob(job!.id)).toBe(false);
    // then
    const incidents = await t.engine.queryIncidents({ processInstanceId: inst.id });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ incidentType: 'failedJob', configuration: job!.id, jobId: job!.id, activityId: 'call' });
    expect(await t.engine.getIncident(incidents[0]!.id)).toMatchObject({ id: incidents[0]!.id });
    expect(await t.engine.countIncidents({ configuration: job!.id })).toBe(1);
    expect(await t.engine.countIncidents({ incidentType: 'failedExternalTask', processInstanceId: inst.id })).toBe(0);
  });
});
