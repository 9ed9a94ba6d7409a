import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const MIN = 60_000;

/** a process started by a timer start event, waiting in a user task afterwards */
const timerStart = (kind: 'timeDate' | 'timeDuration' | 'timeCycle', value: string, taskName = 'work') => `
  <startEvent id="timerStart"><timerEventDefinition><${kind}>${value}</${kind}></timerEventDefinition></startEvent>
  <sequenceFlow id="f1" sourceRef="timerStart" targetRef="work" /><userTask id="work" name="${taskName}" />
  <sequenceFlow id="f2" sourceRef="work" targetRef="end" /><endEvent id="end" />`;

describe('timer start events', () => {
  let t: TestEngine;
  const count = (key: string) => t.engine.countProcessInstances({ processDefinitionKey: key });
  const tick = async (ms: number) => {
    t.clock.advance(ms);
    await t.engine.runDueJobs();
  };
  beforeAll(async () => {
    t = await createTestEngine();
  });
  afterAll(() => t.close());

  it('timeDate: one instance at that instant, then no timer', async () => {
    // given
    const at = new Date(t.clock.now().getTime() + 60 * MIN);
    await deployInline(t.engine, 'byDate', timerStart('timeDate', at.toISOString()));
    const [job] = await t.engine.getJobs({ processDefinitionKey: 'byDate' });
    expect(job).toMatchObject({ type: 'timer', processInstanceId: null, executionId: null, activityId: 'timerStart' });
    expect(job!.dueDate.getTime()).toBe(at.getTime());
    // when: a minute early
    await tick(59 * MIN);
    // then
    expect(await count('byDate')).toBe(0);
    // when
    await tick(MIN);
    // then
    expect(await count('byDate')).toBe(1);
    expect(await t.engine.getJobs({ processDefinitionKey: 'byDate' })).toEqual([]);
    const [inst] = await t.engine.getProcessInstances({ processDefinitionKey: 'byDate' });
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst!.id });
    expect(hist!.startActivityId).toBe('timerStart');
    expect(hist!.startTime.getTime()).toBe(at.getTime());
  });

  it('timeDuration: one instance that long after the deployment', async () => {
    // given
    const deployedAt = t.clock.now().getTime();
    await deployInline(t.engine, 'byDuration', timerStart('timeDuration', 'PT10M'));
    const [job] = await t.engine.getJobs({ processDefinitionKey: 'byDuration' });
    expect(job!.dueDate.getTime()).toBe(deployedAt + 10 * MIN);
    // when
    await tick(9 * MIN);
    expect(await count('byDuration')).toBe(0);
    await tick(MIN);
    // then
    expect(await count('byDuration')).toBe(1);
    expect(await t.engine.getJobs({ processDefinitionKey: 'byDuration' })).toEqual([]);
    await tick(60 * MIN);
    expect(await count('byDuration')).toBe(1);
  });

  it('timeCycle R2/PT5M: two instances five minutes apart, then no timer', async () => {
    // given
    const deployedAt = t.clock.now().getTime();
    await deployInline(t.engine, 'byCycle', timerStart('timeCycle', 'R2/PT5M'));
    // when
    await tick(5 * MIN);
    // then
    expect(await count('byCycle')).toBe(1);
    const [next] = await t.engine.getJobs({ processDefinitionKey: 'byCycle' });
    expect(next!.dueDate.getTime()).toBe(deployedAt + 10 * MIN);
    // when
    await tick(5 * MIN);
    // then
    expect(await count('byCycle')).toBe(2);
    expect(await t.engine.getJobs({ processDefinitionKey: 'byCycle' })).toEqual([]);
    await tick(60 * MIN);
    expect(await count('byCycle')).toBe(2);
  });

  it('a timeDate already in the past fires at the next run of due jobs', async () => {
    // given
    const past = new Date(t.clock.now().getTime() - 60 * MIN);
    await deployInline(t.engine, 'pastDate', timerStart('timeDate', past.toISOString()));
    // when
    await tick(0);
    // then
    expect(await count('pastDate')).toBe(1);
    expect(await t.engine.getJobs({ processDefinitionKey: 'pastDate' })).toEqual([]);
  });

  it('a new version replaces the start timer of the old version', async () => {
    // given
    const v1 = await deployInline(t.engine, 'versioned', timerStart('timeCycle', 'R/PT30M', 'one'));
    await tick(30 * MIN);
    expect(await count('versioned')).toBe(1);
    // when
    const v2 = await deployInline(t.engine, 'versioned', timerStart('timeCycle', 'R/PT20M', 'two'));
    // then: one timer, the new version's, counted from the new deployment
    const jobs = await t.engine.getJobs({ processDefinitionKey: 'versioned' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.processDefinitionId).toBe(v2.definitions[0]!.id);
    expect(jobs[0]!.dueDate.getTime()).toBe(t.clock.now().getTime() + 20 * MIN);
    // when
    await tick(20 * MIN);
    // then: only v2 started something new
    const insts = await t.engine.getProcessInstances({ processDefinitionKey: 'versioned' });
    expect(insts.map((i) => i.definitionId).sort()).toEqual([v1.definitions[0]!.id, v2.definitions[0]!.id].sort());
  });
});
