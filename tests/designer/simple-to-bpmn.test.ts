/**
 * Simple mode's tree → BPMN (designer/src/simple/to-bpmn.ts, API contract D, docs/approvals.md):
 * the XML reads cleanly with bpmn-moddle, every element has its diagram shape, and the engine
 * deploys and runs each construct it emits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '@liuzhuan/engine';
import { toBpmn } from '../../designer/src/simple/to-bpmn.ts';
import type { SimpleTree } from '../../designer/src/simple/types.ts';
import { approver, branch, cc, condition, everyOptionTree, openEngine, propertiesOf, readBpmn, tree, vote } from './simple-fixtures.ts';

let engine: Engine;
let close: () => Promise<void>;
beforeAll(async () => ({ engine, close } = await openEngine()));
afterAll(async () => close());

let deployed = 0;
/** deploys the tree as a fresh process key, starts it as alice, returns the instance id */
async function run(t: SimpleTree, variables: Record<string, unknown> = {}): Promise<string> {
  const key = `simple-${++deployed}`;
  await engine.deploy([{ name: `${key}.bpmn`, content: toBpmn(t, { key, name: `Simple ${deployed}` }) }]);
  return (await engine.startProcess(key, { variables, startUserId: 'alice' })).id;
}

async function openTasks(pi: string) {
  return engine.getTasks({ processInstanceId: pi });
}

/** the one approver of a step decides it */
async function completeOnly(pi: string, activityId: string, approved: boolean) {
  const tasks = (await openTasks(pi)).filter((t) => t.taskDefinitionKey === activityId);
  expect(tasks, `one open task at ${activityId}`).toHaveLength(1);
  await vote(engine, tasks[0]!.id, approved, true);
  return tasks[0]!;
}

/** the end events the instance reached */
async function endsReached(pi: string): Promise<string[]> {
  const acts = await engine.getHistoricActivities({ processInstanceId: pi });
  return acts.filter((a) => a.activityType === 'noneEndEvent' || a.activityType === 'endEvent').map((a) => a.activityId);
}

async function ended(pi: string): Promise<boolean> {
  return (await engine.getProcessInstance(pi)) === null;
}

const everything = tree(
  [
    approver('A1', { kind: 'manager', value: '', level: 1 }, 'all', { formKey: 'approve-form' }),
    condition('C1', [
      branch('B1', 'amount > 1000', [approver('A2', { kind: 'role', value: 'finance' }, 'sequential'), cc('CC1', ['u1'])]),
      branch('B2', '${amount > 100}', [condition('C2', [branch('B4', 'urgent = true', [approver('A3', { kind: 'group', value: 'auditors' }, 'any')]), branch('B5', '', [], true)])]),
      branch('B3', '', [], true),
    ]),
    cc('CC2', ['u2', 'u3']),
  ],
  'start-form',
);

const everyOption = everyOptionTree('start-form');

describe.each([
  ['every construct', everything],
  ['every option', everyOption],
])('simple mode → BPMN XML: %s', (_, subject) => {
  it('reads without warnings, one process named by the key, every flow element drawn', async () => {
    // given
    const xml = toBpmn(subject, { key: 'oa-expense', name: 'Expense <claim> & "more"' });
    // when
    const { definitions, warnings } = await readBpmn(xml);
    // then
    expect(warnings).toEqual([]);
    const process = (definitions.rootElements as Array<Record<string, unknown>>)[0]!;
    expect(process).toMatchObject({ $type: 'bpmn:Process', id: 'oa-expense', name: 'Expense <claim> & "more"', isExecutable: true });
    const flowElements = process.flowElements as Array<{ id: string; $type: string }>;
    const plane = ((definitions.diagrams as Array<{ plane: { planeElement: Array<{ $type: string; bpmnElement: { id: string }; bounds?: Bounds }> } }>)[0]!).plane;
    const drawn = new Set(plane.planeElement.map((d) => d.bpmnElement.id));
    expect(flowElements.filter((e) => !drawn.has(e.id)).map((e) => e.id)).toEqual([]);
    expect(plane.planeElement).toHaveLength(flowElements.length);
  });

  it('lays shapes out without overlaps, top-down, each edge from its source to its target', async () => {
    // given
    const { definitions } = await readBpmn(toBpmn(subject, { key: 'k', name: 'n' }));
    // when
    const plane = ((definitions.diagrams as Array<{ plane: { planeElement: Array<Record<string, unknown>> } }>)[0]!).plane;
    const shapes = plane.planeElement.filter((d) => d.$type === 'bpmndi:BPMNShape') as Array<{ bpmnElement: { id: string }; bounds: Bounds }>;
    const edges = plane.planeElement.filter((d) => d.$type === 'bpmndi:BPMNEdge') as Array<{ bpmnElement: { sourceRef: { id: string }; targetRef: { id: string } }; waypoint: Point[] }>;
    // then: no two shapes overlap
    const overlaps: string[] = [];
    for (let i = 0; i < shapes.length; i++) {
      for (let j = i + 1; j < shapes.length; j++) if (intersect(shapes[i]!.bounds, shapes[j]!.bounds)) overlaps.push(`${shapes[i]!.bpmnElement.id}/${shapes[j]!.bpmnElement.id}`);
    }
    expect(overlaps).toEqual([]);
    // each edge starts on its source's border and ends on its target's
    const bounds = new Map(shapes.map((s) => [s.bpmnElement.id, s.bounds]));
    for (const e of edges) {
      const first = e.waypoint[0]!;
      const last = e.waypoint[e.waypoint.length - 1]!;
      expect(onBorder(first, bounds.get(e.bpmnElement.sourceRef.id)!), `${e.bpmnElement.sourceRef.id} →`).toBe(true);
      expect(onBorder(last, bounds.get(e.bpmnElement.targetRef.id)!), `→ ${e.bpmnElement.targetRef.id}`).toBe(true);
    }
    // the start is above everything, the end below
    const ys = shapes.map((s) => s.bounds.y);
    expect(bounds.get('StartEvent')!.y).toBe(Math.min(...ys));
    expect(bounds.get('EndEvent')!.y).toBe(Math.max(...ys));
  });

  it('the engine deploys it', async () => {
    // when
    const key = `simple-deploy-${++deployed}`;
    const r = await engine.deploy([{ name: `${key}.bpmn`, content: toBpmn(subject, { key, name: key }) }]);
    // then
    expect(r.definitions.map((d) => d.key)).toEqual([key]);
  });
});

describe('simple mode → BPMN XML', () => {
  it('the resubmit step has its own row between the start and the first step, assigned to the initiator', async () => {
    // given
    const { definitions } = await readBpmn(toBpmn(everyOption, { key: 'k', name: 'n', labels: { resubmit: '发起人修改' } }));
    const process = (definitions.rootElements as Array<{ flowElements: Array<Record<string, any>> }>)[0]!;
    const byId = new Map(process.flowElements.map((e) => [e.id as string, e]));
    const plane = ((definitions.diagrams as Array<{ plane: { planeElement: Array<{ bpmnElement: { id: string }; bounds?: Bounds }> } }>)[0]!).plane;
    const bounds = new Map(plane.planeElement.filter((d) => d.bounds).map((d) => [d.bpmnElement.id, d.bounds!]));
    // then
    const resubmit = byId.get('Resubmit')!;
    expect(resubmit).toMatchObject({ $type: 'bpmn:UserTask', name: '发起人修改', assignee: '${initiator}', formRef: 'start-form' });
    expect(propertiesOf(resubmit)).toEqual([['lz.step', 'resubmit']]);
    expect(resubmit.loopCharacteristics).toBeUndefined();
    expect(resubmit.incoming.map((f: { sourceRef: { id: string } }) => f.sourceRef.id)).toEqual(['StartEvent']);
    expect(resubmit.outgoing.map((f: { targetRef: { id: string } }) => f.targetRef.id)).toEqual(['P1']);
    const [start, row, first] = ['StartEvent', 'Resubmit', 'P1'].map((id) => bounds.get(id)!);
    expect(row!.y).toBeGreaterThanOrEqual(start!.y + start!.height);
    expect(first!.y).toBeGreaterThanOrEqual(row!.y + row!.height);
    expect(row!.x + row!.width / 2).toBe(start!.x + start!.width / 2);
  });

  it('writes the approver, cc and condition attributes of contract D', async () => {
    // given
    const { definitions } = await readBpmn(toBpmn(everything, { key: 'k', name: 'n', labels: { rejected: '已拒绝' } }));
    const byId = new Map(((definitions.rootElements as Array<{ flowElements: Array<Record<string, unknown>> }>)[0]!.flowElements).map((e) => [e.id as string, e]));
    // then
    expect(byId.get('StartEvent')).toMatchObject({ initiator: 'initiator', formRef: 'start-form' });
    const a1 = byId.get('A1')!;
    expect(a1).toMatchObject({ $type: 'bpmn:UserTask', assignee: '${approver}', formRef: 'approve-form' });
    expect(a1.loopCharacteristics).toMatchObject({ isSequential: false, collection: '${managerOf(initiator, 1)}', elementVariable: 'approver', completionCondition: { body: '=lzDecided = true' } });
    expect(propertiesOf(a1).slice(0, 3)).toEqual([['lz.approval', 'true'], ['lz.mode', 'all'], ['lz.source', 'manager']]);
    expect(byId.get('A2')!.loopCharacteristics).toMatchObject({ isSequential: true, collection: "${usersWithRole('finance')}", elementVariable: 'approver' });
    expect(byId.get('A3')).toMatchObject({ assignee: '${approver}' });
    expect(byId.get('A3')!.loopCharacteristics).toMatchObject({ isSequential: false, collection: "${usersWithRole('auditors')}" });
    expect(byId.get('CC2')).toMatchObject({ $type: 'bpmn:ServiceTask', type: 'external', topic: 'approval.cc' });
    expect(byId.get('A1_rejected')).toMatchObject({ $type: 'bpmn:EndEvent', name: '已拒绝' });
    const split = byId.get('C1') as { default: { id: string }; outgoing: Array<{ id: string; conditionExpression?: { body: string } }> };
    expect(split.outgoing.map((f) => f.conditionExpression?.body ?? null)).toEqual(['=amount > 1000', '${amount > 100}', null]);
    expect(split.default.id).toBe(split.outgoing[2]!.id);
    const result = byId.get('A1_result') as { default: { targetRef: { id: string } }; outgoing: Array<{ conditionExpression?: { body: string }; targetRef: { id: string } }> };
    expect(result.default.targetRef.id).toBe('C1');
    expect(result.outgoing.find((f) => f.conditionExpression)).toMatchObject({ conditionExpression: { body: '${approved == false}' }, targetRef: { id: 'A1_rejected' } });
  });
});

describe('simple mode → the engine runs it', () => {
  it('two approvers: the first approves, the second rejects → ends at the second one\'s rejected end', async () => {
    // given
    const pi = await run(tree([approver('First', { kind: 'user', value: 'bob' }), approver('Second', { kind: 'user', value: 'carol' })]));
    // when
    const first = await completeOnly(pi, 'First', true);
    const second = await completeOnly(pi, 'Second', false);
    // then
    expect([first.assignee, second.assignee]).toEqual(['bob', 'carol']);
    expect(await ended(pi)).toBe(true);
    expect(await endsReached(pi)).toEqual(['Second_rejected']);
  });

  it('two approvers who both approve → ends at the normal end', async () => {
    // given
    const pi = await run(tree([approver('First', { kind: 'user', value: 'bob' }), approver('Second', { kind: 'manager', value: '', level: 2 })]));
    // when
    await completeOnly(pi, 'First', true);
    const second = await completeOnly(pi, 'Second', true);
    // then: managerOf(initiator, 2) of alice is carol
    expect(second.assignee).toBe('carol');
    expect(await endsReached(pi)).toEqual(['EndEvent']);
  });

  it('a branch `amount > 1000` leads to the extra approver, the default branch past it', async () => {
    // given
    const t = tree([condition('Amount', [branch('Big', 'amount > 1000', [approver('Director', { kind: 'dept-head', value: 'sales' })]), branch('Other', '', [], true)])]);
    // when
    const big = await run(t, { amount: 5000 });
    const small = await run(t, { amount: 10 });
    // then
    const tasks = await openTasks(big);
    expect(tasks.map((x) => [x.taskDefinitionKey, x.assignee])).toEqual([['Director', 'sam']]);
    expect(await ended(small)).toBe(true);
    expect(await endsReached(small)).toEqual(['EndEvent']);
    // and the approved branch rejoins and ends normally
    await completeOnly(big, 'Director', true);
    expect(await endsReached(big)).toEqual(['EndEvent']);
  });

  it('a JUEL branch condition works the same', async () => {
    // given
    const t = tree([condition('Amount', [branch('Big', '${amount > 1000}', [approver('Director', { kind: 'user', value: 'dan' })]), branch('Other', '', [], true)])]);
    // when
    const pi = await run(t, { amount: 1001 });
    // then
    expect((await openTasks(pi)).map((x) => x.taskDefinitionKey)).toEqual(['Director']);
  });

  it('a cc node creates an external task of topic approval.cc with ccUsers', async () => {
    // given
    const pi = await run(tree([cc('Copy', ['u1', 'u2'])]));
    // when
    const locked = await engine.fetchAndLock('w1', 10, [{ topicName: 'approval.cc', lockDuration: 60_000, localVariables: true }]);
    // then
    const mine = locked.filter((t) => t.processInstanceId === pi);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ activityId: 'Copy', topicName: 'approval.cc' });
    expect(mine[0]!.variables.ccUsers).toBe('u1,u2');
    // and completing it ends the request
    await engine.completeExternalTask(mine[0]!.id, 'w1');
    expect(await endsReached(pi)).toEqual(['EndEvent']);
  });
});

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Point {
  x: number;
  y: number;
}

function intersect(a: Bounds, b: Bounds): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function onBorder(p: Point, b: Bounds): boolean {
  const inX = p.x >= b.x && p.x <= b.x + b.width;
  const inY = p.y >= b.y && p.y <= b.y + b.height;
  return inX && inY && (p.x === b.x || p.x === b.x + b.width || p.y === b.y || p.y === b.y + b.height);
}
