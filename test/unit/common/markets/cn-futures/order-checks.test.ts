import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType } from '../../../../../common/constants';
import { orderFreeze } from '../../../../../common/markets/cn-futures/account';
import { type FuturesContract, isFuturesContract } from '../../../../../common/markets/cn-futures/futures-contract';
import {
  checkFuturesDirection, checkFuturesFunds, checkFuturesOrder, checkFuturesOrderType, checkFuturesPrice, checkFuturesVolume, checkNotExpired,
} from '../../../../../common/markets/cn-futures/order-checks';
import { type FuturesHolding, emptyHolding } from '../../../../../common/markets/cn-futures/position';
import type { OrderRequest } from '../../../../../common/objects';
import { makeContract } from '../../../../fixtures/contracts';
import { IF2612, MA701, RB2701, futuresContract } from '../../../../fixtures/futures-contracts';

const { LONG, SHORT } = Direction;

function req(contract: FuturesContract, r: Partial<OrderRequest>): OrderRequest {
  return { symbol: contract.symbol, exchange: contract.exchange, direction: LONG, type: OrderType.LIMIT, volume: 1, price: 3900, offset: Offset.OPEN, reference: 'test', ...r };
}

describe('volume bounds per order type', () => {
  it('IF: at most 20 lots a limit order, 10 a market order', () => {
    expect(checkFuturesVolume(IF2612, OrderType.LIMIT, 3900, 20)).toBeNull();
    expect(checkFuturesVolume(IF2612, OrderType.LIMIT, 3900, 21)).toEqual({ code: 'MAX_ORDER_VOLUME', message: 'IF2612 限价单每笔最多 20 手，当前为 21 手' });
    expect(checkFuturesVolume(IF2612, OrderType.IOC, 0, 10)).toBeNull();
    expect(checkFuturesVolume(IF2612, OrderType.IOC, 0, 11)).toEqual({ code: 'MAX_ORDER_VOLUME', message: 'IF2612 市价单每笔最多 10 手，当前为 11 手' });
    // a FAK with a price is a limit order: the limit bound applies
    expect(checkFuturesVolume(IF2612, OrderType.IOC, 3900, 15)).toBeNull();
  });

  it('whole lots above the minimum', () => {
    expect(checkFuturesVolume(IF2612, OrderType.LIMIT, 3900, 1.5)).toEqual({ code: 'VOLUME_INVALID', message: '委托数量必须为正整数（手），当前为 1.5' });
    expect(checkFuturesVolume(IF2612, OrderType.LIMIT, 3900, 0)?.code).toBe('VOLUME_INVALID');
    const minFour = futuresContract({ ...MA701, min_volume: 4 });
    expect(checkFuturesVolume(minFour, OrderType.LIMIT, 2400, 3)).toEqual({ code: 'MIN_ORDER_VOLUME', message: 'MA701 限价单每笔至少 4 手，当前为 3 手' });
  });
});

describe('order types', () => {
  it('SHFE and INE take no market orders; FAK/FOK need a price there', () => {
    expect(checkFuturesOrderType(RB2701, OrderType.IOC, 0)).toEqual({ code: 'MARKET_ORDER', message: '上期所不接受市价委托：FAK/FOK 委托须带限价' });
    expect(checkFuturesOrderType(RB2701, OrderType.FOK, 0)?.code).toBe('MARKET_ORDER');
    expect(checkFuturesOrderType(RB2701, OrderType.IOC, 3100)).toBeNull();
    expect(checkFuturesOrderType(RB2701, OrderType.FOK, 3100)).toBeNull();
    expect(checkFuturesOrderType(IF2612, OrderType.IOC, 0)).toBeNull();
    expect(checkFuturesOrderType(MA701, OrderType.FOK, 0)).toBeNull();
  });

  it('a contract whose market-order bound is 0 takes none, on an exchange that does', () => {
    const noMarket = futuresContract({ ...IF2612, max_market_volume: 0 });
    expect(checkFuturesOrderType(noMarket, OrderType.IOC, 0)).toEqual({ code: 'MARKET_ORDER', message: 'IF2612 不接受市价委托（市价单最大下单量为 0）：FAK/FOK 委托须带限价' });
    expect(checkFuturesOrderType(noMarket, OrderType.IOC, 3900)).toBeNull();
    expect(checkFuturesOrderType(futuresContract({ ...IF2612, max_market_volume: 1 }), OrderType.IOC, 0)).toBeNull();
  });

  it('the A-share market types are refused', () => {
    expect(checkFuturesOrderType(IF2612, OrderType.BEST_OWN, 0)?.code).toBe('ORDER_TYPE');
    expect(checkFuturesOrderType(RB2701, OrderType.BEST5_IOC, 3100)?.message).toMatch(/上期所不支持“最优五档剩余撤销”委托/);
  });
});

describe('prices: the tick and today’s limits', () => {
  it('IF: 0.2 tick, limits 3473.8–4245.4', () => {
    expect(checkFuturesPrice(IF2612, OrderType.LIMIT, 3900.2)).toBeNull();
    expect(checkFuturesPrice(IF2612, OrderType.LIMIT, 3900.1)).toEqual({ code: 'PRICE_TICK', message: '委托价格须为最小变动价位 0.2 的整数倍，当前为 3900.1' });
    expect(checkFuturesPrice(IF2612, OrderType.LIMIT, 4245.4)).toBeNull();
    expect(checkFuturesPrice(IF2612, OrderType.LIMIT, 4245.6)).toEqual({ code: 'PRICE_LIMIT', message: '委托价格 4245.6 高于涨停价 4245.4' });
    expect(checkFuturesPrice(IF2612, OrderType.LIMIT, 3473.8)).toBeNull();
    expect(checkFuturesPrice(IF2612, OrderType.LIMIT, 3473.6)).toEqual({ code: 'PRICE_LIMIT', message: '委托价格 3473.6 低于跌停价 3473.8' });
    expect(checkFuturesPrice(IF2612, OrderType.LIMIT, 0)).toEqual({ code: 'PRICE_INVALID', message: '委托价格必须大于 0，当前为 0' });
    expect(checkFuturesPrice(IF2612, OrderType.IOC, 0)).toBeNull();
  });

  it('limits of 0 (not known yet) bound nothing', () => {
    const unbounded = futuresContract({ ...IF2612, limit_up: 0, limit_down: 0 });
    expect(checkFuturesPrice(unbounded, OrderType.LIMIT, 99_999.8)).toBeNull();
    expect(checkFuturesPrice(unbounded, OrderType.LIMIT, 0.2)).toBeNull();
  });

  it('a 0.5 tick', () => {
    const i = futuresContract({ symbol: 'i2705', exchange: Exchange.DCE, size: 100, pricetick: 0.5, pre_settlement: 781.5, limit_up: 867, limit_down: 696 });
    expect(checkFuturesPrice(i, OrderType.LIMIT, 780.5)).toBeNull();
    expect(checkFuturesPrice(i, OrderType.LIMIT, 780.2)?.code).toBe('PRICE_TICK');
  });
});

describe('expiry and funds', () => {
  it('no trading after the last trading day', () => {
    expect(checkNotExpired(IF2612, '2026-12-18')).toBeNull();
    expect(checkNotExpired(IF2612, '2026-12-21')).toEqual({ code: 'CONTRACT_EXPIRED', message: 'IF2612 已于 2026-12-18 到期，不能交易' });
  });

  it('margin and commission must fit what is available', () => {
    const freeze = { margin: 140_400, commission: 26.91 };
    expect(checkFuturesFunds(freeze, 140_426.91, Offset.OPEN)).toBeNull();
    expect(checkFuturesFunds(freeze, 140_000, Offset.OPEN)).toEqual({
      code: 'INSUFFICIENT_FUNDS', message: '可用资金不足：开仓需保证金 140400.00 元、手续费 26.91 元，可用 140000.00 元',
    });
    expect(checkFuturesFunds({ margin: 0, commission: 9.24 }, 5, Offset.CLOSETODAY)?.message).toBe('可用资金不足：平今需手续费 9.24 元，可用 5.00 元');
  });
});

describe('checkFuturesOrder: everything, first violation first', () => {
  // A function, not a value built in this body: mutation testing credits a test only with what runs inside it.
  const long2 = (): FuturesHolding => {
    const h = emptyHolding(3050);
    return { ...h, long: { ...h.long, today: [{ price: 3060, volume: 2 }] } };
  };
  const ctx = (holding: FuturesHolding, available: number, r: OrderRequest, contract: FuturesContract) => ({
    holding, available, freeze: orderFreeze(contract, holding, r), trading_day: '2026-10-19',
  });

  it('accepts a good open and a good close', () => {
    const open = req(IF2612, { price: 3900 });
    expect(checkFuturesOrder(open, IF2612, ctx(emptyHolding(), 200_000, open, IF2612))).toBeNull();
    const close = req(RB2701, { direction: SHORT, offset: Offset.CLOSETODAY, price: 3080, volume: 2 });
    expect(checkFuturesOrder(close, RB2701, ctx(long2(), 1_000, close, RB2701))).toBeNull();
  });

  it('refuses an order without an offset or with a net direction', () => {
    const none = req(IF2612, { offset: Offset.NONE });
    expect(checkFuturesOrder(none, IF2612, ctx(emptyHolding(), 1e9, none, IF2612))).toEqual({ code: 'OFFSET_REQUIRED', message: '期货委托须指明开平：开仓、平仓、平今或平昨' });
    const net = req(IF2612, { direction: Direction.NET });
    expect(checkFuturesOrder(net, IF2612, ctx(emptyHolding(), 1e9, net, IF2612))).toEqual({ code: 'DIRECTION_INVALID', message: '期货委托方向须为买（多）或卖（空），当前为“净”' });
    expect(checkFuturesDirection(LONG)).toBeNull();
    expect(checkFuturesDirection(SHORT)).toBeNull();
  });

  it('refuses closing more than is held, with the SHFE rule spelled out', () => {
    const close = req(RB2701, { direction: SHORT, offset: Offset.CLOSE, price: 3080, volume: 1 });
    expect(checkFuturesOrder(close, RB2701, ctx(long2(), 1_000, close, RB2701))).toEqual({
      code: 'OVER_CLOSE', message: '多头昨仓不足：上期所的平仓只平昨仓，可平昨仓 0 手，委托平仓 1 手；今仓 2 手请用平今',
    });
  });

  it('refuses an open the funds cannot carry', () => {
    const open = req(IF2612, { price: 3900 });
    expect(checkFuturesOrder(open, IF2612, ctx(emptyHolding(), 100_000, open, IF2612))?.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('reports the expiry before anything else', () => {
    const open = req(IF2612, { price: 3900.1, volume: 50 });
    expect(checkFuturesOrder(open, IF2612, { ...ctx(emptyHolding(), 0, open, IF2612), trading_day: '2026-12-21' })?.code).toBe('CONTRACT_EXPIRED');
  });
});

describe('isFuturesContract', () => {
  it('tells a complete futures contract from an A-share or an incomplete one', () => {
    expect(isFuturesContract(IF2612)).toBe(true);
    expect(isFuturesContract(makeContract('600000', Exchange.SSE, 10))).toBe(false);
    const { commission: _omit, ...noFees } = IF2612;
    expect(isFuturesContract(noFees)).toBe(false);
  });
});
