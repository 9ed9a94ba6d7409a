import { LzError } from '../../src/errors.ts';
import type { VariableContext } from '../../src/expressions/index.ts';

/** A variable context over a plain record (own keys only). */
export function vars(record: Record<string, unknown> = {}): VariableContext {
  return {
    has: (name) => Object.hasOwn(record, name),
    get: (name) => record[name],
  };
}

/** Runs `fn` and returns the LzError it throws; fails when it throws nothing or something else. */
export function lzErrorOf(fn: () => unknown): LzError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LzError) return e;
    throw e;
  }
  throw new Error('expected an LzError, but nothing was thrown');
}
