import { describe, expect, it } from 'vitest';
import { Board, Direction, Exchange, OrderType, Product } from '../../../../../common/constants';
import { checkCash, estimateBuyCost } from '../../../../../common/markets/cn-stock/account-rules';
import { boardOf, productOf, rulesFor } from '../../../../../common/markets/cn-stock/board';
import { computeFees, DEFAULT_FEES, orderFillFees } from '../../../../../common/markets/cn-stock/fees';
import { isOnTick, limitPrices, roundCents, roundTo, roundToTick } from '../../../../../common/markets/price';
import { makeContract } from '../../../../fixtures/contracts';

describe('limit prices', () => {
  it('rounds half up to the tick like the exchanges publish them', () => {
    // 10.05 × 1.1 = 11.055 → 11.06; 10.05 × 0.9 = 9.045 → 9.05
    expect(limitPrices(10.05, 0.1, 0.01)).toEqual({ up: 11.06, down: 9.05 });
    // ChiNext ±20 %: 123.45 → 148.14 / 98.76
    expect(limitPrices(123.45, 0.2, 0.01)).toEqual({ up: 148.14, down: 98.76 });
    // BSE ±30 %: 8.88 → 11.544 → 11.54 / 6.216 → 6.22
    expect(limitPrices(8.88, 0.3, 0.01)).toEqual({ up: 11.54, down: 6.22 });
    // ETF tick 0.001: 3.999 × 1.1 = 4.3989 → 4.399
    expect(limitPrices(3.999, 0.1, 0.001)).toEqual({ up: 4.399, down: 3.599 });
  });

  it('rounds to the nearer tick, not down: cases where truncating gives the tick below', () => {
    // 9.99 × 1.1 = 10.989 → 10.99 (truncated: 10.98); 9.99 × 0.9 = 8.991 → 8.99
    expect(limitPrices(9.99, 0.1, 0.01)).toEqual({ up: 10.99, down: 8.99 });
    // 11.11 × 0.9 = 9.999 → 10.00 (truncated: 9.99); 11.11 × 1.1 = 12.221 → 12.22
    expect(limitPrices(11.11, 0.1, 0.01)).toEqual({ up: 12.22, down: 10 });
    // ETF: 2.957 × 1.1 = 3.2527 → 3.253 (truncated: 3.252); 2.957 × 0.9 = 2.6613 → 2.661
    expect(limitPrices(2.957, 0.1, 0.001)).toEqual({ up: 3.253, down: 2.661 });
  });

  it('keeps prices on the tick grid', () => {
    expect(roundToTick(10.004999, 0.01)).toBe(10);
    expect(roundToTick(0.1 + 0.2, 0.01)).toBe(0.3);
    expect(isOnTick(10.01, 0.01)).toBe(true);
    expect(isOnTick(10.015, 0.01)).toBe(false);
    expect(isOnTick(3.456, 0.001)).toBe(true);
  });

  it('rounds money half up to the cent', () => {
    expect(roundCents(0.005)).toBe(0.01);
    expect(roundCents(1.004)).toBe(1);
    expect(roundCents(-0.005)).toBe(-0.01);
  });
});

describe('boards', () => {
  it.each([
    ['600000', Exchange.SSE, Board.MAIN],
    ['688981', Exchange.SSE, Board.STAR],
    ['689009', Exchange.SSE, Board.STAR],
    ['510300', Exchange.SSE, Board.FUND],
    ['000001', Exchange.SZSE, Board.MAIN],
    ['300750', Exchange.SZSE, Board.CHINEXT],
    ['301236', Exchange.SZSE, Board.CHINEXT],
    ['159915', Exchange.SZSE, Board.FUND],
    // every SZSE fund range, and main-board codes that merely end in a fund prefix
    ['159919', Exchange.SZSE, Board.FUND],
    ['161725', Exchange.SZSE, Board.FUND],
    ['180101', Exchange.SZSE, Board.FUND],
    ['002415', Exchange.SZSE, Board.MAIN],
    ['000016', Exchange.SZSE, Board.MAIN],
    ['000518', Exchange.SZSE, Board.MAIN],
    ['430047', Exchange.BSE, Board.BSE],
  ])('%s.%s is %s', (symbol, exchange, board) => {
    expect(boardOf(symbol, exchange)).toBe(board);
  });

  it('gives funds the 0.001 tick and ETF product', () => {
    expect(rulesFor(Board.FUND, false).pricetick).toBe(0.001);
    expect(productOf('510300', Exchange.SSE)).toBe(Product.ETF);
  });

  it('applies the ST limit only to main-board ST names', () => {
    // Since 2026-07-06 main-board ST names move ±10 %, like the rest of the main board…
    expect(rulesFor(Board.MAIN, true).limitRatio).toBe(0.1);
    // …so the rule shows only with the ±5 % of before (a back-dated simulation passes it):
    expect(rulesFor(Board.MAIN, true, 0.05).limitRatio).toBe(0.05);
    expect(rulesFor(Board.MAIN, false, 0.05).limitRatio).toBe(0.1);
    expect(rulesFor(Board.CHINEXT, true, 0.05).limitRatio).toBe(0.2);
    expect(rulesFor(Board.STAR, true, 0.05).limitRatio).toBe(0.2);
    expect(rulesFor(Board.BSE, true, 0.05).limitRatio).toBe(0.3);
    // the rest of the main board's rules stay
    expect(rulesFor(Board.MAIN, true, 0.05)).toEqual({ ...rulesFor(Board.MAIN, false), limitRatio: 0.05 });
  });
});

describe('fees', () => {
  it('charges the 5 CNY minimum commission and the transfer fee on a small buy', () => {
    // buy 100 @ 10.00 = 1,000: commission max(0.25, 5) = 5.00; transfer 0.01; no stamp duty
    expect(computeFees(Direction.LONG, 1000, Product.EQUITY, DEFAULT_FEES)).toEqual({ commission: 5, stamp_duty: 0, transfer_fee: 0.01, total: 5.01 });
  });

  it('charges the minimum commission once per order, not per fill', () => {
    // An order of 3,000 filled as 1,000 then 2,000: the first fill pays the 5.00 minimum (0.25 by
    // rate); the order's total 3,000 is 0.75 by rate, still under the 5.00 paid, so the second pays 0.
    const first = orderFillFees(Direction.LONG, 1000, Product.EQUITY, DEFAULT_FEES, undefined);
    expect(first).toEqual({ commission: 5, stamp_duty: 0, transfer_fee: 0.01, total: 5.01 });
    expect(orderFillFees(Direction.LONG, 2000, Product.EQUITY, DEFAULT_FEES, { amount: 1000, commission: 5 })).toEqual({ commission: 0, stamp_duty: 0, transfer_fee: 0.02, total: 0.02 });
    // Past the minimum, each fill pays the order's growth: 30,000 then 10,000 → 7.50 then 10.00 − 7.50.
    expect(orderFillFees(Direction.SHORT, 10000, Product.EQUITY, DEFAULT_FEES, { amount: 30000, commission: 7.5 })).toEqual({ commission: 2.5, stamp_duty: 5, transfer_fee: 0.1, total: 7.6 });
    // Crossing the minimum: 10,000 (5.00 paid) then 20,000 → 7.50 on 30,000, so 2.50 more.
    expect(orderFillFees(Direction.LONG, 20000, Product.EQUITY, DEFAULT_FEES, { amount: 10000, commission: 5 }).commission).toBe(2.5);
  });

  it('rounds each fee half up, so a commission of 13.0965 is 13.10, not 13.09', () => {
    // sell 52,386: commission 13.0965 → 13.10; stamp 26.193 → 26.19; transfer 0.52386 → 0.52
    expect(computeFees(Direction.SHORT, 52386, Product.EQUITY, DEFAULT_FEES)).toEqual({ commission: 13.1, stamp_duty: 26.19, transfer_fee: 0.52, total: 39.81 });
    // buy 30,990: commission 7.7475 → 7.75; transfer 0.3099 → 0.31
    expect(computeFees(Direction.LONG, 30990, Product.EQUITY, DEFAULT_FEES)).toEqual({ commission: 7.75, stamp_duty: 0, transfer_fee: 0.31, total: 8.06 });
  });

  it('charges stamp duty on sells only', () => {
    // sell 1,000 @ 52.37 = 52,370: commission 13.0925 → 13.09; stamp 26.185 → 26.19; transfer 0.5237 → 0.52
    expect(computeFees(Direction.SHORT, 52370, Product.EQUITY, DEFAULT_FEES)).toEqual({ commission: 13.09, stamp_duty: 26.19, transfer_fee: 0.52, total: 39.8 });
  });

  it('exempts ETFs from stamp duty and transfer fee', () => {
    expect(computeFees(Direction.SHORT, 100000, Product.ETF, DEFAULT_FEES)).toEqual({ commission: 25, stamp_duty: 0, transfer_fee: 0, total: 25 });
  });
});

describe('rounding half up', () => {
  it('rounds a price that is exactly half a tick up, despite float noise', () => {
    // 10.005 / 0.01 is 1000.5000000000001 in floating point; half up gives 10.01
    expect(roundToTick(10.005, 0.01)).toBe(10.01);
    expect(roundToTick(10.0049, 0.01)).toBe(10);
  });

  it('roundTo rounds half away from zero on both sides, and never gives −0', () => {
    // 1.0005 × 1000 is exactly 1000.5
    expect(roundTo(1.0005, 3)).toBe(1.001);
    expect(roundTo(-1.0005, 3)).toBe(-1.001);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(-1.2344, 3)).toBe(-1.234);
    expect(Object.is(roundTo(0, 3), 0)).toBe(true);
  });
});

describe('the cash a buy needs', () => {
  const pf = { ...makeContract('600000', Exchange.SSE, 10), gateway_name: 'TEST' }; // limit-up 11.00
  const account = (available: number) => ({ gateway_name: 'TEST', accountid: 'A', vt_accountid: 'TEST.A', balance: available, frozen: 0, available, market_value: 0 });

  it('a market buy with a protection price is priced at that price, not at limit-up', () => {
    // 100 × 10.50 = 1050 + 5.00 + 0.01
    expect(estimateBuyCost({ type: OrderType.BEST5_IOC, price: 10.5, volume: 100 }, pf, DEFAULT_FEES)).toBe(1055.01);
    // without one: limit-up 11.00 → 1100 + 5.00 + 0.01
    expect(estimateBuyCost({ type: OrderType.BEST5_IOC, price: 0, volume: 100 }, pf, DEFAULT_FEES)).toBe(1105.01);
  });

  it('refuses a buy before the counter has reported the account, saying so', () => {
    expect(checkCash({ type: OrderType.LIMIT, price: 10, volume: 100 }, pf, undefined, DEFAULT_FEES)).toEqual({
      code: 'NO_ACCOUNT',
      message: '接口 TEST 尚未返回资金账户，暂不能买入',
    });
    expect(checkCash({ type: OrderType.LIMIT, price: 10, volume: 100 }, pf, account(1005.01), DEFAULT_FEES)).toBeNull();
  });
});
