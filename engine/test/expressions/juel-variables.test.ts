import { describe, it, expect } from 'vitest';
import { compileJuel } from '../../src/expressions/juel/template.ts';
import { lzErrorOf, vars } from './helpers.ts';

function run(text: string, record: Record<string, unknown> = {}): unknown {
  return compileJuel(text).evaluate(vars(record));
}

describe('JUEL variables and properties', () => {
  class Execution {
    readonly id = 'e1';
    get processBusinessKey(): string {
      return 'order-7';
    }
    getVariable(): string {
      return 'x';
    }
  }

  it.each([
    ['${a.b}', { a: { b: 1 } }, 1],
    ["${a['b']}", { a: { b: 2 } }, 2],
    ['${a["b c"]}', { a: { 'b c': 3 } }, 3],
    ['${a[0]}', { a: ['x', 'y'] }, 'x'],
    ['${a[i+1]}', { a: ['x', 'y'], i: 0 }, 'y'],
    ["${a['1']}", { a: ['x', 'y'] }, 'y'],
    ['${a[5]}', { a: ['x'] }, null],
    ['${a[k]}', { a: { key: 'v' }, k: 'key' }, 'v'],
    ['${a.b.c}', { a: { b: { c: 'deep' } } }, 'deep'],
    ['${a.missing}', { a: {} }, null],
    ['${a.b.missing}', { a: { b: {} } }, null],
    ['${m.k}', { m: new Map([['k', 'v']]) }, 'v'],
    ['${execution.processBusinessKey}', { execution: new Execution() }, 'order-7'],
    ['#{execution.id}', { execution: new Execution() }, 'e1'],
    ['${execution.getVariable}', { execution: new Execution() }, null],
    ['${a.constructor}', { a: {} }, null],
    ['${a.toString}', { a: {} }, null],
    ['${x}', { x: undefined }, null],
  ])('%s is %j', (text, record, expected) => {
    // given / when
    const value = run(text, record);
    // then
    expect(value).toBe(expected);
  });

  it('throws LZ_ERR_UNKNOWN_VARIABLE naming an unknown identifier', () => {
    // given
    const text = '${approved == true}';
    // when
    const error = lzErrorOf(() => run(text, {}));
    // then
    expect(error.code).toBe('LZ_ERR_UNKNOWN_VARIABLE');
    expect(error.message).toContain("'approved'");
    expect(error.details['name']).toBe('approved');
  });

  it('gives null for a property of null (EL 2.2 §1.6), so a condition on it is simply false', () => {
    // given
    const text = '${customer.address.city}';
    // when / then
    expect(run(text, { customer: { address: null } })).toBeNull();
    expect(run("${customer.address.city == 'Hangzhou'}", { customer: { address: null } })).toBe(false);
  });

  it.each([['${s.length}', { s: 'abc' }], ['${a.length}', { a: [1] }], ['${o.f}', { o: { f: () => 1 } }]])(
    '%s is an evaluation error',
    (text, record) => {
      // given / when
      const error = lzErrorOf(() => run(text, record));
      // then
      expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    },
  );

  it('lists the top-level variables it reads', () => {
    // given / when
    const compiled = compileJuel('${a.b + c[d] > 1 ? e : a}');
    // then
    expect(compiled.variableNames).toEqual(['a', 'c', 'd', 'e']);
  });

  it('wraps an exception from a getter as an evaluation error', () => {
    // given
    const context = { has: () => true, get: (): unknown => { throw new Error('boom'); } };
    // when
    const error = lzErrorOf(() => compileJuel('${x}').evaluate(context));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    expect(error.message).toContain('boom');
  });
});
