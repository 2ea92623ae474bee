/**
 * The mapping tables between XtQuant's numbers and our objects: order status (48–57, 255),
 * order type (23/24 and the credit types 27–32), price type per exchange, and the code forms
 * (600000.SH ↔ 600000.SSE). docs/miniqmt.md prints the same tables for traders.
 */
import { Direction, Exchange, OrderType, Status } from '../../common/constants';
import { CreditOrderType, XT_CREDIT_ORDER_CODE } from '../../common/credit';
import { TraderError } from '../../common/errors';
import * as xt from './xt-constants';

export interface StatusEntry {
  status: Status;
  /** xtconstant's Chinese name, kept for the order's status_msg and the docs */
  label: string;
}

/**
 * Order status. 已报待撤/部成待撤 are still working (a cancel is on its way, fills may yet
 * come); 部撤 ends the order with a partial fill, so it is 已撤销 with traded > 0. 未知 is
 * kept working: the counter may still fill it, and a trader must be able to cancel it.
 */
export const XT_STATUS_TABLE: Readonly<Record<number, StatusEntry>> = {
  [xt.ORDER_UNREPORTED]: { status: Status.SUBMITTING, label: '未报' },
  [xt.ORDER_WAIT_REPORTING]: { status: Status.SUBMITTING, label: '待报' },
  [xt.ORDER_REPORTED]: { status: Status.NOTTRADED, label: '已报' },
  [xt.ORDER_REPORTED_CANCEL]: { status: Status.NOTTRADED, label: '已报待撤' },
  [xt.ORDER_PARTSUCC_CANCEL]: { status: Status.PARTTRADED, label: '部成待撤' },
  [xt.ORDER_PART_CANCEL]: { status: Status.CANCELLED, label: '部撤' },
  [xt.ORDER_CANCELED]: { status: Status.CANCELLED, label: '已撤' },
  [xt.ORDER_PART_SUCC]: { status: Status.PARTTRADED, label: '部成' },
  [xt.ORDER_SUCCEEDED]: { status: Status.ALLTRADED, label: '已成' },
  [xt.ORDER_JUNK]: { status: Status.REJECTED, label: '废单' },
  [xt.ORDER_UNKNOWN]: { status: Status.SUBMITTING, label: '未知' },
};

/** Our status for an order_status; a number outside the table reads as 未知. */
export function statusEntryOf(code: number): StatusEntry {
  return XT_STATUS_TABLE[code] ?? { status: Status.SUBMITTING, label: `未知（${code}）` };
}

/** What an order_type means for us: the side it trades and, on a credit account, its credit type. */
export interface OrderTypeEntry {
  direction: Direction;
  credit?: CreditOrderType;
}

/** Cash account: 23 买入, 24 卖出. */
export const XT_STOCK_ORDER_TYPES: Readonly<Record<number, OrderTypeEntry>> = {
  [xt.STOCK_BUY]: { direction: Direction.LONG },
  [xt.STOCK_SELL]: { direction: Direction.SHORT },
};

/** Credit account: 23/24 are 担保品买入/卖出, 27–32 the margin types (common/credit.ts). */
export const XT_CREDIT_ORDER_TYPES: Readonly<Record<number, OrderTypeEntry>> = {
  [xt.CREDIT_BUY]: { direction: Direction.LONG, credit: CreditOrderType.COLLATERAL_BUY },
  [xt.CREDIT_SELL]: { direction: Direction.SHORT, credit: CreditOrderType.COLLATERAL_SELL },
  [xt.CREDIT_FIN_BUY]: { direction: Direction.LONG, credit: CreditOrderType.FIN_BUY },
  [xt.CREDIT_SLO_SELL]: { direction: Direction.SHORT, credit: CreditOrderType.SLO_SELL },
  [xt.CREDIT_BUY_SECU_REPAY]: { direction: Direction.LONG, credit: CreditOrderType.BUY_SECU_REPAY },
  // 直接还券 hands held shares back: no trade, but shares leave the account like a sale.
  [xt.CREDIT_DIRECT_SECU_REPAY]: { direction: Direction.SHORT, credit: CreditOrderType.DIRECT_SECU_REPAY },
  [xt.CREDIT_SELL_SECU_REPAY]: { direction: Direction.SHORT, credit: CreditOrderType.SELL_CASH_REPAY },
  // 直接还款 moves cash only; LONG is a placeholder for "not a sale".
  [xt.CREDIT_DIRECT_CASH_REPAY]: { direction: Direction.LONG, credit: CreditOrderType.DIRECT_CASH_REPAY },
};

/**
 * Read an order_type. Types outside the tables (the _SPECIAL credit variants, ETF 申赎 …)
 * keep their side from offset_flag (48 买入, 49 卖出), so they still show the right way round.
 */
export function orderTypeEntryOf(code: number, credit: boolean, offsetFlag?: number): OrderTypeEntry {
  const entry = (credit ? XT_CREDIT_ORDER_TYPES : XT_STOCK_ORDER_TYPES)[code];
  if (entry) return entry;
  return { direction: offsetFlag === xt.OFFSET_FLAG_CLOSE ? Direction.SHORT : Direction.LONG };
}

/**
 * The order_type to send. A cash account sends 23/24 and refuses credit types; a credit
 * account sends the credit type asked for, and an order without one is 担保品买入/卖出.
 */
export function orderTypeCodeFor(direction: Direction, credit: CreditOrderType | undefined, creditAccount: boolean): number {
  if (!creditAccount) {
    if (credit) throw new TraderError('NOT_CREDIT_ACCOUNT', `${credit}需要信用账户：当前 MiniQMT 连接的是普通账户（在“连接”设置中选择账户类型“信用”）`);
    return direction === Direction.SHORT ? xt.STOCK_SELL : xt.STOCK_BUY;
  }
  const type = credit ?? (direction === Direction.SHORT ? CreditOrderType.COLLATERAL_SELL : CreditOrderType.COLLATERAL_BUY);
  return XT_CREDIT_ORDER_CODE[type];
}

/**
 * Our order types to xtquant's price_type, per exchange: SSE and BSE take 42–45, SZSE 44–48
 * (the xttrader reference, "报价类型"). A pair missing here is refused before it is sent.
 */
export const XT_PRICE_TYPES: Readonly<Partial<Record<Exchange, Partial<Record<OrderType, number>>>>> = {
  [Exchange.SSE]: {
    [OrderType.LIMIT]: xt.FIX_PRICE,
    [OrderType.BEST5_IOC]: xt.MARKET_SH_CONVERT_5_CANCEL,
    [OrderType.BEST5_TO_LIMIT]: xt.MARKET_SH_CONVERT_5_LIMIT,
    [OrderType.BEST_COUNTERPARTY]: xt.MARKET_PEER_PRICE_FIRST,
    [OrderType.BEST_OWN]: xt.MARKET_MINE_PRICE_FIRST,
  },
  [Exchange.BSE]: {
    [OrderType.LIMIT]: xt.FIX_PRICE,
    [OrderType.BEST5_IOC]: xt.MARKET_SH_CONVERT_5_CANCEL,
    [OrderType.BEST5_TO_LIMIT]: xt.MARKET_SH_CONVERT_5_LIMIT,
    [OrderType.BEST_COUNTERPARTY]: xt.MARKET_PEER_PRICE_FIRST,
    [OrderType.BEST_OWN]: xt.MARKET_MINE_PRICE_FIRST,
  },
  [Exchange.SZSE]: {
    [OrderType.LIMIT]: xt.FIX_PRICE,
    [OrderType.BEST_COUNTERPARTY]: xt.MARKET_PEER_PRICE_FIRST,
    [OrderType.BEST_OWN]: xt.MARKET_MINE_PRICE_FIRST,
    [OrderType.IOC]: xt.MARKET_SZ_INSTBUSI_RESTCANCEL,
    [OrderType.BEST5_IOC]: xt.MARKET_SZ_CONVERT_5_CANCEL,
    [OrderType.FOK]: xt.MARKET_SZ_FULL_OR_CANCEL,
  },
};

export function priceTypeCodeFor(type: OrderType, exchange: Exchange): number {
  const code = XT_PRICE_TYPES[exchange]?.[type];
  if (code === undefined) throw new TraderError('ORDER_TYPE', `MiniQMT 不支持在${exchange}以“${type}”委托`);
  return code;
}

/** MiniQMT trades A-shares here: the futures exchanges have no entry and are refused. */
const SUFFIX_OF: Readonly<Partial<Record<Exchange, string>>> = { [Exchange.SSE]: 'SH', [Exchange.SZSE]: 'SZ', [Exchange.BSE]: 'BJ' };
const EXCHANGE_OF_SUFFIX: Readonly<Record<string, Exchange>> = { SH: Exchange.SSE, SZ: Exchange.SZSE, BJ: Exchange.BSE };
const EXCHANGE_OF_MARKET: Readonly<Record<number, Exchange>> = { [xt.SH_MARKET]: Exchange.SSE, [xt.SZ_MARKET]: Exchange.SZSE, [xt.MARKET_ENUM_BEIJING]: Exchange.BSE };
const MARKET_OF: Readonly<Partial<Record<Exchange, number>>> = { [Exchange.SSE]: xt.SH_MARKET, [Exchange.SZSE]: xt.SZ_MARKET, [Exchange.BSE]: xt.MARKET_ENUM_BEIJING };

/** XtQuant's market suffix: SH, SZ, BJ. */
export function xtSuffixOf(exchange: Exchange): string {
  const suffix = SUFFIX_OF[exchange];
  if (suffix === undefined) throw new TraderError('UNSUPPORTED_EXCHANGE', `MiniQMT 接口暂不支持${exchange}的合约`);
  return suffix;
}

/** 600000 on SSE → "600000.SH", XtQuant's form. */
export function xtCodeOf(symbol: string, exchange: Exchange): string {
  return `${symbol}.${xtSuffixOf(exchange)}`;
}

/** The market number cancel_order_stock_sysid_async wants. */
export function xtMarketOf(exchange: Exchange): number {
  const market = MARKET_OF[exchange];
  if (market === undefined) throw new TraderError('UNSUPPORTED_EXCHANGE', `MiniQMT 接口暂不支持${exchange}的合约`);
  return market;
}

/** "600000.SH" → 600000 on SSE; undefined for markets we do not trade (HK, futures …). */
export function parseXtCode(code: string): { symbol: string; exchange: Exchange } | undefined {
  const m = /^(\d{6})\.([A-Z]{2})$/.exec(code.trim().toUpperCase());
  if (!m) return undefined;
  const exchange = EXCHANGE_OF_SUFFIX[m[2]!];
  return exchange ? { symbol: m[1]!, exchange } : undefined;
}

/**
 * The exchange of a credit query row, which carries a bare code and an exchange_id that
 * may be a market number (0/1/70) or a suffix ("SH").
 */
export function exchangeOfId(id: unknown): Exchange | undefined {
  if (typeof id === 'number') return EXCHANGE_OF_MARKET[id];
  if (typeof id === 'string') return EXCHANGE_OF_SUFFIX[id.trim().toUpperCase()] ?? (Object.values(Exchange).includes(id as Exchange) ? (id as Exchange) : undefined);
  return undefined;
}
