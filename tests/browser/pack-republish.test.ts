import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { browserMissing, type TrackedPage } from './harness/browser.ts';
import { openGroup, select, selectedId, setField, setName, shape } from './harness/modeler-steps.ts';
import { ADMIN, demoUser } from './harness/server.ts';
import { signIn } from './harness/steps.ts';
import { browserSuite } from './harness/suite.ts';

/**
 * Issue 6, the OA pack: every pack process opens in the modeler, gets a step, is republished
 * as version 2, and the instance that started on version 1 finishes there. For each process
 * of definitions/oa/processes/: a demo user files one request (API), an admin opens the
 * deployed version from its version page in the modeler (a draft of it), drops a user task onto
 * the flow after the resubmit step, names it, gives it to the initiator and publishes; then,
 * through the API, the key has version 2, the old request is walked to its end on version 1
 * by the people of the demo organisation, and a new request runs on version 2 into the added
 * step and on past it. One browser session for all seven.
 */
const OA = resolve(import.meta.dirname, '../../definitions/oa');
const ADDED = '补充说明';

interface PackProcess {
  key: string;
  /** the demo user who files it, and the start form's values */
  initiator: string;
  values: Record<string, unknown>;
  /** the user tasks version 1 takes for these values, in order, and where it ends */
  path: string[];
  end: string;
}

/** what the non-approval steps' forms need when they are completed */
const COMPLETE_VALUES: Record<string, Record<string, unknown>> = {
  payment: { paidOn: '2026-03-06', paymentRef: 'PAY-0001' },
  payAdvance: { advancePaidOn: '2026-03-06', advanceRef: 'PAY-0002' },
  purchasingHandover: { purchaseOrderNo: 'PO-0001', handoverNote: '已下单' },
};

const PROCESSES: PackProcess[] = [
  {
    key: 'oa-leave',
    initiator: 'hu.jun',
    values: { leaveType: 'annual', startDate: '2026-03-02', endDate: '2026-03-02', days: 1, reason: '家中有事' },
    path: ['managerApproval'],
    end: 'approved',
  },
  {
    key: 'oa-expense',
    initiator: 'zhou.jie',
    values: { expenseType: 'transport', lines: [{ spentOn: '2026-02-10', item: '打车', amount: 56 }], payeeAccount: '6222000011112222' },
    path: ['managerApproval', 'financeCheck', 'payment'],
    end: 'paid',
  },
  {
    key: 'oa-business-trip',
    initiator: 'zhou.jie',
    values: { destination: '杭州', purpose: '客户培训', startDate: '2026-03-09', endDate: '2026-03-10', days: 2, transport: 'train', needAdvance: true, advanceAmount: 1000 },
    path: ['managerApproval', 'payAdvance'],
    end: 'approved',
  },
  {
    key: 'oa-purchase-request',
    initiator: 'hu.jun',
    values: { subject: '测试手机', category: 'it', lines: [{ item: '手机', quantity: 1, unitPrice: 3000 }] },
    path: ['deptHeadApproval', 'purchasingHandover'],
    end: 'handedOver',
  },
  {
    key: 'oa-seal',
    initiator: 'wu.lei',
    values: { documentName: '年度销售合同', documentType: 'contract', sealType: 'contract', copies: 2, counterparty: '上海某某科技有限公司', contractAmount: 200000, purpose: '与客户签订年度合同' },
    path: ['legalReview', 'legalReview', 'sealKeeper'],
    end: 'sealed',
  },
  {
    key: 'oa-general',
    initiator: 'lin.feng',
    values: { subject: '申请参加技术大会', content: '费用约 2000 元。', amount: 2000, approvers: 'li.na, sun.hao' },
    path: ['pickedApprovers', 'pickedApprovers'],
    end: 'approved',
  },
  {
    key: 'oa-document-publish',
    initiator: 'guo.ting',
    values: { title: '测试规范', category: 'manual', content: '第一版', readers: ['employee'] },
    path: ['deptHeadApproval'],
    end: 'published',
  },
];

/** the process id in each file of the pack, and the flow leaving its resubmit step */
const FILES = readdirSync(join(OA, 'processes')).map((f) => {
  const xml = readFileSync(join(OA, 'processes', f), 'utf8');
  return { key: /<bpmn:process id="([^"]+)"/.exec(xml)![1]!, afterResubmit: /<bpmn:sequenceFlow id="([^"]+)" sourceRef="resubmit"/.exec(xml)![1]! };
});
/** who holds each role of the demo organisation (the candidate groups of unassigned steps) */
const SEED = JSON.parse(readFileSync(join(OA, 'seed/org.json'), 'utf8')) as { users: { id: string; roles: string[] }[] };
const holderOf = (role: string) => SEED.users.find((u) => u.roles.includes(role))?.id;

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(browserMissing)('pack processes republished from the modeler', () => {
  const s = browserSuite({ packs: true });
  const engine = () => s.server.app.engine;
  /** per key: the version 1 definition, the request filed on it, the added step's id */
  const state = new Map<string, { v1: string; instance: string; added: string }>();

  /** the open tasks of the instance once it has some (plugin steps run in between); [] once it has ended */
  const openTasks = (id: string) =>
    until(`the next step of ${id}`, async () => {
      const tasks = await engine().getTasks({ processInstanceId: id });
      if (tasks.length > 0) return tasks;
      return (await engine().getProcessInstance(id)) === null ? [] : undefined;
    });

  /** one open task worked by its assignee (or a holder of its candidate group): approve, or complete with its form's values */
  async function work(task: { id: string; taskDefinitionKey: string; assignee: string | null; candidateGroups: string[] }): Promise<void> {
    const who = demoUser(task.assignee ?? holderOf(task.candidateGroups[0]!)!);
    const actions = (await s.server.api(who, 'GET', `/api/tasks/${task.id}/actions`)).json().actions as string[];
    const body = actions.includes('approve') ? { action: 'approve', comment: '同意' } : { action: 'complete', values: COMPLETE_VALUES[task.taskDefinitionKey] ?? {} };
    const r = await s.server.api(who, 'POST', `/api/tasks/${task.id}/act`, body);
    expect(r.statusCode, `${task.taskDefinitionKey} by ${who.id}: ${r.body}`).toBe(200);
  }

  /** walks the request to its end, one task at a time; the steps it took */
  async function walk(id: string): Promise<string[]> {
    const took: string[] = [];
    for (let n = 0; n < 20; n++) {
      const [task] = await openTasks(id);
      if (!task) return took;
      took.push(task.taskDefinitionKey);
      await work(task);
    }
    throw new Error(`${id} did not end in 20 steps: ${took.join(', ')}`);
  }

  async function file(p: PackProcess): Promise<string> {
    const r = await s.server.api(demoUser(p.initiator), 'POST', `/api/forms/start/${p.key}`, { values: p.values });
    expect(r.statusCode, `${p.key}: ${r.body}`).toBe(201);
    return r.json().processInstanceId;
  }

  beforeAll(async () => {
    // given: the pack's seven processes at version 1, and one request filed on each
    expect(FILES.map((f) => f.key).sort()).toEqual(PROCESSES.map((p) => p.key).sort());
    for (const p of PROCESSES) {
      const defs = await engine().getDefinitions({ key: p.key });
      expect(defs.map((d) => d.version), p.key).toEqual([1]);
      const instance = await file(p);
      const [first] = await openTasks(instance);
      expect(first?.taskDefinitionKey, p.key).toBe(p.path[0]);
      state.set(p.key, { v1: defs[0]!.id, instance, added: '' });
    }
  });

  /** the palette's space tool: everything right of the flow's middle moves right, so a step fits in */
  async function makeRoomOn(p: Page, flowId: string): Promise<void> {
    const box = (await p.locator(`.djs-element.djs-connection[data-element-id="${flowId}"] .djs-hit`).first().boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await p.locator('.djs-palette [data-action="space-tool"]').click();
    await p.mouse.move(x, y - 120);
    await p.mouse.down();
    await p.mouse.move(x + 20, y - 120, { steps: 4 });
    await p.mouse.move(x + 130, y - 120, { steps: 10 });
    await p.mouse.up();
    await p.waitForTimeout(300);
  }

  /** palette → task, dropped onto the flow (bpmn-js splits the flow around it), then wrench → user task; the new id */
  async function dropUserTaskOnFlow(p: Page, flowId: string): Promise<string> {
    await makeRoomOn(p, flowId);
    const box = (await p.locator(`.djs-element.djs-connection[data-element-id="${flowId}"] .djs-hit`).first().boundingBox())!;
    await p.locator('.djs-palette [data-action="create.task"]').click();
    await p.mouse.move(box.x + box.width / 2 - 10, box.y + box.height / 2 + 20);
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await p.waitForTimeout(300);
    // the context pad right after a create does not open the replace menu: select it first, as a user clicks it
    await select(p, await selectedId(p));
    await p.locator('.djs-context-pad [data-action="replace"]').click();
    await p.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    await p.waitForTimeout(300);
    return selectedId(p);
  }

  /** one browser session for the seven: the admin signed in once */
  let session: TrackedPage | undefined;
  async function admin(): Promise<TrackedPage> {
    if (!session) {
      session = await s.page('pack-republish');
      await signIn(session.page, s.server.url, ADMIN, '/publish');
    }
    return session;
  }

  for (const proc of PROCESSES) {
    it(`${proc.key}: an admin opens the deployed version in the modeler, adds a step after the resubmit step and publishes version 2`, async () => {
      const t = await admin();
      const p = t.page;
      onTestFailed(() => t.shot(`${proc.key}-failed`).catch(() => undefined));
      const { afterResubmit } = FILES.find((f) => f.key === proc.key)!;
      // given: the process's versions, v1 from the pack with the request on it
      await p.goto(`${s.server.url}/publish/${proc.key}`);
      const v1Row = p.locator('[data-testid="version-row"][data-version="1"]');
      await v1Row.waitFor();
      expect(await v1Row.getByTestId('version-running').textContent()).toBe('1');
      // when: its page → edit in the modeler
      await v1Row.getByTestId('view-version').click();
      await p.getByTestId('version-canvas').locator('.djs-element').first().waitFor();
      await p.getByTestId('version-edit').click();
      await p.waitForURL(/\/design\/bpmn\//);
      await shape(p, 'resubmit').waitFor();
      // and: a user task dropped onto the flow after the resubmit step, named, for the initiator
      const added = await dropUserTaskOnFlow(p, afterResubmit);
      await setName(p, ADDED);
      await openGroup(p, 'group-CamundaPlatform__UserAssignment');
      await setField(p, '#bio-properties-panel-assignee', '${initiator}');
      await t.shot(`${proc.key}-edited`);
      // then: published as version 2
      await p.getByTestId('publish-draft').click();
      await expect.poll(async () => (await p.getByTestId('publish-refused').count()) > 0 || (await p.getByTestId('publish-result').count()) > 0).toBe(true);
      // (refused: the problems list names the errors)
      const errors = await p.locator('[data-testid="problem-item"][data-severity="error"]').allTextContents();
      expect(errors.map((e) => e.replace(/\s+/g, ' ').trim()), 'errors the modeler refuses to publish with').toEqual([]);
      expect(await p.getByTestId('publish-version').first().getAttribute('data-version')).toBe('2');
      await t.shot(`${proc.key}-published`);
      state.get(proc.key)!.added = added;
    });

    it(`${proc.key}: version 2 is the latest; the request filed on version 1 finishes there; a new one runs through the added step`, async () => {
      const st = state.get(proc.key)!;
      expect(st.added, 'published in the modeler').not.toBe('');
      // then: two versions, the new one with the added step right after the resubmit step
      const defs = await engine().getDefinitions({ key: proc.key });
      expect(defs.map((d) => d.version).sort()).toEqual([1, 2]);
      const v2 = defs.find((d) => d.version === 2)!;
      const xml = (await engine().getDefinitionXml(v2.id))!.content;
      expect(xml).toContain(`name="${ADDED}"`);
      expect(xml).toMatch(new RegExp(`<bpmn:sequenceFlow id="[^"]+" sourceRef="resubmit" targetRef="${st.added}"`));
      // and: the old request is still on version 1 and is walked to its end there
      expect((await engine().getProcessInstance(st.instance))?.definitionId).toBe(st.v1);
      expect(await walk(st.instance)).toEqual(proc.path);
      const [old] = await engine().getHistoricInstances({ processInstanceId: st.instance });
      expect([old?.state, old?.endActivityId, old?.definitionVersion]).toEqual(['COMPLETED', proc.end, 1]);
    expect((await engine().getHistoricActivities({ processInstanceId: st.instance })).map((a) => a.activityId)).not.toContain(st.added);
      // when: a new request
      const fresh = await file(proc);
      // then: on version 2, waiting at the added step for the initiator
      expect((await engine().getProcessInstance(fresh))?.definitionId).toBe(v2.id);
      const [step] = await openTasks(fresh);
      expect([step?.taskDefinitionKey, step?.name, step?.assignee]).toEqual([st.added, ADDED, proc.initiator]);
      // and: past it, the steps of version 1 follow
      await work(step!);
      const [next] = await openTasks(fresh);
      expect(next?.taskDefinitionKey).toBe(proc.path[0]);
    });
  }

  it('a version opened again while its key has a draft offers that draft instead of a second one', async () => {
    const t = await admin();
    const p = t.page;
    const { v1 } = state.get('oa-leave')!;
    // given: the draft the first edit made
    const drafts = (await s.server.api(ADMIN, 'GET', '/api/drafts?kind=bpmn')).json().items as { id: string; key: string }[];
    const draft = drafts.find((d) => d.key === 'oa-leave')!;
    // when: version 1's page → edit in the modeler (the server answers 409, which the browser logs)
    t.expectConsole(/Failed to load resource: the server responded with a status of 409/);
    await p.goto(`${s.server.url}/publish/oa-leave/${encodeURIComponent(v1)}`);
    await p.getByTestId('version-canvas').locator('.djs-element').first().waitFor();
    await p.getByTestId('version-edit').click();
    // then: the existing draft, one click away; no second draft
    await p.getByTestId('version-draft-exists').waitFor();
    await t.shot('draft-exists');
    expect(drafts.filter((d) => d.key === 'oa-leave')).toHaveLength(1);
    expect((await s.server.api(ADMIN, 'GET', '/api/drafts?kind=bpmn')).json().items.length).toBe(drafts.length);
    await p.getByTestId('version-open-draft').click();
    await p.waitForURL(new RegExp(`/design/bpmn/${draft.id}`));
    await shape(p, 'resubmit').waitFor();
  });
});
