import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

/** zeebe:loopCharacteristics: inputCollection / inputElement / outputCollection / outputElement. */
describe('multi-instance with zeebe:loopCharacteristics', () => {
  let t: TestEngine;
  const tasks = (id: string, key?: string) => t.engine.getTasks({ processInstanceId: id, taskDefinitionKey: key });
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'zeebe-mi.bpmn');
  });
  afterAll(() => t.close());

  it('the output collection is in collection order, whatever order the instances complete in', async () => {
    // given
    const inst = await t.engine.startProcess('zCollect', { variables: { questions: ['q0', 'q1', 'q2'] } });
    const list = await tasks(inst.id, 'ask');
    const elements = await Promise.all(list.map((x) => t.engine.getVariables(inst.id, x.executionId)));
    expect(elements.map((v) => v.question)).toEqual(['q0', 'q1', 'q2']);
    // when: answered last to first, each answer local to its instance
    for (const x of [...list].reverse()) {
      const { question } = await t.engine.getVariables(inst.id, x.executionId);
      await t.engine.setVariables(inst.id, { answer: `A(${String(question)})` }, { executionId: x.executionId, local: true });
      await t.engine.completeTask(x.id);
    }
    // then
    expect((await tasks(inst.id)).map((x) => x.taskDefinitionKey)).toEqual(['after']);
    expect(await t.engine.getVariables(inst.id)).toEqual({ questions: ['q0', 'q1', 'q2'], answers: ['A(q0)', 'A(q1)', 'A(q2)'] });
  });

  it('sequential with a FEEL collection and output element', async () => {
    const inst = await t.engine.startProcess('zSequential');
    for (let i = 0; i < 3; i++) {
      const list = await tasks(inst.id, 'step');
      expect(list).toHaveLength(1);
      expect(await t.engine.getVariables(inst.id, list[0]!.executionId)).toEqual({ n: i + 1, loopCounter: i });
      await t.engine.completeTask(list[0]!.id);
    }
    expect(await t.engine.getProcessInstance(inst.id)).toBeNull();
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'squares' });
    expect(updates.filter((u) => u.scopeId === inst.id).at(-1)?.value).toEqual([1, 4, 9]);
  });

  it('input mappings of the inner activity see its input element and loopCounter', async () => {
    // when
    const inst = await t.engine.startProcess('zInputs', { variables: { items: [{ sku: 'A-1' }, { sku: 'B-2' }] } });
    // then
    const list = await tasks(inst.id, 'perItem');
    const locals = await Promise.all(list.map((x) => t.engine.getVariables(inst.id, x.executionId)));
    expect(locals.map((v) => [v.sku, v.position])).toEqual([
      ['A-1', 0],
      ['B-2', 1],
    ]);
  });
});
