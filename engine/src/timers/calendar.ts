/**
 * Small UTC calendar helpers shared by the ISO 8601 and cron code. All timer arithmetic in
 * Liuzhuan is done in UTC, so there are no daylight-saving gaps or overlaps to handle.
 */
import { LzError } from '../errors.ts';

export const MS_PER_SECOND = 1_000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** The largest instant a JavaScript Date can hold (±100,000,000 days from the epoch). */
const MAX_DATE_MS = 8.64e15;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Milliseconds since the epoch of a UTC date-time; `month` is 1–12. Unlike `Date.UTC` it does
 * not map the years 0–99 to 1900–1999.
 */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** A Date from epoch milliseconds, or a LZ_ERR_TIMER_INVALID error when it is out of range. */
export function checkedDate(ms: number, text: string): Date {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) {
    throw new LzError('LZ_ERR_TIMER_INVALID', `'${text}' leads to a date outside the supported range`, { text });
  }
  return new Date(ms);
}

/** The LZ_ERR_TIMER_INVALID error for `text`, with a message that quotes it. */
export function timerError(text: string, problem: string, details: Record<string, unknown> = {}): LzError {
  return new LzError('LZ_ERR_TIMER_INVALID', `'${text}' ${problem}`, { text, ...details });
}
