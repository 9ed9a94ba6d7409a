/**
 * Source of the worker thread that owns QuickJS, started with `new Worker(WORKER_SOURCE, { eval: true })`
 * so it needs neither a TypeScript loader nor a file next to the compiled output.
 *
 * Why a worker at all: some QuickJS built-ins loop in C without polling the interrupt handler
 * (`Array.prototype.indexOf.call({ length: 2 ** 40 }, 1)`, `join`, `fill` on sparse arrays…) and
 * deeply nested source or data recurses in C far deeper than QuickJS's own stack check sees. In
 * the main thread either would hang the process or overflow V8's stack; here the main thread can
 * always stop the worker, and the worker gets a large native stack of its own.
 *
 * Protocol (control = Int32Array over a SharedArrayBuffer, payloads over a MessagePort):
 *   main:   port.postMessage(request); control[REQ] = seq; notify
 *   worker: serves it; port.postMessage(response); control[RESP] = seq; notify
 * Sequence numbers go up by one per request (wrapping as int32). The main thread may post a
 * request while the worker still serves the previous one (see worker-link.ts): the worker serves
 * requests strictly in order, one message each, and answers them in the same order, so a request
 * is answered once control[RESP] has moved past the sequence number before it.
 *   control[READY]: 0 starting, 1 ready, -1 failed (then a { t: 'start-failed' } message waits on the port)
 * A response with `retire: true` is the worker's last: the main thread replaces it.
 *
 * Runtime and context, by isolation mode (limits.isolation):
 *
 * - 'fresh-runtime': each run gets a fresh QuickJS runtime (memory limit, stack limit, interrupt
 *   handler) holding one fresh context (newSlot in worker-slot.ts), prepared while the worker
 *   waits for the request and disposed, runtime and all, after the answer. Building the context
 *   is most of a trivial run's cost (≈ 200 µs of ≈ 240 µs). Sharing only the runtime across runs
 *   (a fresh context each time) ran no faster, so this mode shares nothing.
 * - 'frozen-realm': one runtime and one hardened context (newRealmSlot, GUEST_REALM) serve run
 *   after run, each in a scope of its own. After every answer the worker decides whether the
 *   realm may serve another run (reusable below): not after a failure other than a BpmnError
 *   (timeout, memory, a thrown error, a promise never settled, a crash), not when jobs are left in
 *   the runtime-wide queue (a promise job queued while the result was read would otherwise run
 *   in the next run), not when the run grew the WebAssembly heap, not after realmMaxRuns runs,
 *   and not when QuickJS's own count of the bytes it holds has grown by more than REALM_SLACK
 *   since the realm was made — garbage in cycles (QuickJS collects cycles only now and then)
 *   would otherwise count against later runs' memory. That count walks the heap (≈ 35 µs), so it
 *   is taken every REALM_PROBE_EVERY runs and after any run that took REALM_PROBE_AFTER_MS or
 *   more (a script cannot leave much garbage behind in less). A realm that may not serve again
 *   is disposed, runtime and all, and a new one is built while the worker waits for the next
 *   request. Whatever garbage is left between checks can only make a later run fail for memory
 *   too early, never succeed: such a failure, in a realm that served earlier runs, is answered
 *   with `retry` and the main thread runs the request again in the worker that replaces this one.
 *
 * Memory: QuickJS's own limit only counts a few bytes per allocation in this build (it has no
 * malloc_usable_size), so on its own it refuses single allocations above the limit but lets many
 * small ones grow without bound (up to the 2 GiB WebAssembly maximum). The worker therefore gives
 * QuickJS a WebAssembly memory of its own, fills the initial heap's free space with a ballast
 * block (never touched, so never resident) and notes the heap size a fresh runtime needs: a run
 * that grows the heap more than the limit beyond that (the soft cap) is stopped by the interrupt
 * handler, and allocations fail outright at the memory's maximum (soft cap + headroom). The heap
 * grows in steps of up to 20%, so the limit holds to within a few MiB. WebAssembly memory never
 * shrinks, so a worker whose heap passed the soft cap fails that run with a memory error and
 * retires after answering.
 */
import { WORKER_SLOT_SOURCE } from './worker-slot.ts';
import { WORKER_VALUES_SOURCE } from './worker-values.ts';

export const CONTROL_REQ = 0;
export const CONTROL_READY = 1;
export const CONTROL_RESP = 2;
export const CONTROL_SLOTS = 4;

export const WORKER_SOURCE = String.raw`'use strict';
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { port, control, corePath, variantPath, limits, GUEST_ENCODE, GUEST_DECODE, GUEST_BPMN_ERROR, GUEST_HELPERS, GUEST_REALM } = workerData;
const ctrl = new Int32Array(control);
const REQ = ${CONTROL_REQ}, READY = ${CONTROL_READY}, RESP = ${CONTROL_RESP};
const WASM_PAGE = 65536, WASM_MAX_PAGES = 32768, INITIAL_HEAP = 16 * 1024 * 1024, BALLAST = INITIAL_HEAP;
const FROZEN_REALM = limits.isolation === 'frozen-realm';
const REALM_PROBE_EVERY = 64, REALM_PROBE_AFTER_MS = 1;
const REALM_SLACK = Math.max(1048576, Math.floor(limits.memoryLimitBytes / 16));
let QuickJS = null;
let heap = null;
let softCap = Infinity;
let deadline = Infinity;
let interrupted = false;
let memoryExceeded = false;
${WORKER_SLOT_SOURCE}
${WORKER_VALUES_SOURCE}

function crash(e) {
  const message = e && typeof e.message === 'string' ? e.message : String(e);
  return { t: 'crash', message, stackOverflow: e instanceof RangeError && /call stack/i.test(message) };
}

/** A fresh runtime with a fresh context (or a fresh frozen realm) in it. */
function prepare() {
  const rt = newRuntime();
  try {
    return FROZEN_REALM ? newRealmSlot(rt) : newSlot(rt);
  } catch (e) {
    rt.dispose();
    throw e;
  }
}

/** Whether the slot may serve another run (frozen realm only; see the top of this file). */
function reusable(slot, response) {
  if (!slot.realm || interrupted || memoryExceeded) return false;
  if (response.t !== 'ok' && !(response.t === 'thrown' && response.stage === 'script' && response.info[0] === 'bpmn')) return false;
  if (slot.rt.hasPendingJob() || heap.buffer.byteLength !== slot.heapBefore) return false;
  slot.runs++;
  if (slot.runs >= limits.realmMaxRuns) return false;
  if (slot.runs % REALM_PROBE_EVERY === 0 || performance.now() - slot.startedAt >= REALM_PROBE_AFTER_MS) {
    return memoryUsed(slot) - slot.baseUsed <= REALM_SLACK;
  }
  return true;
}

/** Disposes a slot's context and runtime: nothing of the run survives. */
function release(slot) {
  dropSlot(slot);
  slot.rt.dispose();
}

function serve(slot, req) {
  interrupted = false;
  memoryExceeded = false;
  deadline = Date.now() + req.timeoutMs;
  slot.heapBefore = heap.buffer.byteLength;
  slot.startedAt = performance.now();
  try {
    return execute(slot, req);
  } finally {
    deadline = Infinity;
  }
}

function loop() {
  let slot = null, seen = 0;
  for (;;) {
    if (slot === null && Atomics.load(ctrl, REQ) === seen) {
      try {
        slot = prepare();
      } catch (e) {
        slot = null; // tried again, and reported, with the next request
      }
    }
    Atomics.wait(ctrl, REQ, seen); // returns at once when a request is already waiting
    if (Atomics.load(ctrl, REQ) === seen) continue;
    const seq = (seen + 1) | 0;
    seen = seq;
    const received = receiveMessageOnPort(port);
    let response;
    try {
      if (received === undefined) throw new Error('the request was lost');
      if (slot === null) slot = prepare();
      response = serve(slot, received.message);
    } catch (e) {
      response = crash(e); // the module may be corrupt: answer, then wait to be replaced
    }
    if (heap.buffer.byteLength > softCap) {
      if (response.t !== 'crash') response = { t: 'memory', logs: response.logs || [] };
      response.retire = true;
      // garbage left by earlier runs of this realm may have taken part of the heap: the run is
      // tried again in a fresh worker (it changed nothing), so the verdict is its own
      if (response.t === 'memory' && slot !== null && slot.runs > 0) response.retry = true;
    } else if (response.t === 'crash') {
      response.retire = true;
    }
    port.postMessage(response);
    Atomics.store(ctrl, RESP, seq);
    Atomics.notify(ctrl, RESP);
    if (response.retire) return retired(seen, response);
    try {
      if (reusable(slot, response)) continue;
      release(slot);
    } catch (e) {
      return retired(seen, crash(e)); // the check or disposal failed, so the heap is not trustworthy
    }
    slot = null;
  }
}

/** Answers every further request with a crash (retire: true) until the main thread replaces the worker. */
function retired(seen, last) {
  const answer = last.t === 'crash' ? last : { t: 'crash', message: 'the script worker is being replaced', stackOverflow: false };
  answer.retire = true;
  for (;;) {
    Atomics.wait(ctrl, REQ, seen);
    if (Atomics.load(ctrl, REQ) === seen) continue;
    seen = (seen + 1) | 0;
    receiveMessageOnPort(port);
    port.postMessage(answer);
    Atomics.store(ctrl, RESP, seen);
    Atomics.notify(ctrl, RESP);
  }
}

async function load() {
  const core = require(corePath);
  const variant = require(variantPath);
  const headroom = Math.max(8 * 1048576, limits.memoryLimitBytes / 4);
  const maximum = Math.min(WASM_MAX_PAGES, Math.ceil((INITIAL_HEAP + BALLAST + limits.memoryLimitBytes + headroom) / WASM_PAGE));
  heap = new WebAssembly.Memory({ initial: INITIAL_HEAP / WASM_PAGE, maximum });
  QuickJS = await core.newQuickJSWASMModuleFromVariant(core.newVariant(variant.default || variant, { wasmMemory: heap }));
  // proves that QuickJS uses this memory (its static data lives there)
  if (!new Uint8Array(heap.buffer, 0, WASM_PAGE * 16).some((byte) => byte !== 0)) {
    throw new Error('QuickJS did not take the capped WebAssembly memory');
  }
  // The ballast takes up the free part of the initial heap (never touched, so never resident):
  // from then on a run's allocations beyond what a fresh runtime uses must grow the heap, so the
  // soft cap (set below, once a runtime has been made and freed) measures the run rather than
  // the build's initial slack.
  if (!QuickJS.module._malloc(BALLAST)) throw new Error('the script heap could not be prepared');
  // every guest chunk must compile before the worker reports ready (a frozen realm compiles them all)
  const rt = newRuntime();
  const slot = newSlot(rt);
  const chunks = [[GUEST_ENCODE, 'lz-encode.js'], [GUEST_DECODE, 'lz-decode.js'], [GUEST_BPMN_ERROR, 'lz-bpmn-error.js'], [GUEST_HELPERS, 'lz-helpers.js']];
  for (const [source, name] of chunks) {
    const made = runChunk(slot, source, name);
    if (made.error) {
      const detail = JSON.stringify(slot.ctx.dump(made.error));
      made.error.dispose();
      throw new Error('the script prelude ' + name + ' failed: ' + detail);
    }
    made.value.dispose();
  }
  dropSlot(slot);
  rt.dispose();
  if (FROZEN_REALM) release(prepare());
  softCap = heap.buffer.byteLength + limits.memoryLimitBytes;
}

(async () => {
  try {
    await load();
  } catch (e) {
    port.postMessage({ t: 'start-failed', message: String((e && e.stack) || e) });
    Atomics.store(ctrl, READY, -1);
    Atomics.notify(ctrl, READY);
    return;
  }
  Atomics.store(ctrl, READY, 1);
  Atomics.notify(ctrl, READY);
  loop();
})();
`;
