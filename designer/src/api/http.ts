/** The one fetch wrapper: bearer token, JSON in and out, errors as ApiError with the server's field errors. */

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'lz.token';
let token: string | null = localStorage.getItem(TOKEN_KEY);
let onUnauthorized: (() => void) | null = null;

export function setToken(t: string | null): void {
  token = t;
  if (t) localStorage.setItem(TOKEN_KEY, t);
  else localStorage.removeItem(TOKEN_KEY);
}

export function getToken(): string | null {
  return token;
}

/** called when the server answers 401 to a signed-in call (expired token → back to login) */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  /** send this FormData instead of JSON */
  form?: FormData;
}

function url(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(url(path, opts.query), { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && token && onUnauthorized) onUnauthorized();
    const e = (data ?? {}) as { type?: string; message?: string; errors?: FieldError[]; code?: string };
    throw new ApiError(res.status, e.type ?? 'Error', e.message ?? res.statusText, Array.isArray(e.errors) ? e.errors : [], e.code ?? null);
  }
  return data as T;
}

/** a download (export) as a Blob, with the same auth */
export async function download(path: string, query?: RequestOptions['query']): Promise<Blob> {
  const res = await fetch(url(path, query), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    // the server's own words (a 403 says why), as request() gives them
    const e = (safeJson(await res.text().catch(() => '')) ?? {}) as { type?: string; message?: string; code?: string };
    throw new ApiError(res.status, e.type ?? 'Error', e.message || res.statusText, [], e.code ?? null);
  }
  return res.blob();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export const http = {
  get: <T>(path: string, query?: RequestOptions['query']) => request<T>(path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>(path, { method: 'PATCH', body, headers }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};
