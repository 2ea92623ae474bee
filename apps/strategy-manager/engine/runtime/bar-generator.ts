/**
 * The strategy's 1-minute bars: common/bars' BarGenerator behind the runtime's own call
 * (code, vt_symbol, time, price, cumulative volume and turnover), giving bars in the shape
 * strategies know (with their code in the strategy's style). A bar is finished by the first
 * print of a later minute or by the clock passing the minute's end.
 *
 * Every minute of the day counts (CONTINUOUS_SESSIONS): the SIM quotes around the clock and
 * demo clocks start anywhere, and a strategy there must still get bars. Passing
 * `sessionScheduleFor` instead gives exchange sessions (the 11:30/15:00 prints in the last
 * bar, no bars at lunch or night).
 */
// The modules themselves, not common/bars' index: the worker bundle needs nothing else of it.
import type { BarData as CommonBar } from '../../../../common/bars/bar-data';
import { BarGenerator as SessionBarGenerator, type BarTick } from '../../../../common/bars/bar-generator';
import { CONTINUOUS_SESSIONS, type SessionSchedule } from '../../../../common/bars/trading-sessions';
import type { Exchange } from '../../../../common/constants';

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

export class BarGenerator {
  private readonly generator: SessionBarGenerator;
  /** per vt_symbol: the strategy's code for it and a tick object reused for every print (hot path) */
  private readonly codes = new Map<string, { code: string; tick: BarTick }>();

  constructor(onBar: (bar: BarData) => void, scheduleOf: (symbol: string, exchange: string) => SessionSchedule = () => CONTINUOUS_SESSIONS) {
    this.generator = new SessionBarGenerator({
      scheduleOf,
      onBar: (b: CommonBar) =>
        onBar({ code: this.codes.get(b.vt_symbol)?.code ?? b.vt_symbol, vt_symbol: b.vt_symbol, datetime: b.datetime, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, turnover: b.turnover }),
    });
  }

  update(code: string, vt: string, time: number, price: number, cumVolume: number, cumTurnover: number): void {
    let entry = this.codes.get(vt);
    if (!entry) {
      const dot = vt.indexOf('.');
      entry = { code, tick: { vt_symbol: vt, symbol: vt.slice(0, dot), exchange: vt.slice(dot + 1) as Exchange, datetime: 0, last_price: 0, volume: 0, turnover: 0 } };
      this.codes.set(vt, entry);
    }
    entry.code = code;
    // The generator copies what it keeps, so one tick object per code can be reused.
    const tick = entry.tick;
    tick.datetime = time;
    tick.last_price = price;
    tick.volume = cumVolume;
    tick.turnover = cumTurnover;
    this.generator.updateTick(tick);
  }

  /** Finish every bar whose minute ended at or before `now`. */
  flush(now: number): void {
    this.generator.flush(now);
  }
}
