/**
 * The bar matching rules one at a time, each on a bar crafted to trip it. Expected fees are
 * worked out by hand from the default schedule: commission 0.025 % (at least 5 CNY per
 * order), stamp duty 0.05 % on sells of stocks, transfer fee 0.001 % on both sides of stocks.
 */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType } from '../../../common/constants';
import type { OrderRequest } from '../../../common/objects';
import { DEFAULT_FEES } from '../../../common/markets/cn-stock/fees';
import { applyFill, newBarOrder, type BarOrder, type MatchBar } from '../../../electron/engine/backtest/matching/bar-order';
import { CnStockBook } from '../../../electron/engine/backtest/matching/cn-stock-book';
import { matchCnStockBar, type CnStockMatchSettings } from '../../../electron/engine/backtest/matching/cn-stock-bar-matcher';
import { matchFuturesBar, type FuturesMatchSettings } from '../../../electron/engine/backtest/matching/futures-bar-matcher';
import { makeContract } from '../../fixtures/contracts';

// 600000 with a previous close of 10.00: limits 11.00 / 9.00, lots of 100, tick 0.01.
const STOCK = makeContract('600000', Exchange.SSE, 10);
const ETF = makeContract('510300', Exchange.SSE, 4);
const SETTINGS: CnStockMatchSettings = { fees: DEFAULT_FEES, volumeRatio: 0.25, slippageTicks: 0 };

function bar(o: number, h: number, l: number, c: number, volume = 1_000_000, limits = { up: 11, down: 9 }): MatchBar {
  return { datetime: 0, open: o, high: h, low: l, close: c, volume, limit_up: limits.up, limit_down: limits.down };
}

function limitOrder(id: string, direction: Direction.LONG | Direction.SHORT, price: number, volume: number, placedBar = 0): BarOrder {
  return newBarOrder({ id, direction, type: OrderType.LIMIT, price, volume, placedBar });
}

describe('timing: an order placed at a bar\'s close trades from the next bar', () => {
  it('is not matched against the bar it was placed on, even when that bar crosses it', () => {
    const order = limitOrder('a', Direction.LONG, 10.5, 100, 3);
    const b = bar(10, 10.2, 9.8, 10.1);
    expect(matchCnStockBar(b, 3, [order], STOCK, SETTINGS).fills).toEqual([]);
    expect(matchCnStockBar(b, 4, [order], STOCK, SETTINGS).fills.map((f) => f.volume)).toEqual([100]);
  });
});

describe('vn.py\'s bar rule (A-shares and futures)', () => {
  it('a buy fills when low ≤ price, at min(price, open); a gap down fills at the open', () => {
    const buy = limitOrder('b', Direction.LONG, 10.2, 100);
    expect(matchCnStockBar(bar(10.5, 10.6, 10.1, 10.3), 1, [buy], STOCK, SETTINGS).fills[0]!.price).toBe(10.2);
    expect(matchCnStockBar(bar(9.9, 10.0, 9.8, 9.9), 1, [buy], STOCK, SETTINGS).fills[0]!.price).toBe(9.9);
    expect(matchCnStockBar(bar(10.5, 10.6, 10.21, 10.3), 1, [buy], STOCK, SETTINGS).fills).toEqual([]);
  });

  it('a sell fills when high ≥ price, at max(price, open); a gap up fills at the open', () => {
    const sell = limitOrder('s', Direction.SHORT, 10.2, 100);
    expect(matchCnStockBar(bar(10, 10.3, 9.9, 10.1), 1, [sell], STOCK, SETTINGS).fills[0]!.price).toBe(10.2);
    expect(matchCnStockBar(bar(10.4, 10.5, 10.3, 10.4), 1, [sell], STOCK, SETTINGS).fills[0]!.price).toBe(10.4);
    expect(matchCnStockBar(bar(10, 10.19, 9.9, 10.1), 1, [sell], STOCK, SETTINGS).fills).toEqual([]);
  });
});

describe('price limits', () => {
  const sealedUp = bar(11, 11, 11, 11);
  const sealedDown = bar(9, 9, 9, 9);

  it('a bar sealed at 涨停 all bar long fills no buy, whatever its price', () => {
    expect(matchCnStockBar(sealedUp, 1, [limitOrder('b1', Direction.LONG, 11, 100)], STOCK, SETTINGS).fills).toEqual([]);
    expect(matchCnStockBar(sealedUp, 1, [limitOrder('b2', Direction.LONG, 10.99, 100)], STOCK, SETTINGS).fills).toEqual([]);
  });

  it('…but sells fill on it, and buys fill on a bar sealed at 跌停, where sells do not', () => {
    expect(matchCnStockBar(sealedUp, 1, [limitOrder('s', Direction.SHORT, 10.5, 100)], STOCK, SETTINGS).fills[0]!.price).toBe(11);
    expect(matchCnStockBar(sealedDown, 1, [limitOrder('s', Direction.SHORT, 9, 100)], STOCK, SETTINGS).fills).toEqual([]);
    expect(matchCnStockBar(sealedDown, 1, [limitOrder('b', Direction.LONG, 9.5, 100)], STOCK, SETTINGS).fills[0]!.price).toBe(9);
  });

  it('a buy at the limit-up price fills at an open below the limit, not at the limit', () => {
    const fills = matchCnStockBar(bar(10.8, 11, 10.7, 11), 1, [limitOrder('b', Direction.LONG, 11, 100)], STOCK, SETTINGS).fills;
    expect(fills.map((f) => f.price)).toEqual([10.8]);
  });

  it('no price limit (0) means no such rule', () => {
    const free = bar(11, 11, 11, 11, 1_000_000, { up: 0, down: 0 });
    expect(matchCnStockBar(free, 1, [limitOrder('b', Direction.LONG, 11, 100)], STOCK, SETTINGS).fills.length).toBe(1);
  });
});

describe('volume cap', () => {
  it('fills at most the set share of the bar\'s volume, in whole lots; the rest keeps working', () => {
    // cap = 25 % × 1,000 = 250 shares → 200 (lots of 100); the other 300 wait for the next bar
    let order = limitOrder('b', Direction.LONG, 10, 500);
    const first = matchCnStockBar(bar(10, 10, 10, 10, 1_000), 1, [order], STOCK, SETTINGS);
    expect(first.fills.map((f) => f.volume)).toEqual([200]);
    expect(first.cancelled).toEqual([]);
    order = applyFill(order, first.fills[0]!);
    expect(matchCnStockBar(bar(10, 10, 10, 10, 100_000), 2, [order], STOCK, SETTINGS).fills.map((f) => f.volume)).toEqual([300]);
  });

  it('is shared by the orders in the order they were placed', () => {
    const orders = [limitOrder('first', Direction.LONG, 10, 200), limitOrder('second', Direction.LONG, 10, 200)];
    // cap 300: the first takes 200, the second gets the 100 left
    const fills = matchCnStockBar(bar(10, 10, 10, 10, 1_200), 1, orders, STOCK, SETTINGS).fills;
    expect(fills.map((f) => [f.orderId, f.volume])).toEqual([['first', 200], ['second', 100]]);
  });

  it('an odd-lot sell fills its round part first, and its odd lot whole once it fits', () => {
    let order = limitOrder('s', Direction.SHORT, 10, 150);
    const first = matchCnStockBar(bar(10, 10, 10, 10, 480), 1, [order], STOCK, SETTINGS); // cap 120
    expect(first.fills.map((f) => f.volume)).toEqual([100]);
    order = applyFill(order, first.fills[0]!);
    expect(matchCnStockBar(bar(10, 10, 10, 10, 480), 2, [order], STOCK, SETTINGS).fills.map((f) => f.volume)).toEqual([50]);
  });
});

describe('fees', () => {
  it('minimum commission per order, not per fill', () => {
    // 1,000 shares @ 10.00 in two fills: 200 (cap 25 % × 800) and 800.
    // fill 1: 2,000.00 → commission max(0.50, 5) = 5.00; transfer 0.02
    // fill 2: order total 10,000.00 → max(2.50, 5) = 5.00, less 5.00 paid = 0.00; transfer 0.08
    let order = limitOrder('b', Direction.LONG, 10, 1_000);
    const f1 = matchCnStockBar(bar(10, 10, 10, 10, 800), 1, [order], STOCK, SETTINGS).fills[0]!;
    order = applyFill(order, f1);
    const f2 = matchCnStockBar(bar(10, 10, 10, 10, 100_000), 2, [order], STOCK, SETTINGS).fills[0]!;
    expect([f1.volume, f1.commission, f1.transfer_fee, f1.fee]).toEqual([200, 5, 0.02, 5.02]);
    expect([f2.volume, f2.commission, f2.transfer_fee, f2.fee]).toEqual([800, 0, 0.08, 0.08]);
    // once the order's amount passes 20,000, commission follows the rate again:
    // 3,000 shares in total, 30,000.00 × 0.025 % = 7.50 → the third fill pays 7.50 − 5.00 = 2.50
    order = applyFill(order, f2);
    const bigger = { ...order, volume: 3_000 };
    const f3 = matchCnStockBar(bar(10, 10, 10, 10, 100_000), 3, [bigger], STOCK, SETTINGS).fills[0]!;
    expect([f3.volume, f3.commission]).toEqual([2_000, 2.5]);
  });

  it('stamp duty on sells of stocks only; ETFs pay neither stamp duty nor transfer fee', () => {
    // sell 1,000 @ 10.00 = 10,000.00: commission 5.00, stamp 5.00, transfer 0.10 → 10.10
    const sell = matchCnStockBar(bar(10, 10, 10, 10), 1, [limitOrder('s', Direction.SHORT, 10, 1_000)], STOCK, SETTINGS).fills[0]!;
    expect([sell.commission, sell.stamp_duty, sell.transfer_fee, sell.fee]).toEqual([5, 5, 0.1, 10.1]);
    const buy = matchCnStockBar(bar(10, 10, 10, 10), 1, [limitOrder('b', Direction.LONG, 10, 1_000)], STOCK, SETTINGS).fills[0]!;
    expect(buy.stamp_duty).toBe(0);
    // ETF: sell 10,000 @ 4.000 = 40,000.00 → commission 10.00 only
    const etf = matchCnStockBar(bar(4, 4, 4, 4, 1_000_000, { up: 4.4, down: 3.6 }), 1, [limitOrder('e', Direction.SHORT, 4, 10_000)], ETF, SETTINGS).fills[0]!;
    expect([etf.commission, etf.stamp_duty, etf.transfer_fee]).toEqual([10, 0, 0]);
  });

  it('slippage in ticks is a cost of the fill, not a change of its price', () => {
    // 2 ticks × 0.01 × 300 shares = 6.00
    const fill = matchCnStockBar(bar(10, 10, 10, 10), 1, [limitOrder('b', Direction.LONG, 10, 300)], STOCK, { ...SETTINGS, slippageTicks: 2 }).fills[0]!;
    expect(fill.price).toBe(10);
    expect(fill.slippage).toBeCloseTo(6, 12);
  });
});

describe('market orders', () => {
  const market = (direction: Direction.LONG | Direction.SHORT, volume: number, protection = 0): BarOrder =>
    newBarOrder({ id: 'm', direction, type: OrderType.BEST5_IOC, price: protection, volume, placedBar: 0 });

  it('fill at the next bar\'s open; what that bar cannot fill is cancelled, with the reason', () => {
    const m = matchCnStockBar(bar(10.1, 10.3, 10, 10.2, 2_000), 1, [market(Direction.LONG, 1_000)], STOCK, SETTINGS);
    expect(m.fills.map((f) => [f.price, f.volume])).toEqual([[10.1, 500]]);
    expect(m.cancelled[0]!.reason).toMatch(/市价委托未成交部分已撤销：超过K线成交量的 25%/);
  });

  it('a protection price stops a buy above it; a market buy at an open sealed at 涨停 is cancelled', () => {
    const protectedBuy = matchCnStockBar(bar(10.1, 10.3, 10, 10.2), 1, [market(Direction.LONG, 100, 10.05)], STOCK, SETTINGS);
    expect(protectedBuy.fills).toEqual([]);
    expect(protectedBuy.cancelled[0]!.reason).toMatch(/保护限价/);
    const sealed = matchCnStockBar(bar(11, 11, 11, 11), 1, [market(Direction.LONG, 100)], STOCK, SETTINGS);
    expect(sealed.cancelled[0]!.reason).toMatch(/涨停价 11 无法买入成交/);
  });
});

describe('order acceptance (the live engine\'s rules) and T+1', () => {
  const req = (direction: Direction, volume: number, price = 10, type = OrderType.LIMIT): OrderRequest => ({
    symbol: STOCK.symbol, exchange: STOCK.exchange, direction, type, volume, price, offset: Offset.NONE, reference: 'bt',
  });

  it('refuses a sell of shares bought today, and accepts it the next day', () => {
    const book = new CnStockBook(100_000, DEFAULT_FEES);
    expect(book.place('b1', req(Direction.LONG, 1_000), STOCK)).toBeNull();
    const fill = matchCnStockBar(bar(10, 10, 10, 10), 1, [limitOrder('b1', Direction.LONG, 10, 1_000)], STOCK, SETTINGS).fills[0]!;
    book.fill('b1', fill);
    expect(book.position(STOCK.vt_symbol).volume).toBe(1_000);
    expect(book.place('s1', req(Direction.SHORT, 1_000), STOCK)?.message).toMatch(/T\+1/);
    book.newDay();
    expect(book.place('s1', req(Direction.SHORT, 1_000), STOCK)).toBeNull();
    // the shares are held by the working sell: a second sell finds none
    expect(book.place('s2', req(Direction.SHORT, 100), STOCK)?.code).toBe('POSITION');
  });

  it('pays for a buy with its fees: 100,000 − 10,000.00 − 5.00 − 0.10', () => {
    const book = new CnStockBook(100_000, DEFAULT_FEES);
    book.place('b', req(Direction.LONG, 1_000), STOCK);
    book.fill('b', matchCnStockBar(bar(10, 10, 10, 10), 1, [limitOrder('b', Direction.LONG, 10, 1_000)], STOCK, SETTINGS).fills[0]!);
    expect(book.cash).toBe(89_994.9);
    expect(book.available).toBe(89_994.9);
  });

  it('board lots, odd-lot sells, ticks, price limits and cash', () => {
    const book = new CnStockBook(5_000, DEFAULT_FEES);
    expect(book.place('x', req(Direction.LONG, 150), STOCK)?.code).toBe('LOT_SIZE');
    expect(book.place('x', req(Direction.LONG, 100, 10.005), STOCK)?.code).toBe('PRICE_TICK');
    expect(book.place('x', req(Direction.LONG, 100, 11.01), STOCK)?.code).toBe('PRICE_LIMIT');
    expect(book.place('x', req(Direction.LONG, 500), STOCK)?.message).toMatch(/可用资金不足/);
    // 150 shares held since yesterday: the 50-share odd lot must go whole
    book.place('b', req(Direction.LONG, 100), STOCK);
    book.fill('b', matchCnStockBar(bar(10, 10, 10, 10), 1, [limitOrder('b', Direction.LONG, 10, 100)], STOCK, SETTINGS).fills[0]!);
    const odd = new CnStockBook(100_000, DEFAULT_FEES);
    odd.place('b', req(Direction.LONG, 200), STOCK);
    odd.fill('b', { ...matchCnStockBar(bar(10, 10, 10, 10), 1, [limitOrder('b', Direction.LONG, 10, 200)], STOCK, SETTINGS).fills[0]!, volume: 150 });
    odd.release('b');
    odd.newDay();
    expect(odd.place('s', req(Direction.SHORT, 30), STOCK)?.code).toBe('ODD_LOT');
    expect(odd.place('s', req(Direction.SHORT, 50), STOCK)).toBeNull();
  });

  it('a cancelled buy gives its held cash back', () => {
    const book = new CnStockBook(100_000, DEFAULT_FEES);
    book.place('b', req(Direction.LONG, 1_000), STOCK);
    expect(book.available).toBe(89_994.9); // 10,000.00 + 5.00 + 0.10 held
    book.release('b');
    expect(book.available).toBe(100_000);
  });
});

describe('futures (vn.py\'s BacktestingEngine)', () => {
  const IF: FuturesMatchSettings = { size: 300, pricetick: 0.2, commission: { kind: 'rate', rate: 0.000023 }, slippageTicks: 1 };

  it('fills whole at min(price, open), commission = volume × size × price × rate, slippage = volume × size × tick', () => {
    const order = limitOrder('f', Direction.LONG, 3500, 2);
    const fill = matchFuturesBar(bar(3498, 3510, 3490, 3505, 1, { up: 0, down: 0 }), 1, [order], IF).fills[0]!;
    expect(fill.price).toBe(3498);
    expect(fill.volume).toBe(2); // no volume cap: the bar traded 1 lot
    expect(fill.amount).toBe(2 * 300 * 3498);
    expect(fill.commission).toBeCloseTo(2 * 300 * 3498 * 0.000023, 9);
    expect(fill.slippage).toBeCloseTo(2 * 300 * 0.2, 9);
  });

  it('commission per lot; the price limit is no rule of vn.py\'s engine; market orders are refused', () => {
    const perLot = { ...IF, commission: { kind: 'per-lot' as const, perLot: 3.45 } };
    const sell = matchFuturesBar(bar(3600, 3600, 3600, 3600, 10, { up: 3600, down: 3000 }), 1, [limitOrder('s', Direction.SHORT, 3590, 3)], perLot);
    expect(sell.fills.map((f) => [f.price, f.commission])).toEqual([[3600, 3 * 3.45]]);
    const m = matchFuturesBar(bar(1, 1, 1, 1), 1, [newBarOrder({ id: 'm', direction: Direction.LONG, type: OrderType.BEST5_IOC, price: 0, volume: 1, placedBar: 0 })], IF);
    expect(m.cancelled[0]!.reason).toMatch(/只支持限价/);
  });
});

describe('the replay order: match bar k, then hand bar k to the strategy', () => {
  it('days start and end around their bars; matching always precedes the strategy\'s view of the same bar', async () => {
    const { replayBars } = await import('../../../electron/engine/backtest/matching/bar-replay');
    // two bars on Tue 2 Jan (09:30, 09:31 Beijing = 01:30, 01:31 UTC), one on Wed 3 Jan
    const times = [Date.parse('2024-01-02T01:30:00Z'), Date.parse('2024-01-02T01:31:00Z'), Date.parse('2024-01-03T01:30:00Z')];
    const events: string[] = [];
    replayBars(times, {
      onDayStart: (d, k) => events.push(`start ${d} @${k}`),
      match: (k) => events.push(`match ${k}`),
      onBar: (k) => events.push(`bar ${k}`),
      onDayEnd: (d, k) => events.push(`end ${d} @${k}`),
    });
    expect(events).toEqual([
      'start 2024-01-02 @0', 'match 0', 'bar 0', 'match 1', 'bar 1', 'end 2024-01-02 @1',
      'start 2024-01-03 @2', 'match 2', 'bar 2', 'end 2024-01-03 @2',
    ]);
  });
});
