/// <reference lib="dom" />
// (callbacks passed to page.evaluate run in the browser)
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserMissing, type TrackedPage } from './harness/browser.ts';
import { demoUser } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';

/**
 * Issue 6, the OA pack: a business trip (出差申请, definitions/oa/processes/business-trip.bpmn)
 * from filing to the cash advance being paid, with one return in the middle, lived in the
 * Chinese UI by people of the demo organisation (definitions/oa/seed/org.json): the sales rep
 * 周杰 (zhou.jie) files it; his manager 王芳 (wang.fang) returns it to him with a comment; he
 * edits the amount and resubmits; she approves; the cashier 黄丽 (huang.li) pays the advance;
 * his request's page tells all of it and the request is complete. Every step is a click; the
 * steps share one server and run in order, each with its screenshots.
 */
const EMPLOYEE = demoUser('zhou.jie');
const MANAGER = demoUser('wang.fang');
const CASHIER = demoUser('huang.li');

describe.skipIf(browserMissing)('OA business trip in the browser', () => {
  const s = browserSuite({ packs: true });
  let instanceId = '';

  /** a watched page in the Chinese UI (as after choosing 中文 once: the choice is kept in localStorage) */
  async function zhPage(suite: string): Promise<TrackedPage> {
    const t = await s.page(suite);
    await t.context.addInitScript(() => localStorage.setItem('lz.locale', 'zh-CN'));
    return t;
  }
  /** a form-js field by its key (the viewer's ids end in -Field_<key>) */
  const field = (p: Page, key: string, suffix = '') => p.locator(`.fjs-form [id$="-Field_${key}${suffix}"]`);
  /** a date field: typed as the picker shows it (mm/dd/yyyy), then left */
  async function fillDate(p: Page, key: string, iso: string): Promise<void> {
    const [y, m, d] = iso.split('-');
    const input = field(p, key, '-date');
    await input.fill(`${m}/${d}/${y}`);
    await input.press('Enter');
    await p.keyboard.press('Escape');
    // the picker shows it without leading zeros
    await expect.poll(() => input.inputValue()).toBe(`${Number(m)}/${Number(d)}/${y}`);
  }
  /** opens my to-do item of this request at the given step, from the inbox */
  async function openFromInbox(t: TrackedPage, step: string): Promise<void> {
    const p = t.page;
    await p.getByTestId('tab-todo').click();
    const item = p.getByTestId('inbox-item').filter({ hasText: step });
    await item.waitFor();
    await t.shot('inbox');
    await item.getByRole('link').first().click();
    await p.waitForURL(/\/tasks\//);
    await p.getByTestId('task-actions').waitFor();
  }
  const openTasks = () => s.server.app.engine.getTasks({ processInstanceId: instanceId });

  it('the employee starts 出差申请 from the catalogue and files it with a cash advance', async () => {
    const t = await zhPage('oa-trip-1-file');
    const p = t.page;
    await signIn(p, s.server.url, EMPLOYEE, '/start');
    // given: the catalogue offers the OA pack's processes, in Chinese
    const entry = p.locator('[data-testid="catalogue-item"][data-key="oa-business-trip"]');
    await entry.waitFor();
    expect(await entry.textContent()).toContain('出差申请');
    for (const key of ['oa-leave', 'oa-expense', 'oa-purchase-request', 'oa-seal', 'oa-general', 'oa-document-publish']) {
      expect(await p.locator(`[data-testid="catalogue-item"][data-key="${key}"]`).count(), key).toBe(1);
    }
    await t.shot('catalogue');
    // when: the start form, filled in
    await entry.getByRole('link').first().click();
    await field(p, 'destination').waitFor();
    await field(p, 'destination').fill('上海');
    await field(p, 'purpose').fill('拜访华东区客户，洽谈年度框架协议');
    await fillDate(p, 'startDate', '2026-03-09');
    await fillDate(p, 'endDate', '2026-03-11');
    await field(p, 'days').fill('3');
    await p.locator('.fjs-form [id$="-Field_transport-display"]').click();
    await p.locator('.fjs-dropdownlist-item', { hasText: '高铁/火车' }).click();
    // the amount shows only once an advance is asked for
    expect(await field(p, 'advanceAmount').count()).toBe(0);
    await field(p, 'needAdvance').check();
    await field(p, 'advanceAmount').fill('3000');
    await t.shot('start-form');
    await p.getByTestId('start-submit').click();
    // then: the request's page, numbered and titled by the pack's patterns
    await p.waitForURL(/\/requests\//);
    instanceId = decodeURIComponent(new URL(p.url()).pathname.split('/').pop()!);
    await p.getByTestId('timeline-item').first().waitFor();
    await expect.poll(() => p.getByTestId('request-title').textContent()).toBe('周杰 的出差申请：上海');
    expect(await p.getByTestId('request-serial').textContent()).toMatch(/CC-\d{8}-0001/);
    await t.shot('filed');
    expect(await s.server.app.engine.getVariables(instanceId)).toMatchObject({ destination: '上海', days: 3, transport: 'train', needAdvance: true, advanceAmount: 3000, initiator: 'zhou.jie' });
    // the resubmit step passed by itself; the manager has the approval
    expect((await openTasks()).map((x) => [x.taskDefinitionKey, x.assignee])).toEqual([['managerApproval', 'wang.fang']]);
  });

  it('the manager opens it from the inbox and returns it to the initiator with a comment', async () => {
    const t = await zhPage('oa-trip-2-return');
    const p = t.page;
    await signIn(p, s.server.url, MANAGER, '/inbox');
    await openFromInbox(t, '直属主管审批');
    // given: the filed values, read only
    await expect.poll(() => field(p, 'destination').inputValue()).toBe('上海');
    expect(await field(p, 'destination').isEditable()).toBe(false);
    // when: 退回 → 发起人, with a comment
    await p.getByTestId('action-return').click();
    const target = p.getByTestId('return-target');
    expect(await target.locator('option').allTextContents()).toContain('发起人');
    await target.selectOption({ label: '发起人' });
    await p.getByTestId('task-comment').fill('借款金额偏高，请按三天的标准重新核算');
    await t.shot('return');
    await p.getByTestId('action-confirm').click();
    // then: back in the inbox; the request waits at zhou.jie's resubmit step
    await p.waitForURL(/\/inbox/);
    await t.shot('returned');
    expect((await openTasks()).map((x) => [x.taskDefinitionKey, x.assignee])).toEqual([['resubmit', 'zhou.jie']]);
  });

  it('the employee finds the returned request in the inbox, lowers the amount and resubmits', async () => {
    const t = await zhPage('oa-trip-3-resubmit');
    const p = t.page;
    await signIn(p, s.server.url, EMPLOYEE, '/inbox');
    await openFromInbox(t, '修改并重新提交');
    // given: the start form with what he filed, editable; resubmitting is what he can do
    await expect.poll(() => field(p, 'advanceAmount').inputValue()).toMatch(/^3,?000/);
    expect(await p.locator('[data-testid="task-actions"] button[data-testid^="action-"]').evaluateAll((l) => l.map((b) => b.getAttribute('data-testid')))).toEqual(['action-resubmit']);
    // when: the amount edited, with a comment
    await field(p, 'advanceAmount').fill('2000');
    await p.getByTestId('task-comment').fill('已按标准调整为 2000 元');
    await t.shot('resubmit');
    await p.getByTestId('action-resubmit').click();
    // then: the new amount, and the manager's step again
    await p.waitForURL(/\/inbox/);
    expect(await s.server.app.engine.getVariables(instanceId)).toMatchObject({ advanceAmount: 2000, destination: '上海' });
    expect((await openTasks()).map((x) => [x.taskDefinitionKey, x.assignee])).toEqual([['managerApproval', 'wang.fang']]);
  });

  it('the manager approves the new round', async () => {
    const t = await zhPage('oa-trip-4-approve');
    const p = t.page;
    await signIn(p, s.server.url, MANAGER, '/inbox');
    await openFromInbox(t, '直属主管审批');
    await expect.poll(() => field(p, 'advanceAmount').inputValue()).toMatch(/^2,?000/);
    await p.getByTestId('task-comment').fill('同意');
    await t.shot('approve');
    await p.getByTestId('action-approve').click();
    await p.waitForURL(/\/inbox/);
    // then: the cashiers' task (candidate group cashier), no one's yet
    const [pay] = await openTasks();
    expect([pay?.taskDefinitionKey, pay?.assignee, pay?.candidateGroups]).toEqual(['payAdvance', null, ['cashier']]);
  });

  it('the cashier opens the pay-advance task and records the payment', async () => {
    const t = await zhPage('oa-trip-5-pay');
    const p = t.page;
    await signIn(p, s.server.url, CASHIER, '/inbox');
    await openFromInbox(t, '出纳支付借款');
    // given: what to pay, read only
    await expect.poll(() => field(p, 'advanceAmount').inputValue()).toMatch(/^2,?000/);
    expect(await field(p, 'destination').inputValue()).toBe('上海');
    // when: the pay form
    await fillDate(p, 'advancePaidOn', '2026-03-06');
    await field(p, 'advanceRef').fill('PAY-20260306-017');
    await p.getByTestId('task-comment').fill('已转账');
    await t.shot('pay');
    await p.getByTestId('action-complete').click();
    // then: the request has ended, approved
    await p.waitForURL(/\/inbox/);
    await t.shot('paid');
    const [h] = await s.server.app.engine.getHistoricInstances({ processInstanceId: instanceId });
    expect([h?.state, h?.endActivityId]).toEqual(['COMPLETED', 'approved']);
    const vars = await s.server.app.engine.getHistoricVariableInstances({ processInstanceId: instanceId, names: ['advanceRef', 'advanceAmount'] });
    expect(Object.fromEntries(vars.map((v) => [v.name, v.value]))).toEqual({ advanceRef: 'PAY-20260306-017', advanceAmount: 2000 });
  });

  it("the employee's request page tells the return, the resubmit, the approval and the payment, and the request is complete", async () => {
    const t = await zhPage('oa-trip-6-timeline');
    const p = t.page;
    await signIn(p, s.server.url, EMPLOYEE, `/requests/${instanceId}`);
    await p.locator('[data-testid="timeline-item"][data-kind="action"]').first().waitFor();
    await expect.poll(() => p.getByTestId('request-state').textContent()).toBe('已完成');
    const acted = await p.getByTestId('timeline-action').evaluateAll((l) => l.map((e) => e.getAttribute('data-action')));
    expect(acted).toEqual(['return', 'resubmit', 'approve', 'complete']);
    const item = (action: string) => p.locator('[data-testid="timeline-item"][data-kind="action"]').filter({ has: p.locator(`[data-action="${action}"]`) });
    expect(await item('return').textContent()).toContain('借款金额偏高');
    expect(await item('return').textContent()).toContain('发起人');
    expect(await item('resubmit').textContent()).toContain('已按标准调整为 2000 元');
    expect(await item('approve').textContent()).toContain('wang.fang');
    expect(await item('complete').textContent()).toContain('huang.li');
    // nothing is left to withdraw or urge
    expect(await p.getByTestId('request-actions').count()).toBe(0);
    await t.shot('timeline');
    await item('complete').scrollIntoViewIfNeeded();
    await t.shot('timeline-paid');
  });
});
