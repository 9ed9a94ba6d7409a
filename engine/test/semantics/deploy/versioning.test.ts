import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployFixture, deployInline, fixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda 7 versioning: a definition key gets version n+1 for each changed deployment (with
// duplicate filtering, an unchanged resource keeps its version); running instances stay on
// the version they started with; start by key uses the latest version.

describe('definition versions', () => {
  let t: TestEngine;
  const deployOrder = (file: string) => t.engine.deploy([{ name: 'order.bpmn', content: fixture(import.meta.url, file) }]);
  beforeAll(async () => {
    t = await createTestEngine();
  });
  afterAll(() => t.close());

  it('a first deployment makes version 1; the same model again makes no new version', async () => {
    // given
    const first = await deployOrder('order-v1.bpmn');
    expect(first.definitions).toMatchObject([{ key: 'order', version: 1, name: 'Order', isNew: true }]);
    // when
    const again = await deployOrder('order-v1.bpmn');
    // then
    expect(again.definitions).toMatchObject([{ id: first.definitions[0]!.id, key: 'order', version: 1, isNew: false }]);
    expect((await t.engine.getDefinitions({ key: 'order' })).map((d) => d.version)).toEqual([1]);
  });

  it('a changed model makes version 2; instances on version 1 finish on version 1', async () => {
    // given: an instance waiting in version 1
    const [v1] = await t.engine.getDefinitions({ key: 'order' });
    const old = await t.engine.startProcess('order');
    // when
    const second = await deployOrder('order-v2.bpmn');
    // then
    expect(second.definitions).toMatchObject([{ key: 'order', version: 2, isNew: true, name: 'Order (with shipping)' }]);
    const [latest] = await t.engine.getDefinitions({ key: 'order', latestOnly: true });
    expect(latest).toMatchObject({ version: 2, versionTag: '2.0' });
    expect((await t.engine.getProcessInstance(old.id))?.definitionId).toBe(v1!.id);
    const [task] = await t.engine.getTasks({ processInstanceId: old.id });
    await t.engine.completeTask(task!.id);
    // version 1 ends after review; version 2 would have created 'ship'
    expect(await t.engine.getTasks({ processInstanceId: old.id })).toEqual([]);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: old.id });
    expect(hist).toMatchObject({ state: 'COMPLETED', endActivityId: 'done', definitionId: v1!.id });
  });

  it('startProcess by key uses the latest version; an older one can still be started by id', async () => {
    const [v1, v2] = await t.engine.getDefinitions({ key: 'order' });
    // when
    const byKey = await t.engine.startProcess('order');
    const byId = await t.engine.startProcessById(v1!.id);
    // then
    expect((await t.engine.getProcessInstance(byKey.id))?.definitionId).toBe(v2!.id);
    expect((await t.engine.getProcessInstance(byId.id))?.definitionId).toBe(v1!.id);
    const [task] = await t.engine.getTasks({ processInstanceId: byKey.id });
    await t.engine.completeTask(task!.id);
    expect((await t.engine.getTasks({ processInstanceId: byKey.id })).map((x) => x.taskDefinitionKey)).toEqual(['ship']);
    for (const id of [byKey.id, byId.id]) await t.engine.deleteProcessInstance(id);
  });

  it('going back to the version 1 model makes version 3 (it differs from the latest)', async () => {
    const back = await deployOrder('order-v1.bpmn');
    expect(back.definitions).toMatchObject([{ key: 'order', version: 3, isNew: true }]);
    expect((await t.engine.getDefinitions({ key: 'order' })).map((d) => d.version)).toEqual([1, 2, 3]);
  });

  it('changedOnly: false makes a new version even for an unchanged model (no duplicate filtering)', async () => {
    const body = '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="e" /><endEvent id="e" />';
    await deployInline(t.engine, 'plain', body);
    const again = await t.engine.deploy([{ name: 'plain.bpmn', content: bpmn('plain', body) }], { changedOnly: false });
    expect(again.definitions).toMatchObject([{ key: 'plain', version: 2, isNew: true }]);
  });

  it('deploys every executable process of one file and skips the rest', async () => {
    // when
    const result = await deployFixture(t.engine, import.meta.url, 'two-processes.bpmn');
    // then
    expect(result.definitions.map((d) => [d.key, d.version, d.resourceName]).sort()).toEqual([
      ['pack', 1, 'two-processes.bpmn'],
      ['pick', 1, 'two-processes.bpmn'],
    ]);
    expect(result.skipped).toEqual(['notes']);
    expect(await t.engine.getDefinitions({ key: 'notes' })).toEqual([]);
    for (const key of ['pick', 'pack']) {
      const inst = await t.engine.startProcess(key);
      const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
      await t.engine.completeTask(task!.id);
      expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    }
  });

  it('a file whose processes are all isExecutable="false" deploys with no definitions', async () => {
    // when: not validated either (sketchB has a service task without implementation)
    const result = await deployFixture(t.engine, import.meta.url, 'not-executable.bpmn');
    // then
    expect(result.definitions).toEqual([]);
    expect(result.skipped.sort()).toEqual(['sketchA', 'sketchB']);
    expect(await t.engine.getDefinitions({ deploymentId: result.id })).toEqual([]);
    await expect(t.engine.startProcess('sketchA')).rejects.toMatchObject({ code: 'LZ_ERR_DEFINITION_NOT_FOUND' });
  });

  it('an unchanged redeploy keeps one message start subscription; a changed one moves it to the new version', async () => {
    // given
    const body = (label: string) => `<startEvent id="s"><messageEventDefinition messageRef="m" /></startEvent>
      <sequenceFlow id="f" sourceRef="s" targetRef="t" /><userTask id="t" name="${label}" />`;
    const msg = '<message id="m" name="orderReceived" />';
    const v1 = await deployInline(t.engine, 'byMessage', body('first'), msg);
    // when
    await deployInline(t.engine, 'byMessage', body('first'), msg);
    // then
    const subs = await t.engine.getEventSubscriptions({ eventName: 'orderReceived' });
    expect(subs.map((s) => s.processDefinitionId)).toEqual([v1.definitions[0]!.id]);
    // when: a changed model
    const v2 = await deployInline(t.engine, 'byMessage', body('second'), msg);
    // then: the message starts version 2
    const moved = await t.engine.getEventSubscriptions({ eventName: 'orderReceived' });
    expect(moved.map((s) => s.processDefinitionId)).toEqual([v2.definitions[0]!.id]);
    const [started] = await t.engine.correlateMessage('orderReceived');
    const [task] = await t.engine.getTasks({ processInstanceId: started!.processInstanceId! });
    expect(task?.name).toBe('second');
  });

  it('two identical deployments at the same time make one version', async () => {
    const content = bpmn('raced', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="e" /><endEvent id="e" />');
    const results = await Promise.all([1, 2, 3].map(() => t.engine.deploy([{ name: 'raced.bpmn', content }])));
    expect(results.map((r) => r.definitions[0]!.version)).toEqual([1, 1, 1]);
    expect(results.filter((r) => r.definitions[0]!.isNew)).toHaveLength(1);
    expect(await t.engine.getDefinitions({ key: 'raced' })).toHaveLength(1);
  });

  it('stores a non-BPMN resource (a form) beside the model; it makes no definition', async () => {
    const form = JSON.stringify({ components: [{ key: 'amount', type: 'number', label: 'Betrag (€)' }] });
    const result = await t.engine.deploy([
      { name: 'withForm.bpmn', content: bpmn('withForm', '<startEvent id="s" camunda:formRef="amountForm" />') },
      { name: 'amount.form', content: form },
    ]);
    expect(result.definitions.map((d) => d.key)).toEqual(['withForm']);
    const [row] = await t.engine.db.query<{ content: string }>(`SELECT content FROM deployment_resources WHERE deployment_id = $1 AND name = 'amount.form'`, [result.id]);
    expect(row?.content).toBe(form);
  });
});
