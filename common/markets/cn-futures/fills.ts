/**
 * How a fill moves a holding: an open adds today's lots in its own direction; a close takes
 * lots from the opposite direction's position in the buckets the exchange's rule gives its
 * offset, realising close PnL in both views and paying the commission for what it took.
 */
import { Direction, Offset } from '../../constants';
import { TraderError } from '../../errors';
import { closeCommission, openCommission } from './commission';
import type { FuturesContract } from './futures-contract';
import { closeBucketOrder, isCloseOffset } from './offset-converter';
import { type FuturesHolding, closeLots, openLots, positionClosedBy, withPosition } from './position';

/** One fill as the rules need it. */
export interface FuturesFill {
  direction: Direction;
  offset: Offset;
  price: number;
  volume: number;
}

/** A fill's effect on the holding and on the account's day figures. */
export interface FillEffect {
  holding: FuturesHolding;
  /** lots opened (0 for a close) */
  opened: number;
  /** lots closed from today's position */
  closed_today: number;
  /** lots closed from yesterday's position */
  closed_yesterday: number;
  /** 平仓盈亏, 逐日盯市 */
  close_pnl: number;
  /** 平仓盈亏, 逐笔对冲 */
  close_pnl_by_trade: number;
  commission: number;
}

/**
 * Apply one fill. A close fill also releases the frozen lots it used (its order froze them);
 * withFrozen() recomputed from the working orders remains the authority. Throws
 * TraderError for an order without an offset or a close beyond the holding.
 */
export function applyFill(holding: FuturesHolding, contract: FuturesContract, fill: FuturesFill): FillEffect {
  if (fill.offset === Offset.OPEN) {
    const position = fill.direction === Direction.LONG ? holding.long : holding.short;
    return {
      holding: withPosition(holding, openLots(position, fill.price, fill.volume)),
      opened: fill.volume,
      closed_today: 0,
      closed_yesterday: 0,
      close_pnl: 0,
      close_pnl_by_trade: 0,
      commission: openCommission(contract.commission, fill.price, fill.volume, contract.size),
    };
  }
  if (!isCloseOffset(fill.offset)) throw new TraderError('OFFSET_REQUIRED', '期货成交须带开平标志（开仓、平仓、平今或平昨）');
  const position = positionClosedBy(holding, fill.direction);
  const closed = closeLots(position, closeBucketOrder(contract.exchange, fill.offset), fill.price, fill.volume, contract.size);
  const released = {
    ...closed.position,
    today_frozen: Math.max(0, closed.position.today_frozen - closed.today),
    yesterday_frozen: Math.max(0, closed.position.yesterday_frozen - closed.yesterday),
  };
  return {
    holding: withPosition(holding, released),
    opened: 0,
    closed_today: closed.today,
    closed_yesterday: closed.yesterday,
    close_pnl: closed.close_pnl,
    close_pnl_by_trade: closed.close_pnl_by_trade,
    commission: closeCommission(contract.commission, fill.price, { today: closed.today, yesterday: closed.yesterday }, contract.size),
  };
}
