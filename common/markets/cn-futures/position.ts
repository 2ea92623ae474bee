/**
 * A futures position in one direction (多 or 空) of one contract, kept as lots: today's opens
 * (今仓) and older ones (昨仓), each oldest first, at their open price. Futures are T+0: a lot
 * opened today can be closed today. Within a bucket a close takes the oldest lot first
 * (先开先平), as the exchanges match closes against position details; which bucket a close
 * takes is the exchange's rule (offset-converter.ts).
 *
 * Two profit views, as CTP reports them:
 * - 逐日盯市 (mark-to-market by day): today's lots against their open price, yesterday's
 *   against the previous settlement price. Position PnL (持仓盈亏) and close PnL (平仓盈亏)
 *   in this view are what the account's balance is made of.
 * - 逐笔对冲 (by trade): every lot against its open price, whatever day it was opened.
 *
 * Functions return new objects; nothing here mutates its input.
 */
import { Direction } from '../../constants';
import { TraderError } from '../../errors';
import { roundCents } from '../price';
import type { PositionBucket } from './exchanges';

/** The direction of a position: futures positions are long or short, never net here. */
export type PositionDirection = Direction.LONG | Direction.SHORT;

/** Lots opened at one price. */
export interface PositionLot {
  price: number;
  volume: number;
}

/** One direction of one contract, by lots. */
export interface FuturesPosition {
  direction: PositionDirection;
  /** today's opens, oldest first (今仓) */
  today: readonly PositionLot[];
  /** lots from earlier trading days, oldest first (昨仓), at their open price */
  yesterday: readonly PositionLot[];
  /** the last settlement price: yesterday's lots are marked from it */
  pre_settlement: number;
  /** today's lots held by working close orders */
  today_frozen: number;
  /** yesterday's lots held by working close orders */
  yesterday_frozen: number;
}

/** Both directions of one contract. */
export interface FuturesHolding {
  long: FuturesPosition;
  short: FuturesPosition;
}

/** What closing part of a position realised. */
export interface CloseResult {
  position: FuturesPosition;
  /** lots taken from today's and from yesterday's position */
  today: number;
  yesterday: number;
  /** 平仓盈亏, 逐日盯市: today's lots against open price, yesterday's against pre_settlement */
  close_pnl: number;
  /** 平仓盈亏, 逐笔对冲: every lot against its open price */
  close_pnl_by_trade: number;
}

/** A flat position, marked from `preSettlement` once it holds yesterday's lots. */
export function emptyPosition(direction: PositionDirection, preSettlement = 0): FuturesPosition {
  return { direction, today: [], yesterday: [], pre_settlement: preSettlement, today_frozen: 0, yesterday_frozen: 0 };
}

/** A contract with nothing held on either side. */
export function emptyHolding(preSettlement = 0): FuturesHolding {
  return { long: emptyPosition(Direction.LONG, preSettlement), short: emptyPosition(Direction.SHORT, preSettlement) };
}

function volumeOfLots(lots: readonly PositionLot[]): number {
  return lots.reduce((sum, lot) => sum + lot.volume, 0);
}

/** Σ price × volume of some lots (per unit of the quote, before the multiplier). */
export function lotsValue(lots: readonly PositionLot[]): number {
  return lots.reduce((sum, lot) => sum + lot.price * lot.volume, 0);
}

/** 今仓 */
export function todayVolume(position: FuturesPosition): number {
  return volumeOfLots(position.today);
}

/** 昨仓 */
export function yesterdayVolume(position: FuturesPosition): number {
  return volumeOfLots(position.yesterday);
}

/** 总仓 */
export function totalVolume(position: FuturesPosition): number {
  return todayVolume(position) + yesterdayVolume(position);
}

/** +1 for a long position, −1 for a short one: the sign of a price rise's profit. */
export function signOf(direction: PositionDirection): 1 | -1 {
  return direction === Direction.LONG ? 1 : -1;
}

/** 开仓均价: the average open price of every lot held; 0 when flat. */
export function averageOpenPrice(position: FuturesPosition): number {
  const volume = totalVolume(position);
  return volume === 0 ? 0 : (lotsValue(position.today) + lotsValue(position.yesterday)) / volume;
}

/** 持仓均价 (逐日盯市): today's lots at open price, yesterday's at the previous settlement; 0 when flat. */
export function positionCostPrice(position: FuturesPosition): number {
  const volume = totalVolume(position);
  return volume === 0 ? 0 : (lotsValue(position.today) + yesterdayVolume(position) * position.pre_settlement) / volume;
}

/** 持仓盈亏 (逐日盯市) at a price: sign × (price − cost basis) × volume × size. */
export function positionPnl(position: FuturesPosition, price: number, size: number): number {
  const basis = lotsValue(position.today) + yesterdayVolume(position) * position.pre_settlement;
  return roundCents(signOf(position.direction) * (price * totalVolume(position) - basis) * size);
}

/** 浮动盈亏 (逐笔对冲) at a price: every lot against its open price. */
export function floatingPnl(position: FuturesPosition, price: number, size: number): number {
  const basis = lotsValue(position.today) + lotsValue(position.yesterday);
  return roundCents(signOf(position.direction) * (price * totalVolume(position) - basis) * size);
}

/** The position after opening `volume` lots at `price` (today's lots). */
export function openLots(position: FuturesPosition, price: number, volume: number): FuturesPosition {
  const today = [...position.today];
  const last = today[today.length - 1];
  // Consecutive opens at one price make one lot: the order of lots is all FIFO needs.
  if (last && last.price === price) today[today.length - 1] = { price, volume: last.volume + volume };
  else today.push({ price, volume });
  return { ...position, today };
}

function takeOldest(lots: readonly PositionLot[], volume: number): { rest: PositionLot[]; taken: PositionLot[] } {
  const rest: PositionLot[] = [];
  const taken: PositionLot[] = [];
  let left = volume;
  for (const lot of lots) {
    if (left === 0) {
      rest.push(lot);
      continue;
    }
    const take = Math.min(left, lot.volume);
    taken.push({ price: lot.price, volume: take });
    if (lot.volume > take) rest.push({ price: lot.price, volume: lot.volume - take });
    left -= take;
  }
  return { rest, taken };
}

/**
 * The position after closing `volume` lots at `price`, drawing on the buckets in `order`
 * (the exchange's rule for the order's offset), oldest lots first. Throws
 * TraderError('OVER_CLOSE') when those buckets hold fewer lots: a fill never closes more than
 * is held, so this is a broken caller, not a trader's mistake.
 */
export function closeLots(position: FuturesPosition, order: readonly PositionBucket[], price: number, volume: number, size: number): CloseResult {
  const side = position.direction === Direction.LONG ? '多头' : '空头';
  let left = volume;
  let today = position.today;
  let yesterday = position.yesterday;
  let fromToday = 0;
  let fromYesterday = 0;
  let byTrade = 0;
  let byDate = 0;
  for (const bucket of order) {
    const lots = bucket === 'today' ? today : yesterday;
    const take = Math.min(left, volumeOfLots(lots));
    if (take === 0) continue;
    const { rest, taken } = takeOldest(lots, take);
    const tradeGain = price * take - lotsValue(taken);
    byTrade += tradeGain;
    if (bucket === 'today') {
      today = rest;
      fromToday = take;
      byDate += tradeGain;
    } else {
      yesterday = rest;
      fromYesterday = take;
      byDate += (price - position.pre_settlement) * take;
    }
    left -= take;
  }
  if (left > 0) {
    throw new TraderError('OVER_CLOSE', `平仓数量 ${volume} 手超过${side}持仓（今仓 ${todayVolume(position)} 手、昨仓 ${yesterdayVolume(position)} 手）`);
  }
  const sign = signOf(position.direction);
  return {
    position: { ...position, today, yesterday },
    today: fromToday,
    yesterday: fromYesterday,
    close_pnl: roundCents(sign * byDate * size),
    close_pnl_by_trade: roundCents(sign * byTrade * size),
  };
}

/**
 * The daily settlement of one position at the settlement price: its 逐日盯市 PnL is realised
 * (it goes into the balance), today's lots join yesterday's, and the settlement price becomes
 * the basis they are marked from tomorrow. Working orders end with the day, so nothing stays
 * frozen.
 */
export function settlePosition(position: FuturesPosition, settlementPrice: number, size: number): { position: FuturesPosition; settlement_pnl: number } {
  return {
    settlement_pnl: positionPnl(position, settlementPrice, size),
    position: {
      ...position,
      today: [],
      yesterday: [...position.yesterday, ...position.today],
      pre_settlement: settlementPrice,
      today_frozen: 0,
      yesterday_frozen: 0,
    },
  };
}

/** The position an order in `direction` closes: a buy (买入平仓) closes the short, a sell the long. */
export function positionClosedBy(holding: FuturesHolding, orderDirection: Direction): FuturesPosition {
  return orderDirection === Direction.LONG ? holding.short : holding.long;
}

/** The holding with one direction's position replaced. */
export function withPosition(holding: FuturesHolding, position: FuturesPosition): FuturesHolding {
  return position.direction === Direction.LONG ? { ...holding, long: position } : { ...holding, short: position };
}
