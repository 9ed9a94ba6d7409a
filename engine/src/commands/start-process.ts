import type { CommandContext } from '../context/command-context.ts';
import { runCommand } from '../context/run-command.ts';
import type { DefinitionRecord } from '../model/definition-store.ts';
import type { EngineServices } from '../context/services.ts';
import { LzError } from '../errors.ts';
import { startInstance } from '../operations/start-instance.ts';

export interface StartProcessOptions {
  variables?: Record<string, unknown>;
  businessKey?: string | null;
  /** start at this start event (e.g. a message start) instead of the none start event */
  startEventId?: string;
  startUserId?: string | null;
}

export interface StartedInstance {
  id: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  /** true when the instance already ran to its end inside the start command */
  ended: boolean;
}

export function startProcess(services: EngineServices, ref: { key: string } | { definitionId: string }, opts: StartProcessOptions = {}): Promise<StartedInstance> {
  return runCommand(services, async (ctx) => {
    const def = 'key' in ref ? await services.definitions.latestChecked(ref.key) : await services.definitions.byId(ref.definitionId);
    if (!def) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', 'key' in ref ? `no process definition with key '${ref.key}'` : ref.definitionId);
    return startIn(ctx, def, opts);
  });
}

function startIn(ctx: CommandContext, def: DefinitionRecord, opts: StartProcessOptions): StartedInstance {
  if (def.row.suspended) throw new LzError('LZ_ERR_DEFINITION_SUSPENDED', def.row.id);
  const model = def.model;
  const startId: string | null = opts.startEventId ?? model.noneStart;
  if (opts.startEventId) {
    const n = model.nodes.get(opts.startEventId);
    if (!n || n.type !== 'startEvent' || n.scopeId !== model.id) throw new LzError('LZ_ERR_NO_START_EVENT', `'${opts.startEventId}' is not a start event of '${model.id}'`);
  } else if (!startId && model.root.implicitStarts.length === 0) {
    // Camunda: "has no default start activity" — it starts only by message, signal or timer
    throw new LzError('LZ_ERR_NO_START_EVENT', `process '${model.id}' has no none start event; it starts by message, signal or timer`);
  }
  const inst = ctx.createInstance(def, { businessKey: opts.businessKey ?? null, startUserId: opts.startUserId ?? null });
  // camunda:initiator: the starting user's id, unless the caller sets that variable itself
  const variables = model.initiatorVariable && opts.startUserId ? { [model.initiatorVariable]: opts.startUserId, ...(opts.variables ?? {}) } : opts.variables;
  startInstance(ctx, inst, variables, startId, !!opts.startEventId && model.noneStart !== opts.startEventId);
  return {
    id: inst.id,
    definitionId: def.row.id,
    definitionKey: def.row.key,
    businessKey: inst.row.business_key,
    get ended() {
      return inst.ended;
    },
  };
}
