/**
 * The camunda:property entries simple mode writes (docs/approvals.md): an approver step's
 * lz.* policies, the resubmit step's marker and the process-level options. A tree stored before
 * a field existed gets the contract's default for it.
 */
import { DEFAULT_EMPTY_ADMIN, LZ, RESUBMIT_STEP, type StepSource } from '../bpmn/approval/approval-contract.ts';
import type { ApproverNode, ApproverPolicy, ProcessSettings, SourceKind, StepTimeout, TimeoutUnit } from './types.ts';

export type Property = [name: string, value: string];

/** every policy with its default filled in (the first value of each row of the contract's table) */
export type ResolvedPolicy = Required<Omit<ApproverPolicy, 'timeout'>> & { timeout: StepTimeout | null };

export const DEFAULT_POLICY: ResolvedPolicy = {
  empty: 'autoApprove',
  emptyAdmin: '',
  selfApprove: false,
  repeatApprove: false,
  timeout: null,
  commentRequired: 'never',
  rejectPolicy: 'end',
};

/** a new ratio step's pass ratio */
export const DEFAULT_PASS_RATIO = 0.6;

export function resolvePolicy(node: ApproverNode): ResolvedPolicy {
  const p = node.policy ?? {};
  return {
    empty: p.empty ?? DEFAULT_POLICY.empty,
    emptyAdmin: p.emptyAdmin ?? DEFAULT_POLICY.emptyAdmin,
    selfApprove: p.selfApprove ?? DEFAULT_POLICY.selfApprove,
    repeatApprove: p.repeatApprove ?? DEFAULT_POLICY.repeatApprove,
    timeout: p.timeout ?? null,
    commentRequired: p.commentRequired ?? DEFAULT_POLICY.commentRequired,
    rejectPolicy: p.rejectPolicy ?? DEFAULT_POLICY.rejectPolicy,
  };
}

const SOURCE: Record<SourceKind, StepSource> = {
  user: 'users',
  users: 'users',
  role: 'role',
  // a group's members are read the same way as a role's (usersWithRole reads group membership)
  group: 'role',
  'dept-head': 'deptHead',
  manager: 'manager',
  'initiator-dept-head': 'initiatorDeptHead',
  'initiator-picks': 'initiatorPicks',
  'previous-picks': 'previousPicks',
  'form-field': 'formField',
};

/** the lz.source value of a source kind */
export function stepSource(kind: SourceKind): StepSource {
  return SOURCE[kind];
}

const UNIT: Record<TimeoutUnit, (n: number) => string> = {
  minutes: (n) => `PT${n}M`,
  hours: (n) => `PT${n}H`,
  days: (n) => `P${n}D`,
};

/** `{ amount: 24, unit: 'hours' }` → `PT24H` (an unknown unit, which validateTree reports, as hours) */
export function timeoutDuration(t: Pick<StepTimeout, 'amount' | 'unit'>): string {
  return (UNIT[t.unit] ?? UNIT.hours)(t.amount);
}

/** the step's camunda:property entries, in the contract's order */
export function approverProperties(node: ApproverNode): Property[] {
  const p = resolvePolicy(node);
  const out: Property[] = [
    [LZ.approval, 'true'],
    [LZ.mode, node.mode],
  ];
  if (node.mode === 'ratio') out.push([LZ.passRatio, String(node.passRatio ?? DEFAULT_PASS_RATIO)]);
  out.push([LZ.source, stepSource(node.source.kind)], [LZ.empty, p.empty]);
  if (p.empty === 'admin') out.push([LZ.emptyAdmin, p.emptyAdmin.trim() || DEFAULT_EMPTY_ADMIN]);
  out.push([LZ.selfApprove, String(p.selfApprove)], [LZ.repeatApprove, String(p.repeatApprove)]);
  if (p.timeout) {
    out.push([LZ.timeout, timeoutDuration(p.timeout)], [LZ.timeoutAction, p.timeout.action]);
    if (p.timeout.action === 'remind') out.push([LZ.remindTimes, String(p.timeout.remindTimes ?? 1)]);
  }
  out.push([LZ.commentRequired, p.commentRequired], [LZ.rejectPolicy, p.rejectPolicy]);
  return out;
}

export const RESUBMIT_PROPERTIES: Property[] = [[LZ.step, RESUBMIT_STEP]];

/** the process's camunda:property entries: lz.withdraw always, the patterns when set */
export function processProperties(settings: ProcessSettings | undefined): Property[] {
  const s = settings ?? {};
  const out: Property[] = [[LZ.withdraw, s.withdraw ?? 'untouched']];
  if (s.serialPattern?.trim()) out.push([LZ.serialPattern, s.serialPattern.trim()]);
  if (s.titleTemplate?.trim()) out.push([LZ.titleTemplate, s.titleTemplate.trim()]);
  return out;
}
