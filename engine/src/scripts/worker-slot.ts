/**
 * Worker-thread JavaScript (part of WORKER_SOURCE, see worker-source.ts). A "slot" is one QuickJS
 * context, in a runtime of its own, with the built-ins captured (see guest-prelude.ts) and the
 * host functions behind `execution.*` and `console` made. Two kinds, by isolation mode:
 *
 * - fresh-runtime (newSlot): serves exactly one run and is then disposed with its runtime.
 *   `console` / `BpmnError` are lazy globals; no guest source is compiled to prepare the slot or
 *   to run an ordinary script: the variables are bound by one JSON.parse and one Object.assign onto
 *   the global, `execution` (made with the slot) gets the facts and is frozen, primitive results
 *   are read through the API, and the guest chunks are compiled only when a run needs them.
 * - frozen-realm (newRealmSlot): serves many runs. Every chunk is compiled up front, then
 *   GUEST_REALM hardens the context; each run is one call of its begin(payload, source), which
 *   gives the script a scope of its own (see GUEST_REALM). The worker loop decides after each run
 *   whether the slot may serve another (see worker-source.ts).
 *
 * Per-run state (variables, recorded sets, logs) lives on the slot and is reset by execute; the
 * host functions serve only while a run is active.
 *
 * Expects in scope: QuickJS (the loaded module), limits { memoryLimitBytes, maxStackBytes },
 * GUEST_ENCODE / GUEST_DECODE / GUEST_BPMN_ERROR / GUEST_HELPERS / GUEST_REALM (strings), heap
 * (the WebAssembly.Memory QuickJS allocates from) and softCap (bytes), and the mutable
 * `deadline` / `interrupted` / `memoryExceeded`.
 * execute(slot, request) → response (see WorkerResponse in worker-link.ts).
 */
import { CAPTURED_GLOBALS } from './guest-prelude.ts';

export const WORKER_SLOT_SOURCE = String.raw`
const HEADROOM = 1048576;
const LOG_CAP = 65536;
const CAPTURED = ${JSON.stringify(CAPTURED_GLOBALS)};
/** globals a variable cannot become: non-configurable ones, the API, and eval (the frozen realm's evaluator needs it) */
const UNBINDABLE = new Set(['undefined', 'NaN', 'Infinity', 'eval', 'execution', 'console', 'BpmnError']);
const EXECUTION_FUNCTIONS = ['getVariable', 'setVariable', 'setVariableLocal'];
const API_DESCRIPTORS = '{"execution":{"writable":true,"configurable":true},"console":{"configurable":true},"BpmnError":{"configurable":true}}';
const DATE_PROBE = 'lzDate';

function shouldInterrupt() {
  if (memoryExceeded) {
    interrupted = true;
    return true;
  }
  if (heap.buffer.byteLength > softCap) {
    memoryExceeded = true;
    interrupted = true;
    return true;
  }
  if (Date.now() <= deadline) return false;
  interrupted = true;
  return true;
}
function rejectModules() {
  return { error: new Error('modules are not available in scripts') };
}

function newRuntime() {
  const rt = QuickJS.newRuntime();
  try {
    rt.setMemoryLimit(limits.memoryLimitBytes);
    rt.setMaxStackSize(limits.maxStackBytes);
    rt.setInterruptHandler(shouldInterrupt);
    rt.setModuleLoader(rejectModules);
    return rt;
  } catch (e) {
    rt.dispose();
    throw e;
  }
}

/** A guest exception met while preparing or binding: carries the error handle. */
class GuestThrow {
  constructor(handle) {
    this.handle = handle;
  }
}
function unwrap(result) {
  if (result.error) throw new GuestThrow(result.error);
  return result.value;
}

function hold(s, handle) {
  s.held.push(handle);
  return handle;
}

function emptySlot(rt, ctx) {
  return {
    rt, ctx, held: [], args: null, parse: null, stringify: null, TypeError: null, assign: null, defineProperties: null, freeze: null, execution: null,
    encoder: null, decoder: null, helpers: undefined, bpmn: null,
    realm: false, begin: null, runs: 0, baseUsed: 0, heapBefore: 0, startedAt: 0,
    active: false, wires: null, overlay: new Map(), sets: [], setSize: 0, logs: [], logSize: 0,
  };
}

/** Reads the built-ins every chunk takes (see CAPTURED_GLOBALS) off the untouched global. */
function captureBuiltins(s) {
  const ctx = s.ctx;
  const G = ctx.global;
  const J = hold(s, ctx.getProp(G, 'JSON')), O = hold(s, ctx.getProp(G, 'Object'));
  s.parse = hold(s, ctx.getProp(J, 'parse'));
  s.stringify = hold(s, ctx.getProp(J, 'stringify'));
  s.assign = hold(s, ctx.getProp(O, 'assign'));
  s.defineProperties = hold(s, ctx.getProp(O, 'defineProperties'));
  s.freeze = hold(s, ctx.getProp(O, 'freeze'));
  s.args = [G, J, O, s.parse, s.stringify];
  for (const name of CAPTURED) s.args.push(hold(s, ctx.getProp(G, name)));
  s.TypeError = s.args[5 + CAPTURED.indexOf('TypeError')];
}

/** the host functions behind execution.getVariable / setVariable / setVariableLocal */
function executionFunctions(s) {
  const fns = [hostGetVariable(s), hostStore(s, 'g'), hostStore(s, 'l')];
  return EXECUTION_FUNCTIONS.map((name, i) => hold(s, s.ctx.newFunction(name, fns[i])));
}

function preparationFailed(s, e) {
  if (e instanceof GuestThrow) {
    const detail = JSON.stringify(s.ctx.dump(e.handle));
    e.handle.dispose();
    dropSlot(s);
    return new Error('the script context could not be prepared: ' + detail);
  }
  dropSlot(s);
  return e;
}

/** A slot for one run (isolation 'fresh-runtime'). */
function newSlot(rt) {
  const ctx = rt.newContext();
  const s = emptySlot(rt, ctx);
  try {
    const G = ctx.global;
    captureBuiltins(s);
    // execution: its functions now, the facts (and freezing) when the request comes
    s.execution = hold(s, ctx.newObject());
    const fns = executionFunctions(s);
    for (let i = 0; i < EXECUTION_FUNCTIONS.length; i++) ctx.setProp(s.execution, EXECUTION_FUNCTIONS[i], fns[i]);
    const descriptors = unwrap(parseText(s, API_DESCRIPTORS));
    try {
      const descriptor = ctx.getProp(descriptors, 'execution');
      ctx.setProp(descriptor, 'value', s.execution);
      descriptor.dispose();
      lazyGlobal(s, descriptors, 'console', () => makeConsole(s));
      lazyGlobal(s, descriptors, 'BpmnError', () => makeBpmnError(s));
      unwrap(ctx.callFunction(s.defineProperties, ctx.undefined, G, descriptors)).dispose();
    } finally {
      descriptors.dispose();
    }
    return s;
  } catch (e) {
    throw preparationFailed(s, e);
  }
}

/**
 * A slot for many runs (isolation 'frozen-realm'): every chunk compiled, console and BpmnError
 * made, then the context hardened by GUEST_REALM's install. Nothing is compiled in it afterwards.
 */
function newRealmSlot(rt) {
  const ctx = rt.newContext();
  const s = emptySlot(rt, ctx);
  s.realm = true;
  try {
    captureBuiltins(s);
    const fns = executionFunctions(s);
    const consoleObject = hold(s, makeConsole(s));
    encoder(s);
    decoder(s);
    makeBpmnError(s).dispose();
    if (helpers(s) === null) throw new Error('the script helpers could not be compiled');
    // never handed to a script, but shared by every run of the realm: frozen all the same
    for (const fn of [s.encoder, s.decoder, s.helpers.show, s.helpers.describe, s.bpmn.lookup]) {
      unwrap(ctx.callFunction(s.freeze, ctx.undefined, fn)).dispose();
    }
    const install = hold(s, unwrap(runChunk(s, GUEST_REALM, 'lz-realm.js')));
    s.begin = hold(s, unwrap(ctx.callFunction(install, ctx.undefined, consoleObject, ...fns, s.bpmn.type, s.decoder)));
    s.baseUsed = memoryUsed(s);
    return s;
  } catch (e) {
    throw preparationFailed(s, e);
  }
}

/** QuickJS's estimate of the bytes its runtime holds (objects, strings, arrays, buffers… and garbage not yet collected) */
function memoryUsed(s) {
  const usage = s.rt.computeMemoryUsage();
  const used = s.ctx.getProp(usage, 'memory_used_size');
  const bytes = s.ctx.getNumber(used);
  used.dispose();
  usage.dispose();
  return bytes;
}

function dropSlot(s) {
  for (const handle of s.held) if (handle.alive) handle.dispose();
  s.held.length = 0;
  if (s.ctx.alive) s.ctx.dispose();
}

/**
 * Installs an accessor global whose getter builds the value on first use (make() → handle) and
 * turns it into a writable, non-enumerable data property; assigning to it does the same. One
 * host function serves as both getter (called without arguments) and setter (with one).
 */
function lazyGlobal(s, descriptors, name, make) {
  const ctx = s.ctx;
  const descriptor = ctx.getProp(descriptors, name);
  const access = ctx.newFunction(name, (...args) => {
    let made = null;
    try {
      if (args.length > 0) {
        redefineGlobal(s, name, args[0]);
        return undefined;
      }
      made = make();
      redefineGlobal(s, name, made);
      return made;
    } catch (e) {
      if (made !== null) made.dispose();
      if (e instanceof GuestThrow) return { error: e.handle };
      throw e;
    }
  });
  ctx.setProp(descriptor, 'get', access);
  ctx.setProp(descriptor, 'set', access);
  access.dispose();
  descriptor.dispose();
}

function redefineGlobal(s, name, value) {
  const ctx = s.ctx;
  const descriptors = unwrap(parseText(s, '{' + JSON.stringify(name) + ':{"writable":true,"configurable":true}}'));
  try {
    const descriptor = ctx.getProp(descriptors, name);
    ctx.setProp(descriptor, 'value', value);
    descriptor.dispose();
    unwrap(ctx.callFunction(s.defineProperties, ctx.undefined, ctx.global, descriptors)).dispose();
  } finally {
    descriptors.dispose();
  }
}

function makeConsole(s) {
  const ctx = s.ctx;
  const object = ctx.newObject();
  try {
    const methods = [['log', ''], ['info', ''], ['debug', ''], ['warn', '[warn] '], ['error', '[error] ']];
    for (const [name, prefix] of methods) {
      const fn = ctx.newFunction(name, hostLog(s, prefix));
      ctx.setProp(object, name, fn);
      fn.dispose();
    }
    unwrap(ctx.callFunction(s.freeze, ctx.undefined, object)).dispose();
    return object;
  } catch (e) {
    object.dispose();
    throw e;
  }
}

function makeBpmnError(s) {
  const ctx = s.ctx;
  if (s.bpmn === null) {
    const made = unwrap(runChunk(s, GUEST_BPMN_ERROR, 'lz-bpmn-error.js'));
    s.bpmn = { type: hold(s, ctx.getProp(made, 0)), lookup: hold(s, ctx.getProp(made, 1)) };
    made.dispose();
  }
  return s.bpmn.type.dup();
}

/** Compiles a guest chunk (a function of the captured built-ins) and calls it: a DisposableResult. */
function runChunk(s, source, filename) {
  const ctx = s.ctx;
  const compiled = ctx.evalCode(source, filename, { type: 'global' });
  if (compiled.error) return compiled;
  const made = ctx.callFunction(compiled.value, ctx.undefined, ...s.args);
  compiled.value.dispose();
  return made;
}
`;
