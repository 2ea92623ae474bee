/**
 * cn-futures behind the MarketRules seam, on worked examples computed here by hand: what the
 * engine, the panel, the OMS and the SIM get when they ask the registry about a futures contract.
 */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Market, Offset, OrderType, Product } from '../../../../../common/constants';
import { defaultMarkets } from '../../../../../common/markets';
import { CN_FUTURES_RULES as rules, createCnFuturesRules, futuresTermsOf, positionFromHeld } from '../../../../../common/markets/cn-futures/cn-futures-rules';
import { productSpecOf } from '../../../../../common/markets/cn-futures/products';
import type { HeldVolumes } from '../../../../../common/markets/market-rules';
import type { ContractData, OrderRequest, PositionData } from '../../../../../common/objects';
import { IF2612, MA701, RB2701 } from '../../../../fixtures/futures-contracts';
import { makeAccount, makePosition } from '../../../../fixtures/objects';

function req(contract: ContractData, over: Partial<OrderRequest>): OrderRequest {
  return { symbol: contract.symbol, exchange: contract.exchange, direction: Direction.LONG, type: OrderType.LIMIT, volume: 1, price: contract.pre_settlement ?? 1, offset: Offset.OPEN, reference: 't', ...over };
}

function held(volume: number, yd_volume: number, frozen = 0, yd_frozen?: number): HeldVolumes {
  return yd_frozen === undefined ? { volume, yd_volume, frozen } : { volume, yd_volume, frozen, yd_frozen };
}

/** An account view with `available` cash and the given long/short holdings. */
function view(available: number | undefined, long?: Partial<PositionData>, short?: Partial<PositionData>) {
  return {
    account: available === undefined ? undefined : makeAccount(available),
    position: (d: Direction) => {
      const p = d === Direction.LONG ? long : short;
      return p ? makePosition({ direction: d, ...p }) : undefined;
    },
  };
}

describe('the registry', () => {
  it('gives every futures exchange the futures rules and keeps the A-share exchanges on cn-stock', () => {
    const markets = defaultMarkets();
    for (const exchange of [Exchange.CFFEX, Exchange.SHFE, Exchange.DCE, Exchange.CZCE, Exchange.INE, Exchange.GFEX]) {
      expect(markets.rulesFor({ exchange }).id).toBe(Market.CN_FUTURES);
    }
    expect(markets.rulesFor({ exchange: Exchange.SSE }).id).toBe(Market.CN_STOCK);
    expect(markets.rulesFor({ exchange: Exchange.SSE, market: Market.CN_FUTURES }).id).toBe(Market.CN_FUTURES);
  });

  it('counts in 手, offers 开/平/平今/平昨, and limit plus FAK/FOK orders', () => {
    // a rulebook built here too: the shared one is built when the module loads, which mutation testing cannot see
    expect(createCnFuturesRules().displayName).toBe('期货');
    expect(rules.displayName).toBe('期货');
    expect(rules.volumeUnit(RB2701)).toBe('手');
    expect(rules.offsets(RB2701)).toEqual([Offset.OPEN, Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY]);
    expect(rules.orderTypes(IF2612)).toEqual([OrderType.LIMIT, OrderType.IOC, OrderType.FOK]);
  });
});

describe('checkContract', () => {
  it('needs an offset, whole lots on the tick, within the limits', () => {
    expect(rules.checkContract(req(RB2701, { offset: Offset.NONE }), RB2701)).toMatchObject({ code: 'OFFSET_REQUIRED', message: '期货委托须指明开平：开仓、平仓、平今或平昨' });
    expect(rules.checkContract(req(IF2612, { price: 3900.1 }), IF2612)?.code).toBe('PRICE_TICK');
    expect(rules.checkContract(req(RB2701, { price: 3234 }), RB2701)).toMatchObject({ code: 'PRICE_LIMIT', message: '委托价格 3234 高于涨停价 3233' });
    expect(rules.checkContract(req(RB2701, { volume: 1.5 }), RB2701)?.code).toBe('VOLUME_INVALID');
    expect(rules.checkContract(req(RB2701, { type: OrderType.IOC, price: 0 }), RB2701)?.code).toBe('MARKET_ORDER');
    expect(rules.checkContract(req(RB2701, {}), RB2701)).toBeNull();
  });

  it('refuses a close beyond what the caller says is closable', () => {
    const close = req(RB2701, { direction: Direction.SHORT, offset: Offset.CLOSE, volume: 3 });
    expect(rules.checkContract(close, RB2701, 2)).toEqual({ code: 'OVER_CLOSE', message: '可平仓位不足：可平 2 手，委托平仓 3 手' });
    expect(rules.checkContract(close, RB2701, 3)).toBeNull();
  });

  it('refuses products it has no rules for (options, spreads) by name', () => {
    const option = { ...RB2701, product: Product.OPTION, symbol: 'rb2701C3200' };
    expect(rules.checkContract(req(option, {}), option)).toEqual({ code: 'PRODUCT', message: 'rb2701C3200 为期权，期货交易规则暂不支持该品种的委托' });
  });
});

describe('checkOrder against the account', () => {
  it('an open needs margin plus commission: rb 2 lots @ 3050 = 6100 + 6.10', () => {
    // margin 3050 × 2 × 10 × 10 % = 6100; commission 3050 × 2 × 10 × 1‱ = 6.10
    const open = req(RB2701, { volume: 2, price: 3050 });
    expect(rules.checkOrder(open, RB2701, view(6106.1))).toBeNull();
    expect(rules.checkOrder(open, RB2701, view(6106))).toEqual({
      code: 'INSUFFICIENT_FUNDS', message: '可用资金不足：开仓需保证金 6100.00 元、手续费 6.10 元，可用 6106.00 元',
    });
    expect(rules.requiredFunds(open, RB2701)).toBe(6106.1);
  });

  it('SHFE: a plain 平仓 closes yesterday’s lots only and the refusal points to 平今', () => {
    // long 3 lots, 1 from yesterday, 2 opened today
    const account = view(1e6, { volume: 3, yd_volume: 1 });
    const sell = (offset: Offset, volume: number) => req(RB2701, { direction: Direction.SHORT, offset, volume, price: 3050 });
    expect(rules.checkOrder(sell(Offset.CLOSE, 1), RB2701, account)).toBeNull();
    expect(rules.checkOrder(sell(Offset.CLOSE, 2), RB2701, account)).toEqual({
      code: 'OVER_CLOSE', message: '多头昨仓不足：上期所的平仓只平昨仓，可平昨仓 1 手，委托平仓 2 手；今仓 2 手请用平今',
    });
    expect(rules.checkOrder(sell(Offset.CLOSETODAY, 2), RB2701, account)).toBeNull();
    expect(rules.checkOrder(sell(Offset.CLOSETODAY, 3), RB2701, account)?.code).toBe('OVER_CLOSE');
  });

  it('CFFEX: a 平仓 takes today’s and yesterday’s lots alike; a buy closes the short', () => {
    const account = view(1e6, undefined, { volume: 3, yd_volume: 1 });
    const buyClose = (volume: number) => req(IF2612, { direction: Direction.LONG, offset: Offset.CLOSE, volume, price: 3860 });
    expect(rules.checkOrder(buyClose(3), IF2612, account)).toBeNull();
    expect(rules.checkOrder(buyClose(4), IF2612, account)).toEqual({
      code: 'OVER_CLOSE', message: '可平空头仓位不足：可平 3 手（今仓 2 手、昨仓 1 手），委托平仓 4 手',
    });
    // a sell-close finds no long
    expect(rules.checkOrder(req(IF2612, { direction: Direction.SHORT, offset: Offset.CLOSE, price: 3860 }), IF2612, account)).toEqual({
      code: 'NO_POSITION', message: '没有可平的多头持仓，委托平仓 1 手',
    });
  });

  it('without an account the order rules still speak first, then NO_ACCOUNT', () => {
    expect(rules.checkOrder(req(RB2701, { offset: Offset.NONE }), RB2701, view(undefined))?.code).toBe('OFFSET_REQUIRED');
    expect(rules.checkOrder(req(RB2701, {}), RB2701, view(undefined))).toEqual({ code: 'NO_ACCOUNT', message: '接口 TEST 尚未返回资金账户，暂不能下单' });
  });
});

describe('closable through the seam', () => {
  const positions = (long?: HeldVolumes, short?: HeldVolumes) => (d: Direction) => (d === Direction.LONG ? long : short);

  it('is undefined for an open, and per offset on SHFE (平今 today’s, 平仓/平昨 yesterday’s)', () => {
    const p = positions(held(5, 2));
    expect(rules.closable({ direction: Direction.LONG, offset: Offset.OPEN }, RB2701, p)).toBeUndefined();
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.CLOSETODAY }, RB2701, p)).toEqual({ volume: 3, lockedToday: 0 });
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.CLOSE }, RB2701, p)?.volume).toBe(2);
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.CLOSEYESTERDAY }, RB2701, p)?.volume).toBe(2);
    // a buy-close looks at the short side, which is empty
    expect(rules.closable({ direction: Direction.LONG, offset: Offset.CLOSE }, RB2701, p)?.volume).toBe(0);
  });

  it('takes frozen lots off: split as given, or where the exchange’s plain close takes first', () => {
    // CFFEX closes today's first: 1 frozen lot sits on today's, 5 − 1 = 4 closable
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.CLOSE }, IF2612, positions(held(5, 2, 1)))?.volume).toBe(4);
    // SHFE with the split known: both frozen lots on yesterday's → 平仓 0, 平今 3
    const shfe = positions(held(5, 2, 2, 2));
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.CLOSE }, RB2701, shfe)?.volume).toBe(0);
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.CLOSETODAY }, RB2701, shfe)?.volume).toBe(3);
    // SHFE without the split: a plain close takes yesterday's, so they are put there
    expect(positionFromHeld(Direction.LONG, held(5, 2, 3), Exchange.SHFE)).toMatchObject({ yesterday_frozen: 2, today_frozen: 1 });
    // CFFEX without the split: today's 3 fill first, the 4th frozen lot is yesterday's
    expect(positionFromHeld(Direction.LONG, held(5, 2, 4), Exchange.CFFEX)).toMatchObject({ today_frozen: 3, yesterday_frozen: 1 });
  });

  it('a bucket without lots is empty, not one lot of 0', () => {
    expect(positionFromHeld(Direction.LONG, held(2, 2), Exchange.SHFE, 3050)).toEqual({
      direction: Direction.LONG, today: [], yesterday: [{ price: 3050, volume: 2 }], pre_settlement: 3050, today_frozen: 0, yesterday_frozen: 0,
    });
    expect(positionFromHeld(Direction.SHORT, held(3, 0), Exchange.SHFE, 3050)).toMatchObject({ today: [{ price: 3050, volume: 3 }], yesterday: [] });
  });
});

describe('fees of a fill', () => {
  it('IF by amount: open 1 @ 3900 = 26.91, close on CFFEX at the close-today rate first = 269.79', () => {
    // 3900 × 1 × 300 × 0.23‱ = 26.91; 3910 × 300 × 2.3‱ = 269.79
    expect(rules.fillFees(IF2612, { direction: Direction.LONG, offset: Offset.OPEN, price: 3900, volume: 1 })).toEqual({ commission: 26.91, stamp_duty: 0, transfer_fee: 0, total: 26.91 });
    expect(rules.fillFees(IF2612, { direction: Direction.SHORT, offset: Offset.CLOSE, price: 3910, volume: 1 }).total).toBe(269.79);
  });

  it('rb: 平昨 at the close rate, 平今 at the close-today rate; MA by lot', () => {
    // 3100 × 2 × 10 × 1‱ = 6.20; × 3‱ = 18.60
    expect(rules.fillFees(RB2701, { direction: Direction.SHORT, offset: Offset.CLOSEYESTERDAY, price: 3100, volume: 2 }).total).toBe(6.2);
    expect(rules.fillFees(RB2701, { direction: Direction.SHORT, offset: Offset.CLOSETODAY, price: 3100, volume: 2 }).total).toBe(18.6);
    // CZCE closes yesterday's first: 3 lots × 2 = 6; open 3 lots × 2 = 6
    expect(rules.fillFees(MA701, { direction: Direction.LONG, offset: Offset.CLOSE, price: 2400, volume: 3 }).total).toBe(6);
    expect(rules.fillFees(MA701, { direction: Direction.SHORT, offset: Offset.OPEN, price: 2400, volume: 3 }).total).toBe(6);
  });
});

describe('funds an order needs', () => {
  it('a close needs only its commission, at the rate of the bucket its offset takes first', () => {
    const close = (offset: Offset, price: number, volume: number) => ({ direction: Direction.SHORT, offset, type: OrderType.LIMIT, price, volume });
    // SHFE: 平今 at the close-today rate, 3100 × 2 × 10 × 3‱ = 18.60; 平仓 takes yesterday's, 1‱ = 6.20
    expect(rules.requiredFunds(close(Offset.CLOSETODAY, 3100, 2), RB2701)).toBe(18.6);
    expect(rules.requiredFunds(close(Offset.CLOSE, 3100, 2), RB2701)).toBe(6.2);
    // CFFEX: a 平仓 takes today's first, 3910 × 300 × 2.3‱ = 269.79
    expect(rules.requiredFunds(close(Offset.CLOSE, 3910, 1), IF2612)).toBe(269.79);
    // without an offset there is nothing to price
    expect(rules.requiredFunds(close(Offset.NONE, 3100, 2), RB2701)).toBe(0);
  });
});

describe('positions moved by fills (the OMS’s own estimate)', () => {
  it('an open moves its own direction, a close the other one, a fill with no offset none', () => {
    expect(rules.positionOfFill({ direction: Direction.SHORT, offset: Offset.OPEN }, undefined)).toEqual({ direction: Direction.SHORT, opens: true });
    expect(rules.positionOfFill({ direction: Direction.SHORT, offset: Offset.CLOSETODAY }, undefined)).toEqual({ direction: Direction.LONG, opens: false });
    expect(rules.positionOfFill({ direction: Direction.LONG, offset: Offset.CLOSE }, undefined)).toEqual({ direction: Direction.SHORT, opens: false });
    expect(rules.positionOfFill({ direction: Direction.LONG, offset: Offset.NONE }, undefined)).toBeUndefined();
    // an open needs a side: a net one opens nothing
    expect(rules.positionOfFill({ direction: Direction.NET, offset: Offset.OPEN }, undefined)).toBeUndefined();
  });

  it('a close beyond today’s lots takes the rest from yesterday’s, frees its frozen lots, and keeps the average cost', () => {
    // SHFE long 5 (3 yesterday's, 2 today's), 4 frozen; the counter reports a 平今 of 3
    const h = rules.applyFill({ volume: 5, yd_volume: 3, frozen: 4, cost: 5 * 3000 * 10 }, { opens: false, offset: Offset.CLOSETODAY, price: 3010, volume: 3, fee: 0 }, RB2701);
    expect(h).toEqual({ volume: 2, yd_volume: 2, frozen: 1, cost: 2 * 3000 * 10 });
  });

  it('a close on a holding already flat leaves it at 0, not NaN, and its price 0', () => {
    const flat = { volume: 0, yd_volume: 0, frozen: 0, cost: 0 };
    expect(rules.applyFill(flat, { opens: false, offset: Offset.CLOSE, price: 3010, volume: 1, fee: 0 }, RB2701)).toEqual(flat);
    expect(rules.holdingPrice(flat, RB2701)).toBe(0);
  });

  it('a settlement without a price (0 or none) keeps the cost', () => {
    const h = { volume: 2, yd_volume: 0, frozen: 1, cost: 61_000 };
    expect(rules.settleHolding(h, RB2701, 0)).toEqual({ volume: 2, yd_volume: 2, frozen: 0, cost: 61_000 });
    expect(rules.settleHolding(h, RB2701, undefined)).toEqual({ volume: 2, yd_volume: 2, frozen: 0, cost: 61_000 });
  });

  it('rb long: open 2 @ 3050, settle at 3055, open 1 @ 3070, 平今 1, 平昨 1', () => {
    const fee = 0;
    let h = rules.applyFill({ volume: 0, yd_volume: 0, frozen: 0, cost: 0 }, { opens: true, offset: Offset.OPEN, price: 3050, volume: 2, fee }, RB2701);
    expect(h).toEqual({ volume: 2, yd_volume: 0, frozen: 0, cost: 61000 }); // 3050 × 2 × 10
    expect(rules.holdingPrice(h, RB2701)).toBe(3050);
    expect(rules.holdingPnl(h, Direction.LONG, 3060, RB2701)).toBe(200); // (3060 − 3050) × 2 × 10
    h = rules.settleHolding(h, RB2701, 3055);
    expect(h).toEqual({ volume: 2, yd_volume: 2, frozen: 0, cost: 61100 }); // marked from the settlement price
    h = rules.applyFill(h, { opens: true, offset: Offset.OPEN, price: 3070, volume: 1, fee }, RB2701);
    expect(h).toMatchObject({ volume: 3, yd_volume: 2, cost: 91800 });
    h = rules.applyFill(h, { opens: false, offset: Offset.CLOSETODAY, price: 3080, volume: 1, fee }, RB2701);
    expect(h).toMatchObject({ volume: 2, yd_volume: 2 }); // 平今 took today's lot
    h = rules.applyFill(h, { opens: false, offset: Offset.CLOSE, price: 3080, volume: 1, fee }, RB2701);
    expect(h).toMatchObject({ volume: 1, yd_volume: 1 }); // SHFE 平仓 took yesterday's
  });

  it('CFFEX closes today’s first; a short gains as the price falls', () => {
    const h = rules.applyFill({ volume: 3, yd_volume: 1, frozen: 0, cost: 3900 * 3 * 300 }, { opens: false, offset: Offset.CLOSE, price: 3880, volume: 2, fee: 0 }, IF2612);
    expect(h).toMatchObject({ volume: 1, yd_volume: 1 });
    // short 1 @ 3900 marked at 3880: (3900 − 3880) × 300 = 6000
    expect(rules.holdingPnl({ volume: 1, yd_volume: 0, frozen: 0, cost: 3900 * 300 }, Direction.SHORT, 3880, IF2612)).toBe(6000);
  });
});

describe('futuresTermsOf', () => {
  it('fills a counter contract’s missing margin and fee rates from the product table', () => {
    const bare: ContractData = { ...RB2701 };
    delete bare.commission;
    delete bare.long_margin_ratio;
    delete bare.product_id;
    const terms = futuresTermsOf(bare)!;
    const spec = productSpecOf('rb')!;
    expect(terms.product_id).toBe('rb');
    expect(terms.commission).toEqual(spec.commission);
    expect(terms.long_margin_ratio).toBe(spec.margin_ratio);
    expect(terms.short_margin_ratio).toBe(RB2701.short_margin_ratio);
  });

  it('a contract without an expiry never expires', () => {
    const bare: ContractData = { ...RB2701 };
    delete bare.expiry;
    expect(futuresTermsOf(bare)!.expiry).toBe('9999-12-31');
    expect(futuresTermsOf({ ...RB2701, expiry: '2027-01-15' })!.expiry).toBe('2027-01-15');
  });
});
