/**
 * Calendar arithmetic on Tushare's YYYYMMDD dates, and how an import's date range is cut
 * into calls. Tushare caps the rows one call returns and says nothing when it truncates, so
 * every import (两融数据's margin_detail, K线's daily and minute bars) asks in windows and
 * halves a window whose reply reached the cap.
 */

/** An inclusive range of YYYYMMDD dates. */
export interface DateRange {
  start: string;
  end: string;
}

/** Days since 1970-01-01 (UTC) of a YYYYMMDD date. */
export function dayNumber(ymd: string): number {
  return Math.floor(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))) / 86_400_000);
}

/** The YYYYMMDD date of a day number. */
export function fromDayNumber(n: number): string {
  const d = new Date(n * 86_400_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** `days` calendar days after (or before, when negative) a YYYYMMDD date. */
export function addDays(ymd: string, days: number): string {
  return fromDayNumber(dayNumber(ymd) + days);
}

/** start..end (inclusive) in windows of `days` calendar days, oldest first. */
export function splitRange(start: string, end: string, days: number): DateRange[] {
  const out: DateRange[] = [];
  for (let n = dayNumber(start); n <= dayNumber(end); n += days) {
    const last = Math.min(n + days - 1, dayNumber(end));
    out.push({ start: fromDayNumber(n), end: fromDayNumber(last) });
  }
  return out;
}

/** The two halves of a window, or null for a single day. */
export function halve(range: DateRange): [DateRange, DateRange] | null {
  const span = dayNumber(range.end) - dayNumber(range.start);
  if (span < 1) return null;
  const mid = addDays(range.start, Math.floor(span / 2));
  return [
    { start: range.start, end: mid },
    { start: addDays(mid, 1), end: range.end },
  ];
}
