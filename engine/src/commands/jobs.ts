import type { CommandContext } from '../context/command-context.ts';
import type { JobRow } from '../context/instance-state.ts';
import { reviveRow } from '../persistence/tables.ts';
import { runCommand } from '../context/run-command.ts';
import type { EngineServices } from '../context/services.ts';
import { LzError } from '../errors.ts';
import { createIncident, resolveIncidents } from '../operations/incidents.ts';
import { retryPolicy } from '../operations/jobs.ts';
import { continueFrom } from '../operations/leave-activity.ts';
import { startActivity } from '../operations/start-activity.ts';
import { startByEvent } from '../operations/start-by-event.ts';
import { fireTimer } from '../operations/trigger.ts';
import { nextDue, type RepeatState } from '../timers/index.ts';

async function readJob(services: EngineServices, jobId: string): Promise<JobRow> {
  const [row] = await services.db.query<Record<string, unknown>>(`SELECT row_to_json(j) AS j FROM jobs j WHERE id = $1`, [jobId]);
  if (!row) throw new LzError('LZ_ERR_JOB_NOT_FOUND', jobId);
  return reviveRow('jobs', row.j as Record<string, unknown>);
}

/**
 * Runs one job: a due timer, an async continuation, a parked task being retried. On
 * failure the job's own changes are dropped and, in a second transaction, its retries go
 * down (an incident once none are left). Returns false when the job failed.
 */
export async function executeJob(services: EngineServices, jobId: string): Promise<boolean> {
  const job = await readJob(services, jobId);
  try {
    await runCommand(services, (ctx) => runJob(ctx, job));
    return true;
  } catch (e) {
    if (e instanceof LzError && e.code === 'LZ_ERR_CONFLICT') {
      // lost a race with another command on the instance: free the job for the next round at once
      await services.db.query(`UPDATE jobs SET lock_owner = NULL, lock_expires_at = NULL WHERE id = $1 AND lock_owner IS NOT DISTINCT FROM $2`, [jobId, job.lock_owner]);
      throw e;
    }
    if (e instanceof LzError && e.code === 'LZ_ERR_JOB_NOT_FOUND') throw e;
    await recordFailure(services, jobId, e);
    return false;
  }
}

async function runJob(ctx: CommandContext, loaded: JobRow): Promise<void> {
  ctx.uow.guardJob(loaded.id, loaded.lock_owner);
  if (!loaded.instance_id) return runDefinitionTimer(ctx, loaded);
  const inst = await ctx.instance(loaded.instance_id);
  const job = inst.jobs.get(loaded.id);
  if (!job) throw new LzError('LZ_ERR_JOB_NOT_FOUND', loaded.id);
  ctx.currentJob = { id: job.id, executionId: job.execution_id };
  const exec = job.execution_id ? inst.executions.get(job.execution_id) : undefined;
  if (job.type === 'timer') return fireTimer(ctx, inst, job);
  inst.removeJob(job.id);
  resolveIncidents(ctx, inst, (i) => i.job_id === job.id);
  if (!exec) return;
  if (job.type === 'async-before' && exec.state === 'async-before') {
    ctx.agenda.push(() => startActivity(ctx, inst, exec));
  } else if (job.type === 'async-after' && exec.state === 'async-after') {
    const node = inst.model.nodes.get(exec.element_id!)!;
    ctx.agenda.push(() => continueFrom(ctx, inst, exec, node));
  }
}

/** a timer start event fires: a new instance, and the next firing of a cycle */
async function runDefinitionTimer(ctx: CommandContext, job: JobRow): Promise<void> {
  const jobs = ctx.uow.table('jobs');
  jobs.loaded(job);
  const handler = (job.handler ?? {}) as { repeat?: RepeatState | null };
  const next = handler.repeat ? nextDue(handler.repeat, job.due_at!) : null;
  if (next) jobs.patch(job.id, { due_at: next.due, handler: { ...handler, repeat: next.repeat }, lock_owner: null, lock_expires_at: null });
  else jobs.remove(job.id);
  await startByEvent(ctx, job.definition_id!, job.element_id!, {});
}

async function recordFailure(services: EngineServices, jobId: string, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 4000);
  const stack = error instanceof Error ? (error.stack ?? null) : null;
  await runCommand(services, async (ctx) => {
    const job = await readJob(services, jobId).catch(() => null);
    if (!job) return;
    const policy = retryPolicy(job.retry_cycle, ctx.config.defaultRetries);
    const retries = Math.max((job.retries ?? 1) - 1, 0);
    const attempt = Math.max(policy.retries - retries - 1, 0);
    const patch = {
      retries,
      exception_message: message,
      exception_stack: stack,
      lock_owner: null,
      lock_expires_at: null,
      due_at: new Date(ctx.now.getTime() + policy.waitMs(attempt)),
    };
    if (!job.instance_id) {
      ctx.uow.table('jobs').loaded(job);
      ctx.uow.table('jobs').patch(job.id, patch);
      return;
    }
    const inst = await ctx.instance(job.instance_id);
    const row = inst.jobs.get(job.id);
    if (!row) return;
    Object.assign(row, patch);
    inst.touchJob(row);
    // one incident per job: a job run by hand again after its incident does not raise a second one
    const open = [...inst.incidents.values()].some((i) => i.job_id === row.id);
    if (retries === 0 && !open) createIncident(ctx, inst, { type: 'failedJob', message, executionId: row.execution_id, elementId: row.element_id, jobId: row.id });
    ctx.emit({ type: 'job.failed', jobId, processInstanceId: inst.id, retries, message });
  });
}

/** set a job's retries (and resolve its incident when they go above zero) */
export function setJobRetries(services: EngineServices, jobId: string, retries: number): Promise<void> {
  if (!Number.isInteger(retries) || retries < 0) throw new LzError('LZ_ERR_BAD_REQUEST', 'retries must be a whole number ≥ 0');
  return runCommand(services, async (ctx) => {
    const job = await readJob(services, jobId);
    if (!job.instance_id) {
      ctx.uow.table('jobs').loaded(job);
      ctx.uow.table('jobs').patch(job.id, { retries });
      return;
    }
    const inst = await ctx.instance(job.instance_id);
    const row = inst.jobs.get(job.id);
    if (!row) throw new LzError('LZ_ERR_JOB_NOT_FOUND', jobId);
    row.retries = retries;
    inst.touchJob(row);
    if (retries > 0) resolveIncidents(ctx, inst, (i) => i.job_id === jobId);
  });
}

/** Camunda's setJobDuedate: when the job becomes due (null: now) */
export function setJobDueDate(services: EngineServices, jobId: string, due: Date | null): Promise<void> {
  if (due !== null && Number.isNaN(due.getTime())) throw new LzError('LZ_ERR_BAD_REQUEST', 'the due date is not a date');
  return runCommand(services, async (ctx) => {
    const job = await readJob(services, jobId);
    const due_at = due ?? ctx.now;
    if (!job.instance_id) {
      ctx.uow.table('jobs').loaded(job);
      ctx.uow.table('jobs').patch(job.id, { due_at });
      return;
    }
    const inst = await ctx.instance(job.instance_id);
    const row = inst.jobs.get(job.id);
    if (!row) throw new LzError('LZ_ERR_JOB_NOT_FOUND', jobId);
    row.due_at = due_at;
    inst.touchJob(row);
  });
}

/** gives back jobs `owner` acquired but will not run (a job executor that is stopping) */
export async function unlockJobs(services: EngineServices, jobIds: readonly string[], owner: string): Promise<void> {
  if (jobIds.length === 0) return;
  await services.db.query(`UPDATE jobs SET lock_owner = NULL, lock_expires_at = NULL WHERE id = ANY($1::text[]) AND lock_owner = $2`, [jobIds, owner]);
}

/**
 * Takes up to `max` due jobs for `owner` (FOR UPDATE SKIP LOCKED: several engines on one
 * database never take the same job; an expired lock is up for grabs again). Jobs are exclusive
 * per instance, as Camunda's exclusive jobs: none is taken while another job of its instance is
 * locked by someone else (two acquisitions racing on one instance are still safe: the
 * instance's revision check lets only one job command win, the other is retried).
 */
export async function acquireJobs(services: EngineServices, owner: string, max: number, lockMs: number): Promise<string[]> {
  const now = services.clock.now();
  const rows = await services.db.query<{ id: string }>(
    `UPDATE jobs SET lock_owner = $1, lock_expires_at = $2
     WHERE id IN (
       SELECT j.id FROM jobs j
       WHERE j.retries > 0 AND j.suspended = false AND j.due_at <= $3 AND (j.lock_expires_at IS NULL OR j.lock_expires_at < $3)
         AND (j.instance_id IS NULL OR NOT EXISTS (
           SELECT 1 FROM jobs o WHERE o.instance_id = j.instance_id AND o.id <> j.id AND o.lock_owner IS NOT NULL AND o.lock_owner <> $1 AND o.lock_expires_at >= $3))
       ORDER BY j.due_at, j.priority DESC
       LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [owner, new Date(now.getTime() + lockMs), now, max],
  );
  return rows.map((r) => r.id);
}
