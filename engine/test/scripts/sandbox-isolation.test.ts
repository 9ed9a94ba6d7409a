import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LzError } from '../../src/errors.ts';
import { createScriptSandbox, type ScriptHost, type ScriptIsolation, type ScriptOutcome, type ScriptSandbox } from '../../src/scripts/index.ts';

/** every test runs in both isolation modes; the frozen realm's own guarantees are tested below */
const ISOLATIONS: ScriptIsolation[] = ['frozen-realm', 'fresh-runtime'];

interface RecordingHost extends ScriptHost {
  calls: [kind: 'g' | 'l', name: string, value: unknown][];
}

function host(variables: Record<string, unknown> = {}): RecordingHost {
  const calls: RecordingHost['calls'] = [];
  return {
    variables,
    execution: { id: 'exec-1', processInstanceId: 'pi-1', processBusinessKey: null, activityId: 'Task_Script', processDefinitionId: 'order:3' },
    calls,
    setVariable: (name, value) => calls.push(['g', name, value]),
    setVariableLocal: (name, value) => calls.push(['l', name, value]),
  };
}

async function settled(run: Promise<ScriptOutcome>): Promise<ScriptOutcome | LzError> {
  try {
    return await run;
  } catch (e) {
    if (e instanceof LzError) return e;
    throw e;
  }
}

async function failure(run: Promise<unknown>): Promise<LzError> {
  try {
    await run;
  } catch (e) {
    if (e instanceof LzError) return e;
    throw e;
  }
  throw new Error('expected the script to fail');
}

/** defines `me`: the object free names resolve on (in a frozen realm, the run's scope object) */
const SCOPE = 'Object.defineProperty(globalThis, "me", { get() { return this } })';

/**
 * [what a run tries, a later run's probe, what the probe must give]. The attempt is wrapped in
 * try/catch: some of them throw in a frozen realm (strict code, defineProperty on a frozen object).
 */
const LEAK_ATTEMPTS: [attempt: string, probe: string, clean: unknown][] = [
  ['leak = 1', 'typeof leak', 'undefined'],
  ['globalThis.leak = 1', '[typeof leak, typeof globalThis.leak, "leak" in globalThis]', ['undefined', 'undefined', false]],
  ['this.leak = 1', 'typeof leak', 'undefined'],
  ['var leak = 1', 'typeof leak', 'undefined'],
  ['function leak() {}', 'typeof leak', 'undefined'],
  ['let leak = 1', 'typeof leak', 'undefined'],
  ['class leak {}', 'typeof leak', 'undefined'],
  ['eval("var leak = 1")', 'typeof leak', 'undefined'],
  ['Object.prototype.x = 1', 'typeof ({}).x', 'undefined'],
  ['Object.defineProperty(Object.prototype, "x", { get() { return 1 } })', 'typeof ({}).x', 'undefined'],
  ['Object.prototype.toString = () => "hacked"', 'String({})', '[object Object]'],
  ['Array.prototype.push = null', 'const a = []; a.push(1); a.length', 1],
  ['Array.prototype.map = function () { return "hacked" }', '[1].map((x) => x + 1)', [2]],
  ['Math.max = () => 0; JSON.parse = () => "x"', '[Math.max(1, 2), JSON.parse("[1]")]', [2, [1]]],
  ['Date.prototype.leak = 1', 'typeof new Date().leak', 'undefined'],
  ['Error.prototype.name = "hacked"', 'new TypeError("m").name + "/" + new Error("m").name', 'TypeError/Error'],
  ['Function.prototype.leak = 1', 'typeof (() => 1).leak', 'undefined'],
  ['Promise.prototype.then = () => "hacked"', 'Promise.resolve(5)', 5],
  ['globalThis[Symbol.for("k")] = 1; Object.prototype[Symbol.for("k")] = 2', '[typeof globalThis[Symbol.for("k")], typeof ({})[Symbol.for("k")]]', ['undefined', 'undefined']],
  ['Symbol.prototype.leak = 1', 'typeof Symbol.for("k").leak', 'undefined'],
  ['(0, eval)("this").leak = 1', 'typeof leak', 'undefined'],
  ['(0, eval)("var leak = 1")', 'typeof leak', 'undefined'],
  ['(0, eval)("leak = 1")', 'typeof leak', 'undefined'],
  ['(0, eval)("let leak = 1")', 'try { (0, eval)("leak"); "seen" } catch (e) { e.name }', 'ReferenceError'],
  ['Function("return this")().leak = 1', 'typeof leak', 'undefined'],
  ['Function("leak = 1")()', 'typeof leak', 'undefined'],
  ['(function () { return this })().leak = 1', 'typeof leak', 'undefined'],
  ['f = function () { return this }; f().leak = 1', 'typeof leak', 'undefined'],
  // a getter defined on globalThis and read by a free name gets the run's raw scope object as `this`
  [`${SCOPE}; me.leak = 1; Object.getPrototypeOf(me).leak = 2`, 'typeof leak + typeof ({}).leak', 'undefinedundefined'],
  [`${SCOPE}; Object.getPrototypeOf(Object.getPrototypeOf(me)).leak = 1`, 'typeof leak', 'undefined'],
  [`${SCOPE}; Object.defineProperty(Object.getPrototypeOf(Object.getPrototypeOf(me)), "leak", { value: 1 })`, 'typeof leak', 'undefined'],
  ['globalThis.__proto__.leak = 1', 'typeof leak + typeof ({}).leak', 'undefinedundefined'],
  ['Object.setPrototypeOf(globalThis, { leak: 1 })', 'typeof leak', 'undefined'],
  ['Object.getOwnPropertyDescriptor(globalThis, "console").get.call(Object.prototype)', 'typeof ({}).console', 'undefined'],
  ['console.log = null; console.leak = 1', '[typeof console.log, typeof console.leak]', ['function', 'undefined']],
  ['execution.leak = 1; execution.getVariable.leak = 1', '[typeof execution.leak, typeof execution.getVariable.leak]', ['undefined', 'undefined']],
  ['BpmnError.prototype.leak = 1; BpmnError.leak = 1', '[typeof new BpmnError("E").leak, typeof BpmnError.leak]', ['undefined', 'undefined']],
  ['Object.getPrototypeOf([][Symbol.iterator]()).leak = 1', 'typeof [][Symbol.iterator]().leak', 'undefined'],
  ['Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).leak = 1', 'typeof new Map().keys().leak', 'undefined'],
  ['Object.getPrototypeOf(function* () {}).leak = 1', 'typeof (function* () {}).leak', 'undefined'],
  ['Object.getPrototypeOf(async function () {}).leak = 1', 'typeof (async function () {}).leak', 'undefined'],
  ['Object.getPrototypeOf([].values().map((x) => x)).leak = 1', 'typeof [].values().map((x) => x).leak', 'undefined'],
  ['Object.getPrototypeOf(Uint8Array).prototype.leak = 1', 'typeof new Float64Array(1).leak', 'undefined'],
  ['globalThis[Symbol.unscopables] = { Math: true }; Math.leak = 1', 'typeof Math.leak', 'undefined'],
  ['Promise.resolve().then(() => { leak = 1 })', 'typeof leak', 'undefined'],
];

describe.each(ISOLATIONS)('script isolation between runs (%s)', (isolation) => {
  let sandbox: ScriptSandbox;

  beforeAll(async () => {
    sandbox = await createScriptSandbox({ isolation, timeoutMs: 500 });
  });
  afterAll(() => {
    sandbox.dispose();
  });

  it('runs a sloppy assignment to an undeclared name, and forgets it', async () => {
    // when
    const first = await sandbox.runAsync('total = amount * 2; total', host({ amount: 21 }));
    const later = await sandbox.runAsync('typeof total', host());
    const read = await failure(sandbox.runAsync('\ntotal', host()));
    // then
    expect(first.value).toBe(42);
    expect(later.value).toBe('undefined');
    expect(read.message).toContain("ReferenceError: 'total' is not defined (line 2)");
  });

  it('keeps var, function and lexical declarations to the run, with the completion value', async () => {
    // when
    const first = await sandbox.runAsync('var x = 1; let y = 2; function f() { return x + y } f()', host());
    const later = await sandbox.runAsync('[typeof x, typeof y, typeof f]', host());
    // then
    expect(first.value).toBe(3);
    expect(later.value).toEqual(['undefined', 'undefined', 'undefined']);
  });

  it.each(LEAK_ATTEMPTS)('shows a later run nothing of: %s', async (attempt, probe, clean) => {
    // given
    await settled(sandbox.runAsync(`try { ${attempt} } catch (e) {} 1`, host()));
    // when
    const outcome = await sandbox.runAsync(probe, host());
    // then
    expect(outcome.value).toEqual(clean);
  });

  it('runs Symbol.for with a registry of its own', async () => {
    // when
    const outcome = await sandbox.runAsync('const s = Symbol.for("k"); [s === Symbol.for("k"), Symbol.keyFor(s), Symbol.keyFor(Symbol("k")), s.description]', host());
    // then
    expect(outcome.value).toEqual([true, 'k', null, 'k']);
  });

  it('does not let a job left behind call the API of a later run', async () => {
    // given: a job queued while the result is read, after the script's own jobs ran
    await sandbox.runAsync('({ get x() { Promise.resolve().then(() => { execution.setVariable("late", 1); console.log("late") }); return 1 } })', host());
    // when
    const h = host();
    const outcome = await sandbox.runAsync('Promise.resolve().then(() => 2)', h);
    // then
    expect(outcome).toEqual({ value: 2, logs: [] });
    expect(h.calls).toEqual([]);
  });

  it('does not let a FinalizationRegistry callback call the API of a later run', async () => {
    // given: targets that die only after the run
    await sandbox.runAsync(
      'const registry = new FinalizationRegistry((held) => { execution.setVariable("late", held); console.log("late") });\n' +
        'globalThis.keep = registry;\n' +
        'for (let i = 0; i < 2000; i++) { const t = { i }; t.self = t; registry.register(t, i); } 1',
      host(),
    );
    // when: later runs allocate enough for QuickJS to collect the targets
    const hosts = Array.from({ length: 5 }, () => host());
    const outcomes = [];
    for (const h of hosts) outcomes.push(await sandbox.runAsync('let a = []; for (let i = 0; i < 100000; i++) a.push({ i }); a.length', h));
    // then
    for (const outcome of outcomes) expect(outcome).toEqual({ value: 100000, logs: [] });
    for (const h of hosts) expect(h.calls).toEqual([]);
  });

  it('still calls a FinalizationRegistry callback during its own run', async () => {
    // when
    const outcome = await sandbox.runAsync(
      'let called = 0; const registry = new FinalizationRegistry(() => { called++ });\n' +
        '(() => { for (let i = 0; i < 100; i++) registry.register({ i }, i) })();\n' +
        'for (let i = 0; i < 200000; i++) ({ i });\n' +
        'Promise.resolve().then(() => [registry instanceof FinalizationRegistry, typeof registry.unregister])',
      host(),
    );
    // then
    expect(outcome.value).toEqual([true, 'function']);
  });

  it.each(['run', 'runAsync'] as const)('gives a run its full memory limit after runs that left garbage in cycles (%s)', async (how) => {
    // given
    const small = await createScriptSandbox({ isolation, timeoutMs: 20_000, memoryLimitBytes: 8 * 1024 * 1024 });
    const run = async (source: string): Promise<ScriptOutcome> => (how === 'run' ? small.run(source, host()) : small.runAsync(source, host()));
    try {
      for (let i = 0; i < 12; i++) await run('for (let i = 0; i < 3; i++) { const t = new Uint8Array(500000); t.self = t; t.fill(1) } 1');
      // when
      const outcome = await run('const keep = []; for (let i = 0; i < 60; i++) keep.push("x".repeat(102400) + i); keep.length');
      // then
      expect(outcome.value).toBe(60);
    } finally {
      small.dispose();
    }
  });

  it('stays isolated and correct when realms are rebuilt often', async () => {
    // given
    const often = await createScriptSandbox({ isolation, realmMaxRuns: 2 });
    try {
      // when
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          often.runAsync('if (typeof mark !== "undefined") throw new Error("leak"); mark = i; globalThis.other = i; execution.setVariable("i", i); i * 2', host({ i })),
        ),
      );
      // then
      expect(outcomes.map((o) => o.value)).toEqual(Array.from({ length: 30 }, (_, i) => i * 2));
    } finally {
      often.dispose();
    }
  });

  it('rejects an unknown isolation mode and a realmMaxRuns out of range', async () => {
    await expect(createScriptSandbox({ isolation: 'shared' as ScriptIsolation })).rejects.toThrow(RangeError);
    await expect(createScriptSandbox({ isolation, realmMaxRuns: 0 })).rejects.toThrow(RangeError);
  });
});

describe('frozen realm', () => {
  let sandbox: ScriptSandbox;

  beforeAll(async () => {
    sandbox = await createScriptSandbox({ isolation: 'frozen-realm' });
  });
  afterAll(() => {
    sandbox.dispose();
  });

  it('is the default', async () => {
    // given
    const byDefault = await createScriptSandbox();
    try {
      // when
      const outcome = await byDefault.runAsync('Object.isFrozen(Object.prototype)', host());
      // then
      expect(outcome.value).toBe(true);
    } finally {
      byDefault.dispose();
    }
  });

  it('freezes the built-ins, including those reached only through instances', async () => {
    // given
    const reached = [
      '(0, eval)("this")',
      'Object',
      'Object.prototype',
      'Function.prototype',
      'Array.prototype',
      'Array.prototype[Symbol.unscopables]',
      'Symbol',
      'Promise.prototype',
      'JSON',
      'Math',
      'Reflect',
      'Date.prototype',
      'RegExp.prototype',
      'Map.prototype',
      'WeakMap.prototype',
      'Set.prototype',
      'Error.prototype',
      'TypeError.prototype',
      'Iterator.prototype',
      'FinalizationRegistry.prototype',
      'WeakRef.prototype',
      'Object.getPrototypeOf(Uint8Array)',
      'Object.getPrototypeOf(Uint8Array.prototype)',
      'Object.getPrototypeOf([][Symbol.iterator]())',
      'Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))',
      'Object.getPrototypeOf(""[Symbol.iterator]())',
      'Object.getPrototypeOf(new Map().entries())',
      'Object.getPrototypeOf(new Set().values())',
      'Object.getPrototypeOf(/x/[Symbol.matchAll]("x"))',
      'Object.getPrototypeOf(function* () {})',
      'Object.getPrototypeOf(function* () {}).prototype',
      'Object.getPrototypeOf(async function () {})',
      'Object.getPrototypeOf(async function* () {})',
      'Object.getPrototypeOf(async function* () {}).prototype',
      'Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype)',
      'Object.getPrototypeOf([].values().map((x) => x))',
      'Object.getPrototypeOf(Iterator.from({ next() { return { done: true } } }))',
      'Object.getOwnPropertyDescriptor(Function.prototype, "caller").get',
      'Object.getOwnPropertyDescriptor(Object.prototype, "toString").set',
      'Object.getOwnPropertyDescriptor(globalThis, "console").get',
      'Object.getPrototypeOf(me)',
      'Object.getPrototypeOf(Object.getPrototypeOf(me))',
      'console',
      'console.log',
      'BpmnError',
      'BpmnError.prototype',
      'execution',
      'execution.setVariable',
      'Symbol.for',
    ];
    // when
    const outcome = await sandbox.runAsync(`${SCOPE};\n[${reached.map((e) => `Object.isFrozen(${e})`).join(',\n')}]`, host());
    // then
    expect(Object.fromEntries(reached.map((e, i) => [e, (outcome.value as boolean[])[i]]))).toEqual(Object.fromEntries(reached.map((e) => [e, true])));
  });

  it('gives the script its own view of the global object, and global-scope code the frozen one', async () => {
    // when
    const outcome = await sandbox.runAsync(
      'const real = (0, eval)("this");\n' +
        '[this === globalThis, real === globalThis, Function("return this")() === real, (function () { return this })() === real,\n' +
        ' Object.isFrozen(globalThis), Object.isFrozen(real), Object.getPrototypeOf(globalThis) === Object.prototype, typeof globalThis.Math]',
      host(),
    );
    // then
    expect(outcome.value).toEqual([true, false, true, true, false, true, true, 'object']);
  });

  it('reads unknown names as sloppy JavaScript does, typeof included', async () => {
    // when
    const outcome = await sandbox.runAsync(
      '[typeof nope, typeof(nope2), (() => { try { return nope3 } catch (e) { return e.name + ": " + e.message } })(),\n' +
        ' (() => { x = 1; delete x; return typeof x })(), this.nope4, globalThis.nope5, "nope6" in globalThis]',
      host(),
    );
    // then
    expect(outcome.value).toEqual(['undefined', 'undefined', "ReferenceError: 'nope3' is not defined", 'undefined', null, null, false]);
  });

  it('refuses changes to built-ins: ignored in sloppy code, a TypeError in strict code', async () => {
    // when
    const sloppy = await sandbox.runAsync('Object.prototype.x = 1; Math = 2; [typeof ({}).x, typeof Math]', host());
    const strict = await failure(sandbox.runAsync('"use strict";\nObject.prototype.x = 1', host()));
    // then
    expect(sloppy.value).toEqual(['undefined', 'object']);
    expect(strict.message).toMatch(/TypeError: .* \(line 2\)/);
  });

  it('still lets scripts assign toString, constructor, name and message on their own objects', async () => {
    // when
    const outcome = await sandbox.runAsync(
      'class Invalid extends Error { constructor(m) { super(m); this.name = "Invalid" } }\n' +
        'class Refused extends BpmnError { constructor() { super("REFUSED"); this.name = "Refused"; this.message = "no" } }\n' +
        'function Point() {} Point.prototype = Object.create(Object.prototype); Point.prototype.constructor = Point;\n' +
        'const o = {}; o.toString = () => "custom"; o.valueOf = () => 7;\n' +
        '[String(new Invalid("bad")), String(new Refused()), new Point().constructor === Point, String(o), o + 1, ({}).toString === Object.prototype.toString]',
      host(),
    );
    // then
    expect(outcome.value).toEqual(['Invalid: bad', 'Refused: no', true, 'custom', 8, true]);
  });

  it('binds a variable named like a built-in for the run only', async () => {
    // when
    const first = await sandbox.runAsync('[JSON, Math + 1, typeof Date.now()]', host({ JSON: 'j', Math: 1 }));
    const later = await sandbox.runAsync('[typeof JSON.parse, Math.max(1, 2)]', host());
    // then
    expect(first.value).toEqual(['j', 2, 'number']);
    expect(later.value).toEqual(['function', 2]);
  });

  it('keeps the evaluator out of reach when a script hides names from its scope', async () => {
    // when
    const outcome = await sandbox.runAsync(
      'globalThis[Symbol.unscopables] = { makeEvaluator: true, G: true, O: true, amount: true };\n' +
        '[typeof makeEvaluator, typeof G, typeof O, typeof amount, globalThis.amount]',
      host({ amount: 5 }),
    );
    // then
    expect(outcome.value).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 5]);
  });

  it('reports the line of an error thrown in a function of the script', async () => {
    // when
    const error = await failure(sandbox.runAsync('function f() {\n  throw new RangeError("deep")\n}\n\nf()', host()));
    // then
    expect(error.message).toContain('RangeError: deep (line 2)');
  });
});
