/**
 * Simple mode (DingTalk-style approval designer): the tree an analyst edits. It is stored beside
 * the generated BPMN as the draft's `simple` field (API contract A) and turned into ordinary BPMN
 * by `toBpmn` (contract D). Pure data: no Vue, no DOM, so the tests run it in node.
 */

import type { ApprovalMode, CommentRequired, EmptyPolicy, RejectPolicy, TimeoutAction, WithdrawPolicy } from '../bpmn/approval/approval-contract.ts';

export type { ApprovalMode, CommentRequired, EmptyPolicy, RejectPolicy, TimeoutAction, WithdrawPolicy };
/** all: everyone must approve (会签); any: the first decision counts (或签); sequential: one after another (依次审批); ratio: a share of them */
export { APPROVAL_MODES } from '../bpmn/approval/approval-contract.ts';

/**
 * Who approves:
 * - user: one user id (`value`); users: a comma list of user ids (`value`);
 * - role: the members of a role (`usersWithRole(value)`);
 * - dept-head: the head of department `value`;
 * - manager: the initiator's manager, `level` steps up (1 = direct manager; `value` unused);
 * - group: the members of identity group `value`;
 * - initiator-dept-head: the head of the initiator's own department (`value` unused);
 * - initiator-picks: the users the initiator picked at the start, in start-form field `value`;
 * - previous-picks: the users the previous approver picked, in variable `value`;
 * - form-field: the user id(s) in form field `value`.
 */
export type SourceKind = 'user' | 'users' | 'role' | 'dept-head' | 'manager' | 'group' | 'initiator-dept-head' | 'initiator-picks' | 'previous-picks' | 'form-field';
export const SOURCE_KINDS: readonly SourceKind[] = ['user', 'users', 'role', 'dept-head', 'manager', 'group', 'initiator-dept-head', 'initiator-picks', 'previous-picks', 'form-field'];
/** the kinds whose `value` is a variable (a form field) holding the approvers */
export const VARIABLE_SOURCES: readonly SourceKind[] = ['initiator-picks', 'previous-picks', 'form-field'];

export interface ApproverSource {
  kind: SourceKind;
  value: string;
  /** manager only: how many levels up (1 = the direct manager) */
  level?: number;
}

export interface StartNode {
  type: 'start';
  id: string;
  name: string;
  /** a form draft key: the start form (camunda:formRef) */
  formKey?: string;
  /** a step may return the request to the initiator: a resubmit step (lz.step=resubmit) follows the start */
  resubmit?: boolean;
}

export type TimeoutUnit = 'minutes' | 'hours' | 'days';
export const TIMEOUT_UNITS: readonly TimeoutUnit[] = ['minutes', 'hours', 'days'];

/** how long a task waits (lz.timeout, written as an ISO 8601 duration) and what happens then */
export interface StepTimeout {
  amount: number;
  unit: TimeoutUnit;
  action: TimeoutAction;
  /** remind only: how many reminders (lz.remindTimes) */
  remindTimes?: number;
}

/** an approver step's policies (docs/approvals.md, "Properties of a step"); a missing field has the contract's default */
export interface ApproverPolicy {
  /** no approver resolved: pass, reject, or give the step to `emptyAdmin` */
  empty?: EmptyPolicy;
  /** empty = admin: who gets the step (default admin) */
  emptyAdmin?: string;
  /** the initiator as approver approves automatically */
  selfApprove?: boolean;
  /** someone who approved earlier in this request approves automatically (去重) */
  repeatApprove?: boolean;
  /** null or missing: no timeout */
  timeout?: StepTimeout | null;
  commentRequired?: CommentRequired;
  rejectPolicy?: RejectPolicy;
}

export interface ApproverNode {
  type: 'approver';
  id: string;
  name: string;
  mode: ApprovalMode;
  /** ratio mode: the share of approvers needed, 0 < r ≤ 1 */
  passRatio?: number;
  source: ApproverSource;
  /** a form draft key: the form the approvers see (camunda:formRef) */
  formKey?: string;
  /** missing in trees stored before policies existed: every default */
  policy?: ApproverPolicy;
}

/** copies the request to people (contract C: a service task of topic approval.cc) */
export interface CcNode {
  type: 'cc';
  id: string;
  name: string;
  users: string[];
}

export interface Branch {
  id: string;
  name: string;
  /** FEEL without the leading '=' (`amount > 1000`) or JUEL (`${amount > 1000}`); ignored on the default branch */
  expression: string;
  /** taken when no other branch's condition holds */
  isDefault: boolean;
  children: FlowNode[];
}

/** branches side by side, joined again below them */
export interface ConditionNode {
  type: 'condition';
  id: string;
  name: string;
  branches: Branch[];
}

export type FlowNode = ApproverNode | CcNode | ConditionNode;
export type NodeType = FlowNode['type'];

/** process-level options (camunda:properties of the bpmn:process) */
export interface ProcessSettings {
  /** when the initiator may withdraw (default untouched: while no one has acted) */
  withdraw?: WithdrawPolicy;
  /** the request number, e.g. `QJ-{yyyyMMdd}-{seq4}` */
  serialPattern?: string;
  /** the request title, e.g. `{initiator} 的请假申请 {days} 天` */
  titleTemplate?: string;
}

export interface SimpleTree {
  /** the shape of this object; bump it when it changes incompatibly (new optional fields are compatible) */
  version: 1;
  start: StartNode;
  children: FlowNode[];
  settings?: ProcessSettings;
}
