/**
 * Main-thread side of the QuickJS workers (see worker-source.ts). A pool of one or more workers
 * ("lanes"), each serving one request at a time:
 *
 * - callAsync queues the request; a lane posts it and waits with Atomics.waitAsync, so the main
 *   thread never blocks. A lane whose worker is busy may hold one more request posted behind the
 *   running one (PIPELINE_DEPTH): the worker then goes from one run to the next without waiting
 *   for the main thread, which would otherwise cost both threads a wake-up per run (half the
 *   throughput with one worker). Requests go to idle lanes first.
 *   The hard deadline is a timer started for a request when the worker starts it — at posting,
 *   or, for a request posted behind another, when that one's answer arrives (a queued request's
 *   time does not run while it waits): if the worker has not answered by then it is terminated
 *   and replaced, the request posted behind it goes back to the head of the queue, and the queue
 *   moves on to the fresh worker.
 * - call (synchronous) takes an idle lane, or blocks until the requests of the lane that started
 *   first are answered (or miss their deadlines), then posts and blocks (Atomics.wait) until the
 *   answer or its deadline.
 *
 * A worker that misses a deadline, reports a host-level failure, or retires (its heap grew past
 * the memory limit) is terminated and a fresh one is started at once, so it is usually warm
 * again by the next run; a run that finds it still starting waits for it. A request posted
 * behind the one that ended the worker never ran: it is queued again, not failed. So is, once, a
 * request answered with `retry` (a memory failure that earlier runs may have caused, see
 * worker-source.ts).
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { LzError } from '../errors.ts';
import { GUEST_BPMN_ERROR, GUEST_DECODE, GUEST_ENCODE, GUEST_HELPERS, GUEST_REALM } from './guest-prelude.ts';
import { CONTROL_READY, CONTROL_REQ, CONTROL_RESP, CONTROL_SLOTS, WORKER_SOURCE } from './worker-source.ts';

export interface WorkerRequest {
  source: string;
  /** variable name → wire text of its value */
  vars: Record<string, string>;
  /** execution facts (id, processInstanceId…) */
  facts: Record<string, string | null>;
  timeoutMs: number;
}

/** [kind, name, wire]: an `execution.setVariable` ('g') or `setVariableLocal` ('l') call, in call order */
export type SetCall = [kind: 'g' | 'l', name: string, wire: string];

export type WorkerResponse = (
  | { t: 'ok'; value: string; logs: string[]; sets: SetCall[] }
  | {
      t: 'thrown';
      /** where it was thrown: while binding variables, by the script, or while storing its result */
      stage: 'setup' | 'script' | 'result';
      /** ['bpmn', code, message] or ['error', name, message, stack] */
      info: (string | undefined)[];
      logs: string[];
      sets: SetCall[];
    }
  | { t: 'timeout' | 'memory' | 'pending' | 'unreadable'; logs: string[] }
  | { t: 'crash'; message: string; stackOverflow: boolean }
) & {
  /** the worker's last answer: it must be replaced */
  retire?: boolean;
  /** the run may have failed for what earlier runs left behind: run it again in the fresh worker (once) */
  retry?: boolean;
};

export type CallResult = WorkerResponse | 'no-response';

/** see ScriptSandboxOptions.isolation */
export type ScriptIsolation = 'frozen-realm' | 'fresh-runtime';

export interface WorkerOptions {
  isolation: ScriptIsolation;
  /** frozen-realm: runs a realm serves at most before it is rebuilt */
  realmMaxRuns: number;
  memoryLimitBytes: number;
  maxStackBytes: number;
  /** native stack of the worker thread; far above maxStackBytes because QuickJS under-counts C recursion */
  threadStackMb: number;
  startTimeoutMs: number;
}

interface Spawned {
  worker: Worker;
  port: MessagePort;
  control: Int32Array;
  /** sequence number of the last request posted (int32, wrapping) */
  seq: number;
  dead: boolean;
}

interface Job {
  request: WorkerRequest;
  waitMs: number;
  /** answered with `retry` once already */
  retried?: boolean;
  resolve(result: CallResult): void;
  reject(error: unknown): void;
}

interface InFlight {
  job: Job;
  spawned: Spawned;
  seq: number;
  /** performance.now() after which the worker is replaced; set when the worker starts it */
  until: number;
  timer: NodeJS.Timeout | null;
}

interface Lane {
  spawned: Spawned | null;
  /** a job waiting (asynchronously) for this lane's worker to start */
  starting: Job | null;
  /** posted requests in posting order; the first one is running (its deadline armed) */
  flights: InFlight[];
}

const SPIN_MS = 0.5;
/** requests a lane may have posted to its worker at once: the running one and one behind it */
const PIPELINE_DEPTH = 2;
const requireHere = createRequire(import.meta.url);
let modulePaths: { corePath: string; variantPath: string } | undefined;

function resolveModulePaths(): { corePath: string; variantPath: string } {
  modulePaths ??= {
    corePath: requireHere.resolve('quickjs-emscripten-core'),
    variantPath: requireHere.resolve('@jitl/quickjs-wasmfile-release-sync'),
  };
  return modulePaths;
}

function disposedError(): LzError {
  return new LzError('LZ_ERR_SCRIPT_FAILED', 'the script sandbox has been disposed');
}

/** Whether the worker has answered request `seq` (answers come in order; sequence numbers wrap as int32). */
function answered(spawned: Spawned, seq: number): boolean {
  return Atomics.load(spawned.control, CONTROL_RESP) !== ((seq - 1) | 0);
}

export class SandboxWorkers {
  readonly #options: WorkerOptions;
  readonly #lanes: Lane[];
  readonly #queue: Job[] = [];
  #disposed = false;
  /** set while a synchronous call owns a lane: queued jobs wait until it is done */
  #inSyncCall = false;

  constructor(options: WorkerOptions, count: number) {
    this.#options = options;
    this.#lanes = Array.from({ length: count }, () => ({ spawned: null, starting: null, flights: [] }));
  }

  /** Starts every worker and waits (asynchronously) until QuickJS is loaded in each. */
  async start(): Promise<void> {
    for (const lane of this.#lanes) lane.spawned = this.#spawn();
    try {
      await Promise.all(
        this.#lanes.map(async (lane) => {
          const spawned = lane.spawned as Spawned;
          await this.#whenStarted(spawned);
          this.#checkReady(lane, spawned);
        }),
      );
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** Runs one request without blocking; 'no-response' when the worker missed `waitMs` (it has been replaced). */
  callAsync(request: WorkerRequest, waitMs: number): Promise<CallResult> {
    if (this.#disposed) return Promise.reject(disposedError());
    return new Promise<CallResult>((resolve, reject) => {
      this.#queue.push({ request, waitMs, resolve, reject });
      this.#pump();
    });
  }

  /** Runs one request, blocking the caller; 'no-response' when the worker missed `waitMs` (it has been replaced). */
  call(request: WorkerRequest, waitMs: number): CallResult {
    if (this.#disposed) throw disposedError();
    if (this.#inSyncCall) throw new LzError('LZ_ERR_SCRIPT_FAILED', 'the script sandbox is already in a synchronous run');
    this.#inSyncCall = true;
    try {
      const lane = this.#freeLaneSync();
      for (let attempt = 1; ; attempt++) {
        const spawned = this.#readySync(lane);
        const seq = this.#post(spawned, request);
        const until = performance.now() + waitMs;
        // Most runs answer within a fraction of a millisecond: spinning briefly avoids the futex
        // wake-up latency of sleeping (tens of µs on virtual machines); the caller is blocked anyway.
        const spinUntil = performance.now() + SPIN_MS;
        while (!answered(spawned, seq) && performance.now() < spinUntil);
        while (!answered(spawned, seq)) {
          const left = until - performance.now();
          if (left <= 0) {
            this.#replace(lane, spawned);
            return 'no-response';
          }
          Atomics.wait(spawned.control, CONTROL_RESP, (seq - 1) | 0, left);
        }
        const response = this.#receive(lane, spawned);
        if (response.retry !== true || attempt > 1) return response;
      }
    } finally {
      this.#inSyncCall = false;
      this.#pump();
    }
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const error = disposedError();
    for (const lane of this.#lanes) {
      const { flights, starting, spawned } = lane;
      lane.flights = [];
      lane.starting = null;
      lane.spawned = null;
      for (const flight of flights) {
        if (flight.timer !== null) clearTimeout(flight.timer);
        flight.job.reject(error);
      }
      starting?.reject(error);
      if (spawned !== null) this.#terminate(spawned);
    }
    for (const job of this.#queue.splice(0)) job.reject(error);
  }

  // ---- asynchronous path

  #pump(): void {
    if (this.#disposed || this.#inSyncCall) return;
    while (this.#queue.length > 0) {
      // an idle lane first; else a busy lane with room behind its running request
      const lane =
        this.#lanes.find((l) => l.flights.length === 0 && l.starting === null) ??
        this.#lanes.find((l) => l.flights.length > 0 && l.flights.length < PIPELINE_DEPTH && l.spawned !== null && !l.spawned.dead);
      if (lane === undefined) return;
      this.#dispatch(lane, this.#queue.shift() as Job);
    }
  }

  #dispatch(lane: Lane, job: Job): void {
    let spawned = lane.spawned;
    if (spawned === null || spawned.dead) {
      spawned = this.#spawn();
      lane.spawned = spawned;
    }
    if (Atomics.load(spawned.control, CONTROL_READY) !== 0) {
      this.#startAsync(lane, spawned, job);
      return;
    }
    lane.starting = job;
    const started = spawned;
    this.#whenStarted(started).then(
      () => {
        if (lane.starting !== job) return; // taken over by a synchronous call, or disposed
        lane.starting = null;
        this.#startAsync(lane, started, job);
      },
      (error: unknown) => {
        if (lane.starting !== job) return;
        lane.starting = null;
        job.reject(error);
        this.#pump();
      },
    );
  }

  #startAsync(lane: Lane, spawned: Spawned, job: Job): void {
    try {
      this.#checkReady(lane, spawned);
    } catch (e) {
      job.reject(e);
      this.#pump();
      return;
    }
    const flight: InFlight = { job, spawned, seq: this.#post(spawned, job.request), until: Infinity, timer: null };
    lane.flights.push(flight);
    if (lane.flights.length === 1) this.#arm(lane, flight);
  }

  /** The worker has started this request (the lane's first): its deadline runs from now. */
  #arm(lane: Lane, flight: InFlight): void {
    flight.until = performance.now() + flight.job.waitMs;
    flight.timer = setTimeout(() => this.#expire(lane, flight), flight.job.waitMs);
    this.#awaitAnswer(lane, flight);
  }

  #awaitAnswer(lane: Lane, flight: InFlight): void {
    const waited = Atomics.waitAsync(flight.spawned.control, CONTROL_RESP, (flight.seq - 1) | 0);
    if (waited.async) {
      void waited.value.then(() => this.#answered(lane, flight));
    } else {
      queueMicrotask(() => this.#answered(lane, flight));
    }
  }

  #answered(lane: Lane, flight: InFlight): void {
    if (lane.flights[0] !== flight) return; // settled already (deadline, synchronous call, dispose)
    if (!answered(flight.spawned, flight.seq)) {
      if (flight.spawned.dead) {
        // the worker thread ended without answering
        this.#replace(lane, flight.spawned);
        this.#settle(lane, flight, { t: 'crash', message: 'the script worker stopped', stackOverflow: false });
      } else {
        this.#awaitAnswer(lane, flight); // woken without an answer
      }
      return;
    }
    this.#settle(lane, flight, this.#receive(lane, flight.spawned));
  }

  #expire(lane: Lane, flight: InFlight): void {
    if (lane.flights[0] !== flight) return;
    if (answered(flight.spawned, flight.seq)) {
      this.#settle(lane, flight, this.#receive(lane, flight.spawned)); // answered just in time
      return;
    }
    this.#replace(lane, flight.spawned);
    this.#settle(lane, flight, 'no-response');
  }

  /** Settles the lane's first request (or queues it again, see `retry`); the one posted behind it (if any) is running now. */
  #settle(lane: Lane, flight: InFlight, result: CallResult): void {
    if (flight.timer !== null) clearTimeout(flight.timer);
    lane.flights.shift();
    if (result !== 'no-response' && result.retry === true && flight.job.retried !== true) {
      flight.job.retried = true;
      this.#queue.unshift(flight.job);
    } else {
      flight.job.resolve(result);
    }
    const next = lane.flights[0];
    if (next !== undefined) this.#arm(lane, next);
    this.#pump();
  }

  /** Resolves once the worker reported ready or failed, exited, or missed the start timeout. */
  #whenStarted(spawned: Spawned): Promise<void> {
    if (Atomics.load(spawned.control, CONTROL_READY) !== 0 || spawned.dead) return Promise.resolve();
    const { startTimeoutMs } = this.#options;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        spawned.worker.off('exit', done);
        resolve();
      };
      // a referenced timer: keeps the process alive while a start is awaited
      const timer = setTimeout(done, startTimeoutMs);
      spawned.worker.once('exit', done);
      const waited = Atomics.waitAsync(spawned.control, CONTROL_READY, 0, startTimeoutMs);
      if (waited.async) void waited.value.then(done);
      else queueMicrotask(done);
    });
  }

  // ---- synchronous path

  /** A lane with nothing posted: idle already, or freed by waiting for its posted requests. */
  #freeLaneSync(): Lane {
    const free = this.#lanes.find((lane) => lane.flights.length === 0);
    if (free !== undefined) {
      if (free.starting !== null) {
        this.#queue.unshift(free.starting); // it goes first once the synchronous call is done
        free.starting = null;
      }
      return free;
    }
    const lane = this.#lanes.reduce((oldest, next) => ((next.flights[0] as InFlight).until < (oldest.flights[0] as InFlight).until ? next : oldest));
    for (let flight = lane.flights[0]; flight !== undefined; flight = lane.flights[0]) {
      const { control } = flight.spawned;
      while (!answered(flight.spawned, flight.seq)) {
        const left = flight.until - performance.now();
        if (left <= 0) break;
        Atomics.wait(control, CONTROL_RESP, (flight.seq - 1) | 0, left);
      }
      this.#expire(lane, flight); // settles it with its answer, or replaces the worker (requeueing the rest)
    }
    return lane;
  }

  #readySync(lane: Lane): Spawned {
    let spawned = lane.spawned;
    if (spawned === null || spawned.dead) {
      spawned = this.#spawn();
      lane.spawned = spawned;
    }
    if (Atomics.load(spawned.control, CONTROL_READY) === 0) {
      Atomics.wait(spawned.control, CONTROL_READY, 0, this.#options.startTimeoutMs);
    }
    this.#checkReady(lane, spawned);
    return spawned;
  }

  // ---- shared

  #post(spawned: Spawned, request: WorkerRequest): number {
    const seq = (spawned.seq + 1) | 0;
    spawned.seq = seq;
    spawned.port.postMessage(request);
    Atomics.store(spawned.control, CONTROL_REQ, seq);
    Atomics.notify(spawned.control, CONTROL_REQ);
    return seq;
  }

  #receive(lane: Lane, spawned: Spawned): WorkerResponse {
    const received = receiveMessageOnPort(spawned.port);
    const response = received?.message as WorkerResponse | undefined;
    if (response === undefined || response.t === 'crash' || response.retire === true) this.#replace(lane, spawned);
    return response ?? { t: 'crash', message: 'the script worker sent no response', stackOverflow: false };
  }

  #checkReady(lane: Lane, spawned: Spawned): void {
    const state = Atomics.load(spawned.control, CONTROL_READY);
    if (state === 1 && !spawned.dead) return;
    let detail = 'the script sandbox did not start in time';
    if (state === -1) {
      const failure = receiveMessageOnPort(spawned.port)?.message as { message?: unknown } | undefined;
      detail = `the script sandbox could not start: ${String(failure?.message ?? 'unknown reason')}`;
    } else if (spawned.dead) {
      detail = 'the script sandbox stopped while starting';
    }
    this.#terminate(spawned);
    if (lane.spawned === spawned) lane.spawned = null;
    throw new LzError('LZ_ERR_SCRIPT_FAILED', detail);
  }

  #spawn(): Spawned {
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
    const { port1, port2 } = new MessageChannel();
    const { corePath, variantPath } = resolveModulePaths();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        port: port2,
        control: control.buffer,
        corePath,
        variantPath,
        limits: {
          isolation: this.#options.isolation,
          realmMaxRuns: this.#options.realmMaxRuns,
          memoryLimitBytes: this.#options.memoryLimitBytes,
          maxStackBytes: this.#options.maxStackBytes,
        },
        GUEST_ENCODE,
        GUEST_DECODE,
        GUEST_BPMN_ERROR,
        GUEST_HELPERS,
        GUEST_REALM,
      },
      transferList: [port2],
      resourceLimits: { stackSizeMb: this.#options.threadStackMb },
      stdout: false,
      stderr: false,
    });
    const spawned: Spawned = { worker, port: port1, control, seq: 0, dead: false };
    const markDead = (): void => {
      spawned.dead = true;
      Atomics.notify(control, CONTROL_RESP); // wakes an asynchronous wait for its answer
    };
    worker.on('error', markDead);
    worker.on('exit', markDead);
    worker.unref();
    port1.unref();
    return spawned;
  }

  /**
   * Terminates the lane's worker and starts a fresh one. The lane's first request is left for the
   * caller to settle; the ones posted behind it never ran, so they go back to the head of the queue.
   */
  #replace(lane: Lane, spawned: Spawned): void {
    this.#terminate(spawned);
    if (lane.spawned === spawned) lane.spawned = this.#disposed ? null : this.#spawn();
    const behind = lane.flights.splice(1);
    this.#queue.unshift(...behind.map((flight) => flight.job));
  }

  #terminate(spawned: Spawned): void {
    spawned.dead = true;
    spawned.port.close();
    spawned.worker.terminate().catch(() => undefined);
    // release asynchronous waits on it (their callbacks find nothing left to settle)
    Atomics.notify(spawned.control, CONTROL_RESP);
    Atomics.notify(spawned.control, CONTROL_READY);
  }
}
