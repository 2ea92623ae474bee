/**
 * The bar store on a real SQLite file: chunked storage read back bar for bar, a later save
 * replacing bars at the same times, range reads cut at both ends, the overview kept with
 * the bars, factors, deletes, and import progress.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { barsOf, Interval, seriesOf, type BarData } from '../../../common/bars';
import { Exchange } from '../../../common/constants';
import { BarStore } from '../../../electron/engine/store';
import { tempDir } from './helpers';
import { cst } from '../../fixtures/china-time';

const head = { vt_symbol: '600000.SSE', symbol: '600000', exchange: Exchange.SSE, interval: Interval.MINUTE };

function bar(datetime: number, close: number, volume = 100): BarData {
  return { ...head, datetime, open: close - 0.1, high: close + 0.2, low: close - 0.2, close, volume, turnover: volume * close, open_interest: 0, gateway_name: 'DB' };
}

let store: BarStore | undefined;
afterEach(() => store?.close());

describe('BarStore', () => {
  it('reads back what it stored, across chunks (days), in time order', () => {
    store = BarStore.open(path.join(tempDir(), 'bar.db'));
    const bars = [bar(cst('2025-01-06 09:30:00'), 10), bar(cst('2025-01-06 14:59:00'), 10.5), bar(cst('2025-01-07 09:30:00'), 11), bar(cst('2025-01-08 13:00:00'), 11.5)];
    expect(store.saveSeries(seriesOf(bars, head))).toBe(4);
    expect(barsOf(store.loadSeries('600000', Exchange.SSE, Interval.MINUTE))).toEqual(bars);
    expect(store.overview()).toEqual([{ ...head, count: 4, start: cst('2025-01-06 09:30:00'), end: cst('2025-01-08 13:00:00') }]);
  });

  it('replaces bars at the same time and keeps the others, counting only new ones', () => {
    store = BarStore.open(path.join(tempDir(), 'bar.db'));
    store.saveSeries(seriesOf([bar(cst('2025-01-06 09:30:00'), 10), bar(cst('2025-01-06 09:32:00'), 10.2)], head));
    const added = store.saveSeries(seriesOf([bar(cst('2025-01-06 09:31:00'), 10.1), bar(cst('2025-01-06 09:32:00'), 20, 999)], head));
    expect(added).toBe(1);
    const got = barsOf(store.loadSeries('600000', Exchange.SSE, Interval.MINUTE));
    expect(got.map((b) => [b.datetime, b.close, b.volume])).toEqual([
      [cst('2025-01-06 09:30:00'), 10, 100],
      [cst('2025-01-06 09:31:00'), 10.1, 100],
      [cst('2025-01-06 09:32:00'), 20, 999],
    ]);
    expect(store.overviewOf('600000', Exchange.SSE, Interval.MINUTE)!.count).toBe(3);
  });

  it('cuts a range read at both ends, inside chunks', () => {
    store = BarStore.open(path.join(tempDir(), 'bar.db'));
    const bars: BarData[] = [];
    for (let d = 6; d <= 8; d++) for (let m = 0; m < 5; m++) bars.push(bar(cst(`2025-01-0${d} 09:3${m}:00`), d * 10 + m));
    store.saveSeries(seriesOf(bars, head));
    const s = store.loadSeries('600000', Exchange.SSE, Interval.MINUTE, cst('2025-01-06 09:33:00'), cst('2025-01-08 09:31:00'));
    expect([...s.close]).toEqual([63, 64, 70, 71, 72, 73, 74, 80, 81]);
    expect(s.length).toBe(9);
    expect(store.loadSeries('600000', Exchange.SSE, Interval.MINUTE, cst('2025-01-09 00:00:00')).length).toBe(0);
    expect(store.loadSeries('600000', Exchange.SSE, Interval.DAILY).length).toBe(0);
  });

  it('keeps factors by day, and deletes them with the code’s last interval', () => {
    store = BarStore.open(path.join(tempDir(), 'bar.db'));
    const daily = { ...head, interval: Interval.DAILY };
    store.saveSeries(seriesOf([{ ...bar(cst('2025-01-06 00:00:00'), 10), interval: Interval.DAILY }], daily), [{ tradingDay: '2025-01-06', factor: 1.5 }]);
    store.saveSeries(seriesOf([bar(cst('2025-01-06 09:30:00'), 10)], head));
    store.saveFactors('600000', Exchange.SSE, [{ tradingDay: '2025-01-03', factor: 1.4 }, { tradingDay: '2025-01-06', factor: 1.6 }]);
    expect(store.factors('600000', Exchange.SSE)).toEqual([{ tradingDay: '2025-01-03', factor: 1.4 }, { tradingDay: '2025-01-06', factor: 1.6 }]);
    expect(store.deleteBars('600000', Exchange.SSE, Interval.DAILY)).toBe(1);
    expect(store.factors('600000', Exchange.SSE)).toHaveLength(2);
    expect(store.deleteBars('600000', Exchange.SSE, Interval.MINUTE)).toBe(1);
    expect(store.factors('600000', Exchange.SSE)).toEqual([]);
    expect(store.overview()).toEqual([]);
  });

  it('keeps an import’s progress, written with the bars it covers', () => {
    const dir = tempDir();
    store = BarStore.open(path.join(dir, 'bar.db'));
    store.saveSeries(seriesOf([bar(cst('2025-01-06 09:30:00'), 10)], head), [], { id: 't1', spec: '{}', through: '20250106', rows: 1, status: 'running', message: '', updated_at: 5 });
    store.close();
    store = BarStore.open(path.join(dir, 'bar.db'));
    expect(store.importTask('t1')).toEqual({ id: 't1', spec: '{}', through: '20250106', rows: 1, status: 'running', message: '', updated_at: 5 });
    expect(store.importTask('nope')).toBeNull();
  });
});
