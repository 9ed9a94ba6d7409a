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
