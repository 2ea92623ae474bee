/**
 * BarGenerator across the A-share and futures sessions. Every expected bar is written out by
 * hand from the ticks above it.
 */
import { describe, expect, it } from 'vitest';
import { Exchange } from '../../../common/constants';
import { BarGenerator, CN_STOCK_SESSIONS, CONTINUOUS_SESSIONS, Interval, locate, sessionScheduleFor, type BarData, type BarTick } from '../../../common/bars';
import { cst } from '../../fixtures/china-time';

/** Epoch ms of a China-time wall clock reading. */

const SHFE = Exchange.SHFE;

function stock(time: string, price: number, volume: number, turnover: number, extra: Partial<BarTick> = {}): BarTick {
  return { vt_symbol: '600000.SSE', symbol: '600000', exchange: Exchange.SSE, gateway_name: 'SIM', datetime: cst(time), last_price: price, volume, turnover, ...extra };
}

function future(symbol: string, time: string, price: number, volume: number, openInterest = 0): BarTick {
  return { vt_symbol: `${symbol}.SHFE`, symbol, exchange: SHFE, gateway_name: 'CTP', datetime: cst(time), last_price: price, volume, turnover: volume * price * 5, open_interest: openInterest };
}

function rig() {
  const bars: BarData[] = [];
  const g = new BarGenerator({ onBar: (b) => bars.push({ ...b }) });
  return { g, bars };
}

const stockBar = (datetime: string, o: number, h: number, l: number, c: number, volume: number, turnover: number): BarData => ({
  vt_symbol: '600000.SSE', symbol: '600000', exchange: Exchange.SSE, interval: Interval.MINUTE, datetime: cst(datetime),
  open: o, high: h, low: l, close: c, volume, turnover, open_interest: 0, gateway_name: 'SIM',
});

describe('BarGenerator, A-share sessions', () => {
  it('puts the opening call in the 09:30 bar and cuts on the minute change', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 09:25:00', 10.0, 1000, 10_000)); // the opening call's trade
    g.updateTick(stock('2025-01-06 09:30:10', 10.1, 1500, 15_050));
    g.updateTick(stock('2025-01-06 09:30:50', 9.95, 1800, 18_035));
    expect(bars).toEqual([]);
    g.updateTick(stock('2025-01-06 09:31:05', 10.05, 2000, 20_045));
    expect(bars).toEqual([stockBar('2025-01-06 09:30:00', 10.0, 10.1, 9.95, 9.95, 1800, 18_035)]);
    g.flush(cst('2025-01-06 09:32:00'));
    expect(bars[1]).toEqual(stockBar('2025-01-06 09:31:00', 10.05, 10.05, 10.05, 10.05, 200, 2010));
  });

  it('keeps the 11:30 print in the 11:29 bar, skips the lunch break, and resumes at 13:00', () => {
    const { g, bars } = rig();
    // The first print seen today, 100 shares of it its own: the count starts at 49,900 shares
    // and 500,000 − 100 × 10.2 = 498,980 CNY.
    g.updateTick(stock('2025-01-06 11:29:10', 10.2, 50_000, 500_000, { last_volume: 100 }));
    g.updateTick(stock('2025-01-06 11:30:00', 10.3, 50_600, 506_180)); // the morning's last print
    g.flush(cst('2025-01-06 11:30:59'));
    expect(bars).toEqual([]); // still open for prints stamped 11:30:xx
    g.updateTick(stock('2025-01-06 11:30:40', 10.25, 50_700, 507_205));
    g.flush(cst('2025-01-06 11:31:00'));
    expect(bars).toEqual([stockBar('2025-01-06 11:29:00', 10.2, 10.3, 10.2, 10.25, 800, 8225)]);
    g.updateTick(stock('2025-01-06 12:10:00', 10.4, 50_700, 507_205)); // lunch: no bar
    g.flush(cst('2025-01-06 12:59:00'));
    expect(bars).toHaveLength(1);
    g.updateTick(stock('2025-01-06 13:00:03', 10.3, 51_000, 510_295));
    g.flush(cst('2025-01-06 13:01:00'));
    expect(bars[1]).toEqual(stockBar('2025-01-06 13:00:00', 10.3, 10.3, 10.3, 10.3, 300, 3090));
  });

  it('keeps the 15:00 closing-call print in the 14:59 bar and ignores prints after it', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 14:59:40', 10.0, 90_000, 900_000, { last_volume: 1000 })); // from 89,000 / 890,000
    g.updateTick(stock('2025-01-06 15:00:01', 10.1, 95_000, 950_500)); // SZSE-style closing call result
    g.updateTick(stock('2025-01-06 15:01:30', 10.1, 95_000, 950_500)); // after the close: ignored
    g.flush(cst('2025-01-06 15:01:00'));
    expect(bars).toEqual([stockBar('2025-01-06 14:59:00', 10.0, 10.1, 10.0, 10.1, 6000, 60_500)]);
  });

  it('restarts the volume count on a new trading day even when the new day trades more', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 14:59:30', 10.0, 500, 5000));
    g.updateTick(stock('2025-01-07 09:25:00', 10.2, 800, 8160)); // next day's call: 800 today, not 300
    g.updateTick(stock('2025-01-07 09:31:00', 10.3, 900, 9190));
    expect(bars).toEqual([
      stockBar('2025-01-06 14:59:00', 10.0, 10.0, 10.0, 10.0, 500, 5000),
      stockBar('2025-01-07 09:30:00', 10.2, 10.2, 10.2, 10.2, 800, 8160),
    ]);
  });

  it('started mid-day, counts the first bar from the first print’s own volume', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 10:00:10', 10.0, 100_000, 1_000_000, { last_volume: 200 }));
    g.updateTick(stock('2025-01-06 10:00:40', 10.1, 100_500, 1_005_050, { last_volume: 500 }));
    g.flush(cst('2025-01-06 10:01:00'));
    // From 100,000 − 200 = 99,800 shares and 1,000,000 − 200 × 10.0 = 998,000 CNY.
    expect(bars).toEqual([stockBar('2025-01-06 10:00:00', 10.0, 10.1, 10.0, 10.1, 700, 7050)]);
  });

  it('started in the day’s first minute or its opening call, counts from zero even when the print says its own volume', () => {
    // Everything traded so far today is this first bar's: the call and the first minute.
    for (const time of ['2025-01-06 09:25:00', '2025-01-06 09:30:20']) {
      const { g, bars } = rig();
      g.updateTick(stock(time, 10.0, 5000, 50_000, { last_volume: 200 }));
      g.finishAll();
      expect(bars.map((b) => [b.datetime, b.volume, b.turnover])).toEqual([[cst('2025-01-06 09:30:00'), 5000, 50_000]]);
    }
  });

  it('started in the afternoon’s first minute, does not pour the morning into the 13:00 bar', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 13:00:20', 10.0, 80_000, 800_000, { last_volume: 300 }));
    g.finishAll();
    // From 80,000 − 300 shares and 800,000 − 300 × 10 CNY.
    expect(bars.map((b) => [b.datetime, b.volume, b.turnover])).toEqual([[cst('2025-01-06 13:00:00'), 300, 3000]]);
  });

  it('drops a late print of a finished minute and a print without a price', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 10:00:10', 10.0, 100, 1000));
    g.updateTick(stock('2025-01-06 10:01:10', 10.1, 200, 2010));
    g.updateTick(stock('2025-01-06 10:00:59', 99, 300, 3000)); // late
    g.updateTick(stock('2025-01-06 10:01:20', 0, 300, 3000)); // no trade yet
    g.flush(cst('2025-01-06 10:02:00'));
    expect(bars.map((b) => [b.datetime, b.high, b.volume])).toEqual([
      [cst('2025-01-06 10:00:00'), 10.0, 100],
      [cst('2025-01-06 10:01:00'), 10.1, 100],
    ]);
  });
});

describe('BarGenerator, futures sessions', () => {
  it('cuts a night session across midnight and the 01:00 close, into the next trading day', () => {
    const { g, bars } = rig();
    // Friday 2025-01-10's night session of copper (21:00–01:00) belongs to Monday 2025-01-13.
    expect(locate(CN_STOCK_SESSIONS, cst('2025-01-10 21:30:00'))).toBeNull();
    g.updateTick(future('cu2503', '2025-01-10 20:59:00', 75_000, 10, 100)); // the night's opening call
    g.updateTick(future('cu2503', '2025-01-10 21:00:30', 75_010, 16, 104));
    g.updateTick(future('cu2503', '2025-01-10 23:59:30', 75_100, 300, 150));
    g.updateTick(future('cu2503', '2025-01-11 00:00:10', 75_120, 310, 151)); // Saturday 00:00, same session
    g.updateTick(future('cu2503', '2025-01-11 00:59:50', 75_200, 400, 160));
    g.updateTick(future('cu2503', '2025-01-11 01:00:00', 75_210, 405, 161)); // the close's print
    g.updateTick(future('cu2503', '2025-01-11 01:01:10', 75_300, 406, 161)); // after the close: ignored
    g.flush(cst('2025-01-11 01:02:00'));
    const rows = bars.map((b) => [b.datetime, b.open, b.high, b.low, b.close, b.volume, b.open_interest]);
    expect(rows).toEqual([
      [cst('2025-01-10 21:00:00'), 75_000, 75_010, 75_000, 75_010, 16, 104],
      [cst('2025-01-10 23:59:00'), 75_100, 75_100, 75_100, 75_100, 284, 150],
      [cst('2025-01-11 00:00:00'), 75_120, 75_120, 75_120, 75_120, 10, 151],
      [cst('2025-01-11 00:59:00'), 75_200, 75_210, 75_200, 75_210, 95, 161],
    ]);
    expect(locate(sessionScheduleFor('cu2503', 'SHFE'), cst('2025-01-11 00:30:00'))!.tradingDay).toBe('2025-01-13');
    expect(locate(sessionScheduleFor('cu2503', 'SHFE'), cst('2025-01-10 21:00:00'))!.tradingDay).toBe('2025-01-13');
    // Monday's day session continues the same trading day: the count goes on from the night.
    g.updateTick(future('cu2503', '2025-01-13 09:00:20', 75_150, 450, 162));
    g.flush(cst('2025-01-13 09:01:00'));
    expect(bars.at(-1)).toMatchObject({ datetime: cst('2025-01-13 09:00:00'), volume: 45 });
  });

  it('ends rebar’s night at 23:00 and the commodity morning’s first part at 10:15', () => {
    const { g, bars } = rig();
    g.updateTick(future('rb2505', '2025-01-06 22:59:30', 3300, 100));
    g.updateTick(future('rb2505', '2025-01-06 23:00:00', 3301, 110));
    g.updateTick(future('rb2505', '2025-01-06 23:05:00', 3302, 111)); // no night after 23:00 for rb
    g.flush(cst('2025-01-06 23:01:00'));
    // Without last_volume the first print seen counts the day's volume so far: 110, not 10.
    expect(bars.map((b) => [b.datetime, b.close, b.volume])).toEqual([[cst('2025-01-06 22:59:00'), 3301, 110]]);
    g.updateTick(future('rb2505', '2025-01-07 10:14:50', 3310, 500));
    g.updateTick(future('rb2505', '2025-01-07 10:15:00', 3311, 510)); // the break's print
    g.updateTick(future('rb2505', '2025-01-07 10:20:00', 3312, 510)); // break: ignored
    g.updateTick(future('rb2505', '2025-01-07 10:30:05', 3313, 520));
    expect(bars.slice(1).map((b) => [b.datetime, b.close])).toEqual([[cst('2025-01-07 10:14:00'), 3311]]);
  });
});

describe('futures schedules from the futures product table', () => {
  it('turns its HH:MM sessions into the same segments as ours', () => {
    // cu: 21:00–01:00 at night (−180 … 60 from the next midnight), then the commodity day.
    expect(sessionScheduleFor('cu2503', 'SHFE').segments).toEqual([
      { start: -180, end: 60, auction: 5 },
      { start: 540, end: 615 },
      { start: 630, end: 690 },
      { start: 810, end: 900 },
    ]);
    // rb's night ends the same evening: 23:00 is −60.
    expect(sessionScheduleFor('rb2505', 'SHFE').segments[0]).toEqual({ start: -180, end: -60, auction: 5 });
    expect(sessionScheduleFor('IF2503', 'CFFEX').segments).toEqual([{ start: 570, end: 690, auction: 5 }, { start: 780, end: 900 }]);
    // Not in the futures table: ours (zinc, night to 01:00), or the plain day session.
    expect(sessionScheduleFor('zn2503', 'SHFE').id).toBe('futures-night-0100');
    expect(sessionScheduleFor('xx2503', 'SHFE').id).toBe('futures-day');
    expect(sessionScheduleFor('600000', 'SSE')).toBe(CN_STOCK_SESSIONS);
  });
});

describe('BarGenerator, continuous schedule', () => {
  it('bars every minute of the day and restarts volume at China-time midnight', () => {
    const bars: BarData[] = [];
    const g = new BarGenerator({ onBar: (b) => bars.push(b), scheduleOf: () => CONTINUOUS_SESSIONS });
    g.updateTick(stock('2025-01-06 23:59:10', 10, 100, 1000));
    g.updateTick(stock('2025-01-07 00:00:10', 10, 150, 1500)); // new day: 150 today
    g.updateTick(stock('2025-01-07 03:00:10', 10, 160, 1600));
    expect(bars.map((b) => [b.datetime, b.volume])).toEqual([
      [cst('2025-01-06 23:59:00'), 100],
      [cst('2025-01-07 00:00:00'), 150],
    ]);
  });
});

describe('BarGenerator.current', () => {
  it('shows the minute being built as a copy, and nothing once it is finished', () => {
    const { g, bars } = rig();
    expect(g.current('600000.SSE')).toBeUndefined();
    g.updateTick(stock('2025-01-06 09:30:10', 10.1, 1000, 10_100));
    g.updateTick(stock('2025-01-06 09:30:40', 10.3, 1500, 15_250));
    const live = g.current('600000.SSE')!;
    expect(live).toEqual(stockBar('2025-01-06 09:30', 10.1, 10.3, 10.1, 10.3, 1500, 15_250));
    live.close = 0; // a copy: the generator's bar is untouched
    g.updateTick(stock('2025-01-06 09:31:00', 10.2, 1600, 16_270));
    expect(bars).toEqual([stockBar('2025-01-06 09:30', 10.1, 10.3, 10.1, 10.3, 1500, 15_250)]);
    expect(g.current('600000.SSE')).toEqual(stockBar('2025-01-06 09:31', 10.2, 10.2, 10.2, 10.2, 100, 1020));
    g.flush(cst('2025-01-06 09:32:00'));
    expect(g.current('600000.SSE')).toBeUndefined();
  });
});

describe('BarGenerator, feeds that restart and recordings that stop', () => {
  it('a feed whose day count restarts lower counts the next bar from the restart, not below zero', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 10:00:10', 10.0, 1000, 10_000));
    g.updateTick(stock('2025-01-06 10:00:40', 10.1, 1200, 12_020));
    // the gateway reconnected: its cumulative count restarts at this print's own 300 shares
    g.updateTick(stock('2025-01-06 10:01:10', 10.2, 300, 3060, { last_volume: 300 }));
    g.flush(cst('2025-01-06 10:02:00'));
    expect(bars.map((b) => [b.datetime, b.volume, b.turnover])).toEqual([
      [cst('2025-01-06 10:00:00'), 1200, 12_020],
      [cst('2025-01-06 10:01:00'), 300, 3060],
    ]);
  });

  it('a feed whose day count restarts lower inside the minute being built counts from the restart', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 10:00:10', 10.0, 1000, 10_000));
    g.updateTick(stock('2025-01-06 10:01:10', 10.1, 1200, 12_020));
    // reconnected within the 10:01 minute: the count restarts at this print's own 300 shares
    g.updateTick(stock('2025-01-06 10:01:40', 10.2, 300, 3060, { last_volume: 300 }));
    g.updateTick(stock('2025-01-06 10:01:50', 10.2, 350, 3570));
    g.flush(cst('2025-01-06 10:02:00'));
    expect(bars.map((b) => [b.datetime, b.volume, b.turnover])).toEqual([
      [cst('2025-01-06 10:00:00'), 1000, 10_000],
      [cst('2025-01-06 10:01:00'), 350, 3570],
    ]);
  });

  it('a new minute opened by a quote without a trade (the day count unchanged) has the volume of its own trades only', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 10:00:10', 10.0, 1000, 10_000));
    g.updateTick(stock('2025-01-06 10:00:40', 10.0, 1300, 13_000));
    g.updateTick(stock('2025-01-06 10:01:05', 10.0, 1300, 13_000)); // a quote update: no trade
    g.updateTick(stock('2025-01-06 10:01:30', 10.1, 1350, 13_505));
    g.flush(cst('2025-01-06 10:02:00'));
    expect(bars.map((b) => [b.datetime, b.volume, b.turnover])).toEqual([
      [cst('2025-01-06 10:00:00'), 1300, 13_000],
      [cst('2025-01-06 10:01:00'), 50, 505],
    ]);
  });

  it('names no source when the tick names none', () => {
    const { g, bars } = rig();
    const { gateway_name: _, ...bare } = stock('2025-01-06 10:00:10', 10.0, 100, 1000);
    g.updateTick(bare);
    g.finishAll();
    expect(bars[0]!.gateway_name).toBe('');
  });

  it('finishAll hands over every bar being built, whatever the time', () => {
    const { g, bars } = rig();
    g.updateTick(stock('2025-01-06 10:00:10', 10.0, 1000, 10_000));
    g.updateTick({ ...stock('2025-01-06 10:00:20', 20.0, 500, 10_000), vt_symbol: '000001.SZSE', symbol: '000001', exchange: Exchange.SZSE });
    g.flush(cst('2025-01-06 10:00:30'));
    expect(bars).toEqual([]);
    g.finishAll();
    expect(bars.map((b) => [b.vt_symbol, b.close, b.volume])).toEqual([
      ['600000.SSE', 10.0, 1000],
      ['000001.SZSE', 20.0, 500],
    ]);
    expect(g.current('600000.SSE')).toBeUndefined();
  });
});
