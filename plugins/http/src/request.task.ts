import { defineTask, TaskFailure, type Static, type TaskContext } from '@liuzhuan/plugin-sdk';
import { HttpConfig, hostAllowed } from './config.ts';
import { RequestInput, RequestOutput } from './request.schema.ts';
import { readBody, sleep } from './response.ts';

type Input = Static<typeof RequestInput>;

function target(input: Input, allowHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new TaskFailure(`'${input.url}' is not a valid URL`, { retryable: false });
  }
  for (const [k, v] of Object.entries(input.query ?? {})) url.searchParams.append(k, String(v));
  if (!hostAllowed(allowHosts, url.hostname)) throw new TaskFailure(`host '${url.hostname}' is not in the http plugin's allowHosts`, { retryable: false });
  return url;
}

function requestInit(input: Input, signal: AbortSignal, manualRedirects: boolean): RequestInit {
  const headers = new Headers(input.headers ?? {});
  let body: string | undefined;
  if (input.body !== undefined && input.body !== null) {
    if (input.method === 'GET' || input.method === 'HEAD') throw new TaskFailure(`a ${input.method} request cannot have a body`, { retryable: false });
    body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    if (!headers.has('content-type')) headers.set('content-type', typeof input.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
  }
  // with allowHosts, a redirect must not lead elsewhere: it is returned as it is
  return { method: input.method, headers, body, signal, redirect: manualRedirects ? 'manual' : 'follow' };
}

function retryAfterMs(res: Response): number | undefined {
  const v = res.headers.get('retry-after');
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function exchange(input: Input, url: URL, ctx: TaskContext<HttpConfig>): Promise<Static<typeof RequestOutput>> {
  const what = `${input.method} ${url.origin}${url.pathname}`;
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= input.retries;
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(input.timeoutMs)]);
    let res: Response;
    let body: unknown;
    try {
      res = await fetch(url, requestInit(input, signal, ctx.config.allowHosts.length > 0));
      body = await readBody(res, input.method, input.maxResponseBytes, what);
    } catch (e) {
      if (ctx.signal.aborted || e instanceof TaskFailure) throw e;
      const timedOut = (e as Error).name === 'TimeoutError';
      const why = timedOut ? `timed out after ${input.timeoutMs} ms` : `failed: ${((e as Error).cause as Error | undefined)?.message ?? (e as Error).message}`;
      if (last) throw new TaskFailure(`${what} ${why}`, { retryable: true });
      ctx.log.warn(`${what} ${why}; trying again`, { attempt: attempt + 1 });
      await sleep(input.retryDelayMs * 2 ** attempt, ctx.signal);
      continue;
    }
    const expected = input.expectedStatus ? input.expectedStatus.includes(res.status) : res.status >= 200 && res.status < 300;
    if (!expected && res.status >= 500 && !last) {
      ctx.log.warn(`${what} answered ${res.status}; trying again`, { attempt: attempt + 1 });
      await sleep(Math.max(input.retryDelayMs * 2 ** attempt, Math.min(retryAfterMs(res) ?? 0, 60_000)), ctx.signal);
      continue;
    }
    if (!expected) {
      const message = `${what} answered ${res.status}`;
      if (input.errorOnStatus) ctx.bpmnError(`HTTP_${res.status}`, message);
      const details = typeof body === 'string' ? body.slice(0, 2000) : JSON.stringify(body)?.slice(0, 2000);
      const after = retryAfterMs(res);
      ctx.fail(message, { retryable: res.status >= 500 || res.status === 429, ...(details ? { details } : {}), ...(after !== undefined ? { retryAfterMs: after } : {}) });
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), body };
  }
}

/** http.request: one HTTP call with timeout, retries on 5xx / network errors and JSON mapping. */
export const request = defineTask({
  topic: 'http.request',
  version: 1,
  label: 'HTTP request',
  description: 'Calls a URL; the response status, headers and body (JSON parsed) become the output.',
  input: RequestInput,
  output: RequestOutput,
  config: HttpConfig,
  run: async (input, ctx) => exchange(input, target(input, ctx.config.allowHosts), ctx),
});
