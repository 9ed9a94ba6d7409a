import { feelValue } from './form-feel.ts';
import { isPlainObject, type FormComponent } from './form-types.ts';

/**
 * The rules of one form-js value field, as form-js' viewer Validator applies them in the browser
 * (its messages too), plus the type each component stores — the server cannot trust a client
 * that skipped them.
 */

// WHATWG HTML "valid e-mail address" (the browser's own type=email rule)
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// form-js asks for an international number (+ or 00, country code, subscriber number); ITU-T E.164
// caps it at 15 digits. form-js lists the country codes one by one; we check the length only.
const PHONE = /^(?:\+|00)[1-9]\d{6,14}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

const TEXT = new Set(['textfield', 'textarea']);
const SINGLE = new Set(['radio', 'select']);
const MULTI = new Set(['checklist', 'taglist']);

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** the allowed option values: static `values`, else the list at `valuesKey` or `valuesExpression`; null = unknown */
export function optionValues(c: FormComponent, data: Record<string, unknown>): unknown[] | null {
  let list: unknown;
  if (Array.isArray(c.values) && c.values.length > 0) list = c.values;
  else if (typeof c.valuesKey === 'string' && c.valuesKey) list = data[c.valuesKey];
  else if (typeof c.valuesExpression === 'string') list = feelValue(c.valuesExpression, data, null);
  if (!Array.isArray(list)) return null;
  return list.map((o) => (isPlainObject(o) ? o.value : o));
}

function decimals(n: number): number {
  const s = String(n);
  if (/e-/i.test(s)) return Number(s.split(/e-/i)[1]) + (s.split(/e/i)[0]!.split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

function numeric(v: unknown, data: Record<string, unknown>): number | null {
  const n = feelValue(v, data, null);
  if (typeof n === 'number' && Number.isFinite(n)) return n;
  if (typeof n === 'string' && n.trim() !== '' && Number.isFinite(Number(n))) return Number(n);
  return null;
}

function typeProblem(c: FormComponent, value: unknown, data: Record<string, unknown>): string | null {
  if (TEXT.has(c.type)) return typeof value === 'string' ? null : 'Field must be text.';
  if (c.type === 'number') {
    const n = c.serializeToString && typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) return 'Value is not a number.';
    if (typeof c.decimalDigits === 'number' && c.decimalDigits >= 0 && decimals(n) > c.decimalDigits) {
      return c.decimalDigits === 0 ? 'Value is expected to be an integer.' : `Value is expected to have at most ${c.decimalDigits} decimal digit${c.decimalDigits > 1 ? 's' : ''}.`;
    }
    const step = numeric(c.increment, data);
    if (step !== null && step > 0) {
      // scaled to integers so 0.1 steps do not fail on binary fractions
      const scale = 10 ** Math.max(decimals(step), decimals(n));
      if (Math.round(n * scale) % Math.round(step * scale) !== 0) return `Value must be a multiple of ${step}.`;
    }
    return null;
  }
  if (c.type === 'checkbox') return typeof value === 'boolean' ? null : 'Field must be true or false.';
  if (SINGLE.has(c.type) || MULTI.has(c.type)) {
    const many = MULTI.has(c.type);
    if (many && !Array.isArray(value)) return 'Field must be a list of options.';
    const picked = many ? (value as unknown[]) : [value];
    if (picked.some((x) => x !== null && typeof x === 'object')) return 'Field must hold option values.';
    const allowed = optionValues(c, data);
    if (allowed && picked.some((x) => !allowed.some((a) => a === x))) return `Field must be one of the options: ${allowed.map((a) => JSON.stringify(a)).join(', ')}.`;
    return null;
  }
  if (c.type === 'datetime') {
    if (typeof value !== 'string') return 'Field must be a date or time text.';
    const sub = c.subtype ?? 'date';
    if (sub === 'time') return TIME.test(value) ? null : 'Field must be a time (HH:mm).';
    if (sub === 'datetime') {
      const m = DATETIME.exec(value);
      return m && validDate(m[1]!) && !Number.isNaN(Date.parse(value)) ? null : 'Field must be a date and time (YYYY-MM-DDTHH:mm).';
    }
    return validDate(value) ? null : 'Field must be a date (YYYY-MM-DD).';
  }
  return null;
}

/** the problems of one submitted value (an empty list when it is fine) */
export function checkField(c: FormComponent, value: unknown, data: Record<string, unknown>): string[] {
  const v = c.validate ?? {};
  const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  if (feelValue(v.required, data, false) === true && (empty || (c.type === 'checkbox' && value === false))) return ['Field is required.'];
  if (value === undefined || value === null) return [];
  const wrong = typeProblem(c, value, data);
  if (wrong) return [wrong];
  const errors: string[] = [];
  if (typeof value === 'string' && value !== '') {
    if (typeof v.pattern === 'string' && v.pattern !== '') {
      let re: RegExp | null = null;
      try {
        re = new RegExp(v.pattern);
      } catch {
        errors.push(`The form's pattern ${v.pattern} is not a valid regular expression.`);
      }
      if (re && !re.test(value)) errors.push(`Field must match pattern ${v.pattern}.`);
    }
    const min = numeric(v.minLength, data);
    const max = numeric(v.maxLength, data);
    const length = [...value.trim()].length;
    if (min !== null && length < min) errors.push(`Field must have minimum length of ${min}.`);
    if (max !== null && length > max) errors.push(`Field must have maximum length of ${max}.`);
    if (v.validationType === 'email' && !EMAIL.test(value)) errors.push('Field must be a valid email.');
    if (v.validationType === 'phone' && !PHONE.test(value)) errors.push('Field must be a valid international phone number (e.g. +4930664040900).');
  }
  if (c.type === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    const min = numeric(v.min, data);
    const max = numeric(v.max, data);
    if (min !== null && n < min) errors.push(`Field must have minimum value of ${min}.`);
    if (max !== null && n > max) errors.push(`Field must have maximum value of ${max}.`);
  }
  return errors;
}
