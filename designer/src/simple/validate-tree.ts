/**
 * Checks the simple-mode tree before it is saved or published, in plain words per node. The
 * server validates the generated BPMN again on publish; these are the mistakes the tree itself
 * shows. `code` + `params` are for the page's i18n (`simple.problem.<code>`), `message` is English.
 */
import { parseIdList } from './tree-ops.ts';
import { APPROVAL_MODES, SOURCE_KINDS, type ApproverNode, type FlowNode, type SimpleTree } from './types.ts';

export type ProblemCode =
  | 'noName'
  | 'approverNoValue'
  | 'approverOneValue'
  | 'approverBadValue'
  | 'approverBadLevel'
  | 'approverBadMode'
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
/** what would break the expression or the attribute an id is written into */
const BAD_ID_CHARS = /['"\\$<>{}]/;

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
    const { kind, value, level } = n.source;
    if (!APPROVAL_MODES.includes(n.mode) || !SOURCE_KINDS.includes(kind)) return this.add(n.id, 'approverBadMode');
    if (kind === 'manager') {
      const l = level ?? 1;
      if (!Number.isInteger(l) || l < 1 || l > 20) this.add(n.id, 'approverBadLevel');
      return;
    }
    const ids = parseIdList(value);
    if (ids.length === 0) return this.add(n.id, 'approverNoValue', { what: kind });
    for (const v of ids) if (BAD_ID_CHARS.test(v)) this.add(n.id, 'approverBadValue', { value: v });
    if (ids.length > 1 && kind !== 'users' && kind !== 'user') this.add(n.id, 'approverOneValue', { what: kind });
  }
}

export function validateTree(tree: SimpleTree): TreeProblem[] {
  const c = new Checker();
  c.id(tree.start.id);
  c.id('EndEvent');
  c.formKey(tree.start.id, tree.start.formKey);
  c.list(tree.children);
  return c.problems;
}
