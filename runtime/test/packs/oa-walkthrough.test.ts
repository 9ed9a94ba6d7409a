import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { waitUntil } from '../plugins/wait-until.ts';
import { demo, expectFiled, installPacks } from './packs-setup.ts';

/**
 * OA requests from start to end through the employee API: start forms, approve / reject
 * through /api/tasks/:id/act (docs/approvals.md), the cashier's and purchasing's forms, and the
 * document record the publishing process writes.
 */
describe('OA requests from start to end', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await installPacks(t);
    t.app.plugins.start();
  });
  afterAll(() => t.close());

  async function start(user: string, key: string, values: Record<string, unknown>): Promise<string> {
    const res = await t.request(demo(user), { method: 'POST', url: `/api/forms/start/${key}`, payload: { values } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().processInstanceId as string;
    await expectFiled(t, id);
    return id;
  }

  /** the open tasks of the instance, waiting for plugin tasks in between */
  const open = (id: string, activity: string) =>
    waitUntil(`${activity} of ${id}`, async () => {
      const tasks = await t.app.engine.getTasks({ processInstanceId: id, taskDefinitionKey: activity });
      return tasks.length > 0 ? tasks : undefined;
    });

  async function act(user: string, taskId: string, body: Record<string, unknown>): Promise<void> {
    const res = await t.request(demo(user), { method: 'POST', url: `/api/tasks/${taskId}/act`, payload: body });
    expect(res.statusCode, res.body).toBe(200);
  }

  /** the instance has ended, in this end event */
  async function endedAt(id: string, endEvent: string): Promise<void> {
    await waitUntil(`${id} to end`, async () => (await t.app.engine.getProcessInstance(id)) === null);
    const acts = await t.app.engine.getHistoricActivities({ processInstanceId: id });
    expect(acts.map((a) => a.activityId)).toContain(endEvent);
  }

  it('oa-leave of 5 days: the manager, then one of HR, approve', async () => {
    // given
    const id = await start('hu.jun', 'oa-leave', { leaveType: 'annual', startDate: '2026-03-02', endDate: '2026-03-06', days: 5, reason: '回老家探亲' });
    // when
    const [m] = await open(id, 'managerApproval');
    await act('ma.chao', m!.id, { action: 'approve', comment: '同意' });
    const hr = await open(id, 'hrApproval');
    expect(hr.map((x) => x.assignee).sort()).toEqual(['chen.jing', 'li.na']);
    await act('li.na', hr.find((x) => x.assignee === 'li.na')!.id, { action: 'approve' });
    // then: or-sign — one approval decides
    await endedAt(id, 'approved');
  });

  it('oa-leave: a rejection needs a comment and returns the request to the initiator', async () => {
    // given
    const id = await start('wu.lei', 'oa-leave', { leaveType: 'personal', startDate: '2026-03-02', endDate: '2026-03-02', days: 1, reason: '家中有事' });
    const [m] = await open(id, 'managerApproval');
    // when: without a comment
    const bare = await t.request(demo('wang.fang'), { method: 'POST', url: `/api/tasks/${m!.id}/act`, payload: { action: 'reject' } });
    // then
    expect(bare.statusCode).toBe(400);
    // when: with one — the step returns the request to the initiator (lz.rejectPolicy=initiator)
    await act('wang.fang', m!.id, { action: 'reject', comment: '本周项目上线，请改期' });
    // then
    const [back] = await open(id, 'resubmit');
    expect(back!.assignee).toBe('wu.lei');
  });

  it('oa-expense: manager, finance (half of them), then the cashier pays', async () => {
    // given
    const id = await start('zhou.jie', 'oa-expense', { expenseType: 'transport', lines: [{ spentOn: '2026-02-10', item: '打车', amount: 56 }], payeeAccount: '6222000011112222' });
    // when
    await act('wang.fang', (await open(id, 'managerApproval'))[0]!.id, { action: 'approve' });
    const finance = await open(id, 'financeCheck');
    expect(finance.map((x) => x.assignee).sort()).toEqual(['liu.yang', 'yang.fan']);
    await act('yang.fan', finance.find((x) => x.assignee === 'yang.fan')!.id, { action: 'approve' });
    const [pay] = await open(id, 'payment');
    expect(pay!.candidateGroups).toEqual(['cashier']);
    const form = await t.request(demo('huang.li'), { method: 'GET', url: `/api/forms/task/${pay!.id}?locale=en` });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json().values).toMatchObject({ total: 56, payeeAccount: '6222000011112222' });
    await t.app.engine.claimTask(pay!.id, 'huang.li');
    const paid = await t.request(demo('huang.li'), { method: 'POST', url: `/api/forms/task/${pay!.id}/submit`, payload: { values: { paidOn: '2026-02-20', paymentRef: 'PAY-0001' } } });
    expect(paid.statusCode, paid.body).toBeLessThan(300);
    // then
    await endedAt(id, 'paid');
  });

  it('oa-purchase-request above 50,000: department head, finance (fills the budget code), general manager, purchasing', async () => {
    // given
    const id = await start('hu.jun', 'oa-purchase-request', { subject: '测试服务器', category: 'it', lines: [{ item: '服务器', quantity: 2, unitPrice: 30000 }] });
    // when
    await act('sun.hao', (await open(id, 'deptHeadApproval'))[0]!.id, { action: 'approve' });
    const [f] = await open(id, 'financeApproval');
    await act('liu.yang', f!.id, { action: 'approve', values: { budgetCode: 'IT-2026-01' } });
    const [gm] = await open(id, 'gmApproval');
    expect(gm!.assignee).toBe('wang.qiang');
    const gmForm = await t.request(demo('wang.qiang'), { method: 'GET', url: `/api/forms/task/${gm!.id}` });
    expect(gmForm.json().permissions.budgetCode).toBe('readonly');
    await act('wang.qiang', gm!.id, { action: 'approve' });
    // then
    const [handover] = await open(id, 'purchasingHandover');
    expect(handover!.candidateGroups).toEqual(['purchasing']);
    expect((await t.app.engine.getVariables(id)).budgetCode).toBe('IT-2026-01');
  });

  it('oa-document-publish: approved, the document is published as version 1; a new version becomes version 2', async () => {
    // given: a new document
    const id = await start('guo.ting', 'oa-document-publish', { title: '测试规范', category: 'manual', content: '第一版', readers: ['employee'] });
    const [review] = await open(id, 'deptHeadApproval');
    const documentId = (await t.app.engine.getVariables(id)).documentId as string;
    // when
    await act('sun.hao', review!.id, { action: 'approve' });
    await endedAt(id, 'published');
    // then
    const v1 = await t.request(demo('zhou.jie'), { method: 'GET', url: `/api/entities/document/${documentId}` });
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json().data).toMatchObject({ title: '测试规范', content: '第一版', status: 'published', revision: 1, publishedBy: 'guo.ting' });
    // when: a new version of it; the published one stays until approved
    const next = await start('guo.ting', 'oa-document-publish', { title: '测试规范', category: 'manual', content: '第二版', readers: ['employee'], documentId });
    await open(next, 'deptHeadApproval');
    expect((await t.admin({ method: 'GET', url: `/api/entities/document/${documentId}` })).json().data).toMatchObject({ content: '第一版', revision: 1 });
    await act('sun.hao', (await open(next, 'deptHeadApproval'))[0]!.id, { action: 'approve' });
    await endedAt(next, 'published');
    // then
    expect((await t.admin({ method: 'GET', url: `/api/entities/document/${documentId}` })).json().data).toMatchObject({ content: '第二版', revision: 2, status: 'published' });
    // and an employee may read it but not change it
    const read = await t.request(demo('zhou.jie'), { method: 'GET', url: `/api/entities/document/${documentId}` });
    expect(read.statusCode).toBe(200);
    const write = await t.request(demo('zhou.jie'), { method: 'PATCH', url: `/api/entities/document/${documentId}`, headers: { 'if-match': String(read.headers.etag) }, payload: { content: 'x' } });
    expect(write.statusCode).toBe(403);
  });

  it('oa-document-publish: a company policy also needs the general manager; a new version of no document ends at once', async () => {
    // when: a policy
    const id = await start('lin.feng', 'oa-document-publish', { title: '考勤制度', category: 'policy', content: '上班时间 9:00', readers: ['employee'] });
    await act('sun.hao', (await open(id, 'deptHeadApproval'))[0]!.id, { action: 'approve' });
    // then
    expect((await open(id, 'gmApproval'))[0]!.assignee).toBe('wang.qiang');
    // when: a version of a document that does not exist
    const none = await start('lin.feng', 'oa-document-publish', { title: 'x', category: 'notice', content: 'x', readers: ['employee'], documentId: 'no-such-document' });
    // then
    await endedAt(none, 'noSuchDocument');
  });
});
