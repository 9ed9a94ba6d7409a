import { describe, expect, it } from 'vitest';
import { firstDue, nextDue, validateTimerText } from '../../src/timers/index.ts';
import type { RepeatState, TimerKind } from '../../src/timers/index.ts';
import { isLzError } from '../../src/errors.ts';
import type { LzError } from '../../src/errors.ts';

const now = new Date('2026-11-23T10:00:00Z');

/** Every due time of a cycle timer, firing each one at its due time (at most `max`). */
function allFirings(text: string, at: Date = now, max = 50): string[] {
  const first = firstDue('cycle', text, at);
  const result = [first.due.toISOString()];
  let repeat = first.repeat;
  let firedAt = first.due;
  while (repeat && result.length < max) {
    const next = nextDue(repeat, firedAt);
    if (!next) break;
    result.push(next.due.toISOString());
    ({ repeat } = next);
    firedAt = next.due;
  }
  return result;
}

function caught(fn: () => unknown): LzError {
  try {
    fn();
  } catch (e) {
    if (isLzError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('firstDue for dates and durations', () => {
  it('returns the instant of a date text and a Date as is', () => {
    // given
    const date = new Date('2026-12-24T18:00:00Z');
    // when
    const fromText = firstDue('date', '2026-12-24T19:00:00+01:00', now);
    const fromDate = firstDue('date', date, now);
    // then
    expect(fromText).toEqual({ due: date, repeat: null });
    expect(fromDate.due).toBe(date);
    expect(fromDate.repeat).toBeNull();
  });

  it('adds a duration to now', () => {
    // given / when
    const minutes = firstDue('duration', 'PT5M', now);
    const fraction = firstDue('duration', 'PT0.1S', now);
    const month = firstDue('duration', 'P1M', new Date('2026-01-31T08:00:00Z'));
    // then
    expect(minutes).toEqual({ due: new Date('2026-11-23T10:05:00Z'), repeat: null });
    expect(fraction.due.toISOString()).toBe('2026-11-23T10:00:00.100Z');
    expect(month.due.toISOString()).toBe('2026-02-28T08:00:00.000Z');
  });

  it('rejects a Date for a duration or a cycle, and garbage', () => {
    // given
    const date = new Date('2026-12-24T18:00:00Z');
    // when
    const errors = [
      caught(() => firstDue('duration', date, now)),
      caught(() => firstDue('cycle', date, now)),
      caught(() => firstDue('date', 'next tuesday', now)),
      caught(() => firstDue('date', new Date('nope'), now)),
      caught(() => firstDue('duration', '5 minutes', now)),
    ];
    // then
    expect(errors.map((e) => e.code)).toEqual(Array(5).fill('LZ_ERR_TIMER_INVALID'));
    expect(errors[2]?.message).toContain("'next tuesday'");
    expect(errors[4]?.message).toContain("'5 minutes'");
  });
});

describe('ISO cycles', () => {
  it('fires R2/PT5M exactly twice', () => {
    // given / when
    const firings = allFirings('R2/PT5M');
    // then
    expect(firings).toEqual(['2026-11-23T10:05:00.000Z', '2026-11-23T10:10:00.000Z']);
  });

  it('fires R3/PT10M three times, the first after one period', () => {
    // given / when
    const firings = allFirings('R3/PT10M');
    // then
    expect(firings).toEqual(['2026-11-23T10:10:00.000Z', '2026-11-23T10:20:00.000Z', '2026-11-23T10:30:00.000Z']);
  });

  it('fires R1 once, with no repeat state', () => {
    // given / when
    const first = firstDue('cycle', 'R1/PT1H', now);
    // then
    expect(first).toEqual({ due: new Date('2026-11-23T11:00:00Z'), repeat: null });
  });

  it('keeps R/PT1H going without limit', () => {
    // given / when
    const firings = allFirings('R/PT1H', now, 1000);
    // then
    expect(firings).toHaveLength(1000);
    expect(firings[999]).toBe('2027-01-04T02:00:00.000Z'); // now + 1000 h
  });

  it('fires first at a future start date', () => {
    // given / when
    const firings = allFirings('R3/2026-12-01T08:00:00Z/P1D');
    // then
    expect(firings).toEqual(['2026-12-01T08:00:00.000Z', '2026-12-02T08:00:00.000Z', '2026-12-03T08:00:00.000Z']);
  });

  it('skips the slots of a past start date, which count against the repetitions', () => {
    // given: slots 09:00 (past), 09:45 (past), 10:30, 11:15
    // when
    const firings = allFirings('R4/2026-11-23T09:00:00Z/PT45M');
    const unbounded = firstDue('cycle', 'R/2020-01-01T00:00:00Z/PT1S', now);
    // then
    expect(firings).toEqual(['2026-11-23T10:30:00.000Z', '2026-11-23T11:15:00.000Z']);
    expect(unbounded.due).toEqual(now);
  });

  it('repeats calendar durations from each firing (month end clamps once)', () => {
    // given / when
    const firings = allFirings('R3/2027-01-31T00:00:00Z/P1M');
    const past = firstDue('cycle', 'R/2026-01-31T12:00:00Z/P1M', now);
    // then
    expect(firings).toEqual(['2027-01-31T00:00:00.000Z', '2027-02-28T00:00:00.000Z', '2027-03-28T00:00:00.000Z']);
    expect(past.due.toISOString()).toBe('2026-11-28T12:00:00.000Z');
  });

  it('fires nothing after the end date', () => {
    // given / when
    const firings = allFirings('R/PT1H/2026-11-23T13:30:00Z');
    const exactEnd = allFirings('R5/PT1H/2026-11-23T12:00:00Z');
    // then
    expect(firings).toEqual(['2026-11-23T11:00:00.000Z', '2026-11-23T12:00:00.000Z', '2026-11-23T13:00:00.000Z']);
    expect(exactEnd).toEqual(['2026-11-23T11:00:00.000Z', '2026-11-23T12:00:00.000Z']);
  });

  it('reports a cycle with no firing left', () => {
    // given / when
    const ended = caught(() => firstDue('cycle', 'R/PT1H/2026-11-01T00:00:00Z', now));
    const allPast = caught(() => firstDue('cycle', 'R2/2026-11-01T00:00:00Z/P1D', now));
    // then
    expect(ended.code).toBe('LZ_ERR_TIMER_INVALID');
    expect(ended.details).toMatchObject({ reason: 'no-firing' });
    expect(allPast.details).toMatchObject({ reason: 'no-firing' });
  });

  it('treats R0 as invalid', () => {
    // given / when
    const atRuntime = caught(() => firstDue('cycle', 'R0/PT1M', now));
    const atDeploy = caught(() => validateTimerText('cycle', 'R0/PT1M'));
    // then
    expect(atRuntime.message).toContain("'R0/PT1M'");
    expect(atDeploy.code).toBe('LZ_ERR_TIMER_INVALID');
  });

  it('keeps the repeat state plain JSON', () => {
    // given
    const first = firstDue('cycle', 'R3/PT10M/2027-01-01T00:00:00Z', now);
    const stored = JSON.parse(JSON.stringify(first.repeat)) as RepeatState;
    // when
    const next = nextDue(stored, first.due);
    // then
    expect(stored).toEqual({ kind: 'iso', remaining: 2, durationText: 'PT10M', endMs: Date.parse('2027-01-01T00:00:00Z') });
    expect(next?.due.toISOString()).toBe('2026-11-23T10:20:00.000Z');
    expect(next?.repeat).toEqual({ ...stored, remaining: 1 });
  });
});

describe('cron cycles', () => {
  it('fires at each next cron time, without end', () => {
    // given / when
    const firings = allFirings('0 0/5 * * * ?', new Date('2026-11-23T10:02:00Z'), 3);
    const first = firstDue('cycle', '*/15 * * * *', now);
    // then
    expect(firings).toEqual(['2026-11-23T10:05:00.000Z', '2026-11-23T10:10:00.000Z', '2026-11-23T10:15:00.000Z']);
    expect(first).toEqual({ due: new Date('2026-11-23T10:15:00Z'), repeat: { kind: 'cron', cron: '*/15 * * * *' } });
  });

  it('stops when the cron has no further time', () => {
    // given
    const first = firstDue('cycle', '0 0 0 1 1 ? 2027', now);
    // when
    const next = first.repeat && nextDue(first.repeat, first.due);
    const never = caught(() => firstDue('cycle', '0 0 0 31 2 ?', now));
    // then
    expect(first.due.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(next).toBeNull();
    expect(never.details).toMatchObject({ reason: 'no-firing' });
  });
});

describe('validateTimerText', () => {
  it.each<[TimerKind, string]>([
    ['date', '2026-11-23T10:00:00Z'],
    ['date', '2026-11-23'],
    ['duration', 'PT5M'],
    ['duration', 'P1Y2M3DT4H5M6.5S'],
    ['cycle', 'R3/PT10M'],
    ['cycle', 'R/2026-11-23T10:00:00Z/PT1H'],
    ['cycle', '0 15 10 ? * MON-FRI'],
  ])('accepts %s %j', (kind, text) => {
    // given / when / then
    expect(() => validateTimerText(kind, text)).not.toThrow();
  });

  it.each<[TimerKind, string]>([
    ['date', 'PT5M'],
    ['date', '2026-02-30'],
    ['duration', '2026-11-23'],
    ['duration', 'garbage'],
    ['cycle', 'PT5M'],
    ['cycle', 'R0/PT5M'],
    ['cycle', 'R/PT0S'],
    ['cycle', '0 0 12 15 * MON'],
    ['cycle', 'R3/PT10M/soon'],
  ])('rejects %s %j quoting the text', (kind, text) => {
    // given / when
    const error = caught(() => validateTimerText(kind, text));
    // then
    expect(error.code).toBe('LZ_ERR_TIMER_INVALID');
    expect(error.message).toContain(`'${text}'`);
  });
});
