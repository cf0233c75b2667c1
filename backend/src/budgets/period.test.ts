import { describe, expect, it } from 'vitest';
import { PeriodCache, periodFor, zonedMidnight } from './period.ts';

describe('budget periods', () => {
  it('starts at local midnight on the reset day in Sydney (AEDT, UTC+11 in November)', () => {
    const p = periodFor(new Date('2026-11-22T01:00:00Z'), 1, 'Australia/Sydney');
    expect(p.key).toBe('2026-11-01');
    expect(p.start.toISOString()).toBe('2026-10-31T13:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-30T13:00:00.000Z');
  });

  it('uses the previous month before the reset day, across a year end', () => {
    const p = periodFor(new Date('2027-01-10T00:00:00Z'), 15, 'Australia/Sydney');
    expect(p.key).toBe('2026-12-15');
    expect(p.end.toISOString()).toBe('2027-01-14T13:00:00.000Z');
  });

  it('belongs to the local date, not the UTC one', () => {
    // 14:30 UTC on 30 Nov is already 1 Dec in Sydney: a new period has begun.
    expect(periodFor(new Date('2026-11-30T14:30:00Z'), 1, 'Australia/Sydney').key).toBe('2026-12-01');
    expect(periodFor(new Date('2026-11-30T12:30:00Z'), 1, 'Australia/Sydney').key).toBe('2026-11-01');
  });

  it('handles daylight saving changes (Sydney: AEST UTC+10 in April-October)', () => {
    expect(zonedMidnight(2026, 7, 1, 'Australia/Sydney').toISOString()).toBe('2026-06-30T14:00:00.000Z');
    const p = periodFor(new Date('2026-10-20T00:00:00Z'), 1, 'Australia/Sydney');
    // Starts in AEST (+10), ends in AEDT (+11).
    expect(p.start.toISOString()).toBe('2026-09-30T14:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-10-31T13:00:00.000Z');
  });

  it('works in Perth (no daylight saving) and UTC', () => {
    expect(periodFor(new Date('2026-11-22T01:00:00Z'), 1, 'Australia/Perth').start.toISOString()).toBe(
      '2026-10-31T16:00:00.000Z',
    );
    expect(periodFor(new Date('2026-11-22T01:00:00Z'), 28, 'UTC').key).toBe('2026-10-28');
  });

  it('remembers a period only while now is inside it', () => {
    const cache = new PeriodCache();
    const tz = 'Australia/Sydney';
    const a = cache.periodFor(new Date('2026-11-20T00:00:00Z'), 1, tz);
    expect(cache.periodFor(new Date('2026-11-25T00:00:00Z'), 1, tz)).toBe(a);
    // The instant the period ends, the next one begins.
    const next = cache.periodFor(a.end, 1, tz);
    expect(next).toEqual(periodFor(a.end, 1, tz));
    expect(next.key).not.toBe(a.key);
    expect(cache.periodFor(new Date(a.end.getTime() - 1), 1, tz)).toEqual(a);
    expect(cache.periodFor(new Date('2026-11-25T00:00:00Z'), 15, tz)).toEqual(
      periodFor(new Date('2026-11-25T00:00:00Z'), 15, tz),
    );
  });
});
