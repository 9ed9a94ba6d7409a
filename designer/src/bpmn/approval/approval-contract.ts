/**
 * The approval-step BPMN contract (docs/approvals.md) as data: the `camunda:property` names of
 * an approval step and of the process, their values (default first) and the checks both
 * editors share — simple mode writes these properties, the full modeler's "Approval" group
 * reads and writes them. Pure TypeScript: no bpmn-js, no Vue.
 */

export const LZ = {
  approval: 'lz.approval',
  step: 'lz.step',
  mode: 'lz.mode',
  passRatio: 'lz.passRatio',
  source: 'lz.source',
  empty: 'lz.empty',
  emptyAdmin: 'lz.emptyAdmin',
  selfApprove: 'lz.selfApprove',
  repeatApprove: 'lz.repeatApprove',
  timeout: 'lz.timeout',
  timeoutAction: 'lz.timeoutAction',
  remindTimes: 'lz.remindTimes',
  commentRequired: 'lz.commentRequired',
  rejectPolicy: 'lz.rejectPolicy',
  withdraw: 'lz.withdraw',
  serialPattern: 'lz.serialPattern',
  titleTemplate: 'lz.titleTemplate',
} as const;

/** all: 会签 everyone must approve; any: 或签 the first decision counts; sequential: 依次; ratio: a share of them */
export const APPROVAL_MODES = ['all', 'any', 'sequential', 'ratio'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/** what the collection expression does (lz.source), for the editors to show */
export const STEP_SOURCES = ['users', 'role', 'deptHead', 'manager', 'initiatorDeptHead', 'initiatorPicks', 'previousPicks', 'formField'] as const;
export type StepSource = (typeof STEP_SOURCES)[number];

export const EMPTY_POLICIES = ['autoApprove', 'autoReject', 'admin'] as const;
export type EmptyPolicy = (typeof EMPTY_POLICIES)[number];

export const TIMEOUT_ACTIONS = ['remind', 'autoApprove', 'autoReject', 'escalate'] as const;
export type TimeoutAction = (typeof TIMEOUT_ACTIONS)[number];

export const COMMENT_REQUIRED = ['never', 'reject', 'always'] as const;
export type CommentRequired = (typeof COMMENT_REQUIRED)[number];

export const REJECT_POLICIES = ['end', 'previous', 'initiator'] as const;
export type RejectPolicy = (typeof REJECT_POLICIES)[number];

export const WITHDRAW_POLICIES = ['untouched', 'always'] as const;
export type WithdrawPolicy = (typeof WITHDRAW_POLICIES)[number];

/** who gets an empty step when lz.empty=admin and lz.emptyAdmin is not set */
export const DEFAULT_EMPTY_ADMIN = 'admin';
/** the value of lz.step on the initiator's resubmit step */
export const RESUBMIT_STEP = 'resubmit';

/** the element variable of an approval step's loop; each inner task is assigned to it */
export const APPROVER_VARIABLE = 'approver';
export const APPROVER_ASSIGNEE = '${approver}';
/** set loop-locally by the runtime's approval service when the votes decide the step */
export const DECIDED_CONDITION = '=lzDecided = true';

/** what would break the expression or the attribute a user id is written into */
export const BAD_ID_CHARS = /['"\\$<>{}]/;

/** a number, from a number or the text of one ('' and anything else: NaN) */
function num(v: unknown): number {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN;
}

/** a pass ratio: 0 < r ≤ 1 */
export function isPassRatio(v: unknown): boolean {
  const n = num(v);
  return Number.isFinite(n) && n > 0 && n <= 1;
}

/** an ISO 8601 duration as timers take it: `PT24H`, `P1D`, `P1DT12H`, `PT30M` */
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
export function isDuration(v: string): boolean {
  return DURATION.test(v.trim());
}

/** how many reminders: a whole number from 1 to 100 */
export function isRemindTimes(v: unknown): boolean {
  const n = num(v);
  return Number.isInteger(n) && n >= 1 && n <= 100;
}

/** the placeholders of a serial number pattern: the date parts and `{seqN}`, an N-digit counter */
const SERIAL_TOKEN = /^(?:yyyy|yy|MM|dd|yyyyMMdd|yyyyMM|seq[1-9]\d?)$/;

/** what is wrong with a serial pattern: null when fine, else the offending placeholder or 'noCounter' */
export function serialPatternProblem(pattern: string): { kind: 'badToken'; token: string } | { kind: 'noCounter' } | null {
  const tokens = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const bad = tokens.find((t) => !SERIAL_TOKEN.test(t));
  if (bad !== undefined) return { kind: 'badToken', token: bad };
  if (/[{}]/.test(pattern.replace(/\{[^{}]*\}/g, ''))) return { kind: 'badToken', token: pattern };
  if (!tokens.some((t) => t.startsWith('seq'))) return { kind: 'noCounter' };
  return null;
}

/** a title template's placeholders are `{name}`s of variables (`{initiator}`, `{days}`); null when fine */
export function titleTemplateProblem(template: string): string | null {
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(m[1]!)) return m[0];
  const rest = template.replace(/\{[^{}]*\}/g, '');
  return /[{}]/.test(rest) ? rest.match(/[{}]/)![0] : null;
}
