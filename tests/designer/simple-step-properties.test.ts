/**
 * What simple mode writes on each approval step and on the process (docs/approvals.md): the
 * collection per approver source, the lz.* properties per mode and policy, the contract's
 * defaults for trees stored before policies existed, the resubmit step, the process options.
 */
import { describe, expect, it } from 'vitest';
import { approverAssignment, approverCollection } from '../../designer/src/simple/approver-bpmn.ts';
import { approverProperties, processProperties, timeoutDuration } from '../../designer/src/simple/step-properties.ts';
import { toBpmn } from '../../designer/src/simple/to-bpmn.ts';
import type { ApproverNode, SimpleTree } from '../../designer/src/simple/types.ts';
import { approver, propertiesOf, readProcess, tree } from './simple-fixtures.ts';

const props = (n: ApproverNode) => Object.fromEntries(approverProperties(n));

describe('approver sources → collection and lz.source', () => {
  it.each<[string, ApproverNode['source'], string, string]>([
    ['one user', { kind: 'user', value: 'li.na' }, '=["li.na"]', 'users'],
    ['named users', { kind: 'users', value: 'li.na, wang.wei,li.na' }, '=["li.na","wang.wei"]', 'users'],
    ['role', { kind: 'role', value: 'finance' }, "${usersWithRole('finance')}", 'role'],
    ['group', { kind: 'group', value: 'auditors' }, "${usersWithRole('auditors')}", 'role'],
    ['department head', { kind: 'dept-head', value: 'sales' }, "${deptHeadOf('sales')}", 'deptHead'],
    ['direct manager', { kind: 'manager', value: '', level: 1 }, '${managerOf(initiator, 1)}', 'manager'],
    ['manager 3 up', { kind: 'manager', value: '', level: 3 }, '${managerOf(initiator, 3)}', 'manager'],
    ['manager without a level', { kind: 'manager', value: '' }, '${managerOf(initiator, 1)}', 'manager'],
    ["the initiator's department head", { kind: 'initiator-dept-head', value: '' }, '${initiatorDeptHead(initiator)}', 'initiatorDeptHead'],
    ['picked by the initiator', { kind: 'initiator-picks', value: ' hrApprovers ' }, '${userList(hrApprovers)}', 'initiatorPicks'],
    ['picked by the previous approver', { kind: 'previous-picks', value: 'nextApprovers' }, '${userList(nextApprovers)}', 'previousPicks'],
    ['a form field', { kind: 'form-field', value: 'reviewer' }, '${userList(reviewer)}', 'formField'],
  ])('%s', (_, source, collection, lzSource) => {
    // given
    const n = approver('A', source);
    // when
    const a = approverAssignment(n);
    // then: always a loop over the approvers, each task assigned to ${approver}
    expect(a).toEqual({ attrs: { assignee: '${approver}' }, loop: { isSequential: false, collection, elementVariable: 'approver', completionCondition: '=lzDecided = true' } });
    expect(props(n)['lz.source']).toBe(lzSource);
  });

  it('a quote in a role id stays inside the JUEL string', () => {
    // when
    const c = approverCollection(approver('A', { kind: 'role', value: "o'neil" }));
    // then
    expect(c).toBe("${usersWithRole('o\\'neil')}");
  });
});

describe('modes → lz.mode, the loop order and lz.passRatio', () => {
  it.each([
    ['all', false],
    ['any', false],
    ['sequential', true],
    ['ratio', false],
  ] as const)('%s', (mode, sequential) => {
    // given
    const n = approver('A', { kind: 'role', value: 'finance' }, mode, mode === 'ratio' ? { passRatio: 0.75 } : {});
    // when
    const p = props(n);
    // then
    expect(p['lz.mode']).toBe(mode);
    expect(approverAssignment(n).loop.isSequential).toBe(sequential);
    expect(p['lz.passRatio']).toBe(mode === 'ratio' ? '0.75' : undefined);
  });

  it('ratio without a stored ratio writes the default 0.6', () => {
    // then
    expect(props(approver('A', { kind: 'role', value: 'x' }, 'ratio'))['lz.passRatio']).toBe('0.6');
  });
});

describe('policies → properties', () => {
  it('a tree stored before policies existed gets every default of the contract, in its order', () => {
    // given: an approver as PUT /api/drafts stored it before (no policy, no passRatio)
    const old = JSON.parse('{"type":"approver","id":"A","name":"Old","mode":"all","source":{"kind":"user","value":"bob"}}') as ApproverNode;
    // when
    const p = approverProperties(old);
    // then
    expect(p).toEqual([
      ['lz.approval', 'true'],
      ['lz.mode', 'all'],
      ['lz.source', 'users'],
      ['lz.empty', 'autoApprove'],
      ['lz.selfApprove', 'false'],
      ['lz.repeatApprove', 'false'],
      ['lz.commentRequired', 'never'],
      ['lz.rejectPolicy', 'end'],
    ]);
  });

  it('every policy set', () => {
    // given
    const n = approver('A', { kind: 'role', value: 'finance' }, 'ratio', {
      passRatio: 0.5,
      policy: { empty: 'admin', emptyAdmin: ' root ', selfApprove: true, repeatApprove: true, timeout: { amount: 24, unit: 'hours', action: 'remind', remindTimes: 3 }, commentRequired: 'always', rejectPolicy: 'initiator' },
    });
    // then
    expect(approverProperties(n)).toEqual([
      ['lz.approval', 'true'],
      ['lz.mode', 'ratio'],
      ['lz.passRatio', '0.5'],
      ['lz.source', 'role'],
      ['lz.empty', 'admin'],
      ['lz.emptyAdmin', 'root'],
      ['lz.selfApprove', 'true'],
      ['lz.repeatApprove', 'true'],
      ['lz.timeout', 'PT24H'],
      ['lz.timeoutAction', 'remind'],
      ['lz.remindTimes', '3'],
      ['lz.commentRequired', 'always'],
      ['lz.rejectPolicy', 'initiator'],
    ]);
  });

  it('an empty step for an administrator without a name goes to admin', () => {
    // then
    expect(props(approver('A', { kind: 'user', value: 'bob' }, 'all', { policy: { empty: 'admin' } }))['lz.emptyAdmin']).toBe('admin');
    expect(props(approver('A', { kind: 'user', value: 'bob' }, 'all', { policy: { empty: 'autoReject', emptyAdmin: 'root' } }))['lz.emptyAdmin']).toBeUndefined();
  });

  it.each([
    ['remind', { 'lz.timeout': 'P2D', 'lz.timeoutAction': 'remind', 'lz.remindTimes': '1' }],
    ['autoApprove', { 'lz.timeout': 'P2D', 'lz.timeoutAction': 'autoApprove' }],
    ['autoReject', { 'lz.timeout': 'P2D', 'lz.timeoutAction': 'autoReject' }],
    ['escalate', { 'lz.timeout': 'P2D', 'lz.timeoutAction': 'escalate' }],
  ] as const)('timeout action %s (reminders only for remind, 1 by default)', (action, expected) => {
    // given
    const n = approver('A', { kind: 'user', value: 'bob' }, 'all', { policy: { timeout: { amount: 2, unit: 'days', action } } });
    // when
    const p = props(n);
    // then
    expect({ 'lz.timeout': p['lz.timeout'], 'lz.timeoutAction': p['lz.timeoutAction'], 'lz.remindTimes': p['lz.remindTimes'] }).toEqual({ 'lz.remindTimes': undefined, ...expected });
  });

  it('no timeout, no timeout properties', () => {
    // when
    const p = props(approver('A', { kind: 'user', value: 'bob' }, 'all', { policy: { timeout: null } }));
    // then
    expect(Object.keys(p).filter((k) => k.startsWith('lz.timeout') || k === 'lz.remindTimes')).toEqual([]);
  });

  it('a number and a unit make the ISO 8601 duration', () => {
    // then
    expect([timeoutDuration({ amount: 30, unit: 'minutes' }), timeoutDuration({ amount: 8, unit: 'hours' }), timeoutDuration({ amount: 3, unit: 'days' })]).toEqual(['PT30M', 'PT8H', 'P3D']);
  });

  it('the XML carries the properties on the user task', async () => {
    // given
    const t = tree([approver('A', { kind: 'form-field', value: 'reviewer' }, 'any', { policy: { commentRequired: 'reject', rejectPolicy: 'previous' } })]);
    // when
    const { byId } = await readProcess(toBpmn(t, { key: 'k', name: 'n' }));
    // then
    expect(Object.fromEntries(propertiesOf(byId.get('A')))).toMatchObject({ 'lz.approval': 'true', 'lz.mode': 'any', 'lz.source': 'formField', 'lz.commentRequired': 'reject', 'lz.rejectPolicy': 'previous' });
    expect(byId.get('A')!.loopCharacteristics).toMatchObject({ collection: '${userList(reviewer)}', elementVariable: 'approver' });
  });
});

describe('the start options and the process properties', () => {
  it('without the option there is no resubmit step: the start leads to the first approver', async () => {
    // when
    const { byId } = await readProcess(toBpmn(tree([approver('A', { kind: 'user', value: 'bob' })]), { key: 'k', name: 'n' }));
    // then
    expect(byId.has('Resubmit')).toBe(false);
    expect(byId.get('StartEvent')!.outgoing.map((f: { targetRef: { id: string } }) => f.targetRef.id)).toEqual(['A']);
  });

  it('the resubmit step is named by the label, English by default, and has no start form when the start has none', async () => {
    // given
    const t = tree([approver('A', { kind: 'user', value: 'bob' })], undefined, { resubmit: true });
    // when
    const en = (await readProcess(toBpmn(t, { key: 'k', name: 'n' }))).byId.get('Resubmit')!;
    const zh = (await readProcess(toBpmn(t, { key: 'k', name: 'n', labels: { resubmit: '发起人修改' } }))).byId.get('Resubmit')!;
    // then
    expect([en.name, zh.name]).toEqual(['Resubmit', '发起人修改']);
    expect(en).toMatchObject({ assignee: '${initiator}' });
    expect(en.formRef).toBeUndefined();
  });

  it('an old tree writes the withdraw default only', async () => {
    // given
    const old = JSON.parse('{"version":1,"start":{"type":"start","id":"StartEvent","name":"Submit"},"children":[]}') as SimpleTree;
    // when
    const { process } = await readProcess(toBpmn(old, { key: 'k', name: 'n' }));
    // then
    expect(processProperties(old.settings)).toEqual([['lz.withdraw', 'untouched']]);
    expect(propertiesOf(process)).toEqual([['lz.withdraw', 'untouched']]);
  });

  it('withdraw, serial pattern and title template as written; blank ones left out', async () => {
    // given
    const t = tree([], undefined, { settings: { withdraw: 'always', serialPattern: ' QJ-{yyyyMMdd}-{seq4} ', titleTemplate: '{initiator} 的请假申请 {days} 天' } });
    // when
    const { process } = await readProcess(toBpmn(t, { key: 'k', name: 'n' }));
    // then
    expect(propertiesOf(process)).toEqual([
      ['lz.withdraw', 'always'],
      ['lz.serialPattern', 'QJ-{yyyyMMdd}-{seq4}'],
      ['lz.titleTemplate', '{initiator} 的请假申请 {days} 天'],
    ]);
    expect(processProperties({ serialPattern: '  ', titleTemplate: '' })).toEqual([['lz.withdraw', 'untouched']]);
  });
});
