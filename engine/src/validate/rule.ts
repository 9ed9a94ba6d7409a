import type { NodeModel, ProcessModel } from '../model/types.ts';

export interface RuleProblem {
  elementId: string;
  message: string;
}

/** One deploy-time rule; it reads the compiled model and names each element that breaks it. */
export interface Rule {
  readonly id: string;
  check(model: ProcessModel): RuleProblem[];
}

export function nodesOf(model: ProcessModel): NodeModel[] {
  return [...model.nodes.values()];
}
