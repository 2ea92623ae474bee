/**
 * Minute bars from ticks, after vn.py's BarGenerator but session-aware (trading-sessions.ts):
 * a bar is cut when a print falls in a later minute, or by `flush(now)` once its minute is
 * over (so a quiet code's bar is not held until its next tick). The last bar of a segment
 * waits through the minute after the segment's end, for the 11:30 / 15:00 prints. Pure: no
 * timers, no clock — the caller says what time it is.
 *
 * Volume and turnover are differences of the day's cumulative figures: a bar's volume is
 * the cumulative volume at its last print minus the cumulative volume at the previous bar's
 * last print of the same trading day. The first print a generator sees of a trading day
 * counts from zero when it falls in the day's opening (auction or first minute), else from
 * that print's own last_volume, when the tick says it — so a generator started mid-day does
 * not pour the whole morning's volume into its first bar.
 */
import type { Exchange } from '../constants';
import { Interval, type BarData } from './bar-data';
import { locate, MINUTE_MS, sessionScheduleFor, type SessionSchedule } from './trading-sessions';

/** What a bar needs from a tick (TickData has all of it). */
export interface BarTick {
  vt_symbol: string;
  symbol: string;
  exchange: Exchange;
  gateway_name?: string;
  datetime: number;
  last_price: number;
  /** cumulative volume of the trading day */
  volume: number;
  /** cumulative turnover of the trading day */
  turnover: number;
  /** volume of this print, when the feed says it */
  last_volume?: number;
  open_interest?: number;
}

export interface BarGeneratorOptions {
  /** called with each finished 1-minute bar, in time order per code */
  onBar: (bar: BarData) => void;
  /** sessions per code; default sessionScheduleFor (A-share exchanges, futures products) */
  scheduleOf?: (symbol: string, exchange: string) => SessionSchedule;
}

interface Building {
  bar: BarData;
  tradingDay: string;
  /** the bar may still receive prints until this time (epoch ms) */
  closesAt: number;
}

interface DayBase {
  tradingDay: string;
  /** cumulative figures at the previous bar's last print */
  volume: number;
  turnover: number;
  /** cumulative figures at the latest print */
  lastVolume: number;
  lastTurnover: number;
}

export class BarGenerator {
  private readonly building = new Map<string, Building>();
  private readonly bases = new Map<string, DayBase>();
  private readonly schedules = new Map<string, SessionSchedule>();
  private readonly scheduleOf: (symbol: string, exchange: string) => SessionSchedule;

  constructor(private readonly opts: BarGeneratorOptions) {
    this.scheduleOf = opts.scheduleOf ?? sessionScheduleFor;
  }

  /** Feed one tick. Prints with no price, outside every session, or of a finished minute are ignored. */
  updateTick(tick: BarTick): void {
    const price = tick.last_price;
    if (!(price > 0)) return;
    const vt = tick.vt_symbol;
    let b = this.building.get(vt);
    // Most prints fall in the minute of the bar being built: that needs no session lookup.
    if (b && tick.datetime >= b.bar.datetime && tick.datetime < b.bar.datetime + MINUTE_MS) {
      const base = this.bases.get(vt);
      if (base && tick.volume >= base.lastVolume) return this.apply(b.bar, base, tick);
    }
    const slot = locate(this.schedule(tick), tick.datetime);
    if (!slot) return;

    if (b && b.bar.datetime !== slot.barStart) {
      if (slot.barStart < b.bar.datetime) return; // a late print of a finished minute
      this.finish(vt, b);
      b = undefined;
    }

    let base = this.bases.get(vt);
    if (!base || base.tradingDay !== slot.tradingDay || tick.volume < base.lastVolume) {
      // The first print of a trading day (or a feed whose day restarted lower).
      const fromZero = slot.firstOfDay || tick.last_volume === undefined;
      const v0 = fromZero ? 0 : Math.max(0, tick.volume - (tick.last_volume ?? 0));
      const t0 = fromZero ? 0 : Math.max(0, tick.turnover - (tick.last_volume ?? 0) * price);
      base = { tradingDay: slot.tradingDay, volume: v0, turnover: t0, lastVolume: v0, lastTurnover: t0 };
      this.bases.set(vt, base);
    }

    if (!b) {
      b = {
        bar: {
          vt_symbol: vt,
          symbol: tick.symbol,
          exchange: tick.exchange,
          interval: Interval.MINUTE,
          datetime: slot.barStart,
          open: price,
          high: price,
          low: price,
          close: price,
          volume: 0,
          turnover: 0,
          open_interest: tick.open_interest ?? 0,
          gateway_name: tick.gateway_name ?? '',
        },
        tradingDay: slot.tradingDay,
        // The segment's last bar also takes the prints of the minute after the end.
        closesAt: slot.barStart + (slot.lastOfSegment ? 2 : 1) * MINUTE_MS,
      };
      this.building.set(vt, b);
    }
    this.apply(b.bar, base, tick);
  }

  private apply(bar: BarData, base: DayBase, tick: BarTick): void {
    const price = tick.last_price;
    if (price > bar.high) bar.high = price;
    if (price < bar.low) bar.low = price;
    bar.close = price;
    if (tick.open_interest !== undefined) bar.open_interest = tick.open_interest;
    base.lastVolume = tick.volume;
    base.lastTurnover = tick.turnover;
    bar.volume = Math.max(0, tick.volume - base.volume);
    bar.turnover = Math.max(0, tick.turnover - base.turnover);
  }

  /** A copy of the bar being built for a code (the minute still taking prints), if any: what a live chart draws last. */
  current(vtSymbol: string): BarData | undefined {
    const b = this.building.get(vtSymbol);
    return b ? { ...b.bar } : undefined;
  }

  /** Finish every bar that can take no more prints at `now`. */
  flush(now: number): void {
    for (const [vt, b] of this.building) if (b.closesAt <= now) this.finish(vt, b);
  }

  /** Finish every bar being built, whatever the time (e.g. when recording stops). */
  finishAll(): void {
    for (const [vt, b] of this.building) this.finish(vt, b);
  }

  private schedule(tick: BarTick): SessionSchedule {
    let s = this.schedules.get(tick.vt_symbol);
    if (!s) {
      s = this.scheduleOf(tick.symbol, tick.exchange);
      this.schedules.set(tick.vt_symbol, s);
    }
    return s;
  }

  private finish(vt: string, b: Building): void {
    this.building.delete(vt);
    const base = this.bases.get(vt);
    if (base && base.tradingDay === b.tradingDay) {
      base.volume = base.lastVolume;
      base.turnover = base.lastTurnover;
    }
    this.opts.onBar(b.bar);
  }
}
