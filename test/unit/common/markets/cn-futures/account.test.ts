import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset } from '../../../../../common/constants';
import {
  type FuturesAccountState, accountFigures, holdingMargin, holdingPnl, newFuturesAccount, orderFreeze, recordFill, settleDay,
} from '../../../../../common/markets/cn-futures/account';
import { applyFill } from '../../../../../common/markets/cn-futures/fills';
import { checkCloseVolume } from '../../../../../common/markets/cn-futures/offset-converter';
import { type FuturesHolding, emptyHolding, todayVolume, yesterdayVolume } from '../../../../../common/markets/cn-futures/position';
import { IF2612, RB2701 } from '../../../../fixtures/futures-contracts';

const { LONG, SHORT } = Direction;

describe('margin on open', () => {
  it('IF: price × size × ratio, and the open commission', () => {
    // 3900 × 300 = 1,170,000 of contract value; × 12 % = 140,400; × 0.23‱ = 26.91
    const freeze = orderFreeze(IF2612, emptyHolding(), { direction: LONG, offset: Offset.OPEN, price: 3900, volume: 1 });
    expect(freeze).toEqual({ margin: 140_400, commission: 26.91 });
    const filled = applyFill(emptyHolding(3859.6), IF2612, { direction: LONG, offset: Offset.OPEN, price: 3900, volume: 1 });
    expect(holdingMargin(IF2612, filled.holding)).toBe(140_400);
  });

  it('a market order freezes at the limit price in its direction', () => {
    // buy: limit-up 4245.4 × 300 × 12 % = 152,834.40; 1,273,620 × 0.23‱ = 29.29
    expect(orderFreeze(IF2612, emptyHolding(), { direction: LONG, offset: Offset.OPEN, price: 0, volume: 1 })).toEqual({ margin: 152_834.4, commission: 29.29 });
    // sell: limit-down 3473.8 × 300 × 12 % = 125,056.80
    expect(orderFreeze(IF2612, emptyHolding(), { direction: SHORT, offset: Offset.OPEN, price: 0, volume: 1 }).margin).toBe(125_056.8);
  });

  it('a close freezes no margin and the commission of the lots it will take', () => {
    // 1 today, 2 yesterday on CFFEX: a sell 平仓 2 at 3910 takes today's first → 269.79 + 26.979
    const h = emptyHolding(3880);
    const holding: FuturesHolding = { ...h, long: { ...h.long, today: [{ price: 3900, volume: 1 }], yesterday: [{ price: 3850, volume: 2 }] } };
    expect(orderFreeze(IF2612, holding, { direction: SHORT, offset: Offset.CLOSE, price: 3910, volume: 2 })).toEqual({ margin: 0, commission: 296.77 });
  });
});

describe('a day on SHFE, account figures by hand', () => {
  // rb2701: size 10, margin 10 %, 1‱ open/close, 3‱ close-today.
  // Start: 100,000 settled yesterday with 3 long lots (opened 3000, 3010, 3020) settled at 3050.
  const start = (): FuturesHolding => {
    const h = emptyHolding(3050);
    return { ...h, long: { ...h.long, yesterday: [{ price: 3000, volume: 1 }, { price: 3010, volume: 1 }, { price: 3020, volume: 1 }] } };
  };

  function trade(state: FuturesAccountState, holding: FuturesHolding, direction: Direction, offset: Offset, price: number, volume: number) {
    const effect = applyFill(holding, RB2701, { direction, offset, price, volume });
    return { state: recordFill(state, effect), holding: effect.holding };
  }

  it('before trading: the balance is yesterday’s, margin on the settlement price', () => {
    const f = accountFigures(newFuturesAccount(100_000), [{ contract: RB2701, holding: start(), price: 3050 }]);
    // 3 × 3050 × 10 × 10 % = 9,150
    expect(f).toMatchObject({ pre_balance: 100_000, balance: 100_000, margin: 9_150, position_pnl: 0, available: 90_850 });
  });

  it('open 2, 平今 1, 平昨 2, marked at 3070', () => {
    let s = newFuturesAccount(100_000);
    let h = start();
    ({ state: s, holding: h } = trade(s, h, LONG, Offset.OPEN, 3060, 2));
    // during the day today's lots are margined at their open price: (2 × 3060 + 3 × 3050) × 10 × 10 % = 15,270
    expect(accountFigures(s, [{ contract: RB2701, holding: h, price: 3060 }]).margin).toBe(15_270);
    ({ state: s, holding: h } = trade(s, h, SHORT, Offset.CLOSETODAY, 3080, 1));
    ({ state: s, holding: h } = trade(s, h, SHORT, Offset.CLOSEYESTERDAY, 3080, 2));
    // one of yesterday's lots is left: a plain 平仓 of 2 is refused on SHFE
    expect(checkCloseVolume(h, Exchange.SHFE, SHORT, Offset.CLOSE, 2)?.code).toBe('OVER_CLOSE');
    expect(checkCloseVolume(h, Exchange.SHFE, SHORT, Offset.CLOSE, 1)).toBeNull();

    const f = accountFigures(s, [{ contract: RB2701, holding: h, price: 3070 }]);
    // close PnL 盯市 200 + 600; 逐笔 200 + 1500; commission 6.12 + 9.24 + 6.16 = 21.52
    expect(f.close_pnl).toBe(800);
    expect(f.close_pnl_by_trade).toBe(1_700);
    expect(f.commission).toBe(21.52);
    // position PnL at 3070: (3070 − 3060) × 10 + (3070 − 3050) × 10 = 300
    expect(f.position_pnl).toBe(300);
    // balance = 100,000 + 800 + 300 − 21.52
    expect(f.balance).toBe(101_078.48);
    // margin: (3060 + 3050) × 10 × 10 % = 6,110
    expect(f.margin).toBe(6_110);
    // available = balance − margin − floating profit (not usable by default)
    expect(f.available).toBe(94_668.48);
    expect(accountFigures(s, [{ contract: RB2701, holding: h, price: 3070 }], [], { floatingProfitUsable: true }).available).toBe(94_968.48);
    // risk ratio: margin / balance
    expect(f.risk_ratio).toBeCloseTo(6_110 / 101_078.48, 12);

    // a working buy-open 1 at 3070 freezes 3,070 margin and 3.07 commission
    const freeze = orderFreeze(RB2701, h, { direction: LONG, offset: Offset.OPEN, price: 3070, volume: 1 });
    expect(freeze).toEqual({ margin: 3_070, commission: 3.07 });
    const withOrder = accountFigures(s, [{ contract: RB2701, holding: h, price: 3070 }], [freeze]);
    expect([withOrder.frozen_margin, withOrder.frozen_commission, withOrder.available]).toEqual([3_070, 3.07, 91_595.41]);

    // the settlement at 3075: (3075 − 3060) × 10 + (3075 − 3050) × 10 = 400 of position PnL realised
    const settled = settleDay(s, [{ contract: RB2701, holding: h, price: 3075 }]);
    // 100,000 + 800 + 400 − 21.52
    expect(settled.figures.balance).toBe(101_178.48);
    expect(settled.state).toEqual({ pre_balance: 101_178.48, deposit: 0, withdraw: 0, close_pnl: 0, close_pnl_by_trade: 0, commission: 0 });
    const next = settled.holdings[0]!;
    expect([todayVolume(next.long), yesterdayVolume(next.long)]).toEqual([0, 2]);
    // the next morning: margin on the settlement price (2 × 3075 × 10 × 10 % = 6,150), no PnL at 3075
    const morning = accountFigures(settled.state, [{ contract: RB2701, holding: next, price: 3075 }]);
    expect(morning).toMatchObject({ balance: 101_178.48, margin: 6_150, position_pnl: 0, available: 95_028.48 });
  });

  it('deposits and withdrawals move the balance', () => {
    const s = { ...newFuturesAccount(50_000), deposit: 10_000, withdraw: 2_500 };
    expect(accountFigures(s, []).balance).toBe(57_500);
    expect(settleDay(s, []).state.pre_balance).toBe(57_500);
  });

  it('a floating loss reduces what is available', () => {
    const h = applyFill(emptyHolding(3050), RB2701, { direction: LONG, offset: Offset.OPEN, price: 3060, volume: 1 });
    const s = recordFill(newFuturesAccount(10_000), h);
    const f = accountFigures(s, [{ contract: RB2701, holding: h.holding, price: 3040 }]);
    // position PnL (3040 − 3060) × 10 = −200; commission 3.06; margin 3060 × 10 × 10 % = 3,060
    expect([f.position_pnl, f.commission, f.balance, f.margin, f.available]).toEqual([-200, 3.06, 9_796.94, 3_060, 6_736.94]);
  });
});

describe('account figures at their edges', () => {
  it('an order without an offset (refused before it leaves) freezes nothing', () => {
    expect(orderFreeze(IF2612, emptyHolding(), { direction: LONG, offset: Offset.NONE, price: 3900, volume: 1 })).toEqual({ margin: 0, commission: 0 });
  });

  it('a holding long and short at once (双向持仓) carries the margin and the PnL of both sides', () => {
    // rb2701, 10 % margin both ways: 2 long lots from yesterday, settled at 3050; 1 short opened today at 3040
    const h = emptyHolding(3050);
    const both: FuturesHolding = {
      ...h,
      long: { ...h.long, yesterday: [{ price: 3000, volume: 2 }] },
      short: { ...h.short, today: [{ price: 3040, volume: 1 }] },
    };
    // long 2 × 3050 × 10 × 10 % = 6,100; short 3040 × 10 × 10 % = 3,040: the exchange margins both legs
    expect(holdingMargin(RB2701, both)).toBe(9_140);
    // at 3070: long (3070 − 3050) × 2 × 10 = +400; short (3040 − 3070) × 10 = −300
    expect(holdingPnl(RB2701, both, 3070)).toBe(100);
  });

  it('the risk ratio is margin / balance; 0 without margin, and unbounded once the balance is gone', () => {
    // 1 IF lot long at 3900, marked at 3900: margin 140,400
    const long = applyFill(emptyHolding(3900), IF2612, { direction: LONG, offset: Offset.OPEN, price: 3900, volume: 1 }).holding;
    const marked = [{ contract: IF2612, holding: long, price: 3900 }];
    expect(accountFigures(newFuturesAccount(280_800), marked).risk_ratio).toBe(0.5);
    expect(accountFigures(newFuturesAccount(0), marked).risk_ratio).toBe(Number.POSITIVE_INFINITY);
    expect(accountFigures(newFuturesAccount(-100), marked).risk_ratio).toBe(Number.POSITIVE_INFINITY);
    // nothing held: 0, even with no money left
    expect(accountFigures(newFuturesAccount(-100), []).risk_ratio).toBe(0);
    expect(accountFigures(newFuturesAccount(1000), []).risk_ratio).toBe(0);
  });
});
