/** Timer specifications: ISO 8601 durations/dates/cycles, cron, and due-date computation. */
export type { Duration, CycleSpec } from './iso8601.ts';
export {
  parseDuration,
  addDuration,
  durationToMs,
  isZeroDuration,
  formatDuration,
  parseDateTime,
  parseCycle,
} from './iso8601.ts';
export type { CronSpec, DayOfMonthRule, DayOfWeekRule } from './cron.ts';
export { parseCron, nextCronTime, CRON_SEARCH_YEARS } from './cron.ts';
export type { TimerKind, RepeatState, Scheduled } from './schedule.ts';
export { firstDue, nextDue, validateTimerText } from './schedule.ts';
export { systemClock, ManualClock, type Clock } from './clock.ts';
