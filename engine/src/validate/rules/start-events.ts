import type { NodeModel } from '../../model/types.ts';
import type { Rule, RuleProblem } from '../rule.ts';

const PROCESS_STARTS = new Set(['message', 'timer', 'signal', 'conditional']);
const EVENT_SUBPROCESS_STARTS = new Set(['message', 'timer', 'signal', 'conditional', 'error', 'escalation', 'compensate']);

/** Which start events may start which scope (BPMN 2.0 §10.5.2, table 10.84). */
export const startEvents: Rule = {
  id: 'start-events',
  check(model) {
    const out: RuleProblem[] = [];
    for (const scope of model.scopes.values()) {
      const owner = model.nodes.get(scope.id);
      const starts = scope.children.map((id) => model.nodes.get(id)!).filter((n) => n.type === 'startEvent');
      const where = !owner ? 'process' : owner.triggeredByEvent ? 'event sub-process' : 'sub-process';
      if (where === 'event sub-process') {
        if (starts.length !== 1) out.push({ elementId: scope.id, message: 'an event sub-process needs exactly one start event' });
        for (const s of starts) {
          if (s.events.length === 0) out.push({ elementId: s.id, message: 'the start event of an event sub-process needs an event definition' });
          out.push(...allowed(s, EVENT_SUBPROCESS_STARTS, where));
          // an error ends the scope it is thrown in, so its handler cannot run beside it (Camunda BpmnParse)
          if (!s.isInterrupting && s.events.some((e) => e.kind === 'error')) out.push({ elementId: s.id, message: 'an error start event of an event sub-process must be interrupting' });
        }
      } else if (where === 'sub-process') {
        for (const s of starts) if (s.events.length > 0) out.push({ elementId: s.id, message: 'a sub-process can only be started by a none start event' });
      } else {
        for (const s of starts) out.push(...allowed(s, PROCESS_STARTS, where));
      }
    }
    return out;
  },
};

function allowed(s: NodeModel, kinds: Set<string>, where: string): RuleProblem[] {
  return s.events.filter((e) => !kinds.has(e.kind)).map((e) => ({ elementId: s.id, message: `a ${e.kind} start event cannot start a ${where}` }));
}
