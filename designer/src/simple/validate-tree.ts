/**
 * Checks the simple-mode tree before it is saved or published, in plain words per node. The
 * server validates the generated BPMN again on publish; these are the mistakes the tree itself
 * shows. `code` + `params` are for the page's i18n (`simple.problem.<code>`), `message` is English.
 */
import {
  BAD_ID_CHARS,
  COMMENT_REQUIRED,
  EMPTY_POLICIES,
  isPassRatio,
  isRemindTimes,
  REJECT_POLICIES,
  serialPatternProblem,
  TIMEOUT_ACTIONS,
  titleTemplateProblem,
  WITHDRAW_POLICIES,
} from '../bpmn/approval/approval-contract.ts';
import { resolvePolicy } from './step-properties.ts';
import { parseIdList } from './tree-ops.ts';
import { APPROVAL_MODES, SOURCE_KINDS, TIMEOUT_UNITS, VARIABLE_SOURCES, type ApproverNode, type FlowNode, type SimpleTree } from './types.ts';
import { RESUBMIT_ID } from './variables.ts';

export type ProblemCode =
  | 'noName'
  | 'approverNoValue'
  | 'approverOneValue'
  | 'approverBadValue'
  | 'approverBadLevel'
  | 'approverBadMode'
  | 'approverBadVariable'
  | 'approverBadRatio'
  | 'badPolicy'
  | 'badEmptyAdmin'
  | 'badTimeout'
  | 'badRemindTimes'
  | 'rejectNeedsResubmit'
  | 'badSerialPattern'
  | 'serialNoCounter'
  | 'badTitleTemplate'
  | 'ccNoUsers'
  | 'ccBadValue'
  | 'conditionFewBranches'
  | 'conditionNoDefault'
  | 'conditionManyDefaults'
  | 'branchNoExpression'
  | 'badFormKey'
  | 'badId'
  | 'duplicateId';

export interface TreeProblem {
  /** the node (or branch) it is about; null for the process as a whole */
  nodeId: string | null;
  code: ProblemCode;
  params: Record<string, string | number>;
  message: string;
}

const MESSAGES: Record<ProblemCode, string> = {
  noName: 'Give this step a name.',
  approverNoValue: 'Say who approves: {what} is empty.',
  approverOneValue: 'Name one {what} only (no commas).',
  approverBadValue: 'The approver "{value}" contains characters an id cannot have (quotes, backslash, $, braces, < >).',
  approverBadLevel: 'The manager level must be a whole number from 1 to 20.',
  approverBadMode: 'Unknown approval mode or approver kind.',
  approverBadVariable: '"{value}" is not a variable name (letters, digits and _, not starting with a digit).',
  approverBadRatio: 'The pass ratio must be more than 0% and at most 100%.',
  badPolicy: 'Unknown value "{value}" for {what}.',
  badEmptyAdmin: 'The user "{value}" who gets an empty step contains characters an id cannot have.',
  badTimeout: 'The timeout must be a whole number from 1 to 9999.',
  badRemindTimes: 'The number of reminders must be a whole number from 1 to 100.',
  rejectNeedsResubmit: 'Returning to the initiator needs "allow returning to the initiator" on the start.',
  badSerialPattern: 'The serial number pattern has an unknown placeholder "{value}".',
  serialNoCounter: 'The serial number pattern needs a counter such as {seq}.',
  badTitleTemplate: 'The title template has a bad placeholder "{value}".',
  ccNoUsers: 'Name at least one person to copy the request to.',
  ccBadValue: 'The person "{value}" contains characters an id cannot have.',
  conditionFewBranches: 'A condition needs at least two branches.',
  conditionNoDefault: 'Mark one branch as the default (taken when no condition holds).',
  conditionManyDefaults: 'Only one branch can be the default.',
  branchNoExpression: 'Branch "{name}" has no condition.',
  badFormKey: 'The form key "{value}" is not a valid key (letters, digits, _ . -, not starting with a digit).',
  badId: 'The id "{value}" is not a valid BPMN id.',
  duplicateId: 'The id "{value}" is used twice.',
};

/** the draft key pattern (API contract A): forms are drafts too */
const KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;
/** an XML NCName as bpmn-js writes ids */
const ID = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** a variable name JUEL reads as one: an identifier that is not one of its keywords */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JUEL_KEYWORDS = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'true', 'false', 'null', 'empty', 'div', 'mod', 'instanceof']);

class Checker {
  readonly problems: TreeProblem[] = [];
  private readonly ids = new Set<string>();

  add(nodeId: string | null, code: ProblemCode, params: Record<string, string | number> = {}): void {
    const message = MESSAGES[code].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
    this.problems.push({ nodeId, code, params, message });
  }

  id(id: string): void {
    if (!ID.test(id)) this.add(id, 'badId', { value: id });
    else if (this.ids.has(id)) this.add(id, 'duplicateId', { value: id });
    this.ids.add(id);
  }

  formKey(nodeId: string, key: string | undefined): void {
    const k = key?.trim();
    if (k && !KEY.test(k)) this.add(nodeId, 'badFormKey', { value: k });
  }

  /** whether an approver may return the request to the initiator */
  resubmit = false;

  settings(tree: SimpleTree): void {
    const s = tree.settings ?? {};
    const at = tree.start.id;
    if (s.withdraw !== undefined && !WITHDRAW_POLICIES.includes(s.withdraw)) this.add(at, 'badPolicy', { what: 'withdraw', value: String(s.withdraw) });
    const serial = s.serialPattern?.trim();
    const sp = serial ? serialPatternProblem(serial) : null;
    if (sp?.kind === 'badToken') this.add(at, 'badSerialPattern', { value: sp.token });
    if (sp?.kind === 'noCounter') this.add(at, 'serialNoCounter', { seq: '{seq4}' });
    const title = s.titleTemplate?.trim();
    const tp = title ? titleTemplateProblem(title) : null;
    if (tp !== null) this.add(at, 'badTitleTemplate', { value: tp });
  }

  list(nodes: FlowNode[]): void {
    for (const n of nodes) this.node(n);
  }

  private node(n: FlowNode): void {
    this.id(n.id);
    if (n.type !== 'condition' && !n.name.trim()) this.add(n.id, 'noName');
    if (n.type === 'approver') return this.approver(n);
    if (n.type === 'cc') {
      const users = n.users.flatMap(parseIdList);
      if (users.length === 0) this.add(n.id, 'ccNoUsers');
      for (const u of users) if (BAD_ID_CHARS.test(u)) this.add(n.id, 'ccBadValue', { value: u });
      return;
    }
    if (n.branches.length < 2) this.add(n.id, 'conditionFewBranches');
    const defaults = n.branches.filter((b) => b.isDefault).length;
    if (defaults === 0) this.add(n.id, 'conditionNoDefault');
    if (defaults > 1) this.add(n.id, 'conditionManyDefaults');
    for (const b of n.branches) {
      this.id(b.id);
      if (!b.isDefault && !b.expression.trim()) this.add(b.id, 'branchNoExpression', { name: b.name });
      this.list(b.children);
    }
  }

  private approver(n: ApproverNode): void {
    this.formKey(n.id, n.formKey);
    if (!APPROVAL_MODES.includes(n.mode) || !SOURCE_KINDS.includes(n.source.kind)) return this.add(n.id, 'approverBadMode');
    if (n.mode === 'ratio' && n.passRatio !== undefined && !isPassRatio(n.passRatio)) this.add(n.id, 'approverBadRatio');
    this.source(n);
    this.policy(n);
  }

  private source(n: ApproverNode): void {
    const { kind, value, level } = n.source;
    if (kind === 'manager') {
      const l = level ?? 1;
      if (!Number.isInteger(l) || l < 1 || l > 20) this.add(n.id, 'approverBadLevel');
      return;
    }
    if (kind === 'initiator-dept-head') return;
    if (VARIABLE_SOURCES.includes(kind)) {
      const v = value.trim();
      if (!v) return this.add(n.id, 'approverNoValue', { what: kind });
      if (!VARIABLE.test(v) || JUEL_KEYWORDS.has(v)) this.add(n.id, 'approverBadVariable', { value: v });
      return;
    }
    const ids = parseIdList(value);
    if (ids.length === 0) return this.add(n.id, 'approverNoValue', { what: kind });
    for (const v of ids) if (BAD_ID_CHARS.test(v)) this.add(n.id, 'approverBadValue', { value: v });
    if (ids.length > 1 && kind !== 'users' && kind !== 'user') this.add(n.id, 'approverOneValue', { what: kind });
  }

  private policy(n: ApproverNode): void {
    const p = resolvePolicy(n);
    const oneOf = (what: string, v: string, values: readonly string[]) => {
      if (!values.includes(v)) this.add(n.id, 'badPolicy', { what, value: v });
    };
    oneOf('empty', p.empty, EMPTY_POLICIES);
    oneOf('commentRequired', p.commentRequired, COMMENT_REQUIRED);
    oneOf('rejectPolicy', p.rejectPolicy, REJECT_POLICIES);
    if (p.empty === 'admin' && BAD_ID_CHARS.test(p.emptyAdmin)) this.add(n.id, 'badEmptyAdmin', { value: p.emptyAdmin.trim() });
    if (p.rejectPolicy === 'initiator' && !this.resubmit) this.add(n.id, 'rejectNeedsResubmit');
    const t = p.timeout;
    if (!t) return;
    oneOf('timeoutAction', t.action, TIMEOUT_ACTIONS);
    oneOf('timeoutUnit', t.unit, TIMEOUT_UNITS);
    if (!Number.isInteger(t.amount) || t.amount < 1 || t.amount > 9999) this.add(n.id, 'badTimeout');
    if (t.action === 'remind' && t.remindTimes !== undefined && !isRemindTimes(t.remindTimes)) this.add(n.id, 'badRemindTimes');
  }
}

export function validateTree(tree: SimpleTree): TreeProblem[] {
  const c = new Checker();
  c.id(tree.start.id);
  c.id('EndEvent');
  if (tree.start.resubmit) c.id(RESUBMIT_ID);
  c.resubmit = tree.start.resubmit === true;
  c.formKey(tree.start.id, tree.start.formKey);
  c.settings(tree);
  c.list(tree.children);
  return c.problems;
}
