import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { LzError } from '../errors.ts';
import type { NodeModel } from '../model/types.ts';
import { setState } from '../operations/executions.ts';
import { createIncident } from '../operations/incidents.ts';
import { createJob, retryPolicy } from '../operations/jobs.ts';
import { removeEventRows } from '../operations/owned-rows.ts';

/**
 * A script, handler or expression of a task failed. Inside the job that runs this very
 * execution, the job fails (and is retried by the job executor). Anywhere else the execution
 * is parked where it stands, behind an async job that counts this failure as the first
 * attempt — the rest of the command (other branches, the start of the instance) is kept, and
 * with no retries left an incident is raised. Nothing of the failed attempt is written.
 */
export function parkAfterFailure(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel, error: unknown): void {
  if (ctx.currentJob?.executionId === exec.id) throw error;
  if (!(error instanceof LzError)) throw error;
  const policy = retryPolicy(node.retryCycle, ctx.config.defaultRetries);
  const retries = Math.max(policy.retries - 1, 0);
  removeEventRows(inst, exec.id);
  setState(inst, exec, 'async-before');
  const job = createJob(ctx, inst, exec, node, 'async-before', new Date(ctx.now.getTime() + policy.waitMs(0)), { failedBefore: true }, retries);
  job.exception_message = error.message.slice(0, 4000);
  job.exception_stack = error.code;
  if (retries === 0) createIncident(ctx, inst, { type: 'failedJob', message: job.exception_message, executionId: exec.id, elementId: node.id, jobId: job.id });
  ctx.emit({ type: 'job.failed', jobId: job.id, processInstanceId: inst.id, elementId: node.id, message: error.message, retries });
}
