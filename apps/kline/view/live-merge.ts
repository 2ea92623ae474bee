/**
 * History plus live minutes as the chart's bars: the minutes a window has seen since it
 * loaded, built into the chart's interval and laid after the stored bars. A live bar at the
 * same start as the last stored one is merged into it (its open kept, the extremes widened,
 * the live close, the larger volume: the two may count the same minutes, never add them).
 */
import { aggregateBars, Interval, type BarData } from '../../../common/bars';
import type { ChartBar } from '../../../renderer/src/ui/chart/chart-data';

const toChart = (b: BarData): ChartBar => ({ time: b.datetime, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, turnover: b.turnover });

export function withLiveBars(history: readonly ChartBar[], minutes: readonly BarData[], interval: Interval): readonly ChartBar[] {
  if (!minutes.length) return history;
  const live = (interval === Interval.MINUTE ? minutes : aggregateBars(minutes, interval)).map(toChart);
  const out = history.slice();
  for (const bar of live) {
    const last = out[out.length - 1];
    if (!last || bar.time > last.time) out.push(bar);
    else if (bar.time === last.time) {
      out[out.length - 1] = { time: last.time, open: last.open, high: Math.max(last.high, bar.high), low: Math.min(last.low, bar.low), close: bar.close, volume: Math.max(last.volume, bar.volume), turnover: Math.max(last.turnover ?? 0, bar.turnover ?? 0) };
    }
  }
  return out;
}

/** Minutes kept by start time: a later push of the same minute replaces it. */
export function addMinutes(held: ReadonlyMap<number, BarData>, incoming: readonly BarData[]): Map<number, BarData> {
  const next = new Map(held);
  for (const m of incoming) next.set(m.datetime, m);
  return new Map([...next].sort((a, b) => a[0] - b[0]));
}
