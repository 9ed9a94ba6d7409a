import type { Scenario } from '../scenario.ts';
import b01MultipleJoins from './01-multiple-joins.ts';
import b02SucceedingJoins from './02-succeeding-joins.ts';
import b03OneOrTheOther from './03-one-or-the-other.ts';
import b04BoundaryTimeout from './04-boundary-timeout.ts';
import b05BoundaryNonInteruptingTimer from './05-boundary-non-interupting-timer.ts';
import b06BoundErrorAndTimer from './06-bound-error-and-timer.ts';
import b07TaskMultipleInbound from './07-task-multiple-inbound.ts';
import b08MultipleEndEvents from './08-multiple-endEvents.ts';
import b09Issue163 from './09-issue-163.ts';
import b10CallActivity from './10-call-activity.ts';
import b11MotherOfAll from './11-mother-of-all.ts';
import b12Lanes from './12-lanes.ts';
import b13Issue187 from './13-issue-187.ts';

/** every scenario of bpmn-engine/CASES.md, in its numbering */
export const BPMN_ENGINE_SCENARIOS: Scenario[] = [
  b01MultipleJoins,
  b02SucceedingJoins,
  b03OneOrTheOther,
  b04BoundaryTimeout,
  b05BoundaryNonInteruptingTimer,
  b06BoundErrorAndTimer,
  b07TaskMultipleInbound,
  b08MultipleEndEvents,
  b09Issue163,
  b10CallActivity,
  b11MotherOfAll,
  b12Lanes,
  b13Issue187,
];
