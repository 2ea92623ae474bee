/**
 * The worker-side mirrors: jqtrade's status strings from the engine's statuses, get_orders'
 * filters ("and" of order_id, code, status), fills into avg_cost / deal_balance /
 * commission, 1-minute bars from ticks, and long_positions taking any code form.
 */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../../common/constants';
import type { OrderData, TradeData } from '../../../../common/objects';
import { BarGenerator, type BarData } from '../../../../apps/strategy-manager/engine/runtime/bar-generator';
import { OrderMirror, userStatusOf } from '../../../../apps/strategy-manager/engine/runtime/order-mirror';
import { PortfolioMirror } from '../../../../apps/strategy-manager/engine/runtime/portfolio-mirror';

const limit = { kind: 'limit' as const, price: 10 };

function od(vt_orderid: string, status: Status, traded: number, volume = 300): OrderData {
  return {
    gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', orderid: vt_orderid.slice(4), vt_orderid,
    type: OrderType.LIMIT, direction: Direction.LONG, offset: Offset.NONE, price: 10, volume, traded, status, datetime: 0, reference: 's', status_msg: '',
  };
}

function td(vt_orderid: string, price: number, volume: number, fee: number): TradeData {
  return {
    gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', orderid: '', vt_orderid, tradeid: `${price}`, vt_tradeid: `SIM.${price}`,
    direction: Direction.LONG, offset: Offset.NONE, price, volume, datetime: 0, fee, commission: fee, stamp_duty: 0, transfer_fee: 0,
  };
}

describe('order status mapping', () => {
  it('maps every engine status to jqtrade strings', () => {
    expect(userStatusOf(Status.SUBMITTING, 0, false)).toBe('new');
    expect(userStatusOf(Status.NOTTRADED, 0, false)).toBe('open');
    expect(userStatusOf(Status.PARTTRADED, 100, false)).toBe('filling');
    expect(userStatusOf(Status.ALLTRADED, 300, false)).toBe('filled');
    expect(userStatusOf(Status.NOTTRADED, 0, true)).toBe('canceling');
    expect(userStatusOf(Status.CANCELLED, 100, true)).toBe('partly_canceled');
    expect(userStatusOf(Status.CANCELLED, 0, true)).toBe('canceled');
    expect(userStatusOf(Status.REJECTED, 0, false)).toBe('rejected');
  });
});

describe('OrderMirror', () => {
  it('filters get_orders by id, code and status together', () => {
    const m = new OrderMirror();
    m.create('a', '600000.XSHG', '600000.SSE', 100, true, limit, 10, 0);
    m.create('b', '000001.XSHE', '000001.SZSE', 100, true, limit, 10, 0);
    m.create('c', '600000.XSHG', '600000.SSE', 100, false, limit, 10, 0);
    m.onOrder('c', od('SIM.3', Status.NOTTRADED, 0, 100), 0);
    expect(m.query({}).map((o) => o.order_id)).toEqual(['a', 'b', 'c']);
    expect(m.query({ vt_symbol: '600000.SSE' }).map((o) => o.order_id)).toEqual(['a', 'c']);
    expect(m.query({ status: 'new' }).map((o) => o.order_id)).toEqual(['a', 'b']);
    expect(m.query({ vt_symbol: '600000.SSE', status: 'open' }).map((o) => o.order_id)).toEqual(['c']);
    expect(m.query({ order_id: 'b', status: 'open' })).toEqual([]);
    expect(m.query({ order_id: 'b' })[0]!.code).toBe('000001.XSHE');
    expect(m.get('c')!.action).toBe('close');
  });

  it('applies fills and a partial cancel', () => {
    const m = new OrderMirror();
    m.create('a', '600000.XSHG', '600000.SSE', 300, true, limit, 10, 0);
    m.onAck('a', 'SIM.1');
    m.onOrder('a', od('SIM.1', Status.PARTTRADED, 100), 5);
    m.onTrade('a', td('SIM.1', 10, 100, 5));
    m.onOrder('a', od('SIM.1', Status.PARTTRADED, 300 - 100), 6);
    m.onTrade('a', td('SIM.1', 10.3, 100, 5));
    expect(m.markCancelling('a')).toBe(true);
    expect(m.get('a')!.status).toBe('canceling');
    m.onOrder('a', od('SIM.1', Status.CANCELLED, 200), 7);
    const o = m.get('a')!;
    expect(o).toMatchObject({ status: 'partly_canceled', filled_amount: 200, canceled_amount: 100, commission: 10, vt_orderid: 'SIM.1' });
    expect(o.deal_balance).toBeCloseTo(2030, 6);
    expect(o.avg_cost).toBeCloseTo(10.15, 6);
    expect(m.markCancelling('a')).toBe(false);
    expect(m.unfinished()).toEqual([]);
  });

  it('a rejection is final with its reason', () => {
    const m = new OrderMirror();
    m.create('a', '600000.XSHG', '600000.SSE', 150, true, limit, 10, 0);
    m.onReject('a', '买入数量应为100股的整数倍');
    expect(m.get('a')).toMatchObject({ status: 'rejected', err_msg: '买入数量应为100股的整数倍' });
    expect(m.isFinal('a')).toBe(true);
  });

  it('a new day forgets the finished orders and keeps the working ones (get_orders is the day\'s orders)', () => {
    const m = new OrderMirror();
    m.create('filled', '600000.XSHG', '600000.SSE', 100, true, limit, 10, 0);
    m.onOrder('filled', od('SIM.1', Status.ALLTRADED, 100, 100), 1);
    m.create('rejected', '600000.XSHG', '600000.SSE', 150, true, limit, 10, 0);
    m.onReject('rejected', '买入数量应为100股的整数倍');
    m.create('cancelled', '600000.XSHG', '600000.SSE', 100, true, limit, 10, 0);
    m.onOrder('cancelled', od('SIM.3', Status.CANCELLED, 0, 100), 2);
    m.create('working', '600000.XSHG', '600000.SSE', 100, true, limit, 10, 0);
    m.onOrder('working', od('SIM.4', Status.NOTTRADED, 0, 100), 3);
    m.create('unsent', '600000.XSHG', '600000.SSE', 100, true, limit, 10, 0);

    expect(m.newDay().sort()).toEqual(['cancelled', 'filled', 'rejected']);
    expect(m.query({}).map((o) => o.order_id)).toEqual(['working', 'unsent']);
    expect(m.size).toBe(2);
    expect(m.get('filled')).toBeUndefined();
    // the working order's late report still lands; the next day forgets it
    m.onOrder('working', od('SIM.4', Status.CANCELLED, 0, 100), 4);
    expect(m.get('working')!.status).toBe('canceled');
    m.create('today', '600000.XSHG', '600000.SSE', 100, true, limit, 10, 5);
    expect(m.newDay()).toEqual(['working']);
    expect(m.query({}).map((o) => o.order_id)).toEqual(['unsent', 'today']);
  });
});

describe('BarGenerator', () => {
  it('builds 1-minute bars, finished by the next minute or by the clock', () => {
    const bars: BarData[] = [];
    const g = new BarGenerator((b) => bars.push({ ...b }));
    const m0 = Date.parse('2025-01-06T09:31:00+08:00');
    g.update('c', 'v', m0 + 1_000, 10, 1000, 10_000);
    g.update('c', 'v', m0 + 20_000, 10.5, 1500, 15_200);
    g.update('c', 'v', m0 + 40_000, 9.8, 1800, 18_200);
    expect(bars).toEqual([]);
    g.update('c', 'v', m0 + 61_000, 10.1, 2000, 20_200);
    expect(bars).toEqual([{ code: 'c', vt_symbol: 'v', datetime: m0, open: 10, high: 10.5, low: 9.8, close: 9.8, volume: 1800, turnover: 18_200 }]);
    g.flush(m0 + 119_000);
    expect(bars).toHaveLength(1);
    g.flush(m0 + 120_000);
    expect(bars[1]).toMatchObject({ datetime: m0 + 60_000, open: 10.1, close: 10.1, volume: 200, turnover: 2000 });
  });
});

describe('PortfolioMirror', () => {
  it('answers long_positions in any code form and an empty position for codes not held', () => {
    const p = new PortfolioMirror((vt) => vt.replace('.SSE', '.XSHG'));
    p.account = { balance: 1000, frozen: 100, available: 900, market_value: 2000 };
    p.setPosition({ vt_symbol: '600000.SSE', volume: 200, frozen: 0, available: 100, price: 10, last_price: 10 });
    const pf = p.portfolio;
    expect(pf.total_assert).toBe(3000);
    expect(pf.total_value).toBe(3000);
    expect(pf.available_cash).toBe(900);
    expect(pf.locked_cash).toBe(100);
    const longs = pf.long_positions;
    expect(Object.keys(longs)).toEqual(['600000.XSHG']);
    for (const code of ['600000.XSHG', '600000.SH', '600000.SS', 'SH600000', '600000']) {
      expect(code in longs, code).toBe(true);
      expect(longs[code]!.available_amount, code).toBe(100);
    }
    expect('000001.XSHE' in longs).toBe(false);
    expect(longs['000001.XSHE']).toMatchObject({ amount: 0, available_amount: 0 });
    expect(pf.short_positions).toEqual({});
  });
});
