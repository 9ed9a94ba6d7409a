import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// the compiled model keeps what the runtime reads without the XML: camunda:properties of a user
// task (simple mode marks approval steps with lz.approval, contract D) and the process's documentation
describe('the compiled model keeps extension properties and documentation', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
  });
  afterAll(() => t.close());

  it('a user task has its camunda:properties; the process its documentation', async () => {
    // given
    const { definitions } = await t.engine.deploy([{ name: 'approval-step.bpmn', content: fixture(import.meta.url, 'approval-step.bpmn') }]);
    // when
    const model = await t.engine.getDefinitionModel(definitions[0]!.id);
    // then
    expect(model.nodes.get('approve')!.properties).toEqual({ 'lz.approval': 'true', 'lz.mode': 'any' });
    expect(model.nodes.get('note')!.properties).toEqual({});
    expect(model.documentation).toBe('Ask your manager to approve a purchase.');
  });
});
