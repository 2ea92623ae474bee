/** Columnar series: objects in and out, and the JSON form a bridge can carry. */
import { describe, expect, it } from 'vitest';
import { ADJUSTMENT_LABELS, Adjustment, barsOf, emptySeries, Interval, INTERVAL_LABELS, INTERVALS, isInterval, seriesFromWire, seriesOf, seriesToWire, type BarData } from '../../../common/bars';
import { Exchange } from '../../../common/constants';

const head = { vt_symbol: '600000.SSE', symbol: '600000', exchange: Exchange.SSE, interval: Interval.DAILY };
const bars: BarData[] = [
  { ...head, datetime: 1000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 100, turnover: 150, open_interest: 0, gateway_name: 'DB' },
  { ...head, datetime: 2000, open: 1.5, high: 2.5, low: 1.25, close: 2, volume: 200, turnover: 400, open_interest: 0, gateway_name: 'DB' },
];

describe('BarSeries', () => {
  it('round-trips bars through columns and through JSON', () => {
    const s = seriesOf(bars, head);
    expect(barsOf(s)).toEqual(bars);
    const wire = JSON.parse(JSON.stringify(seriesToWire(s)));
    expect(wire.close).toEqual([1.5, 2]);
    expect(wire.datetime).toEqual([1000, 2000]);
    expect(barsOf(seriesFromWire(wire))).toEqual(bars);
  });
});

describe('BarSeries edges', () => {
  it('gives objects of a range, with the source named', () => {
    const s = seriesOf(bars, head);
    expect(barsOf(s, 'TUSHARE', 1)).toEqual([{ ...bars[1], gateway_name: 'TUSHARE' }]);
    expect(barsOf(s, 'DB', 0, 1)).toEqual([bars[0]]);
    expect(barsOf(s, 'DB', 1, 1)).toEqual([]);
  });

  it('sends only the filled part of a series with room to spare, and reads back only `length` values', () => {
    const s = emptySeries(head, 5);
    expect(s.close.length).toBe(5);
    s.close[0] = 7;
    s.datetime[0] = 1000;
    s.length = 1;
    const wire = seriesToWire(s);
    expect(wire.close).toEqual([7]);
    expect(wire.datetime).toEqual([1000]);
    expect(wire.length).toBe(1);
    const back = seriesFromWire({ ...wire, length: 1, close: [7, 8, 9] });
    expect(back.length).toBe(1);
    expect([...back.close]).toEqual([7]);
  });

  it('knows its intervals and nothing else', () => {
    for (const i of ['1m', '5m', '15m', '1h', 'd', 'w']) expect(isInterval(i)).toBe(true);
    for (const x of ['2m', 'D', '', 1, undefined, null]) expect(isInterval(x)).toBe(false);
  });

  it('names every interval and every 复权 mode in Chinese, each differently, for the K线 and 数据管理 pickers', () => {
    const intervalNames = INTERVALS.map((i) => INTERVAL_LABELS[i]);
    const adjustmentNames = Object.values(Adjustment).map((a) => ADJUSTMENT_LABELS[a]);
    for (const name of [...intervalNames, ...adjustmentNames]) expect(name).toMatch(/[\u4e00-\u9fff]/);
    expect(new Set(intervalNames).size).toBe(INTERVALS.length);
    expect(new Set(adjustmentNames).size).toBe(3);
  });
});
