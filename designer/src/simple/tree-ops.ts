/**
 * Building and editing the simple-mode tree. The page keeps the tree reactive and edits it in
 * place through these functions; names come from the caller (they are localised there).
 */
import type { ApproverNode, Branch, CcNode, ConditionNode, FlowNode, SimpleTree } from './types.ts';

/** a BPMN-safe id (an XML NCName): prefix, underscore, 7 base-36 characters */
export function newId(prefix: string, random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 7; i++) s += Math.floor(random() * 36).toString(36);
  return `${prefix}_${s}`;
}

export function createApprover(name: string): ApproverNode {
  return { type: 'approver', id: newId('Approver'), name, mode: 'all', source: { kind: 'manager', value: '', level: 1 } };
}

export function createCc(name: string): CcNode {
  return { type: 'cc', id: newId('Cc'), name, users: [] };
}

export function createBranch(name: string, isDefault = false): Branch {
  return { id: newId('Branch'), name, expression: '', isDefault, children: [] };
}

/** a condition with one conditional branch and the default one */
export function createCondition(name: string, branchName: string, defaultName: string): ConditionNode {
  return { type: 'condition', id: newId('Condition'), name, branches: [createBranch(branchName), createBranch(defaultName, true)] };
}

export function createTree(startName: string): SimpleTree {
  return { version: 1, start: { type: 'start', id: 'StartEvent', name: startName }, children: [] };
}

/** where a node sits: the list holding it and its index there */
export interface NodePlace {
  node: FlowNode;
  list: FlowNode[];
  index: number;
}

export function findNode(tree: SimpleTree, id: string): NodePlace | null {
  return findIn(tree.children, id);
}

function findIn(list: FlowNode[], id: string): NodePlace | null {
  for (let i = 0; i < list.length; i++) {
    const node = list[i]!;
    if (node.id === id) return { node, list, index: i };
    if (node.type === 'condition') {
      for (const b of node.branches) {
        const found = findIn(b.children, id);
        if (found) return found;
      }
    }
  }
  return null;
}

export function findBranch(tree: SimpleTree, branchId: string): { branch: Branch; condition: ConditionNode } | null {
  for (const c of conditions(tree.children)) {
    const branch = c.branches.find((b) => b.id === branchId);
    if (branch) return { branch, condition: c };
  }
  return null;
}

function* conditions(list: FlowNode[]): Generator<ConditionNode> {
  for (const n of list) {
    if (n.type !== 'condition') continue;
    yield n;
    for (const b of n.branches) yield* conditions(b.children);
  }
}

export function removeNode(tree: SimpleTree, id: string): boolean {
  const place = findNode(tree, id);
  if (!place) return false;
  place.list.splice(place.index, 1);
  return true;
}

/** a new conditional branch, placed before the default one */
export function addBranch(condition: ConditionNode, name: string): Branch {
  const b = createBranch(name);
  const at = condition.branches.findIndex((x) => x.isDefault);
  condition.branches.splice(at < 0 ? condition.branches.length : at, 0, b);
  return b;
}

/**
 * Removes a branch. A condition needs two branches, so when one would be left the condition
 * gives way to that branch's nodes (nothing else the analyst built is lost).
 */
export function removeBranch(tree: SimpleTree, branchId: string): boolean {
  const found = findBranch(tree, branchId);
  if (!found) return false;
  const { condition } = found;
  condition.branches = condition.branches.filter((b) => b.id !== branchId);
  if (condition.branches.length >= 2) return true;
  const place = findNode(tree, condition.id)!;
  place.list.splice(place.index, 1, ...(condition.branches[0]?.children ?? []));
  return true;
}

/** makes `branchId` the one default branch of its condition */
export function setDefaultBranch(tree: SimpleTree, branchId: string): void {
  const found = findBranch(tree, branchId);
  if (!found) return;
  for (const b of found.condition.branches) b.isDefault = b.id === branchId;
}

/** `"u1, u2,,u3"` → `['u1', 'u2', 'u3']` (trimmed, no blanks, no repeats) */
export function parseIdList(text: string): string[] {
  return [...new Set(text.split(/[,，]/).map((s) => s.trim()).filter((s) => s !== ''))];
}
