import { describe, it, expect } from 'vitest';
import { compileCondition, compileExpression, isFeelLanguage } from '../../src/expressions/index.ts';
import { lzErrorOf, vars } from './helpers.ts';

describe('compileExpression dispatch', () => {
  it.each([
    ['${x + 1}', undefined, 'juel', 3],
    ['${x + 1}', null, 'juel', 3],
    ['${x + 1}', 'juel', 'juel', 3],
    ['${x + 1}', 'JUEL', 'juel', 3],
    ['#{x + 1}', 'http://www.w3.org/1999/XPath', 'juel', 3],
    ['=x + 1', undefined, 'feel', 3],
    ['  =x + 1', 'juel', 'feel', 3],
    ['x + 1', 'feel', 'feel', 3],
    ['=x + 1', 'FEEL', 'feel', 3],
    ['x + 1', 'http://www.omg.org/spec/FEEL/20140401', 'feel', 3],
    ['x + 1', 'https://www.omg.org/spec/DMN/20191111/FEEL/', 'feel', 3],
    ['x + 1', undefined, 'literal', 'x + 1'],
  ])('%j with language %j is %s', (text, language, expected, value) => {
    // given / when
    const compiled = compileExpression(text, { language });
    // then
    expect(compiled.language).toBe(expected);
    expect(compiled.source).toBe(text);
    expect(compiled.evaluate(vars({ x: 2 }))).toBe(value);
  });

  it('returns the text of a literal', () => {
    // given / when
    const compiled = compileExpression('kermit');
    // then
    expect(compiled.isLiteral).toBe(true);
    expect(compiled.variableNames).toEqual([]);
    expect(compiled.evaluate(vars())).toBe('kermit');
  });

  it('evaluates a single JUEL expression to its value and a composite to a string', () => {
    // given
    const context = vars({ assignee: 'fozzie', loopCounter: 2, items: [1, 2] });
    // when
    const assignee = compileExpression('${assignee}').evaluate(context);
    const name = compileExpression('My Task ${loopCounter}').evaluate(context);
    const cardinality = compileExpression('\n  ${items}\n').evaluate(context);
    // then
    expect(assignee).toBe('fozzie');
    expect(name).toBe('My Task 2');
    expect(cardinality).toEqual([1, 2]);
  });

  it('reports the variables an expression reads', () => {
    // given / when
    const juel = compileExpression('${a > b}');
    const feel = compileExpression('=a > b');
    // then
    expect(juel.variableNames).toEqual(['a', 'b']);
    expect(feel.variableNames).toEqual(['a', 'b']);
    expect(juel.isLiteral).toBe(false);
    expect(feel.isLiteral).toBe(false);
  });

  it('treats the execution identifier as an ordinary variable', () => {
    // given
    const context = vars({ execution: { processBusinessKey: 'bk-1' } });
    // when
    const value = compileExpression('#{execution.processBusinessKey}').evaluate(context);
    // then
    expect(value).toBe('bk-1');
  });

  it.each([['groovy'], ['javascript'], ['python']])('rejects the %s language', (language) => {
    // given / when
    const error = lzErrorOf(() => compileExpression('x > 1', { language }));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_UNSUPPORTED');
    expect(error.message).toContain(language);
  });

  it('propagates syntax errors of either language', () => {
    // given / when
    const juel = lzErrorOf(() => compileExpression('${a +}'));
    const feel = lzErrorOf(() => compileExpression('=a +'));
    const bare = lzErrorOf(() => compileExpression('='));
    // then
    expect(juel.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
    expect(feel.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
    expect(bare.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
  });
});

describe('isFeelLanguage', () => {
  it.each([
    ['feel', true],
    ['FEEL', true],
    ['http://www.omg.org/spec/FEEL/20140401', true],
    ['https://www.omg.org/spec/DMN/20191111/FEEL/', true],
    ['http://www.omg.org/spec/DMN/20180521/FEEL/', true],
    ['juel', false],
    ['http://www.w3.org/1999/XPath', false],
    [null, false],
    [undefined, false],
  ])('%j is %j', (language, expected) => {
    // given / when / then
    expect(isFeelLanguage(language)).toBe(expected);
  });
});

describe('compileCondition', () => {
  it('trims whitespace and newlines around a CDATA condition', () => {
    // given
    const condition = compileCondition('\n      ${input <= 1}\n    ');
    // when
    const small = condition.evaluate(vars({ input: 1 }));
    const large = condition.evaluate(vars({ input: 2 }));
    // then
    expect(small).toBe(true);
    expect(large).toBe(false);
    expect(condition.isLiteral).toBe(false);
  });

  it('evaluates the multi-instance completion condition', () => {
    // given
    const condition = compileCondition('${nrOfCompletedInstances/nrOfInstances >= 0.5}');
    // when
    const value = condition.evaluate(vars({ nrOfCompletedInstances: 3, nrOfInstances: 5 }));
    // then
    expect(value).toBe(true);
  });

  it('evaluates a Zeebe FEEL condition', () => {
    // given
    const condition = compileCondition('=amount > 1000');
    // when
    const value = condition.evaluate(vars({ amount: 1500 }));
    // then
    expect(value).toBe(true);
    expect(condition.language).toBe('feel');
  });

  it('rejects a literal as a condition', () => {
    // given / when
    const error = lzErrorOf(() => compileCondition('approved'));
    const escaped = lzErrorOf(() => compileCondition('\\${approved}'));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
    expect(error.message).toContain('condition is not an expression');
    expect(escaped.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
  });

  it.each([
    ['${x}', { x: 'true' }],
    ['${x}', { x: null }],
    ['${x + 1}', { x: 1 }],
    ['is ${x}', { x: true }],
    ['=missing', {}],
  ])('%s with %j is not a boolean', (text, record) => {
    // given
    const condition = compileCondition(text);
    // when
    const error = lzErrorOf(() => condition.evaluate(vars(record)));
    // then
    expect(error.code).toBe('LZ_ERR_CONDITION_NOT_BOOLEAN');
  });

  it('passes unknown variables through as LZ_ERR_UNKNOWN_VARIABLE for JUEL', () => {
    // given
    const condition = compileCondition('${approved}');
    // when
    const error = lzErrorOf(() => condition.evaluate(vars()));
    // then
    expect(error.code).toBe('LZ_ERR_UNKNOWN_VARIABLE');
  });
});
