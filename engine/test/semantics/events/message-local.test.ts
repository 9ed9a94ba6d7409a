import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda's MessageCorrelationBuilder.localVariableEquals / setVariablesLocal, and
// signalEventReceived(name, executionId): delivery to one execution.

const PARCEL = bpmn(
  'parcel',
  `<startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="fork" />
   <parallelGateway id="fork" />
   <sequenceFlow id="f1" sourceRef="fork" targetRef="waitA" /><sequenceFlow id="f2" sourceRef="fork" targetRef="waitB" />
   <receiveTask id="waitA" messageRef="m"><extensionElements><camunda:inputOutput>
     <camunda:inputParameter name="slot">A</camunda:inputParameter>
     <camunda:outputParameter name="gotA">\${note}</camunda:outputParameter>
   </camunda:inputOutput></extensionElements></receiveTask>
   <receiveTask id="waitB" messageRef="m"><extensionElements><camunda:inputOutput>
     <camunda:inputParameter name="slot">B</camunda:inputParameter>
   </camunda:inputOutput></extensionElements></receiveTask>
   <sequenceFlow id="f3" sourceRef="waitA" targetRef="afterA" /><userTask id="afterA" />
   <sequenceFlow id="f4" sourceRef="waitB" targetRef="afterB" /><userTask id="afterB" />`,
  '<message id="m" name="arrived" />',
);
const ALARM = bpmn(
  'alarm',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="ring" />
   <intermediateCatchEvent id="ring"><signalEventDefinition signalRef="sig" /></intermediateCatchEvent>
   <sequenceFlow id="f2" sourceRef="ring" targetRef="t" /><userTask id="t" />`,
  '<signal id="sig" name="fire" />',
);

describe('message with local keys and variables; signal to one execution', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await t.engine.deploy([
      { name: 'parcel.bpmn', content: PARCEL },
      { name: 'alarm.bpmn', content: ALARM },
    ]);
  });
  afterAll(() => t.close());

  const activities = async (id: string) => (await t.engine.getExecutions(id)).filter((e) => e.kind !== 'process').map((e) => e.activityId).sort();

  it('local correlation keys pick the execution whose own variables match; local variables land on it', async () => {
    // given: two receive tasks wait for the same message, told apart by their local 'slot'
    const inst = await t.engine.startProcess('parcel');
    // when
    const [r] = await t.engine.correlateMessage('arrived', { processInstanceId: inst.id, localCorrelationKeys: { slot: 'A' }, localVariables: { note: 'left at door' } });
    // then: only waitA moved on; its output mapping saw the local variable, which did not leak
    expect(r).toMatchObject({ resultType: 'Execution', processInstanceId: inst.id });
    expect(await activities(inst.id)).toEqual(['afterA', 'waitB']);
    const vars = await t.engine.getVariables(inst.id);
    expect(vars).toMatchObject({ gotA: 'left at door' });
    expect(vars).not.toHaveProperty('note');
  });

  it('local correlation keys that match nothing correlate to nothing', async () => {
    const inst = await t.engine.startProcess('parcel');
    await expect(t.engine.correlateMessage('arrived', { processInstanceId: inst.id, localCorrelationKeys: { slot: 'C' } })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
    expect(await activities(inst.id)).toEqual(['waitA', 'waitB']);
  });

  it('a signal to one execution wakes only that one', async () => {
    // given
    const a = await t.engine.startProcess('alarm');
    const b = await t.engine.startProcess('alarm');
    const execA = (await t.engine.getExecutions(a.id)).find((e) => e.activityId === 'ring')!;
    // when
    const n = await t.engine.broadcastSignal('fire', { by: 'hand' }, { executionId: execA.id });
    // then
    expect(n).toBe(1);
    expect(await activities(a.id)).toEqual(['t']);
    expect(await activities(b.id)).toEqual(['ring']);
    expect(await t.engine.getVariables(a.id)).toMatchObject({ by: 'hand' });
  });

  it('a signal to an execution that does not wait for it, or does not exist, is refused', async () => {
    const a = await t.engine.startProcess('alarm');
    await expect(t.engine.broadcastSignal('other', {}, { executionId: (await t.engine.getExecutions(a.id)).find((e) => e.activityId === 'ring')!.id })).rejects.toMatchObject({
      code: 'LZ_ERR_EXECUTION_NOT_WAITING',
    });
    await expect(t.engine.broadcastSignal('fire', {}, { executionId: 'nope' })).rejects.toMatchObject({ code: 'LZ_ERR_EXECUTION_NOT_FOUND' });
    expect(await activities(a.id)).toEqual(['ring']);
  });
});
