/**
 * JavaScript that runs inside QuickJS. Nothing here is compiled in an ordinary run: the worker
 * binds variables, `execution`, `console` and `BpmnError` through the QuickJS API (no guest
 * source), reads primitive results directly, and parses/stringifies through JSON.parse and
 * JSON.stringify captured before the script ran. This QuickJS build compiles at roughly 70 µs per
 * kilobyte of source, so each chunk below is compiled in a run only when that run needs it:
 *
 * GUEST_ENCODE   → encode(value): wire text by the rules of marshal.ts (Dates, bigints…);
 *                  compiled when a run stores or returns an object, an array or a bigint.
 * GUEST_DECODE   → decode(text): wire text → value with Dates revived; compiled when a run
 *                  binds or reads a variable that holds a Date.
 * GUEST_BPMN_ERROR → [BpmnError, lookup(thrown)]: compiled on first use of the `BpmnError` global;
 *                  lookup → frozen [code, message] for errors built by that class (a look-alike
 *                  object is not one).
 * GUEST_HELPERS  → [show(value), describe(thrown)]: console formatting of non-primitives and
 *                  error reading; compiled on the first such log line or failed run.
 *   describe → ['error', name, message, stack]
 *
 * GUEST_REALM    → the frozen realm (isolation 'frozen-realm'): hardens the context once and
 *                  returns begin(payload, source), which runs one script in a scope of its own.
 *                  Compiled once per realm, with the chunks above, before the realm is frozen.
 *
 * Each chunk is a function of the built-ins the worker captured before the variables were bound
 * and before the script ran (CAPTURED_GLOBALS below): a process variable called `JSON`, `Date`,
 * `Error`… cannot change how values are read back, and a script that replaces JSON.stringify or
 * JSON.parse cannot corrupt the wire. Methods other than those two are read from the captured
 * constructors when a chunk is first compiled, so a script that tampers with, say,
 * Date.prototype.getTime can only garble its own values — never another run's (a fresh context
 * per run, or a frozen realm in which the change does not happen at all) nor the host (the wire is
 * always produced by the captured JSON.stringify).
 */

/**
 * Built-ins the worker reads off a fresh global before anything else happens, in this order, after
 * the global object itself, JSON, Object, JSON.parse and JSON.stringify; every chunk takes them
 * as parameters in that order (PARAMS).
 */
export const CAPTURED_GLOBALS = ['Date', 'Error', 'TypeError', 'WeakMap', 'Reflect', 'Array', 'Number', 'String'] as const;

const PARAMS = '(G, J, O, parse, stringify, D, E, TE, WM, R, A, N, S)';

// JSON.stringify already drops undefined, functions and symbols (null in arrays): the replacer
// only turns Dates into marks and bigints into numbers or strings.
export const GUEST_ENCODE = String.raw`(function ${PARAMS} {
  'use strict';
  const apply = R.apply, getTime = D.prototype.getTime, isSafeInteger = N.isSafeInteger;
  function replacer(key, value) {
    const raw = this[key];
    if (raw instanceof D) {
      const time = apply(getTime, raw, []);
      return { '\u0000lzDate': time === time ? time : null };
    }
    if (typeof value !== 'bigint') return value;
    const asNumber = N(value);
    return isSafeInteger(asNumber) ? asNumber : S(value);
  }
  return function encode(value) {
    const text = apply(stringify, J, [value, replacer]);
    return text === undefined ? 'null' : text;
  };
})`;

export const GUEST_DECODE = String.raw`(function ${PARAMS} {
  'use strict';
  const apply = R.apply, hasOwn = O.prototype.hasOwnProperty, keys = O.keys, MARK = '\u0000lzDate';
  function reviver(key, value) {
    if (value !== null && typeof value === 'object' && apply(hasOwn, value, [MARK]) && keys(value).length === 1) {
      const time = value[MARK];
      return new D(typeof time === 'number' ? time : NaN);
    }
    return value;
  }
  return function decode(text) {
    return apply(parse, J, [text, reviver]);
  };
})`;

export const GUEST_BPMN_ERROR = String.raw`(function ${PARAMS} {
  'use strict';
  const apply = R.apply, freeze = O.freeze, defineProperty = O.defineProperty;
  const records = new WM(), getRecord = WM.prototype.get, setRecord = WM.prototype.set;
  class BpmnError extends E {
    constructor(code, message) {
      if (typeof code !== 'string' || code === '') throw new TE('new BpmnError(code, message): code must be a non-empty string');
      const text = message === undefined || message === null ? undefined : S(message);
      super(text === undefined ? code : text);
      this.code = code;
      apply(setRecord, records, [this, freeze([code, text])]);
    }
  }
  defineProperty(BpmnError.prototype, 'name', { value: 'BpmnError', writable: true, configurable: true });
  return [BpmnError, function lookup(thrown) { return apply(getRecord, records, [thrown]); }];
})`;

export const GUEST_HELPERS = String.raw`(function ${PARAMS} {
  'use strict';
  const apply = R.apply, getTime = D.prototype.getTime, toISOString = D.prototype.toISOString;
  function show(value) {
    try {
      if (value instanceof D) {
        const time = apply(getTime, value, []);
        return time === time ? apply(toISOString, value, []) : 'Invalid Date';
      }
      if (value instanceof E) return S(value.name) + ': ' + S(value.message);
      if (value !== null && typeof value === 'object') {
        const text = apply(stringify, J, [value]);
        return text === undefined ? S(value) : text;
      }
      return S(value);
    } catch (e) {
      return '[unprintable]';
    }
  }
  function describe(thrown) {
    if (thrown === null || typeof thrown !== 'object') return ['error', 'Error', show(thrown), ''];
    const name = thrown.name, message = thrown.message, stack = thrown.stack;
    return [
      'error',
      typeof name === 'string' ? name : 'Error',
      typeof message === 'string' ? message : show(thrown),
      typeof stack === 'string' ? stack : '',
    ];
  }
  return [show, describe];
})`;

/**
 * The frozen realm (isolation 'frozen-realm'): one QuickJS context serves many runs, kept apart
 * by making everything they share immutable and everything they can write their own.
 *
 * install(console, getVariable, setVariable, setVariableLocal, BpmnError, decode), once per realm
 * before any script ("lockdown"):
 * - Symbol.for / Symbol.keyFor get a registry per run (the real one is runtime-wide);
 * - FinalizationRegistry becomes a class whose cleanup callbacks do nothing once the run that
 *   made the registry is over (a callback could otherwise run inside a later run);
 * - data properties that scripts commonly assign on their own objects (toString, valueOf,
 *   constructor…, and name / message of the error prototypes) become getter/setter pairs, so
 *   that `this.name = 'X'` in an Error subclass still makes an own property once the prototype
 *   is frozen (the "override mistake");
 * - every object reachable from the global object is frozen, with the prototypes reachable only
 *   through instances (iterators, generators, async functions…), the API objects and the global
 *   object itself.
 *
 * begin(payload, source), once per run: payload is the JSON text [variables, facts, typeofNames].
 * The parsed variables object becomes the run's scope: its own properties are the variables and
 * `execution` (made for this run, frozen); its prototype is GLOBALS, a frozen copy of the global
 * object's properties (plus `globalThis`, `console` and `BpmnError` accessors), whose prototype is
 * CATCHER, a proxy. The script is evaluated by a direct eval in an arrow function inside
 * `with (scope)`:
 * - var and function declarations land in the arrow's function scope (new at each call), let,
 *   const and class in the eval's own scope; the script is sloppy unless it says 'use strict';
 * - a free name resolves on the scope object: a variable or an API global (own properties), a
 *   built-in (GLOBALS, no trap involved), or else CATCHER, whose `has` answers true for any name.
 *   An assignment to an undeclared name (`total = amount * 2`) thus defines a property of the
 *   scope object; reading an unknown name throws ReferenceError as usual, except for names the
 *   script uses after `typeof` (listed by the worker), which read as undefined so that
 *   `typeof maybeMissing` keeps working. CATCHER tells such a lookup (has, then get) from an
 *   ordinary property read of the scope object (get alone: undefined, as on a global object).
 *   Assigning to a built-in's name without declaring it (`Math = 1`) does nothing: GLOBALS is
 *   frozen (`globalThis.Math = 1` and `var Math = 1` work);
 * - Symbol.unscopables is answered by GLOBALS (undefined), so the lookup cannot be steered by
 *   anything shared; a script may hide names from itself with its own Symbol.unscopables, and the
 *   lookup then goes on to the evaluator's enclosing scopes: those hold `arguments` (of this
 *   call) and the global scope, because the evaluator is made by the Function constructor;
 * - `this` at the top level and `globalThis` are VIEW, a proxy over the scope object that shows
 *   its own properties over GLOBALS, and takes writes and definitions onto the scope object;
 *   code evaluated in the global scope (`(0, eval)('this')`, `Function('return this')()`, and a
 *   sloppy function's `this`) sees the real global object, which is frozen. (QuickJS calls a
 *   function found through the with with `this` undefined, so a script meets the scope object
 *   itself only as the receiver of a getter it defined on globalThis; its prototypes, GLOBALS and
 *   CATCHER, are frozen, and CATCHER's target too.)
 * What a run can write is its own (scope, VIEW, execution, and anything it creates); everything
 * shared is frozen. The worker discards the realm when jobs are left after a run.
 */
export const GUEST_REALM = String.raw`(function ${PARAMS} {
  'use strict';
  // Made by the Function constructor (sloppy, as the with statement needs) so that the only scope
  // beyond the with is the global one: a script that hides a name from the with through its own
  // Symbol.unscopables reaches the frozen global object, not this chunk's variables.
  const makeEvaluator = G.Function('with (arguments[0]) { return () => eval(this["\u0000lzSource"]); }');
  return (function () {
    const apply = R.apply, ownKeys = R.ownKeys, describe = R.getOwnPropertyDescriptor, define = R.defineProperty;
    const remove = R.deleteProperty, reflectGet = R.get, reflectSet = R.set;
    const freeze = O.freeze, isFrozen = O.isFrozen, getPrototypeOf = O.getPrototypeOf, setPrototypeOf = O.setPrototypeOf;
    const create = O.create, hasOwn = O.hasOwn, assign = O.assign;
    const OP = O.prototype, ProxyCtor = G.Proxy, SymbolCtor = G.Symbol, MapCtor = G.Map, SetCtor = G.Set, RE = G.ReferenceError;
    const mapGet = MapCtor.prototype.get, mapSet = MapCtor.prototype.set, includes = A.prototype.includes, push = A.prototype.push;
    const textIncludes = S.prototype.includes, wmGet = WM.prototype.get, wmSet = WM.prototype.set;
    const UNSCOPABLES = SymbolCtor.unscopables, SOURCE = '\u0000lzSource', DATE_PROBE = 'lzDate';
    const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
    const isFixed = (key) => key === 'undefined' || key === 'NaN' || key === 'Infinity';

    // the run in progress
    let generation = 0, view = null, typeofNames = null, source = null, pending;
    let symbols = null, symbolKeys = null;
    // set by install
    let GLOBALS = null, VIEW_KEYS = null, hostGet, hostSet, hostSetLocal, decode;

    function tameSymbolRegistry() {
      const methods = {
        for(key) {
          if (typeof key === 'symbol') throw new TE('cannot convert symbol to string');
          const description = S(key);
          if (symbols === null) {
            symbols = new MapCtor();
            symbolKeys = new MapCtor();
          }
          let symbol = apply(mapGet, symbols, [description]);
          if (symbol === undefined) {
            symbol = SymbolCtor(description);
            apply(mapSet, symbols, [description, symbol]);
            apply(mapSet, symbolKeys, [symbol, description]);
          }
          return symbol;
        },
        keyFor(symbol) {
          if (typeof symbol !== 'symbol') throw new TE('not a symbol');
          return symbolKeys === null ? undefined : apply(mapGet, symbolKeys, [symbol]);
        },
      };
      define(SymbolCtor, 'for', { value: methods.for, writable: true, configurable: true });
      define(SymbolCtor, 'keyFor', { value: methods.keyFor, writable: true, configurable: true });
    }

    function tameFinalizationRegistry() {
      const Real = G.FinalizationRegistry;
      if (typeof Real !== 'function') return;
      const realRegister = Real.prototype.register, realUnregister = Real.prototype.unregister, registries = new WM();
      const realOf = (registry) => {
        const real = apply(wmGet, registries, [registry]);
        if (real === undefined) throw new TE('not a FinalizationRegistry');
        return real;
      };
      class FinalizationRegistry {
        constructor(cleanup) {
          if (typeof cleanup !== 'function') throw new TE('cleanup must be callable');
          const owner = generation;
          apply(wmSet, registries, [this, new Real((held) => {
            if (owner === generation) cleanup(held);
          })]);
        }
        register(target, heldValue, unregisterToken) {
          return apply(realRegister, realOf(this), [target, heldValue, unregisterToken]);
        }
        unregister(unregisterToken) {
          return apply(realUnregister, realOf(this), [unregisterToken]);
        }
      }
      define(FinalizationRegistry.prototype, SymbolCtor.toStringTag, { value: 'FinalizationRegistry', configurable: true });
      define(G, 'FinalizationRegistry', { value: FinalizationRegistry, writable: true, configurable: true });
    }

    /** data property → getter/setter pair; the setter makes an own property on the object assigned to */
    function overridable(object, key) {
      const descriptor = describe(object, key);
      if (descriptor === undefined || !hasOwn(descriptor, 'value')) return;
      const value = descriptor.value;
      const pair = {
        get() {
          return value;
        },
        set(next) {
          if (this !== object && isObject(this)) define(this, key, { value: next, writable: true, enumerable: true, configurable: true });
        },
      };
      define(object, key, { get: pair.get, set: pair.set, enumerable: descriptor.enumerable, configurable: descriptor.configurable });
    }

    /** a global that becomes an own data property of the run's scope on first use, as in a fresh context */
    function lazyGlobal(name, value) {
      const settle = (receiver, next) => {
        if (isObject(receiver)) define(receiver, name, { value: next, writable: true, enumerable: false, configurable: true });
      };
      const pair = {
        get() {
          settle(this, value);
          return value;
        },
        set(next) {
          settle(this, next);
        },
      };
      return { get: pair.get, set: pair.set, enumerable: false, configurable: true };
    }

    /** The end of every scope's prototype chain: names found nowhere else. */
    const CATCHER = new ProxyCtor(freeze(create(null)), freeze({
      __proto__: null,
      has(target, key) {
        if (typeof key !== 'string') return key in OP;
        pending = key; // a with lookup: has, then get / set / delete
        return true;
      },
      get(target, key, receiver) {
        const lookup = key === pending;
        pending = undefined;
        if (!lookup || key in OP) return reflectGet(OP, key, receiver);
        if (typeofNames !== null && apply(includes, typeofNames, [key])) return undefined;
        throw new RE("'" + key + "' is not defined");
      },
      set(target, key, value, receiver) {
        pending = undefined;
        return isObject(receiver) && define(receiver, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
      },
      deleteProperty() {
        pending = undefined;
        return true;
      },
    }));

    const inGlobals = (key) => key !== UNSCOPABLES && hasOwn(GLOBALS, key);

    const VIEW_HANDLER = freeze({
      __proto__: null,
      get(target, key, receiver) {
        if (key === SOURCE && source !== null) {
          const text = source;
          source = null;
          return text;
        }
        if (hasOwn(target, key)) return reflectGet(target, key, receiver);
        if (inGlobals(key)) return reflectGet(GLOBALS, key, receiver);
        return reflectGet(OP, key, receiver);
      },
      set(target, key, value, receiver) {
        if (receiver !== view) return reflectSet(target, key, value, receiver);
        if (hasOwn(target, key)) return reflectSet(target, key, value, target);
        if (isFixed(key)) return false;
        return define(target, key, { __proto__: null, value, writable: true, enumerable: !inGlobals(key), configurable: true });
      },
      has(target, key) {
        return hasOwn(target, key) || inGlobals(key) || key in OP;
      },
      deleteProperty(target, key) {
        if (hasOwn(target, key)) return remove(target, key);
        return !inGlobals(key);
      },
      defineProperty(target, key, descriptor) {
        if (isFixed(key) && !hasOwn(target, key)) return false;
        return define(target, key, descriptor);
      },
      getOwnPropertyDescriptor(target, key) {
        const own = describe(target, key);
        if (own !== undefined || !inGlobals(key)) return own;
        if (key === 'globalThis') return { value: view, writable: true, enumerable: false, configurable: true };
        const shared = describe(GLOBALS, key);
        if (!hasOwn(shared, 'value')) return { get: shared.get, set: shared.set, enumerable: shared.enumerable, configurable: true };
        return { value: shared.value, writable: !isFixed(key), enumerable: shared.enumerable, configurable: true };
      },
      ownKeys(target) {
        const keys = ownKeys(target);
        for (let i = 0; i < VIEW_KEYS.length; i++) if (!hasOwn(target, VIEW_KEYS[i])) apply(push, keys, [VIEW_KEYS[i]]);
        return keys;
      },
      getPrototypeOf() {
        return OP;
      },
      setPrototypeOf(target, proto) {
        return proto === OP;
      },
      preventExtensions() {
        return false;
      },
    });

    /**
     * Freezes everything reachable from roots through properties, accessors and prototypes. Runs
     * before any script: the length and name of a function are known to be primitive data
     * properties, and skipping their descriptors halves the walk's cost.
     */
    function harden(roots) {
      const seen = new SetCtor();
      const stack = roots;
      while (stack.length > 0) {
        const value = stack.pop();
        if (!isObject(value) || seen.has(value)) continue;
        seen.add(value);
        freeze(value);
        stack.push(getPrototypeOf(value));
        const keys = ownKeys(value);
        const callable = typeof value === 'function';
        for (let i = 0; i < keys.length; i++) {
          if (callable && (keys[i] === 'length' || keys[i] === 'name')) continue;
          const descriptor = describe(value, keys[i]);
          if (hasOwn(descriptor, 'value')) stack.push(descriptor.value);
          else stack.push(descriptor.get, descriptor.set);
        }
      }
    }

    /** objects whose prototypes hold intrinsics that no property path from the global object reaches */
    function instances() {
      const made = [];
      const add = (make) => {
        try {
          made.push(make());
        } catch (e) {
          // not in this build
        }
      };
      add(() => [][SymbolCtor.iterator]());
      add(() => ''[SymbolCtor.iterator]());
      add(() => new MapCtor()[SymbolCtor.iterator]());
      add(() => new SetCtor()[SymbolCtor.iterator]());
      add(() => /x/[SymbolCtor.matchAll](''));
      add(() => (function* () {})());
      add(() => async function () {});
      add(() => (async function* () {})());
      add(() => [].values().map((x) => x));
      add(() => G.Iterator.from({ next: () => ({ done: true, value: undefined }) }));
      add(() => G.Iterator.concat());
      add(() => (function () {
        'use strict';
        return arguments;
      })());
      add(() => new G.WeakRef({}));
      add(() => G.Promise.resolve());
      return made;
    }

    function begin(payload, script) {
      generation++;
      symbols = null;
      symbolKeys = null;
      pending = undefined;
      const parsed = apply(textIncludes, payload, [DATE_PROBE]) ? decode(payload) : apply(parse, J, [payload]);
      const own = parsed[0];
      const execution = { getVariable: hostGet, setVariable: hostSet, setVariableLocal: hostSetLocal };
      assign(execution, parsed[1]);
      define(own, 'execution', { __proto__: null, value: freeze(execution), writable: true, enumerable: false, configurable: true });
      setPrototypeOf(own, GLOBALS);
      typeofNames = parsed[2];
      view = new ProxyCtor(own, VIEW_HANDLER);
      source = script;
      try {
        return apply(makeEvaluator, view, [own])();
      } finally {
        source = null;
      }
    }

    return function install(consoleObject, getVariable, setVariable, setVariableLocal, BpmnError, decoder) {
      hostGet = getVariable;
      hostSet = setVariable;
      hostSetLocal = setVariableLocal;
      decode = decoder;
      tameSymbolRegistry();
      tameFinalizationRegistry();
      const overridden = [
        [OP, ['constructor', 'toString', 'toLocaleString', 'valueOf']],
        [G.Function.prototype, ['constructor', 'toString']],
        [E.prototype, ['constructor', 'name', 'message', 'toString']],
        [BpmnError.prototype, ['constructor', 'name']],
      ];
      for (const name of ['EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError', 'InternalError']) {
        if (typeof G[name] === 'function') overridden.push([G[name].prototype, ['constructor', 'name', 'message']]);
      }
      for (const [object, keys] of overridden) for (const key of keys) overridable(object, key);

      GLOBALS = create(CATCHER);
      for (const key of ownKeys(G)) if (key !== 'globalThis') define(GLOBALS, key, describe(G, key));
      const globalThisPair = {
        get() {
          return view;
        },
        set(next) {
          if (isObject(this)) define(this, 'globalThis', { value: next, writable: true, enumerable: false, configurable: true });
        },
      };
      define(GLOBALS, 'globalThis', { get: globalThisPair.get, set: globalThisPair.set, enumerable: false, configurable: true });
      define(GLOBALS, 'console', lazyGlobal('console', consoleObject));
      define(GLOBALS, 'BpmnError', lazyGlobal('BpmnError', BpmnError));
      define(GLOBALS, UNSCOPABLES, { value: undefined });
      VIEW_KEYS = ownKeys(GLOBALS).filter((key) => key !== UNSCOPABLES);

      harden([G, GLOBALS, VIEW_KEYS, makeEvaluator, consoleObject, getVariable, setVariable, setVariableLocal, BpmnError, ...instances()]);
      for (const object of [G, OP, GLOBALS, CATCHER, G.Function.prototype, A.prototype, G.Symbol, G.Promise.prototype]) {
        if (!isFrozen(object)) throw new TE('the script realm could not be frozen');
      }
      return begin;
    };
  })();
})`;
