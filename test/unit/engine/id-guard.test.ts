/**
 * Ids unique across lost state: a fill reported again is dropped, but an id the counter
 * reuses for a different order or a new fill is recorded under <id>#n, never merged into the
 * old one, never dropped.
 */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../common/constants';
import type { OrderData, TradeData } from '../../../common/objects';
import { IdGuard } from '../../../electron/engine/gateway/id-guard';

function order(id: string, over: Partial<OrderData> = {}): OrderData {
  return {
    gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', orderid: id, vt_orderid: `SIM.${id}`,
    type: OrderType.LIMIT, direction: Direction.LONG, offset: Offset.NONE, price: 10, volume: 100, traded: 0,
    status: Status.NOTTRADED, datetime: 1, reference: 'manual', status_msg: '', ...over,
  };
}

function trade(id: string, orderid: string, over: Partial<TradeData> = {}): TradeData {
  return {
    gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', orderid, vt_orderid: `SIM.${orderid}`,
    tradeid: id, vt_tradeid: `SIM.${id}`, direction: Direction.LONG, offset: Offset.NONE, price: 10, volume: 100,
    datetime: 2, fee: 5, commission: 5, stamp_duty: 0, transfer_fee: 0, ...over,
  };
}

/** The journal and OMS as the guard sees them: what has been recorded so far. */
function recorded(orders: OrderData[] = [], trades: TradeData[] = []) {
  const o = new Map(orders.map((x) => [x.vt_orderid, x]));
  const t = new Map(trades.map((x) => [x.vt_tradeid, x]));
  const reports: string[] = [];
  const guard = new IdGuard({ findOrder: (id) => o.get(id), findTrade: (id) => t.get(id) }, (m) => reports.push(m));
  return {
    guard,
    reports,
    /** what the engine does with an event: record it under the id the guard gives */
    order(x: OrderData): string {
      const r = guard.order(x);
      o.set(r.vt_orderid, r);
      return r.vt_orderid;
    },
    trade(x: TradeData): string | undefined {
      const r = guard.trade(x);
      if (r) t.set(r.vt_tradeid, r);
      return r?.vt_tradeid;
    },
  };
}

describe('IdGuard', () => {
  it('passes new ids and updates of the same order through, and drops a replayed fill', () => {
    const j = recorded();
    expect(j.order(order('1-1'))).toBe('SIM.1-1');
    expect(j.trade(trade('1-1', '1-1'))).toBe('SIM.1-1');
    expect(j.order(order('1-1', { status: Status.ALLTRADED, traded: 100 }))).toBe('SIM.1-1');
    // A replay may carry a re-stamped time: still the same fill.
    expect(j.trade(trade('1-1', '1-1', { datetime: 99 }))).toBeUndefined();
    expect(j.reports).toEqual([]);
  });

  it('records a different order under a reused id as <id>#2, and its fills with it', () => {
    // Yesterday's run: SIM.1-1 bought 100 at 10 and filled (trade SIM.1-1).
    const j = recorded([order('1-1', { status: Status.ALLTRADED, traded: 100 })], [trade('1-1', '1-1')]);
    // The counter lost its numbering: a sell of 200 at 11 comes as SIM.1-1 again, then its fill as SIM.1-1.
    const sell = order('1-1', { direction: Direction.SHORT, volume: 200, price: 11 });
    expect(j.order(sell)).toBe('SIM.1-1#2');
    expect(j.order({ ...sell, status: Status.PARTTRADED, traded: 100 })).toBe('SIM.1-1#2');
    const fill = trade('1-1', '1-1', { direction: Direction.SHORT, price: 11 });
    // A genuinely new fill, not a replay: kept, under a new id, on the new order.
    expect(j.trade(fill)).toBe('SIM.1-1#2');
    expect(j.guard.trade(fill)).toBeUndefined();
    expect(j.reports).toHaveLength(2);
    expect(j.reports[0]).toContain('委托编号 SIM.1-1 已属于另一笔委托');
    expect(j.reports[1]).toContain('成交编号 SIM.1-1 已属于另一笔成交');
  });

  it('finds the earlier alias again after a reconnect instead of making a third', () => {
    const j = recorded([order('1-1', { volume: 500 })]);
    const other = order('1-1', { volume: 300 });
    expect(j.order(other)).toBe('SIM.1-1#2');
    j.guard.reset();
    expect(j.order({ ...other, status: Status.CANCELLED })).toBe('SIM.1-1#2');
    expect(j.reports).toHaveLength(1);
  });
});
