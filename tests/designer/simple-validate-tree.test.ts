/** Simple mode's tree checks (designer/src/simple/validate-tree.ts): plain messages per node. */
import { describe, expect, it } from 'vitest';
import { removeBranch } from '../../designer/src/simple/tree-ops.ts';
import { validateTree } from '../../designer/src/simple/validate-tree.ts';
import { approver, branch, cc, condition, tree } from './simple-fixtures.ts';

const codes = (t: Parameters<typeof validateTree>[0]) => validateTree(t).map((p) => [p.nodeId, p.code]);

describe('validateTree', () => {
  it('accepts a complete tree', () => {
    // given
    const t = tree([approver('A', { kind: 'role', value: 'finance' }), condition('C', [branch('B1', 'amount > 1', [cc('X', ['u1'])]), branch('B2', '', [], true)])]);
    // then
    expect(validateTree(t)).toEqual([]);
  });

  it('names an approver without a value, and says so plainly', () => {
    // when
    const problems = validateTree(tree([approver('A', { kind: 'user', value: '  ' })]));
    // then
    expect(problems).toEqual([{ nodeId: 'A', code: 'approverNoValue', params: { what: 'user' }, message: 'Say who approves: user is empty.' }]);
  });

  it('a branch set with no default, a branch without a condition, a cc without people', () => {
    // given
    const t = tree([condition('C', [branch('B1', 'x > 1', [cc('X', [])]), branch('B2', '', [])])]);
    // then
    expect(codes(t)).toEqual([
      ['C', 'conditionNoDefault'],
      ['X', 'ccNoUsers'],
      ['B2', 'branchNoExpression'],
    ]);
  });

  it('bad manager levels, several roles, quotes in ids, bad form keys, reused ids', () => {
    // given
    const t = tree(
      [
        approver('A', { kind: 'manager', value: '', level: 0 }),
        approver('B', { kind: 'role', value: 'finance, hr' }),
        approver('C', { kind: 'dept-head', value: "sa'les" }, 'all', { formKey: '9form' }),
        approver('A', { kind: 'user', value: 'u1' }),
      ],
      'bad key',
    );
    // then
    expect(codes(t)).toEqual([
      ['StartEvent', 'badFormKey'],
      ['A', 'approverBadLevel'],
      ['B', 'approverOneValue'],
      ['C', 'badFormKey'],
      ['C', 'approverBadValue'],
      ['A', 'duplicateId'],
    ]);
  });

  it('accepts trees stored before policies existed, and every new source, mode and policy', () => {
    // given
    const old = JSON.parse('{"version":1,"start":{"type":"start","id":"StartEvent","name":"S"},"children":[{"type":"approver","id":"A","name":"A","mode":"any","source":{"kind":"group","value":"g"}}]}');
    const t = tree(
      [
        approver('A', { kind: 'initiator-dept-head', value: '' }, 'ratio', { passRatio: 1 }),
        approver('B', { kind: 'initiator-picks', value: 'hrApprovers' }, 'sequential', {
          policy: { empty: 'admin', emptyAdmin: 'root', selfApprove: true, repeatApprove: true, timeout: { amount: 9999, unit: 'minutes', action: 'remind', remindTimes: 100 }, commentRequired: 'always', rejectPolicy: 'initiator' },
        }),
        approver('C', { kind: 'previous-picks', value: '_next2' }, 'any', { policy: { timeout: { amount: 1, unit: 'days', action: 'escalate' }, rejectPolicy: 'previous' } }),
        approver('D', { kind: 'form-field', value: 'reviewer' }, 'ratio'),
      ],
      undefined,
      { resubmit: true, settings: { withdraw: 'always', serialPattern: 'QJ-{yyyyMMdd}-{seq4}', titleTemplate: '{initiator} 的请假申请 {days} 天' } },
    );
    // then
    expect(validateTree(old)).toEqual([]);
    expect(validateTree(t)).toEqual([]);
  });

  it('variable sources need an identifier JUEL reads as a variable', () => {
    // given
    const t = tree([
      approver('A', { kind: 'initiator-picks', value: ' ' }),
      approver('B', { kind: 'previous-picks', value: 'next approvers' }),
      approver('C', { kind: 'form-field', value: '9lives' }),
      approver('D', { kind: 'form-field', value: 'null' }),
      approver('E', { kind: 'form-field', value: "x')}" }),
    ]);
    // then
    expect(validateTree(t).map((p) => [p.nodeId, p.code, p.params.value ?? p.params.what])).toEqual([
      ['A', 'approverNoValue', 'initiator-picks'],
      ['B', 'approverBadVariable', 'next approvers'],
      ['C', 'approverBadVariable', '9lives'],
      ['D', 'approverBadVariable', 'null'],
      ['E', 'approverBadVariable', "x')}"],
    ]);
  });

  it('bad ratios, timeouts, reminders, policy values and administrators', () => {
    // given
    const user = { kind: 'user', value: 'bob' } as const;
    const t = tree([
      approver('A', user, 'ratio', { passRatio: 0 }),
      approver('B', user, 'ratio', { passRatio: 1.5 }),
      approver('C', user, 'all', { policy: { timeout: { amount: 0, unit: 'hours', action: 'remind', remindTimes: 0 } } }),
      approver('D', user, 'all', { policy: { timeout: { amount: 1.5, unit: 'weeks' as never, action: 'nap' as never } } }),
      approver('E', user, 'all', { policy: { empty: 'admin', emptyAdmin: 'ro"ot', commentRequired: 'sometimes' as never } }),
      approver('F', user, 'all', { policy: { rejectPolicy: 'initiator' } }),
    ]);
    // then
    expect(codes(t)).toEqual([
      ['A', 'approverBadRatio'],
      ['B', 'approverBadRatio'],
      ['C', 'badTimeout'],
      ['C', 'badRemindTimes'],
      ['D', 'badPolicy'],
      ['D', 'badPolicy'],
      ['D', 'badTimeout'],
      ['E', 'badPolicy'],
      ['E', 'badEmptyAdmin'],
      ['F', 'rejectNeedsResubmit'],
    ]);
  });

  it('the process options: serial number placeholders and a counter, title placeholders, withdraw values', () => {
    // given
    const bad = (settings: NonNullable<Parameters<typeof tree>[2]>['settings']) => codes(tree([], undefined, { settings }));
    // then
    expect(bad({ serialPattern: 'QJ-{yyyy}{foo}-{seq4}' })).toEqual([['StartEvent', 'badSerialPattern']]);
    expect(bad({ serialPattern: 'QJ-{yyyy}-{seq4' })).toEqual([['StartEvent', 'badSerialPattern']]);
    expect(bad({ serialPattern: 'QJ-{yyyyMM}' })).toEqual([['StartEvent', 'serialNoCounter']]);
    expect(bad({ titleTemplate: '{initiator} {bad name}' })).toEqual([['StartEvent', 'badTitleTemplate']]);
    expect(bad({ titleTemplate: '{initiator} }' })).toEqual([['StartEvent', 'badTitleTemplate']]);
    expect(bad({ withdraw: 'never' as never })).toEqual([['StartEvent', 'badPolicy']]);
    expect(bad({ serialPattern: '{yy}{MM}{dd}-{seq12}', titleTemplate: 'Plain title' })).toEqual([]);
  });

  it('the resubmit step\'s id is taken when the option is on', () => {
    // given
    const t = tree([approver('Resubmit', { kind: 'user', value: 'bob' })], undefined, { resubmit: true });
    // then
    expect(codes(t)).toEqual([['Resubmit', 'duplicateId']]);
    expect(codes({ ...t, start: { ...t.start, resubmit: false } })).toEqual([]);
  });

  it('removing the second-to-last branch puts the remaining branch\'s steps in place of the condition', () => {
    // given
    const t = tree([condition('C', [branch('B1', 'x > 1', [cc('X', ['u1'])]), branch('B2', '', [], true)]), cc('Y', ['u2'])]);
    // when
    removeBranch(t, 'B2');
    // then
    expect(t.children.map((n) => n.id)).toEqual(['X', 'Y']);
  });
});
