/**
 * Taking liquidity from the displayed book. Our orders trade only against the volume the
 * quote shows, level by level, at each level's own price; what they take is removed from the
 * level so a second order on the same quote cannot trade the same shares again.
 */
import type { Level } from './quote-book';

/** One fill against one level; price in ticks. */
export interface Fill {
  price: number;
  volume: number;
}

/** True when a level at `levelPrice` is within an order's limit (buy: at or below, sell: at or above). */
export function crosses(isBuy: boolean, levelPrice: number, limit: number): boolean {
  return isBuy ? levelPrice <= limit : levelPrice >= limit;
}

/** Shares an order could take now from the first `maxLevels` opposite levels within its limit. */
export function matchableVolume(opposite: readonly Level[], isBuy: boolean, limit: number, maxLevels: number): number {
  let total = 0;
  const n = Math.min(maxLevels, opposite.length);
  for (let i = 0; i < n; i++) {
    const level = opposite[i]!;
    if (!crosses(isBuy, level.price, limit)) break;
    total += level.volume;
  }
  return total;
}

/**
 * Take up to `volume` shares from the opposite side (asks for a buy, bids for a sell), best
 * level first, stopping at the limit or after `maxLevels` levels. Mutates the levels.
 */
export function takeLiquidity(opposite: Level[], isBuy: boolean, limit: number, volume: number, maxLevels: number): Fill[] {
  const fills: Fill[] = [];
  let remaining = volume;
  const n = Math.min(maxLevels, opposite.length);
  for (let i = 0; i < n && remaining > 0; i++) {
    const level = opposite[i]!;
    if (!crosses(isBuy, level.price, limit)) break;
    if (level.volume <= 0) continue;
    const qty = Math.min(remaining, level.volume);
    level.volume -= qty;
    remaining -= qty;
    fills.push({ price: level.price, volume: qty });
  }
  return fills;
}
