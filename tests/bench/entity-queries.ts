import { buildApp, readConfig } from '@liuzhuan/runtime';
import type { Db } from '@liuzhuan/engine';

/**
 * Issue 4's query figures: a query by an indexed field on BENCH_ENTITY_RECORDS (default
 * 1,000,000) stored records, and the grouped sums a kanban asks for over BENCH_KANBAN_RECORDS
 * (default 100,000) records of another type in the same table. Both go through the entity
 * store's own query path (permissions, filter → SQL, row mapping), one caller at a time, so the
 * figures are latencies. The records are written with one INSERT … SELECT generate_series per
 * 100,000 rows, in the shape the store writes (filling them through the API would measure the
 * import instead, which has its own figure).
 */
export interface QueryFigures {
  records: number;
  fillSeconds: number;
  indexed: Latency;
  indexedRange: Latency;
  kanbanRecords: number;
  kanban: Latency;
}

export interface Latency {
  p50: number;
  p95: number;
  runs: number;
}

const CUSTOMER = {
  'x-entity': 'bench-customer',
  type: 'object',
  'x-title-field': 'name',
  'x-index': ['code', 'amount'],
  properties: { code: { type: 'string' }, name: { type: 'string' }, amount: { type: 'number' }, region: { type: 'string' } },
  required: ['code', 'name'],
};

const DEAL = {
  'x-entity': 'bench-deal',
  type: 'object',
  'x-stage-field': 'stage',
  'x-index': ['stage'],
  properties: { title: { type: 'string' }, stage: { type: 'string', enum: ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] }, amount: { type: 'number' } },
  required: ['title', 'stage'],
};

const ACTOR = { id: 'admin', roles: ['admin'], groups: [], isAdmin: true };

async function fill(db: Db, type: string, total: number, data: string): Promise<void> {
  const chunk = 100_000;
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    await db.query(
      `INSERT INTO entity_records (id, type, version, type_version, data, search, created_at, created_by, updated_at, updated_by)
       SELECT gen_random_uuid(), $1, 1, 1, d, lower(d::text), now(), 'bench', now(), 'bench'
         FROM (SELECT ${data} AS d FROM generate_series($2::int, $3::int) AS g) AS rows`,
      [type, from, to],
    );
  }
}

async function latency(runs: number, op: (i: number) => Promise<void>): Promise<Latency> {
  for (let i = 0; i < 20; i++) await op(i); // warm-up: plans cached, pages in memory
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await op(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p95: at(0.95), runs };
}

export async function benchEntityQueries(db: Db): Promise<QueryFigures> {
  const records = Number(process.env.BENCH_ENTITY_RECORDS ?? 1_000_000);
  const kanbanRecords = Number(process.env.BENCH_KANBAN_RECORDS ?? 100_000);
  const app = await buildApp(readConfig({ PORT: '0', ADMIN_PASSWORD: 'bench-admin-1', JOB_EXECUTOR: 'off', PLUGINS: 'none' }), { db });
  try {
    await app.entities.deployType(CUSTOMER);
    await app.entities.deployType(DEAL);
    const t0 = performance.now();
    await fill(db, 'bench-customer', records, `jsonb_build_object('code', 'C' || lpad(g::text, 8, '0'), 'name', 'Customer ' || g, 'amount', g % 10000, 'region', 'r' || (g % 20))`);
    await fill(db, 'bench-deal', kanbanRecords, `jsonb_build_object('title', 'Deal ' || g, 'stage', (ARRAY['lead','qualified','proposal','negotiation','won','lost'])[1 + g % 6], 'amount', (g % 997) * 10)`);
    await db.query('ANALYZE entity_records');
    const fillSeconds = (performance.now() - t0) / 1000;
    // a different, existing code every run: no result is served from a cache
    const code = (i: number) => `C${String(1 + ((i * 7919) % records)).padStart(8, '0')}`;
    const indexed = await latency(500, async (i) => {
      const page = await app.entities.query(ACTOR, 'bench-customer', { filters: [{ field: 'code', op: 'eq', value: code(i) }], limit: 20 });
      if (page.items.length !== 1) throw new Error(`expected one record for ${code(i)}, got ${page.items.length}`);
    });
    // a page of 50 from a range on an indexed number, sorted by it (a list view)
    const indexedRange = await latency(200, async (i) => {
      const page = await app.entities.query(ACTOR, 'bench-customer', { filters: [{ field: 'amount', op: 'gte', value: (i * 37) % 9000 }], sort: ['amount'], limit: 50 });
      if (page.items.length !== 50) throw new Error('range page came back short');
    });
    const kanban = await latency(30, async () => {
      const rows = await app.entities.aggregate(ACTOR, 'bench-deal', { groupBy: 'stage', sum: ['amount'] });
      if (rows.reduce((n, r) => n + r.count, 0) !== kanbanRecords) throw new Error('kanban counts do not add up');
    });
    return { records, fillSeconds, indexed, indexedRange, kanbanRecords, kanban };
  } finally {
    await app.close();
  }
}

const ms = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));

export function queryTable(backend: string, f: QueryFigures): string {
  return [
    `**${backend}** — ${f.records.toLocaleString('en')} + ${f.kanbanRecords.toLocaleString('en')} records (filled in ${f.fillSeconds.toFixed(0)} s)`,
    '',
    '| query | runs | p50 ms | p95 ms |',
    '|---|---:|---:|---:|',
    `| one record by an indexed field (\`code eq\`) of ${f.records.toLocaleString('en')} | ${f.indexed.runs} | ${ms(f.indexed.p50)} | ${ms(f.indexed.p95)} |`,
    `| page of 50 by an indexed number range, sorted by it | ${f.indexedRange.runs} | ${ms(f.indexedRange.p50)} | ${ms(f.indexedRange.p95)} |`,
    `| kanban: count and sum of amount per stage over ${f.kanbanRecords.toLocaleString('en')} | ${f.kanban.runs} | ${ms(f.kanban.p50)} | ${ms(f.kanban.p95)} |`,
  ].join('\n');
}
