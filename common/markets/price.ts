/**
 * Price and money arithmetic on exact grids. Prices live on a tick grid (0.01 or 0.001)
 * and money on cents; doing the arithmetic in integer units avoids 0.1 + 0.2 drift.
 */

/** How many decimals a tick has: 0.01 → 2, 0.001 → 3. */
export function tickDecimals(tick: number): number {
  return Math.max(0, Math.round(-Math.log10(tick)));
}

/** Nearest price on the tick grid. */
export function roundToTick(price: number, tick: number): number {
  const d = tickDecimals(tick);
  const units = Math.round(price / tick + 1e-9);
  return Number((units * tick).toFixed(d));
}

/** True when price sits on the tick grid (allowing float noise). */
export function isOnTick(price: number, tick: number): boolean {
  const units = price / tick;
  return Math.abs(units - Math.round(units)) < 1e-6;
}

/** Round half up to cents, as brokers round fees and amounts. */
export function roundCents(value: number): number {
  const sign = value < 0 ? -1 : 1;
  return (sign * Math.round(Math.abs(value) * 100 + 1e-7)) / 100;
}

/** Round half up to a given number of decimals. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const sign = value < 0 ? -1 : 1;
  return (sign * Math.round(Math.abs(value) * f + 1e-7)) / f;
}

/**
 * Limit-up and limit-down price from the previous close: round(pre_close × (1 ± ratio)) to
 * the tick, half up, as the exchanges publish them. Integer tick units keep it exact.
 */
export function limitPrices(preClose: number, ratio: number, tick: number): { up: number; down: number } {
  const d = tickDecimals(tick);
  const pc = Math.round(preClose / tick);
  const pctBasis = Math.round(ratio * 10000); // ratio in basis points, e.g. 1000 for 10 %
  const up = Math.floor((pc * (10000 + pctBasis) + 5000) / 10000);
  const down = Math.floor((pc * (10000 - pctBasis) + 5000) / 10000);
  return { up: Number((up * tick).toFixed(d)), down: Number((Math.max(down, 1) * tick).toFixed(d)) };
}
