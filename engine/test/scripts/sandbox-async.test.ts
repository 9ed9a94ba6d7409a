import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LzError } from '../../src/errors.ts';
import { createScriptSandbox, type ScriptIsolation, type ScriptHost, type ScriptOutcome, type ScriptSandbox } from '../../src/scripts/index.ts';

/** every test runs in both isolation modes */
const ISOLATIONS: ScriptIsolation[] = ['frozen-realm', 'fresh-runtime'];

interface RecordingHost extends ScriptHost {
  calls: [kind: 'g' | 'l', name: string, value: unknown][];
}

function host(variables: Record<string, unknown> = {}): RecordingHost {
  const calls: RecordingHost['calls'] = [];
  return {
    variables,
    execution: { id: 'exec-1', processInstanceId: 'pi-1', processBusinessKey: 'order-42', activityId: 'Task_Script', processDefinitionId: 'order:3' },
    calls,
    setVariable: (name, value) => calls.push(['g', name, value]),
    setVariableLocal: (name, value) => calls.push(['l', name, value]),
  };
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

async function settled(run: Promise<ScriptOutcome>): Promise<ScriptOutcome | LzError> {
  try {
    return await run;
  } catch (e) {
    if (e instanceof LzError) return e;
    throw e;
  }
}

function codeOf(result: ScriptOutcome | LzError): string {
  return result instanceof LzError ? result.code : 'ok';
}

describe.each(ISOLATIONS)('script sandbox, runAsync (%s)', (isolation) => {
  let sandbox: ScriptSandbox;
  let fast: ScriptSandbox; // short deadline for runaway scripts
  const FAST_TIMEOUT_MS = 250;

  beforeAll(async () => {
    [sandbox, fast] = await Promise.all([createScriptSandbox({ isolation }), createScriptSandbox({ isolation, timeoutMs: FAST_TIMEOUT_MS })]);
  });
  afterAll(() => {
    sandbox.dispose();
    fast.dispose();
  });

  describe('same behaviour as run', () => {
    it('returns values and replays setVariable / setVariableLocal in call order', async () => {
      // given
      const h = host({ a: 2, b: 3, order: { lines: [{ qty: 2 }, { qty: 5 }] }, due: new Date('2024-05-06T07:08:09.010Z') });
      // when
      const outcome = await sandbox.runAsync(
        'execution.setVariable("x", { n: a }); execution.setVariableLocal("y", [b]); execution.setVariable("x", "again");\n' +
          'console.log("hi", { k: 1 });\n' +
          '({ sum: a + b, total: order.lines.reduce((s, l) => s + l.qty, 0), later: new Date(due.getTime() + 1000), big: 12n, gone: undefined })',
        h,
      );
      // then
      expect(outcome.value).toEqual({ sum: 5, total: 7, later: new Date('2024-05-06T07:08:10.010Z'), big: 12 });
      expect(outcome.logs).toEqual(['hi {"k":1}']);
      expect(h.calls).toEqual([
        ['g', 'x', { n: 2 }],
        ['l', 'y', [3]],
        ['g', 'x', 'again'],
      ]);
    });

    it('gives the same outcome as run for a range of scripts', async () => {
      // given
      const scripts = [
        '1 + 1',
        '"total " + 40',
        'null',
        'undefined',
        '[1, undefined, () => 2, Symbol("s")]',
        '({ when: new Date(0), bad: new Date(NaN), nested: { deep: [true, false, -0, 1e21, NaN] } })',
        'execution.getVariable("v")',
        'Promise.resolve(7)',
        'execution.id + "/" + execution.processDefinitionId',
        'throw new BpmnError("CODE", "msg")',
        'throw new Error("plain")',
        'throw "text"',
        '}{',
        'new Promise(() => {})',
        'const o = {}; o.o = o; o',
        'function f() { return f() } f()',
      ];
      for (const source of scripts) {
        // when
        const hSync = host({ v: { list: [1, 'two'] } });
        const hAsync = host({ v: { list: [1, 'two'] } });
        let sync: unknown;
        try {
          sync = sandbox.run(source, hSync);
        } catch (e) {
          sync = e;
        }
        const async = await settled(sandbox.runAsync(source, hAsync));
        // then
        if (sync instanceof LzError) {
          expect(async, source).toBeInstanceOf(LzError);
          expect((async as LzError).code, source).toBe(sync.code);
          expect((async as LzError).message, source).toBe(sync.message);
        } else {
          expect(async, source).toEqual(sync);
        }
        expect(hAsync.calls, source).toEqual(hSync.calls);
      }
    });

    it('turns a BpmnError into an outcome, keeping sets and logs', async () => {
      // given
      const h = host();
      // when
      const outcome = await sandbox.runAsync('execution.setVariable("reason", "stock"); console.log("failing"); throw new BpmnError("OUT_OF_STOCK", "none left")', h);
      // then
      expect(outcome.bpmnError).toEqual({ code: 'OUT_OF_STOCK', message: 'none left' });
      expect(outcome.logs).toEqual(['failing']);
      expect(h.calls).toEqual([['g', 'reason', 'stock']]);
    });

    it('changes nothing when the script fails', async () => {
      // given
      const h = host();
      // when
      const error = await failure(sandbox.runAsync('execution.setVariable("a", 1);\n\nthrow new TypeError("nope")', h));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(error.message).toContain('TypeError: nope (line 3)');
      expect(h.calls).toEqual([]);
    });

    it('rejects for variables that cannot be marshalled', async () => {
      // given
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      // when
      const error = await failure(sandbox.runAsync('1', host({ cyclic })));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(error.message).toContain('cyclic');
    });

    it('stops an infinite loop and a non-yielding built-in at the deadline', async () => {
      for (const source of ['console.log("started"); for (;;) { try { while (true) {} } catch (e) {} }', 'Array.prototype.indexOf.call({ length: 2 ** 40 }, 1)']) {
        // when
        const started = performance.now();
        const error = await failure(fast.runAsync(source, host()));
        const ms = performance.now() - started;
        // then
        expect(error.code, source).toBe('LZ_ERR_SCRIPT_TIMEOUT');
        expect(ms).toBeGreaterThanOrEqual(FAST_TIMEOUT_MS - 5);
        expect(ms).toBeLessThan(5 * FAST_TIMEOUT_MS);
      }
      expect((await fast.runAsync('6 * 7', host())).value).toBe(42);
    });

    it('stops a memory bomb at the memory limit, quickly and without growing the process', async () => {
      // given a deadline far away, so that only the memory limit can stop them
      const roomy = await createScriptSandbox({ isolation, timeoutMs: 20_000, memoryLimitBytes: 16 * 1024 * 1024 });
      try {
        const bombs = [
          'let a = []; while (true) a.push(new Array(1e6))',
          'let a = []; while (true) a.push("y".repeat(1000) + a.length)', // many small allocations
          'const keep = []; for (;;) { try { keep.push("z".repeat(100000) + keep.length) } catch (e) {} }', // catches out-of-memory
          '"x".repeat(40e6).length', // one allocation above the limit
        ];
        for (const source of bombs) {
          const rssBefore = process.memoryUsage().rss;
          const started = performance.now();
          // when
          const error = await failure(roomy.runAsync(source, host()));
          // then
          expect(error.code, source).toBe('LZ_ERR_SCRIPT_MEMORY');
          expect(performance.now() - started, source).toBeLessThan(10_000);
          expect(process.memoryUsage().rss - rssBefore, source).toBeLessThan(256 * 1024 * 1024);
          expect((await roomy.runAsync('[1, 2, 3].length', host())).value).toBe(3);
        }
      } finally {
        roomy.dispose();
      }
    });

    it('lets a run use memory up to about its limit, and no more', async () => {
      // given
      const small = await createScriptSandbox({ isolation, timeoutMs: 20_000, memoryLimitBytes: 8 * 1024 * 1024 });
      const keep = (mib: number): string => `const keep = []; for (let i = 0; i < ${mib * 10}; i++) keep.push("x".repeat(102400) + i); keep.length`;
      try {
        // when
        const within = await small.runAsync(keep(6), host());
        const above = await failure(small.runAsync(keep(16), host()));
        const again = await small.runAsync(keep(6), host());
        const stored = await failure(
          small.runAsync('const big = "y".repeat(1e6); for (let i = 0; i < 100; i++) { try { execution.setVariable("v" + i, big) } catch (e) {} } 1', host()),
        );
        // then
        expect(within.value).toBe(60);
        expect(above.code).toBe('LZ_ERR_SCRIPT_MEMORY');
        expect(again.value).toBe(60);
        expect(stored.code).toBe('LZ_ERR_SCRIPT_MEMORY');
      } finally {
        small.dispose();
      }
    });

    it('reports deep recursion as a stack overflow', async () => {
      // when
      const recursion = await failure(sandbox.runAsync('function f(n) { return f(n + 1) + 1 } f(0)', host()));
      const nesting = await failure(sandbox.runAsync('eval("(".repeat(100000) + "1" + ")".repeat(100000))', host()));
      // then
      expect(recursion.message).toContain('stack overflow');
      expect(nesting.message).toContain('stack overflow');
      expect((await sandbox.runAsync('1', host())).value).toBe(1);
    });

    it('offers no host access', async () => {
      // when
      const outcome = await sandbox.runAsync('[typeof require, typeof process, typeof setTimeout, typeof fetch, typeof Buffer]', host());
      // then
      expect(outcome.value).toEqual(Array(5).fill('undefined'));
    });
  });

  describe('overlapping calls', () => {
    it('answers every call with its own outcome, starting them in call order', async () => {
      // given
      const hosts = Array.from({ length: 40 }, (_, i) => host({ i }));
      // when
      const outcomes = await Promise.all(
        hosts.map((h, i) => sandbox.runAsync(i % 7 === 3 ? 'throw new BpmnError("E" + i)' : 'execution.setVariable("seen", i); i * 2', h)),
      );
      // then
      outcomes.forEach((outcome, i) => {
        if (i % 7 === 3) expect(outcome.bpmnError).toEqual({ code: `E${i}` });
        else expect(outcome.value).toBe(i * 2);
      });
      hosts.forEach((h, i) => expect(h.calls).toEqual(i % 7 === 3 ? [] : [['g', 'seen', i]]));
    });

    it('settles the calls of one worker in the order they were made', async () => {
      // given
      const order: number[] = [];
      // when
      await Promise.all(Array.from({ length: 12 }, (_, i) => sandbox.runAsync(`${i}`, host()).then((o) => order.push(o.value as number))));
      // then
      expect(order).toEqual(Array.from({ length: 12 }, (_, i) => i));
    });

    it('starts the time limit of a queued call when the worker starts it', async () => {
      // given three calls that each take about 60% of the deadline
      const busy = `const end = Date.now() + ${Math.round(FAST_TIMEOUT_MS * 0.6)}; while (Date.now() < end) {} "done"`;
      // when
      const outcomes = await Promise.all([0, 1, 2].map(() => settled(fast.runAsync(busy, host()))));
      // then: none timed out although the last one finished well after FAST_TIMEOUT_MS
      expect(outcomes.map(codeOf)).toEqual(['ok', 'ok', 'ok']);
    });

    it('does not fail the calls queued behind a runaway script (they get a fresh worker)', async () => {
      // given: a built-in that never polls the interrupt handler, so the worker must be replaced
      const runaway = fast.runAsync('Array.prototype.join.call({ length: 2 ** 40 })', host());
      const queued = Array.from({ length: 5 }, (_, i) => fast.runAsync(`execution.setVariable("k", ${i}); ${i} + 100`, host()));
      const loop = fast.runAsync('while (true) {}', host());
      const after = fast.runAsync('"after"', host());
      // when
      const [runawayResult, loopResult] = await Promise.all([settled(runaway), settled(loop)]);
      const values = (await Promise.all(queued)).map((o) => o.value);
      // then
      expect(codeOf(runawayResult)).toBe('LZ_ERR_SCRIPT_TIMEOUT');
      expect(codeOf(loopResult)).toBe('LZ_ERR_SCRIPT_TIMEOUT');
      expect(values).toEqual([100, 101, 102, 103, 104]);
      expect((await after).value).toBe('after');
    });

    it('keeps the event loop responsive while a long script runs', async () => {
      // given
      const ticks: number[] = [];
      const timer = setInterval(() => ticks.push(performance.now()), 10);
      const started = performance.now();
      try {
        // when
        const outcome = await sandbox.runAsync('const end = Date.now() + 500; while (Date.now() < end) {} "done"', host());
        // then
        expect(outcome.value).toBe('done');
      } finally {
        clearInterval(timer);
      }
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(490);
      expect(ticks.length).toBeGreaterThanOrEqual(20); // ~50 expected at 10 ms
      const gaps = ticks.slice(1).map((t, i) => t - (ticks[i] as number));
      expect(Math.max(...gaps)).toBeLessThan(200);
    });

    it('mixes synchronous and asynchronous calls', async () => {
      // given
      const pending = Array.from({ length: 6 }, (_, i) => sandbox.runAsync(`${i} * 10`, host()));
      // when
      const sync = sandbox.run('"sync"', host());
      const values = (await Promise.all(pending)).map((o) => o.value);
      // then
      expect(sync.value).toBe('sync');
      expect(values).toEqual([0, 10, 20, 30, 40, 50]);
    });

    it('runs scripts side by side with several workers', async () => {
      // given
      const pool = await createScriptSandbox({ isolation, workers: 2 });
      try {
        const busy = 'const end = Date.now() + 400; while (Date.now() < end) {} execution.getVariable("n")';
        // when
        const started = performance.now();
        const outcomes = await Promise.all([1, 2].map((n) => pool.runAsync(busy, host({ n }))));
        const elapsed = performance.now() - started;
        // then
        expect(outcomes.map((o) => o.value)).toEqual([1, 2]);
        expect(elapsed).toBeLessThan(750); // one after the other: 800 ms or more
        expect(pool.run('"sync too"', host()).value).toBe('sync too');
      } finally {
        pool.dispose();
      }
    });

    it('rejects queued and later calls once disposed', async () => {
      // given
      const own = await createScriptSandbox({ isolation });
      const running = own.runAsync('const end = Date.now() + 200; while (Date.now() < end) {} 1', host());
      const queued = own.runAsync('2', host());
      // when
      own.dispose();
      // then
      expect((await failure(running)).code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect((await failure(queued)).code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect((await failure(own.runAsync('3', host()))).message).toContain('disposed');
    });

    it('rejects a workers count out of range', async () => {
      await expect(createScriptSandbox({ isolation, workers: 0 })).rejects.toThrow(RangeError);
      await expect(createScriptSandbox({ isolation, workers: 100 })).rejects.toThrow(RangeError);
    });
  });

  describe('built-ins', () => {
    const TYPED = ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Uint8Array', 'Float64Array', 'BigInt64Array', 'WeakRef', 'FinalizationRegistry'];

    it('offers every global to a script that names it', async () => {
      // when
      const outcome = await sandbox.runAsync(
        'const view = new DataView(new ArrayBuffer(8)); view.setFloat64(0, 1.5);\n' +
          '[new Uint8Array([1, 2, 300]).join(), view.getFloat64(0), typeof WeakRef, typeof FinalizationRegistry, new BigInt64Array(1).length]',
        host(),
      );
      // then
      expect(outcome.value).toEqual(['1,2,44', 1.5, 'function', 'function', 1]);
    });

    it('offers them as well when reached by a computed name', async () => {
      // given
      const h = host({ names: TYPED });
      // when
      const outcome = await sandbox.runAsync(
        'console.log("start"); execution.setVariable("before", 1);\n' +
          'let seen;\n' +
          'try { seen = names.map((n) => typeof globalThis[n]) } catch (e) { execution.setVariable("caught", String(e)) }\n' +
          'execution.setVariable("after", seen);\n' +
          'new globalThis["Uint" + "8Array"]([7]).length + Reflect.ownKeys(globalThis).filter((n) => names.includes(n)).length',
        h,
      );
      // then
      expect(outcome.value).toBe(1 + TYPED.length);
      expect(outcome.logs).toEqual(['start']);
      expect(h.calls).toEqual([
        ['g', 'before', 1],
        ['g', 'after', Array(TYPED.length).fill('function')],
      ]);
    });

    it('binds variables as enumerable globals and the API as writable, non-enumerable ones', async () => {
      // when
      const variables = (): Record<string, unknown> => JSON.parse('{"a": 1, "b": 2, "__proto__": 3, "execution": 4, "NaN": 5}') as Record<string, unknown>;
      const listed = await sandbox.runAsync('Object.keys(globalThis)', host(variables()));
      const described = await sandbox.runAsync(
        'const before = typeof Object.getOwnPropertyDescriptor(globalThis, "console").get; console.log("x");\n' +
          'const d = Object.getOwnPropertyDescriptor(globalThis, "console");\n' +
          '[before, typeof d.value, d.writable, d.enumerable, Object.getPrototypeOf(globalThis) === Object.prototype, __proto__, execution.getVariable("NaN")]',
        host(variables()),
      );
      const replaced = await sandbox.runAsync('BpmnError = 5; console = { log() {} }; execution = null; console.log("hidden"); [BpmnError, typeof execution]', host());
      // then
      expect(listed.value).toEqual(['a', 'b', '__proto__']);
      expect(described.value).toEqual(['function', 'object', true, false, true, 3, 5]);
      expect(described.logs).toEqual(['x']);
      expect(replaced).toEqual({ value: [5, 'object'], logs: [] });
    });

    it('lets a script replace them, read them while the result is stored, and still stops it at the deadline', async () => {
      // when
      const assigned = await sandbox.runAsync('const n = "Data" + "View"; globalThis[n] = 5; globalThis[n]', host());
      const stored = await sandbox.runAsync('({ get kind() { return typeof globalThis["Weak" + "Ref"] } })', host());
      const looping = await failure(fast.runAsync('for (;;) { try { globalThis["Array" + "Buffer"] } catch (e) {} }', host()));
      const late = await failure(fast.runAsync(`const end = Date.now() + ${FAST_TIMEOUT_MS - 50}; while (Date.now() < end) {} globalThis["Array" + "Buffer"]; while (true) {}`, host()));
      // then
      expect(assigned.value).toBe(5);
      expect(stored.value).toEqual({ kind: 'function' });
      expect(looping.code).toBe('LZ_ERR_SCRIPT_TIMEOUT');
      expect(late.code).toBe('LZ_ERR_SCRIPT_TIMEOUT');
    });
  });

  describe('isolation between runs', () => {
    it('does not carry globals, prototype changes or Symbol.for registrations over', async () => {
      // given
      await sandbox.runAsync(
        'leaked = 1; var alsoLeaked = 2; Object.prototype.polluted = true; Array.prototype.push = null;\n' +
          'globalThis[Symbol.for("lz")] = "g"; Object.prototype[Symbol.for("lz")] = "p"; Symbol.prototype.marked = true;\n' +
          'JSON.parse = () => "x"; console.log = null; execution.extra = 1; 1',
        host(),
      );
      // when
      const outcome = await sandbox.runAsync(
        'const a = []; a.push(1);\n' +
          '[typeof leaked, typeof alsoLeaked, ({}).polluted, a.length, globalThis[Symbol.for("lz")], ({})[Symbol.for("lz")],\n' +
          ' Symbol.for("lz").marked, JSON.parse("[1]"), typeof console.log, Symbol.keyFor(Symbol.for("lz"))]',
        host(),
      );
      // then
      expect(outcome.value).toEqual(['undefined', 'undefined', null, 1, null, null, null, [1], 'function', 'lz']);
    });

    it('does not let a promise job left behind run in the next run', async () => {
      // given: jobs queued while the result is read, after the script's own jobs ran
      const hanging = await fast.runAsync('({ get x() { Promise.resolve().then(() => { while (true) {} }); return 1 } })', host());
      // when
      const next = await settled(fast.runAsync('Promise.resolve().then(() => 3)', host()));
      const throwing = await fast.runAsync('({ toJSON() { Promise.resolve().then(() => { throw new Error("late") }); return 2 } })', host());
      const last = await settled(fast.runAsync('Promise.resolve(4)', host()));
      // then
      expect([hanging.value, throwing.value]).toEqual([{ x: 1 }, 2]);
      expect(next).toEqual({ value: 3, logs: [] });
      expect(last).toEqual({ value: 4, logs: [] });
    });

    it('does not let a FinalizationRegistry callback run in a later run', async () => {
      // given: targets that die only after the run, with a callback that would hang and leave a mark
      await fast.runAsync(
        'globalThis.registry = new FinalizationRegistry(() => { while (true) {} });\n' +
          'globalThis.targets = [];\n' +
          'for (let i = 0; i < 2000; i++) { const t = { i }; t.self = t; targets.push(t); registry.register(t, i); }\n' +
          'globalThis.weak = new WeakRef(targets[0]); 1',
        host(),
      );
      // when: later runs allocate enough to make QuickJS collect the garbage left behind
      const results: (ScriptOutcome | LzError)[] = [];
      for (let i = 0; i < 5; i++) {
        results.push(await settled(fast.runAsync('let a = []; for (let i = 0; i < 100000; i++) a.push({ i }); [typeof registry, typeof weak, a.length]', host())));
      }
      // then
      for (const result of results) expect(result).toEqual({ value: ['undefined', 'undefined', 100000], logs: [] });
    });

    it('runs every script in a fresh global after any kind of failure', async () => {
      const failing = [
        'polluted = 1; while (true) {}',
        'polluted = 1; Array.prototype.join.call({ length: 2 ** 40 })',
        'polluted = 1; const keep = []; for (;;) keep.push("x".repeat(100000) + keep.length)',
        'polluted = 1; function f() { return f() } f()',
        'polluted = 1; throw new Error("plain")',
        'polluted = 1; new Promise(() => {})',
      ];
      for (const source of failing) {
        // when
        await settled(fast.runAsync(source, host()));
        const outcome = await fast.runAsync('typeof polluted', host());
        // then
        expect(outcome.value, source).toBe('undefined');
      }
    });

    it('keeps a long series of runs isolated and correct', async () => {
      // when
      const outcomes = await Promise.all(
        Array.from({ length: 600 }, (_, i) =>
          sandbox.runAsync('if (typeof mark !== "undefined") throw new Error("leak"); mark = i; Object.prototype["p" + i] = i; execution.getVariable("i")', host({ i })),
        ),
      );
      // then
      expect(outcomes.map((o) => o.value)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    });
  });
});
