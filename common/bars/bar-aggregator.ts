/**
 * Larger bars from smaller ones: 5m/15m/1h from minute bars, counted from each session
 * segment's open and never across a break (the A-share 1h bars are 09:30–10:30,
 * 10:30–11:30, 13:00–14:00, 14:00–15:00; a segment's remainder makes a shorter last bar, as
 * the futures' 10:00–10:15); d per trading day (a night session in the next day's bar);
 * w per week (Monday to Friday) of trading days, from minute or daily bars.
 *
 * A bar is finished as soon as the source bar that completes its window arrives (the 09:34
 * minute bar finishes the 09:30 5m bar; the day's last minute finishes the daily bar; a
 * Friday finishes the week); otherwise by the first bar of a later window, or by flush().
 */
import { Interval, INTRADAY_MINUTES, type BarData } from './bar-data';
import { CONTINUOUS_SESSIONS, dayStart, locate, MINUTE_MS, sessionScheduleFor, weekOf, type SessionSchedule } from './trading-sessions';

export interface BarAggregatorOptions {
  /** the interval to build: 5m, 15m, 1h, d or w */
  interval: Interval;
  onBar: (bar: BarData) => void;
  scheduleOf?: (symbol: string, exchange: string) => SessionSchedule;
}

interface Window {
  start: number;
  bar: BarData;
}

/** The window a source bar falls in, and whether the source bar completes it. */
interface Placement {
  start: number;
  completes: boolean;
}

export class BarAggregator {
  private readonly open = new Map<string, Window>();
  private readonly scheduleOf: (symbol: string, exchange: string) => SessionSchedule;

  constructor(private readonly opts: BarAggregatorOptions) {
    if (opts.interval === Interval.MINUTE) throw new Error('BarAggregator builds 5m and larger bars; 1m bars come from BarGenerator');
    this.scheduleOf = opts.scheduleOf ?? sessionScheduleFor;
  }

  /** Feed one finished source bar (1m, or d for weekly bars), in time order per code. */
  update(source: BarData): void {
    const vt = source.vt_symbol;
    const place = this.place(source);
    let w = this.open.get(vt);
    if (w && w.start !== place.start) {
      if (place.start < w.start) return; // older than the bar being built
      this.finish(vt, w);
      w = undefined;
    }
    if (!w) {
      w = { start: place.start, bar: { ...source, interval: this.opts.interval, datetime: place.start } };
      this.open.set(vt, w);
    } else {
      const bar = w.bar;
      if (source.high > bar.high) bar.high = source.high;
      if (source.low < bar.low) bar.low = source.low;
      bar.close = source.close;
      bar.volume += source.volume;
      bar.turnover += source.turnover;
      bar.open_interest = source.open_interest;
    }
    if (place.completes) this.finish(vt, w);
  }

  /** Finish every bar being built (end of the data). */
  flush(): void {
    for (const [vt, w] of this.open) this.finish(vt, w);
  }

  private finish(vt: string, w: Window): void {
    this.open.delete(vt);
    this.opts.onBar(w.bar);
  }

  private place(source: BarData): Placement {
    const interval = this.opts.interval;
    if (source.interval === Interval.DAILY || source.interval === Interval.WEEKLY) {
      const day = new Date(source.datetime + 8 * 3_600_000).toISOString().slice(0, 10);
      if (interval === Interval.DAILY) return { start: dayStart(day), completes: true };
      return { start: dayStart(weekOf(day)), completes: isFriday(day) };
    }
    // Bars at times no session knows (a CSV from elsewhere) are still kept, by calendar day.
    const slot = locate(this.scheduleOf(source.symbol, source.exchange), source.datetime) ?? locate(CONTINUOUS_SESSIONS, source.datetime)!;
    const minutes = INTRADAY_MINUTES[interval];
    if (minutes !== undefined) {
      const span = minutes * MINUTE_MS;
      const start = slot.segmentStart + Math.floor((slot.barStart - slot.segmentStart) / span) * span;
      const end = Math.min(start + span, slot.segmentEnd);
      return { start, completes: slot.barStart + MINUTE_MS >= end };
    }
    if (interval === Interval.DAILY) return { start: dayStart(slot.tradingDay), completes: slot.lastOfDay };
    return { start: dayStart(weekOf(slot.tradingDay)), completes: slot.lastOfDay && isFriday(slot.tradingDay) };
  }
}

function isFriday(day: string): boolean {
  return new Date(`${day}T00:00:00Z`).getUTCDay() === 5;
}

/** All of `bars` (one code, time order) as `interval` bars. */
export function aggregateBars(bars: readonly BarData[], interval: Interval, scheduleOf?: (symbol: string, exchange: string) => SessionSchedule): BarData[] {
  const out: BarData[] = [];
  const agg = new BarAggregator({ interval, onBar: (b) => out.push(b), scheduleOf });
  for (const b of bars) agg.update(b);
  agg.flush();
  return out;
}
