import type { ActivityInstance, Engine, ModificationInstruction, ProcessModel, TaskInfo } from '@liuzhuan/engine';
import { isApprovalStep, isResubmitStep } from './policy.ts';
import { RESUBMIT_PENDING } from './step-policy-hook.ts';

export interface ReturnableStep {
  activityId: string;
  name: string | null;
  kind: 'step' | 'initiator';
}

const SPLIT_JOIN = new Set(['parallelGateway', 'inclusiveGateway', 'complexGateway']);

/** the nodes of the same scope from which `to` can be reached along sequence flows */
function upstream(model: ProcessModel, to: string): Set<string> {
  const seen = new Set<string>();
  const queue = [to];
  while (queue.length) {
    const node = model.nodes.get(queue.pop()!);
    for (const f of node?.incoming ?? []) {
      const src = model.flows.get(f)!.source;
      if (!seen.has(src)) {
        seen.add(src);
        queue.push(src);
      }
    }
  }
  seen.delete(to);
  return seen;
}

/**
 * Does `from` reach `to` in one line — without passing a parallel, inclusive or complex
 * gateway that splits or joins? Then a return from `to` to `from` concerns this token only
 * (branches beside this one go on); otherwise `from` lies before a split, and returning there
 * abandons every branch of it: the ones still running and the tokens waiting at the join.
 */
function sameLine(model: ProcessModel, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length) {
    const node = model.nodes.get(queue.pop()!)!;
    for (const f of node.outgoing) {
      const target = model.flows.get(f)!.target;
      if (target === to) return true;
      const t = model.nodes.get(target)!;
      if (seen.has(target) || (SPLIT_JOIN.has(t.type) && (t.incoming.length > 1 || t.outgoing.length > 1))) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return false;
}

/**
 * The steps a request may be returned to from `task` (退回): approval steps before it in its
 * scope that someone completed in this request, newest first, and the initiator when the
 * model has a resubmit step before it.
 */
export async function returnableSteps(engine: Engine, model: ProcessModel, task: TaskInfo): Promise<ReturnableStep[]> {
  const node = model.nodes.get(task.taskDefinitionKey);
  if (!node) return [];
  const before = upstream(model, node.id);
  const done = await engine.getHistoricTasks({ processInstanceId: task.processInstanceId, sort: [{ by: 'endTime', order: 'desc' }] });
  const out: ReturnableStep[] = [];
  const seen = new Set<string>();
  for (const h of done) {
    const n = model.nodes.get(h.taskDefinitionKey);
    if (h.deleteReason !== 'completed' || !n || seen.has(n.id) || !before.has(n.id) || n.scopeId !== node.scopeId || !isApprovalStep(n)) continue;
    seen.add(n.id);
    out.push({ activityId: n.id, name: n.name, kind: 'step' });
  }
  const resubmit = [...before].map((id) => model.nodes.get(id)!).find((n) => isResubmitStep(n) && n.scopeId === node.scopeId);
  if (resubmit) out.push({ activityId: resubmit.id, name: resubmit.name, kind: 'initiator' });
  return out;
}

function findInstance(tree: ActivityInstance, id: string): { inst: ActivityInstance; path: ActivityInstance[] } | null {
  if (tree.id === id || tree.executionIds.includes(id)) return { inst: tree, path: [] };
  for (const c of tree.childActivityInstances) {
    const found = findInstance(c, id);
    if (found) return { inst: found.inst, path: [tree, ...found.path] };
  }
  return null;
}

/**
 * The modification that returns the request from `task` to `target` in one command: the
 * step's activity instance is cancelled (the multi-instance body, so every signer of a
 * countersign goes), or — when the target lies before a split whose branches meet again
 * before this step — every activity instance of the scope (the other branches' tasks and the
 * tokens waiting at the join); then the target starts again, its approvers resolved anew.
 * Camunda's modification (cancel + startBeforeActivity) does the work; what to cancel is the
 * part flowable-engine #1222 gets wrong.
 */
export async function returnInstructions(engine: Engine, model: ProcessModel, task: TaskInfo, target: ReturnableStep): Promise<ModificationInstruction[]> {
  const tree = await engine.getActivityTree(task.processInstanceId);
  const found = tree ? findInstance(tree, task.executionId) : null;
  if (!tree || !found) throw new Error(`task ${task.id} has no activity instance`);
  // the step's own instance: the multi-instance body around the task's, when there is one
  const parent = found.path[found.path.length - 1];
  const stepInstance = parent && parent.activityId === `${task.taskDefinitionKey}#multiInstanceBody` ? parent : found.inst;
  const scope = parent === stepInstance ? found.path[found.path.length - 2]! : parent!;
  const cancel: ModificationInstruction[] = sameLine(model, target.activityId, task.taskDefinitionKey)
    ? [{ type: 'cancel', activityInstanceId: stepInstance.id }]
    : [
        ...scope.childActivityInstances.map((a): ModificationInstruction => ({ type: 'cancel', activityInstanceId: a.id })),
        ...scope.childTransitionInstances.map((t): ModificationInstruction => ({ type: 'cancel', transitionInstanceId: t.id })),
      ];
  const variables = target.kind === 'initiator' ? { [RESUBMIT_PENDING]: true } : undefined;
  return [
    ...cancel,
    { type: 'startBeforeActivity', activityId: target.activityId, ...(scope.activityType !== 'processDefinition' ? { ancestorActivityInstanceId: scope.id } : {}), ...(variables ? { variables } : {}) },
  ];
}
