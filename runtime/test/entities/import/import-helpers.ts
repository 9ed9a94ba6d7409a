import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/test-app.ts';
import { multipart } from '../../helpers/multipart.ts';

type User = { id: string; password: string } | 'admin';

/** a contact type with every kind of column the import converts; duplicates by email, phone or name */
export const contact = {
  'x-entity': 'contact',
  type: 'object',
  'x-title-field': 'name',
  'x-index': ['name', 'age'],
  'x-match': ['email', 'phone', 'name'],
  'x-i18n': { 'zh-CN': { title: '联系人', fields: { name: '姓名', email: '邮箱', age: '年龄' } } },
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, 'x-label': 'Name' },
    email: { type: 'string', format: 'email' },
    phone: { type: 'string' },
    age: { type: 'integer', minimum: 0 },
    score: { type: 'number' },
    vip: { type: 'boolean' },
    birthday: { type: 'string', format: 'date' },
    tags: { type: 'array', items: { type: 'string' } },
    meta: { type: 'object' },
  },
  required: ['name'],
};

/** the usual mapping: Chinese headers, as a spreadsheet from the sales team has them */
export const MAPPING = { 姓名: 'name', 邮箱: 'email', 电话: 'phone', 年龄: 'age', 分数: 'score', 会员: 'vip', 生日: 'birthday', 标签: 'tags', 备注: 'meta' };
export const HEADER = Object.keys(MAPPING);

export async function deployContact(t: TestApp, schema: object = contact): Promise<void> {
  const res = await t.admin({ method: 'POST', url: '/api/entities/types', payload: schema });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

export const csvLine = (cells: string[]) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
export const csvOf = (rows: string[][], bom = true) => `${bom ? '\uFEFF' : ''}${rows.map(csvLine).join('\r\n')}\r\n`;

export async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('联系人');
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('other').addRow(['not', 'read']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function send(t: TestApp, user: User, opts: Parameters<TestApp['admin']>[0]) {
  return user === 'admin' ? t.admin(opts) : t.request(user, opts);
}

export async function postImport(
  t: TestApp,
  opts: { type?: string; file: string | Buffer; fileName?: string; mapping?: unknown; onDuplicate?: string; user?: User; extra?: { name: string; value: string }[] },
) {
  const parts: { name: string; value: string | Buffer; filename?: string; type?: string }[] = [];
  if (opts.mapping !== undefined) parts.push({ name: 'mapping', value: typeof opts.mapping === 'string' ? opts.mapping : JSON.stringify(opts.mapping) });
  if (opts.onDuplicate !== undefined) parts.push({ name: 'onDuplicate', value: opts.onDuplicate });
  parts.push(...(opts.extra ?? []));
  parts.push({ name: 'file', value: opts.file, filename: opts.fileName ?? 'contacts.csv', type: 'text/csv' });
  const { payload, headers } = multipart(parts);
  return send(t, opts.user ?? 'admin', { method: 'POST', url: `/api/entities/${opts.type ?? 'contact'}/imports`, payload, headers });
}

export interface ImportDto {
  id: string;
  status: 'running' | 'done' | 'failed';
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  refused: number;
  progress: number;
  error: string | null;
  startedBy: string;
}

export async function progress(t: TestApp, id: string, user: User = 'admin', type = 'contact') {
  return send(t, user, { method: 'GET', url: `/api/entities/${type}/imports/${id}` });
}

/** polls the progress endpoint until the run ends */
export async function waitDone(t: TestApp, id: string, user: User = 'admin', type = 'contact', timeoutMs = 120_000): Promise<ImportDto> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await progress(t, id, user, type);
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json() as ImportDto;
    if (run.status !== 'running') return run;
    if (Date.now() > until) throw new Error(`import ${id} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** POST, expect 202, wait for the end */
export async function runImport(t: TestApp, opts: Parameters<typeof postImport>[1]): Promise<ImportDto & { id: string }> {
  const res = await postImport(t, opts);
  expect(res.statusCode, res.body).toBe(202);
  const { id } = res.json() as { id: string };
  return { ...(await waitDone(t, id, opts.user, opts.type)), id };
}

export async function refusedRows(t: TestApp, id: string, user: User = 'admin', type = 'contact') {
  const res = await send(t, user, { method: 'GET', url: `/api/entities/${type}/imports/${id}/rows?limit=10000` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { row: number; errors: { path: string; message: string }[] }[] }).items;
}

/** every stored contact's data, by name */
export async function stored(t: TestApp, type = 'contact'): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  let cursor: string | null = null;
  do {
    const res = await t.admin({ method: 'POST', url: `/api/entities/${type}/query`, payload: { limit: 1000, ...(cursor ? { cursor } : {}) } });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: { id: string; data: Record<string, unknown> }[]; nextCursor: string | null };
    for (const r of page.items) out.set(String(r.data.name), { ...r.data, _id: r.id });
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
