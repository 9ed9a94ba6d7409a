import type { CommandContext } from '../context/command-context.ts';
import { LzError } from '../errors.ts';
import { startByEvent } from './start-by-event.ts';
import { eventTriggered } from './trigger.ts';

interface Candidate {
  id: string;
  instanceId: string | null;
  definitionId: string | null;
  elementId: string;
  executionId: string | null;
  eventId: string | null;
}

/**
 * Throws a signal: every subscriber in every instance and every signal start event receives
 * it, matched by the signal's name, not its id (BPMN 2.0 §10.5.1; Camunda's
 * signalEventReceived). Subscribers are those listening when the signal is thrown, all in
 * this one transaction.
 */
export async function broadcastSignal(ctx: CommandContext, name: string, variables: Record<string, unknown> = {}, opts: { executionId?: string } = {}): Promise<number> {
  if (opts.executionId) return signalExecution(ctx, name, opts.executionId, variables);
  const candidates = new Map<string, Candidate>();
  const rows = await ctx.services.db.query<{ id: string; instance_id: string | null; definition_id: string | null; element_id: string; execution_id: string | null; config: { eventId?: string } | null }>(
    `SELECT id, instance_id, definition_id, element_id, execution_id, config FROM event_subscriptions WHERE type = 'signal' AND event_name = $1 ORDER BY id`,
    [name],
  );
  for (const r of rows) {
    candidates.set(r.id, { id: r.id, instanceId: r.instance_id, definitionId: r.definition_id, elementId: r.element_id, executionId: r.execution_id, eventId: r.config?.eventId ?? null });
  }
  for (const inst of ctx.instances.values()) {
    if (inst.ended) continue;
    for (const s of inst.subscriptions.values()) {
      if (s.type !== 'signal' || s.event_name !== name) continue;
      candidates.set(s.id, { id: s.id, instanceId: inst.id, definitionId: s.definition_id, elementId: s.element_id!, executionId: s.execution_id, eventId: (s.config as { eventId?: string } | null)?.eventId ?? null });
    }
  }
  let delivered = 0;
  for (const c of [...candidates.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (c.instanceId === null) {
      if (!c.definitionId) continue;
      await startByEvent(ctx, c.definitionId, c.elementId, { variables });
      delivered += 1;
      continue;
    }
    const inst = await ctx.tryInstance(c.instanceId);
    const sub = inst?.subscriptions.get(c.id);
    if (!inst || !sub) continue; // gone since: fired by an earlier receiver, or its owner ended
    await eventTriggered(ctx, inst, sub.execution_id!, sub.element_id!, variables, c.eventId ?? undefined);
    delivered += 1;
  }
  ctx.emit({ type: 'signal.thrown', name, delivered });
  return delivered;
}

/**
 * Camunda's signalEventReceived(name, executionId): only that execution's subscription to the
 * signal receives it; an execution without one is an error, not a silent no-op.
 */
async function signalExecution(ctx: CommandContext, name: string, executionId: string, variables: Record<string, unknown>): Promise<number> {
  const inst = await ctx.instanceOf('executions', executionId);
  if (!inst || !inst.executions.has(executionId)) throw new LzError('LZ_ERR_EXECUTION_NOT_FOUND', executionId);
  const sub = [...inst.subscriptions.values()].find((s) => s.type === 'signal' && s.event_name === name && s.execution_id === executionId);
  if (!sub) throw new LzError('LZ_ERR_EXECUTION_NOT_WAITING', `execution ${executionId} has no subscription to the signal '${name}'`);
  await eventTriggered(ctx, inst, executionId, sub.element_id!, variables, (sub.config as { eventId?: string } | null)?.eventId);
  ctx.emit({ type: 'signal.thrown', name, delivered: 1 });
  return 1;
}
