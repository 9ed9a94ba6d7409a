import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// Every way a request starts gets its number and title: the start form (/api/forms/start)
// numbers before the start (lzSerialNo, lzTitle, the business key); a message or signal start
// is numbered after the fact from the engine's process-instance.started event.
// A bad pattern is refused when a start asks for a number (400, nothing started), not at deploy:
// the deployment stays plain Camunda BPMN and the designer checks the pattern as it is typed.

const leaveForm = JSON.stringify({
  id: 'leave-form',
  type: 'default',
  schemaVersion: 16,
  components: [
    { id: 'F_days', type: 'number', key: 'days', label: 'Days', validate: { required: true } },
    { id: 'F_reason', type: 'textfield', key: 'reason', label: 'Reason' },
  ],
});

function processXml(key: string, props: Record<string, string>, start = '<bpmn:startEvent id="s" camunda:formRef="leave-form" camunda:initiator="initiator" />', defs = ''): string {
  const p = Object.entries(props)
    .map(([k, v]) => `<camunda:property name="${k}" value="${v}" />`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
  ${defs}
  <bpmn:process id="${key}" name="请假" isExecutable="true">
    ${p ? `<bpmn:extensionElements><camunda:properties>${p}</camunda:properties></bpmn:extensionElements>` : ''}
    ${start}
    <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
    <bpmn:userTask id="t" camunda:assignee="zhang.wei" />
  </bpmn:process>
</bpmn:definitions>`;
}

describe('numbers on every start path', () => {
  let t: TestApp;
  let emp: { id: string; password: string };
  beforeAll(async () => {
    t = await createTestApp();
    emp = await t.user('zhang.wei');
    await t.app.identity.updateUser('zhang.wei', { firstName: '张', lastName: '伟', email: null });
    await t.app.engine.deploy([
      { name: 'leave.form', content: leaveForm },
      { name: 'leave.bpmn', content: processXml('leave', { 'lz.serialPattern': 'QJ-{seq4}', 'lz.titleTemplate': '{initiator} {processName} {days} 天 {serialNo} {nothing}' }) },
      { name: 'titled.bpmn', content: processXml('titled', { 'lz.titleTemplate': '{reason}' }) },
      { name: 'broken.bpmn', content: processXml('broken', { 'lz.serialPattern': 'B-{seq}' }) },
      {
        name: 'by-message.bpmn',
        content: processXml('byMessage', { 'lz.serialPattern': 'MS-{yyyy}-{seq3}', 'lz.titleTemplate': '{processName} {item}' }, '<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>', '<bpmn:message id="m" name="order-placed" />'),
      },
      { name: 'by-signal.bpmn', content: processXml('bySignal', { 'lz.serialPattern': 'SG{seq2}' }, '<bpmn:startEvent id="s"><bpmn:signalEventDefinition signalRef="g" /></bpmn:startEvent>', '<bpmn:signal id="g" name="go" />') },
    ]);
  });
  afterAll(() => t.close());

  const submit = (key: string, payload: object) => t.request(emp, { method: 'POST', url: `/api/forms/start/${key}`, payload });
  const heading = async (id: string) => (await t.admin({ method: 'GET', url: `/api/requests/${id}/timeline` })).json().instance as { businessKey: string | null; serialNo: string | null; title: string | null };

  it('the start form: number and title as variables, the number as business key, a given business key kept', async () => {
    // when
    const first = await submit('leave', { values: { days: 3 } });
    const second = await submit('leave', { values: { days: 1 }, businessKey: 'my-key' });
    // then
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const a = first.json().processInstanceId as string;
    const b = second.json().processInstanceId as string;
    expect(await t.app.engine.getVariables(a)).toMatchObject({ lzSerialNo: 'QJ-0001', lzTitle: '张 伟 请假 3 天 QJ-0001' });
    expect(await heading(a)).toMatchObject({ businessKey: 'QJ-0001', serialNo: 'QJ-0001', title: '张 伟 请假 3 天 QJ-0001' });
    expect(await heading(b)).toMatchObject({ businessKey: 'my-key', serialNo: 'QJ-0002', title: '张 伟 请假 1 天 QJ-0002' });
    const started = (await t.request(emp, { method: 'GET', url: '/api/inbox?tab=started' })).json().items as { processInstanceId: string; serialNo: string | null }[];
    expect(started.find((i) => i.processInstanceId === b)?.serialNo).toBe('QJ-0002');
  });

  it('a title without a pattern: a title, no number, no business key', async () => {
    // when
    const res = await submit('titled', { values: { days: 2, reason: '  回老家   过年 ' } });
    // then
    const id = res.json().processInstanceId as string;
    expect(await heading(id)).toMatchObject({ businessKey: null, serialNo: null, title: '回老家 过年' });
    expect(await t.app.engine.getVariables(id)).not.toHaveProperty('lzSerialNo');
  });

  it('a bad pattern on the start form is a 400 and starts nothing', async () => {
    // when
    const res = await submit('broken', { values: { days: 2 } });
    // then
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('{seq}');
    expect(await t.app.engine.countHistoricInstances({ processDefinitionKey: 'broken' })).toBe(0);
  });

  it('message and signal starts are numbered after the fact; their business key stays', async () => {
    // when
    const [m1] = await t.app.engine.correlateMessage('order-placed', { businessKey: 'order-7', variables: { item: '打印机' } });
    const [m2] = await t.app.engine.correlateMessage('order-placed', { variables: { item: '纸' } });
    await t.app.engine.broadcastSignal('go');
    await t.app.lateNumbers.idle();
    // then
    const year = (await t.app.engine.getHistoricInstances({ processInstanceId: m1!.processInstanceId }))[0]!.startTime.getFullYear();
    const got = [await heading(m1!.processInstanceId), await heading(m2!.processInstanceId)];
    expect(got).toEqual([
      expect.objectContaining({ businessKey: 'order-7', title: '请假 打印机' }),
      expect.objectContaining({ businessKey: null, title: '请假 纸' }),
    ]);
    expect(got.map((h) => h.serialNo).sort()).toEqual([`MS-${year}-001`, `MS-${year}-002`]);
    const [signalled] = await t.app.engine.getHistoricInstances({ processDefinitionKey: 'bySignal' });
    expect((await heading(signalled!.id)).serialNo).toBe('SG01');
  });

  it('a start form start is not numbered twice by the after-the-fact listener', async () => {
    // when
    const res = await submit('leave', { values: { days: 5 } });
    await t.app.lateNumbers.idle();
    // then the counter moved once
    expect((await heading(res.json().processInstanceId)).serialNo).toBe('QJ-0003');
    const next = await submit('leave', { values: { days: 5 } });
    expect((await heading(next.json().processInstanceId)).serialNo).toBe('QJ-0004');
  });
});
