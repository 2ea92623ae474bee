/**
 * 复权 on a worked example. 600000 closes at 12.00 on 2024-06-04; on 2024-06-05 it goes
 * ex-rights (送转 and 派息) with a reference price of 10.00, so the cumulative factor steps
 * from 1.0 to 12.00 / 10.00 = 1.2. Every expected price below is computed by hand:
 *   后复权 = p × f(d);  前复权 = p × f(d) / f(last stored day) = p × f(d) / 1.2
 */
import { describe, expect, it } from 'vitest';
import { Adjustment, adjustInPlace, factorAt, type AdjFactor } from '../../../common/bars';

const day = (d: string) => Date.parse(`${d}T00:00:00+08:00`);

const factors: AdjFactor[] = [
  { tradingDay: '2024-06-03', factor: 1.0 },
  { tradingDay: '2024-06-05', factor: 1.2 },
];

function columns() {
  return {
    length: 4,
    datetime: [day('2024-06-03'), day('2024-06-04'), day('2024-06-05') + 10 * 3600_000, day('2024-06-06')],
    open: Float64Array.from([10.8, 11.1, 10.1, 10.2]),
    high: Float64Array.from([11.2, 12.1, 10.4, 10.6]),
    low: Float64Array.from([10.7, 11.0, 9.9, 10.1]),
    close: Float64Array.from([11.0, 12.0, 10.2, 10.5]),
  };
}

describe('adjustment', () => {
  it('finds the factor in force on a day (the latest on or before it; the first before any)', () => {
    expect(factorAt(factors, day('2024-06-01'))).toBe(1.0);
    expect(factorAt(factors, day('2024-06-04'))).toBe(1.0); // no row for 06-04: the 06-03 factor
    expect(factorAt(factors, day('2024-06-05') + 5 * 3600_000)).toBe(1.2);
    expect(factorAt(factors, day('2024-06-30'))).toBe(1.2);
  });

  it('后复权 multiplies by the day’s factor', () => {
    const c = columns();
    adjustInPlace(c, factors, Adjustment.BACKWARD, 1.2);
    // 11.0 × 1.0, 12.0 × 1.0, 10.2 × 1.2 = 12.24, 10.5 × 1.2 = 12.60
    expect([...c.close].map((x) => +x.toFixed(10))).toEqual([11.0, 12.0, 12.24, 12.6]);
    expect(+c.high[2]!.toFixed(10)).toBe(12.48); // 10.4 × 1.2
  });

  it('前复权 divides by the last stored day’s factor, leaving that day as traded', () => {
    const c = columns();
    adjustInPlace(c, factors, Adjustment.FORWARD, 1.2);
    // 11.0 / 1.2 = 9.1666…, 12.0 / 1.2 = 10.00, then 10.20 and 10.50 unchanged
    expect([...c.close].map((x) => +x.toFixed(4))).toEqual([9.1667, 10.0, 10.2, 10.5]);
    expect(+c.open[1]!.toFixed(4)).toBe(9.25); // 11.1 / 1.2
  });

  it('不复权 and an empty factor list leave the prices as traded', () => {
    const c = columns();
    adjustInPlace(c, factors, Adjustment.NONE, 1.2);
    adjustInPlace(c, [], Adjustment.FORWARD, 1.2);
    expect([...c.close]).toEqual([11.0, 12.0, 10.2, 10.5]);
  });
});

describe('adjustment edges', () => {
  it('a factor takes effect at the China-time midnight of its day, not a moment later', () => {
    expect(factorAt(factors, day('2024-06-05'))).toBe(1.2);
    expect(factorAt(factors, day('2024-06-05') - 1)).toBe(1.0);
    const c = { length: 2, datetime: [day('2024-06-05') - 1, day('2024-06-05')], open: Float64Array.from([10, 10]), high: Float64Array.from([10, 10]), low: Float64Array.from([10, 10]), close: Float64Array.from([10, 10]) };
    adjustInPlace(c, factors, Adjustment.BACKWARD, 1.2);
    expect([...c.close]).toEqual([10, 12]);
    expect([...c.open]).toEqual([10, 12]);
    expect([...c.low]).toEqual([10, 12]);
  });

  it('adjusts only the first `length` bars of a series with room to spare', () => {
    // A series cut short (length lowered after a filter) keeps stale values past its end; they
    // are not bars and must come back as they were.
    const c = columns();
    c.length = 3;
    adjustInPlace(c, factors, Adjustment.BACKWARD, 1.2);
    expect(+c.close[2]!.toFixed(10)).toBe(12.24);
    expect([c.open[3], c.high[3], c.low[3], c.close[3]]).toEqual([10.2, 10.6, 10.1, 10.5]);
  });

  it('前复权 without a positive anchor is refused; 后复权 needs none', () => {
    expect(() => adjustInPlace(columns(), factors, Adjustment.FORWARD, 0)).toThrow(/positive anchor/);
    expect(() => adjustInPlace(columns(), factors, Adjustment.FORWARD, Number.NaN)).toThrow(/positive anchor/);
    const c = columns();
    adjustInPlace(c, factors, Adjustment.BACKWARD, 0);
    expect(+c.close[3]!.toFixed(10)).toBe(12.6);
  });
});
