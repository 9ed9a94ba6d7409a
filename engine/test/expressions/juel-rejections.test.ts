import { describe, it, expect } from 'vitest';
import { compileJuel } from '../../src/expressions/juel/template.ts';
import { lzErrorOf, vars } from './helpers.ts';

function run(text: string, record: Record<string, unknown> = {}): unknown {
  return compileJuel(text).evaluate(vars(record));
}

describe('JUEL constructs outside the subset', () => {
  it.each([
    ['${a.b()}', 'method call'],
    ['${execution.getVariable("x")}', 'method call'],
    ['${test.contains("a")}', 'method call'],
    ['${a[0](1)}', 'method call'],
    ['${fn:concat(a, b)}', 'function call'],
    ['${(a)(1)}', 'function call'],
    ['${foo(1)(2)}', 'function call'],
    ['${x -> x + 1}', 'lambda'],
    ['${(x, y) -> x}', 'lambda'],
    ['${a = 1}', 'assignment'],
    ["${a += 'b'}", 'string concatenation'],
    ['${a; b}', 'semicolon'],
    ['${a instanceof b}', 'instanceof'],
    ['${[1, 2]}', 'list literal'],
    ['${{1, 2}}', 'set or map literal'],
    ["${{'a': 1}}", 'set or map literal'],
  ])('%s is rejected as %s', (text, construct) => {
    // given / when
    const error = lzErrorOf(() => compileJuel(text));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_UNSUPPORTED');
    expect(error.message).toContain(construct);
    expect(error.message).toContain(text);
  });
});

describe('JUEL syntax errors', () => {
  it.each([
    ['${(1 + 2}'],
    ['${1 + 2)}'],
    ["${'abc}"],
    ['${1 +}'],
    ['${* 2}'],
    ['${}'],
    ['${ }'],
    ['${a b}'],
    ['${a ? b}'],
    ['${a.}'],
    ['${a.1}'],
    ['${a[1}'],
    ['${x'],
    ['text ${'],
    ['${1 & 2}'],
    ['${and}'],
    ['${a.true}'],
    ['${1, 2}'],
  ])('%s is a syntax error with text and position', (text) => {
    // given / when
    const error = lzErrorOf(() => compileJuel(text));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
    expect(error.message).toContain(text);
    expect(error.message).toMatch(/position \d+/);
  });
});

describe('JUEL guards against hostile input', () => {
  const nest = (n: number, open: string, inner: string, close: string): string =>
    `\${${open.repeat(n)}${inner}${close.repeat(n)}}`;

  it('accepts 100 levels of nesting', () => {
    // given
    const text = nest(100, '(', '1', ')');
    // when
    const value = run(text);
    // then
    expect(value).toBe(1);
  });

  it.each([
    ['parentheses', nest(101, '(', '1', ')')],
    ['negations', nest(101, '!', 'true', '')],
    ['index access', nest(101, 'a[', '0', ']')],
    ['conditionals', `\${${'true ? 1 : '.repeat(101)}0}`],
    ['deep parentheses', nest(4000, '(', '1', ')')],
  ])('rejects nesting deeper than 100 levels (%s) as a syntax error', (_name, text) => {
    // given / when
    const error = lzErrorOf(() => compileJuel(text));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
    expect(error.message).toContain('nested');
  });

  it('rejects an expression longer than 10,000 characters', () => {
    // given
    const text = `\${${'1+'.repeat(5000)}1}`;
    // when
    const error = lzErrorOf(() => compileJuel(text));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
    expect(error.message).toContain('longer than 10000');
  });

  it('rejects an operator chain that would build a very deep tree', () => {
    // given
    const text = `\${${'1+'.repeat(4000)}1}`;
    // when
    const error = lzErrorOf(() => compileJuel(text));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
  });

  it('evaluates a long but acceptable operator chain', () => {
    // given
    const text = `\${${'1+'.repeat(500)}1}`;
    // when
    const value = run(text);
    // then
    expect(value).toBe(501);
  });
});
