import { describe, expect, it } from 'vitest';
import { addDuration, durationToMs, parseCycle, parseDateTime, parseDuration } from '../../src/timers/index.ts';
import { isLzError } from '../../src/errors.ts';

const at = (iso: string): Date => new Date(iso);

function expectInvalid(fn: () => unknown, quoted?: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(isLzError(error, 'LZ_ERR_TIMER_INVALID')).toBe(true);
  if (quoted !== undefined) expect((error as Error).message).toContain(`'${quoted}'`);
}

describe('parseDuration', () => {
  it('parses PT5M', () => {
    // given
    const text = 'PT5M';
    // when
    const d = parseDuration(text);
    // then
    expect(d).toEqual({ years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 5, seconds: 0 });
    expect(durationToMs(d)).toBe(300_000);
  });

  it('parses fractional seconds and hours in the last component', () => {
    // given
    const texts = ['PT0.1S', 'PT1.5H', 'PT0,5S', 'PT1M0.25S'];
    // when
    const ms = texts.map((t) => durationToMs(parseDuration(t)));
    // then
    expect(ms).toEqual([100, 5_400_000, 500, 60_250]);
  });

  it('parses every component of P1Y2M3DT4H5M6.5S', () => {
    // given
    const text = 'P1Y2M3DT4H5M6.5S';
    // when
    const d = parseDuration(text);
    // then
    expect(d).toEqual({ years: 1, months: 2, weeks: 0, days: 3, hours: 4, minutes: 5, seconds: 6.5 });
    expect(addDuration(at('2026-01-01T00:00:00Z'), d).toISOString()).toBe('2027-03-04T04:05:06.500Z');
  });

  it('parses weeks, days and lower-case text', () => {
    // given / when
    const week = parseDuration('P1W');
    const lower = parseDuration(' p2dt3h ');
    // then
    expect(durationToMs(week)).toBe(7 * 86_400_000);
    expect(lower).toMatchObject({ days: 2, hours: 3 });
  });

  it.each(['-PT5M', 'P', 'PT', 'P1DT', 'PT1.5H30M', 'P1.5Y', 'P0.5M', '5M', 'P1M1Y', 'PT5X', 'garbage', '', 'PT-5M'])(
    'rejects %j',
    (text) => {
      // given / when / then
      expectInvalid(() => parseDuration(text), text);
    },
  );

  it('durationToMs refuses years and months', () => {
    // given
    const d = parseDuration('P1M');
    // when / then
    expectInvalid(() => durationToMs(d));
  });
});

describe('addDuration', () => {
  it.each([
    ['2026-01-31T10:00:00Z', 'P1M', '2026-02-28T10:00:00.000Z'],
    ['2024-01-31T10:00:00Z', 'P1M', '2024-02-29T10:00:00.000Z'],
    ['2024-02-29T00:00:00Z', 'P1Y', '2025-02-28T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', 'P4Y', '2028-02-29T00:00:00.000Z'],
    ['2026-03-31T00:00:00Z', 'P1M1D', '2026-05-01T00:00:00.000Z'],
    ['2026-12-15T00:00:00Z', 'P1M', '2027-01-15T00:00:00.000Z'],
    ['2026-11-23T23:30:00Z', 'PT1H', '2026-11-24T00:30:00.000Z'],
    ['2026-02-28T12:00:00Z', 'P1D', '2026-03-01T12:00:00.000Z'],
    ['2028-02-28T12:00:00Z', 'P1D', '2028-02-29T12:00:00.000Z'],
  ])('%s + %s = %s (months clamp to the month end)', (start, text, expected) => {
    // given
    const d = parseDuration(text);
    // when
    const result = addDuration(at(start), d);
    // then
    expect(result.toISOString()).toBe(expected);
  });

  it('rejects a result outside the Date range', () => {
    // given
    const d = parseDuration('P999999999Y');
    // when / then
    expectInvalid(() => addDuration(at('2026-01-01T00:00:00Z'), d));
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2026-11-23T10:15:30Z', '2026-11-23T10:15:30.000Z'],
    ['2026-11-23T10:15:30+02:00', '2026-11-23T08:15:30.000Z'],
    ['2026-11-23T10:15:30+0200', '2026-11-23T08:15:30.000Z'],
    ['2026-11-23T10:15:30-05:30', '2026-11-23T15:45:30.000Z'],
    ['2026-11-23T10:15:30+02', '2026-11-23T08:15:30.000Z'],
    ['2026-11-23T10:15:30', '2026-11-23T10:15:30.000Z'],
    ['2026-11-23T10:15', '2026-11-23T10:15:00.000Z'],
    ['2026-11-23T10:15:30.5Z', '2026-11-23T10:15:30.500Z'],
    ['2026-11-23T10:15:30.123456Z', '2026-11-23T10:15:30.123Z'],
    ['2026-11-23t10:15:30z', '2026-11-23T10:15:30.000Z'],
    ['2026-11-23 10:15:30Z', '2026-11-23T10:15:30.000Z'],
    ['2026-11-23', '2026-11-23T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
  ])('parses %s (no zone = UTC)', (text, expected) => {
    // given / when
    const date = parseDateTime(text);
    // then
    expect(date.toISOString()).toBe(expected);
  });

  it.each([
    '2026-02-29',
    '2100-02-29',
    '2026-13-01',
    '2026-04-31',
    '2026-11-23T24:00:00Z',
    '2026-11-23T10:60:00Z',
    '2026-11-23T10:00:00+19:00',
    '2026-11-23T10:00:00 Europe/Berlin',
    'tomorrow',
    '23.11.2026',
    '',
  ])('rejects %j', (text) => {
    // given / when / then
    expectInvalid(() => parseDateTime(text), text);
  });
});

describe('parseCycle', () => {
  it('parses a bounded and an unbounded cycle', () => {
    // given / when
    const bounded = parseCycle('R3/PT10M');
    const unbounded = parseCycle('R/PT1H');
    const zero = parseCycle('r0/pt1m');
    // then
    expect(bounded).toEqual({ kind: 'iso', repetitions: 3, duration: parseDuration('PT10M') });
    expect(unbounded).toEqual({ kind: 'iso', repetitions: null, duration: parseDuration('PT1H') });
    expect(zero).toMatchObject({ kind: 'iso', repetitions: 0 });
  });

  it('parses a start or an end date', () => {
    // given / when
    const withStart = parseCycle('R5/2026-11-23T10:00:00Z/P1D');
    const withEnd = parseCycle('R/PT1H/2026-12-01T00:00:00+01:00');
    // then
    expect(withStart).toEqual({
      kind: 'iso',
      repetitions: 5,
      start: at('2026-11-23T10:00:00Z'),
      duration: parseDuration('P1D'),
    });
    expect(withEnd).toEqual({
      kind: 'iso',
      repetitions: null,
      end: at('2026-11-30T23:00:00Z'),
      duration: parseDuration('PT1H'),
    });
  });

  it('recognises cron text', () => {
    // given / when
    const spec = parseCycle('0 0/5 * * * ?');
    // then
    expect(spec.kind).toBe('cron');
    if (spec.kind === 'cron') expect(spec.cron.minutes).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
  });

  it.each([
    'R3',
    'R3/',
    'PT10M',
    'R-1/PT1M',
    'Rx/PT1M',
    'R3/PT0S',
    'R3/P1D/P2D',
    'R3/2026-01-01/2026-02-01',
    'R3/PT1M/2026-01-01/x',
    'R3/PTxM',
    'every hour',
    '0 0 * *',
    '0 99 * * * ?',
  ])('rejects %j', (text) => {
    // given / when / then
    expectInvalid(() => parseCycle(text), text);
  });
});
