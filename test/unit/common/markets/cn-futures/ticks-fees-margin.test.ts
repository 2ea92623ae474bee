/**
 * The small futures rules on their own, on figures worked out by hand: the tick grid, the
 * limit-down floor, commission by amount and by lot (rounded once per fill), margin by
 * direction and the price an order's margin is frozen at.
 */
import { describe, expect, it } from 'vitest';
import { Direction, Product } from '../../../../../common/constants';
import { closeCommission, openCommission } from '../../../../../common/markets/cn-futures/commission';
import { type FuturesContract, isFuturesContract, marginRatioOf } from '../../../../../common/markets/cn-futures/futures-contract';
import { freezePriceOf, marginOf, positionMargin } from '../../../../../common/markets/cn-futures/margin';
import { emptyPosition } from '../../../../../common/markets/cn-futures/position';
import { futuresLimitPrices } from '../../../../../common/markets/cn-futures/price-limits';
import { isOnFuturesTick, priceOfTicks, tickDecimals, ticksOf } from '../../../../../common/markets/cn-futures/ticks';
import { IF2612, rates, RB2701 } from '../../../../fixtures/futures-contracts';

describe('the tick grid', () => {
  it('writes a tick with its own decimals', () => {
    expect([0.2, 0.02, 0.5, 5, 1, 0.001].map(tickDecimals)).toEqual([1, 2, 1, 0, 0, 3]);
  });

  it('counts whole ticks and writes them back free of float noise', () => {
    // 19298 × 0.2 is 3859.6000000000004 in floating point
    expect(ticksOf(3859.6, 0.2)).toBe(19_298);
    expect(priceOfTicks(19_298, 0.2)).toBe(3859.6);
    expect(ticksOf(3859.69, 0.2)).toBe(19_298); // to the nearest tick
    expect(priceOfTicks(42_121, 0.02)).toBe(842.42);
  });

  it('tells prices on the grid from prices off it', () => {
    expect(isOnFuturesTick(3859.6, 0.2)).toBe(true);
    expect(isOnFuturesTick(3859.7, 0.2)).toBe(false);
    expect(isOnFuturesTick(842.42, 0.02)).toBe(true);
    expect(isOnFuturesTick(842.43, 0.02)).toBe(false);
    expect(isOnFuturesTick(3235, 5)).toBe(true);
    expect(isOnFuturesTick(3236, 5)).toBe(false);
  });
});

describe('price limits', () => {
  it('never puts the limit-down below one tick', () => {
    // a 150 % band on a 1-tick settlement: up 2.5 → 2 ticks; down −0.5 → at least 1 tick
    expect(futuresLimitPrices(1, 1.5, 1)).toEqual({ up: 2, down: 1 });
  });
});

describe('commission', () => {
  const r = rates({
    open_ratio_by_money: 0.0001, open_ratio_by_volume: 1,
    close_ratio_by_money: 0.00005, close_ratio_by_volume: 0.5,
    close_today_ratio_by_money: 0.0003, close_today_ratio_by_volume: 2,
  });

  it('an open pays by amount plus by lot', () => {
    // 3500 × 3 × 10 × 0.0001 = 10.50, + 3 × 1 = 13.50
    expect(openCommission(r, 3500, 3, 10)).toBe(13.5);
  });

  it('a close pays today’s lots at the close-today rates and yesterday’s at the close rates', () => {
    // today 1: 36000 × 0.0003 = 10.80 + 2 = 12.80; yesterday 2: 72000 × 0.00005 = 3.60 + 2 × 0.5 = 1 → 4.60; 17.40
    expect(closeCommission(r, 3600, { today: 1, yesterday: 2 }, 10)).toBe(17.4);
    expect(closeCommission(r, 3600, { today: 0, yesterday: 2 }, 10)).toBe(4.6);
    expect(closeCommission(r, 3600, { today: 1, yesterday: 0 }, 10)).toBe(12.8);
  });

  it('is rounded once per fill, not per part', () => {
    // 0.005 + 0.005 = 0.01; rounding each part first would give 0.02
    const half = rates({ close_ratio_by_money: 0.005, close_today_ratio_by_money: 0.005 });
    expect(closeCommission(half, 1, { today: 1, yesterday: 1 }, 1)).toBe(0.01);
    // an open of 0.005 rounds half up
    expect(openCommission(rates({ open_ratio_by_money: 0.005 }), 1, 1, 1)).toBe(0.01);
  });
});

describe('margin', () => {
  const skewed: FuturesContract = { ...RB2701, long_margin_ratio: 0.08, short_margin_ratio: 0.15 };

  it('a long is margined at the long ratio, a short at the short ratio', () => {
    expect(marginRatioOf(skewed, Direction.LONG)).toBe(0.08);
    expect(marginRatioOf(skewed, Direction.SHORT)).toBe(0.15);
  });

  it('is price × lots × size × ratio, to the cent', () => {
    // 3859.6 × 2 × 300 × 0.12 = 277891.2
    expect(marginOf(3859.6, 2, 300, 0.12)).toBe(277_891.2);
    // 3001.1 × 1 × 10 × 0.0833 = 2499.9163 → 2499.92
    expect(marginOf(3001.1, 1, 10, 0.0833)).toBe(2499.92);
  });

  it('holds today’s lots at their open price and yesterday’s at the previous settlement', () => {
    // short: today 2 @ 3100 + 1 @ 3120 = 9320; yesterday 3 lots @ pre-settlement 3050 = 9150 (opened at 3000);
    // (9320 + 9150) × 10 × 15 % = 27705
    const short = {
      ...emptyPosition(Direction.SHORT, 3050),
      today: [{ price: 3100, volume: 2 }, { price: 3120, volume: 1 }],
      yesterday: [{ price: 3000, volume: 3 }],
    };
    expect(positionMargin(short, skewed)).toBe(27_705);
    // the same lots long: at 8 % → 14776
    expect(positionMargin({ ...short, direction: Direction.LONG }, skewed)).toBe(14_776);
  });

  it('freezes an order’s margin at its own price, or a market order’s at the limit in its direction', () => {
    expect(freezePriceOf(RB2701, Direction.LONG, 3100)).toBe(3100);
    expect(freezePriceOf(RB2701, Direction.SHORT, 3100)).toBe(3100);
    expect(freezePriceOf(RB2701, Direction.LONG, 0)).toBe(3233);
    expect(freezePriceOf(RB2701, Direction.SHORT, 0)).toBe(2867);
  });
});

describe('isFuturesContract', () => {
  it('needs every futures field, each of its type', () => {
    expect(isFuturesContract(IF2612)).toBe(true);
    expect(isFuturesContract({ ...IF2612, product: Product.EQUITY })).toBe(false);
    for (const field of ['product_id', 'min_market_volume', 'long_margin_ratio', 'short_margin_ratio', 'commission', 'expiry', 'limit_ratio', 'pre_settlement'] as const) {
      const { [field]: _omit, ...rest } = IF2612;
      expect([field, isFuturesContract(rest as never)]).toEqual([field, false]);
    }
    expect(isFuturesContract({ ...IF2612, exchange: 'SSE' as never })).toBe(false);
    expect(isFuturesContract({ ...IF2612, expiry: 20261218 as never })).toBe(false);
  });
});
