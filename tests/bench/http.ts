import autocannon from 'autocannon';
import type { Db } from '@liuzhuan/engine';
import { buildApp, readConfig } from '@liuzhuan/runtime';
import { EXTERNAL, USER_TASK } from './models.ts';

/**
 * Issue 3's HTTP figures, over loopback against the real runtime (same process as the load
 * generator, so both share the machine's cores): task-complete latency and throughput at 1, 8
 * and 32 concurrent clients (autocannon), fetchAndLock + complete throughput with 10 workers,
 * and the engine's in-process task completion rate on the same database for comparison.
 */
export interface HttpFigures {
  inProcessCompletes: number;
  levels: { clients: number; rate: number; p50: number; p99: number; errors: number }[];
  fetchAndLock: { workers: number; rate: number };
}

const PASSWORD = 'bench-admin-1';
const AUTH = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

/** starts instances that wait at a user task until `n` tasks are waiting; returns their ids */
async function waitingTasks(app: Awaited<ReturnType<typeof buildApp>>, n: number): Promise<string[]> {
  const ids: string[] = [];
  const batch = 16;
  while (ids.length < n) {
    const started = await Promise.all(Array.from({ length: batch }, () => app.engine.startProcess('benchUserTask')));
    for (const s of started) {
      const [task] = await app.engine.getTasks({ processInstanceId: s.id });
      if (task) ids.push(task.id);
    }
  }
  return ids;
}

async function completeOverHttp(url: string, ids: string[], clients: number, seconds: number) {
  let next = 0;
  const result = await autocannon({
    url,
    connections: clients,
    duration: seconds,
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const id = ids[next++];
          // out of tasks: the last requests hit an unknown id and count as errors (reported)
          return { ...req, path: `/engine-rest/task/${id ?? 'exhausted'}/complete`, body: '{"variables":{"ok":{"value":true,"type":"Boolean"}}}' };
        },
      },
    ],
  });
  return {
    clients,
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    used: next,
  };
}

async function fetchAndLockLoop(base: string, app: Awaited<ReturnType<typeof buildApp>>, workers: number, seconds: number): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  let started = 0;
  // keep about 500 tasks waiting: a producer starts instances that create external tasks
  const producer = (async () => {
    while (Date.now() < until) {
      if (started - done < 500) {
        await Promise.all(Array.from({ length: 50 }, () => app.engine.startProcess('benchExternal')));
        started += 50;
      } else await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const post = (path: string, body: unknown) =>
    fetch(`${base}/engine-rest/external-task${path}`, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const worker = async (w: number) => {
    const workerId = `bench-${w}`;
    while (Date.now() < until) {
      const res = await post('/fetchAndLock', { workerId, maxTasks: 10, topics: [{ topicName: 'bench.work', lockDuration: 60_000 }] });
      const tasks = (await res.json()) as { id: string }[];
      for (const t of tasks) {
        const r = await post(`/${t.id}/complete`, { workerId, variables: { result: { value: 1, type: 'Integer' } } });
        if (r.status === 204) done += 1;
        else await r.arrayBuffer();
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  const wall = (performance.now() - t0) / 1000;
  await producer;
  return done / wall;
}

export async function benchHttp(db: Db, seconds: number): Promise<HttpFigures> {
  const app = await buildApp(readConfig({ PORT: '0', ADMIN_PASSWORD: PASSWORD, JOB_EXECUTOR: 'off', PLUGINS: 'none' }), { db });
  try {
    await app.engine.deploy([
      { name: 'bench-user-task.bpmn', content: USER_TASK },
      { name: 'bench-external.bpmn', content: EXTERNAL },
    ]);
    const address = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    // in-process: the same completion through the engine's API, 8 concurrent callers
    const local = await waitingTasks(app, 2000);
    const t0 = performance.now();
    let i = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (i < local.length) await app.engine.completeTask(local[i++]!);
    }));
    const inProcessCompletes = local.length / ((performance.now() - t0) / 1000);
    const levels: HttpFigures['levels'] = [];
    for (const clients of [1, 8, 32]) {
      // enough waiting tasks for the whole run at twice the in-process rate
      const ids = await waitingTasks(app, Math.ceil(Math.min(inProcessCompletes * 1.5, 3000) * seconds));
      const r = await completeOverHttp(address, ids, clients, seconds);
      levels.push({ clients, rate: r.rate, p50: r.p50, p99: r.p99, errors: r.errors });
    }
    const workers = 10;
    const rate = await fetchAndLockLoop(address, app, workers, seconds);
    return { inProcessCompletes, levels, fetchAndLock: { workers, rate } };
  } finally {
    await app.close();
  }
}

export function httpTable(backend: string, f: HttpFigures): string {
  const lines = [
    `### ${backend}`,
    '',
    '| figure | per second | p50 ms | p99 ms | failed requests |',
    '|---|---:|---:|---:|---:|',
    `| task complete, in process (engine API, 8 callers) | ${Math.round(f.inProcessCompletes)} | – | – | – |`,
  ];
  for (const l of f.levels) lines.push(`| task complete over HTTP, ${l.clients} client${l.clients > 1 ? 's' : ''} | ${Math.round(l.rate)} | ${l.p50} | ${l.p99} | ${l.errors} |`);
  lines.push(`| fetchAndLock + complete over HTTP, ${f.fetchAndLock.workers} workers (tasks) | ${Math.round(f.fetchAndLock.rate)} | – | – | – |`);
  return lines.join('\n');
}
