/**
 * China Standard Time helpers. A-share days and sessions are in UTC+8 whatever the
 * machine's time zone is, so these never use the local zone.
 */
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The UTC+8 calendar date of an instant, as YYYY-MM-DD. */
export function tradingDayOf(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** HH:MM:SS in UTC+8. */
export function cstTimeOf(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(11, 19);
}

/** YYYY-MM-DD HH:MM:SS in UTC+8. */
export function cstDateTimeOf(ms: number): string {
  const iso = new Date(ms + CST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
