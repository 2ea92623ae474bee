/**
 * Counter structs (as decoded by koffi) → vn.py-style objects. These run inside counter
 * callbacks, so they build plain object literals (no spreads) and touch nothing else.
 */
import { Direction, Exchange, Offset, OrderType, Product, Status } from '../../common/constants';
import type { AccountData, ContractData, OrderData, PositionData, TradeData } from '../../common/objects';
import { boardOf, rulesFor } from '../../common/rules/board';
import { limitPrices, roundCents } from '../../common/rules/price';
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
  TSC_PRODUCT_BOND,
  TSC_PRODUCT_FUND,
  type RawAccount,
  type RawInstrument,
  type RawOrder,
  type RawPosition,
  type RawTrade,
} from './abi';
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
// unknown (and its records skipped) rather than being dressed in A-share board rules.
const EXCHANGES: ReadonlySet<string> = new Set([Exchange.SSE, Exchange.SZSE, Exchange.BSE]);

export function priceTypeOf(type: OrderType): number {
  return PRICE_TYPES[type];
}

export function directionCode(direction: Direction): number {
  return direction === Direction.SHORT ? TSC_DIR_SELL : TSC_DIR_BUY;
}

function directionOf(code: number): Direction {
  return code === TSC_DIR_SELL ? Direction.SHORT : Direction.LONG;
}

/** A counter's exchange string, or undefined for one this app does not trade. */
export function exchangeOf(text: string): Exchange | undefined {
  return EXCHANGES.has(text) ? (text as Exchange) : undefined;
}

export function statusOf(code: number): Status {
  return STATUS[code] ?? Status.REJECTED;
}

export function toOrder(raw: RawOrder, codec: TextCodec, gateway: string): OrderData | undefined {
  const exchange = exchangeOf(codec.decode(raw.exchange));
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
    offset: Offset.NONE,
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
  const exchange = exchangeOf(codec.decode(raw.exchange));
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
    offset: Offset.NONE,
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
  const exchange = exchangeOf(codec.decode(raw.exchange));
  if (!exchange) return undefined;
  const symbol = codec.decode(raw.symbol);
  const vtSymbol = `${symbol}.${exchange}`;
  const volume = Number(raw.volume);
  return {
    gateway_name: gateway,
    symbol,
    exchange,
    vt_symbol: vtSymbol,
    vt_positionid: `${gateway}.${vtSymbol}.${Direction.LONG}`,
    direction: Direction.LONG,
    volume,
    yd_volume: Number(raw.yd_volume),
    frozen: Number(raw.frozen),
    price: raw.cost_price,
    last_price: raw.last_price,
    pnl: roundCents((raw.last_price - raw.cost_price) * volume),
  };
}

export function toAccount(raw: RawAccount, codec: TextCodec, gateway: string): AccountData {
  const accountid = codec.decode(raw.account_id);
  return {
    gateway_name: gateway,
    accountid,
    vt_accountid: `${gateway}.${accountid}`,
    balance: raw.balance,
    frozen: raw.frozen,
    available: raw.available,
    market_value: raw.market_value,
  };
}

function productOf(code: number): Product {
  if (code === TSC_PRODUCT_FUND) return Product.ETF;
  if (code === TSC_PRODUCT_BOND) return Product.BOND;
  return Product.EQUITY;
}

/**
 * The counter says what it knows (tick, lots, limits); the board rules fill in what it does
 * not (per-order caps, and limits when it reports none).
 */
export function toContract(raw: RawInstrument, codec: TextCodec, gateway: string): ContractData | undefined {
  const exchange = exchangeOf(codec.decode(raw.exchange));
  if (!exchange) return undefined;
  const symbol = codec.decode(raw.symbol);
  const board = boardOf(symbol, exchange);
  const isSt = raw.is_st !== 0;
  const rules = rulesFor(board, isSt);
  const pricetick = raw.pricetick > 0 ? raw.pricetick : rules.pricetick;
  const limits = raw.limit_up > 0 ? { up: raw.limit_up, down: raw.limit_down } : limitPrices(raw.pre_close, rules.limitRatio, pricetick);
  return {
    gateway_name: gateway,
    symbol,
    exchange,
    vt_symbol: `${symbol}.${exchange}`,
    name: codec.decode(raw.name),
    product: productOf(raw.product),
    board,
    size: 1,
    pricetick,
    min_volume: raw.min_volume > 0 ? raw.min_volume : rules.minBuy,
    volume_step: raw.volume_step > 0 ? raw.volume_step : rules.buyStep,
    max_limit_volume: rules.maxLimitVolume,
    max_market_volume: rules.maxMarketVolume,
    pre_close: raw.pre_close,
    limit_up: limits.up,
    limit_down: limits.down,
    is_st: isSt,
    t0: raw.t0 !== 0,
    fin_eligible: false,
    slo_eligible: false,
  };
}
