/**
 * The futures products the SIM lists, with each exchange's published contract terms: size
 * (合约乘数), tick, sessions and last-trading-day rule from the contract specifications;
 * margin ratio, limit ratio and fees at their typical exchange level of 2024–2025. The
 * exchanges change margins, limits and fees by notice (before holidays, near delivery, in
 * volatile weeks) and brokers add their own margin and fees on top, so a real counter's
 * figures always replace these. docs/futures.md gives the sources.
 */
import { Exchange } from '../../constants';
import type { CommissionRates } from '../../objects';
import type { FuturesExchange } from './exchanges';
import { COMMODITY_DAY, CFFEX_INDEX_DAY, NIGHT_TO_0100, NIGHT_TO_0230, NIGHT_TO_2300, type TradingSession } from './sessions';

/** How the last trading day (最后交易日) of a contract month is set. */
export type ExpiryRule =
  /** the third Friday of the contract month (CFFEX stock-index futures) */
  | { kind: 'third-friday' }
  /** this day of the contract month, or the next trading day (SHFE metals: the 15th) */
  | { kind: 'day-of-month'; day: number }
  /** the n-th trading day of the contract month (DCE, CZCE, GFEX: the 10th) */
  | { kind: 'nth-trading-day'; n: number }
  /** the last trading day of the month before the contract month (INE crude oil) */
  | { kind: 'last-trading-day-of-prior-month' };

/**
 * Which contract is the main (主力) one on a date. 'index-monthly': CFFEX's current-month
 * contract until its last trading day, then the next month. 'active-months': the first of
 * the product's active delivery months at least `leadMonths` calendar months ahead, since
 * liquidity leaves a contract before its delivery month.
 */
export type MainContractRule =
  | { kind: 'index-monthly' }
  | { kind: 'active-months'; months: readonly number[]; leadMonths: number };

/** A product's contract terms, common to all its delivery months. */
export interface FuturesProductSpec {
  /** product code as the exchange writes it: IF, rb, MA */
  product_id: string;
  exchange: FuturesExchange;
  name: string;
  /** contract multiplier: units of the quote per lot (CNY per index point for IF) */
  size: number;
  /** unit the price is quoted in, for display */
  quote_unit: string;
  pricetick: number;
  /** speculative margin, both directions, fraction of contract value */
  margin_ratio: number;
  /** daily limit as a fraction of the previous settlement price */
  limit_ratio: number;
  commission: CommissionRates;
  sessions: readonly TradingSession[];
  /** largest limit order, lots */
  max_limit_volume: number;
  /** largest market order, lots; 0 where the exchange takes no market orders */
  max_market_volume: number;
  expiry: ExpiryRule;
  main: MainContractRule;
  /** a plausible price level (2025) for the SIM's first quote */
  reference_price: number;
}

function byMoney(open: number, close: number, closeToday: number): CommissionRates {
  return {
    open_ratio_by_money: open, open_ratio_by_volume: 0,
    close_ratio_by_money: close, close_ratio_by_volume: 0,
    close_today_ratio_by_money: closeToday, close_today_ratio_by_volume: 0,
  };
}

function perLot(open: number, close: number, closeToday: number): CommissionRates {
  return {
    open_ratio_by_money: 0, open_ratio_by_volume: open,
    close_ratio_by_money: 0, close_ratio_by_volume: close,
    close_today_ratio_by_money: 0, close_today_ratio_by_volume: closeToday,
  };
}

const INDEX_FEES = byMoney(0.000023, 0.000023, 0.00023);
const INDEX_MAIN: MainContractRule = { kind: 'index-monthly' };
const THIRD_FRIDAY: ExpiryRule = { kind: 'third-friday' };
const TENTH_TRADING_DAY: ExpiryRule = { kind: 'nth-trading-day', n: 10 };
const FIFTEENTH: ExpiryRule = { kind: 'day-of-month', day: 15 };
const JAN_MAY_SEP: MainContractRule = { kind: 'active-months', months: [1, 5, 9], leadMonths: 2 };
const EVERY_MONTH: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

const index = (product_id: string, name: string, size: number, margin: number, reference_price: number): FuturesProductSpec => ({
  product_id, exchange: Exchange.CFFEX, name, size, quote_unit: '点', pricetick: 0.2, margin_ratio: margin, limit_ratio: 0.1,
  commission: INDEX_FEES, sessions: CFFEX_INDEX_DAY, max_limit_volume: 20, max_market_volume: 10,
  expiry: THIRD_FRIDAY, main: INDEX_MAIN, reference_price,
});

/** The products the SIM lists (figures and their caveats in docs/futures.md). */
export const FUTURES_PRODUCTS: readonly FuturesProductSpec[] = [
  index('IF', '沪深300股指', 300, 0.12, 3900),
  index('IH', '上证50股指', 300, 0.12, 2700),
  index('IC', '中证500股指', 200, 0.14, 5800),
  index('IM', '中证1000股指', 200, 0.15, 6200),
  {
    product_id: 'rb', exchange: Exchange.SHFE, name: '螺纹钢', size: 10, quote_unit: '元/吨', pricetick: 1,
    margin_ratio: 0.08, limit_ratio: 0.06, commission: byMoney(0.0001, 0.0001, 0.0001),
    sessions: [...COMMODITY_DAY, NIGHT_TO_2300], max_limit_volume: 500, max_market_volume: 0,
    expiry: FIFTEENTH, main: { kind: 'active-months', months: [1, 5, 10], leadMonths: 2 }, reference_price: 3200,
  },
  {
    product_id: 'cu', exchange: Exchange.SHFE, name: '铜', size: 5, quote_unit: '元/吨', pricetick: 10,
    margin_ratio: 0.09, limit_ratio: 0.07, commission: byMoney(0.00005, 0.00005, 0.0001),
    sessions: [...COMMODITY_DAY, NIGHT_TO_0100], max_limit_volume: 500, max_market_volume: 0,
    expiry: FIFTEENTH, main: { kind: 'active-months', months: EVERY_MONTH, leadMonths: 2 }, reference_price: 78000,
  },
  {
    product_id: 'au', exchange: Exchange.SHFE, name: '黄金', size: 1000, quote_unit: '元/克', pricetick: 0.02,
    margin_ratio: 0.1, limit_ratio: 0.08, commission: perLot(10, 10, 0),
    sessions: [...COMMODITY_DAY, NIGHT_TO_0230], max_limit_volume: 500, max_market_volume: 0,
    expiry: FIFTEENTH, main: { kind: 'active-months', months: [6, 12], leadMonths: 1 }, reference_price: 780,
  },
  {
    product_id: 'ag', exchange: Exchange.SHFE, name: '白银', size: 15, quote_unit: '元/千克', pricetick: 1,
    margin_ratio: 0.11, limit_ratio: 0.1, commission: byMoney(0.00005, 0.00005, 0.00005),
    sessions: [...COMMODITY_DAY, NIGHT_TO_0230], max_limit_volume: 500, max_market_volume: 0,
    expiry: FIFTEENTH, main: { kind: 'active-months', months: [6, 12], leadMonths: 1 }, reference_price: 8000,
  },
  {
    product_id: 'sc', exchange: Exchange.INE, name: '原油', size: 1000, quote_unit: '元/桶', pricetick: 0.1,
    margin_ratio: 0.1, limit_ratio: 0.08, commission: perLot(20, 20, 0),
    sessions: [...COMMODITY_DAY, NIGHT_TO_0230], max_limit_volume: 500, max_market_volume: 0,
    expiry: { kind: 'last-trading-day-of-prior-month' }, main: { kind: 'active-months', months: EVERY_MONTH, leadMonths: 2 },
    reference_price: 520,
  },
  {
    product_id: 'i', exchange: Exchange.DCE, name: '铁矿石', size: 100, quote_unit: '元/吨', pricetick: 0.5,
    margin_ratio: 0.13, limit_ratio: 0.11, commission: byMoney(0.0001, 0.0001, 0.0001),
    sessions: [...COMMODITY_DAY, NIGHT_TO_2300], max_limit_volume: 1000, max_market_volume: 1000,
    expiry: TENTH_TRADING_DAY, main: JAN_MAY_SEP, reference_price: 780,
  },
  {
    product_id: 'm', exchange: Exchange.DCE, name: '豆粕', size: 10, quote_unit: '元/吨', pricetick: 1,
    margin_ratio: 0.07, limit_ratio: 0.06, commission: perLot(1.5, 1.5, 1.5),
    sessions: [...COMMODITY_DAY, NIGHT_TO_2300], max_limit_volume: 1000, max_market_volume: 1000,
    expiry: TENTH_TRADING_DAY, main: JAN_MAY_SEP, reference_price: 2900,
  },
  {
    product_id: 'MA', exchange: Exchange.CZCE, name: '甲醇', size: 10, quote_unit: '元/吨', pricetick: 1,
    margin_ratio: 0.08, limit_ratio: 0.07, commission: perLot(2, 2, 6),
    sessions: [...COMMODITY_DAY, NIGHT_TO_2300], max_limit_volume: 1000, max_market_volume: 200,
    expiry: TENTH_TRADING_DAY, main: JAN_MAY_SEP, reference_price: 2400,
  },
  {
    product_id: 'SR', exchange: Exchange.CZCE, name: '白糖', size: 10, quote_unit: '元/吨', pricetick: 1,
    margin_ratio: 0.07, limit_ratio: 0.06, commission: perLot(3, 3, 0),
    sessions: [...COMMODITY_DAY, NIGHT_TO_2300], max_limit_volume: 1000, max_market_volume: 200,
    expiry: TENTH_TRADING_DAY, main: JAN_MAY_SEP, reference_price: 5800,
  },
  {
    product_id: 'si', exchange: Exchange.GFEX, name: '工业硅', size: 5, quote_unit: '元/吨', pricetick: 5,
    margin_ratio: 0.1, limit_ratio: 0.08, commission: byMoney(0.0001, 0.0001, 0.0001),
    sessions: COMMODITY_DAY, max_limit_volume: 1000, max_market_volume: 200,
    expiry: TENTH_TRADING_DAY, main: JAN_MAY_SEP, reference_price: 9000,
  },
];

const BY_ID: ReadonlyMap<string, FuturesProductSpec> = new Map(FUTURES_PRODUCTS.map((p) => [p.product_id, p]));

/** The spec of a product by its code as the exchange writes it (rb, IF, MA); undefined if not in the table. */
export function productSpecOf(productId: string): FuturesProductSpec | undefined {
  return BY_ID.get(productId);
}
