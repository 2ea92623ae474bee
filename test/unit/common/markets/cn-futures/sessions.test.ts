import { describe, expect, it } from 'vitest';
import { productSpecOf } from '../../../../../common/markets/cn-futures/products';
import { futuresTradingDayOf, hasNightSession, isInSession, nextTradingDay } from '../../../../../common/markets/cn-futures/sessions';

const at = (cst: string): number => Date.parse(`${cst}+08:00`);
const sessionsOf = (id: string) => productSpecOf(id)!.sessions;
const open = (id: string, cst: string, holidays?: ReadonlySet<string>): boolean => isInSession(sessionsOf(id), at(cst), holidays);

// October 2026: Fri 16, Sat 17, Sun 18, Mon 19, Tue 20.
describe('day sessions', () => {
  it('commodities: 09:00–10:15, 10:30–11:30, 13:30–15:00, end excluded', () => {
    expect(open('rb', '2026-10-19T08:59:59')).toBe(false);
    expect(open('rb', '2026-10-19T09:00:00')).toBe(true);
    expect(open('rb', '2026-10-19T10:14:59')).toBe(true);
    expect(open('rb', '2026-10-19T10:15:00')).toBe(false);
    expect(open('rb', '2026-10-19T10:20:00')).toBe(false);
    expect(open('rb', '2026-10-19T10:30:00')).toBe(true);
    expect(open('rb', '2026-10-19T11:30:00')).toBe(false);
    expect(open('rb', '2026-10-19T13:29:59')).toBe(false);
    expect(open('rb', '2026-10-19T13:30:00')).toBe(true);
    expect(open('rb', '2026-10-19T14:59:59')).toBe(true);
    expect(open('rb', '2026-10-19T15:00:00')).toBe(false);
    // the seconds count: half a minute past the close is out, not 30 s before it
    expect(open('rb', '2026-10-19T15:00:30')).toBe(false);
  });

  it('CFFEX index: 09:30–11:30, 13:00–15:00, no break at 10:15, no night', () => {
    expect(open('IF', '2026-10-19T09:29:59')).toBe(false);
    expect(open('IF', '2026-10-19T09:30:00')).toBe(true);
    expect(open('IF', '2026-10-19T10:20:00')).toBe(true);
    expect(open('IF', '2026-10-19T11:30:00')).toBe(false);
    expect(open('IF', '2026-10-19T13:00:00')).toBe(true);
    expect(open('IF', '2026-10-19T15:00:00')).toBe(false);
    expect(open('IF', '2026-10-19T21:30:00')).toBe(false);
  });

  it('closed on weekends and holidays', () => {
    expect(open('rb', '2026-10-17T09:30:00')).toBe(false);
    expect(open('IF', '2026-10-01T10:00:00', new Set(['2026-10-01']))).toBe(false);
  });

  it('open on the day before a holiday, whose evening has no night session', () => {
    const national = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(open('rb', '2026-09-30T10:00:00', national)).toBe(true);
    expect(open('rb', '2026-09-30T21:30:00', national)).toBe(false);
  });
});

describe('night sessions', () => {
  it('end at 23:00, 01:00 or 02:30 by product', () => {
    expect(open('rb', '2026-10-19T21:00:00')).toBe(true);
    expect(open('rb', '2026-10-19T22:59:59')).toBe(true);
    expect(open('rb', '2026-10-19T23:00:00')).toBe(false);
    expect(open('cu', '2026-10-19T23:30:00')).toBe(true);
    expect(open('cu', '2026-10-20T00:59:59')).toBe(true);
    expect(open('cu', '2026-10-20T01:00:00')).toBe(false);
    expect(open('au', '2026-10-20T02:29:59')).toBe(true);
    expect(open('au', '2026-10-20T02:30:00')).toBe(false);
    expect(open('si', '2026-10-19T21:30:00')).toBe(false);
    expect(open('rb', '2026-10-19T20:59:59')).toBe(false);
  });

  it('Friday night runs past midnight into Saturday; no Saturday or Sunday night', () => {
    expect(open('au', '2026-10-16T21:00:00')).toBe(true);
    expect(open('au', '2026-10-17T01:30:00')).toBe(true);
    expect(open('cu', '2026-10-17T00:30:00')).toBe(true);
    expect(open('au', '2026-10-17T21:30:00')).toBe(false);
    expect(open('au', '2026-10-18T00:30:00')).toBe(false);
    expect(open('rb', '2026-10-18T21:30:00')).toBe(false);
  });

  it('no night session before a holiday break', () => {
    // National Day 2026: 1–7 October. Wednesday 30 September has no night session,
    // nor does the small hours of 1 October; Friday 25 September does.
    const national = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(hasNightSession('2026-09-30', national)).toBe(false);
    expect(open('au', '2026-09-30T21:30:00', national)).toBe(false);
    expect(open('au', '2026-10-01T00:30:00', national)).toBe(false);
    expect(open('au', '2026-09-25T21:30:00', national)).toBe(true);
    expect(hasNightSession('2026-10-16')).toBe(true);
  });

  it('no Friday night before a holiday Monday: the weekend is passed over to find it', () => {
    expect(hasNightSession('2026-10-16', new Set(['2026-10-19']))).toBe(false);
    expect(open('rb', '2026-10-16T21:30:00', new Set(['2026-10-19']))).toBe(false);
    expect(hasNightSession('2026-10-16', new Set(['2026-10-20']))).toBe(true);
  });
});

describe('the trading day a moment belongs to', () => {
  it('a night trade belongs to the next trading day: Friday night → Monday', () => {
    expect(futuresTradingDayOf(at('2026-10-16T21:05:00'))).toBe('2026-10-19');
    expect(futuresTradingDayOf(at('2026-10-17T01:30:00'))).toBe('2026-10-19');
    expect(futuresTradingDayOf(at('2026-10-19T21:30:00'))).toBe('2026-10-20');
    expect(futuresTradingDayOf(at('2026-10-20T00:30:00'))).toBe('2026-10-20');
  });

  it('a day trade belongs to its own date', () => {
    expect(futuresTradingDayOf(at('2026-10-19T09:00:00'))).toBe('2026-10-19');
    expect(futuresTradingDayOf(at('2026-10-19T14:59:00'))).toBe('2026-10-19');
  });

  it('the evening begins at 18:00:00, in the gap between the day close and the night auction', () => {
    expect(futuresTradingDayOf(at('2026-10-19T17:59:59'))).toBe('2026-10-19');
    expect(futuresTradingDayOf(at('2026-10-19T18:00:00'))).toBe('2026-10-20');
  });

  it('the small hours after a holiday’s eve belong to the first trading day after it', () => {
    const national = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(futuresTradingDayOf(at('2026-10-01T00:30:00'), national)).toBe('2026-10-08');
    expect(futuresTradingDayOf(at('2026-10-18T03:00:00'))).toBe('2026-10-19'); // a Sunday
  });

  it('skips holidays', () => {
    const national = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(nextTradingDay('2026-09-30', national)).toBe('2026-10-08');
    expect(futuresTradingDayOf(at('2026-09-30T22:00:00'), national)).toBe('2026-10-08');
    expect(futuresTradingDayOf(at('2026-09-30T10:00:00'), national)).toBe('2026-09-30');
  });

  it('whatever the machine’s time zone', () => {
    // 2026-10-16T13:30Z is 21:30 in Beijing on a Friday
    expect(futuresTradingDayOf(Date.parse('2026-10-16T13:30:00Z'))).toBe('2026-10-19');
  });
});
