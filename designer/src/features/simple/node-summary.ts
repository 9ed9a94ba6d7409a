/** One line saying what a card does ("Manager, level 2 · everyone must approve"), localised. */
import type { Composer } from 'vue-i18n';
import { DEFAULT_PASS_RATIO, resolvePolicy } from '../../simple/step-properties.ts';
import { parseIdList } from '../../simple/tree-ops.ts';
import type { ApproverNode, Branch, CcNode, SourceKind } from '../../simple/types.ts';

type T = Composer['t'];

/** the i18n key of a source kind: `dept-head` → `deptHead` */
export function sourceKey(kind: SourceKind): string {
  return kind.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

function who(t: T, n: ApproverNode): string | null {
  const { kind, value, level } = n.source;
  const v = parseIdList(value).join(', ');
  if (kind === 'manager') return (level ?? 1) > 1 ? t('simple.summary.managerN', { n: level }) : t('simple.summary.manager');
  if (kind === 'initiator-dept-head') return t('simple.summary.initiatorDeptHead');
  if (!v) return null;
  if (kind === 'user' || kind === 'users') return v;
  return t(`simple.summary.${sourceKey(kind)}`, { v });
}

export function approverSummary(t: T, n: ApproverNode): string {
  const name = who(t, n);
  if (name === null) return t('simple.summary.none');
  const { kind, value } = n.source;
  const one: SourceKind[] = ['user', 'users', 'dept-head', 'manager', 'initiator-dept-head'];
  const many = !one.includes(kind) || parseIdList(value).length > 1;
  const parts = [name];
  if (many) parts.push(n.mode === 'ratio' ? t('simple.summary.ratio', { n: Math.round((n.passRatio ?? DEFAULT_PASS_RATIO) * 100) }) : t(`simple.mode.${n.mode}`));
  const timeout = resolvePolicy(n).timeout;
  if (timeout) parts.push(t('simple.summary.timeout', { n: timeout.amount, unit: t(`simple.units.${timeout.unit}`) }));
  return parts.join(' · ');
}

export function ccSummary(t: T, n: CcNode): string {
  const users = n.users.flatMap(parseIdList);
  return users.length ? users.join(', ') : t('simple.summary.none');
}

export function branchSummary(t: T, b: Branch): string {
  if (b.isDefault) return t('simple.summary.otherwise');
  return b.expression.trim() || t('simple.summary.noCondition');
}
