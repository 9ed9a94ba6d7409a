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

  it('removing the second-to-last branch puts the remaining branch\'s steps in place of the condition', () => {
    // given
    const t = tree([condition('C', [branch('B1', 'x > 1', [cc('X', ['u1'])]), branch('B2', '', [], true)]), cc('Y', ['u2'])]);
    // when
    removeBranch(t, 'B2');
    // then
    expect(t.children.map((n) => n.id)).toEqual(['X', 'Y']);
  });
});
