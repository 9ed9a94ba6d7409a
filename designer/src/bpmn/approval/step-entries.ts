/**
 * The "Approval" group of a user task: the lz.* properties of an approval step
 * (docs/approvals.md, "Properties of a step"), or the resubmit step's marker. The entries past
 * "approval step" show once it is ticked; the ones that only matter for one value show with it.
 */
import { isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { BAD_ID_CHARS, isDuration, isPassRatio, isRemindTimes, LZ, RESUBMIT_STEP, TIMEOUT_ACTIONS } from './approval-contract.ts';
import type { DiagramElement, UpdateCommand } from './camunda-properties.ts';
import { checkboxEntry, hasValue, isSet, selectEntry, textEntry, valueOf } from './property-entries.ts';

/** a sequential step's loop runs one instance after another: lz.mode and isSequential change together */
function loopOrder(element: DiagramElement, mode: string): UpdateCommand[] {
  const loop = element.businessObject.get('loopCharacteristics');
  if (loop?.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return [];
  const sequential = mode === 'sequential';
  if (Boolean(loop.get('isSequential')) === sequential) return [];
  return [{ cmd: 'element.updateModdleProperties', context: { element, moddleElement: loop, properties: { isSequential: sequential } } }];
}

const ApprovalStep = checkboxEntry({ property: LZ.approval, label: 'Approval step', description: 'Approve and reject are votes; the flow after it routes on ${approved}' });
const ResubmitStep = checkboxEntry({
  property: LZ.step,
  value: RESUBMIT_STEP,
  label: "Initiator's resubmit step",
  description: 'Assign it to ${initiator}, right after the start: a return to the initiator waits here',
});
const Mode = selectEntry({
  property: LZ.mode,
  label: 'Approval mode',
  options: [
    ['all', 'Everyone must approve (countersign)'],
    ['any', 'The first decision counts'],
    ['sequential', 'One after another'],
    ['ratio', 'A share of the approvers'],
  ],
  extra: loopOrder,
});
const PassRatio = textEntry({
  property: LZ.passRatio,
  label: 'Pass ratio',
  description: 'Share of the approvers needed, more than 0 and at most 1, e.g. 0.6',
  check: (v) => (isPassRatio(v) ? null : { message: 'More than 0 and at most 1, e.g. 0.6' }),
});
const Empty = selectEntry({
  property: LZ.empty,
  label: 'No approver found',
  options: [
    ['autoApprove', 'Pass automatically'],
    ['autoReject', 'Reject automatically'],
    ['admin', 'Give it to an administrator'],
  ],
});
const EmptyAdmin = textEntry({
  property: LZ.emptyAdmin,
  label: 'Administrator (user id)',
  placeholder: 'admin',
  check: (v) => (BAD_ID_CHARS.test(v) ? { message: 'A user id without quotes, $, braces or < >' } : null),
});
const SelfApprove = checkboxEntry({ property: LZ.selfApprove, label: 'Initiator approves automatically', description: 'When the initiator is one of the approvers' });
const RepeatApprove = checkboxEntry({ property: LZ.repeatApprove, label: 'Skip repeat approvers', description: 'Someone who already approved this request approves automatically' });
const Timeout = textEntry({
  property: LZ.timeout,
  label: 'Timeout',
  description: 'ISO 8601 duration, e.g. PT24H or P2D; empty: no timeout',
  check: (v) => (isDuration(v) ? null : { message: 'An ISO 8601 duration, e.g. PT24H' }),
});
const TimeoutAction = selectEntry({
  property: LZ.timeoutAction,
  label: 'On timeout',
  options: [
    ['remind', 'Remind the approver'],
    ['autoApprove', 'Approve automatically'],
    ['autoReject', 'Reject automatically'],
    ['escalate', "Give it to the approver's manager"],
  ],
});
const RemindTimes = textEntry({
  property: LZ.remindTimes,
  label: 'Reminders',
  placeholder: '1',
  check: (v) => (isRemindTimes(v) ? null : { message: 'A whole number from 1 to 100' }),
});
const CommentRequired = selectEntry({
  property: LZ.commentRequired,
  label: 'Comment required',
  options: [
    ['never', 'Not required'],
    ['reject', 'Required when rejecting'],
    ['always', 'Always required'],
  ],
});
const RejectPolicy = selectEntry({
  property: LZ.rejectPolicy,
  label: 'On reject',
  options: [
    ['end', 'End the step rejected (approved = false)'],
    ['previous', 'Return to the previous step'],
    ['initiator', 'Return to the initiator'],
  ],
});

export interface Entry {
  id: string;
  element: DiagramElement;
  component: unknown;
  isEdited: (node: unknown) => boolean;
}

export function stepEntries(element: DiagramElement): Entry[] {
  const entry = (id: string, component: unknown, isEdited: (node: unknown) => boolean): Entry => ({ id: `lz-${id}`, element, component, isEdited });
  if (!hasValue(element, LZ.approval, 'true')) {
    return [entry('approval', ApprovalStep, isCheckboxEntryEdited), entry('resubmit', ResubmitStep, isCheckboxEntryEdited)];
  }
  const out = [entry('approval', ApprovalStep, isCheckboxEntryEdited), entry('mode', Mode, isSelectEntryEdited)];
  if (hasValue(element, LZ.mode, 'ratio')) out.push(entry('passRatio', PassRatio, isTextFieldEntryEdited));
  out.push(entry('empty', Empty, isSelectEntryEdited));
  if (hasValue(element, LZ.empty, 'admin')) out.push(entry('emptyAdmin', EmptyAdmin, isTextFieldEntryEdited));
  out.push(entry('selfApprove', SelfApprove, isCheckboxEntryEdited), entry('repeatApprove', RepeatApprove, isCheckboxEntryEdited), entry('timeout', Timeout, isTextFieldEntryEdited));
  if (isSet(element, LZ.timeout)) {
    out.push(entry('timeoutAction', TimeoutAction, isSelectEntryEdited));
    // a missing or unknown action is the default, remind
    const action = valueOf(element, LZ.timeoutAction);
    if (action === 'remind' || !(TIMEOUT_ACTIONS as readonly string[]).includes(action)) out.push(entry('remindTimes', RemindTimes, isTextFieldEntryEdited));
  }
  out.push(entry('commentRequired', CommentRequired, isSelectEntryEdited), entry('rejectPolicy', RejectPolicy, isSelectEntryEdited));
  return out;
}
