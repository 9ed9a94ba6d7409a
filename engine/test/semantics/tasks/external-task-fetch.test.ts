import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typedValue } from '../../../src/index.ts';
import { deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

const WORK = `
  <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="work" />
  <serviceTask id="work" camunda:type="external" camunda:topic="\${topic}" camunda:taskPriority="\${prio}">
    <extensionElements><camunda:inputOutput><camunda:inputParameter name="local">in-scope</camunda:inputParameter></camunda:inputOutput></extensionElements>
  </serviceTask>
  <sequenceFlow id="f1" sourceRef="work" targetRef="e" /><endEvent id="e" />`;

const LOCK = 60_000;

/** fetchAndLock's topic filters and options (Camunda's FetchExternalTaskTopicDto). */
describe('fetchAndLock filters', () => {
  let t: TestEngine;
  const start = (topic: string, vars: Record<string, unknown> = {}, businessKey?: string) =>
    t.engine.startProcess('fetching', { variables: { topic, prio: 0, ...vars }, businessKey });
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(t.engine, 'fetching', WORK);
    await deployInline(t.engine, 'other', WORK);
  });
  afterAll(() => t.close());

  it('businessKey, processDefinitionKey(In) and processVariables narrow what a topic hands out', async () => {
    // given
    const a = await start('filters', { region: 'north', amount: 10 }, 'order-1');
    const b = await start('filters', { region: 'south', amount: 10 }, 'order-2');
    const c = await t.engine.startProcess('other', { variables: { topic: 'filters', prio: 0 } });
    const fetch = (extra: Record<string, unknown>) => t.engine.fetchAndLock('w', 10, [{ topicName: 'filters', lockDuration: LOCK, ...extra }]);
    // when / then
    expect((await fetch({ businessKey: 'order-2' })).map((x) => x.processInstanceId)).toEqual([b.id]);
    expect((await fetch({ processVariables: { region: 'north', amount: 10 } })).map((x) => x.processInstanceId)).toEqual([a.id]);
    expect(await fetch({ processVariables: { region: 'west' } })).toEqual([]);
    expect((await fetch({ processDefinitionKeyIn: ['other'] })).map((x) => x.processInstanceId)).toEqual([c.id]);
    expect(await fetch({})).toEqual([]);
  });

  it('typed variables come with their types; localVariables gives only the task scope', async () => {
    // given
    const inst = await start('typed', { big: typedValue('Long', 7), when: new Date('2026-02-01T10:00:00Z'), doc: { a: 1 } });
    // when
    const [all] = await t.engine.fetchAndLock('w', 1, [{ topicName: 'typed', lockDuration: LOCK }]);
    // then
    expect(all!.processInstanceId).toBe(inst.id);
    expect(all!.typedVariables).toMatchObject({
      big: { type: 'Long', value: 7 },
      when: { type: 'Date', value: '2026-02-01T10:00:00.000Z' },
      doc: { type: 'Json', value: { a: 1 } },
      local: { type: 'String', value: 'in-scope' },
      topic: { type: 'String', value: 'typed' },
    });
    expect(all!.variables.when).toEqual(new Date('2026-02-01T10:00:00Z'));
    expect(all!.createTime).toBeInstanceOf(Date);
    // when: the same task again, local only
    await t.engine.unlockExternalTask(all!.id);
    const [local] = await t.engine.fetchAndLock('w', 1, [{ topicName: 'typed', lockDuration: LOCK, localVariables: true }]);
    // then
    expect(Object.keys(local!.typedVariables)).toEqual(['local']);
  });

  it('without usePriority the oldest comes first; with it the highest priority', async () => {
    // given
    const low = await start('order', { prio: 1 });
    t.clock.advance(10);
    const high = await start('order', { prio: 9 });
    const topics = [{ topicName: 'order', lockDuration: LOCK }];
    // when
    const byAge = await t.engine.fetchAndLock('w', 1, topics, { usePriority: false, createTimeOrder: 'asc' });
    await t.engine.unlockExternalTask(byAge[0]!.id);
    const byPriority = await t.engine.fetchAndLock('w', 2, topics, { usePriority: true });
    // then
    expect(byAge.map((x) => x.processInstanceId)).toEqual([low.id]);
    expect(byPriority.map((x) => x.processInstanceId)).toEqual([high.id, low.id]);
  });

  it('errorDetails of a failure come back with the next fetch', async () => {
    // given
    await start('details');
    const [task] = await t.engine.fetchAndLock('w', 1, [{ topicName: 'details', lockDuration: LOCK }]);
    await t.engine.handleExternalTaskFailure(task!.id, 'w', { errorMessage: 'boom', errorDetails: 'stack…', retries: 2, variables: { attempt: 1 }, localVariables: { lastError: 'boom' } });
    // when
    const [again] = await t.engine.fetchAndLock('w', 1, [{ topicName: 'details', lockDuration: LOCK }]);
    // then
    expect(again).toMatchObject({ id: task!.id, errorMessage: 'boom', errorDetails: 'stack…', retries: 2 });
    // the failure's variables: one on the instance, one on the task's execution
    expect(await t.engine.getVariables(again!.processInstanceId)).toMatchObject({ attempt: 1 });
    expect(await t.engine.getVariables(again!.processInstanceId, again!.executionId)).toMatchObject({ lastError: 'boom' });
    expect(await t.engine.getExternalTaskErrorDetails(task!.id)).toBe('stack…');
    expect(await t.engine.getExternalTaskErrorDetails('nope')).toBeUndefined();
    expect(await t.engine.countExternalTasks({ topicName: 'details', lockedAt: t.clock.now(), withRetriesLeft: true })).toBe(1);
    expect(await t.engine.countExternalTasks({ topicName: 'details', notLockedAt: t.clock.now() })).toBe(0);
    const [row] = await t.engine.queryExternalTasks({ id: task!.id });
    expect(row).toMatchObject({ topicName: 'details', workerId: 'w', retries: 2, activityId: 'work', processDefinitionKey: 'fetching', processDefinitionVersionTag: null });
  });
});
