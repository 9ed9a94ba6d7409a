import type { NodeModel, ProcessModel } from '@liuzhuan/engine';

/**
 * An approval step's policy, read from its camunda:property entries (docs/approvals.md). A
 * value outside its list falls back to the default, so an old or hand-edited model still runs;
 * the designer only writes listed values.
 */
export type ApprovalMode = 'all' | 'any' | 'sequential' | 'ratio';
export type EmptyPolicy = 'autoApprove' | 'autoReject' | 'admin';
export type TimeoutAction = 'remind' | 'autoApprove' | 'autoReject' | 'escalate';
export type CommentRequired = 'never' | 'reject' | 'always';
export type RejectPolicy = 'end' | 'previous' | 'initiator';

export interface StepPolicy {
  mode: ApprovalMode;
  passRatio: number;
  empty: EmptyPolicy;
  emptyAdmin: string;
  selfApprove: boolean;
  repeatApprove: boolean;
  timeout: string | null;
  timeoutAction: TimeoutAction;
  remindTimes: number;
  commentRequired: CommentRequired;
  rejectPolicy: RejectPolicy;
}

export const APPROVAL_PROPERTY = 'lz.approval';
export const STEP_PROPERTY = 'lz.step';

function oneOf<T extends string>(v: string | undefined, values: readonly T[], fallback: T): T {
  const t = v?.trim();
  return (values as readonly string[]).includes(t ?? '') ? (t as T) : fallback;
}

function flag(v: string | undefined): boolean {
  return v?.trim().toLowerCase() === 'true';
}

export function isApprovalStep(node: NodeModel | undefined): boolean {
  return node?.type === 'userTask' && flag(node.properties[APPROVAL_PROPERTY]);
}

/** the initiator's resubmit step: passes when the request is filed, waits after a return */
export function isResubmitStep(node: NodeModel | undefined): boolean {
  return node?.type === 'userTask' && node.properties[STEP_PROPERTY]?.trim() === 'resubmit';
}

export function stepPolicy(node: NodeModel): StepPolicy {
  const p = node.properties;
  const ratio = Number(p['lz.passRatio']);
  const remind = Number(p['lz.remindTimes']);
  return {
    mode: oneOf(p['lz.mode'], ['all', 'any', 'sequential', 'ratio'], 'all'),
    passRatio: Number.isFinite(ratio) && ratio > 0 && ratio <= 1 ? ratio : 1,
    empty: oneOf(p['lz.empty'], ['autoApprove', 'autoReject', 'admin'], 'autoApprove'),
    emptyAdmin: p['lz.emptyAdmin']?.trim() || 'admin',
    selfApprove: flag(p['lz.selfApprove']),
    repeatApprove: flag(p['lz.repeatApprove']),
    timeout: p['lz.timeout']?.trim() || null,
    timeoutAction: oneOf(p['lz.timeoutAction'], ['remind', 'autoApprove', 'autoReject', 'escalate'], 'remind'),
    remindTimes: Number.isInteger(remind) && remind > 0 ? Math.min(remind, 100) : 1,
    commentRequired: oneOf(p['lz.commentRequired'], ['never', 'reject', 'always'], 'never'),
    rejectPolicy: oneOf(p['lz.rejectPolicy'], ['end', 'previous', 'initiator'], 'end'),
  };
}

export type WithdrawPolicy = 'untouched' | 'always';

/** process-level: when the initiator may withdraw */
export function withdrawPolicy(model: ProcessModel): WithdrawPolicy {
  return oneOf(model.properties['lz.withdraw'], ['untouched', 'always'], 'untouched');
}
