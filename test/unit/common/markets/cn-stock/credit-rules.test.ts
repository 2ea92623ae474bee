/**
 * common/markets/cn-stock/credit-rules.ts: each rule refuses, with its code and words, and lets
 * through the order just inside it. The 融资 and 融券 margin ratios differ (80 % / 120 %), so a
 * rule that takes one for the other refuses or lets through the wrong order.
 */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType } from '../../../../../common/constants';
import { CompactType, CreditLevel, CreditOrderType, type CompactData, type CreditAssetData, type CreditDetail } from '../../../../../common/credit';
import type { AccountData, ContractData, OrderRequest, TickData } from '../../../../../common/objects';
import { checkCreditOrder, type CreditState, directionOfCredit, shortSaleFloor } from '../../../../../common/markets/cn-stock/credit-rules';
import { checkOrderRules } from '../../../../../common/markets/cn-stock/pre-trade';
import { DEFAULT_FEES } from '../../../../../common/markets/cn-stock/fees';
import { buildContract, LISTING } from '../../../../../gateways/sim/contracts-data';
import { makePosition } from '../../../../fixtures/objects';

const PF = buildContract('SIM', LISTING.find((s) => s.symbol === '600000')!); // pre_close 13.20

function detail(over: Partial<CreditDetail> = {}): CreditDetail {
  const d: CreditDetail = {
    gateway_name: 'SIM', accountid: 'c1', vt_accountid: 'SIM.c1', balance: 100_000, available: 100_000, frozen_cash: 0,
    market_value: 0, position_profit: 0, fetch_balance: 100_000, total_debt: 0, enable_bail_balance: 100_000,
    per_assure_scale_value: Infinity, assure_asset: 100_000, fin_debt: 0, fin_deal_avl: 0, fin_fee: 0, slo_debt: 0,
    slo_market_value: 0, slo_fee: 0, fin_max_quota: 50_000, fin_enable_quota: 50_000, fin_used_quota: 0, slo_max_quota: 50_000,
    slo_enable_quota: 50_000, slo_used_quota: 0, slo_sell_balance: 0, used_slo_sell_balance: 0, surplus_slo_sell_balance: 0,
    warning_line: 1.5, close_out_line: 1.3, level: CreditLevel.NORMAL,
  };
  return Object.assign(d, over);
}

function asset(over: Partial<CreditAssetData> = {}): CreditAssetData {
  return Object.assign(
    {
      gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', vt_assetid: 'SIM.600000.SSE',
      fin_status: true, slo_status: true, fin_ratio: 0.8, slo_ratio: 1.2, assure_status: true, assure_ratio: 0.7, enable_amount: 10_000,
    },
    over,
  );
}

function tick(last: number, volume: number): TickData {
  return { last_price: last, volume } as TickData;
}

function slo(vol: number): CompactData {
  return { compact_type: CompactType.SLO, real_compact_vol: vol, closed: false } as CompactData;
}

function req(credit: CreditOrderType, volume: number, price: number, type = OrderType.LIMIT): OrderRequest {
  return { symbol: '600000', exchange: Exchange.SSE, direction: directionOfCredit(credit), type, volume, price, offset: Offset.NONE, reference: 't', credit };
}

function state(over: Partial<CreditState> = {}): CreditState {
  return Object.assign({ credit: detail(), asset: asset(), compacts: [], tick: tick(13.2, 1000) }, over);
}

function code(r: OrderRequest, s: CreditState = state(), c: ContractData = PF): string | undefined {
  return checkCreditOrder(r, c, s)?.code;
}

describe('credit rules', () => {
  it('a cash account refuses every credit order, saying how to get a credit account', () => {
    const v = checkCreditOrder(req(CreditOrderType.FIN_BUY, 100, 13.2), PF, state({ credit: undefined }));
    expect(v).toEqual({ code: 'NOT_CREDIT_ACCOUNT', message: expect.stringMatching(/融资买入需要信用账户.*账户类型“信用”/) });
  });

  it('the direction must match the type', () => {
    expect(code({ ...req(CreditOrderType.FIN_BUY, 100, 13.2), direction: Direction.SHORT })).toBe('CREDIT_DIRECTION');
    expect(code({ ...req(CreditOrderType.SLO_SELL, 100, 13.2), direction: Direction.LONG })).toBe('CREDIT_DIRECTION');
  });

  it('融券卖出 of a code that is not a 融券标的 is refused by its own code, naming the code', () => {
    expect(checkCreditOrder(req(CreditOrderType.SLO_SELL, 100, 13.2), PF, state({ asset: asset({ slo_status: false }) }))).toEqual({
      code: 'NOT_SLO_ELIGIBLE',
      message: `600000 ${PF.name}不是融券标的，不能融券卖出`,
    });
    expect(code(req(CreditOrderType.SLO_SELL, 100, 13.2), state({ asset: undefined }))).toBe('NOT_SLO_ELIGIBLE');
  });

  it('融资买入: eligibility, quota, then 保证金可用余额 × 融资保证金比例', () => {
    expect(checkCreditOrder(req(CreditOrderType.FIN_BUY, 100, 13.2), PF, state({ asset: asset({ fin_status: false }) }))?.message).toMatch(/不是融资标的/);
    expect(code(req(CreditOrderType.FIN_BUY, 100, 13.2), state({ asset: undefined }))).toBe('NOT_FIN_ELIGIBLE');
    // 3800 × 13.20 = 50160 > 50000 quota; 3700 × 13.20 = 48840 fits
    expect(code(req(CreditOrderType.FIN_BUY, 3800, 13.2))).toBe('FIN_QUOTA');
    expect(code(req(CreditOrderType.FIN_BUY, 3700, 13.2))).toBeUndefined();
    // bail 10000 at the 融资 ratio 80 %: 1000 × 13.20 = 13200 needs 10560; 900 × 13.20 = 11880
    // needs 9504 and fits (at the 融券 ratio 120 % it would need 14256 and be refused)
    const poor = state({ credit: detail({ enable_bail_balance: 10_000 }) });
    const v = checkCreditOrder(req(CreditOrderType.FIN_BUY, 1000, 13.2), PF, poor);
    expect(v?.code).toBe('BAIL_BALANCE');
    expect(v?.message).toContain('保证金可用余额不足：融资买入 13200.00 元 × 融资保证金比例 80% 需 10560.00 元，保证金可用余额 10000.00 元');
    expect(code(req(CreditOrderType.FIN_BUY, 900, 13.2), poor)).toBeUndefined();
    // at a 50 % margin ratio the same 13200 needs only 6600
    expect(code(req(CreditOrderType.FIN_BUY, 1000, 13.2), state({ credit: detail({ enable_bail_balance: 10_000 }), asset: asset({ fin_ratio: 0.5 }) }))).toBeUndefined();
  });

  it('融券卖出: eligibility, limit orders only, the price floor, lendable shares, quota, margin', () => {
    expect(checkCreditOrder(req(CreditOrderType.SLO_SELL, 100, 13.2), PF, state({ asset: asset({ slo_status: false }) }))?.message).toMatch(/不是融券标的/);
    expect(code(req(CreditOrderType.SLO_SELL, 100, 13.2, OrderType.BEST5_IOC))).toBe('SLO_LIMIT_ONLY');
    // the latest trade 13.25 is the floor
    expect(code(req(CreditOrderType.SLO_SELL, 100, 13.24), state({ tick: tick(13.25, 500) }))).toBe('SLO_PRICE');
    expect(code(req(CreditOrderType.SLO_SELL, 100, 13.25), state({ tick: tick(13.25, 500) }))).toBeUndefined();
    // before the day's first trade, the previous close (13.20)
    expect(shortSaleFloor(PF, tick(13.25, 0))).toBe(13.2);
    expect(code(req(CreditOrderType.SLO_SELL, 100, 13.19), state({ tick: tick(13.25, 0) }))).toBe('SLO_PRICE');
    expect(code(req(CreditOrderType.SLO_SELL, 100, 13.19), state({ tick: undefined }))).toBe('SLO_PRICE');
    expect(code(req(CreditOrderType.SLO_SELL, 10_100, 13.2))).toBe('SLO_AMOUNT');
    expect(code(req(CreditOrderType.SLO_SELL, 3_800, 13.2), state({ asset: asset({ enable_amount: 100_000 }) }))).toBe('SLO_QUOTA');
    // bail 10000 at the 融券 ratio 120 %: 700 × 13.20 = 9240 needs 11088; 600 × 13.20 = 7920
    // needs 9504 and fits (at the 融资 ratio 80 % the 700 would need 7392 and pass)
    const poor = state({ credit: detail({ enable_bail_balance: 10_000 }) });
    const v = checkCreditOrder(req(CreditOrderType.SLO_SELL, 700, 13.2), PF, poor);
    expect(v?.code).toBe('BAIL_BALANCE');
    expect(v?.message).toContain('保证金可用余额不足：融券卖出 9240.00 元 × 融券保证金比例 120% 需 11088.00 元，保证金可用余额 10000.00 元');
    expect(code(req(CreditOrderType.SLO_SELL, 600, 13.2), poor)).toBeUndefined();
  });

  it('买券还券: needs a short to repay, no more shares than owed, and cash incl. 融券卖出资金', () => {
    expect(code(req(CreditOrderType.BUY_SECU_REPAY, 100, 13.2))).toBe('NO_SLO_DEBT');
    expect(code(req(CreditOrderType.BUY_SECU_REPAY, 100, 13.2), state({ compacts: [{ ...slo(100), closed: true, real_compact_vol: 0 }] }))).toBe('NO_SLO_DEBT');
    expect(code(req(CreditOrderType.BUY_SECU_REPAY, 200, 13.2), state({ compacts: [slo(100)] }))).toBe('SLO_REPAY_VOLUME');
    // 1000 × 13.20 = 13200 > 10000 available + 3000 proceeds; 900 × 13.20 = 11880 fits
    const s = state({ compacts: [slo(600), slo(400)], credit: detail({ available: 10_000, surplus_slo_sell_balance: 3_000 }) });
    expect(code(req(CreditOrderType.BUY_SECU_REPAY, 1_000, 13.2), s)).toBe('CASH');
    expect(code(req(CreditOrderType.BUY_SECU_REPAY, 900, 13.2), s)).toBeUndefined();
  });

  it('卖券还款 needs financing to repay', () => {
    expect(code(req(CreditOrderType.SELL_CASH_REPAY, 100, 13.2))).toBe('NO_FIN_DEBT');
    expect(code(req(CreditOrderType.SELL_CASH_REPAY, 100, 13.2), state({ credit: detail({ fin_debt: 1 }) }))).toBeUndefined();
  });

  it('pre-trade: 融券卖出 is not limited by the holding; 担保品卖出 is', () => {
    const none = { account: undefined, position: undefined, credit: state() };
    expect(checkOrderRules(req(CreditOrderType.SLO_SELL, 100, 13.2), PF, none, DEFAULT_FEES)).toBeNull();
    expect(checkOrderRules(req(CreditOrderType.COLLATERAL_SELL, 100, 13.2), PF, none, DEFAULT_FEES)).toEqual({
      code: 'POSITION', message: '可卖持仓不足：可卖 0 股，委托 100 股',
    });
  });

  it('pre-trade: 担保品买入 pays with the account’s own cash, fees included', () => {
    // 1000 × 13.20 = 13200; commission 13200 × 0.025 % = 3.30 → the 5.00 minimum; transfer fee
    // 13200 × 0.001 % = 0.132 → 0.13: needs 13205.13 of cash
    const account = (available: number): AccountData => ({ gateway_name: 'SIM', accountid: 'c1', vt_accountid: 'SIM.c1', balance: available, frozen: 0, available, market_value: 0 });
    const buy = req(CreditOrderType.COLLATERAL_BUY, 1000, 13.2);
    expect(buy.direction).toBe(Direction.LONG);
    const s = (available: number | undefined) => ({ account: available === undefined ? undefined : account(available), position: undefined, credit: state() });
    expect(checkOrderRules(buy, PF, s(13_205.13), DEFAULT_FEES)).toBeNull();
    expect(checkOrderRules(buy, PF, s(13_205.12), DEFAULT_FEES)).toEqual({
      code: 'CASH', message: '可用资金不足：需要 13205.13 元（含预估费用），可用 13205.12 元',
    });
    // not from 保证金可用余额: plenty of that does not pay for it
    expect(checkOrderRules(buy, PF, { ...s(13_205.12), credit: state({ credit: detail({ enable_bail_balance: 1e9 }) }) }, DEFAULT_FEES)?.code).toBe('CASH');
    expect(checkOrderRules(buy, PF, s(undefined), DEFAULT_FEES)?.code).toBe('NO_ACCOUNT');
  });
});

describe('credit rules at their edges', () => {
  it('an ordinary order is no credit order: nothing to check', () => {
    const plain: OrderRequest = { ...req(CreditOrderType.FIN_BUY, 100, 13.2), credit: undefined };
    expect(checkCreditOrder(plain, PF, state())).toBeNull();
    expect(checkCreditOrder({ ...plain, direction: Direction.SHORT }, PF, state({ credit: undefined }))).toBeNull();
  });

  it('the direction each credit type trades in', () => {
    for (const t of [CreditOrderType.COLLATERAL_BUY, CreditOrderType.FIN_BUY, CreditOrderType.BUY_SECU_REPAY]) expect(directionOfCredit(t)).toBe(Direction.LONG);
    for (const t of [CreditOrderType.COLLATERAL_SELL, CreditOrderType.SLO_SELL, CreditOrderType.SELL_CASH_REPAY]) expect(directionOfCredit(t)).toBe(Direction.SHORT);
  });

  it('担保品买入 and 担保品卖出 pass the credit rules (they are ordinary trades on the credit account)', () => {
    expect(code(req(CreditOrderType.COLLATERAL_BUY, 100, 13.2), state({ asset: undefined }))).toBeUndefined();
    expect(code(req(CreditOrderType.COLLATERAL_SELL, 100, 13.2), state({ asset: undefined }))).toBeUndefined();
  });

  it('a trade without a price (volume 0 or price 0 on the tick) is not the floor: the latest price must be positive too', () => {
    // a tick with volume but no price yet: the previous close is the floor
    expect(shortSaleFloor(PF, tick(0, 500))).toBe(13.2);
    expect(shortSaleFloor(PF, tick(13.25, 500))).toBe(13.25);
  });

  it('an order exactly at a quota, a margin, the lendable shares or the cash is let through', () => {
    // 融资: 1000 × 13.20 = 13200 against a quota of 13200; at 80 % it needs 10560 of 10560
    expect(code(req(CreditOrderType.FIN_BUY, 1000, 13.2), state({ credit: detail({ fin_enable_quota: 13_200, enable_bail_balance: 10_560 }) }))).toBeUndefined();
    expect(code(req(CreditOrderType.FIN_BUY, 1000, 13.2), state({ credit: detail({ fin_enable_quota: 13_199.99 }) }))).toBe('FIN_QUOTA');
    expect(code(req(CreditOrderType.FIN_BUY, 1000, 13.2), state({ credit: detail({ enable_bail_balance: 10_559.99 }) }))).toBe('BAIL_BALANCE');
    // 融券: 1000 lendable, quota 13200; at 120 % it needs 15840 of 15840
    const slo1000 = (over: Partial<CreditDetail>) => state({ asset: asset({ enable_amount: 1_000 }), credit: detail(over) });
    expect(code(req(CreditOrderType.SLO_SELL, 1000, 13.2), slo1000({ slo_enable_quota: 13_200, enable_bail_balance: 15_840 }))).toBeUndefined();
    expect(code(req(CreditOrderType.SLO_SELL, 1100, 13.2), slo1000({}))).toBe('SLO_AMOUNT');
    expect(code(req(CreditOrderType.SLO_SELL, 1000, 13.2), slo1000({ slo_enable_quota: 13_199.99 }))).toBe('SLO_QUOTA');
    expect(code(req(CreditOrderType.SLO_SELL, 1000, 13.2), slo1000({ enable_bail_balance: 15_839.99 }))).toBe('BAIL_BALANCE');
    // 买券还券: all 1000 owed, 13200 of cash exactly (10000 + 3200 proceeds)
    const owe = (over: Partial<CreditDetail>) => state({ compacts: [slo(1_000)], credit: detail({ available: 10_000, surplus_slo_sell_balance: 3_200, ...over }) });
    expect(code(req(CreditOrderType.BUY_SECU_REPAY, 1000, 13.2), owe({}))).toBeUndefined();
    expect(code(req(CreditOrderType.BUY_SECU_REPAY, 1000, 13.2), owe({ surplus_slo_sell_balance: 3_199.99 }))).toBe('CASH');
  });

  it('买券还券 counts only the open 融券 compacts: a 融资 compact owes no shares', () => {
    const fin = { ...slo(500), compact_type: CompactType.FIN };
    expect(code(req(CreditOrderType.BUY_SECU_REPAY, 100, 13.2), state({ compacts: [fin] }))).toBe('NO_SLO_DEBT');
    expect(code(req(CreditOrderType.BUY_SECU_REPAY, 400, 13.2), state({ compacts: [fin, slo(300)] }))).toBe('SLO_REPAY_VOLUME');
  });

  it('every refusal names its figures', () => {
    const msg = (r: OrderRequest, s: CreditState = state()) => checkCreditOrder(r, PF, s)?.message;
    expect(msg({ ...req(CreditOrderType.FIN_BUY, 100, 13.2), direction: Direction.SHORT })).toBe('融资买入的方向应为买入');
    expect(msg({ ...req(CreditOrderType.SLO_SELL, 100, 13.2), direction: Direction.LONG })).toBe('融券卖出的方向应为卖出');
    expect(msg(req(CreditOrderType.FIN_BUY, 100, 13.2), state({ asset: undefined }))).toBe(`600000 ${PF.name}不是融资标的，不能融资买入`);
    expect(msg(req(CreditOrderType.SLO_SELL, 100, 13.2), state({ asset: undefined }))).toBe(`600000 ${PF.name}不是融券标的，不能融券卖出`);
    expect(msg(req(CreditOrderType.FIN_BUY, 3800, 13.2))).toBe('融资可用额度不足：需要 50160.00 元，可用 50000.00 元');
    expect(msg(req(CreditOrderType.SLO_SELL, 100, 13.2, OrderType.BEST5_IOC))).toBe('融券卖出只能以限价委托');
    expect(msg(req(CreditOrderType.SLO_SELL, 100, 13.24), state({ tick: tick(13.25, 500) }))).toBe('融券卖出价格不得低于最新成交价 13.25（当日无成交时为前收盘价），当前为 13.24');
    expect(msg(req(CreditOrderType.SLO_SELL, 10_100, 13.2))).toBe('可融券数量不足：600000 可融 10000 股，委托 10100 股');
    expect(msg(req(CreditOrderType.SLO_SELL, 3_800, 13.2), state({ asset: asset({ enable_amount: 100_000 }) }))).toBe('融券可用额度不足：需要 50160.00 元，可用 50000.00 元');
    expect(msg(req(CreditOrderType.BUY_SECU_REPAY, 100, 13.2))).toBe('600000 没有未了结的融券负债，无需买券还券');
    expect(msg(req(CreditOrderType.BUY_SECU_REPAY, 200, 13.2), state({ compacts: [slo(100)] }))).toBe('买券还券数量超过未还融券数量：600000 未还 100 股，委托 200 股');
    expect(msg(req(CreditOrderType.BUY_SECU_REPAY, 1_000, 13.2), state({ compacts: [slo(1_000)], credit: detail({ available: 10_000, surplus_slo_sell_balance: 3_000 }) }))).toBe(
      '买券还券资金不足：需要 13200.00 元，可用资金与剩余融券卖出资金合计 13000.00 元',
    );
    expect(msg(req(CreditOrderType.SELL_CASH_REPAY, 100, 13.2))).toBe('没有未了结的融资负债，请用担保品卖出');
    expect(checkCreditOrder(req(CreditOrderType.FIN_BUY, 100, 13.2), { ...PF, gateway_name: 'XTP1' }, state({ credit: undefined }))?.message).toBe(
      '融资买入需要信用账户：接口 XTP1 不是信用账户（在“连接”设置中选择账户类型“信用”）',
    );
  });
});

describe('pre-trade of credit orders', () => {
  const account = (available: number): AccountData => ({ gateway_name: 'SIM', accountid: 'c1', vt_accountid: 'SIM.c1', balance: available, frozen: 0, available, market_value: 0 });

  it('融资买入 draws on the credit line: no cash needed; 担保品买入 needs the cash', () => {
    const s = { account: account(0), position: undefined, credit: state() };
    expect(checkOrderRules(req(CreditOrderType.FIN_BUY, 1000, 13.2), PF, s, DEFAULT_FEES)).toBeNull();
    expect(checkOrderRules(req(CreditOrderType.COLLATERAL_BUY, 1000, 13.2), PF, s, DEFAULT_FEES)?.code).toBe('CASH');
  });

  it('a credit order checked without any credit state is refused as not from a credit account', () => {
    expect(checkOrderRules(req(CreditOrderType.FIN_BUY, 100, 13.2), PF, { account: account(1e6), position: undefined }, DEFAULT_FEES)?.code).toBe('NOT_CREDIT_ACCOUNT');
  });

  it('融券卖出 follows the buy lots (borrowed shares come in whole lots), and the exchange rules still apply', () => {
    const none = { account: undefined, position: undefined, credit: state() };
    expect(checkOrderRules(req(CreditOrderType.SLO_SELL, 150, 13.2), PF, none, DEFAULT_FEES)?.code).toBe('LOT_SIZE');
    expect(checkOrderRules(req(CreditOrderType.SLO_SELL, 100, 13.205), PF, none, DEFAULT_FEES)?.code).toBe('PRICE_TICK');
    expect(checkOrderRules(req(CreditOrderType.SLO_SELL, 0, 13.2), PF, none, DEFAULT_FEES)?.code).toBe('VOLUME_INVALID');
  });

  it('卖券还款 sells from the holding like any sell, then needs the financing debt', () => {
    const held = { account: undefined, position: makePosition({ volume: 500, yd_volume: 500 }), credit: state({ credit: detail({ fin_debt: 100 }) }) };
    expect(checkOrderRules(req(CreditOrderType.SELL_CASH_REPAY, 500, 13.2), PF, held, DEFAULT_FEES)).toBeNull();
    expect(checkOrderRules(req(CreditOrderType.SELL_CASH_REPAY, 600, 13.2), PF, held, DEFAULT_FEES)?.code).toBe('POSITION');
    expect(checkOrderRules(req(CreditOrderType.SELL_CASH_REPAY, 500, 13.2), PF, { ...held, credit: state() }, DEFAULT_FEES)?.code).toBe('NO_FIN_DEBT');
  });
});
