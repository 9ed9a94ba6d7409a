import type { TimelineItem } from '../../api/workspace.ts';

/** `t` as vue-i18n gives it */
type Translate = (key: string, params?: Record<string, unknown>) => string;

/** the step names of a request by activity id, from its timeline's tasks */
export function stepNames(items: readonly TimelineItem[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const i of items) if (i.activityId && i.name && !names.has(i.activityId)) names.set(i.activityId, i.name);
  return names;
}

/**
 * What an action item says it did, in words (docs/approvals.md; targets as the approval service
 * records them): a step or 'initiator' for return and a returning reject, `position:user` for
 * add / remove signer, a comma list for cc, a user for transfer, delegate, resolve, remind,
 * escalate.
 */
export function actionText(i: TimelineItem, t: Translate, steps: ReadonlyMap<string, string>): string {
  const target = i.target ?? '';
  const step = () => (target === 'initiator' ? t('approval.initiator') : (steps.get(target) ?? target));
  switch (i.action) {
    case 'return':
      return t('approval.did.return', { target: step() });
    case 'reject':
      return target ? t('approval.did.rejectTo', { target: step() }) : t('approval.did.reject');
    case 'addSigner':
    case 'removeSigner': {
      const [position, ...user] = target.split(':');
      const known = position === 'before' || position === 'after' || position === 'parallel';
      return t(`approval.did.${i.action}`, { target: known ? user.join(':') : target, position: known ? t(`approval.positionShort.${position}`) : '' });
    }
    case 'cc':
      return t('approval.did.cc', { target: target.split(',').filter(Boolean).join(t('approval.listSep')) });
    case 'transfer':
    case 'delegate':
    case 'resolve':
    case 'remind':
    case 'escalate':
      return t(`approval.did.${i.action}`, { target: target || t('approval.someone') });
    case 'approve':
    case 'resubmit':
    case 'withdraw':
    case 'urge':
    case 'complete':
      return t(`approval.did.${i.action}`);
    default:
      return i.action ?? '';
  }
}

/** the colour of an action's verb */
export function actionClass(i: TimelineItem): string {
  if (i.action === 'approve' || i.action === 'resubmit' || i.action === 'complete') return 'ok';
  if (i.action === 'reject' || i.action === 'withdraw') return 'danger';
  if (i.action === 'return' || i.action === 'urge' || i.action === 'escalate') return 'warn';
  return '';
}

/** an automatic decision's reason in words (the runtime says `auto: empty|self|repeat|timeout`) */
export function autoReason(i: TimelineItem, t: Translate): string | null {
  const m = /^auto: (empty|self|repeat|timeout)$/.exec(i.message ?? '');
  return m ? t(`approval.auto.${m[1]}`) : i.message;
}
