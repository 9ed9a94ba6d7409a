import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, type TrackedPage } from './harness/browser.ts';
import { addExtensionProperty, appendUserTask, openGroup, paletteEndEventAfter, select, setField, setName } from './harness/modeler-steps.ts';
import { ADMIN, type BrowserUser } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';

/**
 * Issue 5's story, as new users would live it: an analyst draws a two-step approval with a
 * start form in the full modeler and another in simple mode and publishes both; an employee
 * starts the first and fills its form (an error shown, then fixed); the manager and HR approve
 * from their inboxes; an admin sees the finished path in monitoring.
 * The steps share one server and run in order; each keeps its screenshots.
 */
describe.skipIf(browserMissing)('approval story in the browser', () => {
  const s = browserSuite();
  const users: Record<string, BrowserUser> = {};

  beforeAll(async () => {
    users.analyst = await s.server.user('ana', { roles: ['analyst'], name: 'Ana Analyst' });
    users.manager = await s.server.user('mei', { name: 'Mei Manager' });
    users.employee = await s.server.user('eli', { name: 'Eli Employee', managerId: 'mei' });
    users.hr = await s.server.user('hana', { name: 'Hana HR', groups: ['hr'] });
    users.admin = ADMIN;
  });

  it('an analyst draws a two-step approval with a start form in the modeler and publishes it', async () => {
    const t = await s.page('1-modeler');
    const p = t.page;
    await signIn(p, s.server.url, users.analyst!, '/design');
    // given: a new process draft
    await p.getByTestId('new-bpmn').click();
    await p.getByTestId('new-key').fill('leave-request');
    await p.getByTestId('new-name').fill('Leave request');
    await p.getByTestId('new-create').click();
    await p.locator('.djs-palette').waitFor();
    const startId = (await p.locator('.djs-element.djs-shape[data-element-id^="Start"], .djs-element.djs-shape[data-element-id^="start"]').first().getAttribute('data-element-id'))!;
    // when: two approval steps from the context pad, the end event from the palette
    const managerStep = await appendUserTask(p, startId);
    await setName(p, 'Manager approval');
    await openGroup(p, 'group-CamundaPlatform__UserAssignment');
    await setField(p, '#bio-properties-panel-assignee', '${manager(initiator)}');
    await addExtensionProperty(p, 'lz.approval', 'true');
    const hrStep = await appendUserTask(p, managerStep);
    await setName(p, 'HR approval');
    await openGroup(p, 'group-CamundaPlatform__UserAssignment');
    await setField(p, '#bio-properties-panel-candidateGroups', 'hr');
    await addExtensionProperty(p, 'lz.approval', 'true');
    await paletteEndEventAfter(p, hrStep);
    // and: the start event links a form by key
    await select(p, startId);
    await openGroup(p, 'group-CamundaPlatform__Form');
    await p.locator('#bio-properties-panel-formType').selectOption('formRef');
    await setField(p, '#bio-properties-panel-formRef', 'leave-form');
    await t.shot('diagram-drawn');
    await p.getByTestId('save-draft').click();
    await expect.poll(() => p.getByTestId('draft-status').getAttribute('data-state')).toBe('saved');
    // then: the form is one click away; the analyst adds a required number field with a minimum
    await p.getByTestId('open-task-form').click();
    await p.getByTestId('form-editor').locator('.fjs-palette').waitFor();
    await dragFormField(t, 'number');
    await openFormGroup(t, 'general');
    await setField(p, '#bio-properties-panel-label', 'Days');
    await setField(p, '#bio-properties-panel-key', 'days');
    await openFormGroup(t, 'validation');
    await p.locator('#bio-properties-panel-required').check();
    await setField(p, '#bio-properties-panel-min', '1');
    await t.shot('form-drawn');
    await p.getByTestId('save-form').click();
    await expect.poll(() => p.getByTestId('draft-status').getAttribute('data-state')).toBe('saved');
    await p.getByTestId('form-back').click();
    await p.locator('.djs-palette').waitFor();
    // when: publishing
    await p.getByTestId('publish-draft').click();
    // then: version 1 of the process, with its form
    await p.getByTestId('publish-result').waitFor();
    expect(await p.getByTestId('publish-version').first().getAttribute('data-version')).toBe('1');
    await t.shot('published');
    const defs = await s.server.app.engine.getDefinitions({ key: 'leave-request' });
    expect(defs.map((d) => d.version)).toEqual([1]);
  });

  it('an analyst builds a purchase approval in simple mode and publishes it, and the full modeler opens it', async () => {
    const t = await s.page('2-simple');
    const p = t.page;
    await signIn(p, s.server.url, users.analyst!, '/design');
    // given: a new simple-mode draft
    await p.getByTestId('new-simple').click();
    await p.getByTestId('new-key').fill('purchase-request');
    await p.getByTestId('new-name').fill('Purchase request');
    await p.getByTestId('new-create').click();
    await p.getByTestId('simple-start').waitFor();
    // when: the approver node a new flow starts with is set to the initiator's manager, everyone must approve
    expect(await p.getByTestId('simple-node').count()).toBe(1);
    await p.getByTestId('simple-node').first().click();
    await p.getByTestId('simple-drawer').waitFor();
    await p.getByTestId('node-name').fill('Manager approval');
    await p.getByTestId('approver-source').selectOption('manager');
    await p.getByTestId('approver-value').fill('1');
    await p.getByTestId('approver-mode').selectOption('all');
    // and: a CC node after it, to the HR user
    await p.getByTestId('simple-add').last().click();
    await p.getByTestId('simple-add-cc').click();
    await p.getByTestId('node-name').fill('Tell HR');
    await p.getByTestId('cc-users').fill('hana');
    await t.shot('simple-drawn');
    expect(await p.getByTestId('simple-node').count()).toBe(2);
    // then: published as version 1
    await p.getByTestId('simple-publish').click();
    await p.getByTestId('publish-result').waitFor();
    await expect.poll(() => p.getByTestId('publish-result').textContent()).toContain('1');
    await t.shot('simple-published');
    const defs = await s.server.app.engine.getDefinitions({ key: 'purchase-request' });
    expect(defs.map((d) => d.version)).toEqual([1]);
    // and: it is ordinary BPMN — the full modeler opens it with the approver step on the canvas
    await p.getByTestId('simple-open-full').click();
    await p.locator('.djs-palette').waitFor();
    await expect.poll(() => p.locator('.djs-element.djs-shape .djs-visual text').allTextContents()).toContain('Manager approval');
    await t.shot('simple-in-full-modeler');
  });

  it('an employee starts a leave request: the form shows an error, the employee fixes it, the request starts', async () => {
    const t = await s.page('3-employee', { width: 390, height: 844 });
    const p = t.page;
    await signIn(p, s.server.url, users.employee!, '/start');
    // given: the catalogue offers both published processes
    await p.locator('[data-testid="catalogue-item"][data-key="leave-request"]').waitFor();
    expect(await p.locator('[data-testid="catalogue-item"][data-key="purchase-request"]').count()).toBe(1);
    await t.shot('catalogue');
    await p.locator('[data-testid="catalogue-item"][data-key="leave-request"]').getByRole('link').first().click();
    await p.locator('.fjs-form').waitFor();
    // when: submitting with the required field empty
    await p.getByTestId('start-submit').click();
    // then: the form says what is wrong, and nothing started
    await p.locator('.fjs-form-field-error').first().waitFor();
    await t.shot('form-error');
    expect(await s.server.app.engine.countProcessInstances({ processDefinitionKey: 'leave-request' })).toBe(0);
    // when: a number under the minimum, then a valid one
    await p.locator('.fjs-form input[type="number"], .fjs-form input.fjs-input').first().fill('0');
    await p.getByTestId('start-submit').click();
    await p.locator('.fjs-form-field-error').first().waitFor();
    await p.locator('.fjs-form input[type="number"], .fjs-form input.fjs-input').first().fill('3');
    await p.getByTestId('start-submit').click();
    // then: the request's timeline, and the manager has the first step
    await p.waitForURL(/\/requests\//);
    await p.getByTestId('timeline-item').first().waitFor();
    await t.shot('request-started');
    const [inst] = await s.server.app.engine.getProcessInstances({ processDefinitionKey: 'leave-request' });
    expect(inst).toBeTruthy();
    expect(await s.server.app.engine.getVariables(inst!.id)).toMatchObject({ days: 3, initiator: 'eli' });
    const tasks = await s.server.app.engine.getTasks({ processInstanceId: inst!.id });
    expect(tasks.map((x) => [x.name, x.assignee])).toEqual([['Manager approval', 'mei']]);
  });

  it('the manager, then HR, approve from their inboxes', async () => {
    for (const [who, step] of [['manager', 'Manager approval'], ['hr', 'HR approval']] as const) {
      const t = await s.page(`4-approve-${who}`);
      const p = t.page;
      await signIn(p, s.server.url, users[who]!, '/inbox');
      await p.getByTestId('tab-todo').click();
      const item = p.getByTestId('inbox-item').filter({ hasText: step });
      await item.waitFor();
      await t.shot('inbox');
      await item.getByRole('link').first().click();
      await p.getByTestId('action-approve').waitFor();
      await p.getByTestId('task-comment').fill(`${step}: fine by me`);
      await t.shot('task');
      await p.getByTestId('action-approve').click();
      await p.waitForURL(/\/inbox/);
      await t.shot('after');
      await t.close();
    }
    const [inst] = await s.server.app.engine.getHistoricInstances({ processDefinitionKey: 'leave-request' });
    expect(inst?.endTime).toBeTruthy();
  });

  it('an admin sees the finished path in monitoring', async () => {
    const t = await s.page('5-monitor');
    const p = t.page;
    await signIn(p, s.server.url, users.admin!, '/monitor');
    const row = p.getByTestId('instance-row').filter({ hasText: 'Leave request' }).first();
    await row.waitFor();
    await row.getByRole('link').first().click();
    await p.getByTestId('instance-canvas').locator('.djs-element').first().waitFor();
    await expect.poll(() => p.getByTestId('instance-state').first().getAttribute('data-state')).toBe('completed');
    // start, both approval steps and the end are marked as taken; nothing is still active
    await expect.poll(() => p.locator('.djs-element.djs-shape.lz-taken').count()).toBe(4);
    expect(await p.locator('.djs-element.lz-active').count()).toBe(0);
    await t.shot('finished-path');
  });
});

/** drags a field type from the form-js palette onto the form */
async function dragFormField(t: TrackedPage, type: string): Promise<void> {
  const p = t.page;
  const src = p.locator(`.fjs-palette-field[data-field-type="${type}"]`);
  const target = p.locator('.fjs-form-container .fjs-drop-container-vertical').first();
  const a = (await src.boundingBox())!;
  const b = (await target.boundingBox())!;
  await p.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await p.mouse.down();
  await p.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await p.mouse.move(b.x + b.width / 2, b.y + 30, { steps: 15 });
  await p.mouse.up();
  await p.locator('.fjs-editor-selected').first().waitFor();
}

async function openFormGroup(t: TrackedPage, id: string): Promise<void> {
  const group = t.page.locator(`.fjs-properties-panel [data-group-id="group-${id}"]`);
  await group.waitFor();
  if (!(await group.locator('.bio-properties-panel-group-entries.open').count())) await group.locator('.bio-properties-panel-group-header').click();
}
