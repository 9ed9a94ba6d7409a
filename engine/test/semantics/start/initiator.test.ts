import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda 7: camunda:initiator on the start event names the variable that receives the id of
// the authenticated user who starts the instance
describe('camunda:initiator', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'initiator.bpmn');
  });
  afterAll(() => t.close());

  it('sets the named variable to the starting user', async () => {
    // when
    const inst = await t.engine.startProcess('initiated', { startUserId: 'erin' });
    // then
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(task?.assignee).toBe('erin');
    expect((await t.engine.getVariables(inst.id)).requester).toBe('erin');
  });

  it('lets an explicit variable win, and sets nothing without a user', async () => {
    // when
    const given = await t.engine.startProcess('initiated', { startUserId: 'erin', variables: { requester: 'frank' } });
    const anonymous = await t.engine.startProcess('initiated', { variables: { requester: 'gina' } });
    // then
    expect((await t.engine.getTasks({ processInstanceId: given.id }))[0]?.assignee).toBe('frank');
    expect((await t.engine.getTasks({ processInstanceId: anonymous.id }))[0]?.assignee).toBe('gina');
  });
});
