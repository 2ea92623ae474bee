/**
 * 复权 at read time. Bars are stored as traded with the day's adjustment factor beside them
 * (Tushare's adj_factor: the cumulative product of every split and dividend's price ratio,
 * rising at each ex-date). For a bar of day d with factor f(d):
 *   后复权 (backward): p × f(d)
 *   前复权 (forward):  p × f(d) / f(A), A = the last day stored for the code
 * so forward-adjusted prices of the last stored day equal its traded prices, and change
 * only when later data is stored, never with the range asked for. f(d) is the factor of
 * the latest factor day on or before d (the factor of the first factor day before it).
 * Volume and turnover are never adjusted. Prices are not rounded.
 */
import { Adjustment } from './bar-data';

/** One day's factor. */
export interface AdjFactor {
  /** YYYY-MM-DD */
  tradingDay: string;
  factor: number;
}

/** The price columns to adjust, in time order, and each bar's trading day. */
export interface PriceColumns {
  length: number;
  datetime: ArrayLike<number>;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

/** Epoch ms of the China-time midnight that starts a YYYY-MM-DD day. */
function startOf(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** f(d) for a day given as any epoch ms inside it (factors sorted by day, non-empty). */
export function factorAt(factors: readonly AdjFactor[], ms: number): number {
  let f = factors[0]!.factor;
  for (const x of factors) {
    if (startOf(x.tradingDay) > ms) break;
    f = x.factor;
  }
  return f;
}

/**
 * Adjust the columns in place. `anchor` is f(A) for forward adjustment. Factors must be
 * sorted by day; with none (or NONE) the prices stay as they are.
 */
export function adjustInPlace(cols: PriceColumns, factors: readonly AdjFactor[], mode: Adjustment, anchor: number): void {
  if (mode === Adjustment.NONE || factors.length === 0) return;
  if (mode === Adjustment.FORWARD && !(anchor > 0)) throw new Error('forward adjustment needs a positive anchor factor');
  const starts = factors.map((x) => startOf(x.tradingDay));
  let k = 0;
  let f = factors[0]!.factor;
  for (let i = 0; i < cols.length; i++) {
    // Factor days start at a China-time midnight, so a bar at or after that instant is on or
    // after that day: no need to find each bar's own day.
    const t = cols.datetime[i]!;
    while (k < starts.length && starts[k]! <= t) f = factors[k++]!.factor;
    const m = mode === Adjustment.BACKWARD ? f : f / anchor;
    cols.open[i] = cols.open[i]! * m;
    cols.high[i] = cols.high[i]! * m;
    cols.low[i] = cols.low[i]! * m;
    cols.close[i] = cols.close[i]! * m;
  }
}
