/**
 * The six China futures exchanges and the rules that differ between them: how a close order
 * picks between today's and yesterday's position, whether price-less (market) orders are
 * taken, and how the exchange writes its contract codes. docs/futures.md gives the sources.
 */
import { Exchange } from '../../constants';

/** The futures exchanges, a subset of Exchange. */
export type FuturesExchange = Exchange.CFFEX | Exchange.SHFE | Exchange.DCE | Exchange.CZCE | Exchange.INE | Exchange.GFEX;

/** Which part of a position a close draws on: today's opens (今仓) or older ones (昨仓). */
export type PositionBucket = 'today' | 'yesterday';

/**
 * How the exchange matches a close against a position held both from today and from before:
 * - 'by-offset' (SHFE, INE): the order says which: 平今 closes today's only; 平仓 and 平昨
 *   close yesterday's only.
 * - 'today-first' (CFFEX): any close takes today's lots first, then yesterday's.
 * - 'yesterday-first' (DCE, CZCE, GFEX): any close takes yesterday's first (先开先平).
 */
export type CloseRule = 'by-offset' | 'today-first' | 'yesterday-first';

/** What differs between the futures exchanges. */
export interface FuturesExchangeRules {
  /** short Chinese name for messages, e.g. 上期所 */
  name: string;
  closeRule: CloseRule;
  /** whether the exchange takes orders without a price (市价) */
  acceptsMarketOrders: boolean;
  /** product letters in upper case in the exchange's own codes (IF2612, MA701) */
  upperCaseProduct: boolean;
  /** digits of the year in the exchange's own codes: CZCE writes MA701, the others rb2701 */
  yearDigits: 1 | 2;
}

/** Each futures exchange's rules (sources in docs/futures.md). */
export const FUTURES_EXCHANGE_RULES: Readonly<Record<FuturesExchange, FuturesExchangeRules>> = {
  [Exchange.CFFEX]: { name: '中金所', closeRule: 'today-first', acceptsMarketOrders: true, upperCaseProduct: true, yearDigits: 2 },
  [Exchange.SHFE]: { name: '上期所', closeRule: 'by-offset', acceptsMarketOrders: false, upperCaseProduct: false, yearDigits: 2 },
  [Exchange.DCE]: { name: '大商所', closeRule: 'yesterday-first', acceptsMarketOrders: true, upperCaseProduct: false, yearDigits: 2 },
  [Exchange.CZCE]: { name: '郑商所', closeRule: 'yesterday-first', acceptsMarketOrders: true, upperCaseProduct: true, yearDigits: 1 },
  [Exchange.INE]: { name: '上期能源', closeRule: 'by-offset', acceptsMarketOrders: false, upperCaseProduct: false, yearDigits: 2 },
  [Exchange.GFEX]: { name: '广期所', closeRule: 'yesterday-first', acceptsMarketOrders: true, upperCaseProduct: false, yearDigits: 2 },
};

/** True for the six futures exchanges. */
export function isFuturesExchange(exchange: Exchange): exchange is FuturesExchange {
  return Object.prototype.hasOwnProperty.call(FUTURES_EXCHANGE_RULES, exchange);
}

/** The rules of a futures exchange. */
export function futuresExchangeRules(exchange: FuturesExchange): FuturesExchangeRules {
  return FUTURES_EXCHANGE_RULES[exchange];
}
