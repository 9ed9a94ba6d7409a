/**
 * ISO 8601 durations, date-times and repeating intervals as BPMN timer events use them
 * (timeDuration, timeDate, timeCycle). Everything is computed in UTC.
 */
import { parseCron } from './cron.ts';
import type { CronSpec } from './cron.ts';
import { LzError } from '../errors.ts';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  checkedDate,
  daysInMonth,
  timerError,
  utcMs,
} from './calendar.ts';

/**
 * A parsed `PnYnMnWnDTnHnMnS` duration. Only the last component written may carry a fraction,
 * and never years or months (their length varies), so `years` and `months` are integers.
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export type CycleSpec =
  | { kind: 'iso'; repetitions: number | null /* null = unbounded */; start?: Date; end?: Date; duration: Duration }
  | { kind: 'cron'; cron: CronSpec };

const NUM = String.raw`(\d+(?:[.,]\d+)?)`;
const DURATION_RE = new RegExp(
  `^P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:(T)(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`,
  'i',
);
const FIELDS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/**
 * Parses an ISO 8601 duration such as `PT5M`, `P1W`, `PT0.1S` or `P1Y2M3DT4H5M6.5S`. Letters may
 * be lower-case; `,` works as a decimal sign too. Negative durations (`-PT5M`) are rejected.
 */
export function parseDuration(text: string): Duration {
  const src = text.trim();
  if (src.startsWith('-')) throw timerError(text, 'is a negative duration, which a timer cannot use');
  const m = DURATION_RE.exec(src);
  if (!m) throw timerError(text, 'is not an ISO 8601 duration (PnYnMnWnDTnHnMnS)');
  const groups = [m[1], m[2], m[3], m[4], m[6], m[7], m[8]];
  const present = groups.map((g, i) => (g === undefined ? -1 : i)).filter((i) => i >= 0);
  if (present.length === 0) throw timerError(text, 'is a duration without any component');
  if (m[5] !== undefined && groups.slice(4).every((g) => g === undefined)) {
    throw timerError(text, "is a duration with a 'T' but no hours, minutes or seconds");
  }
  const last = present[present.length - 1];
  const d: Duration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  groups.forEach((g, i) => {
    if (g === undefined) return;
    const fractional = /[.,]/.test(g);
    if (fractional && (i !== last || i < 2)) {
      throw timerError(text, 'has a fraction in a component other than the last one (or in years or months)');
    }
    const value = Number(g.replace(',', '.'));
    if (!Number.isFinite(value) || value > Number.MAX_SAFE_INTEGER) throw timerError(text, 'has a component that is too large');
    const field = FIELDS[i];
    if (field !== undefined) d[field] = value;
  });
  return d;
}

/** The time (non-calendar) part of a duration — weeks, days and below — in milliseconds. */
function fixedPartMs(d: Duration): number {
  return (
    (d.weeks * 7 + d.days) * MS_PER_DAY + d.hours * MS_PER_HOUR + d.minutes * MS_PER_MINUTE + d.seconds * MS_PER_SECOND
  );
}

/**
 * `date` plus `d`, in UTC: first the years and months, with the day clamped to the end of the
 * target month like Java's `plusMonths` (Jan 31 + P1M = Feb 28/29), then the days, then the time
 * part. Days are 24 hours long because UTC has no daylight-saving shifts.
 */
export function addDuration(date: Date, d: Duration): Date {
  const text = formatDuration(d);
  let ms = date.getTime();
  if (!Number.isFinite(ms)) throw timerError(text, 'cannot be added to an invalid date');
  const totalMonths = d.years * 12 + d.months;
  if (totalMonths !== 0) {
    const absolute = date.getUTCFullYear() * 12 + date.getUTCMonth() + totalMonths;
    const year = Math.floor(absolute / 12);
    const month = absolute - year * 12 + 1;
    const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
    ms = utcMs(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
  }
  return checkedDate(ms + Math.round(fixedPartMs(d)), text);
}

/** The length of a fixed-length duration in milliseconds; throws when it has years or months. */
export function durationToMs(d: Duration): number {
  if (d.years !== 0 || d.months !== 0) {
    throw timerError(formatDuration(d), 'has years or months, which have no fixed length');
  }
  return Math.round(fixedPartMs(d));
}

/** True when adding the duration does not move a date at all (e.g. `PT0S`). */
export function isZeroDuration(d: Duration): boolean {
  return d.years === 0 && d.months === 0 && Math.round(fixedPartMs(d)) === 0;
}

/** The canonical text of a duration (used in error messages). */
export function formatDuration(d: Duration): string {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = `${d.hours ? `${d.hours}H` : ''}${d.minutes ? `${d.minutes}M` : ''}${d.seconds ? `${d.seconds}S` : ''}`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses an ISO 8601 date-time: `2026-11-23T10:15:30Z`, `…+02:00`, `…+0200`, `…+02`, with an
 * optional fraction of a second (digits beyond milliseconds are cut off) and optional seconds.
 * A plain date (`2026-11-23`) is midnight UTC. **A date-time without a zone is read as UTC**
 * (not as the server's local time), so that the result never depends on where the engine runs.
 * A space is accepted instead of the `T`.
 */
export function parseDateTime(text: string): Date {
  const src = text.trim();
  const m = DATE_TIME_RE.exec(src);
  if (!m) throw timerError(text, 'is not an ISO 8601 date-time (e.g. 2026-11-23T10:00:00Z)');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw timerError(text, 'has a day or month that does not exist');
  }
  if (hour > 23 || minute > 59 || second > 59) throw timerError(text, 'has a time of day that does not exist');
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 18 || om > 59) throw timerError(text, 'has a zone offset that does not exist');
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return checkedDate(utcMs(year, month, day, hour, minute, second, ms) - offsetMinutes * MS_PER_MINUTE, text);
}

/**
 * Parses a timeCycle: an ISO 8601 repeating interval `R[n]/<duration>`, `R[n]/<start>/<duration>`
 * or `R[n]/<duration>/<end>` (`R` without a number = unbounded, `R0` = zero repetitions), or a
 * cron expression (any text with 5–7 space-separated fields; see `parseCron`). The duration
 * of an ISO cycle must not be zero.
 */
export function parseCycle(text: string): CycleSpec {
  const src = text.trim();
  if (/\s/.test(src)) {
    const count = src.split(/\s+/).length;
    if (count >= 5 && count <= 7) return { kind: 'cron', cron: parseCron(src) };
    throw timerError(text, 'is neither an ISO 8601 repeating interval (R/…) nor a cron expression');
  }
  const parts = src.split('/');
  const rep = /^R(\d*)$/i.exec(parts[0] ?? '');
  if (!rep || parts.length < 2 || parts.length > 3) {
    throw timerError(text, 'is neither an ISO 8601 repeating interval (R[n]/…) nor a cron expression');
  }
  const repetitions = rep[1] === '' || rep[1] === undefined ? null : Number(rep[1]);
  if (repetitions !== null && !Number.isSafeInteger(repetitions)) throw timerError(text, 'has too many repetitions');
  const isDuration = (p: string): boolean => /^P/i.test(p);
  const [, a = '', b] = parts;
  // Errors in a part quote the whole cycle as well as the part.
  const part = <T>(parse: (t: string) => T, t: string): T => {
    try {
      return parse(t);
    } catch (e) {
      const problem = e instanceof LzError ? e.message.replace(/^[^:]*: /, '') : String(e);
      throw timerError(text, `has an invalid part: ${problem}`);
    }
  };
  let spec: CycleSpec;
  if (b === undefined) {
    spec = { kind: 'iso', repetitions, duration: part(parseDuration, a) };
  } else if (isDuration(a) && !isDuration(b)) {
    spec = { kind: 'iso', repetitions, duration: part(parseDuration, a), end: part(parseDateTime, b) };
  } else if (!isDuration(a) && isDuration(b)) {
    spec = { kind: 'iso', repetitions, start: part(parseDateTime, a), duration: part(parseDuration, b) };
  } else {
    throw timerError(text, 'must be R[n]/<duration>, R[n]/<start>/<duration> or R[n]/<duration>/<end>');
  }
  if (isZeroDuration(spec.duration)) throw timerError(text, 'has a zero-length duration, which would repeat forever');
  return spec;
}
