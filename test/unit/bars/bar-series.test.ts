/** Columnar series: objects in and out, and the JSON form a bridge can carry. */
import { describe, expect, it } from 'vitest';
import { barsOf, Interval, seriesFromWire, seriesOf, seriesToWire, type BarData } from '../../../common/bars';
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
