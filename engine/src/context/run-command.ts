import { LzError } from '../errors.ts';
import { evaluateConditionals } from '../operations/conditions.ts';
import { checkPendingJoins } from '../operations/pending-joins.ts';
import { CommandContext } from './command-context.ts';
import type { EngineServices } from './services.ts';

/** PostgreSQL errors that mean "someone else changed it first": the command may run again */
function isConflict(e: unknown): boolean {
  if (e instanceof LzError) return e.code === 'LZ_ERR_CONFLICT';
  const code = (e as { code?: string } | null)?.code;
  return code === 'LZ409' || code === '40001' || code === '40P01' || code === '23505';
}

/**
 * Runs one command: `fn` sets it going, the agenda is worked through until nothing is left to
 * do (joins and conditions decided when the command is quiet), and everything it changed is
 * written in one batch. A command that lost an optimistic-lock race is run again from the
 * start with fresh state (it had written nothing); after the last attempt the caller gets
 * LZ_ERR_CONFLICT.
 */
export async function runCommand<T>(services: EngineServices, fn: (ctx: CommandContext) => Promise<T> | T, opts: { retries?: number } = {}): Promise<T> {
  const retries = opts.retries ?? services.config.conflictRetries;
  for (let attempt = 0; ; attempt++) {
    const ctx = new CommandContext(services);
    try {
      const result = await fn(ctx);
      await drain(ctx);
      await ctx.uow.flush(services.commit);
      if (ctx.events.length > 0) services.emit(ctx.events);
      return result;
    } catch (e) {
      if (!isConflict(e)) throw e;
      if (attempt >= retries) {
        throw e instanceof LzError ? e : new LzError('LZ_ERR_CONFLICT', (e as Error).message);
      }
    }
  }
}

async function drain(ctx: CommandContext): Promise<void> {
  for (let round = 0; round < 10_000; round++) {
    await ctx.agenda.run();
    let moved = false;
    for (const inst of [...ctx.instances.values()]) {
      if (checkPendingJoins(ctx, inst)) moved = true;
      if (await evaluateConditionals(ctx, inst)) moved = true;
    }
    if (!moved && ctx.agenda.isEmpty()) return;
  }
  throw new LzError('LZ_ERR_LOOP_LIMIT', 'the command did not settle');
}
