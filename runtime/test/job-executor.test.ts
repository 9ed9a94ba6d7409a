import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  targetNamespace="http://liuzhuan.test" id="jobsDefs">
  <process id="jobs" isExecutable="true">
    <startEvent id="s" />
    <sequenceFlow id="f1" sourceRef="s" targetRef="later" />
    <task id="later" camunda:asyncBefore="true" />
    <sequenceFlow id="f2" sourceRef="later" targetRef="wait" />
    <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT0.2S</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <sequenceFlow id="f3" sourceRef="wait" targetRef="e" />
    <endEvent id="e" />
  </process>
</definitions>`;

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe('job executor', () => {
  let t: TestApp;
  let app: TestApp['app'];
  beforeAll(async () => {
    t = await createTestApp({ JOB_POLL_MS: '20' });
    app = t.app;
    app.jobs.start();
  });
  afterAll(() => t.close());

  it('runs async continuations and due timers without anyone asking', async () => {
    // given
    await app.engine.deploy([{ name: 'jobs.bpmn', content: MODEL }]);
    // when
    const inst = await app.engine.startProcess('jobs');
    expect(inst.ended).toBe(false);
    // then: the async continuation and then the 0.2 s timer are run by the executor
    const ended = await until(async () => (await app.engine.getProcessInstance(inst.id)) === null, 15_000);
    expect(ended).toBe(true);
    const acts = (await app.engine.getHistoricActivities({ processInstanceId: inst.id })).map((a) => a.activityId);
    expect(acts).toEqual(['s', 'later', 'wait', 'e']);
  });
});

const FAILING = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  targetNamespace="http://liuzhuan.test" id="failingDefs">
  <process id="failingJob" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="call" />
    <scriptTask id="call" scriptFormat="javascript" camunda:asyncBefore="true"><script>throw new Error('always down');</script></scriptTask>
    <sequenceFlow id="f2" sourceRef="call" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;

const SLOW = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  targetNamespace="http://liuzhuan.test" id="slowDefs">
  <process id="slowJob" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="spin" />
    <scriptTask id="spin" scriptFormat="javascript" camunda:asyncBefore="true"><script>var n = 0; for (var i = 0; i &lt; 300000; i++) { n += i; } execution.setVariable('n', n);</script></scriptTask>
    <sequenceFlow id="f2" sourceRef="spin" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;

describe('job executor: wake-up, retries, stop', () => {
  let t: TestApp;
  beforeAll(async () => {
    // a poll interval far longer than the test: only the wake-up can make it run in time
    t = await createTestApp({ JOB_POLL_MS: '60000' });
    await t.app.engine.deploy([
      { name: 'jobs.bpmn', content: MODEL },
      { name: 'failing.bpmn', content: FAILING },
      { name: 'slow.bpmn', content: SLOW },
    ]);
  });
  afterAll(() => t.close());

  it('wakes at once when this process creates a due job, not at the next poll', async () => {
    // given: started and idle (its first poll found nothing)
    t.app.jobs.start();
    await new Promise((r) => setTimeout(r, 200));
    // when
    const began = Date.now();
    const inst = await t.app.engine.startProcess('jobs');
    // then: the async continuation and the 0.2 s timer both run long before 60 s
    const ended = await until(async () => (await t.app.engine.getProcessInstance(inst.id)) === null, 10_000);
    expect(ended).toBe(true);
    expect(Date.now() - began).toBeLessThan(10_000);
    await t.app.jobs.stop();
  });

  it('a failing job uses up its retries and raises one incident', async () => {
    // given
    t.app.jobs.start();
    const inst = await t.app.engine.startProcess('failingJob');
    // then
    const incident = await until(async () => (await t.app.engine.queryIncidents({ processInstanceId: inst.id })).length === 1, 15_000);
    expect(incident).toBe(true);
    const [job] = await t.app.engine.queryJobs({ processInstanceId: inst.id });
    expect(job).toMatchObject({ retries: 0, exceptionMessage: expect.stringContaining('always down') });
    expect(t.app.jobs.stats.failed).toBeGreaterThanOrEqual(3);
    await t.app.jobs.stop();
  });

  it('stop() finishes the job in hand, gives back the rest of the batch, and acquires nothing after', async () => {
    // given: many slow jobs, the executor in the middle of them
    const started = [];
    for (let i = 0; i < 30; i++) started.push((await t.app.engine.startProcess('slowJob')).id);
    const before = { ...t.app.jobs.stats };
    t.app.jobs.start();
    await until(async () => t.app.jobs.stats.executed > before.executed, 15_000);
    // when
    await t.app.jobs.stop();
    // then: nothing left half done or locked; whatever did not run is free for another process
    const stats = t.app.jobs.stats;
    const ran = stats.executed - before.executed;
    const left = await t.app.engine.queryJobs({ processInstanceIds: started });
    expect(ran + left.length).toBe(30);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((j) => j.lockOwner === null)).toBe(true);
    const handled = (s: typeof stats) => s.executed + s.failed + s.conflicts + s.errors;
    expect(stats.released - before.released).toBe(stats.acquired - before.acquired - (handled(stats) - handled(before)));
    const ended = (await Promise.all(started.map((id) => t.app.engine.getProcessInstance(id)))).filter((x) => x === null).length;
    expect(ended).toBe(ran);
    // and after stop it takes no more jobs
    await new Promise((r) => setTimeout(r, 300));
    expect(t.app.jobs.stats.acquired).toBe(stats.acquired);
    expect(t.app.jobs.isRunning).toBe(false);
  });
});
