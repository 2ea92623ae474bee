/**
 * What a double-click on a futures position puts in the trading panel: the order that closes
 * it (a long: 卖出平仓; a short: 买入平仓) with the volume closable now, by the market's own
 * rule through the seam. Where the exchange closes today's and yesterday's lots by separate
 * offsets (SHFE, INE), the panel takes yesterday's lots first with 平昨 (the older lots, as a
 * plain close there would) and says how many of today's are left for 平今; elsewhere one 平仓
 * takes everything closable.
 */
import { Direction, Offset } from '../../../common/constants';
import type { MarketRules, PositionsView } from '../../../common/markets';
import type { ContractData, PositionData } from '../../../common/objects';

/** The closing order for the panel, and a note for the trader when it covers only part. */
export interface CloseFill {
  direction: Direction;
  offset: Offset;
  volume: number;
  note?: string;
}

/** Undefined when the market has no offsets (A-shares: a sell is not a close). */
export function closeFillOf(position: PositionData, contract: ContractData, rules: MarketRules, positions: PositionsView): CloseFill | undefined {
  if (!rules.offsets(contract).includes(Offset.CLOSE)) return undefined;
  const direction = position.direction === Direction.SHORT ? Direction.LONG : Direction.SHORT;
  const closable = (offset: Offset) => rules.closable({ direction, offset }, contract, positions)?.volume ?? 0;
  const all = closable(Offset.CLOSE);
  const today = closable(Offset.CLOSETODAY);
  const yesterday = closable(Offset.CLOSEYESTERDAY);
  // A plain close that cannot take every unfrozen lot: the exchange splits 平今 from 平昨.
  const split = all < position.volume - position.frozen;
  if (!split) return { direction, offset: Offset.CLOSE, volume: all };
  if (yesterday > 0) {
    return { direction, offset: Offset.CLOSEYESTERDAY, volume: yesterday, ...(today > 0 ? { note: `已填昨仓 ${yesterday} 手（平昨）；今仓 ${today} 手请用平今` } : {}) };
  }
  return { direction, offset: Offset.CLOSETODAY, volume: today };
}
