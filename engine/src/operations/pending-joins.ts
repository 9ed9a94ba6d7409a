import type { CommandContext } from '../context/command-context.ts';
import { activityEnded } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { merge, waitingAt } from '../behaviors/joins.ts';
import { reachableFrom } from '../model/reachability.ts';
import { liveChildren, setData } from './executions.ts';

/**
 * Inclusive joins (and complex joins resetting) are decided when the command has run out of
 * work, so every token stands where it will wait. BPMN 2.0 §13.3.3: the gateway fires when
 * it holds a token and no token elsewhere in the scope can still reach one of its incoming
 * flows without passing through it (Camunda's InclusiveGatewayTest.testPartialMergingInclusiveGateway,
 * testJoinAfterEventBasedGateway, testLoop). Returns whether anything fired.
 */
export function checkPendingJoins(ctx: CommandContext, inst: InstanceState): boolean {
  if (inst.ended) return false;
  const seen = new Set<string>();
  let fired = false;
  for (const exec of [...inst.executions.values()]) {
    if (exec.state !== 'joining' || !inst.executions.has(exec.id)) continue;
    const node = inst.model.nodes.get(exec.element_id!)!;
    if (node.type !== 'inclusiveGateway' && node.type !== 'complexGateway') continue;
    const key = `${exec.parent_id}/${node.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const scope = inst.executions.get(exec.parent_id!)!;
    if (canStillArrive(inst, scope, node.id)) continue;
    const waiting = waitingAt(inst, scope.id, node.id);
    if (node.type === 'complexGateway' && node.activationCondition) {
      // the wave is over: drop what was absorbed and reset the gateway
      for (const t of waiting.filter((w) => w.data.absorbed)) {
        activityEnded(ctx, t.id, 'completed');
        inst.removeExecution(t.id);
      }
      const flags = { ...((scope.data.complexFired as Record<string, boolean>) ?? {}) };
      delete flags[node.id];
      setData(inst, scope, { complexFired: flags });
      fired = true;
      continue;
    }
    // one token per incoming flow is consumed; more on the same flow wait for the next round
    const pick: ExecutionRow[] = [];
    for (const flow of node.incoming) {
      const t = waiting.find((w) => w.data.flow === flow && !pick.includes(w));
      if (t) pick.push(t);
    }
    if (pick.length === 0) continue;
    merge(ctx, inst, pick, node);
    fired = true;
  }
  return fired;
}

function canStillArrive(inst: InstanceState, scope: ExecutionRow, gatewayId: string): boolean {
  const upstream = reachableFrom(inst.model, gatewayId);
  for (const c of liveChildren(inst, scope.id)) {
    if (c.element_id === gatewayId && c.state === 'joining') continue;
    if (upstream.has(c.element_id!)) return true;
  }
  return false;
}
