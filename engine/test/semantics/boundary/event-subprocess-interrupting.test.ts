import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from '../events/leftovers.ts';

describe('interrupting event sub-processes (BPMN 2.0 §10.2.5)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'event-subprocess-interrupting.bpmn');
  });
  afterAll(() => t.close());

  /** the main flow is cancelled, no start event of the process listens any more, only `handler` is open */
  async function expectTakenOverBy(id: string, handler: string): Promise<void> {
    expect(await openTasks(t.engine, id)).toEqual([handler]);
    expect(await subs(t.engine, id)).toEqual([]);
    expect(await t.engine.getJobs({ processInstanceId: id })).toEqual([]);
    const acts = await t.engine.getHistoricActivities({ processInstanceId: id });
    const state = Object.fromEntries(acts.map((a) => [a.activityId, a.state]));
    expect(state.taskA).toBe('canceled');
    await complete(t.engine, id, handler);
    await expectGone(t.engine, id);
  }

  it('the start events listen while the process runs', async () => {
    const inst = await t.engine.startProcess('interrupted');
    expect(await subs(t.engine, inst.id)).toEqual(['message:abort@abortStart', 'signal:shutdown@shutdownStart']);
    const jobs = await t.engine.getJobs({ processInstanceId: inst.id });
    expect(jobs.map((j) => j.activityId)).toEqual(['timeoutStart']);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('message start: cancels the main flow and the other listeners', async () => {
    const inst = await t.engine.startProcess('interrupted', { businessKey: 'm' });
    await t.engine.correlateMessage('abort', { businessKey: 'm', variables: { why: 'customer' } });
    expect(await t.engine.getVariables(inst.id)).toMatchObject({ why: 'customer' });
    await expectTakenOverBy(inst.id, 'aborting');
  });

  it('timer start: fires when due', async () => {
    const inst = await t.engine.startProcess('interrupted');
    t.clock.advance(24 * 60 * 60_000);
    await t.engine.runDueJobs();
    await expectTakenOverBy(inst.id, 'timedOut');
  });

  it('signal start: fires in every running instance', async () => {
    const a = await t.engine.startProcess('interrupted');
    const b = await t.engine.startProcess('interrupted');
    expect(await t.engine.broadcastSignal('shutdown')).toBe(2);
    await expectTakenOverBy(a.id, 'shuttingDown');
    await expectTakenOverBy(b.id, 'shuttingDown');
  });

  it('error start: catches an error end of the main flow', async () => {
    const inst = await t.engine.startProcess('interrupted', { variables: { outcome: 'error' } });
    await complete(t.engine, inst.id, 'taskB');
    await expectTakenOverBy(inst.id, 'repair');
  });

  it('escalation start: catches an escalation end of the main flow', async () => {
    const inst = await t.engine.startProcess('interrupted', { variables: { outcome: 'escalate' } });
    await complete(t.engine, inst.id, 'taskB');
    await expectTakenOverBy(inst.id, 'bossTakesOver');
  });
});
