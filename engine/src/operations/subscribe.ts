import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluate } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import type { EventDefinition, NodeModel } from '../model/types.ts';
import { firstDue } from '../timers/index.ts';
import { createJob } from './jobs.ts';

/**
 * Makes `owner` wait for one event definition of `node`: a subscription row for messages,
 * signals and conditions, a timer job for timers. Expressions (message names, timer values)
 * are evaluated now, in the owner's variable scope.
 */
export function subscribe(ctx: CommandContext, inst: InstanceState, owner: ExecutionRow, node: NodeModel, def: EventDefinition): void {
  switch (def.kind) {
    case 'message': {
      const name = String(evaluate(inst, owner, def.messageName, 'message name') ?? '');
      const key = def.correlationKey ? evaluate(inst, owner, def.correlationKey, 'correlation key') : null;
      addSubscription(ctx, inst, owner, node, 'message', name, { eventId: def.id, correlationKey: key === null || key === undefined ? null : String(key) });
      return;
    }
    case 'signal': {
      const name = String(evaluate(inst, owner, def.signalName, 'signal name') ?? '');
      addSubscription(ctx, inst, owner, node, 'signal', name, { eventId: def.id });
      return;
    }
    case 'conditional': {
      // the caller evaluates the condition right away; later it is evaluated again after changes
      const id = addSubscription(ctx, inst, owner, node, 'conditional', null, { eventId: def.id });
      ctx.conditionSeen.set(id, inst.varVersion);
      return;
    }
    case 'timer': {
      const raw = evaluate(inst, owner, def.timer.value, `timer ${def.timer.type}`);
      const value = raw instanceof Date ? raw : String(raw ?? '').trim();
      let scheduled;
      try {
        scheduled = firstDue(def.timer.type, value, ctx.now);
      } catch (e) {
        // a cycle with nothing left to fire simply never fires
        if (e instanceof LzError && e.details.reason === 'no-firing') return;
        throw e;
      }
      createJob(ctx, inst, owner, node, 'timer', scheduled.due, { eventId: def.id, repeat: scheduled.repeat });
      return;
    }
    default:
      return;
  }
}

function addSubscription(
  ctx: CommandContext,
  inst: InstanceState,
  owner: ExecutionRow,
  node: NodeModel,
  type: 'message' | 'signal' | 'conditional',
  name: string | null,
  config: Record<string, unknown>,
): string {
  const id = ctx.newId();
  inst.addSubscription({
    id,
    type,
    event_name: name,
    instance_id: inst.id,
    execution_id: owner.id,
    element_id: node.id,
    definition_id: inst.row.definition_id,
    config,
    created_at: ctx.now,
  });
  return id;
}

/** the catch events an element waits for at run time (compensation and error are looked up, not subscribed) */
export function subscribable(def: EventDefinition): boolean {
  return def.kind === 'message' || def.kind === 'signal' || def.kind === 'timer' || def.kind === 'conditional';
}
