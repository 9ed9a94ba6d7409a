import type { Behavior } from './behavior.ts';
import { activateScope } from '../operations/activate-scope.ts';
import { enterNode } from '../operations/enter-node.ts';
import { setData, setState } from '../operations/executions.ts';
import { tokenEnded } from '../operations/scope-completion.ts';

/**
 * Embedded sub-process, transaction and ad-hoc sub-process: the execution becomes a scope,
 * its event sub-processes start listening, and tokens go to its none start event or, without
 * one, to every node without incoming flow. An ad-hoc sub-process with Sequential ordering
 * starts its activities one after the other (BPMN 2.0 §10.2.6).
 */
export const subProcess: Behavior = {
  execute(ctx, inst, exec, node) {
    setState(inst, exec, 'scope');
    activateScope(ctx, inst, exec);
    const scope = inst.model.scopes.get(node.id)!;
    if (node.adHoc) {
      const starts = scope.implicitStarts;
      if (node.adHoc.ordering === 'Sequential' && starts.length > 0) {
        setData(inst, exec, { pending: starts.slice(1) });
        enterNode(ctx, inst, exec, starts[0]!, null);
      } else {
        for (const id of starts) enterNode(ctx, inst, exec, id, null);
      }
    } else if (scope.noneStart) {
      enterNode(ctx, inst, exec, scope.noneStart, null);
    } else {
      for (const id of scope.implicitStarts) enterNode(ctx, inst, exec, id, null);
    }
    // an empty sub-process completes at once
    tokenEnded(ctx, inst, exec);
  },
};
