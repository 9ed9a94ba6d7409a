/**
 * Quartz cron expressions as Camunda 7 uses them for timeCycle, plus classic 5-field Unix cron.
 *
 * Quartz: `sec min hour day-of-month month day-of-week [year]` with `*`, `?`, `a-b`, `a/b`,
 * `*\/b`, `a-b/c`, lists `a,b`, ranges that wrap (`FRI-MON`, `22-2`), month names JAN–DEC,
 * weekday names SUN–SAT, weekdays numbered 1 = SUN … 7 = SAT, and in day-of-month `L`, `L-n`,
 * `LW`, `nW`, in day-of-week `L` (= SAT), `nL` (last weekday n of the month) and `n#k`.
 * As in Quartz, day-of-month and day-of-week cannot both be restricted; unlike Quartz, `*` in
 * both (or `*` in one and a value in the other) is accepted and means "every day" / "the other one".
 *
 * Unix (5 fields): `min hour dom month dow` is read as Quartz with second `0`, weekdays numbered
 * 0–7 (0 and 7 = Sunday) and, as in Vixie cron, a day matches when it matches *either* the
 * day-of-month or the day-of-week field if both are restricted.
 *
 * All times are computed in UTC.
 */
import { utcMs, daysInMonth, timerError } from './calendar.ts';

/** Day-of-month rule. */
export type DayOfMonthRule =
  | { kind: 'any' }
  | { kind: 'days'; days: number[] }
  | { kind: 'last'; offset: number } // `L` (offset 0), `L-3`
  | { kind: 'last-weekday' } // `LW`
  | { kind: 'nearest-weekday'; day: number }; // `15W`

/** Day-of-week rule; weekdays use the Quartz numbering 1 = SUN … 7 = SAT. */
export type DayOfWeekRule =
  | { kind: 'any' }
  | { kind: 'weekdays'; weekdays: number[] }
  | { kind: 'last'; weekday: number } // `6L`: the last Friday of the month
  | { kind: 'nth'; weekday: number; nth: number }; // `6#3`: the third Friday of the month

export interface CronSpec {
  /** The expression as written (trimmed). */
  text: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  dayOfMonth: DayOfMonthRule;
  months: number[];
  dayOfWeek: DayOfWeekRule;
  /** null = every year */
  years: number[] | null;
}

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  nameBase?: number;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
const SECOND: FieldDef = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldDef = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldDef = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldDef = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldDef = { name: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 };
const DOW_QUARTZ: FieldDef = { name: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, nameBase: 1 };
const DOW_UNIX: FieldDef = { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES, nameBase: 0 };
const YEAR: FieldDef = { name: 'year', min: 1970, max: 2299 };

type Fail = (def: FieldDef, value: string) => never;

function parseValue(token: string, def: FieldDef, fail: Fail): number {
  let n: number;
  if (/^\d+$/.test(token)) n = Number(token);
  else {
    const i = def.names ? def.names.indexOf(token) : -1;
    if (i < 0) fail(def, token);
    n = i + (def.nameBase ?? 0);
  }
  if (n < def.min || n > def.max) fail(def, token);
  return n;
}

function parseItem(item: string, def: FieldDef, fail: Fail): number[] {
  const parts = item.split('/');
  const [range = '', stepText] = parts;
  if (parts.length > 2 || range === '') fail(def, item);
  const size = def.max - def.min + 1;
  let step = 1;
  if (stepText !== undefined) {
    step = /^\d+$/.test(stepText) ? Number(stepText) : 0;
    if (step < 1 || step > size) fail(def, item);
  }
  let lo: number;
  let hi: number;
  if (range === '*') [lo, hi] = [def.min, def.max];
  else if (range.includes('-')) {
    const bounds = range.split('-');
    if (bounds.length !== 2) fail(def, item);
    [lo, hi] = [parseValue(bounds[0] ?? '', def, fail), parseValue(bounds[1] ?? '', def, fail)];
  } else {
    lo = parseValue(range, def, fail);
    hi = stepText === undefined ? lo : def.max;
  }
  // A range whose end is before its start wraps around (hours 22-2 = 22, 23, 0, 1, 2).
  const span = (hi - lo + size) % size;
  const values: number[] = [];
  for (let k = 0; k <= span; k += step) values.push(def.min + ((lo - def.min + k) % size));
  return values;
}

function parseList(field: string, def: FieldDef, fail: Fail): number[] {
  const all = field.split(',').flatMap((item) => parseItem(item, def, fail));
  return [...new Set(all)].sort((a, b) => a - b);
}

function parseDayOfMonth(field: string, fail: Fail): DayOfMonthRule {
  if (field === '*' || field === '?') return { kind: 'any' };
  if (field === 'L') return { kind: 'last', offset: 0 };
  if (field === 'LW') return { kind: 'last-weekday' };
  const offset = /^L-(\d+)$/.exec(field);
  if (offset) {
    const n = Number(offset[1]);
    if (n > 30) fail(DAY_OF_MONTH, field);
    return { kind: 'last', offset: n };
  }
  const nearest = /^(\d+)W$/.exec(field);
  if (nearest) return { kind: 'nearest-weekday', day: parseValue(nearest[1] ?? '', DAY_OF_MONTH, fail) };
  return { kind: 'days', days: parseList(field, DAY_OF_MONTH, fail) };
}

function parseDayOfWeek(field: string, unix: boolean, fail: Fail): DayOfWeekRule {
  if (field === '*' || field === '?') return { kind: 'any' };
  const def = unix ? DOW_UNIX : DOW_QUARTZ;
  const toQuartz = (n: number): number => (unix ? (n % 7) + 1 : n);
  if (field === 'L') return { kind: 'weekdays', weekdays: [7] };
  const nth = /^([A-Z0-9]+)#(\d+)$/.exec(field);
  if (nth) {
    const k = Number(nth[2]);
    if (k < 1 || k > 5) fail(def, field);
    return { kind: 'nth', weekday: toQuartz(parseValue(nth[1] ?? '', def, fail)), nth: k };
  }
  const last = /^([A-Z0-9]+)L$/.exec(field);
  if (last) return { kind: 'last', weekday: toQuartz(parseValue(last[1] ?? '', def, fail)) };
  const weekdays = [...new Set(parseList(field, def, fail).map(toQuartz))].sort((a, b) => a - b);
  return { kind: 'weekdays', weekdays };
}

/**
 * Parses a Quartz (6 or 7 fields) or Unix (5 fields) cron expression. Names and the special
 * letters may be written in any case. Invalid text → LZ_ERR_TIMER_INVALID naming the field.
 */
export function parseCron(text: string): CronSpec {
  const src = text.trim();
  const fields = src.toUpperCase().split(/\s+/);
  if (fields.length < 5 || fields.length > 7) {
    throw timerError(text, `is not a cron expression: it has ${fields.length} fields instead of 5, 6 or 7`);
  }
  const fail: Fail = (def, value) => {
    throw timerError(text, `has an invalid ${def.name} field value '${value}'`, { field: def.name, value });
  };
  const unix = fields.length === 5;
  const [sec = '', min = '', hour = '', dom = '', month = '', dow = '', year] = unix ? ['0', ...fields] : fields;
  const dayOfMonth = parseDayOfMonth(dom, fail);
  const dayOfWeek = parseDayOfWeek(dow, unix, fail);
  if (!unix && dayOfMonth.kind !== 'any' && dayOfWeek.kind !== 'any') {
    throw timerError(text, "restricts both day-of-month and day-of-week; use '?' in one of them", {
      field: 'day-of-week',
      value: dow,
    });
  }
  return {
    text: src,
    seconds: parseList(sec, SECOND, fail),
    minutes: parseList(min, MINUTE, fail),
    hours: parseList(hour, HOUR, fail),
    dayOfMonth,
    months: parseList(month, MONTH, fail),
    dayOfWeek,
    years: year === undefined || year === '*' || year === '?' ? null : parseList(year, YEAR, fail),
  };
}

/** The day (1–31) a `nW` rule picks in a month, or -1 when the month has no day n. */
function nearestWeekday(n: number, lastDay: number, firstWeekday: number): number {
  if (n > lastDay) return -1;
  const wd = (firstWeekday + n - 1) % 7; // 0 = Sunday … 6 = Saturday
  if (wd === 6) return n === 1 ? 3 : n - 1;
  if (wd === 0) return n === lastDay ? n - 2 : n + 1;
  return n;
}

function matchesDayOfMonth(rule: DayOfMonthRule, day: number, lastDay: number, firstWeekday: number): boolean {
  switch (rule.kind) {
    case 'any':
      return true;
    case 'days':
      return rule.days.includes(day);
    case 'last':
      return day === lastDay - rule.offset;
    case 'last-weekday': {
      const wd = (firstWeekday + lastDay - 1) % 7;
      return day === (wd === 6 ? lastDay - 1 : wd === 0 ? lastDay - 2 : lastDay);
    }
    case 'nearest-weekday':
      return day === nearestWeekday(rule.day, lastDay, firstWeekday);
  }
}

function matchesDayOfWeek(rule: DayOfWeekRule, day: number, lastDay: number, firstWeekday: number): boolean {
  const weekday = ((firstWeekday + day - 1) % 7) + 1; // Quartz numbering
  switch (rule.kind) {
    case 'any':
      return true;
    case 'weekdays':
      return rule.weekdays.includes(weekday);
    case 'last':
      return weekday === rule.weekday && day + 7 > lastDay;
    case 'nth':
      return weekday === rule.weekday && Math.ceil(day / 7) === rule.nth;
  }
}

function matchesDay(spec: CronSpec, day: number, lastDay: number, firstWeekday: number): boolean {
  const dom = matchesDayOfMonth(spec.dayOfMonth, day, lastDay, firstWeekday);
  const dow = matchesDayOfWeek(spec.dayOfWeek, day, lastDay, firstWeekday);
  // Both restricted only happens for Unix cron, where either one is enough.
  if (spec.dayOfMonth.kind !== 'any' && spec.dayOfWeek.kind !== 'any') return dom || dow;
  return dom && dow;
}

/** The earliest [hour, minute, second] of the spec at or after h0:m0:s0, or null. */
function firstTimeOfDay(spec: CronSpec, h0: number, m0: number, s0: number): [number, number, number] | null {
  const firstMinute = spec.minutes[0] ?? 0;
  const firstSecond = spec.seconds[0] ?? 0;
  for (const h of spec.hours) {
    if (h < h0) continue;
    if (h > h0) return [h, firstMinute, firstSecond];
    for (const m of spec.minutes) {
      if (m < m0) continue;
      if (m > m0) return [h, m, firstSecond];
      const s = spec.seconds.find((x) => x >= s0);
      if (s !== undefined) return [h, m, s];
    }
  }
  return null;
}

/** How many years after `after` the search for the next time goes before giving up. */
export const CRON_SEARCH_YEARS = 100;

/**
 * The first time strictly after `after` that the cron expression matches, computed in UTC, or
 * null when there is none within {@link CRON_SEARCH_YEARS} years (e.g. `0 0 0 31 2 ?`). The
 * search walks month by month and day by day, so it ends quickly even for rare schedules.
 */
export function nextCronTime(spec: CronSpec, after: Date): Date | null {
  const afterMs = after.getTime();
  if (!Number.isFinite(afterMs)) return null;
  const start = new Date((Math.floor(afterMs / 1000) + 1) * 1000);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  let day = start.getUTCDate();
  let floor: [number, number, number] | null = [start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds()];
  const limitYear = year + CRON_SEARCH_YEARS;
  const nextMonth = (): void => {
    [year, month, day, floor] = month === 12 ? [year + 1, 1, 1, null] : [year, month + 1, 1, null];
  };
  while (year <= limitYear) {
    if (spec.years !== null && !spec.years.includes(year)) {
      const y = spec.years.find((v) => v > year);
      if (y === undefined) return null;
      [year, month, day, floor] = [y, 1, 1, null];
      continue;
    }
    if (!spec.months.includes(month)) {
      nextMonth();
      continue;
    }
    const lastDay = daysInMonth(year, month);
    const firstWeekday = new Date(utcMs(year, month, 1)).getUTCDay();
    for (let d = day; d <= lastDay; d++) {
      if (matchesDay(spec, d, lastDay, firstWeekday)) {
        const t = floor ? firstTimeOfDay(spec, ...floor) : firstTimeOfDay(spec, 0, 0, 0);
        if (t) return new Date(utcMs(year, month, d, ...t));
      }
      floor = null;
    }
    nextMonth();
  }
  return null;
}
