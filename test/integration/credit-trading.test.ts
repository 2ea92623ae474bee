/**
 * A credit (信用) account on the SIM exchange through the real engine: connect as 信用, the
 * engine's pre-trade refusals, 融资买入, 担保品买入, 融券卖出, 维持担保比例 moving with the price,
 * 直接还款, 日终结算's interest, 直接还券, 买券还券 and 卖券还款 — every figure checked against
 * numbers worked out by hand here, and against margin.ts recomputed from the engine's own state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Status } from '../../common/constants';
import { CompactType, CreditOrderType, type CompactData } from '../../common/credit';
import { allocateHeld, enableBailBalance, maintenanceRatio, type FinTerm } from '../../common/markets/cn-stock/margin';
import type { Engine } from '../../electron/engine/create-engine';
import type { SimExchange } from '../../gateways/sim/sim-exchange';
import type { SimGateway } from '../../gateways/sim/sim-gateway';
import { rejection, startEngine, tempVntraderDir, waitFor } from './harness';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const PF = '600000.SSE'; // 浦发银行, 折算率 70 %
const PA = '601318.SSE'; // 中国平安, 折算率 70 %

/** The live SIM exchange behind the engine's SIM instance (for scripted quotes). */
function simExchange(e: Engine): SimExchange {
  const instances = e.main['instances'];
  return (instances.get('SIM')!.get() as SimGateway).simExchange!;
}

function at(ex: SimExchange, vt: string, price: number): void {
  ex.setQuote(vt, { last: price, bids: [[price, 50_000]], asks: [[price, 50_000]] });
}

/**
 * margin.ts recomputed from what the engine holds (account, positions, compacts, margin terms,
 * ticks): the SIM's pushed figures must agree with it.
 */
function fromEngineState(e: Engine): { bail: number; ratio: number } {
  const { oms } = e;
  const cash = oms.getAccount('SIM')!.balance;
  const compacts = [...oms.compacts.values()].filter((c) => !c.closed);
  const price = (vt: string): number => oms.ticks.get(vt)!.last_price;
  const ratioOf = (vt: string): number => oms.getCreditAsset('SIM', vt)!.assure_ratio;
  const mv = (vol: number, vt: string): number => Math.round(vol * price(vt) * 100) / 100;
  const collateral = [];
  const fin: FinTerm[] = [];
  let marketValue = 0;
  for (const p of oms.positions.values()) {
    if (p.direction !== '多' || p.volume <= 0) continue;
    marketValue += mv(p.volume, p.vt_symbol);
    const own = compacts.filter((c) => c.compact_type === CompactType.FIN && c.vt_symbol === p.vt_symbol);
    const split = allocateHeld(p.volume, own.map((c) => c.real_compact_vol));
    collateral.push({ marketValue: mv(split.collateral, p.vt_symbol), assureRatio: ratioOf(p.vt_symbol) });
    own.forEach((c, i) => fin.push({ amount: c.real_compact_balance, marketValue: mv(split.financed[i]!, p.vt_symbol), assureRatio: ratioOf(p.vt_symbol), finRatio: 1 }));
  }
  const slo = compacts.filter((c) => c.compact_type === CompactType.SLO)
    .map((c) => ({ amount: c.real_compact_balance, marketValue: mv(c.real_compact_vol, c.vt_symbol), assureRatio: ratioOf(c.vt_symbol), sloRatio: 1 }));
  const interest = compacts.reduce((n, c) => n + c.real_compact_fare, 0);
  const finAmount = compacts.filter((c) => c.compact_type === CompactType.FIN).reduce((n, c) => n + c.real_compact_balance, 0);
  const sloMarketValue = slo.reduce((n, s) => n + s.marketValue, 0);
  return {
    bail: enableBailBalance({ cash, collateral, fin, slo, interestAndFees: interest }),
    ratio: maintenanceRatio({ cash, marketValue, finAmount, sloMarketValue, interestAndFees: interest }),
  };
}

describe('margin trading on the SIM exchange through the engine', () => {
  it('融资买入 and 融券卖出, 维持担保比例 follows the price, then every repayment — exact to the cent', async () => {
    engine = await startEngine(tempVntraderDir());
    const e = engine;
    const { dispatcher, oms } = e;
    const send = async (args: Record<string, unknown>): Promise<string> => {
      const r = (await dispatcher.dispatch('order/send', { type: '限价', ...args })) as { vt_orderid: string };
      await waitFor(() => oms.orders.get(r.vt_orderid)?.status === Status.ALLTRADED, 2000, `fill of ${JSON.stringify(args)}`);
      return r.vt_orderid;
    };
    const compact = (id: string): CompactData | undefined => oms.compacts.get(`SIM.${id}`);
    const credit = () => oms.getCredit('SIM')!;

    await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { 账户类型: '信用', '行情间隔(ms)': 60000, 随机种子: 7 } });
    await waitFor(() => oms.getCredit('SIM'), 2000, 'credit figures');
    expect(oms.getCreditAsset('SIM', PF)).toMatchObject({ fin_status: true, slo_status: true, assure_ratio: 0.7, enable_amount: 151_500 });
    const ex = simExchange(e);
    await dispatcher.dispatch('market/subscribe', { code: PF });
    await dispatcher.dispatch('market/subscribe', { code: PA });
    at(ex, PF, 13.2);
    at(ex, PA, 56);
    await waitFor(() => oms.ticks.get(PA)?.last_price === 56 && oms.ticks.get(PF)?.last_price === 13.2, 2000, 'scripted ticks');

    // The engine refuses before the exchange sees it, in the SIM's own words.
    const notFin = await rejection(dispatcher.dispatch('order/send', { code: '601288', direction: '多', type: '限价', volume: 100, price: 6.1, credit: '融资买入' }));
    expect(notFin).toMatchObject({ code: 'NOT_FIN_ELIGIBLE', message: '601288 农业银行不是融资标的，不能融资买入' });
    const floor = await rejection(dispatcher.dispatch('order/send', { code: PF, direction: '空', type: '限价', volume: 100, price: 13.19, credit: '融券卖出' }));
    expect(floor.code).toBe('SLO_PRICE');

    // 融资买入 1000 @ 13.20: 13200 + 5.00 + 0.13 = compact principal 13205.13
    await send({ code: PF, direction: '多', volume: 1000, price: 13.2, credit: CreditOrderType.FIN_BUY });
    // 担保品买入 100 @ 56.00: 5600 + 5.00 + 0.06 → cash 994,394.94
    await send({ code: PA, direction: '多', volume: 100, price: 56, credit: CreditOrderType.COLLATERAL_BUY });
    // 融券卖出 200 @ 56.00: 11200 − (5.00 + 5.60 + 0.11) → cash 994,394.94 + 11,189.29 = 1,005,584.23
    await send({ code: PA, direction: '空', volume: 200, price: 56, credit: CreditOrderType.SLO_SELL });
    await waitFor(() => compact('S2') && credit().slo_debt > 0, 2000, 'short compact');
    expect(compact('F1')).toMatchObject({ compact_type: CompactType.FIN, real_compact_balance: 13_205.13, real_compact_vol: 1000 });
    expect(compact('S2')).toMatchObject({ compact_type: CompactType.SLO, real_compact_balance: 11_200, real_compact_vol: 200 });
    expect(oms.getAccount('SIM')).toMatchObject({ balance: 1_005_584.23, available: 994_394.94 });
    // bail = 1,005,584.23 + 5600 × 0.7 + (13200 − 13205.13) × 100 % + 0 − 11200 − 13205.13 − 11200 = 973,893.97
    // ratio = (1,005,584.23 + 13200 + 5600) / (13205.13 + 11200) = 1,024,384.23 / 24,405.13
    expect(credit()).toMatchObject({
      balance: 1_024_384.23, market_value: 18_800, enable_bail_balance: 973_893.97, fin_debt: 13_205.13, slo_debt: 11_200,
      total_debt: 24_405.13, slo_sell_balance: 11_200, used_slo_sell_balance: 10.71, surplus_slo_sell_balance: 11_189.29,
      per_assure_scale_value: 102_438_423 / 2_440_513,
    });
    expect(fromEngineState(e)).toEqual({ bail: credit().enable_bail_balance, ratio: credit().per_assure_scale_value });

    // The price falls: 维持担保比例 and the bail follow. (12000 − 13205.13) counts at 100 %.
    at(ex, PF, 12);
    await waitFor(() => credit().market_value === 17_600, 2000, 'figures at 12.00');
    expect(credit()).toMatchObject({ enable_bail_balance: 972_693.97, per_assure_scale_value: 102_318_423 / 2_440_513 });
    expect(fromEngineState(e)).toEqual({ bail: 972_693.97, ratio: 102_318_423 / 2_440_513 });

    // 直接还款 5000: no interest yet, so all of it is F1's principal.
    const repaid = (await dispatcher.dispatch('credit/repay', { gateway: 'SIM', type: '直接还款', amount: 5000 })) as { message: string };
    expect(repaid.message).toBe('直接还款 5000.00 元，剩余融资负债 8205.13 元');
    await waitFor(() => compact('F1')?.real_compact_balance === 8_205.13, 2000, 'F1 after 直接还款');
    const noDebt = await rejection(dispatcher.dispatch('credit/repay', { gateway: 'SIM', type: '直接还券', code: '600000', volume: 100 }));
    expect(noDebt.message).toMatch(/没有未了结的融券负债/);

    // 日终结算, Wed → Thu: F1 8205.13 × 6.5 % / 360 = 1.48; S2 11200 × 8.5 % / 360 = 2.64
    await dispatcher.dispatch('gateway/action', { gateway: 'SIM', action: 'settle-day' });
    await waitFor(() => compact('F1')?.real_compact_fare === 1.48 && compact('S2')?.real_compact_fare === 2.64, 2000, 'interest');
    expect(credit()).toMatchObject({ fin_fee: 1.48, slo_fee: 2.64 });

    // 直接还券 the 100 shares held: S2's interest 2.64 first (from the proceeds), then 100 shares.
    const back = (await dispatcher.dispatch('credit/repay', { gateway: 'SIM', type: '直接还券', code: '601318.SH', volume: 100 })) as { message: string };
    expect(back.message).toBe('直接还券 601318 100 股，剩余未还 100 股');
    await waitFor(() => compact('S2')?.real_compact_vol === 100, 2000, 'S2 after 直接还券');
    expect(compact('S2')).toMatchObject({ real_compact_balance: 5_600, real_compact_fare: 0, repaid_fare: 2.64, repaid_balance: 5_600 });

    // 买券还券 the last 100 @ 56.00: 5600 + 5.00 + 0.06 from the proceeds; S2 closes.
    at(ex, PA, 56);
    await send({ code: PA, direction: '多', volume: 100, price: 56, credit: CreditOrderType.BUY_SECU_REPAY });
    await waitFor(() => compact('S2')?.closed, 2000, 'S2 closed');

    // 卖券还款 1000 @ 13.20: 13200 − 11.73 = 13188.27 pays F1's 1.48 interest and 8205.13 principal.
    at(ex, PF, 13.2);
    await send({ code: PF, direction: '空', volume: 1000, price: 13.2, credit: CreditOrderType.SELL_CASH_REPAY });
    await waitFor(() => compact('F1')?.closed, 2000, 'F1 closed');
    expect(compact('F1')).toMatchObject({ repaid_fare: 1.48, repaid_balance: 13_205.13 });
    // 1,000,000 − 18.34 (融资: fees 5.13 + 11.73, interest 1.48) − 23.47 (融券: fees 10.71 + 5.06 + 5.06, interest 2.64)
    await waitFor(() => credit().total_debt === 0, 2000, 'no debt');
    expect(oms.getAccount('SIM')).toMatchObject({ balance: 999_958.19, available: 999_958.19 });
    expect(credit()).toMatchObject({ balance: 999_958.19, per_assure_scale_value: Infinity, slo_sell_balance: 0, fetch_balance: 999_958.19 });
  });

  it('an ordinary account: the engine and the exchange refuse credit orders', async () => {
    engine = await startEngine(tempVntraderDir());
    const { dispatcher, oms } = engine;
    await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } });
    await waitFor(() => oms.getAccount('SIM'), 2000, 'account');
    const err = await rejection(dispatcher.dispatch('order/send', { code: PF, direction: '多', type: '限价', volume: 100, price: 13.2, credit: '融资买入' }));
    expect(err).toMatchObject({ code: 'NOT_CREDIT_ACCOUNT', message: expect.stringMatching(/^融资买入需要信用账户/) });
    const repay = await rejection(dispatcher.dispatch('credit/repay', { gateway: 'SIM', type: '直接还款', amount: 1 }));
    expect(repay.message).toMatch(/直接还款需要信用账户/);
    expect(oms.getCredit('SIM')).toBeUndefined();
  });
});
