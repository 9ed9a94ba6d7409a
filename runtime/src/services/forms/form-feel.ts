import { compileFeel, type CompiledFeel } from '@liuzhuan/engine';

/**
 * form-js' FEEL: a property whose text starts with `=` is an expression evaluated against the
 * form's data (conditional.hide, expression components, validate.min = "=…", valuesExpression);
 * anything else is its literal value. The engine's FEEL (feelin) evaluates it, as form-js does.
 */
const cache = new Map<string, CompiledFeel | Error>();
const CACHE_MAX = 2000;

function compiled(source: string): CompiledFeel | Error {
  let c = cache.get(source);
  if (!c) {
    try {
      c = compileFeel(source);
    } catch (e) {
      c = e instanceof Error ? e : new Error(String(e));
    }
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(source, c);
  }
  return c;
}

export function isFeel(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('=');
}

/** the value of `=expr` in `data`; throws when the expression is broken or fails */
export function evaluateFeel(text: string, data: Record<string, unknown>): unknown {
  const c = compiled(text.slice(1));
  if (c instanceof Error) throw c;
  return c.evaluate({ has: (n) => Object.hasOwn(data, n), get: (n) => data[n] });
}

/** a literal as it is, an expression evaluated; `fallback` when the expression fails */
export function feelValue(v: unknown, data: Record<string, unknown>, fallback: unknown = undefined): unknown {
  if (!isFeel(v)) return v;
  try {
    return evaluateFeel(v, data);
  } catch {
    return fallback;
  }
}

/** form-js hides a component when its `conditional.hide` evaluates to true (a failing one hides nothing) */
export function isHiddenByCondition(hide: unknown, data: Record<string, unknown>): boolean {
  if (typeof hide !== 'string' || hide.trim() === '') return false;
  return feelValue(isFeel(hide) ? hide : `=${hide}`, data, false) === true;
}
