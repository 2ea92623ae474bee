/**
 * The chart component's pure decisions: which bar a fill's marker sits on, whether new bars
 * are a live update of the held ones, and 分时's average price — each on a small example
 * worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { averagePrices, barsChange, placeMarkers, type ChartBar } from '../../../renderer/src/ui/chart/chart-data';
import { cst } from '../../fixtures/china-time';

const bar = (time: string, close: number, volume = 100, turnover?: number): ChartBar => ({ time: cst(time), open: close, high: close + 0.1, low: close - 0.1, close, volume, turnover });
const MIN = 60_000;

describe('placeMarkers', () => {
  const bars = [bar('2024-03-01 09:30', 10), bar('2024-03-01 09:31', 10.1), bar('2024-03-01 09:32', 10.2)];

  it('puts a fill on the bar whose minute holds it', () => {
    const placed = placeMarkers(bars, [
      { id: 'a', time: cst('2024-03-01 09:30:00'), price: 10, side: 'buy' },
      { id: 'b', time: cst('2024-03-01 09:31:59'), price: 10.1, side: 'sell' },
      { id: 'c', time: cst('2024-03-01 09:32:30'), price: 10.2, side: 'buy' },
    ], 2 * MIN);
    expect(placed.map((m) => [m.id, m.barTime])).toEqual([
      ['a', cst('2024-03-01 09:30')],
      ['b', cst('2024-03-01 09:31')],
      ['c', cst('2024-03-01 09:32')],
    ]);
  });

  it('leaves out a fill before the first bar and one after the last bar has ended', () => {
    const placed = placeMarkers(bars, [
      { id: 'early', time: cst('2024-03-01 09:29:59'), price: 10, side: 'buy' },
      { id: 'late', time: cst('2024-03-01 09:34:00'), price: 10, side: 'buy' },
    ], 2 * MIN);
    expect(placed).toEqual([]);
  });

  it('places nothing on an empty chart', () => {
    expect(placeMarkers([], [{ id: 'x', time: 1, price: 1, side: 'buy' }])).toEqual([]);
  });
});

describe('barsChange', () => {
  const held = [bar('2024-03-01 09:30', 10), bar('2024-03-01 09:31', 10.1), bar('2024-03-01 09:32', 10.2)];

  it('the same array is no change', () => {
    expect(barsChange(held, held)).toEqual({ kind: 'same' });
  });

  it('a changed last bar or an appended one is a live update from the old last bar', () => {
    expect(barsChange(held, [...held.slice(0, 2), bar('2024-03-01 09:32', 10.3)])).toEqual({ kind: 'live', from: 2 });
    expect(barsChange(held, [...held, bar('2024-03-01 09:33', 10.3)])).toEqual({ kind: 'live', from: 2 });
  });

  it('another history (a different first bar, fewer bars, an earlier bar changed) reloads', () => {
    expect(barsChange(held, held.slice(1))).toEqual({ kind: 'reload' });
    expect(barsChange(held, held.slice(0, 2))).toEqual({ kind: 'reload' });
    expect(barsChange(held, [held[0]!, bar('2024-03-01 09:31', 9.9), held[2]!])).toEqual({ kind: 'reload' });
    expect(barsChange([], held)).toEqual({ kind: 'reload' });
  });
});

describe('averagePrices (分时 均价)', () => {
  it('is the turnover so far over the volume so far', () => {
    // 100 @ 10 = 1000; +300 @ 10.4 = 3120 → 4120 / 400 = 10.3; +100 with turnover 1050 → 5170 / 500 = 10.34
    const avg = averagePrices([bar('2024-03-01 09:30', 10, 100, 1000), bar('2024-03-01 09:31', 10.4, 300, 3120), bar('2024-03-01 09:32', 10.5, 100, 1050)]);
    expect(avg.map((v) => Number(v.toFixed(6)))).toEqual([10, 10.3, 10.34]);
  });

  it('uses close × volume where a bar has no turnover, and the close before any volume', () => {
    const avg = averagePrices([bar('2024-03-01 09:30', 10, 0), bar('2024-03-01 09:31', 11, 100), bar('2024-03-01 09:32', 12, 100)]);
    expect(avg).toEqual([10, 11, 11.5]);
  });
});
