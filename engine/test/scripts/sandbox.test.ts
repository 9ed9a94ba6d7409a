import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LzError } from '../../src/errors.ts';
import { createScriptSandbox, type ScriptIsolation, isJavaScriptFormat, type ScriptHost, type ScriptSandbox } from '../../src/scripts/index.ts';

/** every test runs in both isolation modes */
const ISOLATIONS: ScriptIsolation[] = ['frozen-realm', 'fresh-runtime'];

const FACTS = {
  id: 'exec-1',
  processInstanceId: 'pi-1',
  processBusinessKey: 'order-42',
  activityId: 'Task_Script',
  processDefinitionId: 'order:3',
};

interface RecordingHost extends ScriptHost {
  calls: [kind: 'g' | 'l', name: string, value: unknown][];
}

function host(variables: Record<string, unknown> = {}): RecordingHost {
  const calls: RecordingHost['calls'] = [];
  return {
    variables,
    execution: { ...FACTS },
    calls,
    setVariable: (name, value) => calls.push(['g', name, value]),
    setVariableLocal: (name, value) => calls.push(['l', name, value]),
  };
}

function failure(run: () => unknown): LzError {
  try {
    run();
  } catch (e) {
    if (e instanceof LzError) return e;
    throw e;
  }
  throw new Error('expected the script to fail');
}

function timed<T>(run: () => T): { result: T | LzError; ms: number } {
  const started = performance.now();
  let result: T | LzError;
  try {
    result = run();
  } catch (e) {
    if (!(e instanceof LzError)) throw e;
    result = e;
  }
  return { result, ms: performance.now() - started };
}

describe.each(ISOLATIONS)('script sandbox (%s)', (isolation) => {
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

  describe('values', () => {
    it('binds variables as globals and returns the completion value', () => {
      // given
      const h = host({ a: 2, b: 3, name: 'Ada', order: { lines: [{ qty: 2 }, { qty: 5 }] } });
      // when
      const outcome = sandbox.run('const total = order.lines.reduce((s, l) => s + l.qty, 0);\n({ sum: a + b, total, hello: "hi " + name })', h);
      // then
      expect(outcome.value).toEqual({ sum: 5, total: 7, hello: 'hi Ada' });
      expect(outcome.logs).toEqual([]);
      expect(outcome.bpmnError).toBeUndefined();
    });

    it('marshals results to plain JSON-able values', () => {
      // when
      const fn = sandbox.run('(function () {})', host());
      const undef = sandbox.run('undefined', host());
      const mixed = sandbox.run('({ keep: 1, gone: undefined, f() {}, list: [1, undefined, () => 2], big: 12n, nan: NaN })', host());
      // then
      expect(fn.value).toBeNull();
      expect(undef.value).toBeNull();
      expect(mixed.value).toEqual({ keep: 1, list: [1, null, null], big: 12, nan: null });
    });

    it('passes Dates both ways as real Dates', () => {
      // given
      const due = new Date('2024-05-06T07:08:09.010Z');
      // when
      const outcome = sandbox.run(
        'execution.setVariable("later", { at: new Date(due.getTime() + 1000) });\n' +
          '({ isDate: due instanceof Date, year: due.getUTCFullYear(), back: due, bad: new Date(NaN) })',
        host({ due }),
      );
      // then
      const value = outcome.value as { isDate: boolean; year: number; back: Date; bad: Date };
      expect(value.isDate).toBe(true);
      expect(value.year).toBe(2024);
      expect(value.back).toBeInstanceOf(Date);
      expect(value.back.getTime()).toBe(due.getTime());
      expect(Number.isNaN(value.bad.getTime())).toBe(true);
    });

    it('gives the script copies: mutating a variable does not touch the host value', () => {
      // given
      const order = { lines: [1, 2] };
      const h = host({ order });
      // when
      const outcome = sandbox.run('order.lines.push(3); [order.lines.length, execution.getVariable("order").lines.length]', h);
      // then
      expect(outcome.value).toEqual([3, 2]);
      expect(order.lines).toEqual([1, 2]);
    });

    it('binds variables whose names shadow built-ins without breaking marshalling', () => {
      // when
      const outcome = sandbox.run('({ j: JSON, o: Object, a: Array, when: new Date(0) })', host({ JSON: 1, Object: 'o', Array: [] }));
      // then
      expect(outcome.value).toEqual({ j: 1, o: 'o', a: [], when: new Date(0) });
    });

    it('awaits a promise result and runs pending jobs', () => {
      // when
      const outcome = sandbox.run('Promise.resolve().then(() => execution.setVariable("v", 1)); (async () => 40 + 2)()', host());
      // then
      expect(outcome.value).toBe(42);
    });

    it('rejects a cyclic result', () => {
      // when
      const error = failure(() => sandbox.run('const o = {}; o.self = o; o', host()));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(error.message).toContain('circular');
    });

    it('refuses host variables that cannot be marshalled', () => {
      // given
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      // when
      const error = failure(() => sandbox.run('1', host({ cyclic })));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(error.message).toContain('cyclic');
    });
  });

  describe('execution API', () => {
    it('records setVariable and setVariableLocal in call order, as copies', () => {
      // given
      const h = host({ count: 1 });
      // when
      sandbox.run(
        'const v = { n: 1 }; execution.setVariable("a", v); v.n = 2;\n' +
          'execution.setVariableLocal("b", [count + 1]); execution.setVariable("a", "again");',
        h,
      );
      // then
      expect(h.calls).toEqual([
        ['g', 'a', { n: 1 }],
        ['l', 'b', [2]],
        ['g', 'a', 'again'],
      ]);
    });

    it('lets getVariable see earlier sets and answers null for unknown names', () => {
      // when
      const outcome = sandbox.run(
        'const before = execution.getVariable("x"); execution.setVariable("x", 5);\n' +
          '[before, execution.getVariable("x"), execution.getVariable("nope"), x]',
        host({ x: 1 }),
      );
      // then
      expect(outcome.value).toEqual([1, 5, null, 1]);
    });

    it('does not turn global assignments into process variables', () => {
      // given
      const h = host({ x: 1 });
      // when
      const outcome = sandbox.run('x = 5; y = 6; execution.getVariable("x")', h);
      // then
      expect(outcome.value).toBe(1);
      expect(h.calls).toEqual([]);
    });

    it('exposes read-only execution facts', () => {
      // when
      const outcome = sandbox.run(
        'execution.id = "hacked";\n' +
          '[execution.id, execution.processInstanceId, execution.processBusinessKey, execution.activityId, execution.processDefinitionId]',
        host(),
      );
      // then
      expect(outcome.value).toEqual(['exec-1', 'pi-1', 'order-42', 'Task_Script', 'order:3']);
    });

    it('throws a catchable TypeError for a bad name or a cyclic value', () => {
      // when
      const outcome = sandbox.run(
        'const seen = [];\n' +
          'try { execution.setVariable("", 1) } catch (e) { seen.push(e instanceof TypeError) }\n' +
          'const o = {}; o.o = o;\n' +
          'try { execution.setVariable("o", o) } catch (e) { seen.push(e.message) }\n' +
          'seen',
        host(),
      );
      // then
      expect(outcome.value).toEqual([true, 'circular reference']);
    });

    it('propagates an error raised by the host when replaying a set', () => {
      // given
      const h = host();
      h.setVariable = () => {
        throw new LzError('LZ_ERR_VARIABLE_INVALID', 'nope');
      };
      // when
      const error = failure(() => sandbox.run('execution.setVariable("a", 1)', h));
      // then
      expect(error.code).toBe('LZ_ERR_VARIABLE_INVALID');
    });
  });

  describe('BpmnError', () => {
    it('turns a thrown BpmnError into an outcome, keeping sets and logs', () => {
      // given
      const h = host();
      // when
      const outcome = sandbox.run(
        'execution.setVariable("reason", "stock"); console.log("failing");\n' +
          'throw new BpmnError("OUT_OF_STOCK", "no stock left")',
        h,
      );
      // then
      expect(outcome.bpmnError).toEqual({ code: 'OUT_OF_STOCK', message: 'no stock left' });
      expect(outcome.value).toBeNull();
      expect(outcome.logs).toEqual(['failing']);
      expect(h.calls).toEqual([['g', 'reason', 'stock']]);
    });

    it('is a real Error subclass, works without a message and from a rejected promise', () => {
      // when
      const plain = sandbox.run('const e = new BpmnError("E1"); if (!(e instanceof Error) || e.name !== "BpmnError") throw e; throw e', host());
      const rejected = sandbox.run('(async () => { throw new BpmnError("E2", "later") })()', host());
      // then
      expect(plain.bpmnError).toEqual({ code: 'E1' });
      expect(rejected.bpmnError).toEqual({ code: 'E2', message: 'later' });
    });

    it('requires an error code', () => {
      // when
      const error = failure(() => sandbox.run('throw new BpmnError()', host()));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(error.message).toContain('code must be a non-empty string');
    });

    it('is not forged by a look-alike object', () => {
      // when
      const error = failure(() => sandbox.run('throw { name: "BpmnError", code: "X", message: "fake" }', host()));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(error.message).toContain('fake');
    });
  });

  describe('console', () => {
    it('collects log lines, formatting values', () => {
      // when
      const outcome = sandbox.run(
        'console.log("a", 1, true, null, undefined, { k: [1] }, new Date(0), new TypeError("bad"));\n' +
          'console.warn("careful"); console.error("broken"); console.info("fyi")',
        host(),
      );
      // then
      expect(outcome.logs).toEqual([
        'a 1 true null undefined {"k":[1]} 1970-01-01T00:00:00.000Z TypeError: bad',
        '[warn] careful',
        '[error] broken',
        'fyi',
      ]);
    });

    it('caps the total log size', () => {
      // when
      const outcome = sandbox.run('const line = "x".repeat(1000); for (let i = 0; i < 500; i++) console.log(line); 1', host());
      // then
      const size = outcome.logs.reduce((sum, line) => sum + line.length, 0);
      expect(size).toBeLessThanOrEqual(64 * 1024 + 100);
      expect(outcome.logs.at(-1)).toContain('log truncated');
    });
  });

  describe('failures', () => {
    it('reports a thrown error with its message and line', () => {
      // when
      const error = failure(() => sandbox.run('const a = 1;\n\nthrow new RangeError("too big: " + a)', host()));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(error.message).toContain('RangeError: too big: 1 (line 3)');
      expect(error.details).toMatchObject({ errorName: 'RangeError', line: 3 });
    });

    it('reports a syntax error', () => {
      // when
      const error = failure(() => sandbox.run('let = ;', host()));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(error.message).toContain('SyntaxError');
    });

    it('stops an infinite loop at the deadline, even if the script catches', () => {
      // when
      const plain = timed(() => fast.run('console.log("started"); while (true) {}', host()));
      const caught = timed(() => fast.run('for (;;) { try { while (true) {} } catch (e) {} }', host()));
      // then
      for (const { result, ms } of [plain, caught]) {
        expect(result).toBeInstanceOf(LzError);
        expect((result as LzError).code).toBe('LZ_ERR_SCRIPT_TIMEOUT');
        expect(ms).toBeGreaterThanOrEqual(FAST_TIMEOUT_MS - 5);
        expect(ms).toBeLessThan(5 * FAST_TIMEOUT_MS);
      }
      expect((plain.result as LzError).details.logs).toEqual(['started']);
    });

    it('stops built-ins that never yield to the interrupt handler', () => {
      // when
      const { result, ms } = timed(() => fast.run('Array.prototype.indexOf.call({ length: 2 ** 40 }, 1)', host()));
      // then
      expect((result as LzError).code).toBe('LZ_ERR_SCRIPT_TIMEOUT');
      expect(ms).toBeLessThan(5 * FAST_TIMEOUT_MS);
    });

    it('stops a loop in promise jobs', () => {
      // when
      const { result, ms } = timed(() => fast.run('Promise.resolve().then(() => { while (true) {} }); 1', host()));
      // then
      expect((result as LzError).code).toBe('LZ_ERR_SCRIPT_TIMEOUT');
      expect(ms).toBeLessThan(5 * FAST_TIMEOUT_MS);
    });

    it('stops a script that allocates forever at the memory limit', async () => {
      // given a deadline far away, so that only the memory limit can stop it
      const roomy = await createScriptSandbox({ isolation, timeoutMs: 20_000 });
      try {
        // when
        const error = failure(() => roomy.run('let a = []; while (true) a.push(new Array(1e6))', host()));
        // then
        expect(error.code).toBe('LZ_ERR_SCRIPT_MEMORY');
        expect(roomy.run('[1, 2, 3].length', host()).value).toBe(3);
      } finally {
        roomy.dispose();
      }
    });

    it('reports deep recursion as a stack overflow', () => {
      // when
      const recursion = failure(() => sandbox.run('function f(n) { return f(n + 1) + 1 } f(0)', host()));
      const nesting = failure(() => sandbox.run('eval("(".repeat(100000) + "1" + ")".repeat(100000))', host()));
      // then
      expect(recursion.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(recursion.message).toContain('stack overflow');
      expect(nesting.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(nesting.message).toContain('stack overflow');
    });

    it('rejects a promise that never settles', () => {
      // when
      const error = failure(() => sandbox.run('new Promise(() => {})', host()));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
      expect(error.message).toContain('never settled');
    });

    it('stays usable after every kind of failure', () => {
      // given
      const failing = [
        'while (true) {}',
        'Array.prototype.join.call({ length: 2 ** 40 })',
        'let s = "x"; const keep = []; while (true) keep.push(s += s)',
        'function f() { return f() } f()',
        'throw new Error("plain")',
        'throw new BpmnError("CODE")',
        '}{',
      ];
      for (const source of failing) {
        // when
        try {
          fast.run(source, host());
        } catch (e) {
          if (!(e instanceof LzError)) throw e;
        }
        // then
        expect(fast.run('execution.setVariable("ok", true); 6 * 7', host()).value).toBe(42);
      }
    });
  });

  describe('isolation', () => {
    it('offers no host access', () => {
      // when
      const outcome = sandbox.run(
        '[typeof require, typeof process, typeof globalThis.process, typeof setTimeout, typeof setInterval,\n' +
          ' typeof fetch, typeof module, typeof Buffer, typeof std, typeof os, typeof Date.now()]',
        host(),
      );
      const dynamicImport = sandbox.run('import("node:fs").then(() => "loaded", (e) => "blocked: " + e.message)', host());
      const staticImport = failure(() => sandbox.run('import fs from "node:fs"; fs', host()));
      // then
      expect(outcome.value).toEqual([...Array(10).fill('undefined'), 'number']);
      expect(dynamicImport.value).toMatch(/^blocked: /);
      expect(staticImport.message).toContain('SyntaxError');
    });

    it('does not leak globals or prototype changes between runs', () => {
      // given
      sandbox.run('leaked = 1; var alsoLeaked = 2; Object.prototype.polluted = true; Array.prototype.push = null; JSON.stringify = () => "x"', host());
      // when
      const outcome = sandbox.run('const a = []; a.push(1); [typeof leaked, typeof alsoLeaked, ({}).polluted, a.length, JSON.stringify([1])]', host());
      // then
      expect(outcome.value).toEqual(['undefined', 'undefined', null, 1, '[1]']);
    });

    it('cannot corrupt what is read back by tampering with built-ins', () => {
      // when
      const outcome = sandbox.run(
        'JSON.stringify = () => "{}"; Date.prototype.getTime = () => 0;\n' +
          'execution.setVariable("when", new Date(86400000)); ({ n: 1 })',
        host(),
      );
      // then
      expect(outcome.value).toEqual({ n: 1 });
    });
  });

  describe('lifecycle and helpers', () => {
    it('refuses to run after dispose', async () => {
      // given
      const own = await createScriptSandbox({ isolation });
      own.dispose();
      // when
      const error = failure(() => own.run('1', host()));
      // then
      expect(error.code).toBe('LZ_ERR_SCRIPT_FAILED');
    });

    it('rejects limits out of range', async () => {
      await expect(createScriptSandbox({ isolation, timeoutMs: 0 })).rejects.toThrow(RangeError);
      await expect(createScriptSandbox({ isolation, maxStackBytes: 64 * 1024 * 1024 })).rejects.toThrow(RangeError);
    });

    it('recognises JavaScript script formats', () => {
      expect(['javascript', 'js', 'JavaScript', 'ECMAScript', ' ecmascript '].every(isJavaScriptFormat)).toBe(true);
      expect([undefined, null, '', 'groovy', 'feel'].some(isJavaScriptFormat)).toBe(false);
    });

    it('keeps a trivial run cheap', () => {
      // given
      const variables = { a: 1, b: 'two', c: true, d: { x: [1, 2, 3] }, e: null };
      for (let i = 0; i < 50; i++) sandbox.run('1+1', host(variables));
      // when
      const runs = 300;
      const started = performance.now();
      for (let i = 0; i < runs; i++) sandbox.run('1+1', host(variables));
      const perRunMs = (performance.now() - started) / runs;
      // then: a generous sanity bound (measured ≈ 0.2–0.7 ms), not a benchmark
      expect(perRunMs).toBeLessThan(5);
    });
  });
});
