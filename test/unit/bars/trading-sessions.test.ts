/**
 * Where a print falls (locate) at the edges of its windows, and the shape every schedule must
 * have for locate's first-match search to be right. Expected slots are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { Exchange } from '../../../common/constants';
import {
  CFFEX_BOND_SESSIONS,
  CFFEX_INDEX_SESSIONS,
  CN_STOCK_SESSIONS,
  COMMODITY_DAY_SESSIONS,
  COMMODITY_NIGHT_0100_SESSIONS,
  COMMODITY_NIGHT_2300_SESSIONS,
  CONTINUOUS_SESSIONS,
  locate,
  scheduleOfSessions,
  sessionScheduleFor,
  type SessionSchedule,
} from '../../../common/bars';
import { FUTURES_PRODUCTS } from '../../../common/markets/cn-futures/products';
import { cst } from '../../fixtures/china-time';

describe('locate at the edges of a window', () => {
  it('takes the minute after a segment’s end up to, not including, the next minute', () => {
    expect(locate(CN_STOCK_SESSIONS, cst('2025-01-06 15:00:59.999'))?.barStart).toBe(cst('2025-01-06 14:59:00'));
    expect(locate(CN_STOCK_SESSIONS, cst('2025-01-06 15:01:00'))).toBeNull();
    expect(locate(CN_STOCK_SESSIONS, cst('2025-01-06 11:30:59.999'))?.barStart).toBe(cst('2025-01-06 11:29:00'));
    expect(locate(CN_STOCK_SESSIONS, cst('2025-01-06 11:31:00'))).toBeNull();
  });

  it('opens the A-share call window at 09:15:00 exactly, into the 09:30 bar', () => {
    expect(locate(CN_STOCK_SESSIONS, cst('2025-01-06 09:15:00'))?.barStart).toBe(cst('2025-01-06 09:30:00'));
    expect(locate(CN_STOCK_SESSIONS, cst('2025-01-06 09:14:59.999'))).toBeNull();
  });

  it('says which segment a print is in, and whether its bar opens or closes the day', () => {
    const slot = (t: string) => locate(CN_STOCK_SESSIONS, cst(`2025-01-06 ${t}`));
    expect(slot('10:00:30')).toEqual({
      barStart: cst('2025-01-06 10:00:00'),
      tradingDay: '2025-01-06',
      segmentStart: cst('2025-01-06 09:30:00'),
      segmentEnd: cst('2025-01-06 11:30:00'),
      lastOfSegment: false,
      lastOfDay: false,
      firstOfDay: false,
    });
    expect(slot('14:10:00')?.segmentStart).toBe(cst('2025-01-06 13:00:00'));
    expect([slot('09:20:00')?.firstOfDay, slot('09:30:10')?.firstOfDay, slot('09:31:00')?.firstOfDay]).toEqual([true, true, false]);
    // The afternoon's first minute opens a segment, not the day.
    expect(slot('13:00:10')?.firstOfDay).toBe(false);
    expect([slot('11:29:10')?.lastOfSegment, slot('11:29:10')?.lastOfDay, slot('14:59:10')?.lastOfDay]).toEqual([true, false, true]);
  });

  it('gives a night print the next weekday, and a day print its own calendar day, weekend or not', () => {
    // Friday 21:30 copper: Monday's trading day.
    expect(locate(COMMODITY_NIGHT_0100_SESSIONS, cst('2025-01-10 21:30:00'))?.tradingDay).toBe('2025-01-13');
    // The continuous schedule has one trading day per calendar day, Saturday included.
    expect(locate(CONTINUOUS_SESSIONS, cst('2025-01-11 12:00:00'))?.tradingDay).toBe('2025-01-11');
    expect(locate(CONTINUOUS_SESSIONS, cst('2025-01-12 00:00:00'))?.tradingDay).toBe('2025-01-12');
  });
});

describe('schedules', () => {
  it('closes each product’s night session when its exchange does (none for the products without one)', () => {
    // From the exchanges' published trading hours (2024–2025): night 21:00 to this time, or no night.
    const nightClose: Record<string, string | null> = {
      ...Object.fromEntries(['rb', 'hc', 'bu', 'ru', 'fu', 'sp'].map((p) => [p, '23:00'])), // SHFE
      ...Object.fromEntries(['cu', 'al', 'zn', 'pb', 'ni', 'sn', 'ss', 'bc'].map((p) => [p, '01:00'])), // SHFE metals, INE bc
      ...Object.fromEntries(['au', 'ag', 'sc'].map((p) => [p, '02:30'])), // SHFE precious metals, INE crude
      ...Object.fromEntries(['i', 'j', 'jm', 'm', 'y', 'p', 'a', 'b', 'c', 'cs', 'l', 'pp', 'v', 'eg', 'eb', 'pg'].map((p) => [p, '23:00'])), // DCE
      ...Object.fromEntries(['MA', 'SR', 'CF', 'TA', 'RM', 'OI', 'FG', 'SA'].map((p) => [p, '23:00'])), // CZCE
      ...Object.fromEntries(['jd', 'lh', 'AP', 'CJ', 'si', 'lc'].map((p) => [p, null])),
    };
    const hhmm = (minutes: number) => `${String(Math.floor((minutes + 1440) % 1440 / 60)).padStart(2, '0')}:${String((minutes + 1440) % 60).padStart(2, '0')}`;
    for (const [product, close] of Object.entries(nightClose)) {
      const segments = sessionScheduleFor(`${product}2505`, Exchange.SHFE).segments;
      const night = segments[0]!.start < 0 ? `${hhmm(segments[0]!.start)}–${hhmm(segments[0]!.end)}` : null;
      expect(night, product).toBe(close === null ? null : `21:00–${close}`);
      // every commodity: 09:00–10:15, 10:30–11:30, 13:30–15:00
      const day = segments.filter((x) => x.start >= 0).map((x) => `${hhmm(x.start)}–${hhmm(x.end)}`);
      expect(day, product).toEqual(['09:00–10:15', '10:30–11:30', '13:30–15:00']);
    }
    // CFFEX, no night: the index futures close at 15:00, the treasury futures at 15:15, both with a 09:25 call.
    for (const p of ['IF', 'IH', 'IC', 'IM']) expect(sessionScheduleFor(`${p}2505`, Exchange.CFFEX).segments, p).toEqual([{ start: 570, end: 690, auction: 5 }, { start: 780, end: 900 }]);
    for (const p of ['TS', 'TF', 'T', 'TL']) expect(sessionScheduleFor(`${p}2506`, Exchange.CFFEX).segments, p).toEqual([{ start: 570, end: 690, auction: 5 }, { start: 780, end: 915 }]);
  });

  it('orders the futures table’s windows by time of day whatever order they are listed in, the call before the first', () => {
    const s = scheduleOfSessions('x', [
      { start: '13:30', end: '15:00' },
      { start: '09:00', end: '10:15' },
      { start: '21:00', end: '23:00', night: true },
    ]);
    expect(s.segments).toEqual([{ start: -180, end: -60, auction: 5 }, { start: 540, end: 615 }, { start: 810, end: 900 }]);
  });

  it('takes a futures product’s hours from the futures product table when it lists the product', () => {
    const cu = sessionScheduleFor('cu2503', Exchange.SHFE);
    expect(cu.id).toBe('futures-cu');
    expect(cu).toBe(sessionScheduleFor('cu2505', Exchange.SHFE));
  });

  // locate takes the first segment that holds a print, then the first whose closing minute
  // holds it, then the first whose call window holds it. That is only right when no print can
  // match two of these: segments in order, apart, and neither a closing minute nor a call
  // window reaching into another segment or into each other.
  const schedules: SessionSchedule[] = [
    CN_STOCK_SESSIONS,
    CONTINUOUS_SESSIONS,
    CFFEX_INDEX_SESSIONS,
    CFFEX_BOND_SESSIONS,
    COMMODITY_DAY_SESSIONS,
    COMMODITY_NIGHT_2300_SESSIONS,
    COMMODITY_NIGHT_0100_SESSIONS,
      ...FUTURES_PRODUCTS.map((p) => sessionScheduleFor(`${p.product_id}2501`, p.exchange)),
  ];
  it('gives every schedule a name of its own (they name the schedule in messages and in these tests)', () => {
    const ids = schedules.map((s) => s.id);
    expect(ids.every((id) => id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(schedules.map((s) => [s.id, s] as const))('%s: segments in order, apart, with closing minutes and call windows clear of each other', (_, s) => {
    const segs = s.segments;
    // The minutes each rule claims, relative to one midnight.
    const claimed = segs.flatMap((seg) => [
      [seg.start, seg.end],
      [seg.end, seg.end + 1],
      ...(seg.auction ? [[seg.start - seg.auction, seg.start]] : []),
    ]);
    for (let i = 0; i < claimed.length; i++) {
      for (let j = i + 1; j < claimed.length; j++) {
        const [a0, a1] = claimed[i]!;
        const [b0, b1] = claimed[j]!;
        expect(a1! <= b0! || b1! <= a0!, `${s.id}: [${a0}, ${a1}) and [${b0}, ${b1}) overlap`).toBe(true);
      }
    }
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.start).toBeGreaterThan(segs[i - 1]!.end);
    // A day of at most 24 hours, from the evening before to the next evening.
    expect(segs[segs.length - 1]!.end - segs[0]!.start).toBeLessThanOrEqual(24 * 60);
  });
});
