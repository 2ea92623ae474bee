/** A strategy order's JoinQuant futures form as the engine's offset, and what a holding lets a strategy close. */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset } from '../../../../common/constants';
import { defaultMarkets } from '../../../../common/markets';
import { closableOfHolding, offsetOfStrategyOrder } from '../../../../apps/strategy-manager/engine/order-offsets';
import { PortfolioMirror } from '../../../../apps/strategy-manager/engine/runtime/portfolio-mirror';
import { makeContract } from '../../../fixtures/contracts';
import { IF2612, RB2701 } from '../../../fixtures/futures-contracts';

const markets = defaultMarkets();
const stock = makeContract('600000', Exchange.SSE, 10);

describe('offsetOfStrategyOrder', () => {
  it('futures: amount > 0 opens, < 0 closes (平仓), close_today → 平今, whatever the side', () => {
    const rules = markets.rulesFor(RB2701);
    expect(offsetOfStrategyOrder(rules, RB2701, { side: 'short', action: 'open' })).toBe(Offset.OPEN);
    expect(offsetOfStrategyOrder(rules, RB2701, { side: 'short', action: 'close' })).toBe(Offset.CLOSE);
    expect(offsetOfStrategyOrder(rules, RB2701, { side: 'long', action: 'close', close_today: true })).toBe(Offset.CLOSETODAY);
  });

  it('A-shares: no offset; side "short" and close_today are refused by name', () => {
    const rules = markets.rulesFor(stock);
    expect(offsetOfStrategyOrder(rules, stock, { action: 'close' })).toBe(Offset.NONE);
    expect(() => offsetOfStrategyOrder(rules, stock, { side: 'short', action: 'open' })).toThrow('600000 为A股，只支持 side="long"（空头仅用于期货），当前为 short');
    expect(() => offsetOfStrategyOrder(rules, stock, { action: 'close', close_today: true })).toThrow('close_today 仅用于期货，600000 为A股');
  });
});

describe('closableOfHolding', () => {
  it('futures T+0: SHFE sums 平仓 (yesterday’s) and 平今; CFFEX takes everything unfrozen', () => {
    expect(closableOfHolding(markets.rulesFor(RB2701), RB2701, Direction.LONG, { volume: 5, yd_volume: 2, frozen: 1, yd_frozen: 1 })).toBe(4);
    expect(closableOfHolding(markets.rulesFor(IF2612), IF2612, Direction.SHORT, { volume: 3, yd_volume: 0, frozen: 0 })).toBe(3);
  });

  it('A-shares T+1: only yesterday’s shares', () => {
    expect(closableOfHolding(markets.rulesFor(stock), stock, Direction.LONG, { volume: 500, yd_volume: 200, frozen: 0 })).toBe(200);
  });
});

describe('PortfolioMirror with futures shorts', () => {
  it('keeps shorts apart from longs: short_positions shows them with side "short"', () => {
    const mirror = new PortfolioMirror((vt) => vt);
    mirror.setAll([
      { vt_symbol: 'IF2612.CFFEX', volume: 2, frozen: 0, available: 2, price: 3900, last_price: 3880, side: 'short' },
      { vt_symbol: 'rb2701.SHFE', volume: 1, frozen: 0, available: 1, price: 3050, last_price: 3060 },
    ]);
    const p = mirror.portfolio;
    expect(p.short_positions['IF2612.CFFEX']).toMatchObject({ amount: 2, side: 'short', available_amount: 2, avg_cost: 3900 });
    expect('IF2612.CFFEX' in p.long_positions).toBe(false);
    expect(p.long_positions['rb2701.SHFE']).toMatchObject({ amount: 1, side: 'long' });
    mirror.setPosition({ vt_symbol: 'IF2612.CFFEX', volume: 0, frozen: 0, available: 0, price: 0, last_price: 3880, side: 'short' });
    expect('IF2612.CFFEX' in p.short_positions).toBe(false);
  });
});
