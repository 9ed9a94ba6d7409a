import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

/** Which version a call activity starts (Camunda calledElementBinding: latest | version | deployment). */
describe('call activity bindings', () => {
  let t: TestEngine;
  const childOf = async (parentId: string) => {
    const [child] = await t.engine.getHistoricInstances({ superProcessInstanceId: parentId });
    const [task] = await t.engine.getTasks({ processInstanceId: child!.id });
    return { child: child!, taskKey: task?.taskDefinitionKey };
  };
  beforeAll(async () => {
    t = await createTestEngine();
    // deployment 1: the callers and callee v1; deployment 2: callee v2
    await deployFixture(t.engine, import.meta.url, 'callee-v1.bpmn', 'bindings.bpmn');
    await deployFixture(t.engine, import.meta.url, 'callee-v2.bpmn');
  });
  afterAll(() => t.close());

  it('by default the latest version', async () => {
    const parent = await t.engine.startProcess('callLatest');
    const { child, taskKey } = await childOf(parent.id);
    expect(taskKey).toBe('v2Task');
    const [latest] = await t.engine.getDefinitions({ key: 'callee', latestOnly: true });
    expect(latest?.version).toBe(2);
    expect(child.definitionId).toBe(latest?.id);
  });

  it('calledElementBinding="version" with an expression picks that version', async () => {
    const parent = await t.engine.startProcess('callVersion', { variables: { wanted: 1 } });
    expect((await childOf(parent.id)).taskKey).toBe('v1Task');
  });

  it('calledElementBinding="deployment" picks the version deployed with the caller', async () => {
    const parent = await t.engine.startProcess('callDeployment');
    expect((await childOf(parent.id)).taskKey).toBe('v1Task');
  });

  it('a called process that does not exist: LZ_ERR_CALLED_PROCESS_NOT_FOUND and nothing is stored', async () => {
    await expect(t.engine.startProcess('callMissing', { variables: { target: 'nobody' } })).rejects.toMatchObject({ code: 'LZ_ERR_CALLED_PROCESS_NOT_FOUND' });
    expect(await t.engine.getHistoricInstances({ processDefinitionKey: 'callMissing' })).toEqual([]);
  });

  it('the called element may be an expression', async () => {
    const parent = await t.engine.startProcess('callMissing', { variables: { target: 'callee' } });
    expect((await childOf(parent.id)).taskKey).toBe('v2Task');
  });
});
