import { describe, expect, it } from 'vitest';
import { nextCronTime, parseCron } from '../../src/timers/index.ts';
import type { CronSpec } from '../../src/timers/index.ts';
import { isLzError } from '../../src/errors.ts';

/** The first `count` times of `spec` after `after`, as ISO strings. */
function times(text: string, after: string, count = 1): string[] {
  const spec: CronSpec = parseCron(text);
  const result: string[] = [];
  let cursor = new Date(after);
  for (let i = 0; i < count; i++) {
    const next = nextCronTime(spec, cursor);
    if (!next) break;
    result.push(next.toISOString());
    cursor = next;
  }
  return result;
}

describe('nextCronTime (Quartz)', () => {
  it('runs the Camunda test cron 0 0/5 * * * ? every 5 minutes at second 0', () => {
    // given
    const text = '0 0/5 * * * ?';
    // when
    const result = times(text, '2026-11-23T10:02:30Z', 3);
    // then
    expect(result).toEqual(['2026-11-23T10:05:00.000Z', '2026-11-23T10:10:00.000Z', '2026-11-23T10:15:00.000Z']);
  });

  it('is strictly after the given time, also with milliseconds', () => {
    // given
    const spec = parseCron('0 0/5 * * * ?');
    // when
    const onTheDot = nextCronTime(spec, new Date('2026-11-23T10:05:00.000Z'));
    const justAfter = nextCronTime(spec, new Date('2026-11-23T10:05:00.500Z'));
    // then
    expect(onTheDot?.toISOString()).toBe('2026-11-23T10:10:00.000Z');
    expect(justAfter?.toISOString()).toBe('2026-11-23T10:10:00.000Z');
  });

  it('runs 0 15 10 ? * MON-FRI on weekdays only', () => {
    // given: Friday 2026-11-20, after 10:15
    const after = '2026-11-20T11:00:00Z';
    // when
    const result = times('0 15 10 ? * MON-FRI', after, 2);
    // then: Monday and Tuesday
    expect(result).toEqual(['2026-11-23T10:15:00.000Z', '2026-11-24T10:15:00.000Z']);
  });

  it('runs 0 0 12 L * ? on the last day of the month, leap years included', () => {
    // given / when
    const normal = times('0 0 12 L * ?', '2026-02-10T00:00:00Z', 2);
    const leap = times('0 0 12 L * ?', '2024-02-10T00:00:00Z');
    // then
    expect(normal).toEqual(['2026-02-28T12:00:00.000Z', '2026-03-31T12:00:00.000Z']);
    expect(leap).toEqual(['2024-02-29T12:00:00.000Z']);
  });

  it('runs 0 0 12 15W * ? on the weekday nearest the 15th', () => {
    // given: 2026-08-15 is a Saturday, 2026-11-15 a Sunday
    // when
    const saturday = times('0 0 12 15W * ?', '2026-08-01T00:00:00Z');
    const sunday = times('0 0 12 15W * ?', '2026-11-01T00:00:00Z');
    const weekday = times('0 0 12 15W * ?', '2026-04-01T00:00:00Z');
    // then
    expect(saturday).toEqual(['2026-08-14T12:00:00.000Z']);
    expect(sunday).toEqual(['2026-11-16T12:00:00.000Z']);
    expect(weekday).toEqual(['2026-04-15T12:00:00.000Z']);
  });

  it('keeps W inside the month (1W on a Saturday is Monday the 3rd)', () => {
    // given: 2026-08-01 is a Saturday
    // when
    const result = times('0 0 12 1W * ?', '2026-07-31T13:00:00Z');
    // then
    expect(result).toEqual(['2026-08-03T12:00:00.000Z']);
  });

  it('runs LW on the last weekday and L-2 two days before the end', () => {
    // given: 2026-05-31 is a Sunday
    // when
    const lw = times('0 0 12 LW * ?', '2026-05-01T00:00:00Z');
    const offset = times('0 0 12 L-2 * ?', '2026-02-01T00:00:00Z');
    // then
    expect(lw).toEqual(['2026-05-29T12:00:00.000Z']);
    expect(offset).toEqual(['2026-02-26T12:00:00.000Z']);
  });

  it('runs 0 0 12 ? * 6#3 on the third Friday and 6L on the last Friday', () => {
    // given / when
    const third = times('0 0 12 ? * 6#3', '2026-11-01T00:00:00Z', 2);
    const last = times('0 0 12 ? * FRIL', '2026-11-01T00:00:00Z');
    // then
    expect(third).toEqual(['2026-11-20T12:00:00.000Z', '2026-12-18T12:00:00.000Z']);
    expect(last).toEqual(['2026-11-27T12:00:00.000Z']);
  });

  it('uses Quartz weekday numbers (1 = SUN, 7 = SAT) and names in any case', () => {
    // given / when
    const sunday = times('0 0 0 ? * 1', '2026-11-23T00:00:00Z');
    const saturday = times('0 0 0 ? * sat', '2026-11-23T00:00:00Z');
    const months = times('0 0 0 1 jan,jul ?', '2026-11-23T00:00:00Z', 2);
    // then
    expect(sunday).toEqual(['2026-11-29T00:00:00.000Z']);
    expect(saturday).toEqual(['2026-11-28T00:00:00.000Z']);
    expect(months).toEqual(['2027-01-01T00:00:00.000Z', '2027-07-01T00:00:00.000Z']);
  });

  it('supports lists, ranges with steps and ranges that wrap around', () => {
    // given / when
    const list = times('0 0 8,12,18 * * ?', '2026-11-23T09:00:00Z', 3);
    const stepped = times('30 10-50/20 9 * * ?', '2026-11-23T00:00:00Z', 4);
    const wrap = times('0 0 22-1 * * ?', '2026-11-23T21:00:00Z', 5);
    // then
    expect(list).toEqual(['2026-11-23T12:00:00.000Z', '2026-11-23T18:00:00.000Z', '2026-11-24T08:00:00.000Z']);
    expect(stepped).toEqual([
      '2026-11-23T09:10:30.000Z',
      '2026-11-23T09:30:30.000Z',
      '2026-11-23T09:50:30.000Z',
      '2026-11-24T09:10:30.000Z',
    ]);
    expect(wrap).toEqual([
      '2026-11-23T22:00:00.000Z',
      '2026-11-23T23:00:00.000Z',
      '2026-11-24T00:00:00.000Z',
      '2026-11-24T01:00:00.000Z',
      '2026-11-24T22:00:00.000Z',
    ]);
  });

  it('accepts * in day-of-month next to a weekday (Quartz would want ?)', () => {
    // given / when
    const mondays = times('0 0 12 * * MON', '2026-11-23T13:00:00Z');
    const everyDay = times('0 0 12 * * *', '2026-11-23T13:00:00Z');
    // then
    expect(mondays).toEqual(['2026-11-30T12:00:00.000Z']);
    expect(everyDay).toEqual(['2026-11-24T12:00:00.000Z']);
  });

  it('finds a rare schedule (29 February 2096) quickly', () => {
    // given
    const spec = parseCron('0 0 0 29 2 ? 2096');
    const started = performance.now();
    // when
    const next = nextCronTime(spec, new Date('2026-11-23T00:00:00Z'));
    // then
    expect(next?.toISOString()).toBe('2096-02-29T00:00:00.000Z');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('skips 2100, which is not a leap year', () => {
    // given / when
    const result = times('0 0 0 29 2 ?', '2097-01-01T00:00:00Z');
    // then
    expect(result).toEqual(['2104-02-29T00:00:00.000Z']);
  });

  it('returns null quickly for impossible or finished schedules', () => {
    // given
    const started = performance.now();
    // when
    const impossible = nextCronTime(parseCron('0 0 0 31 2 ?'), new Date('2026-11-23T00:00:00Z'));
    const alsoImpossible = nextCronTime(parseCron('0 0 0 30 2 ? *'), new Date('2026-11-23T00:00:00Z'));
    const past = nextCronTime(parseCron('0 0 0 1 1 ? 2020'), new Date('2026-11-23T00:00:00Z'));
    // then
    expect([impossible, alsoImpossible, past]).toEqual([null, null, null]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('nextCronTime (5-field Unix cron)', () => {
  it('runs */15 * * * * every 15 minutes at second 0', () => {
    // given / when
    const result = times('*/15 * * * *', '2026-11-23T10:07:12Z', 3);
    // then
    expect(result).toEqual(['2026-11-23T10:15:00.000Z', '2026-11-23T10:30:00.000Z', '2026-11-23T10:45:00.000Z']);
  });

  it('uses Unix weekday numbers (0 and 7 = Sunday, 1-5 = MON-FRI)', () => {
    // given / when
    const zero = times('0 0 * * 0', '2026-11-23T00:00:00Z');
    const seven = times('0 0 * * 7', '2026-11-23T00:00:00Z');
    const workdays = times('0 9 * * 1-5', '2026-11-20T10:00:00Z');
    // then
    expect(zero).toEqual(['2026-11-29T00:00:00.000Z']);
    expect(seven).toEqual(['2026-11-29T00:00:00.000Z']);
    expect(workdays).toEqual(['2026-11-23T09:00:00.000Z']);
  });

  it('matches either field when both day-of-month and day-of-week are restricted', () => {
    // given: the 1st of the month or a Monday
    // when
    const result = times('0 0 1 * 1', '2026-11-24T00:00:00Z', 2);
    // then: Monday 30 November, then Tuesday 1 December
    expect(result).toEqual(['2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
  });
});

describe('parseCron errors', () => {
  it.each([
    ['0 61 * * * ?', 'minute', '61'],
    ['0 0 25 * * ?', 'hour', '25'],
    ['60 * * * * ?', 'second', '60'],
    ['0 0 12 32 * ?', 'day-of-month', '32'],
    ['0 0 0 ? FOO *', 'month', 'FOO'],
    ['0 0 12 ? * 8', 'day-of-week', '8'],
    ['0 0 12 ? * 6#6', 'day-of-week', '6#6'],
    ['0 0/0 * * * ?', 'minute', '0/0'],
    ['0 0 0 1 1 ? 1969', 'year', '1969'],
    ['0 ? * * * ?', 'minute', '?'],
    ['0 0 12 15 * MON', 'day-of-week', 'MON'],
    ['0 5-- * * * ?', 'minute', '5--'],
  ])('rejects %j naming the %s field', (text, field, value) => {
    // given
    let error: unknown;
    // when
    try {
      parseCron(text);
    } catch (e) {
      error = e;
    }
    // then
    expect(isLzError(error, 'LZ_ERR_TIMER_INVALID')).toBe(true);
    expect((error as Error).message).toContain(`'${text}'`);
    expect((error as Error).message).toContain(field);
    expect((error as { details: Record<string, unknown> }).details).toMatchObject({ field, value });
  });

  it.each(['* * * *', '0 0 0 1 1 ? 2026 x', 'garbage'])('rejects %j with the wrong number of fields', (text) => {
    // given / when / then
    expect(() => parseCron(text)).toThrow(/fields/);
  });
});
