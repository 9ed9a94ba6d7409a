import type { CommandContext } from '../context/command-context.ts';
import { activityEnded } from '../context/history.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { parentOf } from './executions.ts';
import { removeOwnedRows } from './owned-rows.ts';
import { tokenEnded } from './scope-completion.ts';

/** the token ends here without moving on (as at a none end event) */
export function consumeToken(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow): void {
  if (!inst.executions.has(exec.id)) return;
  const scope = parentOf(inst, exec);
  removeOwnedRows(ctx, inst, exec.id);
  activityEnded(ctx, exec.id, 'completed');
  inst.removeExecution(exec.id);
  tokenEnded(ctx, inst, scope);
}
