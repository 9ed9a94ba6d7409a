import type { CommandContext } from '../context/command-context.ts';
import { activityEnded } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluateCondition } from '../context/variables.ts';
import type { NodeModel } from '../model/types.ts';
import { proceed } from '../operations/enter-node.ts';
import { setData, setState } from '../operations/executions.ts';

const JOIN_GATEWAYS = new Set(['parallelGateway', 'inclusiveGateway', 'complexGateway']);

/** does a token have to wait for others before this node may start? */
export function needsJoin(node: NodeModel): boolean {
  return (JOIN_GATEWAYS.has(node.type) && node.incoming.length > 1) || (node.startQuantity > 1 && !node.type.endsWith('Gateway'));
}

/** tokens waiting at `node` in the same scope as `exec`, oldest first */
export function waitingAt(inst: InstanceState, scopeId: string, nodeId: string): ExecutionRow[] {
  return inst
    .children(scopeId)
    .filter((c) => c.state === 'joining' && c.element_id === nodeId)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** merges `tokens` into the first one, which goes on */
export function merge(ctx: CommandContext, inst: InstanceState, tokens: ExecutionRow[], node: NodeModel): void {
  const [survivor, ...rest] = tokens;
  for (const t of rest) {
    activityEnded(ctx, t.id, 'completed');
    inst.removeExecution(t.id);
  }
  setState(inst, survivor!, 'active');
  setData(inst, survivor!, { flow: undefined, absorbed: undefined });
  proceed(ctx, inst, survivor!, node);
}

/**
 * A token arrives at a join.
 * - parallel: fires when every incoming flow has a token, consuming one per flow (BPMN 2.0
 *   §13.3.4: "at least one token on each incoming sequence flow"), whatever arrives in between;
 * - startQuantity > 1 on an activity: fires when that many tokens are there (§13.2.1);
 * - inclusive, and complex without activation condition: decided once the command is quiet
 *   (pending-joins.ts), when no token elsewhere in the scope can still arrive;
 * - complex with activationCondition: fires when the condition holds for `activationCount`
 *   (§13.3.6), then absorbs the rest of the wave.
 */
export function arriveAtJoin(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): void {
  if (!inst.executions.has(exec.id) || exec.state !== 'joining') return;
  const scopeId = exec.parent_id!;
  const waiting = waitingAt(inst, scopeId, node.id);
  if (node.type === 'parallelGateway') {
    const pick: ExecutionRow[] = [];
    for (const flow of node.incoming) {
      const t = waiting.find((w) => w.data.flow === flow && !pick.includes(w));
      if (!t) return;
      pick.push(t);
    }
    return merge(ctx, inst, pick, node);
  }
  if (!node.type.endsWith('Gateway')) {
    if (waiting.length >= node.startQuantity) merge(ctx, inst, waiting.slice(0, node.startQuantity), node);
    return;
  }
  if (node.type === 'complexGateway' && node.activationCondition) {
    const scope = inst.executions.get(scopeId)!;
    const fired = (scope.data.complexFired as Record<string, boolean> | undefined)?.[node.id];
    if (fired) {
      setData(inst, exec, { absorbed: true });
      return;
    }
    const fresh = waiting.filter((w) => !w.data.absorbed);
    const ok = evaluateCondition(inst, scope, node.activationCondition, 'activationCondition', { activationCount: fresh.length });
    if (ok) {
      setData(inst, scope, { complexFired: { ...((scope.data.complexFired as Record<string, boolean>) ?? {}), [node.id]: true } });
      merge(ctx, inst, fresh, node);
    }
    return;
  }
}
