import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda 7 ProcessDefinitionQuery / DeploymentQuery: filters, LIKE patterns, sorting, paging and
// counts; RepositoryService.deleteProcessDefinition(id, cascade); the generated start form
// (camunda:formData) of a definition's none start event.

const MIN = 60_000;
const simple = (id: string, name: string, extra = '') =>
  bpmn(id, `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" /><userTask id="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />`).replace(
    `<process id="${id}" isExecutable="true">`,
    `<process id="${id}" name="${name}" isExecutable="true"${extra}>`,
  );

describe('repository queries', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    t.clock.set(T0);
    await t.engine.deploy([{ name: 'leave.bpmn', content: simple('oa-leave', 'Leave request') }], { name: 'oa', source: 'pack' });
    t.clock.set(T0 + MIN);
    await t.engine.deploy([{ name: 'leave.bpmn', content: simple('oa-leave', 'Leave request v2', ' camunda:versionTag="2.0"') }], { name: 'oa', source: 'pack' });
    t.clock.set(T0 + 2 * MIN);
    await t.engine.deploy([{ name: 'expense.bpmn', content: simple('fin-expense', 'Expense claim') }], { name: 'finance' });
  });
  afterAll(() => t.close());

  it('filters definitions by key pattern, name, version tag and latest version, and counts them', async () => {
    // when
    const oa = await t.engine.getDefinitions({ keyLike: 'oa-%' });
    const latest = await t.engine.getDefinitions({ latestOnly: true, sortBy: 'key', sortOrder: 'desc' });
    const tagged = await t.engine.getDefinitions({ versionTag: '2.0' });
    const untagged = await t.engine.countDefinitions({ withoutVersionTag: true });
    const byName = await t.engine.getDefinitions({ nameLike: '%claim%' });
    // then
    expect(oa.map((d) => [d.key, d.version])).toEqual([
      ['oa-leave', 1],
      ['oa-leave', 2],
    ]);
    expect(latest.map((d) => [d.key, d.version])).toEqual([
      ['oa-leave', 2],
      ['fin-expense', 1],
    ]);
    expect(tagged).toMatchObject([{ key: 'oa-leave', version: 2, versionTag: '2.0', historyTimeToLive: null }]);
    expect(untagged).toBe(2);
    expect(byName.map((d) => d.key)).toEqual(['fin-expense']);
    expect(await t.engine.countDefinitions({ keys: ['oa-leave', 'fin-expense'], version: 1 })).toBe(2);
  });

  it('sorts and pages definitions', async () => {
    // when
    const page = await t.engine.getDefinitions({ sortBy: 'deployTime', sortOrder: 'desc', first: 1, max: 1 });
    // then
    expect(page.map((d) => [d.key, d.version])).toEqual([['oa-leave', 2]]);
  });

  it('filters deployments by source and time, sorts and counts them', async () => {
    // when
    const fromPack = await t.engine.getDeployments({ source: 'pack', sortBy: 'deploymentTime', sortOrder: 'desc' });
    const after = await t.engine.getDeployments({ after: new Date(T0) });
    const before = await t.engine.countDeployments({ before: new Date(T0 + 2 * MIN) });
    const noSource = await t.engine.countDeployments({ withoutSource: true });
    // then
    expect(fromPack.map((d) => d.deploymentTime.getTime())).toEqual([T0 + MIN, T0]);
    expect(after.map((d) => d.name)).toEqual(['oa', 'finance']);
    expect(before).toBe(2);
    expect(noSource).toBe(1);
  });

  it('deletes one definition version: refused while instances run, with cascade they go too', async () => {
    // given
    const [v2] = await t.engine.getDefinitions({ key: 'oa-leave', version: 2 });
    const inst = await t.engine.startProcess('oa-leave');
    // when
    const refused = await t.engine.deleteDefinition(v2!.id).catch((e: unknown) => e);
    await t.engine.deleteDefinition(v2!.id, { cascade: true });
    // then
    expect(refused).toMatchObject({ code: 'LZ_ERR_DEFINITION_IN_USE', kind: 'conflict' });
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    expect((await t.engine.getDefinitions({ key: 'oa-leave' })).map((d) => d.version)).toEqual([1]);
    expect(await t.engine.getDeploymentResources(v2!.deploymentId)).toHaveLength(1);
    expect((await t.engine.startProcess('oa-leave')).definitionId).not.toBe(v2!.id);
    await expect(t.engine.deleteDefinition('no-such-definition')).rejects.toMatchObject({ code: 'LZ_ERR_DEFINITION_NOT_FOUND' });
  });

  it('compiles the start form fields of the none start event', async () => {
    // given
    const xml = bpmn(
      'with-form',
      `<startEvent id="s"><extensionElements><camunda:formData>
         <camunda:formField id="amount" label="Amount" type="long" defaultValue="100" />
         <camunda:formField id="kind" type="enum"><camunda:value id="a" name="Annual" /><camunda:value id="s" name="Sick" /></camunda:formField>
         <camunda:formField id="from" type="date" datePattern="dd/MM/yyyy" />
       </camunda:formData></extensionElements></startEvent>
       <sequenceFlow id="f" sourceRef="s" targetRef="e" /><endEvent id="e" />`,
    );
    const d = await t.engine.deploy([{ name: 'with-form.bpmn', content: xml }]);
    // when
    const model = await t.engine.getDefinitionModel(d.definitions[0]!.id);
    // then
    expect(model.startFormFields).toEqual([
      { id: 'amount', label: 'Amount', type: 'long', defaultValue: '100', datePattern: null, values: [] },
      { id: 'kind', label: null, type: 'enum', defaultValue: null, datePattern: null, values: [{ id: 'a', name: 'Annual' }, { id: 's', name: 'Sick' }] },
      { id: 'from', label: null, type: 'date', defaultValue: null, datePattern: 'dd/MM/yyyy', values: [] },
    ]);
  });
});
