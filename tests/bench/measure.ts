import { ownCpu, postgresCpu } from './cpu.ts';

export interface Measured {
  /** operations per second */
  rate: number;
  /** this process's CPU per operation, µs (main thread and workers) */
  cpuUs: number;
  /** the local PostgreSQL server's CPU per operation, µs (null when not measurable) */
  dbCpuUs: number | null;
}

/** Runs `op` from `concurrency` loops for `seconds` (after a warm-up): rate and CPU per operation. */
export async function measure(op: (i: number) => Promise<void>, concurrency: number, seconds: number, warmupSeconds = 1): Promise<Measured> {
  let n = 0;
  const run = async (until: number, count: boolean): Promise<void> => {
    const loops = Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        await op(n);
        if (count) n += 1;
      }
    });
    await Promise.all(loops);
  };
  await run(Date.now() + warmupSeconds * 1000, false);
  n = 0;
  const cpu0 = ownCpu();
  const db0 = postgresCpu();
  const t0 = performance.now();
  await run(Date.now() + seconds * 1000, true);
  const wall = (performance.now() - t0) / 1000;
  const db1 = postgresCpu();
  return {
    rate: n / wall,
    cpuUs: ((ownCpu() - cpu0) * 1e6) / n,
    dbCpuUs: db0 !== null && db1 !== null ? ((db1 - db0) * 1e6) / n : null,
  };
}

/** rate only (kept for simple callers) */
export async function rate(op: (i: number) => Promise<void>, concurrency: number, seconds: number, warmupSeconds = 1): Promise<number> {
  return (await measure(op, concurrency, seconds, warmupSeconds)).rate;
}
