import { describe, expect, it } from 'vitest';
import { LzError } from '../../src/errors.ts';
import { compileExpression, registerFunctions, type ExpressionFunctions, type VariableContext } from '../../src/expressions/index.ts';
import { lzErrorOf } from '../expressions/helpers.ts';

// Registered expression functions (EngineOptions.expressionFunctions) at the expression layer:
// how JUEL and FEEL call them, convert their arguments and results, and report their failures.

const ORG: Record<string, string> = { erin: 'mia', mia: 'olga', olga: 'ceo' };

const functions: ExpressionFunctions = registerFunctions({
  manager: (user, levels = 1) => {
    let u = String(user);
    for (let i = 0; i < Number(levels); i++) u = ORG[u] ?? u;
    return u;
  },
  usersWithRole: (role) => (role === 'finance' ? ['fay', 'finn'] : []),
  deptHead: (dept) => `${String(dept)}-head`,
  describeArgs: (...args) => args.map((a) => (a instanceof Date ? `date:${a.toISOString()}` : `${typeof a}:${JSON.stringify(a)}`)).join('|'),
  startOfYear: () => new Date(Date.UTC(2026, 0, 1)),
  broken: () => {
    throw new Error('directory is offline');
  },
  later: () => Promise.resolve('x'),
  nothing: () => undefined,
});

function ctx(record: Record<string, unknown>, fns: ExpressionFunctions | undefined = functions): VariableContext {
  return { has: (n) => Object.hasOwn(record, n), get: (n) => record[n], functions: fns };
}

function run(text: string, record: Record<string, unknown> = {}, fns?: ExpressionFunctions): unknown {
  return compileExpression(text).evaluate(ctx(record, fns ?? functions));
}

describe('expression functions in JUEL', () => {
  it.each([
    ['${manager(initiator)}', { initiator: 'erin' }, 'mia'],
    ['${manager(initiator, 2)}', { initiator: 'erin' }, 'olga'],
    ["${deptHead('sales')}", {}, 'sales-head'],
    ["${usersWithRole('finance')}", {}, ['fay', 'finn']],
    ["${manager(manager(initiator)) == 'olga'}", { initiator: 'erin' }, true],
    ["${empty usersWithRole('nobody')}", {}, true],
    ["Approver: ${manager(initiator)}", { initiator: 'erin' }, 'Approver: mia'],
    ['${nothing()}', {}, null],
  ])('%s with %j is %j', (text, record, expected) => {
    // given / when
    const value = run(text, record);
    // then
    expect(value).toEqual(expected);
  });

  it('does not count the called name as a variable it reads', () => {
    // given / when
    const compiled = compileExpression("${manager(initiator) == boss && deptHead('x') != ''}");
    // then
    expect(compiled.variableNames).toEqual(expect.arrayContaining(['initiator', 'boss']));
    expect(compiled.variableNames).not.toContain('manager');
    expect(compiled.functionNames).toEqual(['manager', 'deptHead']);
  });

  it('calls the function even when a variable has the same name', () => {
    // given / when
    const value = run('${manager(initiator)}', { initiator: 'erin', manager: 'someone else' });
    // then
    expect(value).toBe('mia');
  });

  it('fails with LZ_ERR_EXPRESSION_EVAL naming a function that throws and its message', () => {
    // given / when
    const error = lzErrorOf(() => run('${broken(initiator)}', { initiator: 'erin' }));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    expect(error.message).toContain("function 'broken' failed: directory is offline");
    expect(error.message).toContain('${broken(initiator)}');
  });

  it('fails on a name the engine has not registered, saying so', () => {
    // given / when
    const error = lzErrorOf(() => run("${managr('erin')}"));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    expect(error.message).toContain("function 'managr' is not registered");
  });

  it('refuses a function that answers with a promise', () => {
    // given / when
    const error = lzErrorOf(() => run('${later()}'));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    expect(error.message).toContain("function 'later' returned a promise");
  });

  it('still rejects method calls and prefixed EL functions at parse time', () => {
    // given / when
    const method = lzErrorOf(() => compileExpression('${user.manager()}'));
    const prefixed = lzErrorOf(() => compileExpression('${org:manager(a)}'));
    // then
    expect(method.code).toBe('LZ_ERR_EXPRESSION_UNSUPPORTED');
    expect(prefixed.code).toBe('LZ_ERR_EXPRESSION_UNSUPPORTED');
  });

  it('reports an unclosed argument list as a syntax error', () => {
    // given / when
    const error = lzErrorOf(() => compileExpression('${manager(a, }'));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_SYNTAX');
  });
});

describe('expression functions in FEEL', () => {
  it.each([
    ['=manager(initiator)', { initiator: 'erin' }, 'mia'],
    ['=manager(initiator, 2)', { initiator: 'erin' }, 'olga'],
    ['=deptHead("sales")', {}, 'sales-head'],
    ['=usersWithRole("finance")', {}, ['fay', 'finn']],
    ['=count(usersWithRole("finance")) = 2', {}, true],
    ['=manager(manager(initiator)) = "olga"', { initiator: 'erin' }, true],
    ['=for u in usersWithRole("finance") return manager(u)', {}, ['fay', 'finn']],
    ['=startOfYear() < date and time("2026-06-01T00:00:00Z")', {}, true],
    ['=nothing() = null', {}, true],
  ])('%s with %j is %j', (text, record, expected) => {
    // given / when
    const value = run(text, record);
    // then
    expect(value).toEqual(expected);
  });

  it('passes arguments as plain JS values', () => {
    // given / when
    const value = run('=describeArgs(1, "a", [1, 2], {k: true}, null, date and time("2026-01-05T09:00:00Z"))');
    // then
    expect(value).toBe('number:1|string:"a"|object:[1,2]|object:{"k":true}|object:null|date:2026-01-05T09:00:00.000Z');
  });

  it('calls the function even when a variable has the same name', () => {
    // given / when
    const value = run('=manager(initiator)', { initiator: 'erin', manager: 'someone else' });
    // then
    expect(value).toBe('mia');
  });

  it('lets a registered function win over a FEEL builtin of the same name', () => {
    // given
    const own = registerFunctions({ count: () => 42 });
    // when
    const value = run('=count([1, 2])', {}, own);
    // then
    expect(value).toBe(42);
  });

  it('fails with LZ_ERR_EXPRESSION_EVAL naming a function that throws and its message', () => {
    // given / when
    const error = lzErrorOf(() => run('=broken(initiator)', { initiator: 'erin' }));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    expect(error.message).toContain("function 'broken' failed: directory is offline");
  });

  it('keeps FEEL semantics for an unregistered name: null', () => {
    // given / when
    const value = run('=managr("erin")');
    // then
    expect(value).toBeNull();
  });
});

describe('registering expression functions', () => {
  it.each([['not a name'], ['1st'], ['empty'], ['execution'], ['a-b']])('refuses the name %j', (name) => {
    // given / when
    const error = lzErrorOf(() => registerFunctions({ [name]: () => 1 }));
    // then
    expect(error).toBeInstanceOf(LzError);
    expect(error.code).toBe('LZ_ERR_BAD_REQUEST');
    expect(error.message).toContain(name);
  });

  it('refuses a value that is not a function', () => {
    // given / when
    const error = lzErrorOf(() => registerFunctions({ manager: 'mia' as unknown as () => unknown }));
    // then
    expect(error.code).toBe('LZ_ERR_BAD_REQUEST');
  });
});
