import { TaskFailure } from '@liuzhuan/plugin-sdk';

/** the body as JSON when the content type says so, else as text; null when empty */
export async function readBody(res: Response, method: string, maxBytes: number, what: string): Promise<unknown> {
  if (method === 'HEAD' || !res.body) return null;
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body.cancel().catch(() => {});
    throw new TaskFailure(`${what}: the response has ${declared} bytes, more than maxResponseBytes (${maxBytes})`, { retryable: false });
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new TaskFailure(`${what}: the response is longer than maxResponseBytes (${maxBytes})`, { retryable: false });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  if (/[/+]json\b/i.test(res.headers.get('content-type') ?? '')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** waits, or rejects when the signal aborts */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const t = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(t);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', abort, { once: true });
  });
}
