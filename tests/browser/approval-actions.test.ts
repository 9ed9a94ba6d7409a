/// <reference lib="dom" />
// (callbacks passed to page.evaluate run in the browser)
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing } from './harness/browser.ts';
import type { BrowserUser } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';

/**
 * Issue 6's approval actions in the browser (docs/approvals.md): the manager returns a request
 * to the initiator with a comment; the initiator, told by the notification centre, edits the
 * start form and resubmits, and urges the manager; the manager transfers the new round to a
 * colleague, who approves with an attachment; the initiator's timeline tells each of those,
 * and the file downloads. Seeded through the API; every action is a click.
 */
const FORM = JSON.stringify({
  id: 'trip-form',
  type: 'default',
  schemaVersion: 16,
  components: [{ id: 'F_reason', type: 'textfield', key: 'reason', label: 'Reason', validate: { required: true } }],
});

const TRIP = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="http://liuzhuan.test/browser" id="defs_trip">
  <process id="trip" name="Business trip" isExecutable="true">
    <startEvent id="start" camunda:initiator="initiator" camunda:formRef="trip-form" camunda:formRefBinding="latest" />
    <userTask id="resubmit" name="Edit and resubmit" camunda:assignee="\${initiator}" camunda:formRef="trip-form" camunda:formRefBinding="latest">
      <extensionElements><camunda:properties><camunda:property name="lz.step" value="resubmit" /></camunda:properties></extensionElements>
    </userTask>
    <userTask id="managerApproval" name="Manager approval" camunda:assignee="\${approver}">
      <extensionElements><camunda:properties>
        <camunda:property name="lz.approval" value="true" />
        <camunda:property name="lz.commentRequired" value="reject" />
      </camunda:properties></extensionElements>
      <multiInstanceLoopCharacteristics camunda:collection="\${managerOf(initiator, 1)}" camunda:elementVariable="approver">
        <completionCondition xsi:type="tFormalExpression">=lzDecided = true</completionCondition>
      </multiInstanceLoopCharacteristics>
    </userTask>
    <exclusiveGateway id="decided" />
    <endEvent id="approvedEnd" name="Approved" />
    <endEvent id="rejectedEnd" name="Rejected" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="resubmit" />
    <sequenceFlow id="f2" sourceRef="resubmit" targetRef="managerApproval" />
    <sequenceFlow id="f3" sourceRef="managerApproval" targetRef="decided" />
    <sequenceFlow id="f4" sourceRef="decided" targetRef="approvedEnd"><conditionExpression xsi:type="tFormalExpression">\${approved}</conditionExpression></sequenceFlow>
    <sequenceFlow id="f5" sourceRef="decided" targetRef="rejectedEnd"><conditionExpression xsi:type="tFormalExpression">\${!approved}</conditionExpression></sequenceFlow>
  </process>
</definitions>`;

describe.skipIf(browserMissing)('approval actions in the browser', () => {
  const s = browserSuite();
  const users: Record<string, BrowserUser> = {};
  let instanceId = '';

  /** the one open task of the request, with its activity and assignee */
  const openTask = async () => {
    const tasks = await s.server.app.engine.getTasks({ processInstanceId: instanceId });
    expect(tasks).toHaveLength(1);
    return tasks[0]!;
  };

  beforeAll(async () => {
    users.manager = await s.server.user('mei', { name: 'Mei Manager' });
    users.employee = await s.server.user('eli', { name: 'Eli Employee', managerId: 'mei' });
    users.colleague = await s.server.user('tom', { name: 'Tom Deputy' });
    await s.server.app.engine.deploy([
      { name: 'trip.bpmn', content: TRIP },
      { name: 'trip-form.form', content: FORM },
    ]);
    const started = await s.server.api(users.employee, 'POST', '/api/forms/start/trip', { values: { reason: 'Conference' } });
    expect(started.statusCode, started.body).toBe(201);
    instanceId = started.json().processInstanceId;
    expect([(await openTask()).taskDefinitionKey, (await openTask()).assignee]).toEqual(['managerApproval', 'mei']);
  });

  it('the manager sees exactly the actions the server lists, is asked for a comment, and returns the request to the initiator', async () => {
    const t = await s.page('1-return');
    const p = t.page;
    const task = await openTask();
    await signIn(p, s.server.url, users.manager!, `/tasks/${task.id}`);
    await p.getByTestId('task-actions').waitFor();
    // given: the action bar is what GET /api/tasks/:id/actions says
    const listed = (await s.server.api(users.manager!, 'GET', `/api/tasks/${task.id}/actions`)).json().actions as string[];
    const shown = await p.locator('[data-testid="task-actions"] button[data-testid^="action-"]').evaluateAll((l) => l.map((b) => b.getAttribute('data-testid')!.slice('action-'.length)));
    expect([...shown].sort()).toEqual([...listed].sort());
    expect(listed).toEqual(expect.arrayContaining(['approve', 'reject', 'return', 'transfer']));
    expect(await p.getByTestId('comment-rule').textContent()).toContain('required to reject or return');
    // when: return, to the initiator (the picker names the resubmit step "Initiator"), without a comment
    await p.getByTestId('action-return').click();
    const target = p.getByTestId('return-target');
    expect(await target.locator('option').allTextContents()).toEqual(['Initiator']);
    await target.selectOption({ label: 'Initiator' });
    expect(await p.getByTestId('comment-required').isVisible()).toBe(true);
    await p.getByTestId('action-confirm').click();
    // then: asked for the comment first; nothing was sent
    await expect.poll(() => p.getByTestId('action-problem').textContent()).toContain('needs one');
    expect((await openTask()).taskDefinitionKey).toBe('managerApproval');
    await t.shot('comment-asked');
    // when: with the comment
    await p.getByTestId('task-comment').fill('Please add the hotel booking');
    await p.getByTestId('action-confirm').click();
    // then: back in the inbox, and the request waits at the initiator's resubmit step
    await p.waitForURL(/\/inbox/);
    expect(await p.getByTestId('inbox-notice').textContent()).toContain('Returned');
    const back = await openTask();
    expect([back.taskDefinitionKey, back.assignee]).toEqual(['resubmit', 'eli']);
    await t.shot('returned');
  });

  it('the initiator sees an unread notification, opens the task from it, edits the start form and resubmits, then urges', async () => {
    const t = await s.page('2-resubmit', { width: 390, height: 844 });
    const p = t.page;
    const task = await openTask();
    await signIn(p, s.server.url, users.employee!, '/inbox');
    // given: the bell counts the unread notification of the returned request
    await expect.poll(async () => Number((await p.getByTestId('notification-count').textContent({ timeout: 1000 }).catch(() => '0')) ?? 0)).toBeGreaterThan(0);
    await t.shot('bell');
    // when: opening the panel and the notification
    await p.getByTestId('notification-bell').click();
    const note = p.locator('[data-testid="notification-item"][data-read="false"]').filter({ hasText: 'Edit and resubmit' }).first();
    await note.waitFor();
    await t.shot('panel');
    await note.locator('button.open').click();
    // then: the task, and the notification is read
    await p.waitForURL(new RegExp(`/tasks/${task.id}`));
    const mine = (await s.server.api(users.employee!, 'GET', '/api/notifications?max=50')).json().items as { taskId: string | null; readAt: string | null }[];
    expect(mine.filter((n) => n.taskId === task.id).every((n) => n.readAt !== null)).toBe(true);
    // and: the start form's values, editable; resubmit is the only action
    const reason = p.locator('.fjs-form input.fjs-input').first();
    await expect.poll(() => reason.inputValue()).toBe('Conference');
    const shown = await p.locator('[data-testid="task-actions"] button[data-testid^="action-"]').evaluateAll((l) => l.map((b) => b.getAttribute('data-testid')));
    expect(shown).toEqual(['action-resubmit']);
    // the task page fits a phone
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await t.shot('resubmit-form');
    // when: the reason edited and resubmitted
    await reason.fill('Conference and hotel');
    await p.getByTestId('task-comment').fill('Hotel booking added');
    await p.getByTestId('action-resubmit').click();
    await p.waitForURL(/\/inbox/);
    // then: the new value, and the manager's step again
    expect(await s.server.app.engine.getVariables(instanceId)).toMatchObject({ reason: 'Conference and hotel' });
    expect((await openTask()).taskDefinitionKey).toBe('managerApproval');
    // when: on the request's page, urging the manager twice
    await p.goto(`${s.server.url}/requests/${instanceId}`);
    await p.getByTestId('request-withdraw').waitFor();
    await p.getByTestId('request-urge').click();
    await p.getByTestId('request-confirm').click();
    await expect.poll(() => p.getByTestId('request-notice').textContent()).toContain('Urged: 1 open step reminded.');
    t.expectConsole(/Failed to load resource: the server responded with a status of 429/);
    await p.getByTestId('request-urge').click();
    await p.getByTestId('request-confirm').click();
    // then: the second time within the hour is refused, in words
    await expect.poll(() => p.getByTestId('error-banner').textContent()).toContain('Already urged within the hour');
    await t.shot('urged');
  });

  it('the manager transfers the new round to a colleague', async () => {
    const t = await s.page('3-transfer');
    const p = t.page;
    const task = await openTask();
    await signIn(p, s.server.url, users.manager!, `/tasks/${task.id}`);
    // when: transfer, to tom
    await p.getByTestId('action-transfer').click();
    await p.getByTestId('pick-user-input').fill('tom');
    await t.shot('transfer');
    await p.getByTestId('action-confirm').click();
    // then
    await p.waitForURL(/\/inbox/);
    expect(await p.getByTestId('inbox-notice').textContent()).toContain('Transferred to tom');
    const now = await openTask();
    expect([now.id, now.assignee]).toEqual([task.id, 'tom']);
  });

  it('the colleague approves with an attachment', async () => {
    const t = await s.page('4-approve');
    const p = t.page;
    const task = await openTask();
    await signIn(p, s.server.url, users.colleague!, `/tasks/${task.id}`);
    // when: a file and a comment, then approve
    await p.getByTestId('attachment-input').setInputFiles({ name: 'hotel.txt', mimeType: 'text/plain', buffer: Buffer.from('Hotel Lakeside, 2 nights') });
    await expect.poll(() => p.getByTestId('attachment-picked').textContent()).toContain('hotel.txt');
    await p.getByTestId('task-comment').fill('Fine, hotel included');
    await t.shot('approve-with-file');
    await p.getByTestId('action-approve').click();
    // then: the request is approved and ends
    await p.waitForURL(/\/inbox/);
    const [h] = await s.server.app.engine.getHistoricInstances({ processInstanceId: instanceId });
    expect([h?.state, h?.endActivityId]).toEqual(['COMPLETED', 'approvedEnd']);
  });

  it("the initiator's timeline tells every action, the file downloads, and the bell has news", async () => {
    const t = await s.page('5-timeline');
    const p = t.page;
    await signIn(p, s.server.url, users.employee!, `/requests/${instanceId}`);
    const actions = p.locator('[data-testid="timeline-item"][data-kind="action"]');
    await actions.first().waitFor();
    // then: each action, in order, in words
    expect(await p.getByTestId('timeline-action').evaluateAll((l) => l.map((e) => e.getAttribute('data-action')))).toEqual(['return', 'resubmit', 'urge', 'transfer', 'approve']);
    const text = async (action: string) => (await actions.filter({ has: p.locator(`[data-action="${action}"]`) }).textContent()) ?? '';
    expect(await text('return')).toContain('mei');
    expect(await text('return')).toContain('Returned to Initiator');
    expect(await text('return')).toContain('Please add the hotel booking');
    expect(await text('resubmit')).toContain('Resubmitted');
    expect(await text('resubmit')).toContain('Hotel booking added');
    expect(await text('transfer')).toContain('Transferred to tom');
    expect(await text('approve')).toContain('tom');
    expect(await text('approve')).toContain('Approved');
    expect(await text('approve')).toContain('Fine, hotel included');
    // and: the request has ended, so there is nothing to withdraw or urge
    expect(await p.getByTestId('request-state').textContent()).toBe('Completed');
    expect(await p.getByTestId('request-actions').count()).toBe(0);
    await t.shot('timeline');
    // when: the attachment's link
    const link = actions.filter({ has: p.locator('[data-action="approve"]') }).getByTestId('attachment-link');
    expect(await link.textContent()).toContain('hotel.txt');
    const [download] = await Promise.all([p.waitForEvent('download'), link.click()]);
    // then: the file as it was sent
    expect(download.suggestedFilename()).toBe('hotel.txt');
    expect(await readFile((await download.path())!, 'utf8')).toBe('Hotel Lakeside, 2 nights');
    // and: the bell counts the unread "request complete"
    await expect.poll(async () => Number((await p.getByTestId('notification-count').textContent({ timeout: 1000 }).catch(() => '0')) ?? 0)).toBeGreaterThan(0);
    const unread = (await s.server.api(users.employee!, 'GET', '/api/notifications?unread=true')).json().items as { kind: string }[];
    expect(unread.map((n) => n.kind)).toContain('request.completed');
  });
});
