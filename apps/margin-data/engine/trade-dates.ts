/**
 * Calendar arithmetic on Tushare's YYYYMMDD dates, and the rule for when two of a code's
 * rows are consecutive trading days. There is no exchange calendar in the app, so the rule
 * leans on what is certain: two dates with no weekday between them are consecutive, and so
 * are two dates inside a range an import fetched completely (a weekday missing there was a
 * holiday, or a day the code had no row at the source). The day arithmetic is shared with
 * every Tushare import (electron/engine/tushare/date-windows.ts).
 */
import { dayNumber, type DateRange } from '../../../electron/engine/tushare/date-windows';

/** True when some Monday–Friday lies strictly between a and b (a < b). */
export function weekdayBetween(a: string, b: string): boolean {
  for (let n = dayNumber(a) + 1; n < dayNumber(b); n++) {
    // 1970-01-01 was a Thursday: n % 7 === 2 is Saturday, 3 is Sunday.
    const dow = ((n % 7) + 7) % 7;
    if (dow !== 2 && dow !== 3) return true;
  }
  return false;
}

/** Sorted, with overlapping or touching ranges joined. */
export function mergeRanges(ranges: readonly DateRange[]): DateRange[] {
  const sorted = [...ranges].sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
  const out: DateRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && dayNumber(r.start) <= dayNumber(last.end) + 1) {
      if (r.end > last.end) last.end = r.end;
    } else out.push({ ...r });
  }
  return out;
}

/** The consecutiveness rule above, for one code's complete ranges. */
export function consecutiveDays(complete: readonly DateRange[]): (prev: string, cur: string) => boolean {
  const merged = mergeRanges(complete);
  return (prev, cur) => !weekdayBetween(prev, cur) || merged.some((r) => r.start <= prev && cur <= r.end);
}
