/**
 * FEEL expressions through the `feelin` package.
 *
 * - {@link compileFeel} parses the text once (with an empty context) to reject syntax errors
 *   and to find the variable names it reads. feelin offers no way to evaluate a parsed tree, and
 *   its parse depends on the context (names may contain spaces), so each evaluation hands the
 *   text to feelin again together with a context holding just those variables.
 * - Missing variables evaluate to null, as FEEL defines; feelin's warnings are not errors.
 *   Exceptions thrown by feelin become LZ_ERR_EXPRESSION_EVAL.
 * - Results are converted to plain JS: numbers, strings, booleans, null, arrays and plain
 *   objects. A FEEL `date and time` becomes a JS `Date` (a local one, without zone, is read as
 *   UTC); a `date` becomes `"YYYY-MM-DD"`, a `time` its ISO text (`"10:30:00"`, `"10:30:00Z"`),
 *   a `duration` its ISO-8601 text (`"P1D"`, `"P1Y2M"`). A range becomes
 *   `{ start, end, startIncluded, endIncluded }`; a function value is an evaluation error.
 * - A name called as a function that the engine has registered (VariableContext.functions)
 *   is put into feelin's context as a JS function: feelin looks names up in the context before
 *   its builtins, so a registered function wins over a builtin and over a variable of the same
 *   name. Arguments arrive as feelin values and are converted like results ({@link fromFeel});
 *   what the function returns goes back through feelin's `toFeel` (a JS Date becomes a
 *   `date and time`). An unregistered name that is no builtin evaluates to null, as FEEL says.
 */
import {
  compileEvaluator,
  FeelDate,
  FeelDateTime,
  FeelDuration,
  FeelFunction,
  FeelRange,
  FeelTime,
  parseExpression,
  SyntaxError as FeelSyntaxError,
  toFeel,
} from 'feelin';
import { LzError } from '../errors.ts';
import { callFunction, type ExpressionFunction } from './functions.ts';
import { evalError, syntaxError } from './source-errors.ts';
import type { VariableContext } from './variable-context.ts';

export const MAX_FEEL_LENGTH = 10_000;

export interface CompiledFeel {
  readonly source: string;
  /** variables the expression reads (names bound by for/some/every/function excluded) */
  readonly variableNames: readonly string[];
  /** names called as functions (builtins such as `count` included) */
  readonly functionNames: readonly string[];
  evaluate(vars: VariableContext): unknown;
}

interface Analysis {
  /** names of VariableName nodes that are not function names or bound iteration names */
  readonly variables: string[];
  /** names in the callee position of a FunctionInvocation */
  readonly functions: string[];
  /** every VariableName text, looked up in the context at evaluation */
  readonly candidates: string[];
}

/** Parses a FEEL expression once; throws LZ_ERR_EXPRESSION_SYNTAX for invalid text. */
export function compileFeel(source: string): CompiledFeel {
  const { variables, functions } = analyse(source);
  let compiled: ((ctx: Record<string, unknown>) => { value: unknown }) | null = null;
  return {
    source,
    variableNames: variables,
    functionNames: functions,
    evaluate: (vars) => {
      // built once, on first use: feelin's parse and execution tree (patched in, see
      // patches/feelin@8.2.0.patch) are reused for every evaluation; the parse depends on the
      // context's keys, so the called names are among them as every evaluation may bind them
      compiled ??= compileEvaluator(source, Object.fromEntries([...variables, ...functions].map((n) => [n, null])));
      return evaluateFeel(source, variables, functions, vars, compiled);
    },
  };
}

function analyse(source: string): Analysis {
  if (source.length > MAX_FEEL_LENGTH) {
    throw syntaxError(source, MAX_FEEL_LENGTH, `expression is longer than ${MAX_FEEL_LENGTH} characters`);
  }
  if (source.trim() === '') throw syntaxError(source, 0, 'empty FEEL expression');
  let tree;
  try {
    tree = parseExpression(source, {}, undefined);
  } catch (e) {
    throw syntaxError(source, 0, `invalid FEEL expression (${e instanceof Error ? e.message : String(e)})`);
  }
  let errorAt = -1;
  const all = new Set<string>();
  const bound = new Set<string>();
  const functions = new Set<string>();
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        if (errorAt < 0) errorAt = node.from;
        return false;
      }
      const text = source.slice(node.from, node.to);
      if (node.name === 'VariableName') {
        all.add(text);
        if (node.node.parent?.name === 'FunctionInvocation' && node.node.prevSibling === null) functions.add(text);
      } else if (node.name === 'Name' && (node.node.parent?.name === 'InExpression' || node.node.parent?.name === 'ParameterName')) {
        bound.add(text);
      }
      return undefined;
    },
  });
  if (errorAt >= 0) {
    const bad = source.slice(errorAt, errorAt + 1);
    throw syntaxError(source, errorAt, bad.trim() === '' ? 'incomplete FEEL expression' : `unexpected '${bad}' in FEEL expression`);
  }
  const variables = [...all].filter((n) => !bound.has(n) && !functions.has(n));
  return { variables, functions: [...functions].filter((n) => !bound.has(n)), candidates: [...all] };
}

function evaluateFeel(
  source: string,
  names: readonly string[],
  called: readonly string[],
  vars: VariableContext,
  compiled: (ctx: Record<string, unknown>) => { value: unknown },
): unknown {
  const context: Record<string, unknown> = {};
  try {
    // every name the expression reads is present (null when missing, as FEEL defines)
    for (const name of names) context[name] = vars.has(name) ? (vars.get(name) ?? null) : null;
  } catch (e) {
    throw evalError(source, `reading variables failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const name of called) {
    const fn = vars.functions?.get(name);
    if (fn !== undefined) context[name] = feelFunction(source, name, fn);
  }
  let value: unknown;
  try {
    value = compiled(context).value;
  } catch (e) {
    if (e instanceof LzError) throw e;
    if (e instanceof FeelSyntaxError) throw syntaxError(source, e.position?.from ?? 0, e.message);
    throw evalError(source, e instanceof Error ? e.message : String(e));
  }
  return fromFeel(source, value, 0);
}

/**
 * A registered function as feelin calls it: positional arguments of any number (`$args` is
 * how feelin learns parameter names without parsing the function's source), converted to
 * plain JS on the way in and to feelin values on the way out.
 */
function feelFunction(source: string, name: string, fn: ExpressionFunction): (...args: unknown[]) => unknown {
  const wrapped = (...args: unknown[]): unknown =>
    toFeelDeep(source, callFunction(source, name, fn, args.map((a) => fromFeel(source, a, 0))), 0);
  return Object.assign(wrapped, { $args: ['...args'] });
}

function toFeelDeep(source: string, value: unknown, depth: number): unknown {
  if (depth > 200) throw evalError(source, 'a function result is nested too deeply');
  if (Array.isArray(value)) return value.map((v) => toFeelDeep(source, v, depth + 1));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toFeelDeep(source, v, depth + 1)]));
  }
  return toFeel(value);
}

/** Converts a feelin result to plain JS values (see the module comment). */
export function fromFeel(source: string, value: unknown, depth: number): unknown {
  if (depth > 200) throw evalError(source, 'result is nested too deeply');
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof FeelDateTime) {
    const instant = value.value.toZonedDateTime(value.zone ?? 'UTC');
    return new Date(instant.epochMilliseconds);
  }
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDuration) return value.iso;
  if (value instanceof FeelRange) {
    return {
      start: fromFeel(source, value.start, depth + 1),
      end: fromFeel(source, value.end, depth + 1),
      startIncluded: value['start included'],
      endIncluded: value['end included'],
    };
  }
  if (value instanceof FeelFunction || typeof value === 'function') {
    throw evalError(source, 'the result is a function, which is not a value');
  }
  if (Array.isArray(value)) return value.map((v) => fromFeel(source, v, depth + 1));
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value; // a caller's object passed through
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromFeel(source, v, depth + 1);
    return out;
  }
  if (typeof value === 'bigint') return value;
  return null;
}
