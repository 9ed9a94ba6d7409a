/**
 * When timers are due: the part of the timer code the engine calls. Follows Camunda 7:
 *
 * - `date`: that instant (a date in the past is returned as is; the caller fires it at once).
 * - `duration`: `now` + the duration.
 * - `cycle`, ISO `Rn/<duration>`: n firings in all, the first at `now` + duration, each next one
 *   a duration after the previous; `R/<duration>` never stops.
 *   With a start (`Rn/<start>/<duration>`) the firings are at start, start + d, start + 2d, …;
 *   slots already before `now` are skipped (and count against n), so a past start does not cause
 *   a burst of catch-up firings. With an end (`Rn/<duration>/<end>`) nothing fires after the end.
 *   `R0/…` never fires and is rejected as invalid, both by `validateTimerText` and `firstDue`.
 * - `cycle`, cron: each next cron time (UTC), without end.
 *
 * When a cycle has no firing left at all (its start slots or its end date are all in the past,
 * or a cron that never matches again), `firstDue` throws LZ_ERR_TIMER_INVALID with
 * `details.reason = 'no-firing'`, since it has no due date to return.
 *
 * `firstDue` returns `repeat: null` when it is already known that no further firing follows
 * (date, duration, `R1`, or the last remaining slot); the end date is checked by `nextDue`.
 * `nextDue` should be given the *scheduled* due time of the firing (the job's due date), not the
 * wall-clock time the job ran, so that a late job executor does not shift the whole cycle.
 */
import type { Duration } from './iso8601.ts';
import { addDuration, durationToMs, parseCycle, parseDateTime, parseDuration } from './iso8601.ts';
import { nextCronTime, parseCron } from './cron.ts';
import { checkedDate, timerError } from './calendar.ts';

export type TimerKind = 'date' | 'duration' | 'cycle';

/**
 * What is needed to compute the next due time of a cycle timer. Plain JSON (stored in jsonb).
 * `remaining` is the number of firings still to come *after* the one just scheduled
 * (null = unbounded); `durationText` is the duration as written; `endMs` the end in epoch ms.
 */
export type RepeatState =
  | { kind: 'iso'; remaining: number | null; durationText: string; endMs?: number }
  | { kind: 'cron'; cron: string };

export interface Scheduled {
  due: Date;
  repeat: RepeatState | null;
}

function noFiring(text: string, why: string): Error {
  return timerError(text, `has no firing left: ${why}`, { reason: 'no-firing' });
}

function asText(kind: TimerKind, value: unknown): string {
  if (typeof value === 'string') return value;
  const shown = value instanceof Date ? value.toISOString() : String(value);
  throw timerError(shown, `cannot be used as a timer ${kind}; a ${kind} must be a text`);
}

/** The first slot of `start + k·d` (k < repetitions) that is not before `now`, and its index k. */
function firstSlotFrom(start: Date, d: Duration, now: Date, repetitions: number | null): { due: Date; index: number } | null {
  const limit = repetitions ?? Number.POSITIVE_INFINITY;
  if (start.getTime() >= now.getTime()) return { due: start, index: 0 };
  if (d.years === 0 && d.months === 0) {
    const step = durationToMs(d);
    const index = Math.ceil((now.getTime() - start.getTime()) / step);
    if (index >= limit) return null;
    return { due: checkedDate(start.getTime() + index * step, start.toISOString()), index };
  }
  // Calendar durations: every step is at least a month, so this loop is short.
  let due = start;
  let index = 0;
  while (due.getTime() < now.getTime()) {
    index += 1;
    if (index >= limit) return null;
    due = addDuration(due, d);
  }
  return { due, index };
}

function firstCycleDue(text: string, now: Date): Scheduled {
  const spec = parseCycle(text);
  if (spec.kind === 'cron') {
    const due = nextCronTime(spec.cron, now);
    if (!due) throw noFiring(text, 'the cron expression matches no time in the coming years');
    return { due, repeat: { kind: 'cron', cron: spec.cron.text } };
  }
  if (spec.repetitions === 0) throw timerError(text, 'repeats zero times (R0), so it would never fire');
  let due: Date;
  let index = 0;
  if (spec.start) {
    const slot = firstSlotFrom(spec.start, spec.duration, now, spec.repetitions);
    if (!slot) throw noFiring(text, 'all its repetitions are in the past');
    ({ due, index } = slot);
  } else {
    due = addDuration(now, spec.duration);
  }
  if (spec.end && due.getTime() > spec.end.getTime()) throw noFiring(text, 'its end date has passed');
  const remaining = spec.repetitions === null ? null : spec.repetitions - 1 - index;
  if (remaining === 0) return { due, repeat: null };
  const durationText = (spec.start ? text.trim().split('/')[2] : text.trim().split('/')[1]) ?? '';
  const repeat: RepeatState = { kind: 'iso', remaining, durationText };
  if (spec.end) repeat.endMs = spec.end.getTime();
  return { due, repeat };
}

/** The first due time of a timer whose (already evaluated) value is `value`. */
export function firstDue(kind: TimerKind, value: string | Date, now: Date): Scheduled {
  if (kind === 'date') {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw timerError(String(value), 'is not a valid date');
      return { due: value, repeat: null };
    }
    return { due: parseDateTime(asText(kind, value)), repeat: null };
  }
  const text = asText(kind, value);
  if (kind === 'duration') return { due: addDuration(now, parseDuration(text)), repeat: null };
  if (kind === 'cycle') return firstCycleDue(text, now);
  throw timerError(String(kind), 'is not a timer kind (date, duration or cycle)');
}

/** The next due time after a cycle timer fired at `firedAt`, or null when its repetitions are used up. */
export function nextDue(repeat: RepeatState, firedAt: Date): { due: Date; repeat: RepeatState } | null {
  if (repeat.kind === 'cron') {
    const due = nextCronTime(parseCron(repeat.cron), firedAt);
    return due ? { due, repeat } : null;
  }
  if (repeat.remaining !== null && repeat.remaining <= 0) return null;
  const due = addDuration(firedAt, parseDuration(repeat.durationText));
  if (repeat.endMs !== undefined && due.getTime() > repeat.endMs) return null;
  const next: RepeatState = { ...repeat, remaining: repeat.remaining === null ? null : repeat.remaining - 1 };
  return { due, repeat: next };
}

/**
 * Throws LZ_ERR_TIMER_INVALID when literal timer text cannot be parsed (for checks at deploy
 * time). Also rejects `R0/…` cycles, which would never fire, and zero-length cycle durations.
 */
export function validateTimerText(kind: TimerKind, text: string): void {
  if (kind === 'date') parseDateTime(text);
  else if (kind === 'duration') parseDuration(text);
  else if (kind === 'cycle') {
    const spec = parseCycle(text);
    if (spec.kind === 'iso' && spec.repetitions === 0) {
      throw timerError(text, 'repeats zero times (R0), so it would never fire');
    }
  } else throw timerError(String(kind), 'is not a timer kind (date, duration or cycle)');
}
