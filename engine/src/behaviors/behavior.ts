import type { CommandContext } from '../context/command-context.ts';
import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import type { NodeModel } from '../model/types.ts';

/**
 * What an element does when a token reaches it. `execute` either completes the element on
 * the spot (leaveActivity) or leaves the execution waiting for something — a task, a message,
 * a timer — that a later command will bring.
 */
export interface Behavior {
  execute(ctx: CommandContext, inst: InstanceState, exec: ExecutionRow, node: NodeModel): void | Promise<void>;
}
