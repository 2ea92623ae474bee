/**
 * Counter structs (as decoded by koffi) → vn.py-style objects. These run inside counter
 * callbacks, so they build plain object literals (no spreads) and touch nothing else.
 */
import { Direction, Exchange, Offset, OrderType, Status } from '../../common/constants';
import type { AccountData, OrderData, PositionData, TickData, TradeData } from '../../common/objects';
import { roundCents } from '../../common/markets/price';
import {
  TSC_DIR_BUY,
  TSC_DIR_SELL,
  TSC_PRICE_BEST5_IOC,
  TSC_PRICE_BEST5_TO_LIMIT,
  TSC_PRICE_BEST_COUNTERPARTY,
  TSC_PRICE_BEST_OWN,
  TSC_PRICE_FOK,
  TSC_PRICE_IOC,
  TSC_PRICE_LIMIT,
  TSC_OFFSET_CLOSE,
  TSC_OFFSET_CLOSE_TODAY,
  TSC_OFFSET_CLOSE_YESTERDAY,
  TSC_OFFSET_NONE,
  TSC_OFFSET_OPEN,
  TSC_POS_NET,
  TSC_POS_SHORT,
} from './abi';
import type { RawAccount, RawOrder, RawPosition, RawTick, RawTrade } from './abi-layout';
import type { TextCodec } from './text-codec';

const STATUS: readonly Status[] = [Status.SUBMITTING, Status.NOTTRADED, Status.PARTTRADED, Status.ALLTRADED, Status.CANCELLED, Status.REJECTED];

const ORDER_TYPES: Readonly<Record<number, OrderType>> = {
  [TSC_PRICE_LIMIT]: OrderType.LIMIT,
  [TSC_PRICE_BEST_COUNTERPARTY]: OrderType.BEST_COUNTERPARTY,
  [TSC_PRICE_BEST5_TO_LIMIT]: OrderType.BEST5_TO_LIMIT,
  [TSC_PRICE_BEST_OWN]: OrderType.BEST_OWN,
  [TSC_PRICE_IOC]: OrderType.IOC,
  [TSC_PRICE_BEST5_IOC]: OrderType.BEST5_IOC,
  [TSC_PRICE_FOK]: OrderType.FOK,
};

const PRICE_TYPES: Readonly<Record<OrderType, number>> = {
  [OrderType.LIMIT]: TSC_PRICE_LIMIT,
  [OrderType.BEST_COUNTERPARTY]: TSC_PRICE_BEST_COUNTERPARTY,
  [OrderType.BEST5_TO_LIMIT]: TSC_PRICE_BEST5_TO_LIMIT,
  [OrderType.BEST_OWN]: TSC_PRICE_BEST_OWN,
  [OrderType.IOC]: TSC_PRICE_IOC,
  [OrderType.BEST5_IOC]: TSC_PRICE_BEST5_IOC,
  [OrderType.FOK]: TSC_PRICE_FOK,
};

// The v1 counter ABI carries A-shares only: a futures exchange from a v1 counter stays
// unknown (and its records skipped) rather than being dressed in A-share board rules. ABI v2
// records (they carry an offset or a position side) may come from any exchange.
const STOCK_EXCHANGES: ReadonlySet<string> = new Set([Exchange.SSE, Exchange.SZSE, Exchange.BSE]);
const ALL_EXCHANGES: ReadonlySet<string> = new Set(Object.values(Exchange));

const OFFSET_CODES: Readonly<Record<Offset, number>> = {
  [Offset.NONE]: TSC_OFFSET_NONE,
  [Offset.OPEN]: TSC_OFFSET_OPEN,
  [Offset.CLOSE]: TSC_OFFSET_CLOSE,
  [Offset.CLOSETODAY]: TSC_OFFSET_CLOSE_TODAY,
  [Offset.CLOSEYESTERDAY]: TSC_OFFSET_CLOSE_YESTERDAY,
};
const OFFSETS: readonly Offset[] = [Offset.NONE, Offset.OPEN, Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY];

/** The ABI's TSC_OFFSET_* for an order's offset. */
export function offsetCode(offset: Offset): number {
  return OFFSET_CODES[offset] ?? TSC_OFFSET_NONE;
}

/** An order's or trade's offset; a v1 library (no field) or an unknown code reads as NONE. */
export function offsetOf(code: number | undefined): Offset {
  return OFFSETS[code ?? TSC_OFFSET_NONE] ?? Offset.NONE;
}

function positionDirectionOf(code: number | undefined): Direction {
  if (code === TSC_POS_SHORT) return Direction.SHORT;
  if (code === TSC_POS_NET) return Direction.NET;
  return Direction.LONG; // v1: every holding is long
}

export function priceTypeOf(type: OrderType): number {
  return PRICE_TYPES[type];
}

export function directionCode(direction: Direction): number {
  return direction === Direction.SHORT ? TSC_DIR_SELL : TSC_DIR_BUY;
}

function directionOf(code: number): Direction {
  return code === TSC_DIR_SELL ? Direction.SHORT : Direction.LONG;
}

/**
 * A counter's exchange string, or undefined for one this app does not trade. `futures`: the
 * record can describe a futures-family instrument (an ABI v2 record), so the futures
 * exchanges are known too.
 */
export function exchangeOf(text: string, futures = false): Exchange | undefined {
  return (futures ? ALL_EXCHANGES : STOCK_EXCHANGES).has(text) ? (text as Exchange) : undefined;
}

export function statusOf(code: number): Status {
  return STATUS[code] ?? Status.REJECTED;
}

export function toOrder(raw: RawOrder, codec: TextCodec, gateway: string): OrderData | undefined {
  const exchange = exchangeOf(codec.decode(raw.exchange), raw.offset !== undefined);
  if (!exchange) return undefined;
  const symbol = codec.decode(raw.symbol);
  const orderid = codec.decode(raw.order_id);
  return {
    gateway_name: gateway,
    symbol,
    exchange,
    vt_symbol: `${symbol}.${exchange}`,
    orderid,
    vt_orderid: `${gateway}.${orderid}`,
    type: ORDER_TYPES[raw.price_type] ?? OrderType.LIMIT,
    direction: directionOf(raw.direction),
    offset: offsetOf(raw.offset),
    price: raw.price,
    volume: Number(raw.volume),
    traded: Number(raw.traded),
    status: statusOf(raw.status),
    datetime: Number(raw.update_time),
    reference: codec.decode(raw.reference),
    status_msg: codec.decode(raw.status_msg),
  };
}

export function toTrade(raw: RawTrade, codec: TextCodec, gateway: string): TradeData | undefined {
  const exchange = exchangeOf(codec.decode(raw.exchange), raw.offset !== undefined);
  if (!exchange) return undefined;
  const symbol = codec.decode(raw.symbol);
  const orderid = codec.decode(raw.order_id);
  const tradeid = codec.decode(raw.trade_id);
  return {
    gateway_name: gateway,
    symbol,
    exchange,
    vt_symbol: `${symbol}.${exchange}`,
    orderid,
    vt_orderid: `${gateway}.${orderid}`,
    tradeid,
    vt_tradeid: `${gateway}.${tradeid}`,
    direction: directionOf(raw.direction),
    offset: offsetOf(raw.offset),
    price: raw.price,
    volume: Number(raw.volume),
    datetime: Number(raw.trade_time),
    fee: roundCents(raw.commission + raw.stamp_duty + raw.transfer_fee),
    commission: raw.commission,
    stamp_duty: raw.stamp_duty,
    transfer_fee: raw.transfer_fee,
  };
}

export function toPosition(raw: RawPosition, codec: TextCodec, gateway: string): PositionData | undefined {
  const exchange = exchangeOf(codec.decode(raw.exchange), raw.direction !== undefined);
  if (!exchange) return undefined;
  const symbol = codec.decode(raw.symbol);
  const vtSymbol = `${symbol}.${exchange}`;
  const volume = Number(raw.volume);
  const direction = positionDirectionOf(raw.direction);
  const position: PositionData = {
    gateway_name: gateway,
    symbol,
    exchange,
    vt_symbol: vtSymbol,
    vt_positionid: `${gateway}.${vtSymbol}.${direction}`,
    direction,
    volume,
    yd_volume: Number(raw.yd_volume),
    frozen: Number(raw.frozen),
    price: raw.cost_price,
    last_price: raw.last_price,
    // v2 counters state their own PnL (futures: the multiplier and the settlement basis are theirs).
    pnl: raw.pnl ?? roundCents((raw.last_price - raw.cost_price) * volume),
  };
  if (raw.margin) position.margin = raw.margin;
  if (raw.open_price) position.open_price = raw.open_price;
  return position;
}

export function toAccount(raw: RawAccount, codec: TextCodec, gateway: string, futures = false): AccountData {
  const accountid = codec.decode(raw.account_id);
  const account: AccountData = {
    gateway_name: gateway,
    accountid,
    vt_accountid: `${gateway}.${accountid}`,
    balance: raw.balance,
    frozen: raw.frozen,
    available: raw.available,
    market_value: raw.market_value,
  };
  // A cash account keeps its A-share shape; a futures counter's figures are all carried, zeros included.
  if (futures && raw.margin !== undefined) {
    account.margin = raw.margin;
    account.frozen_margin = raw.frozen_margin ?? 0;
    account.frozen_commission = raw.frozen_commission ?? 0;
    account.close_pnl = raw.close_pnl ?? 0;
    account.position_pnl = raw.position_pnl ?? 0;
    account.commission = raw.commission ?? 0;
    account.pre_balance = raw.pre_balance ?? 0;
  }
  return account;
}

/** A quote as a TickData; `name` is the contract's, which the quote does not carry. */
export function toTick(raw: RawTick, codec: TextCodec, gateway: string, name: string): TickData | undefined {
  const exchange = exchangeOf(codec.decode(raw.exchange), true); // ticks are ABI v2 only
  if (!exchange) return undefined;
  const symbol = codec.decode(raw.symbol);
  const [b1, b2, b3, b4, b5] = raw.bid_price;
  const [a1, a2, a3, a4, a5] = raw.ask_price;
  const [bv1, bv2, bv3, bv4, bv5] = raw.bid_volume.map(Number);
  const [av1, av2, av3, av4, av5] = raw.ask_volume.map(Number);
  const tick: TickData = {
    gateway_name: gateway,
    symbol,
    exchange,
    vt_symbol: `${symbol}.${exchange}`,
    datetime: Number(raw.datetime),
    name,
    volume: Number(raw.volume),
    turnover: raw.turnover,
    last_price: raw.last_price,
    last_volume: 0,
    limit_up: raw.limit_up,
    limit_down: raw.limit_down,
    open_price: raw.open_price,
    high_price: raw.high_price,
    low_price: raw.low_price,
    pre_close: raw.pre_close,
    bid_price_1: b1 ?? 0, bid_price_2: b2 ?? 0, bid_price_3: b3 ?? 0, bid_price_4: b4 ?? 0, bid_price_5: b5 ?? 0,
    ask_price_1: a1 ?? 0, ask_price_2: a2 ?? 0, ask_price_3: a3 ?? 0, ask_price_4: a4 ?? 0, ask_price_5: a5 ?? 0,
    bid_volume_1: bv1 ?? 0, bid_volume_2: bv2 ?? 0, bid_volume_3: bv3 ?? 0, bid_volume_4: bv4 ?? 0, bid_volume_5: bv5 ?? 0,
    ask_volume_1: av1 ?? 0, ask_volume_2: av2 ?? 0, ask_volume_3: av3 ?? 0, ask_volume_4: av4 ?? 0, ask_volume_5: av5 ?? 0,
  };
  // Futures figures only where the source has them: a stock quote keeps the A-share shape.
  if (raw.pre_settlement > 0 || raw.open_interest > 0) {
    tick.open_interest = raw.open_interest;
    tick.pre_settlement = raw.pre_settlement;
    tick.settlement = raw.settlement;
    tick.trading_day = codec.decode(raw.trading_day);
  }
  return tick;
}
