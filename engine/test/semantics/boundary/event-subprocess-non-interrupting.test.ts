import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture, deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, subs } from '../events/leftovers.ts';

const HOUR = 60 * 60_000;
const LISTENING = ['message:status-query@queryStart', 'signal:audit@auditStart'];

describe('non-interrupting event sub-processes (BPMN 2.0 §10.2.5)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'event-subprocess-non-interrupting.bpmn');
  });
  afterAll(() => t.close());

  it('message start: runs beside the main flow, each message once more, and keeps listening', async () => {
    // given
    const inst = await t.engine.startProcess('listening', { businessKey: 'q' });
    // when
    await t.engine.correlateMessage('status-query', { businessKey: 'q' });
    await t.engine.correlateMessage('status-query', { businessKey: 'q' });
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['answerQuery', 'answerQuery', 'main']);
    expect(await subs(t.engine, inst.id)).toEqual(LISTENING);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('the process waits for a running non-interrupting event sub-process before it completes', async () => {
    // given
    const inst = await t.engine.startProcess('listening', { variables: { hint: false } });
    await t.engine.correlateMessage('status-query', { processInstanceId: inst.id });
    // when: the main flow ends
    await complete(t.engine, inst.id, 'main');
    // then: the instance is still there, for the event sub-process
    expect(await t.engine.getProcessInstance(inst.id)).not.toBeNull();
    expect(await openTasks(t.engine, inst.id)).toEqual(['answerQuery']);
    const [hist0] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist0!.endTime).toBeNull();
    // when
    await complete(t.engine, inst.id, 'answerQuery');
    // then
    await expectGone(t.engine, inst.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist!.state).toBe('COMPLETED');
  });

  it('timer start with a cycle: fires at each step of the cycle beside the main flow', async () => {
    // given
    const inst = await t.engine.startProcess('listening');
    // when
    for (let i = 0; i < 3; i++) {
      t.clock.advance(HOUR);
      await t.engine.runDueJobs();
    }
    // then: R2 fires twice
    expect(await openTasks(t.engine, inst.id)).toEqual(['hourlyCheck', 'hourlyCheck', 'main']);
    expect(await t.engine.getJobs({ processInstanceId: inst.id })).toEqual([]);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('signal start: runs beside the main flow', async () => {
    const inst = await t.engine.startProcess('listening');
    await t.engine.broadcastSignal('audit');
    expect(await openTasks(t.engine, inst.id)).toEqual(['auditLog', 'main']);
    expect(await subs(t.engine, inst.id)).toEqual(LISTENING);
    await t.engine.deleteProcessInstance(inst.id);
    await expectGone(t.engine, inst.id);
  });

  it('escalation start: the thrower goes on beside the event sub-process', async () => {
    // given
    const inst = await t.engine.startProcess('listening', { variables: { hint: true } });
    // when
    await complete(t.engine, inst.id, 'main');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['afterHint', 'readHint']);
    await complete(t.engine, inst.id, 'afterHint');
    expect(await openTasks(t.engine, inst.id)).toEqual(['readHint']);
    await complete(t.engine, inst.id, 'readHint');
    await expectGone(t.engine, inst.id);
  });

  it('an event sub-process of a sub-process listens only while the sub-process is active', async () => {
    // given
    const inst = await t.engine.startProcess('scoped');
    // then: not yet
    expect(await subs(t.engine, inst.id)).toEqual([]);
    await expect(t.engine.correlateMessage('sub-note', { processInstanceId: inst.id })).rejects.toMatchObject({ code: 'LZ_ERR_MESSAGE_NOT_CORRELATED' });
    // when the sub-process starts
    await complete(t.engine, inst.id, 'before');
    expect(await subs(t.engine, inst.id)).toEqual(['message:sub-note@noteStart']);
    await t.engine.correlateMessage('sub-note', { processInstanceId: inst.id });
    expect(await openTasks(t.engine, inst.id)).toEqual(['readNote', 'subTask']);
    // when the sub-process's main flow ends, the sub-process waits for its event sub-process
    await complete(t.engine, inst.id, 'subTask');
    expect(await openTasks(t.engine, inst.id)).toEqual(['readNote']);
    await complete(t.engine, inst.id, 'readNote');
    // then: the sub-process completed and nothing listens any more
    expect(await openTasks(t.engine, inst.id)).toEqual(['after']);
    expect(await subs(t.engine, inst.id)).toEqual([]);
    await complete(t.engine, inst.id, 'after');
    await expectGone(t.engine, inst.id);
  });

  it('an error start event cannot be non-interrupting: refused at deployment (BPMN 2.0 §10.5.2, Camunda parser)', async () => {
    const body = `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="u" /><userTask id="u" />
      <subProcess id="esp" triggeredByEvent="true">
        <startEvent id="es" isInterrupting="false"><errorEventDefinition /></startEvent>
        <sequenceFlow id="f2" sourceRef="es" targetRef="ee" /><endEvent id="ee" />
      </subProcess>`;
    await expect(deployInline(t.engine, 'nonInterruptingError', body)).rejects.toMatchObject({ code: 'LZ_ERR_DEPLOY_INVALID' });
  });
});
