import type { Scenario } from '../scenario.ts';
import c01ExclusiveDiverging from './01-exclusive-diverging.ts';
import c02ExclusiveDefaultFlow from './02-exclusive-default-flow.ts';
import c03ExclusiveNoFlowSelected from './03-exclusive-no-flow-selected.ts';
import c04ExclusiveMultipleValid from './04-exclusive-multiple-valid.ts';
import c05ParallelForkJoin from './05-parallel-fork-join.ts';
import c06ParallelNestedForkJoin from './06-parallel-nested-fork-join.ts';
import c07ParallelUnbalancedForkJoin from './07-parallel-unbalanced-fork-join.ts';
import c08ParallelUnstructuredTwoJoins from './08-parallel-unstructured-two-joins.ts';
import c09InclusiveDiverging from './09-inclusive-diverging.ts';
import c10InclusiveDefaultFlow from './10-inclusive-default-flow.ts';
import c11InclusivePartialMerging from './11-inclusive-partial-merging.ts';
import c12InclusiveJoinAfterSubprocesses from './12-inclusive-join-after-subprocesses.ts';
import c13InclusiveJoinAfterEventGateway from './13-inclusive-join-after-event-gateway.ts';
import c14InclusiveLoop from './14-inclusive-loop.ts';
import c15EventGatewayAlertAndTimer from './15-event-gateway-alert-and-timer.ts';
import c17EventGatewaySignalMessageTimer from './17-event-gateway-signal-message-timer.ts';
import c18BoundaryTimerInterrupting from './18-boundary-timer-interrupting.ts';
import c19BoundaryTimersMultiple from './19-boundary-timers-multiple.ts';
import c20BoundaryTimersNonInterrupting from './20-boundary-timers-non-interrupting.ts';
import c21BoundaryTimerCycle from './21-boundary-timer-cycle.ts';
import c22StartTimerDuration from './22-start-timer-duration.ts';
import c23StartTimerCycleLimit from './23-start-timer-cycle-limit.ts';
import c24StartTimerEventSubprocess from './24-start-timer-event-subprocess.ts';
import c25StartTimerEventSubprocessNonInterrupting from './25-start-timer-event-subprocess-non-interrupting.ts';
import c26IntermediateTimer from './26-intermediate-timer.ts';
import c27IntermediateTimerCronCycle from './27-intermediate-timer-cron-cycle.ts';
import c28BoundaryErrorEmbeddedSubprocess from './28-boundary-error-embedded-subprocess.ts';
import c29BoundaryErrorInnerOnOuter from './29-boundary-error-inner-on-outer.ts';
import c30BoundaryErrorConcurrentSubprocesses from './30-boundary-error-concurrent-subprocesses.ts';
import c31BoundaryErrorFromCallActivity from './31-boundary-error-from-call-activity.ts';
import c33ErrorEventSubprocessEmbedded from './33-error-event-subprocess-embedded.ts';
import c34ErrorCodePrecedence from './34-error-code-precedence.ts';

/** camunda/CASES.md #1–#34 (A–F: gateways, timers, errors), in number order */
export const CAMUNDA_A: Scenario[] = [
  c01ExclusiveDiverging,
  c02ExclusiveDefaultFlow,
  c03ExclusiveNoFlowSelected,
  c04ExclusiveMultipleValid,
  c05ParallelForkJoin,
  c06ParallelNestedForkJoin,
  c07ParallelUnbalancedForkJoin,
  c08ParallelUnstructuredTwoJoins,
  c09InclusiveDiverging,
  c10InclusiveDefaultFlow,
  c11InclusivePartialMerging,
  c12InclusiveJoinAfterSubprocesses,
  c13InclusiveJoinAfterEventGateway,
  c14InclusiveLoop,
  c15EventGatewayAlertAndTimer,
  c17EventGatewaySignalMessageTimer,
  c18BoundaryTimerInterrupting,
  c19BoundaryTimersMultiple,
  c20BoundaryTimersNonInterrupting,
  c21BoundaryTimerCycle,
  c22StartTimerDuration,
  c23StartTimerCycleLimit,
  c24StartTimerEventSubprocess,
  c25StartTimerEventSubprocessNonInterrupting,
  c26IntermediateTimer,
  c27IntermediateTimerCronCycle,
  c28BoundaryErrorEmbeddedSubprocess,
  c29BoundaryErrorInnerOnOuter,
  c30BoundaryErrorConcurrentSubprocesses,
  c31BoundaryErrorFromCallActivity,
  c33ErrorEventSubprocessEmbedded,
  c34ErrorCodePrecedence,
];
