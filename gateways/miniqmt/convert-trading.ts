/**
 * XtOrder, XtTrade, XtPosition and XtAsset → our order, trade, position and account. Pure
 * functions: which local orderid a row belongs to is decided by the caller (order-book.ts).
 */
import { Direction, Offset, OrderType, Status } from '../../common/constants';
import type { AccountData, OrderData, PositionData, TradeData } from '../../common/objects';
import { roundCents, roundTo } from '../../common/markets/price';
import * as xt from './xt-constants';
import { orderTypeEntryOf, parseXtCode, statusEntryOf, xtSuffixOf } from './xt-tables';
import { epochMs, num, str, type XtAsset, type XtOrder, type XtPosition, type XtTrade } from './xt-wire';

/** What the caller knows about the order a row belongs to. */
export interface OrderContext {
  gateway: string;
  orderid: string;
  creditAccount: boolean;
  /** the price type we sent; the counter's own price_type uses other numbers */
  type?: OrderType;
  /** who sent it, when it is ours; else the row's strategy_name */
  reference?: string;
  /** receipt time, for rows without a time */
  now: number;
}

/** Statuses whose name is worth showing beside the status (why it ended, or that a cancel is pending). */
const EXPLAINED = new Set([xt.ORDER_REPORTED_CANCEL, xt.ORDER_PARTSUCC_CANCEL, xt.ORDER_PART_CANCEL, xt.ORDER_CANCELED, xt.ORDER_JUNK, xt.ORDER_UNKNOWN]);

export function toOrder(raw: XtOrder, c: OrderContext): OrderData | undefined {
  const code = parseXtCode(str(raw.stock_code));
  if (!code) return undefined;
  const statusCode = num(raw.order_status, xt.ORDER_UNKNOWN);
  const entry = statusEntryOf(statusCode);
  const kind = orderTypeEntryOf(num(raw.order_type), c.creditAccount, num(raw.offset_flag, -1));
  const volume = num(raw.order_volume);
  const traded = Math.min(volume, num(raw.traded_volume));
  // 部成 with everything filled is 已成 in all but name; trust the volumes over the label.
  const status = entry.status === Status.PARTTRADED && volume > 0 && traded >= volume ? Status.ALLTRADED : entry.status;
  const reason = str(raw.status_msg);
  const order: OrderData = {
    gateway_name: c.gateway,
    symbol: code.symbol,
    exchange: code.exchange,
    vt_symbol: `${code.symbol}.${code.exchange}`,
    orderid: c.orderid,
    vt_orderid: `${c.gateway}.${c.orderid}`,
    type: c.type ?? OrderType.LIMIT,
    direction: kind.direction,
    offset: Offset.NONE,
    price: num(raw.price),
    volume,
    traded,
    status,
    datetime: epochMs(raw.order_time, c.now),
    reference: c.reference ?? str(raw.strategy_name),
    status_msg: reason || (EXPLAINED.has(statusCode) ? entry.label : ''),
  };
  if (c.creditAccount && kind.credit) order.credit = kind.credit;
  return order;
}

/**
 * A fill. traded_id is the exchange's trade number, unique per market, so the market goes
 * in front: a replayed fill has the same tradeid and the engine drops it by vt_tradeid.
 * XtTrade carries no fees: they are 0 here and in the counter's cash figures only.
 */
export function toTrade(raw: XtTrade, c: Omit<OrderContext, 'type' | 'reference'>): TradeData | undefined {
  const code = parseXtCode(str(raw.stock_code));
  const tradeNo = str(raw.traded_id);
  if (!code || !tradeNo) return undefined;
  const kind = orderTypeEntryOf(num(raw.order_type), c.creditAccount, num(raw.offset_flag, -1));
  const tradeid = `${xtSuffixOf(code.exchange)}-${tradeNo}`;
  return {
    gateway_name: c.gateway,
    symbol: code.symbol,
    exchange: code.exchange,
    vt_symbol: `${code.symbol}.${code.exchange}`,
    orderid: c.orderid,
    vt_orderid: `${c.gateway}.${c.orderid}`,
    tradeid,
    vt_tradeid: `${c.gateway}.${tradeid}`,
    direction: kind.direction,
    offset: Offset.NONE,
    price: num(raw.traded_price),
    volume: num(raw.traded_volume),
    datetime: epochMs(raw.traded_time, c.now),
    fee: 0,
    commission: 0,
    stamp_duty: 0,
    transfer_fee: 0,
  };
}

/**
 * A holding. can_use_volume is what may be sold now (T+1 and working sells already taken
 * out), so yd_volume = can_use_volume + frozen_volume and our sellable (yd_volume − frozen)
 * is the counter's own figure.
 */
export function toPosition(raw: XtPosition, gateway: string): PositionData | undefined {
  const code = parseXtCode(str(raw.stock_code));
  if (!code) return undefined;
  const vtSymbol = `${code.symbol}.${code.exchange}`;
  const volume = num(raw.volume);
  const frozen = num(raw.frozen_volume);
  const marketValue = num(raw.market_value);
  const price = num(raw.avg_price) || num(raw.open_price);
  return {
    gateway_name: gateway,
    symbol: code.symbol,
    exchange: code.exchange,
    vt_symbol: vtSymbol,
    vt_positionid: `${gateway}.${vtSymbol}.${Direction.LONG}`,
    direction: Direction.LONG,
    volume,
    yd_volume: Math.min(volume, num(raw.can_use_volume) + frozen),
    frozen,
    price: roundTo(price, 3),
    last_price: volume > 0 ? roundTo(marketValue / volume, 3) : 0,
    pnl: roundCents(marketValue - price * volume),
  };
}

/** Cash: XtAsset.cash is 可用金额, so 资金余额 = cash + frozen_cash. */
export function toAccount(raw: XtAsset, gateway: string, accountId: string): AccountData {
  const id = str(raw.account_id) || accountId;
  const available = num(raw.cash);
  const frozen = num(raw.frozen_cash);
  return {
    gateway_name: gateway,
    accountid: id,
    vt_accountid: `${gateway}.${id}`,
    balance: roundCents(available + frozen),
    frozen,
    available,
    market_value: num(raw.market_value),
  };
}
