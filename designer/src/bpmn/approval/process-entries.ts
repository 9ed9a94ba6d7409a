/** The "Approval" group of a process (or a pool's process): lz.withdraw, lz.serialPattern, lz.titleTemplate. */
import { isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { LZ, serialPatternProblem, titleTemplateProblem } from './approval-contract.ts';
import type { DiagramElement } from './camunda-properties.ts';
import { selectEntry, textEntry, type EntryProblem } from './property-entries.ts';
import type { Entry } from './step-entries.ts';

const Withdraw = selectEntry({
  property: LZ.withdraw,
  label: 'The initiator may withdraw',
  options: [
    ['untouched', 'While no one has acted'],
    ['always', 'Any time before the end'],
  ],
});
const SerialPattern = textEntry({
  property: LZ.serialPattern,
  label: 'Request number pattern',
  description: 'e.g. QJ-{yyyyMMdd}-{seq4}: {yyyy} {yy} {MM} {dd} {yyyyMMdd} {yyyyMM}, {seqN} an N-digit counter',
  check: (v): EntryProblem | null => {
    const p = serialPatternProblem(v);
    if (!p) return null;
    if (p.kind === 'noCounter') return { message: 'Needs a counter such as {seq}', params: { seq: '{seq4}' } };
    return { message: 'Unknown placeholder {token}', params: { token: p.token } };
  },
});
const TitleTemplate = textEntry({
  property: LZ.titleTemplate,
  label: 'Request title template',
  description: '{initiator}, {processName}, {serialNo} or any start variable in braces',
  check: (v) => {
    const bad = titleTemplateProblem(v);
    return bad === null ? null : { message: 'Bad placeholder {token}', params: { token: bad } };
  },
});

export function processEntries(element: DiagramElement): Entry[] {
  const entry = (id: string, component: unknown, isEdited: (node: unknown) => boolean): Entry => ({ id: `lz-${id}`, element, component, isEdited });
  return [entry('withdraw', Withdraw, isSelectEntryEdited), entry('serialPattern', SerialPattern, isTextFieldEntryEdited), entry('titleTemplate', TitleTemplate, isTextFieldEntryEdited)];
}
