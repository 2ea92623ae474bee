/**
 * The mapping tables pinned to XtQuant's xttrader reference. The reference's rows are copied
 * here by hand (value, xtconstant name, Chinese meaning), so a change to a table that drifts
 * from the vendor's numbers fails here, not in a trader's account.
 */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, OrderType, Status } from '../../../common/constants';
import { CreditOrderType } from '../../../common/credit';
import * as xt from '../../../gateways/miniqmt/xt-constants';
import {
  XT_STATUS_TABLE,
  exchangeOfId,
  orderTypeCodeFor,
  orderTypeEntryOf,
  parseXtCode,
  priceTypeCodeFor,
  statusEntryOf,
  xtCodeOf,
  xtMarketOf,
} from '../../../gateways/miniqmt/xt-tables';

/** 委托状态(order_status), as the reference's table gives it, and what each means for us. */
const REFERENCE_STATUS: [number, string, string, Status][] = [
  [48, 'ORDER_UNREPORTED', '未报', Status.SUBMITTING],
  [49, 'ORDER_WAIT_REPORTING', '待报', Status.SUBMITTING],
  [50, 'ORDER_REPORTED', '已报', Status.NOTTRADED],
  [51, 'ORDER_REPORTED_CANCEL', '已报待撤', Status.NOTTRADED],
  [52, 'ORDER_PARTSUCC_CANCEL', '部成待撤', Status.PARTTRADED],
  [53, 'ORDER_PART_CANCEL', '部撤', Status.CANCELLED],
  [54, 'ORDER_CANCELED', '已撤', Status.CANCELLED],
  [55, 'ORDER_PART_SUCC', '部成', Status.PARTTRADED],
  [56, 'ORDER_SUCCEEDED', '已成', Status.ALLTRADED],
  [57, 'ORDER_JUNK', '废单', Status.REJECTED],
  [255, 'ORDER_UNKNOWN', '未知', Status.SUBMITTING],
];

/** 委托类型(order_type) of the reference's data dictionary, with the values of xtconstant. */
const REFERENCE_CREDIT_TYPES: [number, string, CreditOrderType, Direction][] = [
  [23, 'CREDIT_BUY', CreditOrderType.COLLATERAL_BUY, Direction.LONG],
  [24, 'CREDIT_SELL', CreditOrderType.COLLATERAL_SELL, Direction.SHORT],
  [27, 'CREDIT_FIN_BUY', CreditOrderType.FIN_BUY, Direction.LONG],
  [28, 'CREDIT_SLO_SELL', CreditOrderType.SLO_SELL, Direction.SHORT],
  [29, 'CREDIT_BUY_SECU_REPAY', CreditOrderType.BUY_SECU_REPAY, Direction.LONG],
  [30, 'CREDIT_DIRECT_SECU_REPAY', CreditOrderType.DIRECT_SECU_REPAY, Direction.SHORT],
  [31, 'CREDIT_SELL_SECU_REPAY', CreditOrderType.SELL_CASH_REPAY, Direction.SHORT],
  [32, 'CREDIT_DIRECT_CASH_REPAY', CreditOrderType.DIRECT_CASH_REPAY, Direction.LONG],
];

describe('order status table (48–57, 255)', () => {
  it.each(REFERENCE_STATUS)('%i %s (%s) → %s', (code, name, label, status) => {
    expect((xt as Record<string, unknown>)[name]).toBe(code);
    expect(XT_STATUS_TABLE[code]).toEqual({ status, label });
  });

  it('has exactly the reference rows', () => {
    expect(Object.keys(XT_STATUS_TABLE).map(Number).sort((a, b) => a - b)).toEqual(REFERENCE_STATUS.map(([c]) => c));
  });

  it('reads a number outside the table as 未知, still working (cancellable)', () => {
    expect(statusEntryOf(99)).toEqual({ status: Status.SUBMITTING, label: '未知（99）' });
  });
});

describe('order type table (23/24, 27–32)', () => {
  it('cash account: STOCK_BUY 23 and STOCK_SELL 24, no credit type', () => {
    expect(xt.STOCK_BUY).toBe(23);
    expect(xt.STOCK_SELL).toBe(24);
    expect(orderTypeEntryOf(23, false)).toEqual({ direction: Direction.LONG });
    expect(orderTypeEntryOf(24, false)).toEqual({ direction: Direction.SHORT });
    expect(orderTypeCodeFor(Direction.LONG, undefined, false)).toBe(23);
    expect(orderTypeCodeFor(Direction.SHORT, undefined, false)).toBe(24);
  });

  it.each(REFERENCE_CREDIT_TYPES)('credit account: %i %s ↔ %s (%s)', (code, name, credit, direction) => {
    expect((xt as Record<string, unknown>)[name]).toBe(code);
    expect(orderTypeEntryOf(code, true)).toEqual({ direction, credit });
    expect(orderTypeCodeFor(direction, credit, true)).toBe(code);
  });

  it('a credit account sends an order without a credit type as 担保品买入/卖出', () => {
    expect(orderTypeCodeFor(Direction.LONG, undefined, true)).toBe(23);
    expect(orderTypeCodeFor(Direction.SHORT, undefined, true)).toBe(24);
  });

  it('a cash account refuses a credit type, saying why', () => {
    expect(() => orderTypeCodeFor(Direction.LONG, CreditOrderType.FIN_BUY, false)).toThrow(/融资买入需要信用账户/);
  });

  it('types outside the tables (the _SPECIAL variants 40–45) take their side from offset_flag', () => {
    expect(orderTypeEntryOf(41, true, xt.OFFSET_FLAG_CLOSE)).toEqual({ direction: Direction.SHORT });
    expect(orderTypeEntryOf(40, true, xt.OFFSET_FLAG_OPEN)).toEqual({ direction: Direction.LONG });
  });
});

describe('price types per exchange (报价类型)', () => {
  it('limit orders are FIX_PRICE 11 everywhere', () => {
    for (const ex of [Exchange.SSE, Exchange.SZSE, Exchange.BSE]) expect(priceTypeCodeFor(OrderType.LIMIT, ex)).toBe(11);
  });

  it('SSE and BSE: 42 最优五档剩撤, 43 最优五档转限价, 44 对手方最优, 45 本方最优', () => {
    for (const ex of [Exchange.SSE, Exchange.BSE]) {
      expect(priceTypeCodeFor(OrderType.BEST5_IOC, ex)).toBe(42);
      expect(priceTypeCodeFor(OrderType.BEST5_TO_LIMIT, ex)).toBe(43);
      expect(priceTypeCodeFor(OrderType.BEST_COUNTERPARTY, ex)).toBe(44);
      expect(priceTypeCodeFor(OrderType.BEST_OWN, ex)).toBe(45);
    }
  });

  it('SZSE: 44, 45, 46 即时成交剩余撤销, 47 最优五档剩撤, 48 全额成交或撤销', () => {
    expect(priceTypeCodeFor(OrderType.BEST_COUNTERPARTY, Exchange.SZSE)).toBe(44);
    expect(priceTypeCodeFor(OrderType.BEST_OWN, Exchange.SZSE)).toBe(45);
    expect(priceTypeCodeFor(OrderType.IOC, Exchange.SZSE)).toBe(46);
    expect(priceTypeCodeFor(OrderType.BEST5_IOC, Exchange.SZSE)).toBe(47);
    expect(priceTypeCodeFor(OrderType.FOK, Exchange.SZSE)).toBe(48);
  });

  it('refuses a pair xtquant has no type for, naming it', () => {
    expect(() => priceTypeCodeFor(OrderType.IOC, Exchange.SSE)).toThrow('MiniQMT 不支持在SSE以“即时成交剩余撤销”委托');
    expect(() => priceTypeCodeFor(OrderType.FOK, Exchange.BSE)).toThrow(/BSE/);
    expect(() => priceTypeCodeFor(OrderType.BEST5_TO_LIMIT, Exchange.SZSE)).toThrow(/SZSE/);
  });
});

describe('codes and markets', () => {
  it('converts between 600000.SSE and 600000.SH', () => {
    expect(xtCodeOf('600000', Exchange.SSE)).toBe('600000.SH');
    expect(xtCodeOf('000001', Exchange.SZSE)).toBe('000001.SZ');
    expect(xtCodeOf('430047', Exchange.BSE)).toBe('430047.BJ');
    expect(parseXtCode('600000.SH')).toEqual({ symbol: '600000', exchange: Exchange.SSE });
    expect(parseXtCode(' 000001.sz ')).toEqual({ symbol: '000001', exchange: Exchange.SZSE });
    expect(parseXtCode('00700.HK')).toBeUndefined();
    expect(parseXtCode('rb2410.SF')).toBeUndefined();
  });

  it('uses the reference market numbers: SH 0, SZ 1, BJ 70', () => {
    expect(xtMarketOf(Exchange.SSE)).toBe(0);
    expect(xtMarketOf(Exchange.SZSE)).toBe(1);
    expect(xtMarketOf(Exchange.BSE)).toBe(70);
    expect(exchangeOfId(0)).toBe(Exchange.SSE);
    expect(exchangeOfId(70)).toBe(Exchange.BSE);
    expect(exchangeOfId('SZ')).toBe(Exchange.SZSE);
    expect(exchangeOfId('SSE')).toBe(Exchange.SSE);
    expect(exchangeOfId(5)).toBeUndefined();
  });
});
