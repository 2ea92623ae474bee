/**
 * K线图's live bars: minutes built from ticks laid after the stored bars, in the chosen
 * interval; a live bar at the last stored bar's start is merged into it. Expected bars
 * worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { Interval, type BarData } from '../../../../common/bars';
import { Exchange } from '../../../../common/constants';
import { addMinutes, withLiveBars } from '../../../../apps/kline/view/live-merge';
import type { ChartBar } from '../../../../renderer/src/ui/chart/chart-data';
import { cst } from '../../../fixtures/china-time';

const minute = (time: string, o: number, h: number, l: number, c: number, volume: number): BarData => ({
  vt_symbol: '600000.SSE', symbol: '600000', exchange: Exchange.SSE, interval: Interval.MINUTE, datetime: cst(time),
  open: o, high: h, low: l, close: c, volume, turnover: volume * c, open_interest: 0, gateway_name: 'SIM',
});
const chart = (time: string, o: number, h: number, l: number, c: number, volume: number): ChartBar => ({ time: cst(time), open: o, high: h, low: l, close: c, volume });

describe('withLiveBars', () => {
  it('appends live minutes after the stored 1-minute bars and merges the one at the same start', () => {
    const history = [chart('2024-03-01 09:30', 10, 10.2, 9.9, 10.1, 500), chart('2024-03-01 09:31', 10.1, 10.3, 10.0, 10.2, 300)];
    const bars = withLiveBars(history, [minute('2024-03-01 09:31', 10.2, 10.5, 10.1, 10.4, 200), minute('2024-03-01 09:32', 10.4, 10.4, 10.3, 10.35, 100)], Interval.MINUTE);
    expect(bars.map((b) => [b.time, b.open, b.high, b.low, b.close, b.volume])).toEqual([
      [cst('2024-03-01 09:30'), 10, 10.2, 9.9, 10.1, 500],
      // stored open, widened high, stored low (lower), live close, the larger volume
      [cst('2024-03-01 09:31'), 10.1, 10.5, 10.0, 10.4, 300],
      [cst('2024-03-01 09:32'), 10.4, 10.4, 10.3, 10.35, 100],
    ]);
  });

  it('builds live minutes into 5-minute bars', () => {
    const history = [chart('2024-03-01 09:30', 10, 10.2, 9.9, 10.1, 500)];
    const live = [
      minute('2024-03-01 09:35', 10.1, 10.2, 10.0, 10.15, 100),
      minute('2024-03-01 09:36', 10.15, 10.4, 10.1, 10.3, 200),
      minute('2024-03-01 09:40', 10.3, 10.3, 10.2, 10.25, 50),
    ];
    const bars = withLiveBars(history, live, Interval.MINUTE_5);
    expect(bars.map((b) => [b.time, b.open, b.high, b.low, b.close, b.volume])).toEqual([
      [cst('2024-03-01 09:30'), 10, 10.2, 9.9, 10.1, 500],
      [cst('2024-03-01 09:35'), 10.1, 10.4, 10.0, 10.3, 300],
      [cst('2024-03-01 09:40'), 10.3, 10.3, 10.2, 10.25, 50],
    ]);
  });

  it('returns the history itself when nothing is live (the chart sees no change)', () => {
    const history = [chart('2024-03-01 09:30', 10, 10.2, 9.9, 10.1, 500)];
    expect(withLiveBars(history, [], Interval.MINUTE)).toBe(history);
  });
});

describe('addMinutes', () => {
  it('keeps one bar per minute, the latest push winning, in time order', () => {
    const a = minute('2024-03-01 09:31', 10, 10, 10, 10, 100);
    const b = minute('2024-03-01 09:30', 9, 9, 9, 9, 100);
    const a2 = { ...a, close: 10.5, volume: 150 };
    const held = addMinutes(addMinutes(new Map(), [a]), [b, a2]);
    expect([...held.values()]).toEqual([b, a2]);
  });
});
