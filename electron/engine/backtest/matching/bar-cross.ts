/**
 * vn.py's bar fill rule (BacktestingEngine.cross_limit_order in bar mode): a limit order
 * resting from an earlier bar fills when the bar trades through its price — a buy when
 * low ≤ price, at min(price, open); a sell when high ≥ price, at max(price, open). A bar that
 * gaps through the price fills at the open, which is the better price the order got.
 */
import { Direction } from '../../../../common/constants';
import type { MatchBar } from './bar-order';

/** The fill price of a limit order on `bar`, or NaN when the bar does not reach it. */
export function barCrossPrice(direction: Direction.LONG | Direction.SHORT, price: number, bar: MatchBar): number {
  if (direction === Direction.LONG) return bar.low > 0 && price >= bar.low ? Math.min(price, bar.open) : NaN;
  return bar.high > 0 && price <= bar.high ? Math.max(price, bar.open) : NaN;
}
