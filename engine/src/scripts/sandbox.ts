/**
 * Sandboxed JavaScript for BPMN script tasks: QuickJS (WebAssembly) in worker threads (one by
 * default, `workers` for more). `runAsync` posts the run and awaits the answer without blocking
 * the main thread; `run` blocks until the answer. Overlapping runs queue; each one's time limit
 * starts when a worker starts it. Each run gets a deadline (interrupt handler, plus a hard stop:
 * the worker is terminated and replaced), a memory limit and a stack limit, and a realm of its own
 * by one of two isolation modes (`isolation`, see ScriptSandboxOptions and worker-source.ts):
 * a frozen realm shared with other runs but immutable, with a fresh scope per run (default), or a
 * fresh QuickJS runtime and context per run.
 * The guest has no host access at all: no require/process/import(), no timers, no I/O. See
 * guest-prelude.ts and worker-slot.ts for the API the script sees.
 *
 * setVariable / setVariableLocal calls are recorded by the worker (so getVariable sees them at
 * once) and replayed on the host, in order, when the script completes or throws a BpmnError;
 * a failed script changes nothing. Logs and errors keep the script's console output in
 * `LzError.details.logs`.
 */
import { LzError } from '../errors.ts';
import { fromWire, toWire } from './marshal.ts';
import { SandboxWorkers, type CallResult, type ScriptIsolation, type SetCall, type WorkerRequest, type WorkerResponse } from './worker-link.ts';

export type { ScriptIsolation } from './worker-link.ts';

export interface ScriptLimits {
  /** how long a run may take once a worker has started it */
  timeoutMs: number;
  /**
   * how far a run may grow the worker's QuickJS heap (a WebAssembly memory); a single allocation
   * above it fails at once, many small ones stop the run once the heap has grown that much
   */
  memoryLimitBytes: number;
  /** QuickJS stack limit */
  maxStackBytes?: number;
}

export interface ScriptHost {
  /** visible process variables (already resolved through scopes); plain JSON-able values, Dates allowed */
  variables: Record<string, unknown>;
  /** `execution.setVariable(name, value)` */
  setVariable(name: string, value: unknown): void;
  /** `execution.setVariableLocal(name, value)` */
  setVariableLocal(name: string, value: unknown): void;
  /** read-only facts exposed as `execution.<name>`: id, processInstanceId, processBusinessKey, activityId, processDefinitionId */
  execution: Record<string, string | null>;
}

export interface ScriptOutcome {
  value: unknown;
  bpmnError?: { code: string; message?: string };
  logs: string[];
}

export interface ScriptSandbox {
  /** Runs a script, blocking the calling thread until it is done. */
  run(source: string, host: ScriptHost): ScriptOutcome;
  /**
   * Runs a script without blocking: same outcome and errors as `run`, and the host's
   * setVariable / setVariableLocal are replayed (in call order) before the promise settles.
   * Calls may overlap; they queue for the workers.
   */
  runAsync(source: string, host: ScriptHost): Promise<ScriptOutcome>;
  dispose(): void;
}

export interface ScriptSandboxOptions extends Partial<ScriptLimits> {
  /** worker threads running scripts side by side (default 1) */
  workers?: number;
  /**
   * How runs are kept apart (default 'frozen-realm'):
   * - 'frozen-realm': each worker keeps one QuickJS context whose built-ins and global object are
   *   frozen once ("lockdown"); every run gets a fresh scope object for its variables and
   *   undeclared globals, and its `var` / function declarations live in a function scope of their
   *   own (see GUEST_REALM in guest-prelude.ts). Nothing a run can write is seen by a later run.
   *   About 40 µs of worker CPU per trivial run. The realm is rebuilt (≈ 5 ms, after the answer)
   *   after any failure other than a BpmnError, every `realmMaxRuns` runs, and when garbage
   *   builds up. What scripts see differently from a fresh context:
   *   - built-ins cannot be changed: assignments to them are ignored in sloppy code and throw
   *     TypeError in strict code (assigning toString, valueOf, constructor, or an error's name and
   *     message on one's own objects still works); an undeclared assignment to a built-in's name
   *     (`Math = 1`) is ignored (`var Math = 1` and `globalThis.Math = 1` work);
   *   - top-level `var` and function declarations are not properties of `globalThis`;
   *   - in strict code, an assignment to an undeclared name creates it instead of throwing;
   *   - a name that follows `typeof` anywhere in the source reads as undefined instead of
   *     throwing ReferenceError when it is not defined;
   *   - code run by indirect eval or the Function constructor, and `this` in a sloppy function
   *     called without a receiver, see the (frozen) global object, without the variables;
   *   - Symbol.for registrations last for the run; FinalizationRegistry callbacks run only
   *     during the run that made the registry.
   * - 'fresh-runtime': a new QuickJS runtime and context per run (≈ 250 µs per run), with
   *   ordinary, modifiable built-ins.
   */
  isolation?: ScriptIsolation;
  /** frozen-realm: runs one realm serves before it is rebuilt (default 5000) */
  realmMaxRuns?: number;
}

export const DEFAULT_SCRIPT_LIMITS: Readonly<Required<ScriptLimits>> = Object.freeze({
  timeoutMs: 1000,
  memoryLimitBytes: 32 * 1024 * 1024,
  maxStackBytes: 512 * 1024,
});

/** scriptFormat values run by this sandbox (compared case-insensitively). */
const JAVASCRIPT_FORMATS = new Set(['javascript', 'js', 'ecmascript']);

const ISOLATIONS: readonly ScriptIsolation[] = ['frozen-realm', 'fresh-runtime'];
const DEFAULT_ISOLATION: ScriptIsolation = 'frozen-realm';
const DEFAULT_REALM_MAX_RUNS = 5000;

export function isJavaScriptFormat(scriptFormat: string | undefined | null): boolean {
  return scriptFormat != null && JAVASCRIPT_FORMATS.has(scriptFormat.trim().toLowerCase());
}

function positive(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) throw new RangeError(`script limit ${name} must be a number >= ${min}`);
  return Math.floor(value);
}

const MAX_STACK_BYTES = 4 * 1024 * 1024;
const MAX_WORKERS = 16;

function resolveLimits(limits: Partial<ScriptLimits>): Required<ScriptLimits> {
  const resolved = {
    timeoutMs: positive('timeoutMs', limits.timeoutMs ?? DEFAULT_SCRIPT_LIMITS.timeoutMs, 1),
    memoryLimitBytes: positive('memoryLimitBytes', limits.memoryLimitBytes ?? DEFAULT_SCRIPT_LIMITS.memoryLimitBytes, 1024 * 1024),
    maxStackBytes: positive('maxStackBytes', limits.maxStackBytes ?? DEFAULT_SCRIPT_LIMITS.maxStackBytes, 16 * 1024),
  };
  // QuickJS measures its stack inside the WebAssembly shadow stack, which holds about 5 MiB.
  if (resolved.maxStackBytes > MAX_STACK_BYTES) throw new RangeError(`script limit maxStackBytes must be <= ${MAX_STACK_BYTES}`);
  return resolved;
}

/** Loads QuickJS in its worker thread(s) once; the returned sandbox runs scripts. */
export async function createScriptSandbox(options: ScriptSandboxOptions = {}): Promise<ScriptSandbox> {
  const resolved = resolveLimits(options);
  const workers = positive('workers', options.workers ?? 1, 1);
  if (workers > MAX_WORKERS) throw new RangeError(`script sandbox workers must be <= ${MAX_WORKERS}`);
  const isolation = options.isolation ?? DEFAULT_ISOLATION;
  if (!ISOLATIONS.includes(isolation)) throw new RangeError(`script isolation must be one of ${ISOLATIONS.join(', ')}`);
  const realmMaxRuns = positive('realmMaxRuns', options.realmMaxRuns ?? DEFAULT_REALM_MAX_RUNS, 1);
  const pool = new SandboxWorkers(
    {
      isolation,
      realmMaxRuns,
      memoryLimitBytes: resolved.memoryLimitBytes,
      maxStackBytes: resolved.maxStackBytes,
      threadStackMb: Math.min(64, Math.max(16, Math.ceil((resolved.maxStackBytes * 32) / (1024 * 1024)))),
      startTimeoutMs: 15_000,
    },
    workers,
  );
  await pool.start();
  const { timeoutMs } = resolved;
  // Grace beyond the guest's own deadline before the worker is terminated: covers built-ins that
  // do not poll the interrupt handler. Worst case a run takes timeoutMs + grace once started.
  const graceMs = Math.min(1000, Math.max(100, timeoutMs / 2));
  return {
    run: (source, host) => outcome(pool.call(request(source, host, timeoutMs), timeoutMs + graceMs), host, timeoutMs),
    runAsync: async (source, host) => outcome(await pool.callAsync(request(source, host, timeoutMs), timeoutMs + graceMs), host, timeoutMs),
    dispose: () => pool.dispose(),
  };
}

function request(source: string, host: ScriptHost, timeoutMs: number): WorkerRequest {
  const facts: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  for (const [name, fact] of Object.entries(host.execution)) facts[name] = typeof fact === 'string' ? fact : null;
  return { source, vars: variableWires(host.variables), facts, timeoutMs };
}

function outcome(result: CallResult, host: ScriptHost, timeoutMs: number): ScriptOutcome {
  if (result === 'no-response') return timedOut(timeoutMs);
  return settle(result, host, timeoutMs);
}

function variableWires(variables: Record<string, unknown>): Record<string, string> {
  const wires: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(variables)) {
    try {
      wires[name] = toWire(value);
    } catch (e) {
      throw new LzError('LZ_ERR_SCRIPT_FAILED', `variable "${name}" cannot be passed to the script: ${errorText(e)}`);
    }
  }
  return wires;
}

function settle(response: WorkerResponse, host: ScriptHost, timeoutMs: number): ScriptOutcome {
  switch (response.t) {
    case 'ok': {
      const value = readWire(response.value, response.logs);
      replay(response.sets, host);
      return { value, logs: response.logs };
    }
    case 'thrown':
      return settleThrown(response, host);
    case 'timeout':
      return timedOut(timeoutMs, response.logs);
    case 'memory':
      throw new LzError('LZ_ERR_SCRIPT_MEMORY', 'the script ran out of memory', { logs: response.logs });
    case 'pending':
      throw new LzError('LZ_ERR_SCRIPT_FAILED', 'the script returned a promise that never settled', { logs: response.logs });
    case 'unreadable':
      throw new LzError('LZ_ERR_SCRIPT_FAILED', 'the script threw an error that could not be read', { logs: response.logs });
    case 'crash':
      throw new LzError(
        'LZ_ERR_SCRIPT_FAILED',
        response.stackOverflow ? 'stack overflow' : `the script sandbox failed: ${response.message}`,
      );
  }
}

function settleThrown(response: Extract<WorkerResponse, { t: 'thrown' }>, host: ScriptHost): ScriptOutcome {
  const { info, logs, sets, stage } = response;
  const [kind, first, second, stack] = info;
  if (kind === 'bpmn' && first !== undefined && stage === 'script') {
    replay(sets, host);
    const bpmnError: { code: string; message?: string } = { code: first };
    if (second !== undefined) bpmnError.message = second;
    return { value: null, bpmnError, logs };
  }
  const name = kind === 'error' && first !== undefined ? first : 'Error';
  const message = second ?? 'unknown error';
  if (name === 'InternalError' && message === 'out of memory') {
    throw new LzError('LZ_ERR_SCRIPT_MEMORY', 'the script ran out of memory', { logs });
  }
  if (/^(InternalError|RangeError|SyntaxError)$/.test(name) && message === 'stack overflow') {
    throw new LzError('LZ_ERR_SCRIPT_FAILED', 'stack overflow', { logs });
  }
  const line = stage === 'script' ? scriptLine(stack) : undefined;
  const prefix = stage === 'result' ? 'the script result cannot be stored: ' : stage === 'setup' ? 'the variables cannot be bound: ' : '';
  const at = line === undefined ? '' : ` (line ${line})`;
  throw new LzError('LZ_ERR_SCRIPT_FAILED', `${prefix}${name}: ${message}${at}`, { errorName: name, line, logs });
}

/** the script's line in an error's stack: its file in a fresh context, the direct eval's `<input>` in a frozen realm */
function scriptLine(stack: string | undefined): number | undefined {
  const match = stack === undefined ? null : /(?:script\.js|<input>):(\d+)/.exec(stack);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Wire text from the worker → value. The worker's JSON.stringify makes it; this is a last guard. */
function readWire(wire: string, logs: string[]): unknown {
  try {
    return fromWire(wire);
  } catch (e) {
    throw new LzError('LZ_ERR_SCRIPT_FAILED', `the script result cannot be read: ${errorText(e)}`, { logs });
  }
}

function replay(sets: SetCall[], host: ScriptHost): void {
  const values = sets.map(([, , wire]) => readWire(wire, []));
  sets.forEach(([kind, name], i) => {
    if (kind === 'g') host.setVariable(name, values[i]);
    else host.setVariableLocal(name, values[i]);
  });
}

function timedOut(timeoutMs: number, logs: string[] = []): never {
  throw new LzError('LZ_ERR_SCRIPT_TIMEOUT', `the script ran longer than ${timeoutMs} ms`, { logs });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
