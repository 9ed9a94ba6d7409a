/**
 * What an approver node becomes on its bpmn:userTask (API contract D): who gets the task
 * (camunda:assignee / candidateUsers / candidateGroups) or a multi-instance loop over the
 * approvers, and the branch conditions. The org functions (`manager`, `deptHead`,
 * `usersWithRole`) are the runtime's expression functions (runtime/src/services/org/org-functions.ts).
 */
import { parseIdList } from './tree-ops.ts';
import type { ApproverNode } from './types.ts';

export interface ApproverAssignment {
  /** camunda:* attributes of the user task, without the prefix */
  attrs: Record<string, string>;
  loop: { isSequential: boolean; collection: string; elementVariable: string; completionCondition: string } | null;
}

/** the element variable of the loop: each inner task is assigned to it */
export const APPROVER_VARIABLE = 'approver';
/** all and sequential: the loop stops at the first rejection (`approved` is set by POST /api/tasks/:id/act) */
export const STOP_ON_REJECT = '${approved == false}';
/** any: the first decision counts, whichever it is */
export const FIRST_DECISION = '${nrOfCompletedInstances >= 1}';

/** a JUEL string literal: `'it\'s'` */
function juelString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** a FEEL list of strings: `=["u1","u2"]` (JUEL has no list literal; the engine reads `=…` as FEEL) */
function feelList(items: string[]): string {
  return `=[${items.map((s) => JSON.stringify(s)).join(',')}]`;
}

function loopOver(node: ApproverNode, collection: string): ApproverAssignment {
  return {
    attrs: { assignee: `\${${APPROVER_VARIABLE}}` },
    loop: {
      isSequential: node.mode === 'sequential',
      collection,
      elementVariable: APPROVER_VARIABLE,
      completionCondition: node.mode === 'any' ? FIRST_DECISION : STOP_ON_REJECT,
    },
  };
}

export function approverAssignment(node: ApproverNode): ApproverAssignment {
  const { kind, value } = node.source;
  const v = value.trim();
  switch (kind) {
    case 'user':
    case 'users': {
      const users = parseIdList(v);
      if (users.length <= 1) return { attrs: { assignee: users[0] ?? '' }, loop: null };
      // any: one of them claims the task; all / sequential: one task each
      if (node.mode === 'any') return { attrs: { candidateUsers: users.join(',') }, loop: null };
      return loopOver(node, feelList(users));
    }
    case 'role':
      return loopOver(node, `\${usersWithRole(${juelString(v)})}`);
    case 'group':
      if (node.mode === 'any') return { attrs: { candidateGroups: v }, loop: null };
      // a group's members: usersWithRole reads identity group membership, whatever the group's type
      return loopOver(node, `\${usersWithRole(${juelString(v)})}`);
    case 'dept-head':
      return { attrs: { assignee: `\${deptHead(${juelString(v)})}` }, loop: null };
    case 'manager': {
      const level = node.source.level ?? 1;
      return { attrs: { assignee: level > 1 ? `\${manager(initiator, ${level})}` : '${manager(initiator)}' }, loop: null };
    }
  }
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
