/**
 * 1-minute bars from ticks, after vn.py's BarGenerator: a bar covers [minute, minute + 60 s)
 * and is finished by the first tick of a later minute, or by the clock passing the minute's
 * end (so a quiet code's bar is not held back until its next tick). Volume and turnover are
 * the differences of the day's cumulative figures.
 */
export interface BarData {
  code: string;
  vt_symbol: string;
  /** start of the minute, epoch ms */
  datetime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  turnover: number;
}

interface Building {
  bar: BarData;
  /** cumulative volume/turnover at the end of the previous bar */
  baseVolume: number;
  baseTurnover: number;
}

const MINUTE_MS = 60_000;

export class BarGenerator {
  private readonly building = new Map<string, Building>();
  /** cumulative figures at the last finished bar, per code */
  private readonly last = new Map<string, { volume: number; turnover: number }>();

  constructor(private readonly onBar: (bar: BarData) => void) {}

  update(code: string, vt: string, time: number, price: number, cumVolume: number, cumTurnover: number): void {
    if (!(price > 0)) return;
    const minute = Math.floor(time / MINUTE_MS) * MINUTE_MS;
    let b = this.building.get(vt);
    if (b && b.bar.datetime !== minute) {
      if (minute < b.bar.datetime) return; // a late tick of a finished minute
      this.finish(vt, b);
      b = undefined;
    }
    if (!b) {
      const prev = this.last.get(vt);
      // A new day's cumulative volume restarts lower: then the base is zero.
      const baseVolume = prev && cumVolume >= prev.volume ? prev.volume : 0;
      const baseTurnover = prev && cumTurnover >= prev.turnover ? prev.turnover : 0;
      b = {
        bar: { code, vt_symbol: vt, datetime: minute, open: price, high: price, low: price, close: price, volume: 0, turnover: 0 },
        baseVolume,
        baseTurnover,
      };
      this.building.set(vt, b);
    }
    const bar = b.bar;
    if (price > bar.high) bar.high = price;
    if (price < bar.low) bar.low = price;
    bar.close = price;
    bar.volume = Math.max(0, cumVolume - b.baseVolume);
    bar.turnover = Math.max(0, cumTurnover - b.baseTurnover);
  }

  /** Finish every bar whose minute ended at or before `now`. */
  flush(now: number): void {
    for (const [vt, b] of this.building) if (b.bar.datetime + MINUTE_MS <= now) this.finish(vt, b);
  }

  private finish(vt: string, b: Building): void {
    this.building.delete(vt);
    this.last.set(vt, { volume: b.baseVolume + b.bar.volume, turnover: b.baseTurnover + b.bar.turnover });
    this.onBar(b.bar);
  }
}
