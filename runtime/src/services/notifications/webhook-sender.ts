import { robotAnswer } from './webhook-flavors.ts';
import type { SendOutcome, WebhookPayload } from './types.ts';

/** the most of a robot's answer read */
const ANSWER_MAX = 64 * 1024;

/**
 * Posts one webhook body with Node's fetch, giving up after `timeoutMs` or when `signal`
 * aborts. 2xx (and a robot's own "ok" in the body) is sent; 408, 429, 5xx and network errors
 * are retried; other answers (404, 400, a redirect) will not heal by themselves.
 */
export async function postWebhook(url: string, p: WebhookPayload, o: { timeoutMs: number; signal?: AbortSignal }): Promise<SendOutcome> {
  const signal = o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]) : AbortSignal.timeout(o.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'liuzhuan-notifications' },
      body: JSON.stringify(p.body),
      redirect: 'manual',
      signal,
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
    return { ok: false, error: `POST ${redact(url)}: ${why}`, retryable: true };
  }
  const text = await readSome(res);
  if (res.status >= 200 && res.status < 300) return robotAnswer(p.flavor, text);
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  return { ok: false, error: `POST ${redact(url)}: HTTP ${res.status}${text ? ` ${text.slice(0, 300)}` : ''}`, retryable };
}

/** the start of the answer (a robot's is small; a stranger's may not be) */
async function readSome(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ANSWER_MAX) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // the answer broke off: what came is enough to judge
  } finally {
    void reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, ANSWER_MAX);
}

/**
 * The URL for errors and logs without the robot's token: the query goes (DingTalk's
 * access_token, WeCom's key) and long path segments are cut (Feishu's hook id).
 */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname
      .split('/')
      .map((s) => (s.length > 16 ? `${s.slice(0, 4)}…` : s))
      .join('/');
    return `${u.origin}${path}${u.search ? '?…' : ''}`;
  } catch {
    return '(bad URL)';
  }
}
