/**
 * Worker-thread JavaScript, second half of the slot code (see worker-slot.ts): moving values
 * between host and guest (JSON text with Date markers), the host functions behind
 * `execution.*` and `console`, reading a guest error, binding a run's variables and running it.
 * Concatenated after WORKER_SLOT_SOURCE into WORKER_SOURCE (worker-source.ts), so it sees
 * everything that part defines.
 */
export const WORKER_VALUES_SOURCE = String.raw`
function encoder(s) {
  if (s.encoder === null) s.encoder = hold(s, unwrap(runChunk(s, GUEST_ENCODE, 'lz-encode.js')));
  return s.encoder;
}

function decoder(s) {
  if (s.decoder === null) s.decoder = hold(s, unwrap(runChunk(s, GUEST_DECODE, 'lz-decode.js')));
  return s.decoder;
}

/** JSON text → guest value (a DisposableResult); Dates are revived when the text may hold one. */
function parseText(s, text) {
  const ctx = s.ctx;
  let fn = s.parse;
  if (text.includes(DATE_PROBE)) {
    try {
      fn = decoder(s);
    } catch (e) {
      if (e instanceof GuestThrow) return { error: e.handle };
      throw e;
    }
  }
  const handle = ctx.newString(text);
  const result = ctx.callFunction(fn, ctx.undefined, handle);
  handle.dispose();
  return result;
}

/** guest value → wire text, or { error } (a guest exception, e.g. a cyclic value) */
function encode(s, handle) {
  const ctx = s.ctx;
  switch (ctx.typeof(handle)) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return { wire: 'null' };
    case 'number': {
      const n = ctx.getNumber(handle);
      return { wire: Number.isFinite(n) ? String(n) : 'null' };
    }
    case 'boolean':
      return { wire: ctx.eq(handle, ctx.true) ? 'true' : 'false' };
    case 'string':
      return stringifyWith(s, s.stringify, handle);
    case 'object':
      if (ctx.eq(handle, ctx.null)) return { wire: 'null' };
  }
  try {
    return stringifyWith(s, encoder(s), handle);
  } catch (e) {
    if (e instanceof GuestThrow) return { error: e.handle };
    throw e;
  }
}

function stringifyWith(s, fn, handle) {
  const ctx = s.ctx;
  const result = ctx.callFunction(fn, ctx.undefined, handle);
  if (result.error) return result;
  const wire = ctx.typeof(result.value) === 'string' ? ctx.getString(result.value) : 'null';
  result.value.dispose();
  return { wire };
}

function typeErrorResult(s, message) {
  const ctx = s.ctx;
  const text = ctx.newString(message);
  const made = ctx.callFunction(s.TypeError, ctx.undefined, text);
  text.dispose();
  return made.error ? made : { error: made.value };
}

/** the error a host function answers when called outside a run (only conceivable in a frozen realm) */
function inactive(s) {
  return typeErrorResult(s, 'the script run is over');
}

function hostGetVariable(s) {
  return function (nameHandle) {
    const ctx = s.ctx;
    if (!s.active) return inactive(s);
    const name = nameHandle === undefined ? 'undefined' : ctx.typeof(nameHandle) === 'string' ? ctx.getString(nameHandle) : String(ctx.dump(nameHandle));
    const wire = s.overlay.has(name) ? s.overlay.get(name) : Object.hasOwn(s.wires, name) ? s.wires[name] : undefined;
    if (wire === undefined) return ctx.null;
    return parseText(s, wire);
  };
}

function hostStore(s, kind) {
  return function (nameHandle, valueHandle) {
    const ctx = s.ctx;
    if (!s.active) return inactive(s);
    const name = nameHandle !== undefined && ctx.typeof(nameHandle) === 'string' ? ctx.getString(nameHandle) : '';
    if (name === '') return typeErrorResult(s, 'a variable name must be a non-empty string');
    const encoded = encode(s, valueHandle === undefined ? ctx.undefined : valueHandle);
    if (encoded.error) return encoded;
    // the recorded values live outside QuickJS's heap: they count against the same limit
    s.setSize += name.length + encoded.wire.length;
    if (s.setSize > limits.memoryLimitBytes) {
      memoryExceeded = true; // the run stops at the next interrupt poll, whatever the script catches
      return typeErrorResult(s, 'the variables set by this script exceed its memory limit');
    }
    s.sets.push([kind, name, encoded.wire]);
    s.overlay.set(name, encoded.wire);
    return undefined;
  };
}

function hostLog(s, prefix) {
  return function (...args) {
    if (!s.active || s.logSize >= LOG_CAP) return undefined;
    let line = prefix;
    for (let i = 0; i < args.length; i++) line += (i === 0 ? '' : ' ') + show(s, args[i]);
    const room = LOG_CAP - s.logSize;
    if (line.length > room) {
      line = line.slice(0, room) + '... (log truncated)';
      s.logSize = LOG_CAP;
    } else {
      s.logSize += line.length + 1;
    }
    s.logs.push(line);
    return undefined;
  };
}

function helpers(s) {
  if (s.helpers !== undefined) return s.helpers;
  s.helpers = null;
  const made = runChunk(s, GUEST_HELPERS, 'lz-helpers.js');
  if (made.error) {
    made.error.dispose();
    return null;
  }
  const show = s.ctx.getProp(made.value, 0), describe = s.ctx.getProp(made.value, 1);
  made.value.dispose();
  s.held.push(show, describe);
  s.helpers = { show, describe };
  return s.helpers;
}

function show(s, handle) {
  const ctx = s.ctx;
  switch (ctx.typeof(handle)) {
    case 'string':
      return ctx.getString(handle);
    case 'number':
      return String(ctx.getNumber(handle));
    case 'boolean':
      return ctx.eq(handle, ctx.true) ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    case 'object':
      if (ctx.eq(handle, ctx.null)) return 'null';
  }
  const h = helpers(s);
  if (h === null) return '[unprintable]';
  const shown = ctx.callFunction(h.show, ctx.undefined, handle);
  if (shown.error) {
    shown.error.dispose();
    return '[unprintable]';
  }
  const text = ctx.typeof(shown.value) === 'string' ? ctx.getString(shown.value) : '[unprintable]';
  shown.value.dispose();
  return text;
}

function stopped(s) {
  return { t: memoryExceeded ? 'memory' : 'timeout', logs: s.logs };
}

function thrown(s, error, stage) {
  if (interrupted || memoryExceeded) {
    error.dispose();
    return stopped(s);
  }
  // room to read the error after QuickJS's own allocation check refused an allocation
  s.rt.setMemoryLimit(limits.memoryLimitBytes + HEADROOM);
  try {
    const info = describe(s, error);
    if (info === null) return interrupted ? stopped(s) : { t: 'unreadable', logs: s.logs };
    return { t: 'thrown', stage, info, logs: s.logs, sets: s.sets };
  } finally {
    error.dispose();
    s.rt.setMemoryLimit(limits.memoryLimitBytes);
  }
}

/** ['bpmn', code, message] | ['error', name, message, stack], or null when it cannot be read */
function describe(s, error) {
  const ctx = s.ctx;
  if (s.bpmn !== null) {
    const found = ctx.callFunction(s.bpmn.lookup, ctx.undefined, error);
    if (found.error) {
      found.error.dispose();
      return null;
    }
    const record = found.value;
    try {
      if (ctx.typeof(record) === 'object' && !ctx.eq(record, ctx.null)) return ['bpmn', readString(s, record, 0), readString(s, record, 1)];
    } finally {
      record.dispose();
    }
  }
  const h = helpers(s);
  const described = h === null ? null : ctx.callFunction(h.describe, ctx.undefined, error);
  if (described === null || described.error) {
    if (described !== null) described.error.dispose();
    return null;
  }
  const info = [];
  for (let i = 0; i < 4; i++) info.push(readString(s, described.value, i));
  described.value.dispose();
  return info;
}

/** reads item i of an array built by a guest chunk: a string or undefined */
function readString(s, array, i) {
  const ctx = s.ctx;
  const item = ctx.getProp(array, i);
  const text = ctx.typeof(item) === 'string' ? ctx.getString(item) : undefined;
  item.dispose();
  return text;
}

/**
 * Binds each variable as a global (a copy): one JSON.parse and one Object.assign (the script has
 * not run, so the global has no setters but the lazy API globals, which variables cannot shadow).
 * A variable called __proto__ goes through Object.defineProperties instead, so that it becomes
 * an own property rather than the global's prototype.
 */
function bindVariables(s, vars) {
  const ctx = s.ctx;
  let text = '{', viaDescriptors = false;
  for (const name of Object.keys(vars)) {
    if (UNBINDABLE.has(name)) continue;
    if (name === '__proto__') viaDescriptors = true;
    text += (text.length > 1 ? ',' : '') + JSON.stringify(name) + ':' + vars[name];
  }
  if (text.length === 1) return;
  if (viaDescriptors) {
    text = '{';
    for (const name of Object.keys(vars)) {
      if (UNBINDABLE.has(name)) continue;
      text += (text.length > 1 ? ',' : '') + JSON.stringify(name) + ':{"value":' + vars[name] + ',"writable":true,"enumerable":true,"configurable":true}';
    }
  }
  const values = unwrap(parseText(s, text + '}'));
  try {
    unwrap(ctx.callFunction(viaDescriptors ? s.defineProperties : s.assign, ctx.undefined, ctx.global, values)).dispose();
  } finally {
    values.dispose();
  }
}

/** Sets the read-only facts on the prepared execution object, then freezes it. */
function bindFacts(s, facts) {
  const ctx = s.ctx;
  for (const name of Object.keys(facts)) {
    if (name === '__proto__' || EXECUTION_FUNCTIONS.includes(name)) continue;
    const fact = facts[name];
    if (typeof fact === 'string') {
      const value = ctx.newString(fact);
      ctx.setProp(s.execution, name, value);
      value.dispose();
    } else {
      ctx.setProp(s.execution, name, ctx.null);
    }
  }
  unwrap(ctx.callFunction(s.freeze, ctx.undefined, s.execution)).dispose();
}

const TYPEOF_PROBE = 'typeof';
const TYPEOF_NAME = /(?<![\p{ID_Continue}$\u200c\u200d])typeof[\s(]*([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)/gu;

/**
 * JSON text of the names that follow 'typeof' anywhere in the source (comments and strings
 * included: a name too many only reads as undefined instead of throwing ReferenceError), or null.
 */
function typeofNames(source) {
  if (!source.includes(TYPEOF_PROBE)) return 'null';
  const names = new Set();
  for (const match of source.matchAll(TYPEOF_NAME)) names.add(match[1]);
  return names.size === 0 ? 'null' : JSON.stringify([...names]);
}

/** the frozen realm's payload: JSON text of [variables, facts, typeofNames] (see GUEST_REALM's begin) */
function payloadText(req) {
  const { vars, facts } = req;
  let text = '[{', first = true;
  for (const name of Object.keys(vars)) {
    if (UNBINDABLE.has(name)) continue;
    text += (first ? '' : ',') + JSON.stringify(name) + ':' + vars[name];
    first = false;
  }
  text += '},{';
  first = true;
  for (const name of Object.keys(facts)) {
    if (name === '__proto__' || EXECUTION_FUNCTIONS.includes(name)) continue;
    const fact = facts[name];
    text += (first ? '' : ',') + JSON.stringify(name) + ':' + (typeof fact === 'string' ? JSON.stringify(fact) : 'null');
    first = false;
  }
  return text + '},' + typeofNames(req.source) + ']';
}

function execute(s, req) {
  s.wires = req.vars;
  s.overlay.clear();
  s.sets = [];
  s.setSize = 0;
  s.logs = [];
  s.logSize = 0;
  s.active = true;
  try {
    return s.realm ? runInRealm(s, req) : runFresh(s, req);
  } finally {
    s.active = false;
  }
}

function runInRealm(s, req) {
  const ctx = s.ctx;
  const payload = ctx.newString(payloadText(req));
  const source = ctx.newString(req.source);
  const r = ctx.callFunction(s.begin, ctx.undefined, payload, source);
  payload.dispose();
  source.dispose();
  if (r.error) return thrown(s, r.error, 'script');
  return settleValue(s, r.value);
}

function runFresh(s, req) {
  try {
    bindVariables(s, req.vars);
    bindFacts(s, req.facts);
  } catch (e) {
    if (e instanceof GuestThrow) return thrown(s, e.handle, 'setup');
    throw e;
  }
  const r = s.ctx.evalCode(req.source, 'script.js', { type: 'global' });
  if (r.error) return thrown(s, r.error, 'script');
  return settleValue(s, r.value);
}

/** the script's completion value → response: runs the jobs it queued, awaits a promise, encodes the result */
function settleValue(s, value) {
  const { rt, ctx } = s;
  if (rt.hasPendingJob()) {
    const jobs = rt.executePendingJobs();
    if (jobs.error) {
      value.dispose();
      return thrown(s, jobs.error, 'script');
    }
  }
  if (interrupted || memoryExceeded) {
    value.dispose();
    return stopped(s);
  }
  const state = ctx.getPromiseState(value);
  if (!state.notAPromise) {
    value.dispose();
    if (state.type === 'pending') return { t: 'pending', logs: s.logs };
    if (state.type === 'rejected') return thrown(s, state.error, 'script');
    value = state.value;
  }
  const encoded = encode(s, value);
  value.dispose();
  if (encoded.error) return thrown(s, encoded.error, 'result');
  if (interrupted || memoryExceeded) return stopped(s);
  return { t: 'ok', value: encoded.wire, logs: s.logs, sets: s.sets };
}
`;
