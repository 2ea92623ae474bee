/**
 * Larger bars from minute and daily bars: windows aligned to each session segment, daily bars
 * holding the night session, weekly bars ending on Friday. The minute bars fed in are built
 * in loops; every expected bar is written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { Exchange } from '../../../common/constants';
import { aggregateBars, BarAggregator, Interval, MINUTE_MS, type BarData } from '../../../common/bars';
import { cst } from '../../fixtures/china-time';

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

describe('BarAggregator edges', () => {
  const bar = (vt: string, t: string, o: number, h: number, l: number, c: number, v: number, oi = 0): BarData => ({
    vt_symbol: vt, symbol: vt.split('.')[0]!, exchange: Exchange.SSE, interval: Interval.MINUTE, datetime: cst(t),
    open: o, high: h, low: l, close: c, volume: v, turnover: v * 10, open_interest: oi, gateway_name: 'DB',
  });

  it('takes the highest high and the lowest low wherever they fall, the first open and the last close', () => {
    const five = [
      bar('600000.SSE', '2025-01-06 09:30:00', 10, 10.2, 9.9, 10.1, 1, 1),
      bar('600000.SSE', '2025-01-06 09:31:00', 10.1, 10.8, 10.0, 10.5, 2, 2),
      bar('600000.SSE', '2025-01-06 09:32:00', 10.5, 10.6, 9.5, 9.8, 3, 3),
      bar('600000.SSE', '2025-01-06 09:33:00', 9.8, 10.0, 9.7, 9.9, 4, 4),
      bar('600000.SSE', '2025-01-06 09:34:00', 9.9, 10.1, 9.8, 10.0, 5, 5),
    ];
    expect(aggregateBars(five, Interval.MINUTE_5)).toEqual([
      { ...five[0], interval: '5m', open: 10, high: 10.8, low: 9.5, close: 10.0, volume: 15, turnover: 150, open_interest: 5 },
    ]);
  });

  it('keeps codes apart and drops a bar older than the one being built', () => {
    const out: BarData[] = [];
    const agg = new BarAggregator({ interval: Interval.MINUTE_5, onBar: (b) => out.push(b) });
    agg.update(bar('600000.SSE', '2025-01-06 09:35:00', 10, 10, 10, 10, 1));
    agg.update(bar('000001.SSE', '2025-01-06 09:35:00', 20, 20, 20, 20, 7));
    agg.update(bar('600000.SSE', '2025-01-06 09:34:00', 99, 99, 1, 99, 100)); // late: its window is gone
    agg.update(bar('600000.SSE', '2025-01-06 09:36:00', 11, 11, 11, 11, 2));
    agg.flush();
    expect(out.map((b) => [b.vt_symbol, b.datetime, b.high, b.low, b.close, b.volume])).toEqual([
      ['600000.SSE', cst('2025-01-06 09:35:00'), 11, 10, 11, 3],
      ['000001.SSE', cst('2025-01-06 09:35:00'), 20, 20, 20, 7],
    ]);
  });

  it('builds no minute bars (those come from ticks)', () => {
    expect(() => new BarAggregator({ interval: Interval.MINUTE, onBar: () => {} })).toThrow(/BarGenerator/);
  });

  it('finishes a weekly bar of minute bars with Friday’s last minute, not Thursday’s', () => {
    const out: BarData[] = [];
    const agg = new BarAggregator({ interval: Interval.WEEKLY, onBar: (b) => out.push(b) });
    for (const b of stockDay('2025-01-09')) agg.update(b); // Thursday
    expect(out).toEqual([]);
    const friday = stockDay('2025-01-10');
    for (const b of friday.slice(0, -1)) agg.update(b);
    expect(out).toEqual([]);
    agg.update(friday.at(-1)!);
    expect(summary(out)).toEqual([[cst('2025-01-06 00:00:00'), 'w', 0, 239.5, -0.5, 239, 480]]);
  });

  it('daily bars of daily bars are each finished at once', () => {
    const day = (d: string): BarData => ({ ...bar('600000.SSE', `${d} 00:00:00`, 1, 2, 0.5, 1.5, 10), interval: Interval.DAILY });
    const out: BarData[] = [];
    const agg = new BarAggregator({ interval: Interval.DAILY, onBar: (b) => out.push(b) });
    agg.update(day('2025-01-06'));
    expect(out.map((b) => b.datetime)).toEqual([cst('2025-01-06 00:00:00')]);
  });

  it('regroups weekly bars dated by their Friday (as Tushare dates them) into Monday-dated weeks, each finished at once', () => {
    const week = (friday: string, close: number): BarData => ({ ...bar('600000.SSE', `${friday} 00:00:00`, 10, 12, 9, close, 500), interval: Interval.WEEKLY });
    const out: BarData[] = [];
    const agg = new BarAggregator({ interval: Interval.WEEKLY, onBar: (b) => out.push(b) });
    agg.update(week('2025-01-10', 11));
    expect(summary(out)).toEqual([[cst('2025-01-06 00:00:00'), 'w', 10, 12, 9, 11, 500]]);
    agg.update(week('2025-01-17', 11.5));
    expect(summary(out)[1]).toEqual([cst('2025-01-13 00:00:00'), 'w', 10, 12, 9, 11.5, 500]);
  });

  it('keeps bars at times no session knows (a CSV from elsewhere), by calendar day', () => {
    const odd = [bar('600000.SSE', '2025-01-06 03:00:00', 5, 6, 4, 5.5, 1), bar('600000.SSE', '2025-01-06 20:00:00', 5.5, 7, 5, 6, 2)];
    expect(summary(aggregateBars(odd, Interval.DAILY))).toEqual([[cst('2025-01-06 00:00:00'), 'd', 5, 7, 4, 6, 3]]);
  });
});
