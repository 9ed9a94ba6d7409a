import type { NotificationInput, SendOutcome, WebhookFlavor } from './types.ts';

/** the text a chat robot shows: title, body, link, one per line */
export function messageText(n: NotificationInput, link: string | null): string {
  return [n.title, n.body, link].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join('\n');
}

/**
 * The JSON body a webhook of `flavor` gets for one notify call:
 * - DingTalk and WeCom group robots: `{ msgtype: 'text', text: { content } }`
 * - Feishu (Lark) custom bot: `{ msg_type: 'text', content: { text } }`
 * - generic: our own shape, `{ kind, title, body, link, users, processInstanceId, taskId, created }`
 * `users` are the recipients this webhook stands for (its user, or the group's members told).
 */
export function webhookBody(flavor: WebhookFlavor, n: NotificationInput, o: { link: string | null; users: string[]; created: Date }): Record<string, unknown> {
  switch (flavor) {
    case 'dingtalk':
    case 'wecom':
      return { msgtype: 'text', text: { content: messageText(n, o.link) } };
    case 'feishu':
      return { msg_type: 'text', content: { text: messageText(n, o.link) } };
    case 'generic':
      return {
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: o.link,
        users: o.users,
        processInstanceId: n.processInstanceId ?? null,
        taskId: n.taskId ?? null,
        created: o.created.toISOString(),
      };
  }
}

/**
 * Whether a 2xx answer of the robot means it took the message: DingTalk and WeCom answer
 * `{ errcode: 0 }` (anything else is refused: bad token, keyword missing, too many messages),
 * Feishu `{ code: 0 }` (older versions `StatusCode: 0`). Refusals are retried: rate limits pass.
 */
export function robotAnswer(flavor: WebhookFlavor, text: string): SendOutcome {
  if (flavor === 'generic') return { ok: true };
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // a robot answers JSON; a proxy in between may not, and 2xx is all we can go by then
    return { ok: true };
  }
  if (body === null || typeof body !== 'object') return { ok: true };
  const code = flavor === 'feishu' ? (body.code ?? body.StatusCode) : body.errcode;
  if (code === undefined || code === 0) return { ok: true };
  const message = flavor === 'feishu' ? (body.msg ?? body.StatusMessage) : body.errmsg;
  return { ok: false, error: `${flavor} refused the message: ${String(code)} ${typeof message === 'string' ? message : ''}`.trim(), retryable: true };
}
