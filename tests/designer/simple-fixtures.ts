/**
 * Shared by the simple-mode tests: trees to turn into BPMN, bpmn-moddle to read the result, and
 * an engine (in-memory PGlite, or a schema of its own on DATABASE_URL) with a small org directory
 * behind the runtime's list-returning expression functions (managerOf, deptHeadOf,
 * initiatorDeptHead, usersWithRole, userList).
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine, openDb } from '@liuzhuan/engine';
import type { ApproverNode, Branch, CcNode, ConditionNode, FlowNode, SimpleTree } from '../../designer/src/simple/types.ts';

export function approver(id: string, source: ApproverNode['source'], mode: ApproverNode['mode'] = 'all', extra: Partial<ApproverNode> = {}): ApproverNode {
  return { type: 'approver', id, name: `Approve ${id}`, mode, source, ...extra };
}

export function cc(id: string, users: string[]): CcNode {
  return { type: 'cc', id, name: `Copy ${id}`, users };
}

export function branch(id: string, expression: string, children: FlowNode[], isDefault = false): Branch {
  return { id, name: `Branch ${id}`, expression, isDefault, children };
}

export function condition(id: string, branches: Branch[]): ConditionNode {
  return { type: 'condition', id, name: `Which ${id}`, branches };
}

export function tree(children: FlowNode[], formKey?: string, extra: Partial<Pick<SimpleTree, 'settings'>> & { resubmit?: boolean } = {}): SimpleTree {
  const { resubmit, ...rest } = extra;
  return { version: 1, start: { type: 'start', id: 'StartEvent', name: 'Submit', ...(formKey ? { formKey } : {}), ...(resubmit ? { resubmit } : {}) }, children, ...rest };
}

/** a tree with every option of docs/approvals.md: policies, ratio, the new sources, the resubmit step, process options */
export function everyOptionTree(formKey?: string): SimpleTree {
  return tree(
    [
      approver('P1', { kind: 'initiator-dept-head', value: '' }, 'ratio', {
        passRatio: 0.5,
        policy: { empty: 'admin', emptyAdmin: 'root', selfApprove: true, repeatApprove: true, timeout: { amount: 2, unit: 'days', action: 'remind', remindTimes: 3 }, commentRequired: 'always', rejectPolicy: 'initiator' },
      }),
      condition('PC', [
        branch('PB1', 'amount > 1000', [
          approver('P2', { kind: 'initiator-picks', value: 'picked' }, 'sequential', { policy: { timeout: { amount: 30, unit: 'minutes', action: 'escalate' }, rejectPolicy: 'previous' } }),
          approver('P3', { kind: 'previous-picks', value: 'nextApprovers' }, 'any', { policy: { empty: 'autoReject', timeout: { amount: 8, unit: 'hours', action: 'autoApprove' }, commentRequired: 'reject' } }),
        ]),
        branch('PB2', '', [approver('P4', { kind: 'form-field', value: 'reviewer' }, 'all', { policy: { timeout: { amount: 1, unit: 'days', action: 'autoReject' } } })], true),
      ]),
      approver('P5', { kind: 'dept-head', value: 'sales' }, 'all'),
      cc('PCC', ['u9']),
    ],
    formKey,
    { resubmit: true, settings: { withdraw: 'always', serialPattern: 'QJ-{yyyyMMdd}-{seq4}', titleTemplate: '{initiator} 的申请 {amount}' } },
  );
}

/** the camunda:property entries of a moddle element, as [name, value] pairs */
export function propertiesOf(el: { extensionElements?: unknown } | undefined): Array<[string, string]> {
  const ext = el?.extensionElements as { values?: Array<{ $type: string; values?: Array<{ name: string; value: string }> }> } | undefined;
  const props = ext?.values?.find((v) => v.$type === 'camunda:Properties');
  return (props?.values ?? []).map((p) => [p.name, p.value]);
}

/** the process of the XML and its flow elements by id, read with bpmn-moddle (no warnings allowed) */
export async function readProcess(xml: string): Promise<{ process: Record<string, unknown>; byId: Map<string, Record<string, any>> }> {
  const { definitions, warnings } = await readBpmn(xml);
  if (warnings.length) throw new Error(`bpmn-moddle warnings: ${warnings.join('; ')}`);
  const process = (definitions.rootElements as Array<Record<string, unknown>>)[0]!;
  const byId = new Map((process.flowElements as Array<Record<string, any>>).map((e) => [e.id as string, e]));
  return { process, byId };
}

// ---- bpmn-moddle: a dependency of the engine, not of tests/ — resolved where the engine resolves it
interface ModdleElement {
  $type: string;
  id?: string;
  [k: string]: unknown;
}
interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: Array<{ message: string }> }>;
  create(type: string, attrs?: Record<string, unknown>): ModdleElement & { get(name: string): any; set(name: string, value: unknown): void };
}

/** bpmn-moddle with the camunda extension, as the engine and bpmn-js read BPMN */
export async function bpmnModdle(): Promise<Moddle> {
  const fromEngine = createRequire(join(resolve(import.meta.dirname, '../../engine'), 'package.json'));
  const mod = (await import(pathToFileURL(fromEngine.resolve('bpmn-moddle')).href)) as { BpmnModdle: new (packages: object) => Moddle };
  const camunda = fromEngine('camunda-bpmn-moddle/resources/camunda.json') as object;
  return new mod.BpmnModdle({ camunda });
}

export async function readBpmn(xml: string): Promise<{ definitions: ModdleElement; warnings: string[] }> {
  const { rootElement, warnings } = await (await bpmnModdle()).fromXML(xml);
  return { definitions: rootElement, warnings: warnings.map((w) => w.message) };
}

// ---- the engine with an org directory
export const ORG = {
  managers: { alice: 'bob', bob: 'carol', carol: 'dave' } as Record<string, string>,
  heads: { sales: 'sam', ops: 'olga' } as Record<string, string>,
  departments: { alice: 'ops' } as Record<string, string>,
  members: { finance: ['fay', 'fred'], auditors: ['ann', 'art'], board: ['bea', 'ben', 'bo'] } as Record<string, string[]>,
};

/** a list of user ids from a list, a comma string or one id (as the runtime's userList) */
function userList(v: unknown): string[] {
  if (v === null || v === undefined || v === '') return [];
  const items = Array.isArray(v) ? v : String(v).split(',');
  return [...new Set(items.map((i) => String(i).trim()).filter(Boolean))];
}

/**
 * The list-returning org functions approval steps loop over, with the runtime's names and
 * meaning (runtime/src/services/org/org-functions.ts): none found → [].
 */
const orgFunctions = {
  managerOf: (user: unknown, level: unknown = 1) => {
    let u = typeof user === 'string' ? user : null;
    for (let i = 0; i < Number(level) && u; i++) u = ORG.managers[u] ?? null;
    return u ? [u] : [];
  },
  deptHeadOf: (dept: unknown) => (ORG.heads[String(dept)] ? [ORG.heads[String(dept)]!] : []),
  initiatorDeptHead: (user: unknown) => {
    const head = ORG.heads[ORG.departments[String(user)] ?? ''];
    return head ? [head] : [];
  },
  usersWithRole: (role: unknown) => ORG.members[String(role)] ?? [],
  userList,
};

/**
 * One vote as the runtime's approval service casts it (runtime/src/services/approvals/votes.ts):
 * `approved` for the flow after the step, and — when this vote decides the step — the loop-local
 * `lzDecided` its completion condition `=lzDecided = true` reads. Which vote decides is the
 * runtime's business (its tests cover the modes); here the test says so.
 */
export async function vote(engine: Engine, taskId: string, approved: boolean, decides: boolean, values: Record<string, unknown> = {}): Promise<void> {
  await engine.completeTask(taskId, () => ({ variables: { ...values, ...(decides ? { approved } : {}) }, loopVariables: { lzDecided: decides } }));
}

export async function openEngine(): Promise<{ engine: Engine; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  const schema = `lzt_simple_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const db = url ? await openDb({ databaseUrl: url, schema, poolSize: 4 }) : await openDb();
  const engine = await Engine.create({ db, expressionFunctions: orgFunctions });
  return {
    engine,
    close: async () => {
      await engine.close();
      if (url) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    },
  };
}
