import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { waitUntil } from '../plugins/wait-until.ts';
import { demo, expectFiled, installPacks } from './packs-setup.ts';

/**
 * Each OA process, started by a demo employee through its start form: the instance starts and
 * its first approval step is open for the approvers the org chart gives.
 */
describe('the OA processes start from their start forms', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await installPacks(t);
    // the document process creates its record through the entity plugin
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

  /** the open tasks of one step, with who they wait for */
  async function step(instanceId: string, activity: string) {
    const tasks = await waitUntil(`step ${activity}`, async () => {
      const found = await t.app.engine.getTasks({ processInstanceId: instanceId, taskDefinitionKey: activity });
      return found.length > 0 ? found : undefined;
    });
    return tasks.map((x) => ({ assignee: x.assignee, candidateGroups: x.candidateGroups })).sort((a, b) => String(a.assignee).localeCompare(String(b.assignee)));
  }

  it('shows a start form in Chinese, and in English for locale en', async () => {
    // when
    const zh = await t.request(demo('zhou.jie'), { method: 'GET', url: '/api/forms/start/oa-expense' });
    const en = await t.request(demo('zhou.jie'), { method: 'GET', url: '/api/forms/start/oa-expense?locale=en' });
    // then
    type C = { key?: string; path?: string; label?: string; dateLabel?: string; values?: { label: string }[]; components?: C[] };
    const labels = (cs: C[]): string[] => cs.flatMap((c) => [c.label ?? c.dateLabel ?? '', ...(c.values ?? []).map((v) => v.label), ...labels(c.components ?? [])]).filter(Boolean);
    expect(labels(zh.json().form.components)).toEqual(expect.arrayContaining(['报销类别', '差旅费', '费用明细', '金额（元）', '收款账号']));
    expect(labels(en.json().form.components)).toEqual(expect.arrayContaining(['Kind of expense', 'Travel', 'Expense lines', 'Amount (CNY)', 'Bank account']));
  });

  it('oa-leave: the direct manager approves first', async () => {
    // given: hu.jun (R&D) reports to ma.chao
    // when
    const id = await start('hu.jun', 'oa-leave', { leaveType: 'annual', startDate: '2026-03-02', endDate: '2026-03-06', days: 5, reason: '回老家探亲', handover: 'guo.ting' });
    // then
    expect(await step(id, 'managerApproval')).toEqual([{ assignee: 'ma.chao', candidateGroups: [] }]);
    const vars = await t.app.engine.getVariables(id);
    expect(vars).toMatchObject({ initiator: 'hu.jun', days: 5, leaveType: 'annual' });
  });

  it('oa-expense: the lines are summed into total and the manager approves first', async () => {
    // given: zhou.jie (sales) reports to wang.fang
    const lines = [
      { spentOn: '2026-02-10', item: '客户拜访打车', amount: 120.5, invoiceNo: 'INV-001' },
      { spentOn: '2026-02-11', item: '客户午餐', amount: 80 },
    ];
    // when
    const id = await start('zhou.jie', 'oa-expense', { expenseType: 'entertainment', lines, payeeAccount: '6222 0000 1111 2222', remarks: '' });
    // then
    expect(await step(id, 'managerApproval')).toEqual([{ assignee: 'wang.fang', candidateGroups: [] }]);
    expect((await t.app.engine.getVariables(id)).total).toBe(200.5);
  });

  it('oa-business-trip: the direct manager approves the trip with its cash advance', async () => {
    // given: wang.fang (sales) reports to zhang.wei
    // when
    const id = await start('wang.fang', 'oa-business-trip', {
      destination: '上海',
      purpose: '拜访客户，签订年度合同',
      startDate: '2026-04-01',
      endDate: '2026-04-03',
      days: 3,
      transport: 'train',
      needAdvance: true,
      advanceAmount: 3000,
    });
    // then
    expect(await step(id, 'managerApproval')).toEqual([{ assignee: 'zhang.wei', candidateGroups: [] }]);
    expect(await t.app.engine.getVariables(id)).toMatchObject({ needAdvance: true, advanceAmount: 3000 });
  });

  it('oa-purchase-request: the head of the initiator’s department approves first', async () => {
    // given: gao.xiang is in purchasing, whose head is he.ping
    const lines = [
      { item: '笔记本电脑', spec: '14 寸', quantity: 2, unitPrice: 5500 },
      { item: '显示器', quantity: 2, unitPrice: 1200 },
    ];
    // when
    const id = await start('gao.xiang', 'oa-purchase-request', { subject: '新员工电脑', category: 'it', lines, neededBy: '2026-05-01' });
    // then
    expect(await step(id, 'deptHeadApproval')).toEqual([{ assignee: 'he.ping', candidateGroups: [] }]);
    const vars = await t.app.engine.getVariables(id);
    expect(vars.total).toBe(13400);
    expect((vars.lines as { amount: number }[]).map((l) => l.amount)).toEqual([11000, 2400]);
  });

  it('oa-seal: every lawyer reviews at once (countersign)', async () => {
    // when
    const id = await start('wu.lei', 'oa-seal', { documentName: '年度销售合同', documentType: 'contract', sealType: 'contract', copies: 2, counterparty: '上海某某科技有限公司', contractAmount: 200000, purpose: '与客户签订年度合同' });
    // then: the legal role has zheng.shuang and xie.yun
    expect(await step(id, 'legalReview')).toEqual([
      { assignee: 'xie.yun', candidateGroups: [] },
      { assignee: 'zheng.shuang', candidateGroups: [] },
    ]);
  });

  it('oa-general: the approvers the initiator picked, one after another', async () => {
    // when
    const id = await start('lin.feng', 'oa-general', { subject: '申请参加技术大会', content: '申请参加 3 月的前端技术大会，费用约 2000 元。', amount: 2000, approvers: 'li.na, sun.hao' });
    // then: sequential — only the first one has a task
    expect(await step(id, 'pickedApprovers')).toEqual([{ assignee: 'li.na', candidateGroups: [] }]);
  });

  it('oa-general: approvers that are not user ids are refused with the field named', async () => {
    // when
    const res = await t.request(demo('lin.feng'), { method: 'POST', url: '/api/forms/start/oa-general', payload: { values: { subject: '测试', content: '内容', approvers: '李娜，孙浩' } } });
    // then
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('/approvers');
  });

  it('oa-document-publish: the draft record is created, then the department head reviews it', async () => {
    // given: guo.ting is in R&D, whose head is sun.hao
    // when
    const id = await start('guo.ting', 'oa-document-publish', { title: '测试规范 v1', category: 'manual', summary: '测试流程', content: '# 测试规范\n所有功能必须有自动化测试。', readers: ['employee'] });
    // then
    expect(await step(id, 'deptHeadApproval')).toEqual([{ assignee: 'sun.hao', candidateGroups: [] }]);
    const vars = await t.app.engine.getVariables(id);
    expect(vars.baseRevision).toBe(0);
    const record = await t.admin({ method: 'GET', url: `/api/entities/document/${String(vars.documentId)}` });
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json().data).toMatchObject({ title: '测试规范 v1', status: 'reviewing', revision: 0, author: 'guo.ting', readers: ['employee'] });
  });
});
