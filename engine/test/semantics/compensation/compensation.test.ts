import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

/** Compensation (BPMN 2.0 §10.7): handlers of completed activities run when compensation is thrown. */
describe('compensation with boundary events and handlers', () => {
  let t: TestEngine;
  const keys = async (id: string) => (await t.engine.getTasks({ processInstanceId: id })).map((x) => x.taskDefinitionKey);
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'compensation.bpmn');
  });
  afterAll(() => t.close());

  it('nothing is compensated when no compensation is thrown', async () => {
    const inst = await t.engine.startProcess('trip', { variables: { log: [], mode: 'none' } });
    expect(await keys(inst.id)).toEqual(['done']);
    expect((await t.engine.getVariables(inst.id)).log).toEqual(['hotel', 'flight']);
  });

  it('a throw without activityRef runs every handler, newest completion first', async () => {
    // when
    const inst = await t.engine.startProcess('trip', { variables: { log: [], mode: 'all' } });
    // then
    expect((await t.engine.getVariables(inst.id)).log).toEqual(['hotel', 'flight', 'undoFlight', 'undoHotel']);
    expect(await keys(inst.id)).toEqual(['afterCompensation']);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
    const handlers = (await t.engine.getHistoricActivities({ processInstanceId: inst.id })).filter((a) => a.activityId.startsWith('undo'));
    expect(handlers.map((a) => [a.activityId, a.state])).toEqual([
      ['undoFlight', 'completed'],
      ['undoHotel', 'completed'],
    ]);
  });

  it('a throw with activityRef runs only that activity\'s handler', async () => {
    const inst = await t.engine.startProcess('trip', { variables: { log: [], mode: 'hotel' } });
    expect((await t.engine.getVariables(inst.id)).log).toEqual(['hotel', 'flight', 'undoHotel']);
    expect(await keys(inst.id)).toEqual(['afterCompensation']);
  });

  it('the throw waits until its handler user tasks are completed', async () => {
    // given
    const inst = await t.engine.startProcess('tripManual');
    // then: both handlers run, the newest first; the throw event waits
    expect(await keys(inst.id)).toEqual(['cancelCar', 'cancelRoom']);
    expect((await t.engine.getExecutions(inst.id)).find((e) => e.activityId === 'undoAll')?.state).toBe('waiting');
    // when
    const [car, room] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(car!.id);
    // then
    expect(await keys(inst.id)).toEqual(['cancelRoom']);
    // when
    await t.engine.completeTask(room!.id);
    // then
    expect(await keys(inst.id)).toEqual(['afterUndo']);
    expect((await t.engine.getExecutions(inst.id)).map((e) => e.activityId).sort()).toEqual(['afterUndo', 'tripManual']);
  });

  it('a multi-instance activity is compensated once per completed iteration', async () => {
    const inst = await t.engine.startProcess('miBook', { variables: { log: [], seats: ['1A', '1B', '1C'] } });
    expect(inst.ended).toBe(true);
    const logs = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'log' });
    expect(logs.at(-1)?.value).toEqual(['book 1A', 'book 1B', 'book 1C', 'free', 'free', 'free']);
    expect(await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'freeSeat' })).toHaveLength(3);
  });

  it('deleting an instance with a handler running cleans everything up', async () => {
    const inst = await t.engine.startProcess('tripManual');
    await t.engine.deleteProcessInstance(inst.id);
    expect(await t.engine.getTasks({ processInstanceId: inst.id })).toEqual([]);
    expect(await t.engine.getExecutions(inst.id)).toEqual([]);
    expect(await t.engine.getEventSubscriptions({ processInstanceId: inst.id })).toEqual([]);
  });
});
