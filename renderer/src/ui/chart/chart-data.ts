/**
 * The chart component's data, independent of the drawing library: bars as the chart takes
 * them, trade markers, and the pure decisions (where a marker sits, whether new bars are a
 * live update of the old ones or a new history).
 */
import type { BarSeries } from '../../../../common/bars';

/** One bar as the chart draws it; `time` is the bar's start, epoch ms. */
export interface ChartBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  turnover?: number;
}

/** A fill of the trader's drawn on the bar it happened in: buy red ▲ below, sell green ▼ above. */
export interface TradeMarker {
  id: string;
  /** when it filled, epoch ms */
  time: number;
  price: number;
  side: 'buy' | 'sell';
  volume?: number;
}

/** A marker placed on a bar: the bar's start time, so the chart can find its x. */
export interface PlacedMarker extends TradeMarker {
  barTime: number;
}

export function chartBarsOf(series: Pick<BarSeries, 'length' | 'datetime' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'turnover'>): ChartBar[] {
  const out: ChartBar[] = new Array(series.length);
  for (let i = 0; i < series.length; i++) {
    out[i] = { time: series.datetime[i]!, open: series.open[i]!, high: series.high[i]!, low: series.low[i]!, close: series.close[i]!, volume: series.volume[i]!, turnover: series.turnover[i]! };
  }
  return out;
}

/**
 * Each marker on the last bar starting at or before its time; a fill before the first bar
 * is left out, and so is one after the last bar's end when `barMs` says how long a bar is
 * (a fill of a day the chart does not have).
 */
export function placeMarkers(bars: readonly ChartBar[], markers: readonly TradeMarker[], barMs?: number): PlacedMarker[] {
  const out: PlacedMarker[] = [];
  if (!bars.length) return out;
  for (const m of markers) {
    let lo = 0;
    let hi = bars.length - 1;
    if (m.time < bars[0]!.time) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bars[mid]!.time <= m.time) lo = mid;
      else hi = mid - 1;
    }
    const bar = bars[lo]!;
    if (barMs !== undefined && lo === bars.length - 1 && m.time >= bar.time + barMs) continue;
    out.push({ ...m, barTime: bar.time });
  }
  return out;
}

/** How `next` relates to `prev`: the same bars, the last bar changed or one appended (a live update), or anything else (reload). */
export type BarsChange = { kind: 'same' } | { kind: 'live'; from: number } | { kind: 'reload' };

export function barsChange(prev: readonly ChartBar[], next: readonly ChartBar[]): BarsChange {
  if (prev === next) return { kind: 'same' };
  if (!prev.length || !next.length || prev[0]!.time !== next[0]!.time) return { kind: 'reload' };
  const grown = next.length - prev.length;
  if (grown < 0 || grown > 2) return { kind: 'reload' };
  // Everything before the old last bar must be the same bar for a live update.
  const keep = prev.length - 1;
  for (let i = Math.max(0, keep - 2); i < keep; i++) if (prev[i]!.time !== next[i]!.time || prev[i]!.close !== next[i]!.close) return { kind: 'reload' };
  if (prev[keep]!.time !== next[keep]!.time) return { kind: 'reload' };
  return { kind: 'live', from: keep };
}

/** The running average price: cumulative turnover over cumulative volume (close × volume where a bar has no turnover). */
export function averagePrices(bars: readonly ChartBar[]): number[] {
  let vol = 0;
  let amount = 0;
  return bars.map((b) => {
    vol += b.volume;
    amount += b.turnover && b.turnover > 0 ? b.turnover : b.close * b.volume;
    return vol > 0 ? amount / vol : b.close;
  });
}
