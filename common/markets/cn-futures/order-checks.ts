/**
 * The checks a futures order must pass before it is sent, each returning the same
 * RuleViolation {code, message} as the A-share order rules, with the message in Chinese.
 * checkFuturesOrder runs them in the order a trader would want to hear them.
 *
 * Price-less IOC/FOK orders are market orders (市价): only CFFEX, DCE, CZCE and GFEX take
 * them, within the contract's market-order volume bounds. With a price they are FAK/FOK
 * limit orders, within the limit-order bounds.
 */
import { Direction, MARKET_TYPES_BY_EXCHANGE, Offset, OrderType } from '../../constants';
import type { OrderRequest } from '../../objects';
import type { RuleViolation } from '../market-rules';
import { futuresExchangeRules } from './exchanges';
import type { FuturesContract } from './futures-contract';
import type { OrderFreeze } from './account';
import { checkCloseVolume, isCloseOffset, offsetLabel } from './offset-converter';
import type { FuturesHolding } from './position';
import { isOnFuturesTick } from './ticks';

function violation(code: string, message: string): RuleViolation {
  return { code, message };
}

/** A price-less non-limit order: a market order. */
export function isMarketOrder(type: OrderType, price: number): boolean {
  return type !== OrderType.LIMIT && !(price > 0);
}

/** 买 (多) or 卖 (空): a net direction means nothing to a futures exchange. */
export function checkFuturesDirection(direction: Direction): RuleViolation | null {
  if (direction === Direction.LONG || direction === Direction.SHORT) return null;
  return violation('DIRECTION_INVALID', `期货委托方向须为买（多）或卖（空），当前为“${direction}”`);
}

/** 开仓, 平仓, 平今 or 平昨 must be given: a futures order without one is ambiguous. */
export function checkFuturesOffset(offset: Offset): RuleViolation | null {
  if (offset === Offset.OPEN || isCloseOffset(offset)) return null;
  return violation('OFFSET_REQUIRED', '期货委托须指明开平：开仓、平仓、平今或平昨');
}

/** Limit, FAK (IOC) and FOK only; market orders only where the exchange takes them. */
export function checkFuturesOrderType(contract: FuturesContract, type: OrderType, price: number): RuleViolation | null {
  const rules = futuresExchangeRules(contract.exchange);
  if (type !== OrderType.LIMIT && !MARKET_TYPES_BY_EXCHANGE[contract.exchange].includes(type)) {
    return violation('ORDER_TYPE', `${rules.name}不支持“${type}”委托，期货可用限价、FAK（即时成交剩余撤销）或 FOK（全额成交或撤单）`);
  }
  if (isMarketOrder(type, price)) {
    if (!rules.acceptsMarketOrders) return violation('MARKET_ORDER', `${rules.name}不接受市价委托：FAK/FOK 委托须带限价`);
    if (contract.max_market_volume <= 0) {
      return violation('MARKET_ORDER', `${contract.symbol} 不接受市价委托（市价单最大下单量为 0）：FAK/FOK 委托须带限价`);
    }
  }
  return null;
}

/** Whole lots within the contract's bounds for the order's kind (limit or market). */
export function checkFuturesVolume(contract: FuturesContract, type: OrderType, price: number, volume: number): RuleViolation | null {
  if (!Number.isInteger(volume) || volume <= 0) {
    return violation('VOLUME_INVALID', `委托数量必须为正整数（手），当前为 ${volume}`);
  }
  const market = isMarketOrder(type, price);
  const kind = market ? '市价' : '限价';
  const min = market ? contract.min_market_volume : contract.min_volume;
  const max = market ? contract.max_market_volume : contract.max_limit_volume;
  if (volume < min) return violation('MIN_ORDER_VOLUME', `${contract.symbol} ${kind}单每笔至少 ${min} 手，当前为 ${volume} 手`);
  if (volume > max) return violation('MAX_ORDER_VOLUME', `${contract.symbol} ${kind}单每笔最多 ${max} 手，当前为 ${volume} 手`);
  return null;
}

/** A priced order: on the tick grid and within today's limits. Market orders carry no price. */
export function checkFuturesPrice(contract: FuturesContract, type: OrderType, price: number): RuleViolation | null {
  if (isMarketOrder(type, price)) return null;
  if (!Number.isFinite(price) || price <= 0) return violation('PRICE_INVALID', `委托价格必须大于 0，当前为 ${price}`);
  if (!isOnFuturesTick(price, contract.pricetick)) {
    return violation('PRICE_TICK', `委托价格须为最小变动价位 ${contract.pricetick} 的整数倍，当前为 ${price}`);
  }
  if (contract.limit_up > 0 && price > contract.limit_up + 1e-9) {
    return violation('PRICE_LIMIT', `委托价格 ${price} 高于涨停价 ${contract.limit_up}`);
  }
  if (contract.limit_down > 0 && price < contract.limit_down - 1e-9) {
    return violation('PRICE_LIMIT', `委托价格 ${price} 低于跌停价 ${contract.limit_down}`);
  }
  return null;
}

/** No trading after the contract's last trading day. */
export function checkNotExpired(contract: FuturesContract, tradingDay: string): RuleViolation | null {
  if (tradingDay <= contract.expiry) return null;
  return violation('CONTRACT_EXPIRED', `${contract.symbol} 已于 ${contract.expiry} 到期，不能交易`);
}

/** The order's freeze (margin for an open, commission always) must fit the available funds. */
export function checkFuturesFunds(freeze: OrderFreeze, available: number, offset: Offset): RuleViolation | null {
  const need = freeze.margin + freeze.commission;
  if (need <= available + 1e-9) return null;
  const parts = offset === Offset.OPEN ? `保证金 ${freeze.margin.toFixed(2)} 元、手续费 ${freeze.commission.toFixed(2)} 元` : `手续费 ${freeze.commission.toFixed(2)} 元`;
  return violation('INSUFFICIENT_FUNDS', `可用资金不足：${offsetLabel(offset)}需${parts}，可用 ${available.toFixed(2)} 元`);
}

/** What the order checks need besides the order and the contract. */
export interface FuturesOrderContext {
  /** this contract's holding, frozen lots up to date */
  holding: FuturesHolding;
  /** the account's 可用资金 */
  available: number;
  /** what this order would freeze (account.ts orderFreeze) */
  freeze: OrderFreeze;
  /** today's trading day (YYYY-MM-DD), to refuse an expired contract; unchecked when absent */
  trading_day?: string;
}

/** Every futures order rule, first violation first. */
export function checkFuturesOrder(req: OrderRequest, contract: FuturesContract, ctx: FuturesOrderContext): RuleViolation | null {
  return (
    (ctx.trading_day !== undefined ? checkNotExpired(contract, ctx.trading_day) : null) ??
    checkFuturesDirection(req.direction) ??
    checkFuturesOffset(req.offset) ??
    checkFuturesOrderType(contract, req.type, req.price) ??
    checkFuturesVolume(contract, req.type, req.price, req.volume) ??
    checkFuturesPrice(contract, req.type, req.price) ??
    checkCloseVolume(ctx.holding, contract.exchange, req.direction, req.offset, req.volume) ??
    checkFuturesFunds(ctx.freeze, ctx.available, req.offset)
  );
}
