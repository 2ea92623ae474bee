/**
 * The SIM exchange's trading days: weekdays in UTC+8. Holidays are not modelled; a trader
 * settles days by hand with 日终结算, so a holiday is simply a day nobody settles.
 */
import { tradingDayOf } from '../../common/time';

const DAY_MS = 86_400_000;

function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The day itself if it is a weekday, else the following Monday. */
export function rollToWeekday(day: string): string {
  const wd = weekdayOf(day);
  if (wd === 6) return addDays(day, 2);
  if (wd === 0) return addDays(day, 1);
  return day;
}

/** The next weekday after `day`. */
export function nextTradingDay(day: string): string {
  return rollToWeekday(addDays(day, 1));
}

/** The simulated day a fresh account starts on: today in UTC+8, or Monday at a weekend. */
export function firstTradingDay(nowMs: number): string {
  return rollToWeekday(tradingDayOf(nowMs));
}
