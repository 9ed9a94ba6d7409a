import type { Behavior } from './behavior.ts';
import { leaveActivity } from '../operations/leave-activity.ts';

/** none task, manual task, start events, exclusive/inclusive/parallel/complex gateways (past their join) */
export const passThrough: Behavior = {
  execute: (ctx, inst, exec) => leaveActivity(ctx, inst, exec),
};
