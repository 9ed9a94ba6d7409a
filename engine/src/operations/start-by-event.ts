import type { CommandContext } from '../context/command-context.ts';
import type { InstanceState } from '../context/instance-state.ts';
import { startInstance } from './start-instance.ts';

/** a message, signal, timer or condition starts a new instance at one of its start events */
export async function startByEvent(
  ctx: CommandContext,
  definitionId: string,
  startEventId: string,
  opts: { variables?: Record<string, unknown>; businessKey?: string | null },
): Promise<InstanceState> {
  const def = await ctx.services.definitions.byId(definitionId);
  const inst = ctx.createInstance(def, { businessKey: opts.businessKey ?? null });
  startInstance(ctx, inst, opts.variables, startEventId, true);
  return inst;
}
