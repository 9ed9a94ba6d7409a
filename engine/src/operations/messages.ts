import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluate, localVariables, readVariable, setVariableLocal } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import type { NodeModel } from '../model/types.ts';
import { startByEvent } from './start-by-event.ts';
import { eventTriggered } from './trigger.ts';

export interface CorrelationOptions {
  businessKey?: string | null;
  processInstanceId?: string | null;
  /** process variables the waiting instance must have with these values */
  correlationKeys?: Record<string, unknown>;
  /** variables local to the receiving execution must have these values (no start event then) */
  localCorrelationKeys?: Record<string, unknown>;
  /** only the subscription of this execution (Camunda's messageEventReceived(name, executionId)) */
  executionId?: string | null;
  /** Zeebe-style correlation key (zeebe:subscription correlationKey) */
  correlationKey?: string | null;
  variables?: Record<string, unknown>;
  /** set locally on the execution that receives the message (a started instance gets them as its own) */
  localVariables?: Record<string, unknown>;
  /** deliver to every match instead of exactly one */
  all?: boolean;
  /** only start new instances / only wake waiting ones */
  startOnly?: boolean;
  waitingOnly?: boolean;
}

export interface CorrelationResult {
  resultType: 'Execution' | 'ProcessDefinition';
  processInstanceId: string;
  executionId?: string;
}

interface Waiting {
  subId: string;
  instanceId: string;
}

async function findWaiting(ctx: CommandContext, name: string, o: CorrelationOptions): Promise<Waiting[]> {
  const params: unknown[] = [name];
  let sql = `SELECT s.id, s.instance_id FROM event_subscriptions s JOIN process_instances i ON i.id = s.instance_id WHERE s.type = 'message' AND s.event_name = $1`;
  if (o.businessKey != null) sql += ` AND i.business_key = $${params.push(o.businessKey)}`;
  if (o.processInstanceId != null) sql += ` AND s.instance_id = $${params.push(o.processInstanceId)}`;
  if (o.executionId != null) sql += ` AND s.execution_id = $${params.push(o.executionId)}`;
  const rows = await ctx.services.db.query<{ id: string; instance_id: string }>(`${sql} ORDER BY s.id`, params);
  const found = new Map<string, Waiting>(rows.map((r) => [r.id, { subId: r.id, instanceId: r.instance_id }]));
  for (const inst of ctx.instances.values()) {
    if (inst.ended) continue;
    if (o.businessKey != null && inst.row.business_key !== o.businessKey) continue;
    if (o.processInstanceId != null && inst.id !== o.processInstanceId) continue;
    for (const s of inst.subscriptions.values()) {
      if (s.type !== 'message' || s.event_name !== name) continue;
      if (o.executionId != null && s.execution_id !== o.executionId) continue;
      found.set(s.id, { subId: s.id, instanceId: inst.id });
    }
  }
  const out: Waiting[] = [];
  for (const w of [...found.values()].sort((a, b) => (a.subId < b.subId ? -1 : 1))) {
    const inst = await ctx.tryInstance(w.instanceId);
    const sub = inst?.subscriptions.get(w.subId);
    if (!inst || !sub) continue;
    if (o.correlationKey != null && (sub.config as { correlationKey?: string | null })?.correlationKey !== o.correlationKey) continue;
    if (o.correlationKeys && !keysMatch(inst, sub.execution_id!, o.correlationKeys)) continue;
    if (o.localCorrelationKeys && !localKeysMatch(inst, sub.execution_id!, o.localCorrelationKeys)) continue;
    out.push(w);
  }
  return out;
}

function keysMatch(inst: InstanceState, execId: string, keys: Record<string, unknown>): boolean {
  for (const [k, v] of Object.entries(keys)) {
    const found = readVariable(inst, execId, k);
    if (!found.found || JSON.stringify(found.value) !== JSON.stringify(v)) return false;
  }
  return true;
}

function localKeysMatch(inst: InstanceState, execId: string, keys: Record<string, unknown>): boolean {
  const local = localVariables(inst, execId);
  return Object.entries(keys).every(([k, v]) => k in local && JSON.stringify(local[k]) === JSON.stringify(v));
}

async function startDefinitions(ctx: CommandContext, name: string): Promise<{ definitionId: string; elementId: string }[]> {
  const rows = await ctx.services.db.query<{ definition_id: string; element_id: string }>(
    `SELECT definition_id, element_id FROM event_subscriptions WHERE type = 'message' AND event_name = $1 AND instance_id IS NULL ORDER BY id`,
    [name],
  );
  return rows.map((r) => ({ definitionId: r.definition_id, elementId: r.element_id }));
}

async function deliver(ctx: CommandContext, w: Waiting, variables: Record<string, unknown>, localVars?: Record<string, unknown>): Promise<CorrelationResult> {
  const inst = (await ctx.tryInstance(w.instanceId))!;
  const sub = inst.subscriptions.get(w.subId)!;
  const result: CorrelationResult = { resultType: 'Execution', processInstanceId: inst.id, executionId: sub.execution_id! };
  for (const [k, v] of Object.entries(localVars ?? {})) setVariableLocal(ctx, inst, sub.execution_id!, k, v);
  await eventTriggered(ctx, inst, sub.execution_id!, sub.element_id!, variables, (sub.config as { eventId?: string } | null)?.eventId);
  return result;
}

/**
 * Camunda's correlateMessage: exactly one waiting execution gets the message; if none
 * waits, exactly one message start event starts a new instance; more than one match is an
 * error (MismatchingMessageCorrelationException). With `all`, every match gets it.
 */
export async function correlateMessage(ctx: CommandContext, name: string, o: CorrelationOptions = {}): Promise<CorrelationResult[]> {
  const variables = o.variables ?? {};
  const waiting = o.startOnly ? [] : await findWaiting(ctx, name, o);
  const starts = o.waitingOnly || o.processInstanceId || o.executionId || o.localCorrelationKeys ? [] : await startDefinitions(ctx, name);
  const results: CorrelationResult[] = [];
  if (o.all) {
    for (const w of waiting) results.push(await deliver(ctx, w, variables, o.localVariables));
    for (const s of starts) results.push(await startFor(ctx, s, o));
    if (results.length === 0) throw new LzError('LZ_ERR_MESSAGE_NOT_CORRELATED', `message '${name}'`);
    return results;
  }
  if (waiting.length > 1) throw new LzError('LZ_ERR_MESSAGE_AMBIGUOUS', `message '${name}' matches ${waiting.length} executions`);
  if (waiting.length === 1) return [await deliver(ctx, waiting[0]!, variables, o.localVariables)];
  if (starts.length > 1) throw new LzError('LZ_ERR_MESSAGE_AMBIGUOUS', `message '${name}' starts ${starts.length} process definitions`);
  if (starts.length === 1) return [await startFor(ctx, starts[0]!, o)];
  throw new LzError('LZ_ERR_MESSAGE_NOT_CORRELATED', `message '${name}'`);
}

async function startFor(ctx: CommandContext, s: { definitionId: string; elementId: string }, o: CorrelationOptions): Promise<CorrelationResult> {
  const inst = await startByEvent(ctx, s.definitionId, s.elementId, { variables: { ...o.variables, ...o.localVariables }, businessKey: o.businessKey ?? null });
  return { resultType: 'ProcessDefinition', processInstanceId: inst.id };
}

/**
 * A send task or message throw event without a topic publishes its message inside the
 * engine: the oldest waiting execution gets it, else a message start event starts an
 * instance; a message nobody waits for is dropped (and reported as an event).
 */
export async function publishMessage(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): Promise<void> {
  const def = node.events.find((e) => e.kind === 'message');
  if (!def || def.kind !== 'message') return;
  const name = String(evaluate(inst, exec, def.messageName, 'message name') ?? '');
  const waiting = await findWaiting(ctx, name, {});
  const first = waiting[0];
  if (first) {
    await deliver(ctx, first, {});
    return;
  }
  const starts = await startDefinitions(ctx, name);
  if (starts[0]) {
    await startFor(ctx, starts[0], {});
    return;
  }
  ctx.emit({ type: 'message.dropped', name, processInstanceId: inst.id, elementId: node.id });
}
