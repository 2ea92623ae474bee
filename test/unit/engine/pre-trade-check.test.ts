import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../common/constants';
import type { OrderRequest } from '../../../common/objects';
import { EventBus } from '../../../electron/engine/event-bus';
import type { EngineEvents } from '../../../electron/engine/engine-events';
import { OrderManagementSystem } from '../../../electron/engine/oms';
import { PreTradeCheck } from '../../../electron/engine/risk/pre-trade-check';
import { DEFAULT_RISK_SETTINGS } from '../../../electron/engine/risk/risk-settings';
import { estimateBuyCost } from '../../../common/markets/cn-stock/account-rules';
import { DEFAULT_FEES } from '../../../common/markets/cn-stock/fees';
import { makeContract } from '../../fixtures/contracts';
import { RB2701 } from '../../fixtures/futures-contracts';
import { makeAccount, makeOrder, makePosition, makeTrade } from '../../fixtures/objects';
import { CreditLevel, CreditOrderType, type CreditAssetData, type CreditDetail } from '../../../common/credit';

const contract = { ...makeContract('600000', Exchange.SSE, 10), gateway_name: 'TEST' };

function req(over: Partial<OrderRequest>): OrderRequest {
  return { symbol: '600000', exchange: Exchange.SSE, direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: 10, offset: Offset.NONE, reference: 't', ...over };
}

function setup(cash = 100_000) {
  const bus = new EventBus<EngineEvents>();
  const oms = new OrderManagementSystem(bus);
  let now = 0;
  const check = new PreTradeCheck(oms, () => now);
  bus.emit('account', makeAccount(cash));
  return { bus, oms, check, setNow: (t: number) => (now = t) };
}

function creditDetail(over: Partial<CreditDetail>): CreditDetail {
  return {
    gateway_name: 'TEST', accountid: 'c1', vt_accountid: 'TEST.c1', balance: 100_000, available: 100_000, frozen_cash: 0,
    market_value: 0, position_profit: 0, fetch_balance: 100_000, total_debt: 0, enable_bail_balance: 100_000,
    per_assure_scale_value: Infinity, assure_asset: 100_000, fin_debt: 0, fin_deal_avl: 0, fin_fee: 0, slo_debt: 0,
    slo_market_value: 0, slo_fee: 0, fin_max_quota: 50_000, fin_enable_quota: 50_000, fin_used_quota: 0, slo_max_quota: 50_000,
    slo_enable_quota: 50_000, slo_used_quota: 0, slo_sell_balance: 0, used_slo_sell_balance: 0, surplus_slo_sell_balance: 0,
    warning_line: 1.5, close_out_line: 1.3, level: CreditLevel.NORMAL,
    ...over,
  };
}

function creditAsset(): CreditAssetData {
  return {
    gateway_name: 'TEST', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', vt_assetid: 'TEST.600000.SSE',
    fin_status: true, slo_status: true, fin_ratio: 0.8, slo_ratio: 1.2, assure_status: true, assure_ratio: 0.7, enable_amount: 10_000,
  };
}

describe('PreTradeCheck', () => {
  it('passes a valid buy', () => {
    expect(setup().check.check(req({}), contract, 'TEST')).toBeNull();
  });

  it('needs cash for the amount plus estimated fees', () => {
    // 100 @ 10.00 = 1000 + commission 5.00 + transfer 0.01 = 1005.01
    expect(setup(1005.01).check.check(req({}), contract, 'TEST')).toBeNull();
    const v = setup(1005).check.check(req({}), contract, 'TEST');
    expect(v?.code).toBe('CASH');
    expect(v?.message).toBe('可用资金不足：需要 1005.01 元（含预估费用），可用 1005.00 元');
  });

  it('refuses a same-day sell under T+1 and says why', () => {
    const { bus, check } = setup();
    bus.emit('position', makePosition({ volume: 100, yd_volume: 0, price: 10 }));
    const v = check.check(req({ direction: Direction.SHORT }), contract, 'TEST');
    expect(v?.code).toBe('POSITION');
    expect(v?.message).toMatch(/可卖 0 股.*今日买入的 100 股按 T\+1 规则下一交易日才可卖出/);
  });

  it('lets a T+0 product sell what it bought today', () => {
    const { bus, check } = setup();
    bus.emit('position', makePosition({ volume: 100, yd_volume: 0, price: 10 }));
    expect(check.check(req({ direction: Direction.SHORT }), { ...contract, t0: true }, 'TEST')).toBeNull();
  });

  it('counts shares frozen by working sells as unavailable', () => {
    const { bus, check } = setup();
    bus.emit('position', makePosition({ volume: 500, yd_volume: 500, frozen: 400, price: 10 }));
    expect(check.check(req({ direction: Direction.SHORT, volume: 200 }), contract, 'TEST')?.code).toBe('POSITION');
    expect(check.check(req({ direction: Direction.SHORT, volume: 100 }), contract, 'TEST')).toBeNull();
  });

  it('applies the odd-lot rule against the sellable holding', () => {
    const { bus, check } = setup();
    bus.emit('position', makePosition({ volume: 150, yd_volume: 150, price: 10 }));
    expect(check.check(req({ direction: Direction.SHORT, volume: 50 }), contract, 'TEST')).toBeNull();
    expect(check.check(req({ direction: Direction.SHORT, volume: 20 }), contract, 'TEST')?.code).toBe('ODD_LOT');
  });

  it('rejects a buy of 150 on the main board', () => {
    expect(setup().check.check(req({ volume: 150 }), contract, 'TEST')?.code).toBe('LOT_SIZE');
  });

  it('applies the vt_setting order-size limit', () => {
    const { check } = setup(1e9);
    check.configure({ ...DEFAULT_RISK_SETTINGS, orderSizeLimit: 1000 });
    expect(check.check(req({ volume: 1000 }), contract, 'TEST')).toBeNull();
    expect(check.check(req({ volume: 1100 }), contract, 'TEST')).toEqual({
      code: 'RISK_ORDER_SIZE',
      message: '风控：单笔委托数量 1100 超过上限 1000（vt_setting.json 的 risk.order_size_limit）',
    });
    check.configure({ ...DEFAULT_RISK_SETTINGS, active: false, orderSizeLimit: 1000 });
    expect(check.check(req({ volume: 1100 }), contract, 'TEST')).toBeNull();
  });

  it('applies the vt_setting order-rate limit', () => {
    const { check, setNow } = setup(1e9);
    check.configure({ ...DEFAULT_RISK_SETTINGS, orderFlowLimit: 2, orderFlowClearSeconds: 1 });
    for (let i = 0; i < 2; i++) {
      expect(check.check(req({}), contract, 'TEST')).toBeNull();
      check.recordSent();
    }
    expect(check.check(req({}), contract, 'TEST')).toEqual({ code: 'RISK_ORDER_FLOW', message: '风控：1 秒内委托已达 2 笔上限（risk.order_flow_limit）' });
    // the window is orderFlowClearSeconds long, in seconds: still full 999 ms later
    setNow(999);
    expect(check.check(req({}), contract, 'TEST')?.code).toBe('RISK_ORDER_FLOW');
    setNow(1000);
    expect(check.check(req({}), contract, 'TEST')).toBeNull();
  });

  it('without vt_setting, allows 50 orders a second (the default order-rate limit)', () => {
    const { check, setNow } = setup(1e9);
    for (let i = 0; i < DEFAULT_RISK_SETTINGS.orderFlowLimit; i++) {
      expect(check.check(req({}), contract, 'TEST')).toBeNull();
      check.recordSent();
    }
    setNow(999);
    expect(check.check(req({}), contract, 'TEST')?.code).toBe('RISK_ORDER_FLOW');
    setNow(1000);
    expect(check.check(req({}), contract, 'TEST')).toBeNull();
  });

  it('applies the active-order limit', () => {
    const { bus, check } = setup(1e9);
    check.configure({ ...DEFAULT_RISK_SETTINGS, activeOrderLimit: 1 });
    bus.emit('order', makeOrder({ orderid: '1', status: Status.NOTTRADED }));
    expect(check.check(req({}), contract, 'TEST')).toEqual({ code: 'RISK_ACTIVE_ORDERS', message: '风控：活动委托 1 笔，已达上限 1（risk.active_order_limit）' });
  });

  it('estimates the cash a buy needs with the gateway’s own fee schedule when it declares one', () => {
    // 100 @ 10.00: default fees 5.00 + 0.01 → 1005.01; a counter charging 0.3 % with a 6 yuan minimum → 1006.01
    const dearer = { ...DEFAULT_FEES, commissionRate: 0.003, minCommission: 6 };
    const { check } = setup(1005.01);
    expect(check.check(req({}), contract, 'TEST')).toBeNull();
    expect(check.check(req({}), contract, 'TEST', dearer)).toEqual({ code: 'CASH', message: '可用资金不足：需要 1006.01 元（含预估费用），可用 1005.01 元' });
    expect(setup(1006.01).check.check(req({}), contract, 'TEST', dearer)).toBeNull();
  });

  it('checks a credit order against the account’s credit figures from the OMS', () => {
    const { bus, check } = setup(0);
    const finBuy = req({ credit: CreditOrderType.FIN_BUY, volume: 1000, price: 10 });
    // no credit account for this gateway yet
    expect(check.check(finBuy, contract, 'TEST')?.code).toBe('NOT_CREDIT_ACCOUNT');
    bus.emit('credit', creditDetail({ fin_enable_quota: 10_000, enable_bail_balance: 8_000 }));
    bus.emit('credit-asset', creditAsset());
    // 10,000 × 80 % = 8,000 of bail: just enough, though the cash account holds nothing
    expect(check.check(finBuy, contract, 'TEST')).toBeNull();
    expect(check.check({ ...finBuy, volume: 1100 }, contract, 'TEST')?.code).toBe('FIN_QUOTA');
  });

  it('prices a market buy without protection price at limit-up for the cash check (SZSE: none needed)', () => {
    // limit-up 11.00 × 100 = 1100 + 5.00 + 0.01
    const szse = { ...makeContract('000001', Exchange.SZSE, 10), gateway_name: 'TEST' };
    const market = { ...req({ type: OrderType.BEST5_IOC, price: 0 }), symbol: '000001', exchange: Exchange.SZSE };
    expect(estimateBuyCost(market, szse, DEFAULT_FEES)).toBe(1105.01);
    expect(setup(1105.01).check.check(market, szse, 'TEST')).toBeNull();
    expect(setup(1105).check.check(market, szse, 'TEST')?.code).toBe('CASH');
  });

  it('refuses an SSE market order without a protection price, whatever the cash', () => {
    const market = req({ type: OrderType.BEST5_IOC, price: 0 });
    expect(setup(1e9).check.check(market, contract, 'TEST')?.code).toBe('PROTECTION_PRICE');
    expect(setup(1e9).check.check({ ...market, price: 11 }, contract, 'TEST')).toBeNull();
  });
});

describe('PreTradeCheck on a futures contract (cn-futures through the OMS)', () => {
  const rb = { symbol: 'rb2701', exchange: Exchange.SHFE, vt_symbol: 'rb2701.SHFE' };
  const order = (over: Partial<OrderRequest>) => req({ symbol: 'rb2701', exchange: Exchange.SHFE, price: 3050, volume: 1, offset: Offset.OPEN, ...over });

  it('an open needs margin plus commission from the account', () => {
    // 3050 × 1 × 10 × 10 % = 3050 margin + 3.05 commission
    expect(setup(3053.05).check.check(order({}), RB2701, 'TEST')).toBeNull();
    expect(setup(3053).check.check(order({}), RB2701, 'TEST')?.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('closes draw on the opposite direction’s holding as the OMS keeps it', () => {
    const { bus, check } = setup();
    bus.emit('contract', RB2701);
    bus.emit('trade', makeTrade({ ...rb, tradeid: 'o', direction: Direction.LONG, offset: Offset.OPEN, price: 3050, volume: 2, fee: 6.1 }));
    // today's 2 lots: SHFE's plain 平仓 closes yesterday's only, 平今 takes them
    expect(check.check(order({ direction: Direction.SHORT, offset: Offset.CLOSE }), RB2701, 'TEST')?.code).toBe('OVER_CLOSE');
    expect(check.check(order({ direction: Direction.SHORT, offset: Offset.CLOSETODAY, volume: 2 }), RB2701, 'TEST')).toBeNull();
    // a buy-close looks at the (empty) short side
    expect(check.check(order({ direction: Direction.LONG, offset: Offset.CLOSETODAY }), RB2701, 'TEST')?.code).toBe('NO_POSITION');
  });
});
