import { createWriteStream, openAsBlob, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Db } from '@liuzhuan/engine';
import { buildApp, readConfig } from '@liuzhuan/runtime';

/**
 * Issue point 3's import figure: a generated CSV of BENCH_IMPORT_ROWS (default 100,000) rows
 * POSTed to the real runtime over loopback (multipart, as the designer sends it), the run
 * followed on its progress endpoint until done. Rows/s from the server's own start and finish
 * times; this process's RSS sampled every 100 ms while the import runs (and once before), to
 * show that memory stays flat whatever the file's size. The type declares x-match on email
 * and phone, so every batch also runs the duplicate lookup.
 */
export interface ImportFigures {
  rows: number;
  fileMb: number;
  seconds: number;
  rate: number;
  created: number;
  rssBeforeMb: number;
  rssPeakMb: number;
}

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const PASSWORD = 'bench-admin-1';
const AUTH = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

const TYPE = {
  'x-entity': 'bench-contact',
  type: 'object',
  'x-title-field': 'name',
  'x-index': ['name', 'city'],
  'x-match': ['email', 'phone'],
  properties: {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', format: 'email' },
    phone: { type: 'string' },
    city: { type: 'string' },
    amount: { type: 'number' },
    vip: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['name'],
};

const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都'];

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('\uFEFF姓名,邮箱,手机,城市,金额,会员,标签\r\n');
  for (let i = 0; i < rows; i += 1) {
    const line = `客户${i},c${i}@example.cn,138${String(i).padStart(8, '0')},${CITIES[i % CITIES.length]},${(i % 1000) / 4},${i % 2 ? '是' : '否'},${i % 3 ? 'a;b' : ''}\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const mb = (b: number) => b / 1024 / 1024;

export async function benchImport(db: Db): Promise<ImportFigures> {
  const file = join(tmpdir(), `lz-bench-import-${Date.now()}.csv`);
  await writeCsv(file, ROWS);
  const app = await buildApp(readConfig({ PORT: '0', ADMIN_PASSWORD: PASSWORD, JOB_EXECUTOR: 'off' }), { db });
  try {
    await app.entities.deployType(TYPE);
    await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.fastify.server.address() as AddressInfo).port}`;
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    try {
      const form = new FormData();
      form.set('mapping', JSON.stringify({ 姓名: 'name', 邮箱: 'email', 手机: 'phone', 城市: 'city', 金额: 'amount', 会员: 'vip', 标签: 'tags' }));
      form.set('onDuplicate', 'skip');
      form.set('file', await openAsBlob(file), 'contacts.csv');
      const res = await fetch(`${base}/api/entities/bench-contact/imports`, { method: 'POST', headers: { authorization: AUTH }, body: form });
      if (res.status !== 202) throw new Error(`import POST answered ${res.status}: ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        await new Promise((r) => setTimeout(r, 250));
        const run = (await (await fetch(`${base}/api/entities/bench-contact/imports/${id}`, { headers: { authorization: AUTH } })).json()) as {
          status: string; processed: number; created: number; startedAt: string; finishedAt: string | null; error: string | null;
        };
        if (run.status === 'running') continue;
        if (run.status !== 'done' || run.created !== ROWS) throw new Error(`import ended ${run.status}: ${run.error ?? ''} (${run.created} of ${ROWS} created)`);
        const seconds = (Date.parse(run.finishedAt!) - Date.parse(run.startedAt)) / 1000;
        return { rows: ROWS, fileMb: mb(statSync(file).size), seconds, rate: ROWS / seconds, created: run.created, rssBeforeMb: mb(rssBefore), rssPeakMb: mb(peak) };
      }
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await app.close();
    rmSync(file, { force: true });
  }
}

export function importTable(rows: { backend: string; figures: ImportFigures }[]): string {
  const lines = ['| backend | rows | file MB | seconds | rows/s | RSS before MB | peak RSS during MB |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const { backend, figures: f } of rows) {
    lines.push(`| ${backend} | ${f.rows} | ${f.fileMb.toFixed(1)} | ${f.seconds.toFixed(1)} | ${Math.round(f.rate)} | ${Math.round(f.rssBeforeMb)} | ${Math.round(f.rssPeakMb)} |`);
  }
  return lines.join('\n');
}

/** `tsx bench/entity-import.ts`: this figure alone, on PGlite in memory and (DATABASE_URL / PG_URL) PostgreSQL */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { openDb } = await import('@liuzhuan/engine');
  const url = process.env.PG_URL ?? process.env.DATABASE_URL;
  const out: { backend: string; figures: ImportFigures }[] = [];
  if (process.env.BENCH_IMPORT_PGLITE !== 'off') {
    const db = await openDb({});
    out.push({ backend: 'PGlite (in memory)', figures: await benchImport(db) });
    await db.close();
  }
  if (url) {
    const schema = `lzbench_import_${Date.now().toString(36)}`;
    const db = await openDb({ databaseUrl: url, schema, poolSize: 6 });
    try {
      out.push({ backend: 'PostgreSQL', figures: await benchImport(db) });
    } finally {
      await db.query(`DROP SCHEMA "${schema}" CASCADE`);
      await db.close();
    }
  }
  console.log(importTable(out));
  process.exit(0);
}
