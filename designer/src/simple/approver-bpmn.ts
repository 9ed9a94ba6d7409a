/**
 * What an approver node becomes on its bpmn:userTask (docs/approvals.md): a multi-instance task
 * over the approvers' collection — one task per approver, even when there is one — assigned to
 * the element variable `approver`, sequential for mode `sequential`, completed when the runtime's
 * approval service says the votes decided the step (`lzDecided`). The collection functions
 * (`usersWithRole`, `deptHeadOf`, `managerOf`, `initiatorDeptHead`, `userList`) are the
 * runtime's expression functions (runtime/src/services/org/org-functions.ts); each returns a
 * list of user ids.
 */
import { APPROVER_ASSIGNEE, APPROVER_VARIABLE, DECIDED_CONDITION } from '../bpmn/approval/approval-contract.ts';
import { parseIdList } from './tree-ops.ts';
import type { ApproverNode } from './types.ts';
import { INITIATOR_VARIABLE } from './variables.ts';

export interface ApproverAssignment {
  /** camunda:* attributes of the user task, without the prefix */
  attrs: Record<string, string>;
  loop: { isSequential: boolean; collection: string; elementVariable: string; completionCondition: string };
}

export { APPROVER_VARIABLE };

/** a JUEL string literal: `'it\'s'` */
function juelString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** a FEEL list of strings: `=["u1","u2"]` (JUEL has no list literal; the engine reads `=…` as FEEL) */
function feelList(items: string[]): string {
  return `=[${items.map((s) => JSON.stringify(s)).join(',')}]`;
}

/** the expression that lists the node's approvers */
export function approverCollection(node: ApproverNode): string {
  const { kind, value } = node.source;
  const v = value.trim();
  switch (kind) {
    case 'user':
    case 'users':
      return feelList(parseIdList(v));
    case 'role':
    case 'group':
      // a group's members: usersWithRole reads identity group membership, whatever the group's type
      return `\${usersWithRole(${juelString(v)})}`;
    case 'dept-head':
      return `\${deptHeadOf(${juelString(v)})}`;
    case 'manager':
      return `\${managerOf(${INITIATOR_VARIABLE}, ${node.source.level ?? 1})}`;
    case 'initiator-dept-head':
      return `\${initiatorDeptHead(${INITIATOR_VARIABLE})}`;
    case 'initiator-picks':
    case 'previous-picks':
    case 'form-field':
      // the value is a variable name (validateTree checks it is an identifier)
      return `\${userList(${v})}`;
  }
}

export function approverAssignment(node: ApproverNode): ApproverAssignment {
  return {
    attrs: { assignee: APPROVER_ASSIGNEE },
    loop: {
      isSequential: node.mode === 'sequential',
      collection: approverCollection(node),
      elementVariable: APPROVER_VARIABLE,
      completionCondition: DECIDED_CONDITION,
    },
  };
}

/**
 * A branch's conditionExpression: JUEL (`${…}` / `#{…}`) and FEEL with its `=` stay as written,
 * plain FEEL (`amount > 1000`) gets the `=` the engine reads FEEL by.
 */
export function branchCondition(expression: string): string {
  const e = expression.trim();
  if (e.includes('${') || e.includes('#{') || e.startsWith('=')) return e;
  return `=${e}`;
}
