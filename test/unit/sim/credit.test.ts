/**
 * The SIM credit (信用) account: credit order types, compacts, interest, repayment allocation
 * and every figure of CreditDetail. Expected numbers are worked out by hand in the comments.
 * Fees: commission 0.025 % min 5.00, transfer 0.001 %, stamp duty 0.05 % on sells, each
 * rounded half up to the cent.
 */
import { describe, expect, it } from 'vitest';
import { Direction, LogLevel, Status } from '../../../common/constants';
import { CompactType, CreditLevel, CreditOrderType, type CompactData } from '../../../common/credit';
import type { TraderError } from '../../../common/errors';
import type { OrderRequest } from '../../../common/objects';
import type { CreditConfig } from '../../../gateways/sim/credit-book';
import { createGateway } from '../../../gateways/sim/index';
import type { SimConfig } from '../../../gateways/sim/sim-exchange';
import type { SimGateway } from '../../../gateways/sim/sim-gateway';
import { buy, makeContext, makeExchange, MemoryStorage, sell } from './sim-test-context';

const PF = '600000.SSE'; // 浦发银行: 融资融券标的, SSE180 → 折算率 70 %
const PA = '601318.SSE'; // 中国平安: 标的, SSE180
const NY = '601288.SSE'; // 农业银行: not a 标的
const ETF = '510300.SSE';

export const CREDIT: CreditConfig = {
  finQuota: 1_000_000, sloQuota: 1_000_000, finRate: 0.065, sloRate: 0.085, finRatio: 1, sloRatio: 1, warningLine: 1.5, closeOutLine: 1.3,
};

function credit(over: Partial<SimConfig> = {}, terms: Partial<CreditConfig> = {}): ReturnType<typeof makeExchange> {
  return makeExchange({ credit: { ...CREDIT, ...terms }, ...over });
}

const as = (type: CreditOrderType, r: OrderRequest): OrderRequest => ({ ...r, credit: type });
const finBuy = (vt: string, v: number, p: number): OrderRequest => as(CreditOrderType.FIN_BUY, buy(vt, v, p));
const sloSell = (vt: string, v: number, p: number): OrderRequest => as(CreditOrderType.SLO_SELL, sell(vt, v, p));
const buyRepay = (vt: string, v: number, p: number): OrderRequest => as(CreditOrderType.BUY_SECU_REPAY, buy(vt, v, p));
const sellRepay = (vt: string, v: number, p: number): OrderRequest => as(CreditOrderType.SELL_CASH_REPAY, sell(vt, v, p));

/** Both sides of the book at one price, deep enough for every test. */
function at(ex: ReturnType<typeof makeExchange>['ex'], vt: string, price: number): void {
  ex.setQuote(vt, { last: price, bids: [[price, 50_000]], asks: [[price, 50_000]] });
}

function lastCompact(compacts: CompactData[], id: string): CompactData {
  const c = compacts.filter((x) => x.compact_id === id).at(-1);
  if (!c) throw new Error(`no compact ${id}`);
  return c;
}

describe('an ordinary (普通) account', () => {
  it('refuses credit orders and direct repayments and sends no credit events', () => {
    const { ex, sink } = makeExchange();
    ex.publishAll();
    at(ex, PF, 13.2);
    const id = ex.sendOrder(finBuy(PF, 100, 13.2));
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.REJECTED, status_msg: expect.stringMatching(/^融资买入需要信用账户：接口 SIM 不是信用账户/) });
    expect(() => ex.directRepay({ type: CreditOrderType.DIRECT_CASH_REPAY, amount: 100 })).toThrow(/直接还款需要信用账户/);
    ex.step();
    expect(ex.isCredit).toBe(false);
    expect(ex.creditDetail()).toBeUndefined();
    expect(sink.credits).toHaveLength(0);
    expect(sink.creditAssets).toHaveLength(0);
    expect(sink.compacts).toHaveLength(0);
    // …and plain orders still work as before
    const plain = ex.sendOrder(buy(PF, 100, 13.2));
    expect(sink.lastOrder(plain).status).toBe(Status.ALLTRADED);
  });
});

describe('a credit (信用) account', () => {
  it('pushes 标的, 担保品 (折算率) and 可融券 for every contract on connect', () => {
    const { ex, sink } = credit();
    ex.publishAll();
    const a = (vt: string) => sink.creditAssets.find((x) => x.vt_symbol === vt)!;
    expect(sink.creditAssets).toHaveLength(ex.contracts().length);
    // 2,000,000 / 13.20 = 151515 → whole lots: 151500
    expect(a(PF)).toMatchObject({ vt_assetid: 'SIM.600000.SSE', fin_status: true, slo_status: true, fin_ratio: 1, slo_ratio: 1, assure_status: true, assure_ratio: 0.7, enable_amount: 151_500 });
    // 2,000,000 / 1450 = 1379 → 1300
    expect(a('600519.SSE')).toMatchObject({ enable_amount: 1_300, assure_ratio: 0.7 });
    expect(a(NY)).toMatchObject({ fin_status: false, slo_status: false, assure_ratio: 0.7, enable_amount: 0 });
    expect(a('002304.SZSE')).toMatchObject({ assure_ratio: 0.65, assure_status: true }); // 洋河: not SZSE100 here
    expect(a(ETF)).toMatchObject({ assure_ratio: 0.9, fin_status: true });
    expect(a('000656.SZSE')).toMatchObject({ assure_ratio: 0, assure_status: false, fin_status: false }); // *ST
    expect(sink.credits.at(-1)).toMatchObject({ balance: 1_000_000, available: 1_000_000, total_debt: 0, per_assure_scale_value: Infinity, level: CreditLevel.NORMAL });
  });

  it('融资买入 opens a compact of amount + fees; cash does not move; figures follow the price', () => {
    const { ex, sink } = credit();
    at(ex, PF, 13.2);
    const id = ex.sendOrder(finBuy(PF, 1000, 13.2));
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.ALLTRADED, credit: CreditOrderType.FIN_BUY });
    // 1000 × 13.20 = 13200.00; commission 5.00 (3.30 < 5), transfer 0.13 → principal 13205.13
    expect(lastCompact(sink.compacts, 'F1')).toMatchObject({
      vt_compactid: 'SIM.F1', compact_type: CompactType.FIN, vt_symbol: PF, open_date: '2025-03-05', ret_end_date: '2025-09-05',
      business_vol: 1000, real_compact_vol: 1000, business_balance: 13_205.13, real_compact_balance: 13_205.13,
      business_fare: 0, real_compact_fare: 0, repaid_balance: 0, rate: 0.065, closed: false,
    });
    expect(sink.lastAccount()).toMatchObject({ balance: 1_000_000, available: 1_000_000, market_value: 13_200 });
    expect(ex.positionData(PF)).toMatchObject({ volume: 1000, price: 13.205 });
    const d = ex.creditDetail()!;
    expect(sink.credits.at(-1)).toEqual(d);
    expect(d).toMatchObject({
      balance: 1_013_200, // cash 1,000,000 + 13,200
      available: 1_000_000,
      frozen_cash: 0,
      market_value: 13_200,
      position_profit: -5.13, // 13200 − 13205.13
      fin_deal_avl: 13_205.13, fin_fee: 0, fin_debt: 13_205.13, total_debt: 13_205.13,
      slo_debt: 0, slo_market_value: 0,
      // 1,000,000 + (13200 − 13205.13) × 100 % (a loss) − 13205.13 × 100 % = 986789.74
      enable_bail_balance: 986_789.74,
      assure_asset: 999_994.87, // 1,013,200 − 13,205.13
      // 1,013,200 − 3 × 13,205.13 = 973,584.61 (< free cash 1,000,000)
      fetch_balance: 973_584.61,
      fin_max_quota: 1_000_000, fin_used_quota: 13_205.13, fin_enable_quota: 986_794.87,
      level: CreditLevel.NORMAL,
    });
    // ratios are divided in cents: 1,013,200.00 / 13,205.13
    expect(d.per_assure_scale_value).toBe(101_320_000 / 1_320_513);

    // up to 14.00: (14000 − 13205.13) × 70 % = 556.409 → 1,000,000 + 556.409 − 13,205.13 = 987,351.279 → 987,351.28
    at(ex, PF, 14);
    expect(sink.credits.at(-1)).toMatchObject({ enable_bail_balance: 987_351.28, market_value: 14_000, per_assure_scale_value: 101_400_000 / 1_320_513 });
    // down to 12.00: a loss at 100 %: 1,000,000 − 1205.13 − 13205.13 = 985,589.74 (985,951.28 at the haircut)
    at(ex, PF, 12);
    expect(sink.credits.at(-1)).toMatchObject({ enable_bail_balance: 985_589.74, per_assure_scale_value: 101_200_000 / 1_320_513 });
  });

  it('融资买入 is refused when not a 标的, when 保证金可用余额 is short, or the quota is', () => {
    const poor = credit({ initialCash: 20_000 });
    at(poor.ex, PF, 13.2);
    at(poor.ex, NY, 6.1);
    const r1 = poor.ex.sendOrder(finBuy(NY, 100, 6.1));
    expect(poor.sink.lastOrder(r1).status_msg).toBe('601288 农业银行不是融资标的，不能融资买入');
    // 2000 × 13.20 = 26400 × 100 % > 20000
    const r2 = poor.ex.sendOrder(finBuy(PF, 2000, 13.2));
    expect(poor.sink.lastOrder(r2)).toMatchObject({ status: Status.REJECTED, status_msg: expect.stringMatching(/^保证金可用余额不足：融资买入 26400.00 元.*保证金可用余额 20000.00 元/) });

    const small = credit({}, { finQuota: 10_000 });
    at(small.ex, PF, 13.2);
    const r3 = small.ex.sendOrder(finBuy(PF, 1000, 13.2));
    expect(small.sink.lastOrder(r3).status_msg).toBe('融资可用额度不足：需要 13200.00 元，可用 10000.00 元');
    // the quota covers the trade amount but not the fees the compact would also hold
    const exact = credit({}, { finQuota: 13_200 });
    at(exact.ex, PF, 13.2);
    const r4 = exact.ex.sendOrder(finBuy(PF, 1000, 13.2));
    expect(exact.sink.lastOrder(r4).status_msg).toMatch(/^融资可用额度不足：需要 13205.13 元（含预估费用/);
    expect(exact.sink.compacts).toHaveLength(0);
  });

  it('融券卖出: proceeds are restricted, fees come out of them; figures follow the price', () => {
    const { ex, sink } = credit();
    ex.publishAll();
    at(ex, PF, 13.2);
    const low = ex.sendOrder(sloSell(PF, 1000, 13.19));
    expect(sink.lastOrder(low).status_msg).toMatch(/^融券卖出价格不得低于最新成交价 13.2/);
    const notSlo = ex.sendOrder(sloSell(NY, 100, 6.1));
    expect(sink.lastOrder(notSlo).status_msg).toMatch(/不是融券标的/);
    const tooMany = ex.sendOrder(sloSell(PF, 151_600, 13.2));
    expect(sink.lastOrder(tooMany).status_msg).toMatch(/^可融券数量不足：600000 可融 151500 股/);

    const id = ex.sendOrder(sloSell(PF, 1000, 13.2));
    expect(sink.lastOrder(id).status).toBe(Status.ALLTRADED);
    // 13200.00: commission 5.00, stamp 6.60, transfer 0.13 → fees 11.73; cash 1,013,188.27
    expect(sink.lastAccount()).toMatchObject({ balance: 1_013_188.27, available: 1_000_000 });
    expect(lastCompact(sink.compacts, 'S1')).toMatchObject({ compact_type: CompactType.SLO, business_vol: 1000, real_compact_vol: 1000, business_balance: 13_200, rate: 0.085 });
    expect(sink.creditAssets.filter((a) => a.vt_symbol === PF).at(-1)!.enable_amount).toBe(150_500);
    const shorts = () => sink.positions.filter((p) => p.direction === Direction.SHORT);
    expect(shorts().at(-1)).toMatchObject({ vt_positionid: 'SIM.600000.SSE.空', direction: Direction.SHORT, volume: 1000, price: 13.2, pnl: 0 });
    // the sale leaves the holding alone (the engine knows it from the market rules: one owner)
    expect(sink.positions.filter((p) => p.direction === Direction.LONG)).toEqual([]);
    expect(ex.positionData(PF)?.volume ?? 0).toBe(0);
    const d = ex.creditDetail()!;
    expect(d).toMatchObject({
      balance: 1_013_188.27, available: 1_000_000, market_value: 0,
      slo_sell_balance: 13_200, used_slo_sell_balance: 11.73, surplus_slo_sell_balance: 13_188.27,
      slo_market_value: 13_200, slo_debt: 13_200, slo_fee: 0, total_debt: 13_200,
      // 1,013,188.27 + 0 − 13,200 − 13,200 × 100 % = 986,788.27
      enable_bail_balance: 986_788.27,
      slo_used_quota: 13_200, slo_enable_quota: 986_800,
      fetch_balance: 973_588.27, // 1,013,188.27 − 3 × 13,200
    });
    expect(d.per_assure_scale_value).toBe(101_318_827 / 1_320_000);
    // up 14.00, a loss at 100 %: 1,013,188.27 − 800 − 13,200 − 14,000 = 985,188.27
    at(ex, PF, 14);
    expect(sink.credits.at(-1)).toMatchObject({ enable_bail_balance: 985_188.27, slo_market_value: 14_000, per_assure_scale_value: 101_318_827 / 1_400_000 });
    // down 12.50, a gain at 70 %: 1,013,188.27 + 700 × 0.7 − 13,200 − 12,500 = 987,978.27
    at(ex, PF, 12.5);
    expect(sink.credits.at(-1)).toMatchObject({ enable_bail_balance: 987_978.27 });
  });

  it('working orders hold 保证金可用余额 at their own ratio: 融资 at 融资保证金比例, 融券 at 融券保证金比例', () => {
    const { ex } = credit({}, { finRatio: 0.8, sloRatio: 1.2 });
    ex.publishAll();
    at(ex, PF, 13.2);
    ex.step();
    const before = ex.creditDetail()!.enable_bail_balance;
    // 融资买入 1000 @ 13.00 rests below the ask: 13000 × 80 % = 10400 held
    ex.sendOrder(finBuy(PF, 1000, 13));
    ex.step();
    expect(before - ex.creditDetail()!.enable_bail_balance).toBeCloseTo(10_400, 2);
    // 融券卖出 1000 @ 13.40 rests above the bid: 13400 × 120 % = 16080 held (swapping the
    // ratios would hold 13000 × 1.2 + 13400 × 0.8 = 26320 in all, not 26480)
    ex.sendOrder(sloSell(PF, 1000, 13.4));
    ex.step();
    expect(before - ex.creditDetail()!.enable_bail_balance).toBeCloseTo(26_480, 2);
  });

  it('融券卖出资金 buys back only: a 担保品买入 cannot use it; 买券还券 can', () => {
    const { ex, sink } = credit({ initialCash: 20_000 });
    at(ex, PF, 13.2);
    ex.sendOrder(sloSell(PF, 1000, 13.2)); // cash 33,188.27 of which 13,188.27 restricted
    at(ex, PF, 13);
    // 2000 × 13.00 = 26000 + 6.50 + 0.26 = 26006.76 > 20000 free
    const plain = ex.sendOrder(buy(PF, 2000, 13));
    expect(sink.lastOrder(plain).status_msg).toBe('可用资金不足：需冻结 26006.76 元（含预估费用），可用 20000.00 元（另有融券卖出资金 13188.27 元只能用于买券还券）');
    const collateral = ex.sendOrder(as(CreditOrderType.COLLATERAL_BUY, buy(PF, 2000, 13)));
    expect(sink.lastOrder(collateral).status).toBe(Status.REJECTED);
    expect(sink.lastOrder(ex.sendOrder(buyRepay(PF, 1100, 13))).status_msg).toMatch(/^买券还券数量超过未还融券数量：600000 未还 1000 股/);
    expect(sink.lastOrder(ex.sendOrder(buyRepay(PA, 100, 56))).status_msg).toMatch(/没有未了结的融券负债/);

    // 1000 × 13.00 = 13000 + 5.00 + 0.13 = 13005.13, paid from the proceeds
    const id = ex.sendOrder(buyRepay(PF, 1000, 13));
    expect(sink.lastOrder(id).status).toBe(Status.ALLTRADED);
    expect(lastCompact(sink.compacts, 'S1')).toMatchObject({ real_compact_vol: 0, real_compact_balance: 0, repaid_balance: 13_200, closed: true });
    // nothing short any more: the 183.14 left of the proceeds is free cash
    expect(sink.lastAccount()).toMatchObject({ balance: 20_183.14, available: 20_183.14 });
    // the bought shares went back to the lender, not into the holding
    expect(ex.positionData(PF)?.volume ?? 0).toBe(0);
    expect(sink.positions.filter((p) => p.direction === Direction.LONG)).toEqual([]);
    expect(sink.positions.filter((p) => p.direction === Direction.SHORT).at(-1)).toMatchObject({ volume: 0 });
    expect(sink.creditAssets.filter((a) => a.vt_symbol === PF).at(-1)!.enable_amount).toBe(151_500);
    expect(ex.creditDetail()).toMatchObject({ total_debt: 0, per_assure_scale_value: Infinity, slo_sell_balance: 0, surplus_slo_sell_balance: 0 });
  });

  it('accrues interest per calendar day at 日终结算, Friday → Monday counting 3', () => {
    const { ex, sink } = credit();
    at(ex, PF, 13.2);
    at(ex, PA, 56);
    ex.sendOrder(finBuy(PF, 1000, 13.2)); // F1 13205.13 at 6.5 %
    ex.sendOrder(sloSell(PA, 1000, 56)); // S2 56000.00 at 8.5 %; fees 14.00 + 28.00 + 0.56 = 42.56
    expect(ex.day).toBe('2025-03-05'); // Wednesday
    ex.settleDay(); // Wed → Thu: F1 13205.13 × 6.5 % / 360 = 2.384 → 2.38; S2 56000 × 8.5 % / 360 = 13.222 → 13.22
    expect(lastCompact(sink.compacts, 'F1')).toMatchObject({ business_fare: 2.38, real_compact_fare: 2.38 });
    ex.settleDay(); // Thu → Fri: the same (no compounding)
    ex.settleDay(); // Fri → Mon, 3 days: F1 7.152 → 7.15; S2 39.667 → 39.67
    expect(ex.day).toBe('2025-03-10');
    expect(lastCompact(sink.compacts, 'F1')).toMatchObject({ business_fare: 11.91, real_compact_fare: 11.91, real_compact_balance: 13_205.13 });
    expect(lastCompact(sink.compacts, 'S2')).toMatchObject({ business_fare: 66.11, real_compact_fare: 66.11 });
    at(ex, PF, 13.2);
    at(ex, PA, 56);
    // cash 1,000,000 + 56,000 − 42.56 = 1,055,957.44
    // bail: 1,055,957.44 + (13200 − 13205.13) − 13205.13 + 0 − 56000 − 56000 − (11.91 + 66.11) = 930,669.16
    expect(ex.creditDetail()).toMatchObject({
      fin_fee: 11.91, slo_fee: 66.11, fin_debt: 13_217.04, slo_debt: 56_066.11, total_debt: 69_283.15, enable_bail_balance: 930_669.16,
      // (1,055,957.44 + 13,200) / (13,205.13 + 56,000 + 78.02) = 1,069,157.44 / 69,283.15, in cents
      per_assure_scale_value: 106_915_744 / 6_928_315,
    });
  });

  it('买券还券 pays each compact\'s interest before its shares, oldest compact first', () => {
    const { ex, sink } = credit();
    at(ex, PF, 13.2);
    ex.sendOrder(sloSell(PF, 600, 13.2)); // S1 7920.00; fees 5.00 + 3.96 + 0.08 = 9.04
    ex.sendOrder(sloSell(PF, 400, 13.2)); // S2 5280.00; fees 5.00 + 2.64 + 0.05 = 7.69
    ex.settleDay(); // S1 7920 × 8.5 % / 360 = 1.87; S2 5280 × 8.5 % / 360 = 1.2467 → 1.25
    at(ex, PF, 13);
    ex.sendOrder(buyRepay(PF, 700, 13)); // 9100.00 + 5.00 + 0.09 = 9105.09
    expect(lastCompact(sink.compacts, 'S1')).toMatchObject({ real_compact_vol: 0, repaid_fare: 1.87, real_compact_fare: 0, repaid_balance: 7_920, closed: true });
    // 100 of S2's 400 back: 5280 × 100 / 400 = 1320.00 repaid
    expect(lastCompact(sink.compacts, 'S2')).toMatchObject({ real_compact_vol: 300, real_compact_balance: 3_960, repaid_balance: 1_320, repaid_fare: 1.25, real_compact_fare: 0, closed: false });
    // proceeds used: 9.04 + 7.69 + 9105.09 + 1.87 + 1.25 = 9124.94; left 13200 − 9124.94 = 4075.06
    expect(ex.creditDetail()).toMatchObject({ slo_sell_balance: 13_200, used_slo_sell_balance: 9_124.94, surplus_slo_sell_balance: 4_075.06, available: 1_000_000 });
    expect(sink.lastAccount().balance).toBe(1_004_075.06);
  });

  /** F1: 融资买入 600000 1000 @ 13.20 on Wed; F2: 融资买入 601318 100 @ 56.00 on Thu; now Friday. */
  function twoFinCompacts(): ReturnType<typeof credit> {
    const made = credit();
    at(made.ex, PF, 13.2);
    made.ex.sendOrder(finBuy(PF, 1000, 13.2)); // F1 13205.13
    made.ex.settleDay(); // F1 +2.38
    at(made.ex, PA, 56);
    made.ex.sendOrder(finBuy(PA, 100, 56)); // 5600.00 + 5.00 + 0.06 = F2 5605.06
    made.ex.settleDay(); // F1 +2.38 = 4.76; F2 5605.06 × 6.5 % / 360 = 1.012 → 1.01
    expect(made.ex.day).toBe('2025-03-07');
    expect(lastCompact(made.sink.compacts, 'F2')).toMatchObject({ business_balance: 5_605.06, real_compact_fare: 1.01 });
    return made;
  }

  it('卖券还款: proceeds pay all interest (oldest first), then principal oldest first; financed shares cannot go as 担保品卖出', () => {
    const { ex, sink } = twoFinCompacts();
    at(ex, PF, 13.5);
    const collateral = ex.sendOrder(as(CreditOrderType.COLLATERAL_SELL, sell(PF, 1000, 13.5)));
    expect(sink.lastOrder(collateral).status_msg).toBe('担保品卖出可卖 0 股：其余 1000 股为融资买入的证券（融资合约未还清），须用卖券还款卖出');
    expect(sink.lastOrder(ex.sendOrder(sell(PF, 1000, 13.5))).status).toBe(Status.REJECTED); // a plain sell is 担保品卖出 here
    const id = ex.sendOrder(sellRepay(PF, 1000, 13.5));
    expect(sink.lastOrder(id).status).toBe(Status.ALLTRADED);
    // 13500.00 − (5.00 + 6.75 + 0.14) = 13488.11 net: interest F1 4.76 + F2 1.01, principal F1 13205.13, F2 277.21
    expect(lastCompact(sink.compacts, 'F1')).toMatchObject({ real_compact_balance: 0, real_compact_fare: 0, repaid_fare: 4.76, repaid_balance: 13_205.13, real_compact_vol: 0, closed: true });
    // F2: 5605.06 − 277.21 = 5327.85; shares still financed ⌈100 × 5327.85 / 5605.06⌉ = ⌈95.05⌉ = 96
    expect(lastCompact(sink.compacts, 'F2')).toMatchObject({ real_compact_balance: 5_327.85, real_compact_fare: 0, repaid_fare: 1.01, repaid_balance: 277.21, real_compact_vol: 96, closed: false });
    expect(sink.lastAccount().balance).toBe(1_000_000);
    expect(ex.creditDetail()).toMatchObject({ fin_deal_avl: 5_327.85, fin_fee: 0, fin_debt: 5_327.85 });
  });

  it('直接还款: interest first across compacts, oldest first; the excess stays; nothing owed refuses', () => {
    const { ex, sink } = twoFinCompacts();
    // 10.00: interest F1 4.76 + F2 1.01 = 5.77, then 4.23 of F1's principal
    expect(ex.directRepay({ type: CreditOrderType.DIRECT_CASH_REPAY, amount: 10 })).toBe('直接还款 10.00 元，剩余融资负债 18805.96 元');
    expect(lastCompact(sink.compacts, 'F1')).toMatchObject({ real_compact_fare: 0, repaid_fare: 4.76, real_compact_balance: 13_200.9, repaid_balance: 4.23 });
    expect(lastCompact(sink.compacts, 'F2')).toMatchObject({ real_compact_fare: 0, repaid_fare: 1.01, real_compact_balance: 5_605.06 });
    // 20000 asked, 13200.90 + 5605.06 = 18805.96 owed
    expect(ex.directRepay({ type: CreditOrderType.DIRECT_CASH_REPAY, amount: 20_000 })).toBe('直接还款 18805.96 元（超出融资负债的 1194.04 元未划转），剩余融资负债 0.00 元');
    expect(lastCompact(sink.compacts, 'F1').closed).toBe(true);
    expect(lastCompact(sink.compacts, 'F2').closed).toBe(true);
    expect(sink.lastAccount().balance).toBe(981_184.04); // 1,000,000 − 10 − 18,805.96
    expect(sink.credits.at(-1)).toMatchObject({ total_debt: 0, fin_used_quota: 0 });
    expect(() => ex.directRepay({ type: CreditOrderType.DIRECT_CASH_REPAY, amount: 1 })).toThrow('直接还款失败：没有未了结的融资负债');
  });

  it('直接还款 cannot use more than the free cash', () => {
    const { ex } = credit({ initialCash: 1_000 });
    at(ex, ETF, 4);
    ex.sendOrder(finBuy(ETF, 200, 4)); // 800.00 + 5.00 = 805.00 financed
    ex.sendOrder(buy(ETF, 200, 4)); // cash 1000 − 805.00 = 195.00
    const err = (() => {
      try {
        ex.directRepay({ type: CreditOrderType.DIRECT_CASH_REPAY, amount: 500 });
      } catch (e) {
        return e as TraderError;
      }
      throw new Error('expected a refusal');
    })();
    expect(err.code).toBe('CASH');
    expect(err.message).toBe('直接还款失败：可用资金不足，需要 500.00 元，可用 195.00 元（融券卖出资金不能用于还款）');
  });

  it('直接还券: held shares go back to the compact after its interest; too many or nothing owed refuses', () => {
    const { ex, sink } = credit();
    at(ex, PF, 13.2);
    ex.sendOrder(buy(PF, 1000, 13.2)); // own shares, cost 13205.13
    ex.sendOrder(sloSell(PF, 1000, 13.2)); // S1 13200, fees 11.73
    ex.settleDay(); // S1 3.12
    at(ex, PF, 13.2);
    expect(ex.directRepay({ type: CreditOrderType.DIRECT_SECU_REPAY, symbol: '600000', exchange: PF.split('.')[1] as never, volume: 600 })).toBe('直接还券 600000 600 股，剩余未还 400 股');
    // 13200 × 600 / 1000 = 7920 repaid; 5280 left
    expect(lastCompact(sink.compacts, 'S1')).toMatchObject({ real_compact_vol: 400, real_compact_balance: 5_280, repaid_balance: 7_920, repaid_fare: 3.12, real_compact_fare: 0 });
    expect(ex.positionData(PF)).toMatchObject({ volume: 400, yd_volume: 400 });
    expect(sink.creditAssets.filter((a) => a.vt_symbol === PF).at(-1)!.enable_amount).toBe(151_100);
    // cash 1,000,000 − 13,205.13 + 13,188.27 − 3.12 (interest, from the proceeds) = 999,980.02
    expect(sink.lastAccount().balance).toBe(999_980.02);
    expect(ex.creditDetail()).toMatchObject({ used_slo_sell_balance: 14.85, slo_market_value: 5_280 });
    expect(() => ex.directRepay({ type: CreditOrderType.DIRECT_SECU_REPAY, symbol: '600000', exchange: PF.split('.')[1] as never, volume: 500 })).toThrow('直接还券失败：600000 未还融券 400 股，申请 500 股');
    expect(() => ex.directRepay({ type: CreditOrderType.DIRECT_SECU_REPAY, symbol: '601318', exchange: PF.split('.')[1] as never, volume: 100 })).toThrow(/没有未了结的融券负债/);
  });

  it('logs each crossing of the warning and close-out lines once, and sets the level', () => {
    // lines at 245 % / 242 % so a one-day move crosses them: ratio = (20000 + 1000 × P) / 13205.13
    const { ex, sink } = credit({ initialCash: 20_000 }, { warningLine: 2.45, closeOutLine: 2.42 });
    at(ex, PF, 13.2);
    ex.sendOrder(finBuy(PF, 1000, 13.2)); // 33200 / 13205.13 = 2.514
    const levelLogs = () => sink.logs.filter((l) => l.msg.startsWith('维持担保比例'));
    expect(levelLogs()).toHaveLength(0);
    at(ex, PF, 12.3); // 32300 / 13205.13 = 2.4460 ≤ 2.45
    expect(ex.creditDetail()!.level).toBe(CreditLevel.WARNING);
    at(ex, PF, 12.2); // 2.4384: still 预警, no second log
    expect(levelLogs()).toEqual([{ msg: '维持担保比例 244.60% 已低于预警线 245%', level: LogLevel.WARNING }]);
    at(ex, PF, 11.9); // 31900 / 13205.13 = 2.4157 ≤ 2.42
    expect(sink.credits.at(-1)!.level).toBe(CreditLevel.CLOSE_OUT);
    expect(levelLogs().at(-1)).toMatchObject({ level: LogLevel.ERROR, msg: expect.stringMatching(/^维持担保比例 241.57% 已跌至平仓线 242% 以下/) });
    at(ex, PF, 13); // 2.4990
    expect(sink.credits.at(-1)!.level).toBe(CreditLevel.NORMAL);
    expect(levelLogs()).toHaveLength(3);
    expect(levelLogs().at(-1)!.level).toBe(LogLevel.INFO);
  });

  it('pushes its figures on every quote step', () => {
    const { ex, sink } = credit();
    const before = sink.credits.length;
    ex.step();
    ex.step();
    expect(sink.credits.length).toBe(before + 2);
  });
});

describe('the credit account across a restart', () => {
  const settings = { 资金账号: 'c001', 密码: '', 账户类型: '信用', '行情间隔(ms)': 60_000 };

  it('keeps compacts, interest, 融券卖出资金, the lendable pool and every figure', async () => {
    const storage = new MemoryStorage();
    const a = createGateway(makeContext('SIM', storage)) as SimGateway;
    await a.connect(settings);
    const ex = a.simExchange!;
    at(ex, PF, 13.2);
    at(ex, PA, 56);
    a.sendOrder(finBuy(PF, 1000, 13.2));
    a.sendOrder(sloSell(PA, 300, 56));
    await a.runAction('settle-day');
    at(ex, PF, 13.2);
    at(ex, PA, 56);
    // a working 融券卖出 holds lendable shares and quota; the restart cancels it and gives them back
    a.sendOrder(sloSell(PA, 100, 60));
    const lendable = 2_000_000 / 56; // 35714 → 35700, less the 300 sold
    expect(ex.creditDetail()!.slo_used_quota).toBe(22_800); // 300 × 56 + 100 × 60
    await a.close();
    const before = ex.creditDetail()!;
    const compacts = ex['desk']!.book.state().compacts;

    const ctx = makeContext('SIM', storage);
    const b = createGateway(ctx) as SimGateway;
    await b.connect(settings);
    await Promise.resolve();
    const restored = b.simExchange!;
    expect(restored.isCredit).toBe(true);
    expect(restored.creditDetail()).toEqual(before);
    expect(restored['desk']!.book.state().compacts).toEqual(compacts);
    expect(ctx.events.compacts.map((c) => c.compact_id).sort()).toEqual(['F1', 'S2']);
    expect(ctx.events.compacts.find((c) => c.compact_id === 'F1')).toMatchObject({ real_compact_fare: 2.38, real_compact_balance: 13_205.13 });
    expect(ctx.events.creditAssets.find((x) => x.vt_symbol === PA)!.enable_amount).toBe(Math.floor(lendable / 100) * 100 - 300);
    expect(before).toMatchObject({ slo_sell_balance: 16_800, fin_deal_avl: 13_205.13 });
    // new compacts keep counting from where the old ones stopped
    at(restored, PF, 13.2);
    b.sendOrder(finBuy(PF, 100, 13.2));
    await Promise.resolve();
    expect(ctx.events.compacts.at(-1)!.compact_id).toBe('F3');
    await b.close();

    // switching the form to 普通 while compacts are open keeps the account a credit account
    const cctx = makeContext('SIM', storage);
    const c = createGateway(cctx) as SimGateway;
    await c.connect({ ...settings, 账户类型: '普通' });
    await Promise.resolve();
    expect(c.simExchange!.isCredit).toBe(true);
    expect(cctx.events.logs.some((l) => l.level === LogLevel.WARNING && l.msg.includes('仍有未了结的负债合约'))).toBe(true);
    await c.close();
  });

  it('an ordinary account on the gateway refuses 直接还款 with the reason', async () => {
    const gw = createGateway(makeContext()) as SimGateway;
    await gw.connect({ 资金账号: 'p001', 密码: '' });
    await expect(gw.directRepay({ type: CreditOrderType.DIRECT_CASH_REPAY, amount: 1 })).rejects.toThrow(/直接还款需要信用账户/);
    await gw.close();
  });
});
