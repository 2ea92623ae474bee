import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset } from '../../../../../common/constants';
import {
  checkCloseVolume, closableOf, closeBucketOrder, convertClose, withFrozen,
} from '../../../../../common/markets/cn-futures/offset-converter';
import { type FuturesHolding, emptyHolding } from '../../../../../common/markets/cn-futures/position';

const { LONG, SHORT } = Direction;

/** A long position of `today` lots opened today and `yesterday` lots from before. */
function long(today: number, yesterday: number): FuturesHolding {
  const h = emptyHolding(100);
  return {
    ...h,
    long: {
      ...h.long,
      today: today ? [{ price: 101, volume: today }] : [],
      yesterday: yesterday ? [{ price: 99, volume: yesterday }] : [],
    },
  };
}

describe('which bucket a close takes, by exchange', () => {
  it('SHFE and INE by the offset; CFFEX today first; DCE, CZCE, GFEX yesterday first', () => {
    expect(closeBucketOrder(Exchange.SHFE, Offset.CLOSETODAY)).toEqual(['today']);
    expect(closeBucketOrder(Exchange.SHFE, Offset.CLOSE)).toEqual(['yesterday']);
    expect(closeBucketOrder(Exchange.INE, Offset.CLOSEYESTERDAY)).toEqual(['yesterday']);
    expect(closeBucketOrder(Exchange.CFFEX, Offset.CLOSE)).toEqual(['today', 'yesterday']);
    expect(closeBucketOrder(Exchange.CFFEX, Offset.CLOSEYESTERDAY)).toEqual(['today', 'yesterday']);
    for (const ex of [Exchange.DCE, Exchange.CZCE, Exchange.GFEX] as const) {
      expect(closeBucketOrder(ex, Offset.CLOSETODAY)).toEqual(['yesterday', 'today']);
    }
  });
});

describe('convertClose: a trader’s “close N” as legal orders', () => {
  it('SHFE splits into 平昨 then 平今 by default', () => {
    expect(convertClose(long(2, 3), Exchange.SHFE, SHORT, 4)).toEqual({
      ok: true, legs: [{ offset: Offset.CLOSEYESTERDAY, volume: 3 }, { offset: Offset.CLOSETODAY, volume: 1 }],
    });
    expect(convertClose(long(2, 3), Exchange.SHFE, SHORT, 2)).toEqual({ ok: true, legs: [{ offset: Offset.CLOSEYESTERDAY, volume: 2 }] });
  });

  it('SHFE with today’s first on request', () => {
    expect(convertClose(long(2, 3), Exchange.SHFE, SHORT, 4, 'today-first')).toEqual({
      ok: true, legs: [{ offset: Offset.CLOSETODAY, volume: 2 }, { offset: Offset.CLOSEYESTERDAY, volume: 2 }],
    });
  });

  it('INE splits like SHFE; the other exchanges take one 平仓', () => {
    expect(convertClose(long(1, 1), Exchange.INE, SHORT, 2)).toEqual({
      ok: true, legs: [{ offset: Offset.CLOSEYESTERDAY, volume: 1 }, { offset: Offset.CLOSETODAY, volume: 1 }],
    });
    for (const ex of [Exchange.CFFEX, Exchange.DCE, Exchange.CZCE, Exchange.GFEX] as const) {
      expect(convertClose(long(2, 3), ex, SHORT, 5)).toEqual({ ok: true, legs: [{ offset: Offset.CLOSE, volume: 5 }] });
    }
  });

  it('refuses to close more than is held, saying what is held', () => {
    const r = convertClose(long(2, 3), Exchange.SHFE, SHORT, 6);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violation.code).toBe('OVER_CLOSE');
    expect(r.violation.message).toBe('可平多头仓位不足：可平 5 手（今仓 2 手、昨仓 3 手），委托平仓 6 手');
  });

  it('refuses a close with nothing held on that side', () => {
    // a buy closes the short, and there is none
    const r = convertClose(long(2, 3), Exchange.DCE, LONG, 1);
    expect(r.ok ? null : r.violation).toEqual({ code: 'NO_POSITION', message: '没有可平的空头持仓，委托平仓 1 手' });
  });

  it('leaves out what working close orders already hold', () => {
    // a working 平今 1 freezes one of today's lots
    const frozen = withFrozen(long(2, 3), Exchange.SHFE, [{ direction: SHORT, offset: Offset.CLOSETODAY, volume: 1, traded: 0 }]);
    expect(closableOf(frozen.long)).toEqual({ today: 1, yesterday: 3, total: 4 });
    expect(convertClose(frozen, Exchange.SHFE, SHORT, 4)).toEqual({
      ok: true, legs: [{ offset: Offset.CLOSEYESTERDAY, volume: 3 }, { offset: Offset.CLOSETODAY, volume: 1 }],
    });
    const r = convertClose(frozen, Exchange.SHFE, SHORT, 5);
    expect(r.ok ? '' : r.violation.message).toBe('可平多头仓位不足：可平 4 手（今仓 1 手、昨仓 3 手），委托平仓 5 手，另有 1 手已被未成交的平仓委托冻结');
  });

  it('refuses a volume that is not a positive whole number', () => {
    for (const volume of [0, -1, 1.5]) {
      const r = convertClose(long(2, 3), Exchange.SHFE, SHORT, volume);
      expect(r.ok ? null : r.violation).toEqual({ code: 'VOLUME_INVALID', message: `平仓数量必须为正整数（手），当前为 ${volume}` });
    }
  });

  it('counts the frozen lots of both buckets in the refusal', () => {
    // CFFEX, 1 today and 2 yesterday; a working 平仓 2 freezes today's lot and one of yesterday's
    const frozen = withFrozen(long(1, 2), Exchange.CFFEX, [{ direction: SHORT, offset: Offset.CLOSE, volume: 2, traded: 0 }]);
    const r = convertClose(frozen, Exchange.CFFEX, SHORT, 2);
    expect(r.ok ? '' : r.violation.message).toBe('可平多头仓位不足：可平 1 手（今仓 0 手、昨仓 1 手），委托平仓 2 手，另有 2 手已被未成交的平仓委托冻结');
  });
});

describe('checkCloseVolume: a requested offset against holdings', () => {
  it('SHFE 平今 is bounded by today’s lots', () => {
    expect(checkCloseVolume(long(2, 3), Exchange.SHFE, SHORT, Offset.CLOSETODAY, 2)).toBeNull();
    expect(checkCloseVolume(long(2, 3), Exchange.SHFE, SHORT, Offset.CLOSETODAY, 3)).toEqual({
      code: 'OVER_CLOSE', message: '多头今仓不足：上期所平今只平今仓，可平今仓 2 手，委托平今 3 手',
    });
  });

  it('SHFE 平仓 closes yesterday’s only and points at 平今', () => {
    expect(checkCloseVolume(long(2, 3), Exchange.SHFE, SHORT, Offset.CLOSE, 3)).toBeNull();
    expect(checkCloseVolume(long(2, 3), Exchange.SHFE, SHORT, Offset.CLOSE, 4)).toEqual({
      code: 'OVER_CLOSE', message: '多头昨仓不足：上期所的平仓只平昨仓，可平昨仓 3 手，委托平仓 4 手；今仓 2 手请用平今',
    });
    expect(checkCloseVolume(long(2, 0), Exchange.INE, SHORT, Offset.CLOSEYESTERDAY, 1)?.message).toBe(
      '多头昨仓不足：上期能源的平昨只平昨仓，可平昨仓 0 手，委托平昨 1 手；今仓 2 手请用平今',
    );
  });

  it('SHFE 平仓 beyond yesterday’s lots with none of today’s does not point at 平今', () => {
    expect(checkCloseVolume(long(0, 3), Exchange.SHFE, SHORT, Offset.CLOSE, 4)?.message).toBe('多头昨仓不足：上期所的平仓只平昨仓，可平昨仓 3 手，委托平仓 4 手');
  });

  it('elsewhere any close offset is bounded by the whole closable position', () => {
    expect(checkCloseVolume(long(2, 3), Exchange.DCE, SHORT, Offset.CLOSETODAY, 5)).toBeNull();
    expect(checkCloseVolume(long(2, 3), Exchange.CFFEX, SHORT, Offset.CLOSE, 6)?.code).toBe('OVER_CLOSE');
  });

  it('opens are not its business', () => {
    expect(checkCloseVolume(long(0, 0), Exchange.SHFE, SHORT, Offset.OPEN, 100)).toBeNull();
  });
});

describe('withFrozen: frozen lots from the working orders', () => {
  const working = (offset: Offset, volume: number, traded = 0) => [{ direction: SHORT, offset, volume, traded }];

  it('freezes in the buckets the fill would take', () => {
    // 1 today, 2 yesterday; a working sell 平仓 2
    const cffex = withFrozen(long(1, 2), Exchange.CFFEX, working(Offset.CLOSE, 2)).long;
    expect([cffex.today_frozen, cffex.yesterday_frozen]).toEqual([1, 1]);
    const dce = withFrozen(long(1, 2), Exchange.DCE, working(Offset.CLOSE, 2)).long;
    expect([dce.today_frozen, dce.yesterday_frozen]).toEqual([0, 2]);
    const shfe = withFrozen(long(1, 2), Exchange.SHFE, working(Offset.CLOSE, 2)).long;
    expect([shfe.today_frozen, shfe.yesterday_frozen]).toEqual([0, 2]);
  });

  it('a second order freezes what the first left: the next bucket once one is full', () => {
    // CFFEX, 1 today and 2 yesterday: the first 平仓 1 freezes today's lot, the second one of yesterday's
    const h = withFrozen(long(1, 2), Exchange.CFFEX, [...working(Offset.CLOSE, 1), ...working(Offset.CLOSE, 1)]).long;
    expect([h.today_frozen, h.yesterday_frozen]).toEqual([1, 1]);
  });

  it('only the untraded part, only close orders, only the side they close', () => {
    const h = withFrozen(long(1, 2), Exchange.DCE, [
      { direction: SHORT, offset: Offset.CLOSE, volume: 2, traded: 1 },
      { direction: SHORT, offset: Offset.OPEN, volume: 5, traded: 0 },
      { direction: LONG, offset: Offset.CLOSE, volume: 1, traded: 0 },
    ]);
    expect([h.long.today_frozen, h.long.yesterday_frozen]).toEqual([0, 1]);
    expect([h.short.today_frozen, h.short.yesterday_frozen]).toEqual([0, 0]);
  });
});

describe('closableOf at its edges', () => {
  it('never goes below 0 when more is frozen than held (a fill reported before its order’s freeze is released)', () => {
    const h = emptyHolding(3050);
    const long = { ...h.long, today: [{ price: 3060, volume: 1 }], yesterday: [{ price: 3000, volume: 2 }], today_frozen: 3, yesterday_frozen: 5 };
    expect(closableOf(long)).toEqual({ today: 0, yesterday: 0, total: 0 });
    expect(closableOf({ ...long, today_frozen: 0 })).toEqual({ today: 1, yesterday: 0, total: 1 });
  });
});
