import { LzError } from '../errors.ts';

/** Camunda's primitive variable types, plus Json for structured values. */
export type VariableType = 'String' | 'Boolean' | 'Integer' | 'Long' | 'Double' | 'Date' | 'Json' | 'Null';

export const VARIABLE_TYPES: readonly VariableType[] = ['String', 'Boolean', 'Integer', 'Long', 'Double', 'Date', 'Json', 'Null'];

/** A value with an explicit type, e.g. `typedValue('Long', 5)` so a small number stays a Long. */
export interface TypedValue {
  readonly $lzType: VariableType;
  readonly value: unknown;
}

export function typedValue(type: VariableType, value: unknown): TypedValue {
  return { $lzType: type, value };
}

function isTyped(v: unknown): v is TypedValue {
  return typeof v === 'object' && v !== null && '$lzType' in v;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const MAX_DEPTH = 64;
const MAX_JSON_CHARS = 4 * 1024 * 1024;

/** What goes into the jsonb column, and the type beside it. */
export interface StoredValue {
  type: VariableType;
  value: unknown;
}

/** Infer or check a value's type and turn it into what we store. Rejects what cannot round-trip. */
export function toStored(name: string, input: unknown): StoredValue {
  if (isTyped(input)) return checkTyped(name, input.$lzType, input.value);
  return checkTyped(name, inferType(input), input);
}

function inferType(v: unknown): VariableType {
  if (v === null || v === undefined) return 'Null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'bigint') return 'Long';
  if (typeof v === 'number') return Number.isInteger(v) ? (v >= INT_MIN && v <= INT_MAX ? 'Integer' : 'Long') : 'Double';
  if (v instanceof Date) return 'Date';
  return 'Json';
}

function bad(name: string, why: string): never {
  throw new LzError('LZ_ERR_VARIABLE_INVALID', `variable '${name}': ${why}`);
}

function checkTyped(name: string, type: VariableType, v: unknown): StoredValue {
  checkName(name);
  switch (type) {
    case 'Null':
      if (v !== null && v !== undefined) bad(name, 'a Null variable must have the value null');
      return { type, value: null };
    case 'String':
      if (typeof v !== 'string') bad(name, `expected a string, got ${typeof v}`);
      checkText(name, v);
      return { type, value: v };
    case 'Boolean':
      if (typeof v !== 'boolean') bad(name, `expected a boolean, got ${typeof v}`);
      return { type, value: v };
    case 'Integer':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < INT_MIN || v > INT_MAX) bad(name, `expected a 32-bit integer, got ${String(v)}`);
      return { type, value: v };
    case 'Long': {
      if (typeof v === 'bigint') return { type, value: Number.isSafeInteger(Number(v)) ? Number(v) : v.toString() };
      if (typeof v === 'string' && /^-?\d{1,19}$/.test(v)) return { type, value: Number.isSafeInteger(Number(v)) ? Number(v) : v };
      if (typeof v !== 'number' || !Number.isInteger(v)) bad(name, `expected a whole number, got ${String(v)}`);
      return { type, value: v };
    }
    case 'Double':
      if (typeof v !== 'number' || !Number.isFinite(v)) bad(name, `expected a finite number, got ${String(v)}`);
      return { type, value: v };
    case 'Date': {
      const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
      if (!d || Number.isNaN(d.getTime())) bad(name, `expected a date, got ${String(v)}`);
      return { type, value: d.toISOString() };
    }
    case 'Json': {
      checkJson(name, v, 0);
      const text = JSON.stringify(v);
      if (text === undefined) bad(name, 'value cannot be stored as JSON');
      if (text.length > MAX_JSON_CHARS) bad(name, `JSON value larger than ${MAX_JSON_CHARS} characters`);
      return { type, value: JSON.parse(text) as unknown };
    }
  }
}

const NAME = /^[^\u0000-\u001f]{1,255}$/u;

function checkName(name: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) bad(String(name).slice(0, 40), 'a variable name must be 1–255 characters without control characters');
}

/** PostgreSQL text and jsonb refuse NUL and unpaired surrogates; refuse them up front. */
function checkText(name: string, s: string): void {
  if (s.includes('\u0000')) bad(name, 'text must not contain the NUL character');
  if (!s.isWellFormed()) bad(name, 'text contains an unpaired UTF-16 surrogate');
}

function checkJson(name: string, v: unknown, depth: number): void {
  if (depth > MAX_DEPTH) bad(name, `JSON nested deeper than ${MAX_DEPTH} levels`);
  if (v === null || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) bad(name, 'JSON numbers must be finite');
    return;
  }
  if (typeof v === 'string') return checkText(name, v);
  if (v instanceof Date) return;
  if (Array.isArray(v)) {
    for (const x of v) checkJson(name, x, depth + 1);
    return;
  }
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      checkText(name, k);
      if (x !== undefined) checkJson(name, x, depth + 1);
    }
    return;
  }
  bad(name, `a ${typeof v} cannot be stored`);
}

/** The JavaScript value of a stored variable. */
export function fromStored(type: string, value: unknown): unknown {
  if (type === 'Date' && typeof value === 'string') return new Date(value);
  if (type === 'Long' && typeof value === 'string') return BigInt(value);
  return value ?? null;
}
