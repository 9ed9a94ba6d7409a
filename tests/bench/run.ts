import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform } from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { Engine, openDb, type Db } from '@liuzhuan/engine';
import { measure, type Measured } from './measure.ts';
import { STRAIGHT, USER_TASK } from './models.ts';
import { benchHttp, httpTable, type HttpFigures } from './http.ts';
import { benchImport, importTable, type ImportFigures } from './entity-import.ts';
import { benchEntityQueries, queryTable, type QueryFigures } from './entity-queries.ts';
import { benchWebApp, webTable } from './web-app.ts';

/**
 * `pnpm bench`: engine throughput against the raw single-row INSERT commit rate of the same
 * database at the same concurrency, measured in the same run, on embedded PGlite and on
 * PostgreSQL (PG_URL, default the local server). Writes docs/performance.md.
 * BENCH_SECONDS (default 10) and BENCH_CONCURRENCY (default 8) tune it.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PG_URL = process.env.PG_URL ?? process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

interface Row {
  backend: string;
  raw: Measured;
  straight: Measured;
  straightNoHistory: Measured;
  userTask: Measured;
  http: HttpFigures;
  entityImport: ImportFigures;
  entityQueries: QueryFigures;
}

async function rawInserts(db: Db): Promise<Measured> {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, payload text NOT NULL)`);
  return measure(async (i) => {
    await db.query(`INSERT INTO bench_raw (payload) VALUES ($1)`, [`row ${i}`]);
  }, CONCURRENCY, SECONDS);
}

async function straightThrough(engine: Engine): Promise<Measured> {
  return measure(async (i) => {
    const r = await engine.startProcess('benchStraight', { variables: { amount: i % 100 } });
    if (!r.ended) throw new Error('straight-through instance did not end');
  }, CONCURRENCY, SECONDS);
}

async function userTaskCycles(engine: Engine): Promise<Measured> {
  return measure(async () => {
    const r = await engine.startProcess('benchUserTask');
    const [task] = await engine.getTasks({ processInstanceId: r.id });
    await engine.completeTask(task!.id);
  }, CONCURRENCY, SECONDS);
}

async function benchDb(backend: string, db: Db, serverCpu: boolean): Promise<Row> {
  const raw = await rawInserts(db);
  const engine = await Engine.create({ db });
  await engine.deploy([
    { name: 'bench-straight.bpmn', content: STRAIGHT },
    { name: 'bench-user-task.bpmn', content: USER_TASK },
  ]);
  const straight = await straightThrough(engine);
  const userTask = await userTaskCycles(engine);
  await engine.close();
  const quiet = await Engine.create({ db, history: false });
  const straightNoHistory = await straightThrough(quiet);
  await quiet.close();
  const http = await benchHttp(db, SECONDS);
  const entityImport = await benchImport(db);
  const entityQueries = await benchEntityQueries(db);
  const row = { backend, raw, straight, straightNoHistory, userTask, http, entityImport, entityQueries };
  // PGlite runs inside this process: its CPU is in the Node column
  if (!serverCpu) for (const m of [raw, straight, straightNoHistory, userTask]) m.dbCpuUs = null;
  return row;
}

async function benchPglite(): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'lz-bench-'));
  try {
    const db = await openDb({ dataDir: dir });
    const row = await benchDb('PGlite (embedded, on disk)', db, false);
    await db.close();
    return row;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<Row | null> {
  const probe = new pg.Client(PG_URL);
  try {
    await probe.connect();
    await probe.end();
  } catch {
    console.log(`PostgreSQL not reachable at ${PG_URL}: skipped`);
    return null;
  }
  const schema = `lzbench_${Date.now().toString(36)}`;
  const db = await openDb({ databaseUrl: PG_URL, schema, poolSize: CONCURRENCY + 2 });
  try {
    return await benchDb('PostgreSQL (local server)', db, true);
  } finally {
    await db.query(`DROP SCHEMA "${schema}" CASCADE`);
    await db.close();
  }
}

const n = (x: number) => (x >= 100 ? Math.round(x).toString() : x.toFixed(1));
const us = (x: number | null) => (x === null ? '–' : `${Math.round(x)}`);

function table(rows: Row[]): string {
  const lines = [
    '| backend | figure | per second | ÷ raw INSERT | Node CPU µs/op | PostgreSQL CPU µs/op |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const item = (name: string, m: Measured) =>
      lines.push(`| ${r.backend} | ${name} | ${n(m.rate)} | ${(m.rate / r.raw.rate).toFixed(2)} | ${us(m.cpuUs)} | ${us(m.dbCpuUs)} |`);
    item('raw single-row INSERT commits', r.raw);
    item('**straight-through instances (history on)**', r.straight);
    item('straight-through instances, history off', r.straightNoHistory);
    item('user-task cycles (start + complete)', r.userTask);
  }
  return lines.join('\n');
}

/** what the figures say about where the time goes (numbers from this run) */
function explain(r: Row): string {
  const rawCpu = r.raw.cpuUs + (r.raw.dbCpuUs ?? 0);
  const stCpu = r.straight.cpuUs + (r.straight.dbCpuUs ?? 0);
  return `
## Reading the figures

The machine has ${cpus().length} cores, shared by the engine and the PostgreSQL server, so what
limits throughput is CPU per operation. A raw INSERT costs ${Math.round(rawCpu)} µs of CPU in all
(${Math.round(r.raw.cpuUs)} in Node, ${Math.round(r.raw.dbCpuUs ?? 0)} in PostgreSQL). A straight-through
instance costs ${Math.round(stCpu)} µs: ${Math.round(r.straight.dbCpuUs ?? 0)} µs in PostgreSQL — it writes ten
history rows (the instance, six activity instances, three variable updates) where the raw
INSERT writes one; with history off the same instance costs ${Math.round(r.straightNoHistory.dbCpuUs ?? 0)} µs
there — and ${Math.round(r.straight.cpuUs)} µs in Node: the engine's own work, the two FEEL
evaluations, the JavaScript task in the QuickJS worker (about 45 µs of worker CPU per run), the
PostgreSQL protocol. Each command is one round trip and, under load, shares its transaction
and WAL flush with other commands (group commit).
`;
}

async function main(): Promise<void> {
  // BENCH_ONLY=web: just the web app's load figures, printed, docs left as they are
  if (process.env.BENCH_ONLY === 'web') {
    const w = await benchWebApp();
    console.log(w ? webTable(w) : 'no browser');
    return;
  }
  console.log(`bench: ${SECONDS} s per figure, ${CONCURRENCY} concurrent clients`);
  const rows: Row[] = [await benchPglite()];
  const pgRow = await benchPostgres();
  if (pgRow) rows.push(pgRow);
  const t = table(rows);
  console.log(t);
  console.log(`\nentity import:\n${importTable(rows.map((r) => ({ backend: r.backend, figures: r.entityImport })))}`);
  for (const r of rows) console.log(`\n${queryTable(r.backend, r.entityQueries)}`);
  const web = await benchWebApp();
  if (web) console.log(`\nweb app:\n${webTable(web)}`);
  const goal = pgRow ? pgRow.straight.rate / pgRow.raw.rate : null;
  const md = `# Performance

Measured with \`pnpm bench\` (tests/bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, ${SECONDS} s per figure after
a 1 s warm-up, ${CONCURRENCY} concurrent clients in one Node.js process, on this machine (${platform()},
${cpus().length} cores, the PostgreSQL server on the same machine). "raw INSERT" is a single-row INSERT
committed on its own, on the same database at the same concurrency, in the same run; every
other figure is divided by it. CPU per operation: this Node.js process (all threads: the
engine, the script sandbox worker and, for PGlite, the database itself) and the PostgreSQL
server's processes (read from /proc).

- straight-through: start → none task → FEEL script task → JavaScript script task →
  exclusive gateway → end, in one command (one transaction) per instance.
- user-task cycle: start an instance that waits at a user task, read its task, complete it.

${t}

Goal (issue 2): straight-through instances/s on PostgreSQL at least 50% of the raw INSERT
rate, history on. Measured: ${goal === null ? 'PostgreSQL not available' : `${(goal * 100).toFixed(0)}% — ${goal >= 0.5 ? 'met' : 'not met'}`}.
${pgRow ? explain(pgRow) : ''}
## Over HTTP (issue 3)

The runtime server on loopback, driven by autocannon from the same Node.js process (so the
load generator shares the two cores with the server and the database). Each request completes
one waiting user task (\`POST /engine-rest/task/{id}/complete\` with a typed variable, HTTP Basic as
admin); latency is per request. fetchAndLock: 10 workers loop \`fetchAndLock\` (up to 10 tasks)
then \`complete\` each task, while a producer keeps about 500 external tasks waiting.

${rows.map((r) => httpTable(r.backend, r.http)).join('\n\n')}

## Entity import (issue 4)

A generated CSV (BENCH_IMPORT_ROWS, default 100,000 rows, 7 columns, x-match on email and phone)
POSTed to the runtime over loopback and followed on its progress endpoint; rows/s from the
run's own start and finish times. RSS of this one Node.js process (server, and PGlite when
embedded) before the upload and its peak, sampled every 100 ms while the import runs.
Goal: at least 5,000 rows/s on PostgreSQL.

${importTable(rows.map((r) => ({ backend: r.backend, figures: r.entityImport })))}

## Entity queries (issue 4)

Through the entity store's own query path (permissions, filter → SQL, row mapping), one caller
at a time, so the figures are latencies. The records (BENCH_ENTITY_RECORDS, default 1,000,000
customers with \`code\` and \`amount\` in \`x-index\`; BENCH_KANBAN_RECORDS, default 100,000 deals
with a stage) are written with INSERT … SELECT generate_series in the shape the store writes,
then analysed. Goal: a query by an indexed field under 20 ms at p95.

${rows.map((r) => queryTable(r.backend, r.entityQueries)).join('\n\n')}

## Web app (issue 5)

The production build (\`designer/dist\`, served gzipped by the runtime on embedded PGlite), loaded
cold (new browser context, empty cache, signed in by a stored token) in headless Chromium
(Debian's package) at 1280×800 over loopback. "JS transferred" sums the gzipped size of every
JavaScript file the route fetched; "time to usable" runs from navigation start to the route's
content being visible (the inbox list or its empty state; the modeler's palette). The modeler
route, the heaviest, is the baseline measured in the same run. Goal: the inbox under 300 KB
gzipped, with no modeler or form-editor code.

${web ? webTable(web) : 'No Chromium on this machine: not measured.'}
`;
  writeFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), 'docs/performance.md'), md);
  console.log('\nwritten to docs/performance.md');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
