import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { deploy, seedCompany, userTaskProcess } from './org-setup.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedCompany(t);
  // a business role: an identity group of type ROLE
  await t.admin({ method: 'POST', url: '/engine-rest/group/create', payload: { id: 'finance', name: 'Finance role', type: 'ROLE' } });
  for (const u of ['fay', 'ed']) await t.admin({ method: 'PUT', url: `/engine-rest/group/finance/members/${u}` });
});
afterAll(async () => t.close());

const tasksOf = (processInstanceId: string) => t.app.engine.getTasks({ processInstanceId });

describe('org functions in deployed models', () => {
  it('assignee ${manager(initiator)}: the manager of whoever started it (camunda:initiator)', async () => {
    // given
    await deploy(t, 'manager.bpmn', userTaskProcess('org-manager', 'camunda:assignee="${manager(initiator)}"'));
    // when: erin (sales-east, no explicit manager) and ed (explicit manager fay) start it;
    // camunda:initiator="initiator" on the start event puts the start user's id in `initiator`
    const byErin = await t.app.engine.startProcess('org-manager', { startUserId: 'erin' });
    const byEd = await t.app.engine.startProcess('org-manager', { startUserId: 'ed' });
    // then
    expect((await tasksOf(byErin.id)).map((x) => x.assignee)).toEqual(['sam']);
    expect((await tasksOf(byEd.id)).map((x) => x.assignee)).toEqual(['fay']);
  });

  it('the second level: ${manager(initiator, 2)}', async () => {
    await deploy(t, 'manager2.bpmn', userTaskProcess('org-manager2', 'camunda:assignee="${manager(initiator, 2)}"'));
    const inst = await t.app.engine.startProcess('org-manager2', { startUserId: 'erin' });
    expect((await tasksOf(inst.id)).map((x) => x.assignee)).toEqual(['ceo']);
  });

  it('FEEL assignee =deptHead("sales")', async () => {
    await deploy(t, 'head.bpmn', userTaskProcess('org-head', 'camunda:assignee="=deptHead(&quot;sales&quot;)"'));
    const inst = await t.app.engine.startProcess('org-head');
    expect((await tasksOf(inst.id)).map((x) => x.assignee)).toEqual(['sam']);
  });

  it("candidateUsers ${usersWithRole('finance')}", async () => {
    await deploy(t, 'role.bpmn', userTaskProcess('org-role', `camunda:candidateUsers="\${usersWithRole('finance')}"`));
    const inst = await t.app.engine.startProcess('org-role');
    const [task] = await tasksOf(inst.id);
    expect(task?.assignee).toBeNull();
    expect(task?.candidateUsers).toEqual(['ed', 'fay']);
    // and the candidates find it in their task list
    const fay = await t.request({ id: 'fay', password: 'fay-password-1' }, { method: 'GET', url: `/engine-rest/task?candidateUser=fay&processInstanceId=${inst.id}` });
    expect(fay.statusCode, fay.body).toBe(200);
    expect(fay.json()).toHaveLength(1);
  });

  it("a multi-instance over ${usersInDept('sales')}: one task per member of sales and the departments below", async () => {
    await deploy(
      t,
      'dept.bpmn',
      userTaskProcess(
        'org-dept',
        'camunda:assignee="${seller}"',
        `<bpmn:multiInstanceLoopCharacteristics camunda:collection="\${usersInDept('sales')}" camunda:elementVariable="seller" />`,
      ),
    );
    const inst = await t.app.engine.startProcess('org-dept');
    expect((await tasksOf(inst.id)).map((x) => x.assignee).sort()).toEqual(['ed', 'erin', 'sam']);
  });

  it('a wrong argument fails the start with an expression error', async () => {
    // given
    await deploy(t, 'bad.bpmn', userTaskProcess('org-bad', 'camunda:assignee="${manager(42)}"'));
    // when
    const r = await t.admin({ method: 'POST', url: '/engine-rest/process-definition/key/org-bad/start', payload: {} });
    // then: nothing started
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/manager/);
    expect(await t.app.engine.countProcessInstances({ processDefinitionKey: 'org-bad' })).toBe(0);
  });
});
