import type { ExecutionRow, InstanceState } from '../context/instance-state.ts';
import { evaluateCondition } from '../context/variables.ts';
import { LzError } from '../errors.ts';
import type { FlowModel, NodeModel } from '../model/types.ts';

function flowsOf(inst: InstanceState, node: NodeModel): FlowModel[] {
  return node.outgoing.map((id) => inst.model.flows.get(id)!);
}

function holds(inst: InstanceState, exec: ExecutionRow, f: FlowModel): boolean {
  return f.condition === null || evaluateCondition(inst, exec, f.condition, `condition of flow '${f.id}'`);
}

function none(node: NodeModel): never {
  // Camunda ENGINE-02004
  throw new LzError('LZ_ERR_NO_OUTGOING_FLOW', `no outgoing sequence flow of '${node.id}' could be selected`, { elementId: node.id });
}

/**
 * Which sequence flows a completed node takes.
 * - exclusive: the first flow (document order) whose condition holds — a flow without condition
 *   holds — else the default, else an error (BPMN 2.0 §13.3.2, Camunda ExclusiveGatewayTest).
 * - inclusive / complex: every flow that holds, else the default, else an error (§13.3.3).
 * - parallel: every flow; conditions on them are ignored (§13.3.4, betsy ParallelGateway_Conditions).
 * - other nodes (uncontrolled flow, §13.2.1): every flow without condition plus every flow whose
 *   condition holds; the default only when no conditional flow holds.
 */
export function selectOutgoing(inst: InstanceState, exec: ExecutionRow, node: NodeModel): FlowModel[] {
  const flows = flowsOf(inst, node);
  if (flows.length === 0) return [];
  const dflt = node.defaultFlow ? inst.model.flows.get(node.defaultFlow)! : null;
  const others = flows.filter((f) => f !== dflt);
  switch (node.type) {
    case 'parallelGateway':
      return flows;
    case 'exclusiveGateway': {
      const first = others.find((f) => holds(inst, exec, f));
      return first ? [first] : dflt ? [dflt] : none(node);
    }
    case 'inclusiveGateway':
    case 'complexGateway': {
      const chosen = others.filter((f) => holds(inst, exec, f));
      return chosen.length > 0 ? chosen : dflt ? [dflt] : none(node);
    }
    case 'eventBasedGateway':
      return [];
    default: {
      const unconditional = others.filter((f) => f.condition === null);
      const conditional = others.filter((f) => f.condition !== null && holds(inst, exec, f));
      const chosen = [...unconditional, ...conditional];
      if (dflt && conditional.length === 0) chosen.push(dflt);
      if (chosen.length === 0) none(node);
      // keep document order
      return flows.filter((f) => chosen.includes(f));
    }
  }
}
