import { describe, it, expect } from 'vitest';
import { compileJuel } from '../../src/expressions/juel/template.ts';
import { lzErrorOf, vars } from './helpers.ts';

function run(text: string, record: Record<string, unknown> = {}): unknown {
  return compileJuel(text).evaluate(vars(record));
}

describe('JUEL literals', () => {
  it.each([
    ['${true}', true],
    ['${false}', false],
    ['${null}', null],
    ['${42}', 42],
    ['${4.5}', 4.5],
    ['${1e3}', 1000],
    ['${1.5E-1}', 0.15],
    ['${.5}', 0.5],
    ["${'single'}", 'single'],
    ['${"double"}', 'double'],
    ["${'it\\'s'}", "it's"],
    ['${"say \\"hi\\""}', 'say "hi"'],
    ["${'back\\\\slash'}", 'back\\slash'],
    ['${"it\'s"}', "it's"],
    ["${'a}b'}", 'a}b'],
  ])('%s evaluates to %j', (text, expected) => {
    // given / when
    const value = run(text);
    // then
    expect(value).toEqual(expected);
  });

  it('rejects an unknown escape sequence in a string', () => {
    // given
    const text = "${'a\\nb'}";
    // when
    const error = lzErrorOf(() => compileJuel(text));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
    expect(error.message).toContain('escape');
  });
});

describe('JUEL arithmetic', () => {
  it.each([
    ['${1 + 2}', {}, 3],
    ['${5 - 7}', {}, -2],
    ['${3 * 4}', {}, 12],
    ['${7 / 2}', {}, 3.5],
    ['${7 div 2}', {}, 3.5],
    ['${6 / 3}', {}, 2],
    ['${7 % 3}', {}, 1],
    ['${7 mod 3}', {}, 1],
    ['${-7 % 3}', {}, -1],
    ['${7.5 % 2}', {}, 1.5],
    ['${1 / 0}', {}, Infinity],
    ['${x + 5}', { x: 5 }, 10],
    ['${x+5}', { x: 5 }, 10],
    ['${x + 1}', { x: null }, 1],
    ['${x + y}', { x: null, y: null }, 0],
    ['${x * 3}', { x: null }, 0],
    ['${x / y}', { x: null, y: null }, 0],
    ["${'2' + 3}", {}, 5],
    ["${'1.5' + 1}", {}, 2.5],
    ["${'' + 1}", {}, 1],
    ['${1.5 + 1}', {}, 2.5],
    ['${-x}', { x: 3 }, -3],
    ["${-'2'}", {}, -2],
    ['${-x}', { x: null }, 0],
    ['${- -4}', {}, 4],
  ])('%s with %j is %j', (text, record, expected) => {
    // given / when
    const value = run(text, record);
    // then
    expect(value).toBe(expected);
  });

  it('keeps integer arithmetic integral and divides in floating point', () => {
    // given
    const record = { x: 5, nrOfCompletedInstances: 3, nrOfInstances: 5 };
    // when
    const sum = run('${x+5}', record);
    const ratio = run('${nrOfCompletedInstances/nrOfInstances}', record);
    const condition = run('${nrOfCompletedInstances/nrOfInstances >= 0.5}', record);
    // then
    expect(sum).toBe(10);
    expect(Number.isInteger(sum)).toBe(true);
    expect(ratio).toBe(0.6);
    expect(condition).toBe(true);
  });

  it.each([
    ["${'abc' + 1}", {}],
    ['${true + 1}', {}],
    ['${x % 0}', { x: 4 }],
    ['${- true}', {}],
    ['${x * 2}', { x: { a: 1 } }],
  ])('%s is an evaluation error', (text, record) => {
    // given / when
    const error = lzErrorOf(() => run(text, record));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    expect(error.message).toContain(text);
  });
});

describe('JUEL comparison and equality', () => {
  it.each([
    ['${1 < 2}', {}, true],
    ['${2 > 1}', {}, true],
    ['${2 <= 2}', {}, true],
    ['${2 >= 3}', {}, false],
    ['${1 lt 2}', {}, true],
    ['${1 gt 2}', {}, false],
    ['${2 le 2}', {}, true],
    ['${3 ge 2}', {}, true],
    ["${'abc' < 'abd'}", {}, true],
    ["${'b' > 'abc'}", {}, true],
    ["${'10' < 9}", {}, false],
    ["${x > '2'}", { x: 10 }, true],
    ['${x > 1}', { x: null }, false],
    ['${x < 1}', { x: null }, false],
    ['${x <= y}', { x: null, y: null }, true],
    ['${true > false}', {}, true],
    ['${a < b}', { a: new Date('2020-01-01'), b: new Date('2021-01-01') }, true],
    ['${1 == 1.0}', {}, true],
    ["${1 == '1'}", {}, true],
    ['${x == null}', { x: null }, true],
    ['${x != null}', { x: 0 }, true],
    ['${null == 0}', {}, false],
    ["${'a' eq 'a'}", {}, true],
    ["${'a' ne 'b'}", {}, true],
    ["${true == 'TRUE'}", {}, true],
    ["${false == 'yes'}", {}, true],
    ['${a == b}', { a: [1, { k: 'v' }], b: [1, { k: 'v' }] }, true],
    ['${a == b}', { a: { k: 1 }, b: { k: 2 } }, false],
    ["${status == 'open'}", { status: 'open' }, true],
    ["${status != 'open'}", { status: 'closed' }, true],
  ])('%s with %j is %j', (text, record, expected) => {
    // given / when
    const value = run(text, record);
    // then
    expect(value).toBe(expected);
  });

  it.each([["${'a' > 1}"], ["${1 == 'abc'}"], ['${true == 1}'], ['${a < b}']])('%s is an evaluation error', (text) => {
    // given
    const record = { a: { x: 1 }, b: { x: 2 } };
    // when
    const error = lzErrorOf(() => run(text, record));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
  });
});

describe('JUEL logic, empty and conditional', () => {
  it.each([
    ['${true and false}', {}, false],
    ['${true && true}', {}, true],
    ['${false or true}', {}, true],
    ['${false || false}', {}, false],
    ['${!x}', { x: 'true' }, false],
    ['${not x}', { x: null }, true],
    ["${x && 'TRUE'}", { x: true }, true],
    ['${false && unknownVariable}', {}, false],
    ['${true || unknownVariable}', {}, true],
    ['${empty x}', { x: null }, true],
    ["${empty ''}", {}, true],
    ['${empty x}', { x: [] }, true],
    ['${empty x}', { x: {} }, true],
    ['${empty x}', { x: new Map() }, true],
    ['${empty x}', { x: new Set() }, true],
    ['${empty x}', { x: [1] }, false],
    ['${empty x}', { x: { a: 1 } }, false],
    ['${empty x}', { x: 0 }, false],
    ['${not empty x}', { x: 'a' }, true],
    ["${x ? 'yes' : 'no'}", { x: true }, 'yes'],
    ["${x ? 'yes' : 'no'}", { x: null }, 'no'],
    ['${x ? 1 : unknownVariable}', { x: true }, 1],
  ])('%s with %j is %j', (text, record, expected) => {
    // given / when
    const value = run(text, record);
    // then
    expect(value).toBe(expected);
  });

  it('does not coerce a number to a boolean', () => {
    // given / when
    const error = lzErrorOf(() => run('${1 && true}'));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
  });
});

describe('JUEL precedence', () => {
  it.each([
    ['${1 + 2 * 3}', 7],
    ['${(1 + 2) * 3}', 9],
    ['${10 - 4 - 3}', 3],
    ['${2 * 3 % 4}', 2],
    ['${12 / 2 / 3}', 2],
    ['${-2 * 3}', -6],
    ['${1 + 2 < 4}', true],
    ['${1 < 2 == true}', true],
    ['${true || false && false}', true],
    ['${!true || true}', true],
    ['${true ? 1 : 0 + 10}', 1],
    ['${false ? 1 : true ? 2 : 3}', 2],
    ["${empty '' && true}", true],
    ['${not false == true}', true],
  ])('%s is %j', (text, expected) => {
    // given / when
    const value = run(text);
    // then
    expect(value).toBe(expected);
  });
});

describe('JUEL composite text', () => {
  it.each([
    ['My Task ${loopCounter}', { loopCounter: 0 }, 'My Task 0'],
    ['${a}-${b}', { a: 1, b: 'x' }, '1-x'],
    ['value: ${x}.', { x: null }, 'value: .'],
    ['#{a} and ${b}', { a: true, b: 2.5 }, 'true and 2.5'],
    ['\\${x} is ${x}', { x: 1 }, '${x} is 1'],
    ['\\#{x}', {}, '#{x}'],
    ['a } b ${x}', { x: 'c' }, 'a } b c'],
    ['list ${x}', { x: [1, 'a'] }, 'list [1,"a"]'],
    [' ${x} ', { x: 5 }, ' 5 '],
    ['just text', {}, 'just text'],
  ])('%s with %j renders %j', (text, record, expected) => {
    // given / when
    const value = run(text, record);
    // then
    expect(value).toBe(expected);
  });

  it('returns the raw value of a text that is a single expression', () => {
    // given
    const list = [1, 2];
    // when
    const value = run('${list}', { list });
    // then
    expect(value).toBe(list);
  });

  it('ignores whitespace around a single expression when asked', () => {
    // given
    const compiled = compileJuel('\n   ${x}\n ', { ignoreSurroundingWhitespace: true });
    // when
    const value = compiled.evaluate(vars({ x: 5 }));
    // then
    expect(value).toBe(5);
    expect(compiled.isSingleExpression).toBe(true);
  });

  it('marks a text without expressions as literal', () => {
    // given / when
    const compiled = compileJuel('price \\${x}');
    // then
    expect(compiled.isLiteral).toBe(true);
    expect(compiled.evaluate(vars())).toBe('price ${x}');
  });
});
