import type { CommandContext } from '../context/command-context.ts';
import { activityEnded } from '../context/history.ts';
import type { ExecutionRow, InstanceState, JobRow } from '../context/instance-state.ts';
import { setVariables } from '../context/variables.ts';
import type { NodeModel } from '../model/types.ts';
import { nextDue } from '../timers/index.ts';
import { cancelExecution } from './cancel.ts';
import { enterNode } from './enter-node.ts';
import { parentOf, setData } from './executions.ts';
import { leaveActivity } from './leave-activity.ts';
import { removeEventRows, removeOwnedRows } from './owned-rows.ts';
import { startEventSubprocess } from './propagate.ts';

/** A boundary event of `host` fires: an interrupting one cancels the host first. */
export async function fireBoundary(ctx: CommandContext, inst: InstanceState, host: ExecutionRow, boundary: NodeModel, vars: Record<string, unknown>): Promise<void> {
  const scope = parentOf(inst, host);
  if (boundary.cancelActivity) await cancelExecution(ctx, inst, host, `interrupted by ${boundary.id}`);
  setVariables(ctx, inst, scope.id, vars);
  enterNode(ctx, inst, scope, boundary.id, null, { fired: true });
}

/**
 * An event an execution waits for has arrived (a message, a signal, a due timer, a condition
 * that became true). `ownerId` is the execution the subscription or timer belongs to,
 * `elementId` the catching element.
 */
export async function eventTriggered(
  ctx: CommandContext,
  inst: InstanceState,
  ownerId: string,
  elementId: string,
  vars: Record<string, unknown>,
  eventId?: string,
): Promise<void> {
  const owner = inst.executions.get(ownerId);
  const node = inst.model.nodes.get(elementId);
  if (!owner || !node || inst.ended) return;
  if (node.type === 'boundaryEvent') return fireBoundary(ctx, inst, owner, node, vars);
  if (node.type === 'startEvent') return startEventSubprocess(ctx, inst, owner, node, vars);
  if (owner.element_id !== elementId) {
    // an event-based gateway waited: the first event wins, the others are dropped (BPMN 2.0 §13.3.5)
    const gateway = inst.model.nodes.get(owner.element_id!)!;
    const flow = gateway.outgoing.find((f) => inst.model.flows.get(f)!.target === elementId) ?? null;
    const scope = parentOf(inst, owner);
    removeOwnedRows(ctx, inst, owner.id);
    activityEnded(ctx, owner.id, 'completed');
    inst.removeExecution(owner.id);
    setVariables(ctx, inst, scope.id, vars);
    enterNode(ctx, inst, scope, elementId, flow, { fired: true });
    return;
  }
  if (node.parallelMultiple && eventId) {
    // all event definitions must have happened (BPMN 2.0 §10.5.6 parallelMultiple)
    const triggered = [...new Set([...(owner.data.triggered ?? []), eventId])];
    setData(inst, owner, { triggered });
    for (const s of [...inst.subscriptions.values()]) {
      if (s.execution_id === owner.id && (s.config as { eventId?: string }).eventId === eventId) inst.removeSubscription(s.id);
    }
    if (node.events.some((e) => !triggered.includes(e.id))) return;
  }
  setVariables(ctx, inst, owner.id, vars);
  removeEventRows(inst, owner.id);
  await leaveActivity(ctx, inst, owner);
}

/**
 * A due timer job fires. Cycles of non-interrupting boundary events and event sub-process
 * starts are scheduled again; everything else fires once.
 */
export async function fireTimer(ctx: CommandContext, inst: InstanceState, job: JobRow): Promise<void> {
  const node = inst.model.nodes.get(job.element_id!);
  const handler = (job.handler ?? {}) as { eventId?: string; repeat?: Parameters<typeof nextDue>[0] | null };
  // a catch event with a cycle of n repetitions lets a token through at each of its n firings
  // (betsy Timer_IntermediateTimeCycleEvent); an endless cycle fires it once (Camunda
  // IntermediateTimerEventTest.testTimeCycle), since it would never stop making tokens
  const countedCycle = node?.type === 'intermediateCatchEvent' && handler.repeat?.kind === 'iso' && handler.repeat.remaining !== null;
  const repeats = node && ((node.type === 'boundaryEvent' && !node.cancelActivity) || (node.type === 'startEvent' && !node.isInterrupting) || countedCycle);
  const next = repeats && handler.repeat ? nextDue(handler.repeat, job.due_at!) : null;
  if (next) {
    job.due_at = next.due;
    job.handler = { ...handler, repeat: next.repeat };
    job.retries = Math.max(job.retries ?? 0, 1);
    job.lock_owner = null;
    job.lock_expires_at = null;
    inst.touchJob(job);
  } else {
    inst.removeJob(job.id);
  }
  if (next && countedCycle) {
    const owner = inst.executions.get(job.execution_id!);
    if (owner) enterNode(ctx, inst, parentOf(inst, owner), node!.id, null, { fired: true });
    return;
  }
  await eventTriggered(ctx, inst, job.execution_id!, job.element_id!, {}, handler.eventId);
}
