/**
 * Host-side half of the script value wire format. Values cross the sandbox boundary as JSON
 * text; a Date travels as `{"\u0000lzDate": <epoch ms | null>}` and is revived on the other side.
 * The guest half (same rules, written in guest JavaScript) lives in guest-prelude.ts.
 *
 * Rules (both directions): Dates keep their identity as Dates; `undefined`, functions and symbols
 * become `null` at the top level and in arrays and are dropped from objects (as JSON.stringify
 * drops them); a bigint becomes a number when it is a safe integer, else its decimal string;
 * a cyclic value cannot be marshalled (TypeError).
 */

/** Key of the one-property object that stands for a Date on the wire. */
export const DATE_MARK = '\u0000lzDate';
/** Cheap pre-check: wire text without this substring holds no Date, so no reviver is needed. */
const DATE_MARK_PROBE = 'lzDate';

function isDropped(value: unknown): boolean {
  const type = typeof value;
  return value === undefined || type === 'function' || type === 'symbol';
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) {
    const time = raw.getTime();
    return { [DATE_MARK]: Number.isNaN(time) ? null : time };
  }
  if (typeof value === 'bigint') {
    const asNumber = Number(value);
    return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
  }
  if (isDropped(value)) return Array.isArray(this) ? null : undefined;
  return value;
}

/** Serialises a host value for the guest. Throws TypeError for cyclic values. */
export function toWire(value: unknown): string {
  if (isDropped(value)) return 'null';
  return JSON.stringify(value, replacer) ?? 'null';
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, DATE_MARK)) {
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const time = (value as Record<string, unknown>)[DATE_MARK];
      return new Date(typeof time === 'number' ? time : Number.NaN);
    }
  }
  return value;
}

/** Parses wire text produced by either side back into plain values (with Dates revived). */
export function fromWire(json: string): unknown {
  return json.includes(DATE_MARK_PROBE) ? JSON.parse(json, reviver) : JSON.parse(json);
}
