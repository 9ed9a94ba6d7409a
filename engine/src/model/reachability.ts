import type { ProcessModel } from './types.ts';

const cache = new WeakMap<ProcessModel, Map<string, Set<string>>>();

/**
 * The nodes from which `targetId` can be reached along sequence flows without passing
 * through it — counting the way from an activity out through its boundary events. Used by
 * the inclusive join: a token on one of these nodes may still arrive. Computed once per
 * model and gateway.
 */
export function reachableFrom(model: ProcessModel, targetId: string): Set<string> {
  let perModel = cache.get(model);
  if (!perModel) {
    perModel = new Map();
    cache.set(model, perModel);
  }
  const hit = perModel.get(targetId);
  if (hit) return hit;
  const out = new Set<string>();
  const stack = [targetId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const node = model.nodes.get(id);
    if (!node) continue;
    const preds: string[] = node.incoming.map((f) => model.flows.get(f)!.source);
    // a boundary event is reached from the activity it sits on
    if (node.attachedTo) preds.push(node.attachedTo);
    // a link catch is reached from its throws
    for (const n of model.nodes.values()) if (n.linkTarget === id) preds.push(n.id);
    for (const p of preds) {
      if (p === targetId || out.has(p)) continue;
      out.add(p);
      stack.push(p);
    }
  }
  perModel.set(targetId, out);
  return out;
}
