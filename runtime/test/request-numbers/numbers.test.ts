import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSerialPattern, renderTitle } from '../../src/services/request-numbers/index.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// Request numbers and titles (docs/approvals.md, lz.serialPattern / lz.titleTemplate): never
// repeated even with concurrent starts, the business key by default, on the timeline and inbox.

function processXml(key: string, props: Record<string, string>): string {
  const p = Object.entries(props)
    .map(([k, v]) => `<camunda:property name="${k}" value="${v}" />`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
  <bpmn:process id="${key}" name="请假" isExecutable="true">
    ${p ? `<bpmn:extensionElements><camunda:properties>${p}</camunda:properties></bpmn:extensionElements>` : ''}
    <bpmn:startEvent id="s" camunda:initiator="initiator" />
    <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
    <bpmn:userTask id="t" camunda:assignee="\${initiator}" />
  </bpmn:process>
</bpmn:definitions>`;
}

describe('the pattern and the template', () => {
  const at = new Date(2026, 11, 7, 9, 30);
  it('formats the date parts and the counter, and restarts per period', () => {
    const p = parseSerialPattern('QJ-{yyyyMMdd}-{seq4}');
    expect(p.format(at, 7)).toBe('QJ-20261207-0007');
    expect(p.period(at)).toBe('20261207');
    expect(p.period(new Date(2026, 11, 8))).toBe('20261208');
    expect(parseSerialPattern('{yy}{MM}/{seq2}').format(at, 123)).toBe('2612/123');
    expect(parseSerialPattern('N{seq3}').period(at)).toBe('');
  });

  it('refuses unknown tokens, a missing or second counter, unmatched braces', () => {
    for (const bad of ['QJ-{date}-{seq4}', 'QJ-{yyyy}', '{seq2}{seq3}', 'QJ-{seq4', '{seq0}', '{seq13}']) {
      expect(() => parseSerialPattern(bad), bad).toThrow(/lz.serialPattern/);
    }
  });

  it('fills the title from the initiator, the number and the start variables', () => {
    const t = renderTitle('{initiator} 的请假申请 {days} 天 ({serialNo}) {missing}', { initiator: '张伟', processName: '请假', serialNo: 'QJ-1', variables: { days: 3 } });
    expect(t).toBe('张伟 的请假申请 3 天 (QJ-1)');
    expect([...renderTitle('{x}', { initiator: '', processName: '', serialNo: null, variables: { x: '长'.repeat(500) } })]).toHaveLength(200);
  });
});

describe('numbers on start', () => {
  let t: TestApp;
  let emp: { id: string; password: string };
  beforeAll(async () => {
    t = await createTestApp();
    emp = await t.user('zhang.wei');
    await t.app.identity.updateUser('zhang.wei', { firstName: '张伟', lastName: null, email: null });
    await t.app.engine.deploy([
      { name: 'leave.bpmn', content: processXml('leave', { 'lz.serialPattern': 'QJ-{yyyyMMdd}-{seq4}', 'lz.titleTemplate': '{initiator} 的请假申请 {days} 天' }) },
      { name: 'plain.bpmn', content: processXml('plain', {}) },
      { name: 'broken.bpmn', content: processXml('broken', { 'lz.serialPattern': 'X-{nope}-{seq2}' }) },
    ]);
  });
  afterAll(() => t.close());

  const start = (key: string, body: object = {}) => t.request(emp, { method: 'POST', url: `/engine-rest/process-definition/key/${key}/start`, payload: body });

  it('gives 50 concurrent starts 50 different numbers, in one run of the counter', async () => {
    // when
    const res = await Promise.all(Array.from({ length: 50 }, () => start('leave', { variables: { days: { value: 2, type: 'Integer' } } })));
    // then
    expect(res.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    const keys = res.map((r) => r.json().businessKey as string);
    // the day the server drew them on (not the test's own clock reading)
    const prefix = keys[0]!.slice(0, 'QJ-yyyyMMdd-'.length);
    expect(prefix).toMatch(/^QJ-\d{8}-$/);
    expect(new Set(keys).size).toBe(50);
    expect(keys.map((k) => k.slice(prefix.length)).sort()).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1).padStart(4, '0')));
    expect(keys.every((k) => k.startsWith(prefix))).toBe(true);
  });

  it('shows the number and title on the timeline and in the inbox; a given business key stays', async () => {
    const r = await start('leave', { businessKey: 'mine-1', variables: { days: { value: 3, type: 'Integer' } } });
    const id = r.json().id as string;
    expect(r.json().businessKey).toBe('mine-1');
    const tl = (await t.request(emp, { method: 'GET', url: `/api/requests/${id}/timeline` })).json();
    expect(tl.instance.serialNo).toMatch(/^QJ-\d{8}-0051$/);
    expect(tl.instance.title).toBe('张伟 的请假申请 3 天');
    const todo = (await t.request(emp, { method: 'GET', url: '/api/inbox?tab=todo&limit=200' })).json();
    expect(todo.items.find((i: { processInstanceId: string }) => i.processInstanceId === id)).toMatchObject({ serialNo: tl.instance.serialNo, title: tl.instance.title });
    expect((await t.app.engine.getVariables(id)).lzSerialNo).toBe(tl.instance.serialNo);
  });

  it('a process without a pattern gets no number; a bad pattern is a 400 and starts nothing', async () => {
    const plain = await start('plain');
    expect(plain.json().businessKey).toBeNull();
    const tl = (await t.request(emp, { method: 'GET', url: `/api/requests/${plain.json().id}/timeline` })).json();
    expect([tl.instance.serialNo, tl.instance.title]).toEqual([null, null]);
    const before = await t.app.engine.countHistoricInstances({ processDefinitionKey: 'broken' });
    const broken = await start('broken');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toContain('unknown token {nope}');
    expect(await t.app.engine.countHistoricInstances({ processDefinitionKey: 'broken' })).toBe(before);
  });
});
