import { describe, expect, it } from 'vitest';
import { Board, Exchange, Product } from '../../../common/constants';
import { rulesFor } from '../../../common/markets/cn-stock/board';
import { isOnTick } from '../../../common/markets/price';
import { inferExchange } from '../../../common/symbol';
import { LISTING } from '../../../gateways/sim/contracts-data';
import { makeExchange } from './sim-test-context';

/**
 * The exchanges' daily price limits in percent, written here from their rules (docs/a-share-rules.md),
 * not read from the product's BOARD_RULES: main board and funds 10, ChiNext and STAR 20, BSE 30,
 * main-board ST 10 since 2026-07-06 (every ST name in the listing is main board).
 */
const EXCHANGE_LIMIT_PERCENT: Record<string, number> = {
  [Board.MAIN]: 10, [Board.CHINEXT]: 20, [Board.STAR]: 20, [Board.BSE]: 30, [Board.FUND]: 10, ST: 10,
};

/**
 * pre_close × (100 ± pct) / 100 rounded half up to the tick, in whole thousandths of a yuan
 * (every price here has at most three decimals): independent of common/markets/price.ts.
 */
function exchangeLimits(preClose: number, pct: number, tick: number): [number, number] {
  const mills = Math.round(preClose * 1000);
  const tickMills = Math.round(tick * 1000);
  const onTick = (scaled: number): number => (Math.floor((scaled / 100 + tickMills / 2) / tickMills) * tickMills) / 1000;
  return [onTick(mills * (100 - pct)), onTick(mills * (100 + pct))];
}

describe('SIM contract list', () => {
  const { ex } = makeExchange();
  const contracts = ex.contracts();

  it('lists at least 60 unique real codes, each board and exchange present', () => {
    expect(contracts.length).toBeGreaterThanOrEqual(60);
    expect(new Set(contracts.map((c) => c.vt_symbol)).size).toBe(contracts.length);
    const boards = new Set(contracts.map((c) => c.board));
    for (const b of [Board.MAIN, Board.CHINEXT, Board.STAR, Board.BSE, Board.FUND]) expect(boards.has(b)).toBe(true);
    const exchanges = new Set(contracts.map((c) => c.exchange));
    expect([...exchanges].sort()).toEqual([Exchange.BSE, Exchange.SSE, Exchange.SZSE]);
    expect(contracts.filter((c) => c.is_st).length).toBeGreaterThanOrEqual(2);
  });

  it('carries the well-known names', () => {
    const name = (vt: string): string | undefined => ex.contract(vt)?.name;
    expect(name('600000.SSE')).toBe('浦发银行');
    expect(name('600519.SSE')).toBe('贵州茅台');
    expect(name('601318.SSE')).toBe('中国平安');
    expect(name('600036.SSE')).toBe('招商银行');
    expect(name('000001.SZSE')).toBe('平安银行');
    expect(name('000858.SZSE')).toBe('五粮液');
    expect(name('300750.SZSE')).toBe('宁德时代');
    expect(name('688981.SSE')).toBe('中芯国际');
    expect(name('430047.BSE')).toBe('诺思兰德');
    expect(name('510300.SSE')).toBe('沪深300ETF');
    expect(name('159915.SZSE')).toBe('创业板ETF');
  });

  it('fills every rule field from the board rules, limits on the tick', () => {
    for (const c of contracts) {
      // board is optional on ContractData (futures have none); every A-share carries one.
      expect(c.board, c.vt_symbol).toBeDefined();
      const rules = rulesFor(c.board!, c.is_st);
      expect(inferExchange(c.symbol), c.vt_symbol).toBe(c.exchange);
      expect(c.pricetick).toBe(rules.pricetick);
      expect(c.min_volume).toBe(rules.minBuy);
      expect(c.volume_step).toBe(rules.buyStep);
      expect(c.max_limit_volume).toBe(rules.maxLimitVolume);
      expect(c.max_market_volume).toBe(rules.maxMarketVolume);
      expect([c.limit_down, c.limit_up], c.vt_symbol).toEqual(exchangeLimits(c.pre_close, EXCHANGE_LIMIT_PERCENT[c.is_st ? 'ST' : c.board!]!, c.pricetick));
      for (const p of [c.pre_close, c.limit_up, c.limit_down]) expect(isOnTick(p, c.pricetick), `${c.vt_symbol} ${p}`).toBe(true);
      expect(c.limit_down).toBeLessThan(c.pre_close);
      expect(c.limit_up).toBeGreaterThan(c.pre_close);
      expect(c.t0).toBe(false);
      expect(c.size).toBe(1);
      expect(c.product).toBe(c.board === Board.FUND ? Product.ETF : Product.EQUITY);
      expect(c.is_st).toBe(/ST/.test(c.name));
      if (c.is_st) expect(c.fin_eligible).toBe(false);
    }
  });

  it('uses the board-specific numbers (spot checks)', () => {
    expect(ex.contract('510300.SSE')?.pricetick).toBe(0.001);
    expect(ex.contract('688981.SSE')?.min_volume).toBe(200);
    expect(ex.contract('688981.SSE')?.volume_step).toBe(1);
    // hand-worked limits, one per board: 13.20 ± 10 % = 11.88 / 14.52; 250 ± 20 % = 200 / 300;
    // 85 ± 20 % = 68 / 102; 12 ± 30 % = 8.40 / 15.60; 2.95 ± 10 % = 2.655 / 3.245 (tick 0.001);
    // *ST金科 1.80 ± 10 % = 1.62 / 1.98
    const lim = (vt: string): [number, number] => [ex.contract(vt)!.limit_down, ex.contract(vt)!.limit_up];
    expect(lim('600000.SSE')).toEqual([11.88, 14.52]);
    expect(lim('688981.SSE')).toEqual([68, 102]);
    expect(lim('430047.BSE')).toEqual([8.4, 15.6]);
    expect(lim('510050.SSE')).toEqual([2.655, 3.245]);
    expect(lim('000656.SZSE')).toEqual([1.62, 1.98]);
    const moutai = ex.contract('600519.SSE')!;
    expect(moutai.limit_up).toBe(1595);
    expect(moutai.limit_down).toBe(1305);
    const catl = ex.contract('300750.SZSE')!;
    expect([catl.limit_down, catl.limit_up]).toEqual([200, 300]);
    expect(ex.contract('430047.BSE')?.limit_up).toBe(15.6);
    expect(ex.contract('600519.SSE')?.fin_eligible).toBe(true);
    expect(ex.contract('510300.SSE')?.slo_eligible).toBe(true);
  });

  it('listing data matches the built contracts one to one', () => {
    expect(LISTING.length).toBe(contracts.length);
  });
});
