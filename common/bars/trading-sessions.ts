/**
 * Trading sessions, for cutting ticks into bars: which minute bar a print belongs to and which
 * trading day. All times are China time (UTC+8) whatever the machine's zone.
 *
 * A schedule is a list of continuous trading segments in minutes from a midnight. A day
 * segment lies after that midnight (09:30 = 570); a night segment starts before it (21:00 =
 * −180) and may run past it (01:00 = 60), so a night session is written relative to the
 * midnight that ends its evening — the one of the next calendar day. Rules:
 *  - a print inside [start, end) belongs to the bar of its minute;
 *  - a print in the minute after a segment's end (11:30:xx, 15:00:xx) belongs to the
 *    segment's last bar: the exchanges publish the closing auction's result at 15:00;
 *  - a print in a segment's opening-auction window (A-shares 09:15–09:30, futures five
 *    minutes) belongs to its first bar, so the auction's trade opens the first bar;
 *  - a night session belongs to the next trading day (Friday night → Monday). There is no
 *    holiday calendar here: the next weekday is taken, which is right because the exchanges
 *    hold no night session before a holiday.
 */
import { Exchange } from '../constants';
import { productSpecOf } from '../markets/cn-futures/products';
import type { TradingSession } from '../markets/cn-futures/sessions';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** One continuous stretch of trading, in minutes from a midnight (see the file comment). */
export interface TradingSegment {
  start: number;
  end: number;
  /** minutes before `start` whose prints (the opening auction) open the first bar */
  auction?: number;
}

export interface SessionSchedule {
  /** a name for messages and tests, e.g. cn-stock, futures-night-0100 */
  id: string;
  /** in trading-day order: a night segment first */
  segments: readonly TradingSegment[];
}

/** Where a print falls. */
export interface SessionSlot {
  /** start of its minute bar, epoch ms */
  barStart: number;
  /** YYYY-MM-DD */
  tradingDay: string;
  /** start and end of its segment, epoch ms */
  segmentStart: number;
  segmentEnd: number;
  /** its bar is the segment's last minute */
  lastOfSegment: boolean;
  /** its bar is the trading day's last minute */
  lastOfDay: boolean;
  /** its bar is the trading day's first minute (the opening auction's prints included) */
  firstOfDay: boolean;
}

const hm = (h: number, m: number): number => h * 60 + m;

/** A-shares (SSE, SZSE, BSE): 09:30–11:30 and 13:00–15:00, the 09:15–09:25 call in the first bar. */
export const CN_STOCK_SESSIONS: SessionSchedule = {
  id: 'cn-stock',
  segments: [
    { start: hm(9, 30), end: hm(11, 30), auction: 15 },
    { start: hm(13, 0), end: hm(15, 0) },
  ],
};

/** Every minute of the China-time day, one trading day per calendar day: no sessions at all. */
export const CONTINUOUS_SESSIONS: SessionSchedule = { id: 'continuous', segments: [{ start: 0, end: 24 * 60 }] };

/** CFFEX stock-index futures (IF, IH, IC, IM): as A-shares, with a 5-minute opening call. */
export const CFFEX_INDEX_SESSIONS: SessionSchedule = {
  id: 'cffex-index',
  segments: [
    { start: hm(9, 30), end: hm(11, 30), auction: 5 },
    { start: hm(13, 0), end: hm(15, 0) },
  ],
};

/** CFFEX treasury futures (TS, TF, T, TL): the afternoon runs to 15:15. */
export const CFFEX_BOND_SESSIONS: SessionSchedule = {
  id: 'cffex-bond',
  segments: [
    { start: hm(9, 30), end: hm(11, 30), auction: 5 },
    { start: hm(13, 0), end: hm(15, 15) },
  ],
};

/** Commodity futures' day session: 09:00–10:15, 10:30–11:30, 13:30–15:00. */
const COMMODITY_DAY: readonly TradingSegment[] = [
  { start: hm(9, 0), end: hm(10, 15) },
  { start: hm(10, 30), end: hm(11, 30) },
  { start: hm(13, 30), end: hm(15, 0) },
];

function commodity(id: string, nightEnd?: number): SessionSchedule {
  if (nightEnd === undefined) {
    return { id, segments: [{ ...COMMODITY_DAY[0]!, auction: 5 }, ...COMMODITY_DAY.slice(1)] };
  }
  // The night segment opens the trading day; 21:00 is −180 minutes from the next midnight.
  return { id, segments: [{ start: hm(21, 0) - 24 * 60, end: nightEnd, auction: 5 }, ...COMMODITY_DAY] };
}

export const COMMODITY_DAY_SESSIONS = commodity('futures-day');
/** night session 21:00–23:00 */
export const COMMODITY_NIGHT_2300_SESSIONS = commodity('futures-night-2300', hm(23, 0) - 24 * 60);
/** night session 21:00–01:00 */
export const COMMODITY_NIGHT_0100_SESSIONS = commodity('futures-night-0100', hm(1, 0));

/**
 * Futures products by code prefix (the exchanges' own case: CZCE upper, SHFE/DCE/INE lower)
 * that the futures market's product table (common/markets/cn-futures/products.ts) does not
 * list: our own table of products whose hours we are sure of. A product the product table
 * lists takes its hours from there, so none is repeated here. A product in neither gets the
 * commodity day session without a night, as jd, lh, AP, CJ and lc trade.
 */
const FUTURES_PRODUCTS: ReadonlyMap<string, SessionSchedule> = new Map([
  ...['IF', 'IH', 'IC', 'IM'].map((p) => [p, CFFEX_INDEX_SESSIONS] as const),
  ...['TS', 'TF', 'T', 'TL'].map((p) => [p, CFFEX_BOND_SESSIONS] as const),
  ...['hc', 'bu', 'ru', 'fu', 'sp', 'j', 'jm', 'y', 'p', 'a', 'b', 'c', 'cs', 'l', 'pp', 'v', 'eg', 'eb', 'pg', 'CF', 'TA', 'RM', 'OI', 'FG', 'SA'].map(
    (p) => [p, COMMODITY_NIGHT_2300_SESSIONS] as const,
  ),
  ...['al', 'zn', 'pb', 'ni', 'sn', 'ss', 'bc'].map((p) => [p, COMMODITY_NIGHT_0100_SESSIONS] as const),
]);

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The futures table's sessions as a schedule: the night window first, relative to the next midnight. */
export function scheduleOfSessions(id: string, sessions: readonly TradingSession[]): SessionSchedule {
  const night = sessions.filter((x) => x.night).map((x): TradingSegment => {
    const start = minutesOf(x.start) - 24 * 60;
    const end = minutesOf(x.end);
    // An end before the start is past midnight (01:00 → 60); otherwise the same evening (23:00 → −60).
    return { start, end: end < minutesOf(x.start) ? end : end - 24 * 60 };
  });
  const day = sessions.filter((x) => !x.night).map((x): TradingSegment => ({ start: minutesOf(x.start), end: minutesOf(x.end) }));
  const segments = [...night, ...day].sort((a, b) => a.start - b.start);
  // The opening call: five minutes before the trading day's first window.
  return { id, segments: segments.map((seg, i) => (i === 0 ? { ...seg, auction: 5 } : seg)) };
}

const fromProductTable = new Map<string, SessionSchedule>();

const STOCK_EXCHANGES: ReadonlySet<string> = new Set([Exchange.SSE, Exchange.SZSE, Exchange.BSE]);

/** The schedule for a code: A-share exchanges, else a futures product by its prefix. */
export function sessionScheduleFor(symbol: string, exchange: string): SessionSchedule {
  if (STOCK_EXCHANGES.has(exchange)) return CN_STOCK_SESSIONS;
  const product = /^[A-Za-z]+/.exec(symbol)?.[0] ?? '';
  const spec = productSpecOf(product);
  if (spec) {
    let s = fromProductTable.get(product);
    if (!s) fromProductTable.set(product, (s = scheduleOfSessions(`futures-${product}`, spec.sessions)));
    return s;
  }
  return FUTURES_PRODUCTS.get(product) ?? COMMODITY_DAY_SESSIONS;
}

/** Epoch ms of the China-time midnight at or before `ms`. */
export function cstMidnight(ms: number): number {
  return Math.floor((ms + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
}

/** YYYY-MM-DD of a China-time midnight. */
function dateOf(midnight: number): string {
  return new Date(midnight + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a China-time midnight. */
function weekdayOf(midnight: number): number {
  return new Date(midnight + CST_OFFSET_MS).getUTCDay();
}

/** The China-time midnight of a YYYY-MM-DD day. */
export function dayStart(tradingDay: string): number {
  return Date.parse(`${tradingDay}T00:00:00+08:00`);
}

/** The Monday (YYYY-MM-DD) of a trading day's week. */
export function weekOf(tradingDay: string): string {
  const midnight = dayStart(tradingDay);
  const back = (weekdayOf(midnight) + 6) % 7;
  return dateOf(midnight - back * DAY_MS);
}

/** The first weekday on or after a midnight. */
function weekdayOnOrAfter(midnight: number): number {
  let m = midnight;
  while (weekdayOf(m) === 0 || weekdayOf(m) === 6) m += DAY_MS;
  return m;
}

/**
 * The bar slot of a print at `ms`, or null when it falls outside every session (lunch,
 * night for A-shares, after the close).
 */
export function locate(schedule: SessionSchedule, ms: number): SessionSlot | null {
  const today = cstMidnight(ms);
  // Relative to today's midnight (day segments, and a night's hours after midnight), then
  // to tomorrow's (a night's evening hours, negative minutes).
  for (const base of [today, today + DAY_MS]) {
    const rel = (ms - base) / MINUTE_MS;
    const segs = schedule.segments;
    let hit = -1;
    let minute = 0;
    for (let i = 0; i < segs.length && hit < 0; i++) {
      const s = segs[i]!;
      if (rel >= s.start && rel < s.end) [hit, minute] = [i, Math.floor(rel)];
    }
    for (let i = 0; i < segs.length && hit < 0; i++) {
      const s = segs[i]!;
      if (rel >= s.end && rel < s.end + 1) [hit, minute] = [i, s.end - 1];
    }
    for (let i = 0; i < segs.length && hit < 0; i++) {
      const s = segs[i]!;
      if (s.auction && rel >= s.start - s.auction && rel < s.start) [hit, minute] = [i, s.start];
    }
    if (hit < 0) continue;
    const seg = segs[hit]!;
    // A night segment's trading day is the first weekday from the midnight that ends its evening.
    const day = seg.start < 0 ? weekdayOnOrAfter(base) : base;
    return {
      barStart: base + minute * MINUTE_MS,
      tradingDay: dateOf(day),
      segmentStart: base + seg.start * MINUTE_MS,
      segmentEnd: base + seg.end * MINUTE_MS,
      lastOfSegment: minute === seg.end - 1,
      lastOfDay: minute === seg.end - 1 && hit === segs.length - 1,
      firstOfDay: minute === seg.start && hit === 0,
    };
  }
  return null;
}
