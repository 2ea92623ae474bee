/**
 * Trading sessions of the futures exchanges and the trading day (交易日) a moment belongs to.
 * Times are China Standard Time whatever the machine's zone. A night session (夜盘) opens
 * the next trading day: Monday night's trades belong to Tuesday, Friday night's and those
 * after midnight into Saturday to Monday. There is no night session on the evening before a
 * holiday break. Holidays are the caller's list (YYYY-MM-DD); without one every weekday is a
 * trading day.
 */
import { cstTimeOf, tradingDayOf as cstDateOf } from '../../time';

/** One continuous-trading window, HH:MM in CST; a night window may end after midnight. */
export interface TradingSession {
  start: string;
  end: string;
  /** an evening window, which belongs to the next trading day */
  night?: boolean;
}

/** CFFEX stock-index futures (IF, IH, IC, IM): 09:30–11:30, 13:00–15:00. */
export const CFFEX_INDEX_DAY: readonly TradingSession[] = [
  { start: '09:30', end: '11:30' },
  { start: '13:00', end: '15:00' },
];

/** Commodity futures' day session with the 10:15–10:30 break. */
export const COMMODITY_DAY: readonly TradingSession[] = [
  { start: '09:00', end: '10:15' },
  { start: '10:30', end: '11:30' },
  { start: '13:30', end: '15:00' },
];

/** Night session to 23:00 (rb, i, m, MA, SR and most others with a night session). */
export const NIGHT_TO_2300: TradingSession = { start: '21:00', end: '23:00', night: true };
/** Night session to 01:00 (base metals: cu, al, zn, …). */
export const NIGHT_TO_0100: TradingSession = { start: '21:00', end: '01:00', night: true };
/** Night session to 02:30 (au, ag, sc). */
export const NIGHT_TO_0230: TradingSession = { start: '21:00', end: '02:30', night: true };

/**
 * Evenings from this hour belong to the next trading day. Nothing trades between the day
 * close (15:00) and the night call auction (20:55), so any hour in that gap would do.
 */
const EVENING_FROM_S = 18 * 3600;

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function dateOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

function isWeekday(date: string): boolean {
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** A weekday that is not a holiday. */
export function isTradingDay(date: string, holidays: ReadonlySet<string> = new Set()): boolean {
  return isWeekday(date) && !holidays.has(date);
}

/** The first trading day strictly after `date`. */
export function nextTradingDay(date: string, holidays: ReadonlySet<string> = new Set()): string {
  let d = addDays(date, 1);
  while (!isTradingDay(d, holidays)) d = addDays(d, 1);
  return d;
}

/**
 * Whether the exchanges hold a night session on the evening of `date`: the date is a trading
 * day and no holiday lies between it and the next trading day (a weekend does not count).
 */
export function hasNightSession(date: string, holidays: ReadonlySet<string> = new Set()): boolean {
  if (!isTradingDay(date, holidays)) return false;
  let d = addDays(date, 1);
  while (!isWeekday(d)) d = addDays(d, 1);
  return !holidays.has(d);
}

function secondsOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
}

function secondsOfDay(ms: number): number {
  const t = cstTimeOf(ms);
  return Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60 + Number(t.slice(6, 8));
}

/**
 * The trading day (YYYY-MM-DD) a moment belongs to: an evening belongs to the next trading
 * day; any other moment to the first trading day on or after its own date. The small hours
 * need no rule of their own: they belong to the next trading day after the evening before,
 * which is the first trading day on or after their own date.
 */
export function futuresTradingDayOf(ms: number, holidays: ReadonlySet<string> = new Set()): string {
  const date = cstDateOf(ms);
  const t = secondsOfDay(ms);
  if (t >= EVENING_FROM_S) return nextTradingDay(date, holidays);
  return isTradingDay(date, holidays) ? date : nextTradingDay(date, holidays);
}

/**
 * Whether continuous trading is open at `ms` for a product with these sessions. Windows are
 * closed at their end (15:00:00 is out). Call auctions (集合竞价) are not counted as open.
 */
export function isInSession(sessions: readonly TradingSession[], ms: number, holidays: ReadonlySet<string> = new Set()): boolean {
  const date = cstDateOf(ms);
  const t = secondsOfDay(ms);
  for (const s of sessions) {
    const start = secondsOf(s.start);
    const end = secondsOf(s.end);
    if (!s.night) {
      if (t >= start && t < end && isTradingDay(date, holidays)) return true;
      continue;
    }
    const crossesMidnight = end <= start;
    if (t >= start && (crossesMidnight || t < end) && hasNightSession(date, holidays)) return true;
    if (crossesMidnight && t < end && hasNightSession(addDays(date, -1), holidays)) return true;
  }
  return false;
}
