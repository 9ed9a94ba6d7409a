/**
 * Functions the embedder registers (`EngineOptions.expressionFunctions`) that every FEEL and
 * JUEL expression the engine evaluates may call by bare name: FEEL `manager(initiator, 2)`,
 * JUEL `${usersWithRole('finance')}`. The runtime's organisation model plugs in here.
 *
 * They are synchronous because expressions are evaluated inside a command, between loading
 * the rows and writing them in one batch; a lookup that has to wait belongs in a service
 * task. A throw fails the expression with LZ_ERR_EXPRESSION_EVAL naming the function, so
 * the command rolls back like any other evaluation error.
 */
import { LzError } from '../errors.ts';
import { evalError } from './source-errors.ts';

export type ExpressionFunction = (...args: unknown[]) => unknown;

/** the registered functions by name, as expressions see them */
export type ExpressionFunctions = ReadonlyMap<string, ExpressionFunction>;

export const NO_FUNCTIONS: ExpressionFunctions = new Map();

/** a name both languages can call bare: a JUEL identifier (FEEL names are a superset) */
const NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/** JUEL keywords and literals cannot be called; FEEL's `not`, `if`, … would not parse either */
const RESERVED = new Set([
  'true', 'false', 'null', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'div', 'mod', 'empty', 'instanceof',
  'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies', 'between', 'function', 'execution',
]);

/** Checks what an embedder passed as `expressionFunctions` and returns it as a map. */
export function registerFunctions(record: Record<string, ExpressionFunction> | undefined): ExpressionFunctions {
  const out = new Map<string, ExpressionFunction>();
  for (const [name, fn] of Object.entries(record ?? {})) {
    if (!NAME.test(name) || RESERVED.has(name)) {
      throw new LzError('LZ_ERR_BAD_REQUEST', `expressionFunctions: '${name}' cannot be used as a function name (a plain identifier that is not a keyword)`);
    }
    if (typeof fn !== 'function') throw new LzError('LZ_ERR_BAD_REQUEST', `expressionFunctions: '${name}' is not a function`);
    out.set(name, fn);
  }
  return out;
}

/** Calls a registered function for `source`; failures name the function and its message. */
export function callFunction(source: string, name: string, fn: ExpressionFunction, args: readonly unknown[]): unknown {
  let result: unknown;
  try {
    result = fn(...args);
  } catch (e) {
    throw evalError(source, `function '${name}' failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (isThenable(result)) {
    // swallow the rejection: the expression has already failed with a clear message
    (result as Promise<unknown>).then(undefined, () => undefined);
    throw evalError(source, `function '${name}' returned a promise; expression functions must be synchronous`);
  }
  return result === undefined ? null : result;
}

/** An unregistered name called as a function (JUEL; FEEL yields null as its spec says). */
export function unknownFunction(source: string, name: string, part?: string): LzError {
  return evalError(source, `function '${name}' is not registered with the engine (EngineOptions.expressionFunctions)`, part);
}

function isThenable(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
