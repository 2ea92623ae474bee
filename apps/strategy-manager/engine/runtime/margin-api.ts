/**
 * Ptrade's margin trading functions (融资融券, docs/strategies.md "Margin trading"):
 * margin_trade, margincash_open / _close / _direct_refund, marginsec_open / _close and
 * get_margin_assert. As in Ptrade, a call that cannot make an order returns null (None) with
 * the reason in the strategy's log; it never throws. Orders take the same road as order():
 * the id is minted here and returned at once, the engine runs the pre-trade checks (credit
 * rules included) and a refusal arrives later as status "rejected".
 */
import { Direction, Exchange, LogLevel, MARKET_TYPE_CODE, MARKET_TYPES_BY_EXCHANGE, OrderType } from '../../../../common/constants';
import { CreditOrderType, directionOfCredit } from '../../../../common/credit';
import { parseCode, type ParsedCode } from '../../../../common/symbol';
import type { FromWorker, TradingCreditType } from '../protocol';
import type { OrderStyle } from '../strategy-types';
import { marginAssertOf, type CreditMirror, type MarginAssert } from './credit-mirror';
import type { OrderMirror } from './order-mirror';

export interface MarginHost {
  now(): number;
  send(msg: FromWorker): void;
  orders: OrderMirror;
  credit: CreditMirror;
  codeOf(vt: string): string;
  /** the next order id of this run (shared with order(), so ids never collide) */
  mintId(): string;
  /** the latest trade price the worker has seen for a code, if any */
  latestPrice(vt: string): number | undefined;
}

/** Python keyword arguments, for a port of `margin_trade(s, 100, limit_price=46, market_type=1)`. */
export interface MarginPriceOptions {
  limit_price?: number | null;
  market_type?: number | null;
}

type PriceArg = number | null | undefined | MarginPriceOptions;

/** An order's type and price, or why there is none. */
export type PriceChoice = { ok: true; type: OrderType; price: number } | { ok: false; reason: string };

const MARKET_TYPE_OF = new Map<number, OrderType>(
  (Object.entries(MARKET_TYPE_CODE) as [OrderType, number][]).map(([type, code]) => [code, type]),
);
const EXCHANGE_NAME: Readonly<Record<Exchange, string>> = {
  [Exchange.SSE]: '上证', [Exchange.SZSE]: '深证', [Exchange.BSE]: '北证',
  [Exchange.CFFEX]: '中金所', [Exchange.SHFE]: '上期所', [Exchange.DCE]: '大商所',
  [Exchange.CZCE]: '郑商所', [Exchange.INE]: '上期能源', [Exchange.GFEX]: '广期所',
};

const given = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Ptrade's rule for the two optional arguments: neither → a limit order at the latest price;
 * limit_price only → a limit order at it; market_type only → a market order (SSE wants a
 * protection price, so it is an error there); both → a market order with limit_price as its
 * protection price. market_type must be a code the exchange accepts (SSE 0, 1, 2, 4; SZSE 0,
 * 2, 3, 4, 5; BSE as SZSE).
 */
export function choosePrice(exchange: Exchange, limitPrice: unknown, marketType: unknown, latest: number | undefined): PriceChoice {
  if (given(limitPrice) && !(typeof limitPrice === 'number' && Number.isFinite(limitPrice) && limitPrice > 0)) {
    return { ok: false, reason: `limit_price 应为正数，当前为 ${String(limitPrice)}` };
  }
  const limit = limitPrice as number | null | undefined;
  if (given(marketType)) {
    const type = typeof marketType === 'number' && Number.isInteger(marketType) ? MARKET_TYPE_OF.get(marketType) : undefined;
    if (type === undefined) return { ok: false, reason: `market_type 应为 0–5 的整数，当前为 ${String(marketType)}` };
    const allowed = MARKET_TYPES_BY_EXCHANGE[exchange];
    if (!allowed.includes(type)) {
      const codes = allowed.map((t) => MARKET_TYPE_CODE[t as Exclude<OrderType, OrderType.LIMIT>]).join('、');
      return { ok: false, reason: `${EXCHANGE_NAME[exchange]}股票的 market_type 只能为 ${codes}，当前为 ${String(marketType)}（${type}）` };
    }
    if (!given(limit)) {
      if (exchange === Exchange.SSE) return { ok: false, reason: `上证股票市价委托（market_type=${String(marketType)}）必须传入 limit_price 作为保护限价` };
      return { ok: true, type, price: 0 };
    }
    return { ok: true, type, price: limit! };
  }
  if (given(limit)) return { ok: true, type: OrderType.LIMIT, price: limit! };
  if (latest === undefined || !(latest > 0)) return { ok: false, reason: '未传 limit_price 且没有最新价：请先 subscribe 该代码，待收到行情后再委托' };
  return { ok: true, type: OrderType.LIMIT, price: latest };
}

function styleOf(choice: { type: OrderType; price: number }): OrderStyle {
  if (choice.type === OrderType.LIMIT) return Object.freeze({ kind: 'limit' as const, price: choice.price });
  return Object.freeze({ kind: 'market' as const, market_type: MARKET_TYPE_CODE[choice.type], limit_price: choice.price });
}

/** get_margin_assert's answer also reads like Ptrade's dict: `.get('fin_compact_balance')`. */
export type MarginAssertDict = Readonly<MarginAssert> & { get<K extends keyof MarginAssert>(key: K): MarginAssert[K] };

export interface MarginApi {
  margin_trade(security: string, amount: number, limit_price?: PriceArg, market_type?: number | null): string | null;
  margincash_open(security: string, amount: number, limit_price?: PriceArg, market_type?: number | null): string | null;
  margincash_close(security: string, amount: number, limit_price?: PriceArg, market_type?: number | null): string | null;
  margincash_direct_refund(value: number): null;
  marginsec_open(security: string, amount: number, limit_price?: PriceArg, market_type?: number | null): string | null;
  marginsec_close(security: string, amount: number, limit_price?: PriceArg, market_type?: number | null): string | null;
  get_margin_assert(): MarginAssertDict | null;
}

export function buildMarginApi(host: MarginHost): MarginApi {
  const fail = (fn: string, what: string, reason: string): null => {
    host.send({ t: 'log', level: LogLevel.ERROR, msg: `${fn}(${what}) 未委托：${reason}` });
    return null;
  };

  /** Place one credit order; `volume` is already known to be a positive integer. */
  function place(fn: string, what: string, credit: TradingCreditType, code: ParsedCode, volume: number, limitArg: PriceArg, marketArg: number | null | undefined): string | null {
    if (!host.credit.detail) return fail(fn, what, '当前接口不是信用账户（在接口的连接设置中选择账户类型“信用”）');
    let limitPrice: unknown = limitArg;
    let marketType: unknown = marketArg;
    if (typeof limitArg === 'object' && limitArg !== null) {
      limitPrice = limitArg.limit_price;
      marketType = limitArg.market_type;
    }
    // An exchange rule, and the reason Ptrade's marginsec_open has no market_type.
    if (credit === CreditOrderType.SLO_SELL && given(marketType)) return fail(fn, what, '融券卖出只能限价委托（价格不低于最新成交价），不接受 market_type');
    const choice = choosePrice(code.exchange, limitPrice, marketType, host.latestPrice(code.vt_symbol));
    if (!choice.ok) return fail(fn, what, choice.reason);
    const direction = directionOfCredit(credit);
    const oid = host.mintId();
    host.orders.create(oid, host.codeOf(code.vt_symbol), code.vt_symbol, volume, direction === Direction.LONG, styleOf(choice), choice.price, host.now(), credit);
    host.send({ t: 'order', oid, code: code.vt_symbol, volume, price: choice.price, type: choice.type, direction, credit });
    return oid;
  }

  /** The checks every trading function shares; amount must be a positive integer. */
  function trading(fn: string, credit: TradingCreditType) {
    return (security: string, amount: number, limit_price?: PriceArg, market_type?: number | null): string | null => {
      const what = `${String(security)}, ${String(amount)}`;
      if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) return fail(fn, what, `amount 应为正整数，当前为 ${String(amount)}`);
      let code: ParsedCode;
      try {
        code = parseCode(security);
      } catch (error) {
        return fail(fn, what, error instanceof Error ? error.message : String(error));
      }
      return place(fn, what, credit, code, amount, limit_price, market_type);
    };
  }

  function margin_trade(security: string, amount: number, limit_price?: PriceArg, market_type?: number | null): string | null {
    const what = `${String(security)}, ${String(amount)}`;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount === 0) return fail('margin_trade', what, `amount 应为非零整数（正数买入、负数卖出），当前为 ${String(amount)}`);
    let code: ParsedCode;
    try {
      code = parseCode(security);
    } catch (error) {
      return fail('margin_trade', what, error instanceof Error ? error.message : String(error));
    }
    const credit = amount > 0 ? CreditOrderType.COLLATERAL_BUY : CreditOrderType.COLLATERAL_SELL;
    return place('margin_trade', what, credit, code, Math.abs(amount), limit_price, market_type);
  }

  function margincash_direct_refund(value: number): null {
    const what = String(value);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return fail('margincash_direct_refund', what, `还款金额应为正数，当前为 ${what}`);
    if (!host.credit.detail) return fail('margincash_direct_refund', what, '当前接口不是信用账户');
    // The counter moves cents; a figure like fin_compact_balance may carry float noise.
    const amount = Math.round(value * 100) / 100;
    if (amount <= 0) return fail('margincash_direct_refund', what, '还款金额不足 0.01 元');
    host.send({ t: 'repay', amount });
    return null;
  }

  function get_margin_assert(): MarginAssertDict | null {
    const d = host.credit.detail;
    if (!d) return fail('get_margin_assert', '', '当前接口不是信用账户');
    const fields = marginAssertOf(d, host.credit.compacts.values());
    // Non-enumerable, so Object.keys / JSON show only Ptrade's fields.
    Object.defineProperty(fields, 'get', { value: (key: keyof MarginAssert) => fields[key], enumerable: false });
    return Object.freeze(fields) as MarginAssertDict;
  }

  return {
    margin_trade,
    margincash_open: trading('margincash_open', CreditOrderType.FIN_BUY),
    margincash_close: trading('margincash_close', CreditOrderType.SELL_CASH_REPAY),
    margincash_direct_refund,
    marginsec_open: trading('marginsec_open', CreditOrderType.SLO_SELL),
    marginsec_close: trading('marginsec_close', CreditOrderType.BUY_SECU_REPAY),
    get_margin_assert,
  };
}
