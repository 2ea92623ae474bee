/** China-time formatting: the trading day and clock in UTC+8 whatever the machine's zone. */
import { describe, expect, it } from 'vitest';
import { cstDateTimeOf, cstTimeOf, tradingDayOf } from '../../../common/time';

describe('China Standard Time', () => {
  it('is 8 hours ahead of UTC: 2025-01-06 16:30:05 UTC is 00:30:05 the next day in Shanghai', () => {
    const ms = Date.UTC(2025, 0, 6, 16, 30, 5);
    expect(tradingDayOf(ms)).toBe('2025-01-07');
    expect(cstTimeOf(ms)).toBe('00:30:05');
    expect(cstDateTimeOf(ms)).toBe('2025-01-07 00:30:05');
  });

  it('the last millisecond of a China day is still that day', () => {
    const ms = Date.UTC(2025, 0, 6, 15, 59, 59, 999);
    expect(tradingDayOf(ms)).toBe('2025-01-06');
    expect(cstDateTimeOf(ms)).toBe('2025-01-06 23:59:59');
  });
});
