/**
 * Live 1-minute bars of the codes K线图 windows watch: their ticks through the
 * session-aware BarGenerator, each change pushed as the finished minute (if any) and the
 * minute being built, so a window that missed a push still ends every minute right.
 * A watched code stays watched until the app closes (windows come and go; the cost is one
 * bar per code).
 */
import { BarGenerator, type BarData } from '../../../common/bars';
import type { TickData } from '../../../common/objects';
import type { LiveMinutes } from '../common/contract';

export class LiveMinuteBars {
  private readonly watched = new Set<string>();
  private readonly finished = new Map<string, BarData>();
  private readonly generator = new BarGenerator({
    onBar: (bar) => {
      this.finished.set(bar.vt_symbol, bar);
      this.push(bar.vt_symbol);
    },
  });

  constructor(private readonly emit: (m: LiveMinutes) => void) {}

  watch(vtSymbol: string): void {
    this.watched.add(vtSymbol);
  }

  isWatched(vtSymbol: string): boolean {
    return this.watched.has(vtSymbol);
  }

  onTick(tick: TickData): void {
    if (!this.watched.has(tick.vt_symbol)) return;
    this.generator.updateTick(tick);
    this.push(tick.vt_symbol);
  }

  /** Close minutes that are over (a quiet code's last bar is not held until its next tick). */
  flush(now: number): void {
    this.generator.flush(now);
  }

  private push(vt: string): void {
    const minutes = [this.finished.get(vt), this.generator.current(vt)].filter((b): b is BarData => Boolean(b));
    this.emit({ vt_symbol: vt, minutes });
  }
}
