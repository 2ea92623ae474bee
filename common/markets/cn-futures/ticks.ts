/**
 * Prices on a futures tick grid. Futures ticks are not all powers of ten (0.2 for IF, 0.5 for
 * i, 0.02 for au, 5 for si), so prices are handled as whole numbers of ticks and written back
 * with the tick's own decimals.
 */

/** Decimals of a tick as written: 0.2 → 1, 0.02 → 2, 0.5 → 1, 5 → 0. */
export function tickDecimals(tick: number): number {
  const text = String(tick);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** How many ticks a price is, to the nearest tick. */
export function ticksOf(price: number, tick: number): number {
  return Math.round(price / tick);
}

/** The price of a whole number of ticks, free of float noise. */
export function priceOfTicks(ticks: number, tick: number): number {
  return Number((ticks * tick).toFixed(tickDecimals(tick)));
}

/** True when the price sits on the tick grid (allowing float noise). */
export function isOnFuturesTick(price: number, tick: number): boolean {
  const units = price / tick;
  return Math.abs(units - Math.round(units)) < 1e-6;
}
