/** Which rulebook a contract follows: by the market it names, else by its exchange; none is an error, never a guess. */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Market, Offset, OrderType } from '../../../../common/constants';
import { makeContract } from '../../../fixtures/contracts';
import { defaultMarkets } from '../../../../common/markets';
import { createMarketRegistry } from '../../../../common/markets/market-registry';
import type { MarketRules } from '../../../../common/markets/market-rules';
import { CN_STOCK_RULES } from '../../../../common/markets/cn-stock/cn-stock-rules';

describe('MarketRegistry', () => {
  it('gives the A-share rules to the A-share exchanges and to a contract that names the market', () => {
    const markets = defaultMarkets();
    for (const exchange of [Exchange.SSE, Exchange.SZSE, Exchange.BSE]) expect(markets.rulesFor({ exchange }).id).toBe(Market.CN_STOCK);
    expect(markets.rulesFor({ exchange: Exchange.SHFE, market: Market.CN_STOCK }).id).toBe(Market.CN_STOCK);
  });

  it('gives the futures rules to the six futures exchanges', () => {
    const markets = defaultMarkets();
    for (const exchange of [Exchange.CFFEX, Exchange.SHFE, Exchange.DCE, Exchange.CZCE, Exchange.INE, Exchange.GFEX]) {
      expect(markets.rulesFor({ exchange }).id).toBe(Market.CN_FUTURES);
    }
    expect(markets.all().map((m) => m.id)).toEqual([Market.CN_STOCK, Market.CN_FUTURES]);
  });

  it('has no rules for an exchange no market claims: rulesFor says so in Chinese, find answers undefined', () => {
    const markets = createMarketRegistry([CN_STOCK_RULES]);
    expect(markets.find({ exchange: Exchange.SHFE })).toBeUndefined();
    expect(markets.find({ exchange: Exchange.SSE })?.id).toBe(Market.CN_STOCK);
    expect(() => markets.rulesFor({ exchange: Exchange.CFFEX })).toThrow(expect.objectContaining({ code: 'NO_MARKET', message: '没有适用于交易所 CFFEX的交易规则' }));
    expect(() => markets.rulesFor({ exchange: Exchange.SSE, market: Market.CN_FUTURES })).toThrow(expect.objectContaining({ code: 'NO_MARKET', message: '没有适用于市场“cn-futures”的交易规则' }));
  });

  it('refuses a market registered twice and an exchange claimed by two markets', () => {
    const a = { id: Market.CN_STOCK, exchanges: [Exchange.SSE] } as unknown as MarketRules;
    expect(() => createMarketRegistry([a, a])).toThrow(/registered twice/);
    const b = { id: 'other', exchanges: [Exchange.SSE] } as unknown as MarketRules;
    expect(() => createMarketRegistry([a, b])).toThrow(/claimed by both/);
  });
});

describe('defaultMarkets', () => {
  it('gives the A-share rules the commission schedule it is given', () => {
    const buy = { direction: Direction.LONG, offset: Offset.NONE, type: OrderType.LIMIT, price: 10, volume: 1000 };
    const stock = makeContract('600000', Exchange.SSE, 10);
    // 10000: commission 3.00 at 0.03 % without a minimum, transfer fee 0.10; the default charges the 5.00 minimum
    const cheap = defaultMarkets({ stockFees: { commissionRate: 0.0003, minCommission: 0, stampDutyRate: 0.0005, transferFeeRate: 0.00001 } });
    expect(cheap.rulesFor(stock).requiredFunds(buy, stock)).toBe(10003.1);
    expect(defaultMarkets().rulesFor(stock).requiredFunds(buy, stock)).toBe(10005.1);
  });
});
