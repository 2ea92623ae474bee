import { describe, expect, it } from 'vitest';
import { Direction, Offset } from '../../../../../common/constants';
import { TraderError } from '../../../../../common/errors';
import { applyFill } from '../../../../../common/markets/cn-futures/fills';
import {
  type FuturesHolding, averageOpenPrice, closeLots, emptyHolding, emptyPosition, floatingPnl, openLots, positionCostPrice, positionPnl, settlePosition,
  todayVolume, totalVolume, yesterdayVolume,
} from '../../../../../common/markets/cn-futures/position';
import { AU2612, IF2612, MA701, RB2701 } from '../../../../fixtures/futures-contracts';

const { LONG, SHORT } = Direction;

/** A long position carried from earlier days: 3 lots opened at 3000, 3010, 3020; settled yesterday at 3050. */
function rbYesterdayLong(): FuturesHolding {
  const h = emptyHolding(3050);
  return { ...h, long: { ...h.long, yesterday: [{ price: 3000, volume: 1 }, { price: 3010, volume: 1 }, { price: 3020, volume: 1 }] } };
}

describe('SHFE: open today, close part of today’s and part of yesterday’s', () => {
  // rb2701: size 10. Yesterday's 3 lots settled at 3050; today buy-open 2 at 3060.
  // Built inside each test (not in this body): mutation testing credits a test only with what runs inside it.
  const openToday = () => applyFill(rbYesterdayLong(), RB2701, { direction: LONG, offset: Offset.OPEN, price: 3060, volume: 2 });

  it('an open adds today’s lots and pays the open commission', () => {
    const opened = openToday();
    expect([todayVolume(opened.holding.long), yesterdayVolume(opened.holding.long)]).toEqual([2, 3]);
    // 3060 × 2 × 10 × 0.0001 = 6.12
    expect(opened.commission).toBe(6.12);
    expect(opened.close_pnl).toBe(0);
    // average open price: (3000 + 3010 + 3020 + 2 × 3060) / 5 = 3030
    expect(averageOpenPrice(opened.holding.long)).toBe(3030);
    // 盯市 cost: (2 × 3060 + 3 × 3050) / 5 = 3054
    expect(positionCostPrice(opened.holding.long)).toBe(3054);
  });

  it('平今 1 at 3080 takes a lot opened today (T+0)', () => {
    const r = applyFill(openToday().holding, RB2701, { direction: SHORT, offset: Offset.CLOSETODAY, price: 3080, volume: 1 });
    expect([r.closed_today, r.closed_yesterday]).toEqual([1, 0]);
    // (3080 − 3060) × 1 × 10 = 200 in both views: a lot opened today is marked from its open price
    expect(r.close_pnl).toBe(200);
    expect(r.close_pnl_by_trade).toBe(200);
    // close-today rate: 3080 × 1 × 10 × 0.0003 = 9.24
    expect(r.commission).toBe(9.24);
    expect([todayVolume(r.holding.long), yesterdayVolume(r.holding.long)]).toEqual([1, 3]);
  });

  it('平昨 2 at 3080 takes the two oldest of yesterday’s lots', () => {
    const afterToday = applyFill(openToday().holding, RB2701, { direction: SHORT, offset: Offset.CLOSETODAY, price: 3080, volume: 1 });
    const r = applyFill(afterToday.holding, RB2701, { direction: SHORT, offset: Offset.CLOSEYESTERDAY, price: 3080, volume: 2 });
    expect([r.closed_today, r.closed_yesterday]).toEqual([0, 2]);
    // 逐日盯市: (3080 − 3050) × 2 × 10 = 600
    expect(r.close_pnl).toBe(600);
    // 逐笔: (3080 − 3000 + 3080 − 3010) × 10 = 1500
    expect(r.close_pnl_by_trade).toBe(1500);
    // close rate: 3080 × 2 × 10 × 0.0001 = 6.16
    expect(r.commission).toBe(6.16);
    const long = r.holding.long;
    expect(long.today).toEqual([{ price: 3060, volume: 1 }]);
    expect(long.yesterday).toEqual([{ price: 3020, volume: 1 }]);
    // marked at 3070: 盯市 (3070 − 3060) × 10 + (3070 − 3050) × 10 = 300; 逐笔 (10 + 50) × 10 = 600
    expect(positionPnl(long, 3070, 10)).toBe(300);
    expect(floatingPnl(long, 3070, 10)).toBe(600);
  });

  it('a plain 平仓 on SHFE closes yesterday’s only', () => {
    const r = applyFill(openToday().holding, RB2701, { direction: SHORT, offset: Offset.CLOSE, price: 3080, volume: 3 });
    expect([r.closed_today, r.closed_yesterday]).toEqual([0, 3]);
    expect(todayVolume(r.holding.long)).toBe(2);
    // a fill beyond yesterday's lots would be a broken caller: refused loudly
    expect(() => applyFill(r.holding, RB2701, { direction: SHORT, offset: Offset.CLOSE, price: 3080, volume: 1 })).toThrow(TraderError);
  });

  it('the settlement realises the 盯市 PnL and turns today into yesterday', () => {
    const a = applyFill(openToday().holding, RB2701, { direction: SHORT, offset: Offset.CLOSETODAY, price: 3080, volume: 1 });
    const b = applyFill(a.holding, RB2701, { direction: SHORT, offset: Offset.CLOSEYESTERDAY, price: 3080, volume: 2 });
    const settled = settlePosition(b.holding.long, 3075, 10);
    // (3075 − 3060) × 10 + (3075 − 3050) × 10 = 400
    expect(settled.settlement_pnl).toBe(400);
    expect(settled.position.today).toEqual([]);
    // oldest first: yesterday's 3020, then today's 3060
    expect(settled.position.yesterday).toEqual([{ price: 3020, volume: 1 }, { price: 3060, volume: 1 }]);
    expect(settled.position.pre_settlement).toBe(3075);
    // next day, 平仓 1 at 3090 takes the 3020 lot: 盯市 (3090 − 3075) × 10 = 150, 逐笔 (3090 − 3020) × 10 = 700
    const next = applyFill({ ...b.holding, long: settled.position }, RB2701, { direction: SHORT, offset: Offset.CLOSE, price: 3090, volume: 1 });
    expect([next.close_pnl, next.close_pnl_by_trade]).toEqual([150, 700]);
  });
});

describe('CFFEX: any close takes today’s lots first', () => {
  it('sell 平仓 2 with 1 today and 2 from yesterday', () => {
    // IF2612, size 300: yesterday's 2 lots opened at 3850, settled at 3880; today 1 at 3900
    const h = emptyHolding(3880);
    const start = applyFill({ ...h, long: { ...h.long, yesterday: [{ price: 3850, volume: 2 }] } }, IF2612, { direction: LONG, offset: Offset.OPEN, price: 3900, volume: 1 });
    const r = applyFill(start.holding, IF2612, { direction: SHORT, offset: Offset.CLOSE, price: 3910, volume: 2 });
    expect([r.closed_today, r.closed_yesterday]).toEqual([1, 1]);
    // 盯市: (3910 − 3900) × 300 + (3910 − 3880) × 300 = 3000 + 9000
    expect(r.close_pnl).toBe(12_000);
    // 逐笔: (3910 − 3900 + 3910 − 3850) × 300 = 21000
    expect(r.close_pnl_by_trade).toBe(21_000);
    // today's lot at close-today 2.3‱: 1,173,000 × 0.00023 = 269.79; yesterday's at 0.23‱: 26.979 → 296.769 → 296.77
    expect(r.commission).toBe(296.77);
    expect(totalVolume(r.holding.long)).toBe(1);
    expect(r.holding.long.yesterday).toEqual([{ price: 3850, volume: 1 }]);
  });
});

describe('CZCE: any close takes yesterday’s first; fees by lot', () => {
  it('sell 平仓 4 with 3 from yesterday and 2 today', () => {
    // MA701, size 10: yesterday's 3 lots at 2400, settled 2410; today 2 at 2420
    const h = emptyHolding(2410);
    const start = applyFill({ ...h, long: { ...h.long, yesterday: [{ price: 2400, volume: 3 }] } }, MA701, { direction: LONG, offset: Offset.OPEN, price: 2420, volume: 2 });
    // open: 2 lots × 2 CNY
    expect(start.commission).toBe(4);
    const r = applyFill(start.holding, MA701, { direction: SHORT, offset: Offset.CLOSE, price: 2430, volume: 4 });
    expect([r.closed_yesterday, r.closed_today]).toEqual([3, 1]);
    // 3 lots × 2 CNY + 1 lot × 6 CNY (close-today)
    expect(r.commission).toBe(12);
    // 盯市: (2430 − 2410) × 3 × 10 + (2430 − 2420) × 1 × 10 = 700; 逐笔: (30 × 3 + 10) × 10 = 1000
    expect([r.close_pnl, r.close_pnl_by_trade]).toEqual([700, 1000]);
  });

  it('a short gains when the price falls; a buy closes it', () => {
    // short 2 lots opened at 2450, settled at 2440; buy 平仓 2 at 2430
    const h = emptyHolding(2440);
    const holding = { ...h, short: { ...h.short, yesterday: [{ price: 2450, volume: 2 }] } };
    expect(positionPnl(holding.short, 2430, 10)).toBe(200);
    const r = applyFill(holding, MA701, { direction: LONG, offset: Offset.CLOSE, price: 2430, volume: 2 });
    // 盯市 −(2430 − 2440) × 2 × 10 = 200; 逐笔 −(2430 − 2450) × 2 × 10 = 400
    expect([r.close_pnl, r.close_pnl_by_trade]).toEqual([200, 400]);
    expect(totalVolume(r.holding.short)).toBe(0);
    expect(totalVolume(r.holding.long)).toBe(0);
  });
});

describe('commission by lot with a free close-today (au)', () => {
  it('open 2 pays 20, 平今 2 pays nothing', () => {
    const open = applyFill(emptyHolding(780), AU2612, { direction: LONG, offset: Offset.OPEN, price: 780.02, volume: 2 });
    expect(open.commission).toBe(20);
    const close = applyFill(open.holding, AU2612, { direction: SHORT, offset: Offset.CLOSETODAY, price: 781.5, volume: 2 });
    expect(close.commission).toBe(0);
    // (781.50 − 780.02) × 2 × 1000 = 2960
    expect(close.close_pnl).toBe(2960);
  });
});

describe('fills without an offset', () => {
  it('are refused', () => {
    expect(() => applyFill(emptyHolding(), RB2701, { direction: LONG, offset: Offset.NONE, price: 3000, volume: 1 })).toThrow(
      expect.objectContaining({ code: 'OFFSET_REQUIRED', message: '期货成交须带开平标志（开仓、平仓、平今或平昨）' }),
    );
  });
});

describe('a close fill releases what its order froze', () => {
  it('takes the lots it closed off the frozen count of their bucket, and no more', () => {
    // rb2701: 3 lots today, 2 of them frozen by working 平今 orders; one of those fills 1 lot
    const h = emptyHolding(3050);
    const holding: FuturesHolding = { ...h, long: { ...h.long, today: [{ price: 3060, volume: 3 }], today_frozen: 2 } };
    const r = applyFill(holding, RB2701, { direction: SHORT, offset: Offset.CLOSETODAY, price: 3080, volume: 1 });
    expect([r.holding.long.today_frozen, r.holding.long.yesterday_frozen]).toEqual([1, 0]);
    // the other order fills too: nothing frozen is left, and never less than nothing
    const again = applyFill(r.holding, RB2701, { direction: SHORT, offset: Offset.CLOSETODAY, price: 3080, volume: 2 });
    expect([again.holding.long.today_frozen, again.holding.long.yesterday_frozen]).toEqual([0, 0]);
  });
});

describe('lots at their edges', () => {
  it('consecutive opens at one price make one lot; another price starts a new one', () => {
    let p = emptyPosition(LONG, 3050);
    p = openLots(p, 3060, 1);
    p = openLots(p, 3060, 2);
    p = openLots(p, 3070, 1);
    p = openLots(p, 3060, 1);
    expect(p.today).toEqual([{ price: 3060, volume: 3 }, { price: 3070, volume: 1 }, { price: 3060, volume: 1 }]);
  });

  it('a flat position has average prices of 0, not NaN', () => {
    const flat = emptyPosition(SHORT, 3050);
    expect(averageOpenPrice(flat)).toBe(0);
    expect(positionCostPrice(flat)).toBe(0);
  });

  it('closing more than the buckets hold names the side and both buckets', () => {
    const short = { ...emptyPosition(SHORT, 3050), today: [{ price: 3100, volume: 1 }], yesterday: [{ price: 3000, volume: 2 }] };
    expect(() => closeLots(short, ['today', 'yesterday'], 3050, 4, 10)).toThrow(
      expect.objectContaining({ code: 'OVER_CLOSE', message: '平仓数量 4 手超过空头持仓（今仓 1 手、昨仓 2 手）' }),
    );
    expect(() => closeLots({ ...short, direction: LONG }, ['yesterday'], 3050, 3, 10)).toThrow(
      expect.objectContaining({ message: '平仓数量 3 手超过多头持仓（今仓 1 手、昨仓 2 手）' }),
    );
  });
});
