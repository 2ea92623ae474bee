/**
 * Daily price limits (涨跌停板) of a futures contract. Every exchange sets them from the
 * previous trading day's settlement price (昨结算), not the previous close: limit-up =
 * settlement × (1 + ratio), limit-down = settlement × (1 − ratio), each brought onto the
 * tick grid towards the settlement price (limit-up rounded down, limit-down rounded up), so
 * a limit never lies beyond the published ratio. Integer arithmetic in ticks and basis
 * points keeps it exact.
 */
import { priceOfTicks, ticksOf } from './ticks';

/** Today's limit-up and limit-down prices. */
export interface LimitPrices {
  up: number;
  down: number;
}

/** Limit-up and limit-down from the previous settlement price, the limit ratio and the tick. */
export function futuresLimitPrices(preSettlement: number, limitRatio: number, tick: number): LimitPrices {
  const base = ticksOf(preSettlement, tick);
  const bp = Math.round(limitRatio * 10_000);
  const up = Math.floor((base * (10_000 + bp)) / 10_000);
  const down = Math.max(1, Math.ceil((base * (10_000 - bp)) / 10_000));
  return { up: priceOfTicks(up, tick), down: priceOfTicks(down, tick) };
}
