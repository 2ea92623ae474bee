import { describe, expect, it } from 'vitest';
import { Exchange, Product } from '../../../../../common/constants';
import { buildFuturesContract, expiryOf, mainAndNextSymbols } from '../../../../../common/markets/cn-futures/contract-calendar';
import { LISTED_PRODUCTS } from '../../../../../common/markets/cn-futures/contract-codes';
import { futuresLimitPrices } from '../../../../../common/markets/cn-futures/price-limits';
import { FUTURES_PRODUCTS, type FuturesProductSpec, productSpecOf } from '../../../../../common/markets/cn-futures/products';

function spec(id: string): FuturesProductSpec {
  const s = productSpecOf(id);
  if (!s) throw new Error(`no product ${id}`);
  return s;
}

describe('the SIM product table', () => {
  it('has the products the SIM lists, with the exchanges’ published sizes and ticks', () => {
    const published: Record<string, [Exchange, number, number]> = {
      IF: [Exchange.CFFEX, 300, 0.2], IH: [Exchange.CFFEX, 300, 0.2], IC: [Exchange.CFFEX, 200, 0.2], IM: [Exchange.CFFEX, 200, 0.2],
      rb: [Exchange.SHFE, 10, 1], cu: [Exchange.SHFE, 5, 10], au: [Exchange.SHFE, 1000, 0.02], ag: [Exchange.SHFE, 15, 1],
      sc: [Exchange.INE, 1000, 0.1], i: [Exchange.DCE, 100, 0.5], m: [Exchange.DCE, 10, 1],
      MA: [Exchange.CZCE, 10, 1], SR: [Exchange.CZCE, 10, 1], si: [Exchange.GFEX, 5, 5],
    };
    for (const [id, [exchange, size, tick]] of Object.entries(published)) {
      const s = spec(id);
      expect([s.exchange, s.size, s.pricetick], id).toEqual([exchange, size, tick]);
      expect(LISTED_PRODUCTS[s.exchange], id).toContain(id);
    }
    expect(FUTURES_PRODUCTS.map((p) => p.product_id).sort()).toEqual(Object.keys(published).sort());
  });

  it('gives each product its night session, or none', () => {
    const nightEnd = (id: string): string | undefined => spec(id).sessions.find((s) => s.night)?.end;
    expect(['IF', 'IH', 'IC', 'IM', 'si'].map(nightEnd)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(['rb', 'i', 'm', 'MA', 'SR'].map(nightEnd)).toEqual(['23:00', '23:00', '23:00', '23:00', '23:00']);
    expect(nightEnd('cu')).toBe('01:00');
    expect(['au', 'ag', 'sc'].map(nightEnd)).toEqual(['02:30', '02:30', '02:30']);
  });

  it('takes market orders only where the exchange does', () => {
    for (const p of FUTURES_PRODUCTS) {
      const takesMarket = p.exchange !== Exchange.SHFE && p.exchange !== Exchange.INE;
      expect(p.max_market_volume > 0, p.product_id).toBe(takesMarket);
    }
    expect([spec('IF').max_limit_volume, spec('IF').max_market_volume]).toEqual([20, 10]);
  });
});

describe('last trading days', () => {
  it('CFFEX index futures: the third Friday', () => {
    // December 2026 begins on a Tuesday: Fridays 4, 11, 18
    expect(expiryOf(spec('IF'), 2026, 12)).toBe('2026-12-18');
    // October 2026 begins on a Thursday: Fridays 2, 9, 16
    expect(expiryOf(spec('IC'), 2026, 10)).toBe('2026-10-16');
    // a holiday on the day moves it to the next trading day
    expect(expiryOf(spec('IF'), 2026, 12, new Set(['2026-12-18']))).toBe('2026-12-21');
  });

  it('SHFE: the 15th, or the next trading day', () => {
    expect(expiryOf(spec('rb'), 2027, 1)).toBe('2027-01-15'); // a Friday
    expect(expiryOf(spec('cu'), 2026, 11)).toBe('2026-11-16'); // the 15th is a Sunday
  });

  it('DCE, CZCE, GFEX: the 10th trading day', () => {
    // January 2027: 1 (Fri), 4–8, 11–14 → the 10th trading day is the 14th
    expect(expiryOf(spec('i'), 2027, 1)).toBe('2027-01-14');
    // with New Year's Day a holiday the count starts on the 4th and ends on the 15th
    expect(expiryOf(spec('MA'), 2027, 1, new Set(['2027-01-01']))).toBe('2027-01-15');
  });

  it('INE crude: the last trading day of the month before', () => {
    // January 2027 ends on a Sunday; the 29th is a Friday
    expect(expiryOf(spec('sc'), 2027, 2)).toBe('2027-01-29');
  });
});

describe('main and next contracts from a date', () => {
  it('CFFEX: the current month until it expires', () => {
    expect(mainAndNextSymbols(spec('IF'), '2026-12-01')).toEqual({ main: 'IF2612', next: 'IF2701' });
    expect(mainAndNextSymbols(spec('IF'), '2026-12-18')).toEqual({ main: 'IF2612', next: 'IF2701' });
    expect(mainAndNextSymbols(spec('IF'), '2026-12-21')).toEqual({ main: 'IF2701', next: 'IF2702' });
  });

  it('commodities: the first active month at least the lead ahead, CZCE in three digits', () => {
    expect(mainAndNextSymbols(spec('rb'), '2026-10-15')).toEqual({ main: 'rb2701', next: 'rb2705' });
    expect(mainAndNextSymbols(spec('rb'), '2026-06-01')).toEqual({ main: 'rb2610', next: 'rb2701' });
    expect(mainAndNextSymbols(spec('MA'), '2026-10-15')).toEqual({ main: 'MA701', next: 'MA705' });
    expect(mainAndNextSymbols(spec('cu'), '2026-10-15')).toEqual({ main: 'cu2612', next: 'cu2701' });
    expect(mainAndNextSymbols(spec('au'), '2026-10-15')).toEqual({ main: 'au2612', next: 'au2706' });
    expect(mainAndNextSymbols(spec('i'), '2026-12-10')).toEqual({ main: 'i2705', next: 'i2709' });
  });
});

describe('price limits from the previous settlement price', () => {
  it('rb: 3500 ± 6 % on a 1-yuan tick', () => {
    // 3500 × 1.06 = 3710, 3500 × 0.94 = 3290: both on the tick already
    expect(futuresLimitPrices(3500, 0.06, 1)).toEqual({ up: 3710, down: 3290 });
  });

  it('IF: rounded towards the settlement price on the 0.2 tick', () => {
    // 3859.6 × 1.1 = 4245.56 → down to 4245.4; 3859.6 × 0.9 = 3473.64 → up to 3473.8
    expect(futuresLimitPrices(3859.6, 0.1, 0.2)).toEqual({ up: 4245.4, down: 3473.8 });
  });

  it('i: a 0.5 tick', () => {
    // 781.5 × 1.11 = 867.465 → 867.0; 781.5 × 0.89 = 695.535 → 696.0
    expect(futuresLimitPrices(781.5, 0.11, 0.5)).toEqual({ up: 867, down: 696 });
  });

  it('au: a 0.02 tick', () => {
    // 780.02 × 1.08 = 842.4216 → 842.42; 780.02 × 0.92 = 717.6184 → 717.62
    expect(futuresLimitPrices(780.02, 0.08, 0.02)).toEqual({ up: 842.42, down: 717.62 });
  });
});

describe('a listed contract', () => {
  it('carries every futures field, limits from the settlement price', () => {
    const c = buildFuturesContract(spec('IF'), { year: 2026, month: 12 }, { gateway_name: 'SIM', pre_settlement: 3859.6 });
    expect(c).toMatchObject({
      symbol: 'IF2612', exchange: Exchange.CFFEX, vt_symbol: 'IF2612.CFFEX', name: '沪深300股指2612',
      product: Product.FUTURES, product_id: 'IF', size: 300, pricetick: 0.2, min_volume: 1, volume_step: 1,
      max_limit_volume: 20, max_market_volume: 10, min_market_volume: 1,
      long_margin_ratio: 0.12, short_margin_ratio: 0.12, limit_ratio: 0.1, expiry: '2026-12-18',
      pre_settlement: 3859.6, limit_up: 4245.4, limit_down: 3473.8, t0: true,
      // no A-share meanings: not ST, not a 融资 or 融券 target
      is_st: false, fin_eligible: false, slo_eligible: false,
    });
    expect(c.board).toBeUndefined();
  });

  it('is named by its product and a four-digit year and month, zeros kept', () => {
    const options = { gateway_name: 'SIM', pre_settlement: 3500 };
    expect(buildFuturesContract(spec('rb'), { year: 2009, month: 3 }, options).name).toBe('螺纹钢0903');
    // CZCE's code has one digit of the year; the name still has two
    expect(buildFuturesContract(spec('MA'), { year: 2027, month: 1 }, { ...options, pre_settlement: 2400 })).toMatchObject({ symbol: 'MA701', name: `${spec('MA').name}2701` });
  });
});
