/**
 * Micro-benchmark of the script sandbox (not a test; run by hand):
 *
 *   npx tsx engine/test/scripts/sandbox-bench.ts [module] [workers] [seconds] [isolations]
 *
 * `module` defaults to ../../src/scripts/index.ts (pass another build of the module to compare),
 * `isolations` to "frozen-realm,fresh-runtime". For each isolation mode and each script below:
 * - worker CPU per run: CPU time (utime + stime from /proc) of the threads the sandbox started,
 *   divided by the runs, while one caller runs the script back to back with `run`;
 * - latency of one sequential caller with runAsync;
 * - throughput of 8 concurrent callers doing runAsync back to back for `seconds`, with the
 *   worker and process CPU spent per run (run when the module has no runAsync).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Sandbox {
  run(source: string, host: unknown): { value: unknown };
  runAsync?(source: string, host: unknown): Promise<{ value: unknown }>;
  dispose(): void;
}

const modulePath = resolve(process.argv[2] ?? new URL('../../src/scripts/index.ts', import.meta.url).pathname);
const workers = Number(process.argv[3] ?? 1);
const seconds = Number(process.argv[4] ?? 3);
const isolations = (process.argv[5] ?? 'frozen-realm,fresh-runtime').split(',');
const { createScriptSandbox } = (await import(pathToFileURL(modulePath).href)) as {
  createScriptSandbox(options: Record<string, unknown>): Promise<Sandbox>;
};

const SCRIPTS = [
  { name: 'trivial', source: '1+1', variables: { a: 1, b: 'two', c: true, d: { x: [1, 2, 3] }, e: null }, expected: 2 },
  { name: 'total', source: '"total " + total', variables: { amount: 21, total: 42 }, expected: 'total 42' },
];

function threadTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(tid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // thread ended
    }
  }
  return ticks;
}
const TICK_MS = 10; // USER_HZ = 100 on Linux

for (const isolation of isolations) {
  const before = threadTicks();
  const sandbox = await createScriptSandbox({ workers, isolation });
  const started = [...threadTicks().keys()].filter((tid) => !before.has(tid));
  // workers replaced during the measurement (none expected) are not counted
  const ticksOf = (): number => {
    const now = threadTicks();
    return started.reduce((sum, tid) => sum + (now.get(tid) ?? 0), 0);
  };

  for (const script of SCRIPTS) {
    const host = () => ({
      variables: script.variables,
      execution: { id: 'e', processInstanceId: 'p', processBusinessKey: null, activityId: 'a', processDefinitionId: 'd' },
      setVariable: () => undefined,
      setVariableLocal: () => undefined,
    });
    const check = (outcome: { value: unknown }) => {
      if (outcome.value !== script.expected) throw new Error(`wrong answer: ${String(outcome.value)}`);
    };
    const asyncRun = (): Promise<{ value: unknown }> =>
      sandbox.runAsync ? sandbox.runAsync(script.source, host()) : Promise.resolve().then(() => sandbox.run(script.source, host()));
    const label = `${isolation.padEnd(13)} ${script.name.padEnd(7)}`;

    // warm-up
    for (let i = 0; i < 2000; i++) check(sandbox.run(script.source, host()));
    for (let i = 0; i < 2000; i++) check(await asyncRun());

    const sequential = async (how: string, call: () => { value: unknown } | Promise<{ value: unknown }>): Promise<void> => {
      const ticks0 = ticksOf();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      let runs = 0;
      while (performance.now() - t0 < seconds * 1000) {
        check(await call());
        runs++;
      }
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const workerMs = (ticksOf() - ticks0) * TICK_MS;
      console.log(
        `${label} 1 caller, ${how}: ${Math.round((runs / ms) * 1000)} runs/s, ${((ms / runs) * 1000).toFixed(0)} µs/run wall, ` +
          `worker ${((workerMs / runs) * 1000).toFixed(0)} µs CPU/run, process ${((cpu.user + cpu.system) / runs).toFixed(0)} µs CPU/run`,
      );
    };
    await sequential('run     ', () => sandbox.run(script.source, host()));
    if (sandbox.runAsync) await sequential('runAsync', asyncRun);

    const ticks0 = ticksOf();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    let runs = 0;
    let lagMax = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      lagMax = Math.max(lagMax, now - last - 10);
      last = now;
    }, 10);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < end) {
          check(await asyncRun());
          runs++;
        }
      }),
    );
    clearInterval(ticker);
    lagMax = Math.max(lagMax, performance.now() - last - 10);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const workerMs = (ticksOf() - ticks0) * TICK_MS;
    console.log(
      `${label} 8 callers ${sandbox.runAsync ? 'runAsync' : 'run (no runAsync)'}, workers=${workers}: ${Math.round((runs / ms) * 1000)} runs/s, ` +
        `worker ${((workerMs / runs) * 1000).toFixed(0)} µs CPU/run, process ${((cpu.user + cpu.system) / runs).toFixed(0)} µs CPU/run, ` +
        `max gap between 10 ms timer ticks −10: ${lagMax.toFixed(1)} ms`,
    );
  }
  sandbox.dispose();
}
