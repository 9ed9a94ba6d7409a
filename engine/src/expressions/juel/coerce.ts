/**
 * EL 2.2 coercion and operator rules (spec sections 1.7–1.9 and 1.18), mapped onto JS values.
 *
 * JS has one number type, so "Long" means a JS number that is an integer and "Double" one that
 * is not (or a String containing `.`, `e` or `E`, as the spec says for arithmetic). Values that
 * cannot be coerced throw a {@link CoercionError}; the evaluator turns it into
 * LZ_ERR_EXPRESSION_EVAL with the expression text.
 */

export class CoercionError extends Error {
  override readonly name = 'CoercionError';
}

const INTEGER_TEXT = /^[+-]?[0-9]+$/;
const DECIMAL_TEXT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`;
  }
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'function') return 'a function';
  return 'an object';
}

function isNumeric(v: unknown): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** "Float or Double": a non-integral JS number. */
function isDecimalNumber(v: unknown): boolean {
  return typeof v === 'number' && !Number.isInteger(v);
}

/** For arithmetic: a Double, or a String containing `.`, `e` or `E`. */
function isDecimalLike(v: unknown): boolean {
  return isDecimalNumber(v) || (typeof v === 'string' && /[.eE]/.test(v));
}

function noMinusZero(n: number): number {
  return n === 0 ? 0 : n;
}

/** Coerce to Number (EL 1.18.3). `integer` demands a Long, which a decimal string is not. */
export function toNumber(v: unknown, integer: boolean): number {
  if (v === null || v === undefined || v === '') return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const text = integer ? v : v.trim();
    if ((integer ? INTEGER_TEXT : DECIMAL_TEXT).test(text)) return Number(text);
    const target = integer && DECIMAL_TEXT.test(text.trim()) ? 'an integer' : 'a number';
    throw new CoercionError(`cannot coerce ${describe(v)} to ${target}`);
  }
  throw new CoercionError(`cannot coerce ${describe(v)} to a number`);
}

/** Coerce to Boolean (EL 1.18.5): null and "" are false, strings are true when "true" in any case. */
export function toBoolean(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.toLowerCase() === 'true';
  throw new CoercionError(`cannot coerce ${describe(v)} to a boolean`);
}

/**
 * Coerce to String (EL 1.18.2). null renders as "". Dates render as ISO-8601 and lists or
 * objects as JSON (Java would call toString(), which has no JS equivalent worth copying).
 */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (typeof v === 'object') {
    try {
      const json = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
      if (json !== undefined) return json;
    } catch {
      // cyclic or otherwise unserialisable: fall through
    }
  }
  return String(v);
}

/** `+ - *` (EL 1.7.1) and `%` (1.7.3); `/` is {@link divide}. */
export function arithmetic(op: '+' | '-' | '*' | '%', a: unknown, b: unknown): number {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return 0;
  const decimal = isDecimalLike(a) || isDecimalLike(b);
  const x = toNumber(a, !decimal);
  const y = toNumber(b, !decimal);
  switch (op) {
    case '+':
      return noMinusZero(x + y);
    case '-':
      return noMinusZero(x - y);
    case '*':
      return noMinusZero(x * y);
    case '%':
      if (!decimal && y === 0) throw new CoercionError('division by zero in integer remainder');
      return noMinusZero(x % y);
  }
}

/** `/` and `div` (EL 1.7.2): always floating point, so 3/5 is 0.6 and 1/0 is Infinity. */
export function divide(a: unknown, b: unknown): number {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return 0;
  return noMinusZero(toNumber(a, false) / toNumber(b, false));
}

/** Unary minus (EL 1.7.5). */
export function negate(a: unknown): number {
  if (a === null || a === undefined) return 0;
  if (typeof a === 'boolean') throw new CoercionError(`cannot negate ${describe(a)}`);
  return noMinusZero(-toNumber(a, !isDecimalLike(a)));
}

/**
 * Numeric coercion for comparisons. EL would coerce the other side to Long when one side is an
 * integer, rejecting "1.5"; with a single JS number type that distinction is not meaningful, so
 * any numeric string is accepted here.
 */
function toComparableNumber(v: unknown): number {
  return toNumber(v, false);
}

/** `< > <= >=` (EL 1.8.1). A null operand makes every comparison false. */
export function compare(op: '<' | '>' | '<=' | '>=', a: unknown, b: unknown): boolean {
  if (a === b && (op === '<=' || op === '>=')) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  let c: number;
  if (isNumeric(a) || isNumeric(b)) {
    const x = toComparableNumber(a);
    const y = toComparableNumber(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    c = x < y ? -1 : x > y ? 1 : 0;
  } else if (typeof a === 'string' || typeof b === 'string') {
    const x = toText(a);
    const y = toText(b);
    c = x < y ? -1 : x > y ? 1 : 0;
  } else if (typeof a === 'boolean' && typeof b === 'boolean') {
    c = Number(a) - Number(b);
  } else if (a instanceof Date && b instanceof Date) {
    c = a.getTime() - b.getTime();
  } else {
    throw new CoercionError(`cannot compare ${describe(a)} with ${describe(b)}`);
  }
  switch (op) {
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
  }
}

/** `== !=` (EL 1.8.2): true when a equals b. */
export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (isNumeric(a) || isNumeric(b)) return toComparableNumber(a) === toComparableNumber(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (typeof a === 'string' || typeof b === 'string') return toText(a) === toText(b);
  return deepEquals(a, b, 0);
}

/** Structural equality of lists, maps and objects (Java's List/Map equals), dates by instant. */
function deepEquals(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > 100 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEquals(x, b[i], depth + 1));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEquals(v, b.get(k), depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && deepEquals(ra[k], rb[k], depth + 1));
}

/** `empty` (EL 1.10): null, "", an empty list, map, set or object with no own properties. */
export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map || v instanceof Set) return v.size === 0;
  if (typeof v === 'object' && !(v instanceof Date)) {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) return Object.keys(v).length === 0;
  }
  return false;
}
