import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeModel, ProcessModel } from '@liuzhuan/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { installPacks, OA_DIR } from './packs-setup.ts';

/**
 * The OA pack's files against the contracts they follow: docs/approvals.md for every approval
 * step, a laid-out diagram (bpmn-js shows it left to right, nothing on top of anything), and a
 * translation for every name and label.
 */
const read = (...p: string[]) => readFileSync(join(OA_DIR, ...p), 'utf8');
const json = <T>(...p: string[]) => JSON.parse(read(...p)) as T;
const bpmnFiles = readdirSync(join(OA_DIR, 'processes')).filter((f) => f.endsWith('.bpmn'));
const formFiles = readdirSync(join(OA_DIR, 'forms')).filter((f) => f.endsWith('.form'));
const HAN = /\p{Script=Han}/u;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
function shapes(xml: string): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const m of xml.matchAll(/<bpmndi:BPMNShape id="[^"]*" bpmnElement="([^"]+)"[^>]*>\s*<dc:Bounds x="(-?\d+)" y="(-?\d+)" width="(\d+)" height="(\d+)"/g)) {
    out.set(m[1]!, { x: Number(m[2]), y: Number(m[3]), w: Number(m[4]), h: Number(m[5]) });
  }
  return out;
}
function edges(xml: string): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  for (const m of xml.matchAll(/<bpmndi:BPMNEdge id="[^"]*" bpmnElement="([^"]+)">([\s\S]*?)<\/bpmndi:BPMNEdge>/g)) {
    out.set(m[1]!, [...m[2]!.matchAll(/<di:waypoint x="(-?\d+)" y="(-?\d+)"/g)].map((w) => [Number(w[1]), Number(w[2])]));
  }
  return out;
}
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const onBorder = ([x, y]: [number, number], b: Box) =>
  x >= b.x - 1 && x <= b.x + b.w + 1 && y >= b.y - 1 && y <= b.y + b.h + 1 && (Math.abs(x - b.x) <= 1 || Math.abs(x - b.x - b.w) <= 1 || Math.abs(y - b.y) <= 1 || Math.abs(y - b.y - b.h) <= 1);
const processProperties = (xml: string): Record<string, string> => {
  const head = /<bpmn:process\b[^>]*>([\s\S]*?)<bpmn:(?:startEvent|userTask)\b/.exec(xml)?.[1] ?? '';
  return Object.fromEntries([...head.matchAll(/<camunda:property name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
};

describe('the OA pack files', () => {
  let t: TestApp;
  const models = new Map<string, { model: ProcessModel; xml: string }>();

  beforeAll(async () => {
    t = await createTestApp();
    const report = await installPacks(t, { demo: false });
    for (const d of report.packs[0]!.definitions) {
      models.set(d.key, { model: await t.app.engine.getDefinitionModel(d.id), xml: read('processes', d.resourceName.split('/').pop()!) });
    }
  });
  afterAll(() => t.close());

  const approvalSteps = () => [...models.values()].flatMap(({ model }) => [...model.nodes.values()].filter((n) => n.properties['lz.approval'] === 'true').map((n) => ({ model, n })));

  it('has seven processes, keyed oa-<name>, each in its own file', () => {
    expect(bpmnFiles).toHaveLength(7);
    expect([...models.keys()].sort()).toEqual(['oa-business-trip', 'oa-document-publish', 'oa-expense', 'oa-general', 'oa-leave', 'oa-purchase-request', 'oa-seal']);
    for (const { model } of models.values()) expect(model.name).toMatch(HAN);
  });

  it('every approval step is a multi-instance user task over its approvers (docs/approvals.md)', () => {
    const steps = approvalSteps();
    expect(steps.length).toBeGreaterThanOrEqual(12);
    for (const { model, n } of steps) {
      const at = `${model.id}/${n.id}`;
      expect(n.type, at).toBe('userTask');
      expect(n.name, at).toMatch(HAN);
      expect(n.userTask?.assignee?.source, at).toBe('${approver}');
      expect(n.userTask?.formRef, at).toMatchObject({ key: expect.stringMatching(/^oa-/), binding: 'latest' });
      const loop = n.loop;
      expect(loop?.kind, at).toBe('multi');
      if (loop?.kind !== 'multi') continue;
      expect(loop.elementVariable, at).toBe('approver');
      expect(loop.collection?.source, at).toMatch(/^\$\{(managerOf|usersWithRole|initiatorDeptHead|userList|deptHeadOf|usersInDept)\(/);
      expect(loop.completionCondition?.source, at).toBe('=lzDecided = true');
      expect(loop.sequential, at).toBe(n.properties['lz.mode'] === 'sequential');
      expect(['all', 'any', 'sequential', 'ratio'], at).toContain(n.properties['lz.mode']);
      if (n.properties['lz.mode'] === 'ratio') expect(Number(n.properties['lz.passRatio']), at).toBeGreaterThan(0);
      for (const [k, allowed] of [
        ['lz.rejectPolicy', ['end', 'previous', 'initiator']],
        ['lz.commentRequired', ['never', 'reject', 'always']],
        ['lz.empty', ['autoApprove', 'autoReject', 'admin']],
        ['lz.source', ['users', 'role', 'deptHead', 'manager', 'initiatorDeptHead', 'initiatorPicks', 'previousPicks', 'formField']],
      ] as const) {
        if (n.properties[k] !== undefined) expect(allowed, `${at} ${k}`).toContain(n.properties[k]);
      }
      // then an exclusive gateway routes on approved
      expect(n.outgoing, at).toHaveLength(1);
      const gw = model.nodes.get(model.flows.get(n.outgoing[0]!)!.target)!;
      expect(gw.type, at).toBe('exclusiveGateway');
      expect(gw.outgoing.map((f) => model.flows.get(f)!.condition?.source).sort(), at).toEqual(['${!approved}', '${approved}']);
    }
  });

  it('the pack uses every approval mode and reject policy, a timeout that escalates, self-approval and required comments', () => {
    const props = approvalSteps().map(({ n }) => n.properties);
    expect(new Set(props.map((p) => p['lz.mode']))).toEqual(new Set(['all', 'any', 'sequential', 'ratio']));
    expect(new Set(props.map((p) => p['lz.rejectPolicy']))).toEqual(new Set(['end', 'previous', 'initiator']));
    expect(props.some((p) => /^P/.test(p['lz.timeout'] ?? '') && p['lz.timeoutAction'] === 'escalate')).toBe(true);
    expect(props.some((p) => p['lz.selfApprove'] === 'true')).toBe(true);
    expect(props.some((p) => p['lz.commentRequired'] === 'reject')).toBe(true);
    expect(props.some((p) => Object.keys(p).some((k) => k.startsWith('field:')))).toBe(true);
  });

  it('every process starts with the initiator and a start form, then the resubmit step', () => {
    for (const { model, xml } of models.values()) {
      expect(model.initiatorVariable, model.id).toBe('initiator');
      expect(model.startFormKey, model.id).toBe(`${model.id}-start`);
      expect(xml, model.id).toMatch(new RegExp(`<bpmn:startEvent [^>]*camunda:formRef="${model.id}-start" camunda:formRefBinding="latest"`));
      const start = model.nodes.get(model.noneStart!)!;
      expect(start.outgoing).toHaveLength(1);
      const next: NodeModel = model.nodes.get(model.flows.get(start.outgoing[0]!)!.target)!;
      expect(next.properties['lz.step'], model.id).toBe('resubmit');
      expect(next.userTask?.assignee?.source, model.id).toBe('${initiator}');
      expect(next.userTask?.formRef?.key, model.id).toBe(`${model.id}-start`);
    }
  });

  it('every process has its request number, title and withdraw rule', () => {
    for (const { model, xml } of models.values()) {
      const p = processProperties(xml);
      expect(p['lz.serialPattern'], model.id).toMatch(/^[A-Z]{2}-\{yyyyMMdd\}-\{seq4\}$/);
      expect(p['lz.titleTemplate'], model.id).toContain('{initiator}');
      expect(['untouched', 'always'], model.id).toContain(p['lz.withdraw']);
    }
    const prefixes = [...models.values()].map(({ xml }) => processProperties(xml)['lz.serialPattern']!.slice(0, 2));
    expect(new Set(prefixes).size).toBe(7);
    expect(processProperties(models.get('oa-leave')!.xml)).toMatchObject({ 'lz.serialPattern': 'QJ-{yyyyMMdd}-{seq4}', 'lz.titleTemplate': '{initiator} 的请假申请 {days} 天' });
  });

  it('every diagram is laid out: a shape per element, an edge per flow, left to right, nothing on top of anything', () => {
    for (const { model, xml } of models.values()) {
      const s = shapes(xml);
      const e = edges(xml);
      expect([...s.keys()].sort(), model.id).toEqual([...model.nodes.keys()].sort());
      expect([...e.keys()].sort(), model.id).toEqual([...model.flows.keys()].sort());
      const ids = [...s.keys()];
      for (const [i, a] of ids.entries()) {
        for (const b of ids.slice(i + 1)) {
          const attached = model.nodes.get(a)!.attachedTo === b || model.nodes.get(b)!.attachedTo === a;
          if (!attached) expect(overlap(s.get(a)!, s.get(b)!), `${model.id}: ${a} and ${b} overlap`).toBe(false);
        }
      }
      for (const f of model.flows.values()) {
        const pts = e.get(f.id)!;
        const from = s.get(f.source)!;
        const to = s.get(f.target)!;
        expect(pts.length, `${model.id}/${f.id}`).toBeGreaterThanOrEqual(2);
        expect(onBorder(pts[0]!, from), `${model.id}/${f.id} starts on ${f.source}`).toBe(true);
        expect(onBorder(pts.at(-1)!, to), `${model.id}/${f.id} ends on ${f.target}`).toBe(true);
        for (let i = 1; i < pts.length; i++) expect(pts[i]![0] === pts[i - 1]![0] || pts[i]![1] === pts[i - 1]![1], `${model.id}/${f.id} is orthogonal`).toBe(true);
        expect(to.x + to.w / 2, `${model.id}/${f.id} runs left to right`).toBeGreaterThanOrEqual(from.x + from.w / 2);
      }
    }
  });

  it('every form is a form-js form with an English label for every field, option and text', () => {
    const used = new Set([...models.values()].flatMap(({ xml }) => [...xml.matchAll(/camunda:formRef="([^"]+)"/g)].map((m) => m[1]!)));
    expect(formFiles).toHaveLength(17);
    for (const file of formFiles) {
      const form = json<{ id: string; schemaVersion: number; components: Record<string, unknown>[]; 'x-i18n': { en: Record<string, string | { label?: string; text?: string; values?: Record<string, string> }> } }>('forms', file);
      expect(form.id).toBe(file.replace(/\.form$/, ''));
      expect(used, `${file} is used by a process`).toContain(form.id);
      expect(form.schemaVersion).toBe(16);
      const en = form['x-i18n'].en;
      const walk = (components: Record<string, unknown>[]) => {
        for (const c of components) {
          if (Array.isArray(c.components)) walk(c.components as Record<string, unknown>[]);
          if (c.type === 'expression') continue;
          const name = (c.key ?? c.path ?? c.id) as string;
          const entry = en[name];
          expect(entry, `${file}: ${name} has an English label`).toBeDefined();
          const label = typeof entry === 'string' ? entry : (entry!.label ?? entry!.text);
          expect(label, `${file}: ${name}`).toBeTruthy();
          expect(label, `${file}: ${name} is English`).not.toMatch(HAN);
          expect(c.label ?? c.dateLabel ?? c.text, `${file}: ${name} is Chinese`).toMatch(HAN);
          if (Array.isArray(c.values)) {
            const values = typeof entry === 'object' ? entry.values : undefined;
            for (const o of c.values as { value: string }[]) expect(values?.[o.value], `${file}: ${name} option ${o.value}`).toBeTruthy();
          }
        }
      };
      walk(form.components);
    }
  });

  it('i18n/en.json and zh-CN.json name every process, step, event and flow of the models', () => {
    const pack = json<{ name: Record<string, string> }>('pack.json');
    for (const locale of ['en', 'zh-CN'] as const) {
      const file = json<{ locale: string; pack: { name: string }; processes: Record<string, { name: string; description: string; elements: Record<string, string> }>; departments: Record<string, string>; roles: Record<string, string> }>('i18n', `${locale}.json`);
      expect(file.locale).toBe(locale);
      expect(file.pack.name).toBe(pack.name[locale]);
      expect(Object.keys(file.processes).sort()).toEqual([...models.keys()].sort());
      for (const { model } of models.values()) {
        const p = file.processes[model.id]!;
        const named = [...model.nodes.values(), ...model.flows.values()].filter((x) => x.name);
        expect(Object.keys(p.elements).sort(), `${locale} ${model.id}`).toEqual(named.map((x) => x.id).sort());
        if (locale === 'zh-CN') {
          expect(p.name).toBe(model.name);
          expect(p.description).toBe(model.documentation);
          for (const x of named) expect(p.elements[x.id], `${model.id}/${x.id}`).toBe(x.name);
        } else {
          for (const text of [p.name, p.description, ...Object.values(p.elements)]) expect(text, model.id).not.toMatch(HAN);
        }
      }
      const seed = json<{ departments: { id: string }[]; roles: { id: string }[] }>('seed', 'org.json');
      expect(Object.keys(file.departments).sort()).toEqual(seed.departments.map((d) => d.id).sort());
      expect(Object.keys(file.roles).sort()).toEqual(seed.roles.map((r) => r.id).sort());
    }
  });

  it('the README describes every process, in Chinese and English', () => {
    const readme = read('README.md');
    for (const key of models.keys()) expect(readme).toContain(`\`${key}\``);
    expect(readme).toMatch(HAN);
    expect(readme).toContain('DEMO_PASSWORD');
  });
});
