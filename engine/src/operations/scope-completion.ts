import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluateCondition } from '../context/variables.ts';
import { cancelChildren } from './cancel.ts';
import { endInstance } from './end-instance.ts';
import { enterNode } from './enter-node.ts';
import { liveChildren, setData } from './executions.ts';
import { leaveActivity } from './leave-activity.ts';

/**
 * A token of `scope` is gone. When none is left the scope completes (BPMN 2.0 §10.2.4
 * "implicit end": a (sub-)process completes when it has no more tokens). Checked on the
 * agenda so that tokens created by the same step are counted.
 */
export function tokenEnded(ctx: CommandContext, inst: InstanceState, scope: ExecutionRow): void {
  ctx.agenda.push(() => checkScope(ctx, inst, scope));
}

export async function checkScope(ctx: CommandContext, inst: InstanceState, scope: ExecutionRow): Promise<void> {
  if (!inst.executions.has(scope.id) || inst.ended || scope.state !== 'scope' || scope.kind === 'mi-body') return;
  const node = scope.kind === 'node' ? inst.model.nodes.get(scope.element_id!) : undefined;
  const live = liveChildren(inst, scope.id);
  if (node?.adHoc && live.length > 0 && node.adHoc.completionCondition) {
    // an ad-hoc sub-process may complete before all its activities ran (BPMN 2.0 §10.2.6)
    if (evaluateCondition(inst, scope, node.adHoc.completionCondition, 'completionCondition') && node.adHoc.cancelRemaining) {
      await cancelChildren(ctx, inst, scope, 'ad-hoc sub-process completed');
      return completeScope(ctx, inst, scope);
    }
  }
  if (live.length > 0) return;
  if (node?.adHoc) {
    const pending = scope.data.pending ?? [];
    const done = node.adHoc.completionCondition ? evaluateCondition(inst, scope, node.adHoc.completionCondition, 'completionCondition') : false;
    if (pending.length > 0 && !done) {
      const [next, ...rest] = pending;
      setData(inst, scope, { pending: rest });
      enterNode(ctx, inst, scope, next!, null);
      return;
    }
  }
  return completeScope(ctx, inst, scope);
}

export async function completeScope(ctx: CommandContext, inst: InstanceState, scope: ExecutionRow): Promise<void> {
  if (scope.kind === 'process') return endInstance(ctx, inst, 'COMPLETED', null);
  return leaveActivity(ctx, inst, scope);
}
