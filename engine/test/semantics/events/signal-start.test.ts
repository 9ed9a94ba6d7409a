import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { expectGone, openTasks } from './leftovers.ts';

describe('signal start events', () => {
  let t: TestEngine;
  const count = async (key: string) => (await t.engine.getHistoricInstances({ processDefinitionKey: key })).length;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'signal-start.bpmn');
  });
  afterAll(() => t.close());

  it('broadcastSignal starts one instance of every definition with that signal start, with the variables', async () => {
    // given
    const fire = await count('alarmFire');
    const log = await count('alarmLog');
    // when
    const delivered = await t.engine.broadcastSignal('alarm', { level: 3 });
    // then
    expect(delivered).toBe(2);
    expect(await count('alarmFire')).toBe(fire + 1);
    expect(await count('alarmLog')).toBe(log + 1);
    const [running] = await t.engine.getProcessInstances({ processDefinitionKey: 'alarmFire' });
    expect(await t.engine.getVariables(running!.id)).toEqual({ level: 3 });
    expect(await openTasks(t.engine, running!.id)).toEqual(['evacuate']);
    const [logged] = await t.engine.getHistoricInstances({ processDefinitionKey: 'alarmLog' });
    expect(logged).toMatchObject({ startActivityId: 'logStart', state: 'COMPLETED' });
    await expectGone(t.engine, logged!.id);
  });

  it('the start subscriptions stay for the next signal', async () => {
    const subs = await t.engine.getEventSubscriptions({ eventType: 'signal', eventName: 'alarm' });
    expect(subs.map((s) => [s.activityId, s.processInstanceId])).toEqual(
      expect.arrayContaining([
        ['fireStart', null],
        ['logStart', null],
      ]),
    );
    const before = await count('alarmFire');
    await t.engine.broadcastSignal('alarm');
    expect(await count('alarmFire')).toBe(before + 1);
  });

  it('a signal of another name starts nothing', async () => {
    const before = (await t.engine.getHistoricInstances()).length;
    expect(await t.engine.broadcastSignal('Alarm')).toBe(0);
    expect((await t.engine.getHistoricInstances()).length).toBe(before);
  });

  it('a process with only a signal start cannot be started plainly', async () => {
    await expect(t.engine.startProcess('alarmFire')).rejects.toMatchObject({ code: 'LZ_ERR_NO_START_EVENT' });
  });

  it('a new version takes over the signal start: one instance per key, of the newest version', async () => {
    // given
    const body = (name: string) => `<startEvent id="s"><signalEventDefinition signalRef="sg" /></startEvent>
      <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><userTask id="t" name="${name}" />`;
    await t.engine.deploy([{ name: 'sv.bpmn', content: bpmn('signalVersioned', body('one'), '<signal id="sg" name="versioned-signal" />') }]);
    const v2 = await t.engine.deploy([{ name: 'sv.bpmn', content: bpmn('signalVersioned', body('two'), '<signal id="sg" name="versioned-signal" />') }]);
    // when
    expect(await t.engine.broadcastSignal('versioned-signal')).toBe(1);
    // then
    const insts = await t.engine.getProcessInstances({ processDefinitionKey: 'signalVersioned' });
    expect(insts.map((i) => i.definitionId)).toEqual([v2.definitions[0]!.id]);
  });
});
