import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ActivityInstance } from '@liuzhuan/engine';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

export type User = { id: string; password: string };

/** an approval step (docs/approvals.md): a multi-instance user task over `collection` */
export interface Step {
  id: string;
  name?: string;
  collection: string;
  sequential?: boolean;
  props?: Record<string, string>;
}

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function stepXml(s: Step): string {
  const props = { 'lz.approval': 'true', ...s.props };
  return `<bpmn:userTask id="${s.id}" name="${xmlAttr(s.name ?? s.id)}" camunda:assignee="\${approver}">
      <bpmn:extensionElements><camunda:properties>${Object.entries(props)
        .map(([k, v]) => `<camunda:property name="${k}" value="${xmlAttr(v)}" />`)
        .join('')}</camunda:properties></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics${s.sequential ? ' isSequential="true"' : ''} camunda:collection="${xmlAttr(s.collection)}" camunda:elementVariable="approver">
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=lzDecided = true</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>`;
}

export function definitions(processXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
${processXml}
</bpmn:definitions>`;
}

function processProps(props: Record<string, string> | undefined): string {
  if (!props) return '';
  return `<bpmn:extensionElements><camunda:properties>${Object.entries(props)
    .map(([k, v]) => `<camunda:property name="${k}" value="${xmlAttr(v)}" />`)
    .join('')}</camunda:properties></bpmn:extensionElements>`;
}

/**
 * start → (resubmit step) → step 1 → approved? → step 2 → approved? … → end; a reject routes
 * to the `rejected` end.
 */
export function chainProcess(key: string, steps: Step[], opts: { resubmit?: boolean; props?: Record<string, string> } = {}): string {
  const parts: string[] = [`<bpmn:startEvent id="start" camunda:initiator="initiator" />`];
  let prev = 'start';
  let n = 0;
  const flow = (from: string, to: string, cond?: string) =>
    parts.push(
      cond
        ? `<bpmn:sequenceFlow id="f${++n}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${xmlText(cond)}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="f${++n}" sourceRef="${from}" targetRef="${to}" />`,
    );
  if (opts.resubmit) {
    parts.push(`<bpmn:userTask id="resubmit" name="Resubmit" camunda:assignee="\${initiator}"><bpmn:extensionElements><camunda:properties><camunda:property name="lz.step" value="resubmit" /></camunda:properties></bpmn:extensionElements></bpmn:userTask>`);
    flow(prev, 'resubmit');
    prev = 'resubmit';
  }
  for (const s of steps) {
    parts.push(stepXml(s));
    flow(prev, s.id);
    parts.push(`<bpmn:exclusiveGateway id="${s.id}_ok" />`);
    flow(s.id, `${s.id}_ok`);
    flow(`${s.id}_ok`, 'rejected', '${!approved}');
    prev = `${s.id}_ok`;
  }
  parts.push(`<bpmn:endEvent id="rejected" name="Rejected" />`, `<bpmn:endEvent id="end" name="Approved" />`);
  parts.push(`<bpmn:sequenceFlow id="f_end" sourceRef="${prev}" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>`);
  if (steps.length === 0) throw new Error('a chain needs a step');
  return definitions(`  <bpmn:process id="${key}" isExecutable="true">${processProps(opts.props)}\n    ${parts.join('\n    ')}\n  </bpmn:process>`);
}

/**
 * start → s0 → split (parallel or inclusive) → [a1 → a2] and [b] → join → after → end. The
 * inclusive split takes both branches (conditions true).
 */
export function splitProcess(key: string, gateway: 'parallelGateway' | 'inclusiveGateway'): string {
  const cond = gateway === 'inclusiveGateway' ? '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${true}</bpmn:conditionExpression>' : '';
  return definitions(`  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start" camunda:initiator="initiator" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="s0" />
    ${stepXml({ id: 's0', name: 'Manager', collection: '${managerOf(initiator, 1)}' })}
    <bpmn:sequenceFlow id="f1" sourceRef="s0" targetRef="split" />
    <bpmn:${gateway} id="split" />
    <bpmn:sequenceFlow id="fa" sourceRef="split" targetRef="a1">${cond}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="fb" sourceRef="split" targetRef="b">${cond}</bpmn:sequenceFlow>
    ${stepXml({ id: 'a1', name: 'Branch A first', collection: '=["a"]' })}
    <bpmn:sequenceFlow id="fa2" sourceRef="a1" targetRef="a2" />
    ${stepXml({ id: 'a2', name: 'Branch A second', collection: '=["b"]' })}
    <bpmn:sequenceFlow id="fa3" sourceRef="a2" targetRef="join" />
    ${stepXml({ id: 'b', name: 'Branch B', collection: '=["c"]' })}
    <bpmn:sequenceFlow id="fb2" sourceRef="b" targetRef="join" />
    <bpmn:${gateway} id="join" />
    <bpmn:sequenceFlow id="f2" sourceRef="join" targetRef="after" />
    <bpmn:userTask id="after" name="After" camunda:assignee="hr" />
    <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`);
}

export interface Office {
  t: TestApp;
  users: Record<string, User>;
  get(user: string, url: string): Promise<LightMyRequestResponse>;
  post(user: string, url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** POST /api/tasks/:id/act as `user`, expecting `status` */
  act(user: string, taskId: string, body: Record<string, unknown>, status?: number): Promise<LightMyRequestResponse>;
  deploy(name: string, xml: string): Promise<void>;
  /** `emp` starts `key` */
  start(key: string, variables?: Record<string, unknown>, by?: string): Promise<string>;
  /** open tasks as "activity:assignee", sorted */
  open(instanceId: string): Promise<string[]>;
  task(instanceId: string, activityId: string, assignee?: string): Promise<{ id: string; assignee: string | null }>;
  /** the activity-instance tree as activity ids, nested: "id[child,child]" */
  tree(instanceId: string): Promise<string>;
  timeline(instanceId: string, as?: string): Promise<{ kind: string; action?: string; activityId: string | null; user: string | null; outcome: string | null; target?: string | null; message: string | null }[]>;
}

function brief(a: ActivityInstance): string {
  const kids = [...a.childActivityInstances.map(brief), ...a.childTransitionInstances.map((t) => `~${t.activityId}`)].sort();
  return kids.length ? `${a.activityId}[${kids.join(',')}]` : a.activityId;
}

/**
 * The company: emp works in dept ops, whose head is mgr; mgr reports to boss; a, b, c, x are
 * approvers; hr; emp2 another employee.
 */
export async function openOffice(): Promise<Office> {
  const t = await createTestApp();
  const users: Record<string, User> = {};
  for (const id of ['emp', 'emp2', 'mgr', 'boss', 'a', 'b', 'c', 'x', 'hr']) users[id] = await t.user(id);
  users.admin = { id: 'admin', password: 'admin-secret-1' };
  const admin = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const r = await t.admin({ method, url, payload });
    expect(r.statusCode, r.body).toBeLessThan(300);
  };
  await admin('POST', '/api/org/departments', { id: 'top', name: 'Top', headUserId: 'boss' });
  await admin('POST', '/api/org/departments', { id: 'ops', name: 'Ops', parentId: 'top', headUserId: 'mgr' });
  for (const id of ['emp', 'emp2', 'a', 'b', 'c', 'x', 'hr']) await admin('PUT', `/api/org/users/${id}`, { departmentId: 'ops', managerId: null, title: null });
  await admin('PUT', '/api/org/users/mgr', { departmentId: 'ops', managerId: 'boss', title: null });
  await admin('PUT', '/api/org/users/boss', { departmentId: 'top', managerId: null, title: null });
  const get = (user: string, url: string) => t.request(users[user]!, { method: 'GET', url });
  const post = (user: string, url: string, payload?: object) => t.request(users[user]!, { method: 'POST', url, ...(payload ? { payload } : {}) });
  const office: Office = {
    t,
    users,
    get,
    post,
    act: async (user, taskId, body, status = 200) => {
      const r = await post(user, `/api/tasks/${taskId}/act`, body);
      expect(r.statusCode, r.body).toBe(status);
      return r;
    },
    deploy: async (name, xml) => {
      await t.app.engine.deploy([{ name, content: xml }]);
    },
    start: async (key, variables = {}, by = 'emp') => (await t.app.engine.startProcess(key, { variables, startUserId: by })).id,
    open: async (id) => (await t.app.engine.getTasks({ processInstanceId: id })).map((x) => `${x.taskDefinitionKey}:${x.assignee}`).sort(),
    task: async (id, activityId, assignee) => {
      const tasks = (await t.app.engine.getTasks({ processInstanceId: id, taskDefinitionKey: activityId })).filter((x) => assignee === undefined || x.assignee === assignee);
      expect(tasks.length, `open ${activityId} tasks${assignee ? ` of ${assignee}` : ''}`).toBe(1);
      return tasks[0]!;
    },
    tree: async (id) => {
      const tree = await t.app.engine.getActivityTree(id);
      return tree ? brief(tree) : '(ended)';
    },
    timeline: async (id, as = 'emp') => {
      const r = await get(as, `/api/requests/${id}/timeline`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json().items;
    },
  };
  return office;
}
