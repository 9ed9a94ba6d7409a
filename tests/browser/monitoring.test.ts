import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing } from './harness/browser.ts';
import { linearProcess } from './harness/linear-bpmn.ts';
import { ADMIN } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';

/**
 * Monitoring as an admin lives it (issue 5 item 5): find the instance with an incident, see it on
 * the diagram, fix its data and retry it; see how many parallel reviews wait; cancel an instance;
 * read the heat map of a version. The processes and instances are seeded, the rest is clicked.
 */
const REVIEW = linearProcess('mon-review', 'Contract review', [
  {
    id: 'review',
    xml: `<userTask id="review" name="Review" camunda:assignee="\${reviewer}">
      <multiInstanceLoopCharacteristics camunda:collection="\${reviewers}" camunda:elementVariable="reviewer" />
    </userTask>`,
  },
]);
// the script fails until `fixed` is true: the start parks it behind a job, the executor uses the retries, then an incident
const CALC = linearProcess('mon-calc', 'Price calculation', [
  {
    id: 'calc',
    xml: `<scriptTask id="calc" name="Calculate price" scriptFormat="javascript" camunda:resultVariable="price">
      <script>if (!fixed) throw new Error('price list missing'); 42;</script>
    </scriptTask>`,
  },
  { id: 'confirm', xml: '<userTask id="confirm" name="Confirm price" />' },
]);
const QUICK = linearProcess('mon-quick', 'Quick check', [{ id: 'check', xml: '<userTask id="check" name="Check" />' }]);

describe.skipIf(browserMissing)('monitoring in the browser', () => {
  const s = browserSuite();
  const admin = ADMIN;
  let reviewId = '';
  let calcId = '';

  beforeAll(async () => {
    const engine = s.server.app.engine;
    await engine.deploy([
      { name: 'mon-review.bpmn', content: REVIEW },
      { name: 'mon-calc.bpmn', content: CALC },
      { name: 'mon-quick.bpmn', content: QUICK },
    ]);
    reviewId = (await engine.startProcess('mon-review', { businessKey: 'C-1', variables: { reviewers: ['rui', 'ren'] } })).id;
    calcId = (await engine.startProcess('mon-calc', { businessKey: 'P-1', variables: { fixed: false } })).id;
    // three finished runs of the quick check for the heat map
    for (let i = 0; i < 3; i += 1) {
      const inst = await engine.startProcess('mon-quick', { businessKey: `Q-${i}` });
      const [task] = await engine.getTasks({ processInstanceId: inst.id });
      await engine.completeTask(task!.id);
    }
  });

  it('filters the instances with an incident, fixes the data, retries, and the instance moves on', async () => {
    const t = await s.page('monitor-incident');
    const p = t.page;
    // given: five instances; the job executor has used the script's retries and raised an incident
    await expect.poll(() => s.server.app.engine.countIncidents({ processInstanceId: calcId }), { timeout: 30_000 }).toBe(1);
    await signIn(p, s.server.url, admin, '/monitor');
    await expect.poll(() => p.getByTestId('instance-row').count()).toBe(5);
    // when: only instances with an incident
    await p.getByTestId('filter-state').selectOption('incident');
    // then: just the failing one
    await expect.poll(() => p.getByTestId('instance-row').count()).toBe(1);
    expect(await p.getByTestId('instance-row').getAttribute('data-id')).toBe(calcId);
    await t.shot('incident-filter');
    // when: opening it
    await p.getByTestId('instance-row').getByRole('link').first().click();
    await p.waitForURL(/\/monitor\/instances\//);
    // then: the script task is marked on the diagram and the incident is listed with the script's message
    const calc = p.locator('.djs-element.djs-shape[data-element-id="calc"]');
    await expect.poll(() => calc.getAttribute('class')).toContain('lz-incident');
    const incident = p.locator('[data-testid="incident-row"][data-activity="calc"]');
    await incident.waitFor();
    expect(await incident.textContent()).toContain('price list missing');
    expect(await p.getByTestId('instance-state').first().getAttribute('data-state')).toBe('incident');
    await t.shot('incident-on-diagram');
    // when: the admin sets the variable the script needs
    await p.locator('[data-testid="variable-edit"][data-name="fixed"]').click();
    await p.getByTestId('variable-type').selectOption('Boolean');
    await p.getByTestId('variable-value').fill('true');
    await p.getByTestId('variable-save').click();
    await expect.poll(() => p.locator('[data-testid="variable-row"][data-name="fixed"]').textContent()).toContain('true');
    expect(await s.server.app.engine.getVariables(calcId)).toMatchObject({ fixed: true });
    // and: retries the failed job
    await p.getByTestId('incident-retry').click();
    // then: the incident is gone at once, and the executor runs the script
    await expect.poll(() => p.getByTestId('incident-row').count()).toBe(0);
    await expect.poll(async () => (await s.server.app.engine.getTasks({ processInstanceId: calcId })).map((x) => x.taskDefinitionKey), { timeout: 30_000 }).toEqual(['confirm']);
    // and: after a reload the instance waits at the next step, with no incident marker left
    await p.reload();
    const confirm = p.locator('.djs-element.djs-shape[data-element-id="confirm"]');
    await expect.poll(() => confirm.getAttribute('class')).toContain('lz-active');
    expect(await p.locator('.djs-element.lz-incident').count()).toBe(0);
    expect(await calc.getAttribute('class')).toContain('lz-taken');
    expect(await p.getByTestId('instance-state').first().getAttribute('data-state')).toBe('active');
    expect(await s.server.app.engine.getVariables(calcId)).toMatchObject({ price: 42 });
    await t.shot('after-retry');
  });

  it('shows how many parallel reviews wait, and cancels the instance after the confirmation', async () => {
    const t = await s.page('monitor-cancel');
    const p = t.page;
    // given: the review instance, one task per reviewer
    await signIn(p, s.server.url, admin, `/monitor/instances/${reviewId}`);
    // then: the multi-instance task is active with a badge counting its two tasks
    const review = p.locator('.djs-element.djs-shape[data-element-id="review"]');
    await expect.poll(() => review.getAttribute('class')).toContain('lz-active');
    const badge = p.locator('.djs-overlays[data-container-id="review"] .lz-count');
    await expect.poll(() => badge.textContent()).toBe('2');
    await t.shot('mi-count');
    // when: cancel, and the admin confirms the browser's question
    let asked = '';
    p.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await p.getByTestId('instance-cancel').click();
    // then: the instance is canceled, nothing waits any more
    await expect.poll(() => p.getByTestId('instance-state').first().getAttribute('data-state')).toBe('canceled');
    expect(asked).not.toBe('');
    expect(await p.getByTestId('instance-cancel').count()).toBe(0);
    expect(await p.locator('.djs-element.lz-active').count()).toBe(0);
    expect(await s.server.app.engine.getProcessInstance(reviewId)).toBeNull();
    expect(await s.server.app.engine.getTasks({ processInstanceId: reviewId })).toEqual([]);
    await t.shot('canceled');
  });

  it('keeps an instance when the admin declines the confirmation', async () => {
    const t = await s.page('monitor-cancel-declined');
    const p = t.page;
    // given: the incident instance, now waiting at its confirm step
    await signIn(p, s.server.url, admin, `/monitor/instances/${calcId}`);
    await p.getByTestId('instance-cancel').waitFor();
    // when: cancel, but the admin says no
    const asked = new Promise<string>((done) => p.once('dialog', (d) => void d.dismiss().then(() => done(d.message()))));
    await p.getByTestId('instance-cancel').click();
    // then: the question was asked, and the instance still runs
    expect(await asked).toContain('Cancel');
    expect(await p.getByTestId('instance-state').first().getAttribute('data-state')).toBe('active');
    expect(await s.server.app.engine.getProcessInstance(calcId)).not.toBeNull();
  });

  it('paints the heat map of a version from its finished runs, with a legend', async () => {
    const t = await s.page('monitor-heatmap');
    const p = t.page;
    // given: three finished runs of the quick check
    const [def] = await s.server.app.engine.getDefinitions({ key: 'mon-quick' });
    await signIn(p, s.server.url, admin, `/monitor/heatmap/${def!.id}`);
    // then: an overlay on each measured element of the diagram, a row per activity, and the legend
    const canvas = p.getByTestId('heatmap-canvas');
    await expect.poll(() => canvas.locator('.djs-overlays[data-container-id="check"] .lz-heat').count()).toBe(1);
    expect(await canvas.locator('.lz-heat').count()).toBe(3); // start, check, end
    const row = p.locator('[data-testid="heatmap-row"][data-activity="check"]');
    expect(await row.textContent()).toContain('Check');
    expect(await row.locator('td').nth(1).textContent()).toBe('3');
    expect(await p.getByTestId('heatmap-legend').isVisible()).toBe(true);
    expect(await p.getByTestId('heatmap-legend').textContent()).toContain('fast');
    await t.shot('heatmap');
  });
});
