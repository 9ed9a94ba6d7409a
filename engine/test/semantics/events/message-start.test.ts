import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployFixture, deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks } from './leftovers.ts';

const versioned = (taskName: string) => `
  <startEvent id="s"><messageEventDefinition messageRef="m" /></startEvent>
  <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><userTask id="t" name="${taskName}" />`;

describe('message start events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'message-start.bpmn');
  });
  afterAll(() => t.close());

  it('the deployment subscribes the message start at definition level (no instance)', async () => {
    const subs = await t.engine.getEventSubscriptions({ eventType: 'message', eventName: 'order-placed' });
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ processInstanceId: null, executionId: null, activityId: 'orderPlaced' });
    const [def] = await t.engine.getDefinitions({ key: 'onlyMessageStart' });
    expect(subs[0]!.processDefinitionId).toBe(def!.id);
  });

  it('correlateMessage starts an instance with the business key and variables', async () => {
    // when
    const [result, ...more] = await t.engine.correlateMessage('order-placed', { businessKey: 'order-7', variables: { amount: 70 } });
    // then
    expect(more).toEqual([]);
    expect(result!.resultType).toBe('ProcessDefinition');
    const inst = await t.engine.getProcessInstance(result!.processInstanceId);
    expect(inst).toMatchObject({ definitionKey: 'onlyMessageStart', businessKey: 'order-7' });
    expect(await t.engine.getVariables(inst!.id)).toEqual({ amount: 70 });
    expect(await openTasks(t.engine, inst!.id)).toEqual(['handle']);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst!.id });
    expect(hist!.startActivityId).toBe('orderPlaced');
    // the definition-level subscription stays for the next message
    expect(await t.engine.getEventSubscriptions({ eventName: 'order-placed' })).toHaveLength(1);
    await complete(t.engine, inst!.id, 'handle');
    await expectGone(t.engine, inst!.id);
  });

  it('every correlation starts a new instance', async () => {
    const before = await t.engine.countProcessInstances({ processDefinitionKey: 'onlyMessageStart' });
    await t.engine.correlateMessage('order-placed', { businessKey: 'a' });
    await t.engine.correlateMessage('order-placed', { businessKey: 'b' });
    expect(await t.engine.countProcessInstances({ processDefinitionKey: 'onlyMessageStart' })).toBe(before + 2);
  });

  it('a process with only message starts cannot be started plainly (Camunda: no default start activity)', async () => {
    await expect(t.engine.startProcess('onlyMessageStart')).rejects.toMatchObject({ code: 'LZ_ERR_NO_START_EVENT' });
  });

  it('with a none start beside it, startProcess takes the none start and the message takes its own', async () => {
    // when
    const plain = await t.engine.startProcess('twoStarts');
    const [byMessage] = await t.engine.correlateMessage('restart-order');
    // then
    const [h1] = await t.engine.getHistoricInstances({ processInstanceId: plain.id });
    const [h2] = await t.engine.getHistoricInstances({ processInstanceId: byMessage!.processInstanceId });
    expect(h1!.startActivityId).toBe('plainStart');
    expect(h2!.startActivityId).toBe('restart');
    expect(await openTasks(t.engine, byMessage!.processInstanceId)).toEqual(['work']);
  });

  it('a message nobody waits for and no start event takes is LZ_ERR_MESSAGE_NOT_CORRELATED', async () => {
    await expect(t.engine.correlateMessage('no-such-message')).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
  });

  it('a new version takes over the message start subscription of the old one', async () => {
    // given
    const extra = '<message id="m" name="versioned-msg" />';
    const v1 = await t.engine.deploy([{ name: 'v.bpmn', content: bpmn('versionedMsg', versioned('one'), extra) }]);
    const v2 = await t.engine.deploy([{ name: 'v.bpmn', content: bpmn('versionedMsg', versioned('two'), extra) }]);
    // then
    const subs = await t.engine.getEventSubscriptions({ eventName: 'versioned-msg' });
    expect(subs.map((s) => s.processDefinitionId)).toEqual([v2.definitions[0]!.id]);
    // when
    const [r] = await t.engine.correlateMessage('versioned-msg');
    // then
    const inst = await t.engine.getProcessInstance(r!.processInstanceId);
    expect(inst!.definitionId).toBe(v2.definitions[0]!.id);
    expect(inst!.definitionId).not.toBe(v1.definitions[0]!.id);
  });

  it('a second process with the same message start name is refused at deployment (Camunda 7 docs, message start event)', async () => {
    // given: 'order-placed' already starts onlyMessageStart
    const body = `<startEvent id="s"><messageEventDefinition messageRef="m" /></startEvent>
      <sequenceFlow id="f1" sourceRef="s" targetRef="e" /><endEvent id="e" />`;
    // when / then
    // (Camunda MessageStartEventTest.testSameMessageNameFails: "there already is a message event subscription …")
    await expect(deployInline(t.engine, 'otherOrderProcess', body, '<message id="m" name="order-placed" />')).rejects.toMatchObject({
      code: expect.stringMatching(/^LZ_ERR_DEPLOY/),
    });
    expect(await t.engine.getEventSubscriptions({ eventName: 'order-placed' })).toHaveLength(1);
  });
});
