import { describe, it, expect } from 'vitest';
import { compileFeel } from '../../src/expressions/feel.ts';
import { lzErrorOf, vars } from './helpers.ts';

function run(text: string, record: Record<string, unknown> = {}): unknown {
  return compileFeel(text).evaluate(vars(record));
}

describe('FEEL evaluation', () => {
  it.each([
    ['amount > 1000', { amount: 2000 }, true],
    ['amount > 1000', { amount: 10 }, false],
    ['"a" + b', { b: 'c' }, 'ac'],
    ['x * 2 + 1', { x: 3 }, 7],
    ['customer.name', { customer: { name: 'Ada' } }, 'Ada'],
    ['if approved then "yes" else "no"', { approved: true }, 'yes'],
    ['count(items) > n', { items: [1, 2, 3], n: 2 }, true],
    ['order total >= 10', { 'order total': 10 }, true],
    ['x = null', { x: null }, true],
  ])('%s with %j is %j', (text, record, expected) => {
    // given / when
    const value = run(text, record);
    // then
    expect(value).toBe(expected);
  });

  it('yields null for a missing variable instead of throwing', () => {
    // given / when
    const plain = run('missing');
    const compared = run('missing > 3');
    // then
    expect(plain).toBeNull();
    expect(compared).toBeNull();
  });

  it('converts lists and contexts to plain JS values', () => {
    // given / when
    const value = run('{a: 1, b: [1, "x", null], c: {d: true}}');
    // then
    expect(value).toEqual({ a: 1, b: [1, 'x', null], c: { d: true } });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('evaluates filters and loops', () => {
    // given / when
    const filtered = run('items[price > 10].name', { items: [{ name: 'a', price: 5 }, { name: 'b', price: 20 }] });
    const doubled = run('for i in xs return i * 2', { xs: [1, 2] });
    // then
    expect(filtered).toEqual(['b']);
    expect(doubled).toEqual([2, 4]);
  });

  it('converts date and time to a JS Date', () => {
    // given / when
    const zoned = run('date and time("2020-01-01T10:00:00@Europe/Paris")');
    const offset = run('date and time("2020-01-01T10:00:00+05:00")');
    const utc = run('date and time("2020-01-01T10:00:00Z")');
    const local = run('date and time("2020-01-01T10:00:00")');
    // then
    expect(zoned).toEqual(new Date('2020-01-01T09:00:00Z'));
    expect(offset).toEqual(new Date('2020-01-01T05:00:00Z'));
    expect(utc).toEqual(new Date('2020-01-01T10:00:00Z'));
    expect(local).toEqual(new Date('2020-01-01T10:00:00Z'));
  });

  it('converts dates, times and durations to ISO strings', () => {
    // given / when
    const date = run('date("2020-04-06")');
    const time = run('time("10:30:00")');
    const duration = run('duration("P2DT3H")');
    const period = run('duration("P1Y2M")');
    // then
    expect(date).toBe('2020-04-06');
    expect(time).toBe('10:30:00');
    expect(duration).toBe('P2DT3H');
    expect(period).toBe('P1Y2M');
  });

  it('accepts a JS Date variable', () => {
    // given
    const due = new Date('2020-01-01T00:00:00Z');
    // when
    const later = run('due + duration("PT1H")', { due });
    // then
    expect(later).toEqual(new Date('2020-01-01T01:00:00Z'));
  });

  it('converts a range to a plain object', () => {
    // given / when
    const value = run('[1..5)');
    // then
    expect(value).toEqual({ start: 1, end: 5, startIncluded: true, endIncluded: false });
  });

  it('reports a function result as an evaluation error', () => {
    // given / when
    const error = lzErrorOf(() => run('function(a) a + 1'));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
  });

  it('reports a failing variable lookup as an evaluation error', () => {
    // given
    const context = { has: () => true, get: (): unknown => { throw new Error('boom'); } };
    // when
    const error = lzErrorOf(() => compileFeel('x > 1').evaluate(context));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    expect(error.message).toContain('boom');
  });

  it('lists the variables it reads, without functions and bound names', () => {
    // given / when
    const compiled = compileFeel('for i in xs return i + count(ys) + order total');
    // then
    expect(compiled.variableNames).toEqual(['xs', 'ys', 'order total']);
  });
});

describe('FEEL syntax errors', () => {
  it.each([['a +'], ['1 +* 2'], ['(1 + 2'], ['"abc'], [''], ['   '], ['if x then 1']])(
    '%j is a syntax error quoting the text',
    (text) => {
      // given / when
      const error = lzErrorOf(() => compileFeel(text));
      // then
      expect(error.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
      expect(error.message).toContain(`'${text}'`);
      expect(error.message).toMatch(/position \d+/);
    },
  );

  it('rejects an expression longer than 10,000 characters', () => {
    // given
    const text = '1 + '.repeat(3000) + '1';
    // when
    const error = lzErrorOf(() => compileFeel(text));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
  });
});
