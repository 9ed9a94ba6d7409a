import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState, JobRow } from '../context/instance-state.ts';
import type { NodeModel } from '../model/types.ts';
import type { RepeatState } from '../timers/index.ts';
import { parseDuration, addDuration } from '../timers/index.ts';

export type JobType = 'async-before' | 'async-after' | 'timer';

export interface JobHandler {
  /** timers: the event definition that fires */
  eventId?: string;
  /** timers with a cycle: what is left of it */
  repeat?: RepeatState | null;
  /** async jobs: the exception that parked the execution (a failing script) */
  [key: string]: unknown;
}

/**
 * Retries and wait times from `camunda:failedJobRetryTimeCycle`: `R5/PT5M` (5 retries, 5
 * minutes apart) or a list `PT1M,PT5M,PT10M` (one retry per entry). Default: the engine's
 * retries, immediately (Camunda's default is 3 retries without delay).
 */
export function retryPolicy(cycle: string | null, defaultRetries: number): { retries: number; waitMs: (attempt: number) => number } {
  if (cycle) {
    const m = /^R(\d+)\/(P.+)$/i.exec(cycle.trim());
    try {
      if (m) {
        const d = parseDuration(m[2]!);
        return { retries: Number(m[1]), waitMs: () => addDuration(new Date(0), d).getTime() };
      }
      const list = cycle.split(',').map((s) => parseDuration(s.trim()));
      if (list.length > 0) return { retries: list.length, waitMs: (i) => addDuration(new Date(0), list[Math.min(i, list.length - 1)]!).getTime() };
    } catch {
      // unparsable: fall through to the default
    }
  }
  return { retries: defaultRetries, waitMs: () => 0 };
}

export function createJob(
  ctx: CommandContext,
  inst: InstanceState,
  exec: ExecutionRow,
  node: NodeModel,
  type: JobType,
  due: Date,
  handler: JobHandler,
  retries?: number,
): JobRow {
  const job: JobRow = {
    id: ctx.newId(),
    type,
    instance_id: inst.id,
    execution_id: exec.id,
    definition_id: inst.row.definition_id!,
    definition_key: inst.row.definition_key!,
    element_id: node.id,
    handler,
    due_at: due,
    retries: retries ?? retryPolicy(node.retryCycle, ctx.config.defaultRetries).retries,
    retry_cycle: node.retryCycle,
    lock_owner: null,
    lock_expires_at: null,
    exception_message: null,
    exception_stack: null,
    priority: 0,
    suspended: false,
    created_at: ctx.now,
  };
  inst.addJob(job);
  ctx.emit({ type: 'job.created', jobId: job.id, dueAt: due.toISOString() });
  return job;
}
