/**
 * Bars of one code and interval as columns of typed arrays: what the bar store returns, so
 * a million bars load as eight arrays instead of a million objects, and what a chart or a
 * backtest can read without copying. barsOf() gives objects when they are wanted.
 */
import type { Exchange } from '../constants';
import type { BarData, Interval } from './bar-data';

export interface BarSeries {
  vt_symbol: string;
  symbol: string;
  exchange: Exchange;
  interval: Interval;
  length: number;
  /** bar start, epoch ms */
  datetime: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  turnover: Float64Array;
  open_interest: Float64Array;
}

/** The value columns, in the order the bar store packs them. */
export const SERIES_COLUMNS = ['datetime', 'open', 'high', 'low', 'close', 'volume', 'turnover', 'open_interest'] as const;
export type SeriesColumn = (typeof SERIES_COLUMNS)[number];

/** An empty series with room for `capacity` bars. */
export function emptySeries(head: Pick<BarSeries, 'vt_symbol' | 'symbol' | 'exchange' | 'interval'>, capacity = 0): BarSeries {
  return {
    ...head,
    length: 0,
    datetime: new Float64Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
    turnover: new Float64Array(capacity),
    open_interest: new Float64Array(capacity),
  };
}

/** Bars as objects (gateway_name as given: DB for stored bars, like vn.py). */
export function barsOf(series: BarSeries, gatewayName = 'DB', from = 0, to = series.length): BarData[] {
  const out: BarData[] = [];
  for (let i = from; i < to; i++) {
    out.push({
      vt_symbol: series.vt_symbol,
      symbol: series.symbol,
      exchange: series.exchange,
      interval: series.interval,
      datetime: series.datetime[i]!,
      open: series.open[i]!,
      high: series.high[i]!,
      low: series.low[i]!,
      close: series.close[i]!,
      volume: series.volume[i]!,
      turnover: series.turnover[i]!,
      open_interest: series.open_interest[i]!,
      gateway_name: gatewayName,
    });
  }
  return out;
}

/** A series from bars of one code and interval, in time order. */
export function seriesOf(bars: readonly BarData[], head: Pick<BarSeries, 'vt_symbol' | 'symbol' | 'exchange' | 'interval'>): BarSeries {
  const s = emptySeries(head, bars.length);
  bars.forEach((b, i) => {
    for (const c of SERIES_COLUMNS) s[c][i] = b[c];
  });
  s.length = bars.length;
  return s;
}

/** A series as plain arrays, for transports that carry JSON (typed arrays do not survive JSON.stringify). */
export type WireSeries = Omit<BarSeries, SeriesColumn> & Record<SeriesColumn, number[]>;

export function seriesToWire(s: BarSeries): WireSeries {
  const out = { vt_symbol: s.vt_symbol, symbol: s.symbol, exchange: s.exchange, interval: s.interval, length: s.length } as WireSeries;
  for (const c of SERIES_COLUMNS) out[c] = Array.from(s[c].subarray(0, s.length));
  return out;
}

export function seriesFromWire(w: WireSeries): BarSeries {
  const s = emptySeries(w, w.length);
  for (const c of SERIES_COLUMNS) s[c].set(w[c].slice(0, w.length));
  s.length = w.length;
  return s;
}
