/**
 * Ptrade's margin API in the worker, with the engine faked at the worker protocol: the
 * messages the functions send are what the engine would get. Each documented rule: the
 * limit_price / market_type combinations, market_type per exchange, SSE's protection price,
 * null with the reason logged (never a throw), the id at once, and get_margin_assert's
 * fields computed by hand from a CreditDetail and its compacts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Direction, Exchange, LogLevel, OrderType } from '../../../../common/constants';
import { CompactType, CreditLevel, CreditOrderType, type CompactData } from '../../../../common/credit';
import type { FromWorker, CreditUpdate } from '../../../../apps/strategy-manager/engine/protocol';
import { CreditMirror } from '../../../../apps/strategy-manager/engine/runtime/credit-mirror';
import { DailyScheduler } from '../../../../apps/strategy-manager/engine/runtime/daily-scheduler';
import { choosePrice } from '../../../../apps/strategy-manager/engine/runtime/margin-api';
import { OrderMirror } from '../../../../apps/strategy-manager/engine/runtime/order-mirror';
import { PortfolioMirror } from '../../../../apps/strategy-manager/engine/runtime/portfolio-mirror';
import { buildApi, type ApiHost, type ScheduledJob } from '../../../../apps/strategy-manager/engine/runtime/strategy-api';

type OrderMsg = Extract<FromWorker, { t: 'order' }>;
type Fn = (...args: unknown[]) => unknown;

function detail(over: Partial<CreditUpdate> = {}): CreditUpdate {
  const base: CreditUpdate = {
    gateway_name: 'SIM', accountid: 'sim001', vt_accountid: 'SIM.sim001',
    balance: 1_000_000, available: 1_000_000, frozen_cash: 0, market_value: 0, position_profit: 0, fetch_balance: 1_000_000,
    total_debt: 0, enable_bail_balance: 1_000_000, per_assure_scale_value: null, assure_asset: 1_000_000,
    fin_debt: 0, fin_deal_avl: 0, fin_fee: 0, slo_debt: 0, slo_market_value: 0, slo_fee: 0,
    fin_max_quota: 1_000_000, fin_enable_quota: 1_000_000, fin_used_quota: 0,
    slo_max_quota: 1_000_000, slo_enable_quota: 1_000_000, slo_used_quota: 0,
    slo_sell_balance: 0, used_slo_sell_balance: 0, surplus_slo_sell_balance: 0,
    warning_line: 1.5, close_out_line: 1.3, level: CreditLevel.NORMAL,
  };
  return Object.assign(base, over);
}

function compact(id: string, type: CompactType, vt: string, vol: number, balance: number, fare: number, closed = false): CompactData {
  const [symbol, exchange] = vt.split('.') as [string, Exchange];
  return {
    gateway_name: 'SIM', accountid: 'sim001', compact_id: id, vt_compactid: `SIM.${id}`, compact_type: type, symbol, exchange, vt_symbol: vt,
    open_date: '2026-01-05', ret_end_date: '2026-07-05', business_vol: vol, real_compact_vol: closed ? 0 : vol, business_balance: balance,
    business_fare: fare, real_compact_balance: closed ? 0 : balance, real_compact_fare: closed ? 0 : fare, repaid_fare: 0, repaid_balance: 0,
    rate: type === CompactType.FIN ? 0.065 : 0.085, closed,
  };
}

interface Rig {
  api: Record<string, unknown>;
  sent: FromWorker[];
  credit: CreditMirror;
  orders: OrderMirror;
  latest: Map<string, number>;
  call(name: string, ...args: unknown[]): unknown;
  orderMsgs(): OrderMsg[];
  errors(): string[];
}

function rig(): Rig {
  const sent: FromWorker[] = [];
  const credit = new CreditMirror();
  credit.detail = detail();
  const orders = new OrderMirror();
  const latest = new Map<string, number>([['600030.SSE', 28.5], ['000001.SZSE', 11.52], ['600570.SSE', 46.2]]);
  const host: ApiHost = {
    now: () => 1_700_000_000_000,
    send: (m) => sent.push(m),
    initializing: () => false,
    scheduler: new DailyScheduler<ScheduledJob>(0, 60_000),
    orders,
    credit,
    latestPrice: (vt) => latest.get(vt),
    codeOf: (vt) => vt,
    setCodeStyle: () => undefined,
    syncWait: () => undefined,
  };
  const api = buildApi(host, 'run') as Record<string, unknown>;
  return {
    api,
    sent,
    credit,
    orders,
    latest,
    call: (name, ...args) => (api[name] as Fn)(...args),
    orderMsgs: () => sent.filter((m): m is OrderMsg => m.t === 'order'),
    errors: () => sent.flatMap((m) => (m.t === 'log' && m.level === LogLevel.ERROR ? [m.msg] : [])),
  };
}

let r: Rig;
beforeEach(() => {
  r = rig();
});

describe('limit_price and market_type (Ptrade 注意事项 1 and 2)', () => {
  it('neither: a limit order at the latest price', () => {
    const id = r.call('margincash_open', '600030.SS', 100);
    expect(r.orderMsgs()).toEqual([{ t: 'order', oid: id, code: '600030.SSE', volume: 100, price: 28.5, type: OrderType.LIMIT, direction: Direction.LONG, credit: CreditOrderType.FIN_BUY }]);
  });

  it('neither, with no latest price known: null and the reason logged', () => {
    expect(r.call('margincash_open', '600519.SS', 100)).toBeNull();
    expect(r.orderMsgs()).toEqual([]);
    expect(r.errors()).toEqual([expect.stringMatching(/^margincash_open\(600519\.SS, 100\) 未委托：.*最新价.*subscribe/)]);
  });

  it('limit_price only: a limit order at that price', () => {
    r.call('margin_trade', '600570.SS', 100, 46);
    expect(r.orderMsgs()[0]).toMatchObject({ type: OrderType.LIMIT, price: 46, credit: CreditOrderType.COLLATERAL_BUY });
  });

  it('both: a market order with limit_price as the protection price', () => {
    r.call('margin_trade', '600570.SS', 100, 46, 1);
    expect(r.orderMsgs()[0]).toMatchObject({ type: OrderType.BEST5_TO_LIMIT, price: 46 });
    r.call('margin_trade', '000001.SZ', 100, 11.6, 5);
    expect(r.orderMsgs()[1]).toMatchObject({ type: OrderType.FOK, price: 11.6 });
  });

  it('market_type only: a market order on SZSE, an error on SSE (protection price required)', () => {
    const id = r.call('margin_trade', '000001.SZ', 100, null, 5);
    expect(typeof id).toBe('string');
    expect(r.orderMsgs()).toEqual([expect.objectContaining({ code: '000001.SZSE', type: OrderType.FOK, price: 0 })]);
    expect(r.call('margin_trade', '600570.SS', 100, undefined, 1)).toBeNull();
    expect(r.orderMsgs()).toHaveLength(1);
    expect(r.errors()).toEqual([expect.stringMatching(/上证股票市价委托（market_type=1）必须传入 limit_price 作为保护限价/)]);
  });

  it('Python keywords as an object work the same', () => {
    r.call('margincash_open', '600570.SS', 100, { limit_price: 46, market_type: 4 });
    r.call('margincash_open', '000001.SZ', 100, { market_type: 3 });
    r.call('margincash_open', '600570.SS', 100, { limit_price: 45.5 });
    r.call('margincash_open', '600570.SS', 100, {});
    expect(r.orderMsgs().map((m) => [m.type, m.price])).toEqual([
      [OrderType.BEST5_IOC, 46], [OrderType.IOC, 0], [OrderType.LIMIT, 45.5], [OrderType.LIMIT, 46.2],
    ]);
  });

  it('accepts exactly SSE 0, 1, 2, 4 and SZSE 0, 2, 3, 4, 5', () => {
    const valid = (code: string, protect: number): number[] =>
      [0, 1, 2, 3, 4, 5].filter((mt) => r.call('margin_trade', code, 100, protect, mt) !== null);
    expect(valid('600570.SS', 46)).toEqual([0, 1, 2, 4]);
    expect(valid('000001.SZ', 11.6)).toEqual([0, 2, 3, 4, 5]);
    expect(r.errors()).toEqual([
      expect.stringMatching(/上证股票的 market_type 只能为 0、1、2、4，当前为 3/),
      expect.stringMatching(/上证股票的 market_type 只能为 0、1、2、4，当前为 5/),
      expect.stringMatching(/深证股票的 market_type 只能为 0、2、3、4、5，当前为 1/),
    ]);
  });

  it('anything else as market_type is a clear error, not an order', () => {
    for (const bad of [6, -1, 1.5, '1', Number.NaN]) expect(r.call('margin_trade', '000001.SZ', 100, 11.6, bad)).toBeNull();
    expect(r.orderMsgs()).toEqual([]);
    expect(r.errors()).toHaveLength(5);
    for (const e of r.errors()) expect(e).toMatch(/market_type 应为 0–5 的整数/);
  });

  it('a bad limit_price is an error', () => {
    for (const bad of [0, -46, Number.POSITIVE_INFINITY, '46']) expect(r.call('margin_trade', '600570.SS', 100, bad)).toBeNull();
    expect(r.errors()).toHaveLength(4);
    for (const e of r.errors()) expect(e).toMatch(/limit_price 应为正数/);
  });

  it('choosePrice agrees on BSE (as SZSE) and leaves no protection price on a bare SZSE market order', () => {
    expect(choosePrice(Exchange.BSE, undefined, 3, undefined)).toEqual({ ok: true, type: OrderType.IOC, price: 0 });
    expect(choosePrice(Exchange.BSE, 9, 1, undefined)).toMatchObject({ ok: false });
  });
});

describe('each function is its credit order type', () => {
  it('maps to 担保品买入/卖出, 融资买入, 卖券还款, 融券卖出, 买券还券 with their directions', () => {
    r.call('margin_trade', '600030.SS', 200);
    r.call('margin_trade', '600030.SS', -200);
    r.call('margincash_open', '600030.SS', 300);
    r.call('margincash_close', '600030.SS', 300);
    r.call('marginsec_open', '600030.SS', 400);
    r.call('marginsec_close', '600030.SS', 400);
    expect(r.orderMsgs().map((m) => [m.credit, m.direction, m.volume])).toEqual([
      [CreditOrderType.COLLATERAL_BUY, Direction.LONG, 200],
      [CreditOrderType.COLLATERAL_SELL, Direction.SHORT, 200],
      [CreditOrderType.FIN_BUY, Direction.LONG, 300],
      [CreditOrderType.SELL_CASH_REPAY, Direction.SHORT, 300],
      [CreditOrderType.SLO_SELL, Direction.SHORT, 400],
      [CreditOrderType.BUY_SECU_REPAY, Direction.LONG, 400],
    ]);
    expect(r.errors()).toEqual([]);
  });

  it('融券卖出 takes no market_type (a limit order no lower than the latest price)', () => {
    expect(r.call('marginsec_open', '000001.SZ', 100, 11.6, 0)).toBeNull();
    expect(r.call('marginsec_open', '000001.SZ', 100, { market_type: 3 })).toBeNull();
    expect(r.errors()).toEqual([expect.stringMatching(/融券卖出只能限价委托/), expect.stringMatching(/融券卖出只能限价委托/)]);
    expect(r.call('marginsec_open', '000001.SZ', 100, 11.6)).not.toBeNull();
  });

  it('amount: a positive integer (margin_trade: non-zero, the sign is the side)', () => {
    const bad: [string, unknown][] = [
      ['margincash_open', 0], ['margincash_open', -100], ['margincash_close', 1.5], ['marginsec_open', '100'], ['marginsec_close', undefined],
      ['margin_trade', 0], ['margin_trade', 0.5],
    ];
    for (const [fn, amount] of bad) expect(r.call(fn, '600030.SS', amount)).toBeNull();
    expect(r.orderMsgs()).toEqual([]);
    expect(r.errors()).toHaveLength(bad.length);
    expect(r.errors()[1]).toMatch(/^margincash_open\(600030\.SS, -100\) 未委托：amount 应为正整数/);
    expect(r.errors()[5]).toMatch(/^margin_trade\(600030\.SS, 0\) 未委托：amount 应为非零整数/);
  });

  it('codes in every form', () => {
    for (const code of ['600030.SS', '600030.SH', '600030.XSHG', 'SH600030', 'sh.600030', 'SHSE.600030', '600030', '600030.SSE']) r.call('margincash_open', code, 100);
    expect(new Set(r.orderMsgs().map((m) => m.code))).toEqual(new Set(['600030.SSE']));
    expect(r.orderMsgs()).toHaveLength(8);
  });

  it('a code it cannot read, or a cash account: null with the reason logged, never a throw', () => {
    expect(r.call('margincash_open', 'XYZ', 100)).toBeNull();
    expect(r.call('margincash_open', undefined, 100)).toBeNull();
    r.credit.detail = undefined;
    expect(r.call('margin_trade', '600030.SS', 100)).toBeNull();
    expect(r.call('margincash_direct_refund', 100)).toBeNull();
    expect(r.call('get_margin_assert')).toBeNull();
    expect(r.sent.filter((m) => m.t !== 'log')).toEqual([]);
    const errors = r.errors();
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(/无法识别的证券代码“XYZ”/);
    expect(errors[2]).toMatch(/不是信用账户/);
    expect(errors[4]).toMatch(/^get_margin_assert\(\) 未委托：当前接口不是信用账户/);
  });
});

describe('ids', () => {
  it('returns the id at once: the order is in get_orders as "new" before the engine answers, ids shared with order()', () => {
    const a = r.call('order', '600030.SS', 100, (r.api.LimitOrderStyle as Fn)(28.5)) as string;
    const b = r.call('margincash_open', '600030.SS', 100) as string;
    const c = r.call('marginsec_close', '600030.SS', 100, 28.4) as string;
    expect([a, b, c]).toEqual(['run-1', 'run-2', 'run-3']);
    expect(r.orderMsgs().map((m) => m.oid)).toEqual([a, b, c]);
    const got = (r.api.get_orders as Fn)(b) as { status: string; credit?: string; action: string; amount: number; price: number; style: unknown }[];
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ status: 'new', credit: CreditOrderType.FIN_BUY, action: 'open', amount: 100, price: 28.5, style: { kind: 'limit', price: 28.5 } });
    expect(r.orders.get(c)).toMatchObject({ credit: CreditOrderType.BUY_SECU_REPAY, price: 28.4 });
    expect(r.orders.get(a)!.credit).toBeUndefined();
  });

  it('a market order\'s style carries Ptrade\'s market_type and the protection price', () => {
    const id = r.call('margincash_close', '600570.SS', 100, 45, 2) as string;
    expect(r.orders.get(id)).toMatchObject({ style: { kind: 'market', market_type: 2, limit_price: 45 }, action: 'close' });
  });
});

describe('margincash_direct_refund', () => {
  it('sends 直接还款 in cents and returns null (Ptrade returns None)', () => {
    expect(r.call('margincash_direct_refund', 13061.134999)).toBeNull();
    expect(r.sent).toEqual([{ t: 'repay', amount: 13061.13 }]);
  });

  it('refuses a value that is not a positive amount', () => {
    for (const bad of [0, -5, Number.NaN, '100', 0.004]) expect(r.call('margincash_direct_refund', bad)).toBeNull();
    expect(r.sent.filter((m) => m.t === 'repay')).toEqual([]);
    expect(r.errors()).toHaveLength(5);
  });
});

describe('get_margin_assert', () => {
  it('maps CreditDetail and the open compacts to Ptrade\'s fields', () => {
    // An account worked by hand: cash 500,000.00; 2,000 × 600030 at 30.00 financed in two
    // compacts; 1,000 × 000001 sold short at 11.50, now 12.00.
    r.credit.detail = detail({
      balance: 560_000, available: 488_500.25, market_value: 60_000, total_debt: 84_012.35,
      enable_bail_balance: 402_345.67, per_assure_scale_value: 560_000 / 84_012.35, assure_asset: 560_000 - 84_012.35,
      fin_debt: 72_004.35, fin_deal_avl: 72_000.1, fin_fee: 4.25, slo_debt: 12_008, slo_market_value: 12_000, slo_fee: 8,
      fin_max_quota: 1_000_000, fin_enable_quota: 927_999.9, fin_used_quota: 72_000.1,
      slo_max_quota: 500_000, slo_enable_quota: 488_500, slo_used_quota: 11_500,
      slo_sell_balance: 11_500, used_slo_sell_balance: 1_000, surplus_slo_sell_balance: 10_500,
    });
    r.credit.setAll([
      compact('F1', CompactType.FIN, '600030.SSE', 1000, 30_000.05, 1.5),
      compact('F2', CompactType.FIN, '600030.SSE', 1400, 42_000.05, 2.75),
      compact('F0', CompactType.FIN, '600030.SSE', 500, 15_000, 3, true),
      compact('S1', CompactType.SLO, '000001.SZSE', 1000, 11_500, 8),
    ]);
    r.credit.setCompact(compact('F2', CompactType.FIN, '600030.SSE', 1400, 42_000.05, 2.75)); // an update replaces, not adds
    const m = r.call('get_margin_assert') as Record<string, number> & { get(k: string): number };
    expect({ ...m }).toEqual({
      assure_asset: 560_000, // 总资产 (CreditDetail.balance), not CreditDetail.assure_asset (净资产)
      total_debit: 84_012.35,
      enable_bail_balance: 402_345.67,
      assure_enbuy_balance: 488_500.25,
      fin_enrepaid_balance: 488_500.25,
      fin_max_quota: 1_000_000,
      fin_enable_quota: 927_999.9,
      fin_used_quota: 72_000.1,
      fin_compact_balance: 72_000.1, // 30,000.05 + 42,000.05; the closed F0 is gone
      fin_compact_fare: 0,
      fin_compact_interest: 4.25, // 1.50 + 2.75
      slo_max_quota: 500_000,
      slo_enable_quota: 488_500,
      slo_used_quota: 11_500,
      slo_compact_balance: 11_500,
      slo_compact_fare: 0,
      slo_compact_interest: 8,
      slo_market_value: 12_000,
      slo_sell_balance: 10_500,
      net_asset: 475_987.65,
      per_assurescale_value: 560_000 / 84_012.35,
    });
    expect(m.get('fin_compact_balance')).toBe(72_000.1);
    expect(Object.keys(m)).not.toContain('get');
    expect(r.sent).toEqual([]);
  });

  it('without debt 维持担保比例 is Infinity (JSON carried it as null)', () => {
    expect((r.call('get_margin_assert') as { per_assurescale_value: number }).per_assurescale_value).toBe(Infinity);
  });

  it('short_positions shows the unreturned 融券 shares from the compacts', () => {
    r.credit.setAll([
      compact('S1', CompactType.SLO, '000001.SZSE', 1000, 11_500, 8),
      compact('S2', CompactType.SLO, '000001.SZSE', 500, 5_800, 0),
      compact('F1', CompactType.FIN, '600030.SSE', 1000, 30_000, 0),
    ]);
    const p = new PortfolioMirror((vt) => vt.replace('.SZSE', '.XSHE'), { shorts: () => r.credit.shorts(), lastPrice: (vt) => r.latest.get(vt) });
    const s = p.portfolio.short_positions;
    expect(Object.keys(s)).toEqual(['000001.XSHE']);
    expect(s['000001.SZ']).toEqual({
      code: '000001.XSHE', amount: 1500, locked_amount: 0, available_amount: 1500, avg_cost: 11.533333333333333, hold_cost: 17_300,
      side: 'short', last_price: 11.52, position_value: 17_280,
    });
    expect('600030.SS' in s).toBe(false);
    expect(s['600030.SS']!.amount).toBe(0);
    expect(new PortfolioMirror((vt) => vt).portfolio.short_positions).toEqual({});
  });
});
