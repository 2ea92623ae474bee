import { describe, expect, it } from 'vitest';
import { Direction, Exchange, OrderType } from '../../../../../common/constants';
import { checkLot, checkMaxVolume, checkOrderType, checkPrice, checkProtectionPrice, checkVolumeIsPositiveInteger } from '../../../../../common/markets/cn-stock/order-rules';
import { makeContract } from '../../../../fixtures/contracts';

const main = makeContract('600000', Exchange.SSE, 10.0);
const chinext = makeContract('300750', Exchange.SZSE, 200.0);
const star = makeContract('688981', Exchange.SSE, 50.0);
const bse = makeContract('430047', Exchange.BSE, 8.88);
const etf = makeContract('510300', Exchange.SSE, 3.999);

describe('volume', () => {
  it.each([0, -100, 100.5, Number.NaN])('rejects %s', (v) => {
    expect(checkVolumeIsPositiveInteger(v)?.code).toBe('VOLUME_INVALID');
  });
  it('accepts a positive integer', () => expect(checkVolumeIsPositiveInteger(100)).toBeNull());
});

describe('board lots for buys', () => {
  it('main board and ChiNext buy in 100s', () => {
    expect(checkLot(main, Direction.LONG, 100)).toBeNull();
    expect(checkLot(main, Direction.LONG, 1200)).toBeNull();
    expect(checkLot(main, Direction.LONG, 150)?.code).toBe('LOT_SIZE');
    expect(checkLot(main, Direction.LONG, 150)?.message).toMatch(/100 股的整数倍/);
    expect(checkLot(chinext, Direction.LONG, 50)?.code).toBe('LOT_SIZE');
    expect(checkLot(etf, Direction.LONG, 110)?.code).toBe('LOT_SIZE');
  });
  it('STAR buys at least 200 then steps of 1', () => {
    expect(checkLot(star, Direction.LONG, 199)?.code).toBe('LOT_SIZE');
    expect(checkLot(star, Direction.LONG, 199)?.message).toMatch(/科创板买入数量不得少于 200 股/);
    expect(checkLot(star, Direction.LONG, 200)).toBeNull();
    expect(checkLot(star, Direction.LONG, 201)).toBeNull();
  });
  it('BSE buys at least 100 then steps of 1', () => {
    expect(checkLot(bse, Direction.LONG, 99)?.code).toBe('LOT_SIZE');
    expect(checkLot(bse, Direction.LONG, 101)).toBeNull();
  });
});

describe('odd lots on sells', () => {
  it('main board: the whole odd lot goes in one order', () => {
    // holding 1,050: 1,050 or 50 or 1,000 are fine; 30 is part of the odd lot
    expect(checkLot(main, Direction.SHORT, 1050, 1050)).toBeNull();
    expect(checkLot(main, Direction.SHORT, 50, 1050)).toBeNull();
    expect(checkLot(main, Direction.SHORT, 1000, 1050)).toBeNull();
    expect(checkLot(main, Direction.SHORT, 30, 1050)?.code).toBe('ODD_LOT');
    expect(checkLot(main, Direction.SHORT, 30, 1050)?.message).toMatch(/零股.*一次性全部卖出/);
  });
  it('STAR: under 200 only when selling the whole holding', () => {
    expect(checkLot(star, Direction.SHORT, 150, 150)).toBeNull();
    expect(checkLot(star, Direction.SHORT, 100, 150)?.code).toBe('ODD_LOT');
    expect(checkLot(star, Direction.SHORT, 201, 500)).toBeNull();
  });
  it('BSE: under 100 only when selling the whole holding', () => {
    expect(checkLot(bse, Direction.SHORT, 60, 60)).toBeNull();
    expect(checkLot(bse, Direction.SHORT, 50, 60)?.code).toBe('ODD_LOT');
  });
});

describe('max per order', () => {
  it('main board 1,000,000', () => {
    expect(checkMaxVolume(main, OrderType.LIMIT, 1_000_000)).toBeNull();
    expect(checkMaxVolume(main, OrderType.LIMIT, 1_000_100)?.code).toBe('MAX_ORDER_VOLUME');
  });
  it('ChiNext 300,000 limit, 150,000 market', () => {
    expect(checkMaxVolume(chinext, OrderType.LIMIT, 300_000)).toBeNull();
    expect(checkMaxVolume(chinext, OrderType.LIMIT, 300_100)?.code).toBe('MAX_ORDER_VOLUME');
    expect(checkMaxVolume(chinext, OrderType.BEST5_IOC, 150_100)?.code).toBe('MAX_ORDER_VOLUME');
  });
  it('STAR 100,000 limit, 50,000 market', () => {
    expect(checkMaxVolume(star, OrderType.LIMIT, 100_001)?.message).toMatch(/科创板限价单每笔最多 100,000 股/);
    expect(checkMaxVolume(star, OrderType.BEST_COUNTERPARTY, 50_001)?.code).toBe('MAX_ORDER_VOLUME');
  });
});

describe('price', () => {
  it('must sit on the tick', () => {
    expect(checkPrice(main, OrderType.LIMIT, 10.005)?.code).toBe('PRICE_TICK');
    expect(checkPrice(main, OrderType.LIMIT, 10.01)).toBeNull();
    expect(checkPrice(etf, OrderType.LIMIT, 4.001)).toBeNull();
    expect(checkPrice(etf, OrderType.LIMIT, 4.0005)?.code).toBe('PRICE_TICK');
  });
  it('must be within the limits', () => {
    expect(checkPrice(main, OrderType.LIMIT, 11.0)).toBeNull();
    expect(checkPrice(main, OrderType.LIMIT, 11.01)?.message).toMatch(/高于涨停价 11/);
    expect(checkPrice(main, OrderType.LIMIT, 8.99)?.message).toMatch(/低于跌停价 9/);
    expect(checkPrice(main, OrderType.LIMIT, 0)?.code).toBe('PRICE_INVALID');
  });
  it('does not require a price on a market order without protection price', () => {
    expect(checkPrice(main, OrderType.BEST5_IOC, 0)).toBeNull();
    expect(checkPrice(main, OrderType.BEST5_IOC, 12)?.code).toBe('PRICE_LIMIT');
  });
});

describe('market types per exchange', () => {
  it('SSE has no IOC (3) or FOK (5); SZSE has no BEST5_TO_LIMIT (1)', () => {
    expect(checkOrderType(main, OrderType.IOC)?.code).toBe('ORDER_TYPE');
    expect(checkOrderType(main, OrderType.FOK)?.code).toBe('ORDER_TYPE');
    expect(checkOrderType(main, OrderType.BEST5_TO_LIMIT)).toBeNull();
    expect(checkOrderType(chinext, OrderType.BEST5_TO_LIMIT)?.code).toBe('ORDER_TYPE');
    expect(checkOrderType(chinext, OrderType.FOK)).toBeNull();
  });
});

describe('SSE protection price', () => {
  it('an SSE market order needs one (STAR and funds too); SZSE, BSE and limit orders do not', () => {
    const refused = { code: 'PROTECTION_PRICE', message: '上交所市价委托须填写保护限价（买入为最高成交价，卖出为最低成交价）' };
    expect(checkProtectionPrice(main, OrderType.BEST_COUNTERPARTY, 0)).toEqual(refused);
    expect(checkProtectionPrice(star, OrderType.BEST5_IOC, 0)).toEqual(refused);
    expect(checkProtectionPrice(etf, OrderType.BEST_OWN, 0)).toEqual(refused);
    expect(checkProtectionPrice(main, OrderType.BEST_COUNTERPARTY, 10.5)).toBeNull();
    expect(checkProtectionPrice(main, OrderType.LIMIT, 0)).toBeNull();
    expect(checkProtectionPrice(chinext, OrderType.BEST_COUNTERPARTY, 0)).toBeNull();
    expect(checkProtectionPrice(bse, OrderType.BEST_COUNTERPARTY, 0)).toBeNull();
  });
});

describe('the edges of each rule', () => {
  it('a sell of the odd lot may not exceed what is held: 1,150 of 1,050 ends in the same 50 but is more', () => {
    expect(checkLot(main, Direction.SHORT, 1150, 1050)?.code).toBe('ODD_LOT');
    // without a known holding, an odd lot cannot be sold
    expect(checkLot(main, Direction.SHORT, 50)?.code).toBe('ODD_LOT');
  });

  it('a price that is not a number is invalid, not off the tick', () => {
    expect(checkPrice(main, OrderType.LIMIT, Number.NaN)?.code).toBe('PRICE_INVALID');
    expect(checkPrice(main, OrderType.LIMIT, Number.POSITIVE_INFINITY)?.code).toBe('PRICE_INVALID');
    expect(checkPrice(main, OrderType.LIMIT, -10)?.code).toBe('PRICE_INVALID');
  });

  it('the limit-down price itself is allowed, a tick under it is not', () => {
    expect(checkPrice(main, OrderType.LIMIT, 9.0)).toBeNull();
    expect(checkPrice(main, OrderType.LIMIT, 8.99)?.code).toBe('PRICE_LIMIT');
  });

  it('a contract without known limits (0) takes any price on the tick', () => {
    const unknown = { ...main, limit_up: 0, limit_down: 0 };
    expect(checkPrice(unknown, OrderType.LIMIT, 100)).toBeNull();
    expect(checkPrice(unknown, OrderType.LIMIT, 0.01)).toBeNull();
  });

  it('the market cap is the market order’s own: ChiNext takes 150,000 at market, not 150,100', () => {
    expect(checkMaxVolume(chinext, OrderType.BEST5_IOC, 150_000)).toBeNull();
    expect(checkMaxVolume(chinext, OrderType.LIMIT, 150_100)).toBeNull();
  });
});

describe('the words of every refusal', () => {
  it('names the rule, the allowed value and the order’s own', () => {
    expect(checkVolumeIsPositiveInteger(100.5)).toEqual({ code: 'VOLUME_INVALID', message: '委托数量必须为正整数，当前为 100.5' });
    expect(checkLot(bse, Direction.LONG, 99)).toEqual({ code: 'LOT_SIZE', message: '北交所买入数量不得少于 100 股（超出部分以 1 股递增），当前为 99 股' });
    expect(checkLot(chinext, Direction.LONG, 50)).toEqual({ code: 'LOT_SIZE', message: '买入数量必须为 100 股的整数倍，当前为 50 股' });
    expect(checkLot(main, Direction.SHORT, 30, 1050)).toEqual({ code: 'ODD_LOT', message: '卖出数量须为 100 股的整数倍；零股（不足 100 股部分，可卖 50 股）须一次性全部卖出，当前为 30 股' });
    expect(checkLot(star, Direction.SHORT, 100, 150)).toEqual({ code: 'ODD_LOT', message: '科创板卖出不足 200 股时须一次性卖出全部余股（可卖 150 股），当前为 100 股' });
    expect(checkMaxVolume(chinext, OrderType.BEST5_IOC, 150_100)).toEqual({ code: 'MAX_ORDER_VOLUME', message: '创业板市价单每笔最多 150,000 股，当前为 150,100 股' });
    expect(checkMaxVolume(main, OrderType.LIMIT, 1_000_100)).toEqual({ code: 'MAX_ORDER_VOLUME', message: '主板限价单每笔最多 1,000,000 股，当前为 1,000,100 股' });
    expect(checkOrderType(main, OrderType.IOC)).toEqual({ code: 'ORDER_TYPE', message: `SSE不支持“${OrderType.IOC}”市价委托` });
    expect(checkPrice(main, OrderType.LIMIT, 0)).toEqual({ code: 'PRICE_INVALID', message: '委托价格必须大于 0，当前为 0' });
    expect(checkPrice(main, OrderType.LIMIT, 10.005)).toEqual({ code: 'PRICE_TICK', message: '委托价格须为最小价位 0.01 元的整数倍，当前为 10.005' });
    expect(checkPrice(main, OrderType.LIMIT, 11.01)).toEqual({ code: 'PRICE_LIMIT', message: '委托价格 11.01 高于涨停价 11' });
    expect(checkPrice(main, OrderType.LIMIT, 8.99)).toEqual({ code: 'PRICE_LIMIT', message: '委托价格 8.99 低于跌停价 9' });
  });
});
