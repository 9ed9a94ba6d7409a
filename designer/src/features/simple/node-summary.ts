/** One line saying what a card does ("Manager, level 2 · everyone must approve"), localised. */
import type { Composer } from 'vue-i18n';
import { parseIdList } from '../../simple/tree-ops.ts';
import type { ApproverNode, Branch, CcNode } from '../../simple/types.ts';

type T = Composer['t'];

export function approverSummary(t: T, n: ApproverNode): string {
  const { kind, value, level } = n.source;
  const v = parseIdList(value).join(', ');
  let who: string;
  if (kind === 'manager') who = (level ?? 1) > 1 ? t('simple.summary.managerN', { n: level }) : t('simple.summary.manager');
  else if (!v) return t('simple.summary.none');
  else if (kind === 'user' || kind === 'users') who = v;
  else who = t(`simple.summary.${kind === 'dept-head' ? 'deptHead' : kind}`, { v });
  const many = kind === 'role' || kind === 'group' || parseIdList(value).length > 1;
  return many ? `${who} · ${t(`simple.mode.${n.mode}`)}` : who;
}

export function ccSummary(t: T, n: CcNode): string {
  const users = n.users.flatMap(parseIdList);
  return users.length ? users.join(', ') : t('simple.summary.none');
}

export function branchSummary(t: T, b: Branch): string {
  if (b.isDefault) return t('simple.summary.otherwise');
  return b.expression.trim() || t('simple.summary.noCondition');
}
