/**
 * Larger bars from minute and daily bars: windows aligned to each session segment, daily bars
 * holding the night session, weekly bars ending on Friday. The minute bars fed in are built
 * in loops; every expected bar is written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { Exchange } from '../../../common/constants';
import { aggregateBars, BarAggregator, Interval, MINUTE_MS, type BarData } from '../../../common/bars';

const cst = (text: string): number => Date.parse(`${text.replace(' ', 'T')}+08:00`);

/** One minute bar per minute of [from, to), each with volume 1 and close = its index. */
function minutes(vt: string, exchange: Exchange, from: string, to: string, startIndex = 0): BarData[] {
  const [symbol] = vt.split('.');
  const out: BarData[] = [];
  for (let t = cst(from), i = startIndex; t < cst(to); t += MINUTE_MS, i++) {
    out.push({ vt_symbol: vt, symbol: symbol!, exchange, interval: Interval.MINUTE, datetime: t, open: i, high: i + 0.5, low: i - 0.5, close: i, volume: 1, turnover: 10, open_interest: i, gateway_name: 'DB' });
  }
  return out;
}

const stockDay = (day: string) => [...minutes('600000.SSE', Exchange.SSE, `${day} 09:30:00`, `${day} 11:30:00`), ...minutes('600000.SSE', Exchange.SSE, `${day} 13:00:00`, `${day} 15:00:00`, 120)];

const summary = (bars: BarData[]) => bars.map((b) => [b.datetime, b.interval, b.open, b.high, b.low, b.close, b.volume]);

describe('BarAggregator', () => {
  it('makes the A-share hour bars 09:30, 10:30, 13:00 and 14:00', () => {
    expect(summary(aggregateBars(stockDay('2025-01-06'), Interval.HOUR))).toEqual([
      [cst('2025-01-06 09:30:00'), '1h', 0, 59.5, -0.5, 59, 60],
      [cst('2025-01-06 10:30:00'), '1h', 60, 119.5, 59.5, 119, 60],
      [cst('2025-01-06 13:00:00'), '1h', 120, 179.5, 119.5, 179, 60],
      [cst('2025-01-06 14:00:00'), '1h', 180, 239.5, 179.5, 239, 60],
    ]);
  });

  it('finishes a 5m bar with its fifth minute, not with the next bar', () => {
    const out: BarData[] = [];
    const agg = new BarAggregator({ interval: Interval.MINUTE_5, onBar: (b) => out.push(b) });
    const day = stockDay('2025-01-06');
    for (let i = 0; i < 4; i++) agg.update(day[i]!);
    expect(out).toEqual([]);
    agg.update(day[4]!); // 09:34
    expect(summary(out)).toEqual([[cst('2025-01-06 09:30:00'), '5m', 0, 4.5, -0.5, 4, 5]]);
    expect(out[0]).toMatchObject({ turnover: 50, open_interest: 4, vt_symbol: '600000.SSE' });
  });

  it('never lets a 15m or 1h futures bar span the 10:15–10:30 break', () => {
    const DCE = Exchange.DCE;
    const day = [
      ...minutes('jd2505.DCE', DCE, '2025-01-06 09:00:00', '2025-01-06 10:15:00'),
      ...minutes('jd2505.DCE', DCE, '2025-01-06 10:30:00', '2025-01-06 11:30:00', 75),
      ...minutes('jd2505.DCE', DCE, '2025-01-06 13:30:00', '2025-01-06 15:00:00', 135),
    ];
    expect(aggregateBars(day, Interval.HOUR).map((b) => [b.datetime, b.volume])).toEqual([
      [cst('2025-01-06 09:00:00'), 60],
      [cst('2025-01-06 10:00:00'), 15],
      [cst('2025-01-06 10:30:00'), 60],
      [cst('2025-01-06 13:30:00'), 60],
      [cst('2025-01-06 14:30:00'), 30],
    ]);
    expect(aggregateBars(day, Interval.MINUTE_15).map((b) => [b.datetime, b.volume]).slice(3, 6)).toEqual([
      [cst('2025-01-06 09:45:00'), 15],
      [cst('2025-01-06 10:00:00'), 15],
      [cst('2025-01-06 10:30:00'), 15],
    ]);
  });

  it('puts Friday night’s copper session into Monday’s daily bar, finished by Monday’s last minute', () => {
    const SHFE = Exchange.SHFE;
    const out: BarData[] = [];
    const agg = new BarAggregator({ interval: Interval.DAILY, onBar: (b) => out.push(b) });
    const night = minutes('cu2503.SHFE', SHFE, '2025-01-10 21:00:00', '2025-01-11 01:00:00'); // 240 minutes
    const monday = [
      ...minutes('cu2503.SHFE', SHFE, '2025-01-13 09:00:00', '2025-01-13 10:15:00', 240),
      ...minutes('cu2503.SHFE', SHFE, '2025-01-13 10:30:00', '2025-01-13 11:30:00', 315),
      ...minutes('cu2503.SHFE', SHFE, '2025-01-13 13:30:00', '2025-01-13 15:00:00', 375),
    ]; // 75 + 60 + 90 = 225 minutes
    for (const b of [...night, ...monday]) agg.update(b);
    expect(summary(out)).toEqual([[cst('2025-01-13 00:00:00'), 'd', 0, 464.5, -0.5, 464, 465]]);
  });

  it('makes weekly bars from daily bars, Monday-dated, finished by Friday', () => {
    const daily = ['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10', '2025-01-13'].map((day, i): BarData => ({
      vt_symbol: '600000.SSE', symbol: '600000', exchange: Exchange.SSE, interval: Interval.DAILY, datetime: cst(`${day} 00:00:00`),
      open: 10 + i, high: 11 + i, low: 9 + i, close: 10.5 + i, volume: 100, turnover: 1000, open_interest: 0, gateway_name: 'DB',
    }));
    const out: BarData[] = [];
    const agg = new BarAggregator({ interval: Interval.WEEKLY, onBar: (b) => out.push(b) });
    for (const b of daily.slice(0, 5)) agg.update(b);
    expect(summary(out)).toEqual([[cst('2025-01-06 00:00:00'), 'w', 10, 15, 9, 14.5, 500]]);
    agg.update(daily[5]!);
    agg.flush();
    expect(summary(out)[1]).toEqual([cst('2025-01-13 00:00:00'), 'w', 15, 16, 14, 15.5, 100]);
  });

  it('makes daily bars of A-share minutes, one per trading day', () => {
    const bars = aggregateBars([...stockDay('2025-01-06'), ...stockDay('2025-01-07')], Interval.DAILY);
    expect(summary(bars)).toEqual([
      [cst('2025-01-06 00:00:00'), 'd', 0, 239.5, -0.5, 239, 240],
      [cst('2025-01-07 00:00:00'), 'd', 0, 239.5, -0.5, 239, 240],
    ]);
  });
});
