/** #11 item 7: 可买 / 可卖 are what the engine's own rules would accept now. */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType } from '../../../common/constants';
import { CN_STOCK_RULES } from '../../../common/markets/cn-stock/cn-stock-rules';
import { maxBuyable, maxClosable } from '../../../renderer/src/panel/capacity';
import { makeContract } from '../../fixtures/contracts';
import { makeAccount, makePosition } from '../../fixtures/objects';

const stock = makeContract('600000', Exchange.SSE, 10);

describe('maxBuyable', () => {
  it('is the largest whole lot whose cost with fees fits the cash, and one lot more does not fit', () => {
    const account = makeAccount(100_000);
    const n = maxBuyable(CN_STOCK_RULES, stock, account, OrderType.LIMIT, 10);
    expect(n % 100).toBe(0);
    const cost = (v: number) => CN_STOCK_RULES.requiredFunds({ direction: Direction.LONG, offset: Offset.NONE, type: OrderType.LIMIT, price: 10, volume: v }, stock);
    expect(cost(n)).toBeLessThanOrEqual(100_000);
    expect(cost(n + 100)).toBeGreaterThan(100_000);
    // 10,000 shares cost 100,000 plus fees: the fees take the last lot.
    expect(n).toBe(9900);
  });

  it('prices a market buy without a protection price at limit-up, as the engine does', () => {
    const n = maxBuyable(CN_STOCK_RULES, stock, makeAccount(100_000), OrderType.BEST_COUNTERPARTY, 0);
    const atLimitUp = maxBuyable(CN_STOCK_RULES, stock, makeAccount(100_000), OrderType.LIMIT, stock.limit_up);
    expect(n).toBe(atLimitUp);
    expect(n).toBeLessThan(maxBuyable(CN_STOCK_RULES, stock, makeAccount(100_000), OrderType.LIMIT, 10));
  });

  it('is 0 without an account, without cash or without a price', () => {
    expect(maxBuyable(CN_STOCK_RULES, stock, undefined, OrderType.LIMIT, 10)).toBe(0);
    expect(maxBuyable(CN_STOCK_RULES, stock, makeAccount(0), OrderType.LIMIT, 10)).toBe(0);
    expect(maxBuyable(CN_STOCK_RULES, stock, makeAccount(1e6), OrderType.LIMIT, 0)).toBe(0);
  });
});

describe('maxClosable', () => {
  it('is what the holding may close now, 0 without one', () => {
    expect(maxClosable(CN_STOCK_RULES, stock, makePosition({ volume: 300, yd_volume: 200 }))).toBe(200);
    expect(maxClosable(CN_STOCK_RULES, stock, undefined)).toBe(0);
  });
});
