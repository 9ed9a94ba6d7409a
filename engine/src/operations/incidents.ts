import type { CommandContext } from '../context/command-context.ts';
import { incidentCreated } from '../context/history.ts';
import type { InstanceState } from '../context/instance-state.ts';

/** An incident: work that failed with no retries left, waiting for someone to fix it. */
export function createIncident(
  ctx: CommandContext,
  inst: InstanceState,
  i: { type: 'failedJob' | 'failedExternalTask'; message: string | null; executionId: string | null; elementId: string | null; jobId?: string | null; externalTaskId?: string | null },
): void {
  const row = {
    id: ctx.newId(),
    type: i.type,
    message: i.message,
    instance_id: inst.id,
    execution_id: i.executionId,
    element_id: i.elementId,
    definition_id: inst.row.definition_id!,
    job_id: i.jobId ?? null,
    external_task_id: i.externalTaskId ?? null,
    created_at: ctx.now,
  };
  inst.addIncident(row);
  incidentCreated(ctx, row);
  ctx.emit({ type: 'incident.created', incidentId: row.id, processInstanceId: inst.id, elementId: i.elementId, message: i.message });
}

export function resolveIncidents(ctx: CommandContext, inst: InstanceState, match: (i: { job_id: string | null; external_task_id: string | null }) => boolean): void {
  for (const i of [...inst.incidents.values()]) {
    if (!match(i)) continue;
    inst.removeIncident(i.id);
    ctx.uow.table('hist_incidents').patch(i.id, { end_time: ctx.now, state: 'resolved' });
  }
}
