import { LzError } from '../../errors.ts';
import { validateTimerText } from '../../timers/index.ts';
import type { Rule } from '../rule.ts';
import { nodesOf } from '../rule.ts';

/** Timer texts written literally (not as expressions) must parse at deploy time. */
export const timerLiterals: Rule = {
  id: 'timer-literals',
  check: (model) =>
    nodesOf(model).flatMap((n) =>
      n.events.flatMap((e) => {
        if (e.kind !== 'timer' || !e.timer.value.isLiteral) return [];
        try {
          validateTimerText(e.timer.type, e.timer.value.source.trim());
          return [];
        } catch (err) {
          return [{ elementId: n.id, message: `timer ${e.timer.type}: ${err instanceof LzError ? err.message : String(err)}` }];
        }
      }),
    ),
};
