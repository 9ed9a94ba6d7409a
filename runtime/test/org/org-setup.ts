import { expect } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';

/**
 * A small company, made through the API:
 *   hq (head: ceo) ─ sales (head: sam) ─ sales-east (no head)
 *                  └ finance (head: fay)
 * erin is in sales-east (no explicit manager), sam heads sales, ed is in sales with explicit manager fay.
 */
export async function seedCompany(t: TestApp): Promise<void> {
  for (const id of ['ceo', 'sam', 'erin', 'ed', 'fay']) await t.user(id);
  const dept = async (payload: Record<string, unknown>) => {
    const r = await t.admin({ method: 'POST', url: '/api/org/departments', payload });
    expect(r.statusCode, r.body).toBe(201);
  };
  await dept({ id: 'hq', name: 'Headquarters', headUserId: 'ceo' });
  await dept({ id: 'sales', name: 'Sales', parentId: 'hq', headUserId: 'sam' });
  await dept({ id: 'sales-east', name: 'Sales East', parentId: 'sales' });
  await dept({ id: 'finance', name: 'Finance', parentId: 'hq', headUserId: 'fay' });
  await putProfile(t, 'ceo', { departmentId: 'hq', managerId: null, title: 'CEO' });
  await putProfile(t, 'sam', { departmentId: 'sales', managerId: null, title: 'Head of Sales' });
  await putProfile(t, 'erin', { departmentId: 'sales-east', managerId: null, title: null });
  await putProfile(t, 'ed', { departmentId: 'sales', managerId: 'fay', title: null });
  await putProfile(t, 'fay', { departmentId: 'finance', managerId: null, title: null });
}

export async function putProfile(t: TestApp, id: string, payload: Record<string, unknown>): Promise<void> {
  const r = await t.admin({ method: 'PUT', url: `/api/org/users/${id}`, payload });
  expect(r.statusCode, r.body).toBe(200);
}

export async function deploy(t: TestApp, name: string, xml: string): Promise<void> {
  await t.app.engine.deploy([{ name, content: xml }]);
}

/** a one-user-task process; `attrs` go on the user task, `extra` inside it */
export function userTaskProcess(key: string, attrs: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start" camunda:initiator="initiator" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:userTask id="task" name="Approve" ${attrs}>${extra}</bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
