import type { CommandContext } from '../context/command-context.ts';
import { incidentEnded, taskEnded } from '../context/history.ts';
import type { InstanceState } from '../context/instance-state.ts';

/**
 * Removes what hangs off an execution: its user task, external task, event subscriptions
 * (boundary events, catch events, event-based gateway targets), jobs (timers, continuations)
 * and open incidents. Compensation subscriptions are left alone unless asked for.
 */
export function removeOwnedRows(ctx: CommandContext, inst: InstanceState, execId: string, opts: { compensation?: boolean; taskReason?: string } = {}): void {
  for (const t of [...inst.tasks.values()]) {
    if (t.execution_id !== execId) continue;
    inst.removeTask(t.id);
    taskEnded(ctx, t.id, opts.taskReason ?? 'deleted');
  }
  for (const x of [...inst.externalTasks.values()]) if (x.execution_id === execId) inst.removeExternalTask(x.id);
  for (const s of [...inst.subscriptions.values()]) {
    if (s.execution_id !== execId) continue;
    if (s.type === 'compensate' && !opts.compensation) continue;
    inst.removeSubscription(s.id);
  }
  for (const j of [...inst.jobs.values()]) if (j.execution_id === execId) inst.removeJob(j.id);
  for (const i of [...inst.incidents.values()]) {
    if (i.execution_id !== execId) continue;
    inst.removeIncident(i.id);
    incidentEnded(ctx, i.id, 'deleted');
  }
}

/** boundary-event subscriptions and timers of an activity, keeping its own task etc. */
export function removeEventRows(inst: InstanceState, execId: string): void {
  for (const s of [...inst.subscriptions.values()]) if (s.execution_id === execId && s.type !== 'compensate') inst.removeSubscription(s.id);
  for (const j of [...inst.jobs.values()]) if (j.execution_id === execId && j.type === 'timer') inst.removeJob(j.id);
}
