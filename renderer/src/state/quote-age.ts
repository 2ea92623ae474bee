/**
 * When each code's last quote arrived in this window. Exchanges send a snapshot every few
 * seconds even when nothing trades, so a quote older than QUOTE_STALE_MS means the feed has
 * stopped (a lost subscription, a dropped link, a closed market) and the window shows it as
 * stale instead of passing an old price off as the current one.
 */
import type { TickData } from '../../../common/objects';

/** Two missed 3-second exchange snapshots. */
export const QUOTE_STALE_MS = 6000;

const arrived = new Map<string, number>();

export function noteTicks(ticks: readonly Pick<TickData, 'vt_symbol'>[], now = Date.now()): void {
  for (const t of ticks) arrived.set(t.vt_symbol, now);
}

/** Milliseconds since the code's last quote arrived; Infinity when none has (only a snapshot's). */
export function quoteAge(vtSymbol: string, now = Date.now()): number {
  const at = arrived.get(vtSymbol);
  return at === undefined ? Number.POSITIVE_INFINITY : now - at;
}

export function isStale(vtSymbol: string, now = Date.now()): boolean {
  return quoteAge(vtSymbol, now) > QUOTE_STALE_MS;
}
