/**
 * Simple mode (DingTalk-style approval designer): the tree an analyst edits. It is stored beside
 * the generated BPMN as the draft's `simple` field (API contract A) and turned into ordinary BPMN
 * by `toBpmn` (contract D). Pure data: no Vue, no DOM, so the tests run it in node.
 */

/** all: everyone must approve (会签); any: the first decision counts (或签); sequential: one after another (依次审批) */
export type ApprovalMode = 'all' | 'any' | 'sequential';
export const APPROVAL_MODES: readonly ApprovalMode[] = ['all', 'any', 'sequential'];

/**
 * Who approves:
 * - user: one user id (`value`); users: a comma list of user ids (`value`);
 * - role: the members of a role (`usersWithRole(value)`);
 * - dept-head: the head of department `value`;
 * - manager: the initiator's manager, `level` steps up (1 = direct manager; `value` unused);
 * - group: the members of identity group `value`.
 */
export type SourceKind = 'user' | 'users' | 'role' | 'dept-head' | 'manager' | 'group';
export const SOURCE_KINDS: readonly SourceKind[] = ['user', 'users', 'role', 'dept-head', 'manager', 'group'];

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
}

export interface ApproverNode {
  type: 'approver';
  id: string;
  name: string;
  mode: ApprovalMode;
  source: ApproverSource;
  /** a form draft key: the form the approvers see (camunda:formRef) */
  formKey?: string;
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

export interface SimpleTree {
  /** the shape of this object; bump it when it changes incompatibly */
  version: 1;
  start: StartNode;
  children: FlowNode[];
}
