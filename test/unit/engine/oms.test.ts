import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, Status } from '../../../common/constants';
import { createMarketRegistry } from '../../../common/markets';
import { CN_STOCK_RULES } from '../../../common/markets/cn-stock/cn-stock-rules';
import { CreditOrderType, type CompactData, type CreditAssetData, type CreditDetail } from '../../../common/credit';
import type { PositionData, TickData } from '../../../common/objects';
import { EventBus } from '../../../electron/engine/event-bus';
import type { EngineEvents } from '../../../electron/engine/engine-events';
import { OrderManagementSystem } from '../../../electron/engine/oms';
import { RB2701 } from '../../fixtures/futures-contracts';
import { makeAccount, makeOrder, makePosition, makeTrade } from '../../fixtures/objects';

function setup() {
  const bus = new EventBus<EngineEvents>();
  const oms = new OrderManagementSystem(bus);
  const positions: PositionData[] = [];
  bus.on('position', (p) => positions.push(p));
  return { bus, oms, positions };
}

describe('OMS', () => {
  it('keys orders by vt_orderid and tracks the active ones', () => {
    const { bus, oms } = setup();
    bus.emit('order', makeOrder({ orderid: '1' }));
    bus.emit('order', makeOrder({ orderid: '2' }));
    expect(oms.activeOrders.size).toBe(2);
    bus.emit('order', makeOrder({ orderid: '1', status: Status.ALLTRADED, traded: 100 }));
    bus.emit('order', makeOrder({ orderid: '2', status: Status.CANCELLED }));
    expect(oms.activeOrders.size).toBe(0);
    expect(oms.orders.get('TEST.1')?.status).toBe(Status.ALLTRADED);
  });

  it('moves the position as each fill arrives, cost including fees', () => {
    const { bus, oms, positions } = setup();
    // buy 100 @ 10.00 fee 5.01, then 200 @ 10.50 fee 5.02: cost 1005.01 + 2105.02 = 3110.03 over 300
    bus.emit('trade', makeTrade({ tradeid: 't1', price: 10, volume: 100, fee: 5.01 }));
    bus.emit('trade', makeTrade({ tradeid: 't2', price: 10.5, volume: 200, fee: 5.02 }));
    const pos = oms.getPosition('TEST', '600000.SSE')!;
    expect(pos.volume).toBe(300);
    expect(pos.yd_volume).toBe(0);
    expect(pos.price).toBe(10.367); // 3110.03 / 300 = 10.36676… → 10.367
    expect(positions).toHaveLength(2);
    expect(positions[1]!.volume).toBe(300);
  });

  it('reduces volume, yesterday volume and frozen on a sell fill', () => {
    const { bus, oms } = setup();
    bus.emit('position', makePosition({ volume: 1000, yd_volume: 1000, frozen: 300, price: 10 }));
    bus.emit('trade', makeTrade({ tradeid: 's1', direction: Direction.SHORT, price: 11, volume: 300, fee: 6.98 }));
    const pos = oms.getPosition('TEST', '600000.SSE')!;
    expect(pos).toMatchObject({ volume: 700, yd_volume: 700, frozen: 0, price: 10 });
  });

  it('counts a trade delivered twice once', () => {
    const { bus, oms } = setup();
    const trade = makeTrade({ tradeid: 't1', volume: 100 });
    bus.emit('trade', trade);
    bus.emit('trade', { ...trade });
    expect(oms.getPosition('TEST', '600000.SSE')!.volume).toBe(100);
    expect(oms.trades.size).toBe(1);
    expect(oms.hasTrade('TEST.t1')).toBe(true);
  });

  it('restores journalled orders and trades without touching positions', () => {
    const { oms } = setup();
    oms.restore([makeOrder({ orderid: '9' })], [makeTrade({ tradeid: 'old' })]);
    expect(oms.activeOrders.has('TEST.9')).toBe(true);
    expect(oms.hasTrade('TEST.old')).toBe(true);
    expect(oms.positions.size).toBe(0);
  });

  it('marks pnl to the latest tick and re-emits it on the timer only', () => {
    const { bus, oms, positions } = setup();
    bus.emit('position', makePosition({ volume: 1000, yd_volume: 1000, price: 10, last_price: 10 }));
    positions.length = 0;
    bus.emit('tick', { vt_symbol: '600000.SSE', last_price: 10.25 } as never);
    expect(positions).toHaveLength(0);
    expect(oms.getPosition('TEST', '600000.SSE')!.pnl).toBe(250);
    bus.emit('timer', 0);
    expect(positions).toHaveLength(1);
    expect(positions[0]!.pnl).toBe(250);
  });
});

describe('OMS with credit orders', () => {
  it('does not move the long holding on 融券卖出 or 买券还券 fills', async () => {
    const { CreditOrderType } = await import('../../../common/credit');
    const { bus, oms } = setup();
    bus.emit('position', makePosition({ volume: 500, yd_volume: 500, price: 10 }));
    bus.emit('order', makeOrder({ orderid: 's', direction: Direction.SHORT, credit: CreditOrderType.SLO_SELL }));
    bus.emit('trade', makeTrade({ tradeid: 'ts', orderid: 's', vt_orderid: 'TEST.s', direction: Direction.SHORT, volume: 200 }));
    bus.emit('order', makeOrder({ orderid: 'b', credit: CreditOrderType.BUY_SECU_REPAY }));
    bus.emit('trade', makeTrade({ tradeid: 'tb', orderid: 'b', vt_orderid: 'TEST.b', volume: 200 }));
    expect(oms.getPosition('TEST', '600000.SSE')!.volume).toBe(500);
    // An ordinary (担保品) sell still does.
    bus.emit('order', makeOrder({ orderid: 'c', direction: Direction.SHORT, credit: CreditOrderType.COLLATERAL_SELL }));
    bus.emit('trade', makeTrade({ tradeid: 'tc', orderid: 'c', vt_orderid: 'TEST.c', direction: Direction.SHORT, volume: 100 }));
    expect(oms.getPosition('TEST', '600000.SSE')!.volume).toBe(400);
  });
});

describe('OMS with a market whose rules are not registered', () => {
  it('keeps the counter’s position figures through fills and ticks, and never throws', () => {
    const errors: unknown[] = [];
    const bus = new EventBus<EngineEvents>((_type, error) => errors.push(error));
    // A registry with the A-share rules only: futures contracts have no market here.
    const oms = new OrderManagementSystem(bus, createMarketRegistry([CN_STOCK_RULES]));
    const rb = { symbol: 'rb2701', exchange: Exchange.SHFE, vt_symbol: 'rb2701.SHFE' };
    // The counter reports 2 lots long at 3050 with a PnL of its own (size 10: (3060 − 3050) × 10 × 2 = 200).
    bus.emit('position', makePosition({ ...rb, vt_positionid: 'TEST.rb2701.SHFE.多', volume: 2, price: 3050, last_price: 3060, pnl: 200 }));
    bus.emit('order', makeOrder({ ...rb, orderid: 'f', vt_orderid: 'TEST.f' }));
    bus.emit('trade', makeTrade({ ...rb, tradeid: 'tf', orderid: 'f', vt_orderid: 'TEST.f', price: 3070, volume: 1, fee: 0 }));
    bus.emit('tick', { vt_symbol: 'rb2701.SHFE', last_price: 3080 } as never);
    bus.emit('timer', 0);
    expect(errors).toEqual([]);
    expect(oms.hasTrade('TEST.tf')).toBe(true);
    // Not moved by the fill (the counter's next report carries it), PnL left as the counter stated it.
    expect(oms.getPosition('TEST', 'rb2701.SHFE')).toMatchObject({ volume: 2, price: 3050, pnl: 200, last_price: 3080 });
  });
});

describe('OMS with futures (cn-futures registered)', () => {
  const rb = { symbol: 'rb2701', exchange: Exchange.SHFE, vt_symbol: 'rb2701.SHFE' };

  it('keys positions by direction: a sell-open makes a short, a buy-open a long, side by side', () => {
    const { bus, oms } = setup();
    bus.emit('contract', RB2701);
    bus.emit('trade', makeTrade({ ...rb, tradeid: 'o1', direction: Direction.SHORT, offset: Offset.OPEN, price: 3050, volume: 2, fee: 6.1 }));
    bus.emit('trade', makeTrade({ ...rb, tradeid: 'o2', direction: Direction.LONG, offset: Offset.OPEN, price: 3040, volume: 1, fee: 3.04 }));
    // short 2 @ 3050 and long 1 @ 3040; fees are the account's, not the position's cost
    expect(oms.getPosition('TEST', 'rb2701.SHFE', Direction.SHORT)).toMatchObject({ vt_positionid: 'TEST.rb2701.SHFE.空', volume: 2, yd_volume: 0, price: 3050 });
    expect(oms.getPosition('TEST', 'rb2701.SHFE', Direction.LONG)).toMatchObject({ vt_positionid: 'TEST.rb2701.SHFE.多', volume: 1, price: 3040 });
    // a tick marks both with the multiplier: short (3050 − 3060) × 2 × 10 = −200, long (3060 − 3040) × 10 = 200
    bus.emit('tick', { vt_symbol: 'rb2701.SHFE', last_price: 3060 } as never);
    expect(oms.getPosition('TEST', 'rb2701.SHFE', Direction.SHORT)!.pnl).toBe(-200);
    expect(oms.getPosition('TEST', 'rb2701.SHFE', Direction.LONG)!.pnl).toBe(200);
  });

  it('a sell-close moves the long: SHFE 平今 takes today’s lots, 平仓 yesterday’s', () => {
    const { bus, oms } = setup();
    bus.emit('contract', RB2701);
    // the counter reports long 3 lots, 1 from yesterday, at a cost of 3050
    bus.emit('position', makePosition({ ...rb, vt_positionid: 'TEST.rb2701.SHFE.多', volume: 3, yd_volume: 1, price: 3050, last_price: 3050 }));
    bus.emit('trade', makeTrade({ ...rb, tradeid: 'c1', direction: Direction.SHORT, offset: Offset.CLOSETODAY, price: 3070, volume: 1, fee: 9.21 }));
    expect(oms.getPosition('TEST', 'rb2701.SHFE')).toMatchObject({ volume: 2, yd_volume: 1, price: 3050 });
    bus.emit('trade', makeTrade({ ...rb, tradeid: 'c2', direction: Direction.SHORT, offset: Offset.CLOSE, price: 3070, volume: 1, fee: 3.07 }));
    expect(oms.getPosition('TEST', 'rb2701.SHFE')).toMatchObject({ volume: 1, yd_volume: 0, price: 3050 });
    // the short side was never touched
    expect(oms.getPosition('TEST', 'rb2701.SHFE', Direction.SHORT)).toBeUndefined();
  });

  it('a close releases its share of the counter’s margin at once; a flat position holds none', () => {
    const { bus, oms } = setup();
    bus.emit('contract', RB2701);
    bus.emit('position', makePosition({ ...rb, vt_positionid: 'TEST.rb2701.SHFE.多', volume: 3, yd_volume: 3, price: 3050, last_price: 3050, margin: 2745 }));
    bus.emit('trade', makeTrade({ ...rb, tradeid: 'c1', direction: Direction.SHORT, offset: Offset.CLOSE, price: 3070, volume: 1, fee: 3.07 }));
    expect(oms.getPosition('TEST', 'rb2701.SHFE')).toMatchObject({ volume: 2, margin: 1830 });
    // an open leaves the figure to the counter's next report
    bus.emit('trade', makeTrade({ ...rb, tradeid: 'o1', direction: Direction.LONG, offset: Offset.OPEN, price: 3070, volume: 1, fee: 3.07 }));
    expect(oms.getPosition('TEST', 'rb2701.SHFE')).toMatchObject({ volume: 3, margin: 1830 });
    bus.emit('trade', makeTrade({ ...rb, tradeid: 'c2', direction: Direction.SHORT, offset: Offset.CLOSE, price: 3070, volume: 3, fee: 9.21 }));
    expect(oms.getPosition('TEST', 'rb2701.SHFE')).toMatchObject({ volume: 0, margin: 0 });
  });
});

describe('OMS guards', () => {
  it('a sell fill larger than the holding empties it, never below zero', () => {
    const { bus, oms } = setup();
    bus.emit('position', makePosition({ volume: 300, yd_volume: 300, frozen: 300, price: 10 }));
    bus.emit('trade', makeTrade({ tradeid: 's1', direction: Direction.SHORT, price: 11, volume: 500, fee: 5 }));
    expect(oms.getPosition('TEST', '600000.SSE')).toMatchObject({ volume: 0, yd_volume: 0, frozen: 0, price: 0 });
    // and a later buy starts from nothing, at its own cost: 100 × 12 + 5 = 1205 → 12.05
    bus.emit('trade', makeTrade({ tradeid: 'b1', price: 12, volume: 100, fee: 5 }));
    expect(oms.getPosition('TEST', '600000.SSE')).toMatchObject({ volume: 100, price: 12.05 });
  });

  it('does not re-read its own position events: the exact cost survives the rounded average price', () => {
    const { bus, oms } = setup();
    // cost 1005.01 + 2105.02 = 3110.03 over 300 → shown 10.367; re-reading it would make the cost 3110.10
    bus.emit('trade', makeTrade({ tradeid: 't1', price: 10, volume: 100, fee: 5.01 }));
    bus.emit('trade', makeTrade({ tradeid: 't2', price: 10.5, volume: 200, fee: 5.02 }));
    bus.emit('tick', { vt_symbol: '600000.SSE', last_price: 11 } as TickData);
    // 300 × 11 − 3110.03 = 189.97 (from the re-read cost: 189.90)
    expect(oms.getPosition('TEST', '600000.SSE')!.pnl).toBe(189.97);
    // a sell keeps the exact average: 2/3 of 3110.03 = 2073.353…; at 11: 2200 − 2073.35 = 126.65
    bus.emit('trade', makeTrade({ tradeid: 's1', direction: Direction.SHORT, price: 11, volume: 100, fee: 5 }));
    bus.emit('tick', { vt_symbol: '600000.SSE', last_price: 11.01 } as TickData);
    bus.emit('tick', { vt_symbol: '600000.SSE', last_price: 11 } as TickData);
    expect(oms.getPosition('TEST', '600000.SSE')!.pnl).toBe(126.65);
  });

  it('a counter’s own position report does replace the figures', () => {
    const { bus, oms } = setup();
    bus.emit('trade', makeTrade({ tradeid: 't1', price: 10, volume: 100, fee: 5.01 }));
    bus.emit('position', makePosition({ volume: 400, yd_volume: 400, price: 9.5 }));
    bus.emit('tick', { vt_symbol: '600000.SSE', last_price: 10 } as TickData);
    expect(oms.getPosition('TEST', '600000.SSE')).toMatchObject({ volume: 400, pnl: 200 });
  });

  it('a 融券卖出 fill arriving before its order leaves the long holding alone', () => {
    const { bus, oms } = setup();
    bus.emit('position', makePosition({ volume: 500, yd_volume: 500, price: 10 }));
    oms.noteSent('TEST.9', CreditOrderType.SLO_SELL);
    bus.emit('trade', makeTrade({ tradeid: 'x1', orderid: '9', vt_orderid: 'TEST.9', direction: Direction.SHORT, price: 10, volume: 200, fee: 5 }));
    expect(oms.getPosition('TEST', '600000.SSE')!.volume).toBe(500);
    // its order then arrives (without echoing the credit type) and fills the rest
    bus.emit('order', makeOrder({ orderid: '9', direction: Direction.SHORT, volume: 300, traded: 200, status: Status.PARTTRADED }));
    bus.emit('trade', makeTrade({ tradeid: 'x2', orderid: '9', vt_orderid: 'TEST.9', direction: Direction.SHORT, price: 10, volume: 100, fee: 5 }));
    expect(oms.getPosition('TEST', '600000.SSE')!.volume).toBe(500);
    // a plain sell still moves it
    bus.emit('trade', makeTrade({ tradeid: 'p1', orderid: '10', vt_orderid: 'TEST.10', direction: Direction.SHORT, price: 10, volume: 100, fee: 5 }));
    expect(oms.getPosition('TEST', '600000.SSE')!.volume).toBe(400);
  });

  it('forgets the credit type once the order ends; 担保品卖出 sent the same way does cut the holding', () => {
    const { bus, oms } = setup();
    bus.emit('position', makePosition({ volume: 500, yd_volume: 500, price: 10 }));
    oms.noteSent('TEST.9', CreditOrderType.COLLATERAL_SELL);
    bus.emit('trade', makeTrade({ tradeid: 'c1', orderid: '9', vt_orderid: 'TEST.9', direction: Direction.SHORT, price: 10, volume: 200, fee: 5 }));
    expect(oms.getPosition('TEST', '600000.SSE')!.volume).toBe(300);
    oms.noteSent('TEST.11', CreditOrderType.SLO_SELL);
    bus.emit('order', makeOrder({ orderid: '11', direction: Direction.SHORT, status: Status.CANCELLED }));
    // a (late, replayed) fill with that id after the order ended reads the order, which has no credit type
    bus.emit('trade', makeTrade({ tradeid: 'late', orderid: '11', vt_orderid: 'TEST.11', direction: Direction.SHORT, price: 10, volume: 100, fee: 5 }));
    expect(oms.getPosition('TEST', '600000.SSE')!.volume).toBe(200);
  });
});

describe('OMS records and lookups', () => {
  it('keeps the latest contract, credit account, compact and margin terms, each keyed by its vt id', () => {
    const { bus, oms } = setup();
    bus.emit('contract', RB2701);
    expect(oms.contracts.get('rb2701.SHFE')).toBe(RB2701);
    const credit = (gateway: string, available: number) => ({ gateway_name: gateway, vt_accountid: `${gateway}.c1`, available }) as CreditDetail;
    bus.emit('credit', credit('A', 100));
    bus.emit('credit', credit('B', 200));
    bus.emit('credit', credit('B', 250));
    // one credit account per gateway, the latest figures, found by gateway
    expect(oms.credits.size).toBe(2);
    expect(oms.getCredit('B')?.available).toBe(250);
    expect(oms.getCredit('A')?.available).toBe(100);
    expect(oms.getCredit('C')).toBeUndefined();
    const compact = (real_compact_vol: number) => ({ vt_compactid: 'B.k1', gateway_name: 'B', vt_symbol: '600000.SSE', real_compact_vol }) as CompactData;
    bus.emit('compact', compact(300));
    bus.emit('compact', compact(100));
    expect([...oms.compacts.values()].map((c) => c.real_compact_vol)).toEqual([100]);
    const terms = (gateway: string, fin_ratio: number) => ({ gateway_name: gateway, vt_symbol: '600000.SSE', vt_assetid: `${gateway}.600000.SSE`, fin_ratio }) as CreditAssetData;
    bus.emit('credit-asset', terms('A', 0.8));
    bus.emit('credit-asset', terms('B', 1));
    expect(oms.getCreditAsset('A', '600000.SSE')?.fin_ratio).toBe(0.8);
    expect(oms.getCreditAsset('B', '600000.SSE')?.fin_ratio).toBe(1);
    expect(oms.getCreditAsset('B', '600001.SSE')).toBeUndefined();
  });

  it('finds the account of the gateway asked for, not the first one', () => {
    const { bus, oms } = setup();
    bus.emit('account', makeAccount(1000, 'A'));
    bus.emit('account', makeAccount(2000, 'B'));
    expect(oms.getAccount('B')?.available).toBe(2000);
    expect(oms.getAccount('A')?.available).toBe(1000);
    expect(oms.getAccount('C')).toBeUndefined();
  });

  it('lists working orders by gateway and by symbol', () => {
    const { bus, oms } = setup();
    bus.emit('order', makeOrder({ orderid: '1', gateway_name: 'A' }));
    bus.emit('order', makeOrder({ orderid: '2', gateway_name: 'B' }));
    bus.emit('order', makeOrder({ orderid: '3', gateway_name: 'B', symbol: '600001', vt_symbol: '600001.SSE' }));
    bus.emit('order', makeOrder({ orderid: '4', gateway_name: 'B', status: Status.ALLTRADED }));
    const ids = (orders: { vt_orderid: string }[]) => orders.map((o) => o.vt_orderid).sort();
    expect(ids(oms.listActiveOrders())).toEqual(['A.1', 'B.2', 'B.3']);
    expect(ids(oms.listActiveOrders({ gateway: 'B' }))).toEqual(['B.2', 'B.3']);
    expect(ids(oms.listActiveOrders({ vtSymbol: '600000.SSE' }))).toEqual(['A.1', 'B.2']);
    expect(ids(oms.listActiveOrders({ gateway: 'B', vtSymbol: '600000.SSE' }))).toEqual(['B.2']);
  });

  it('restored working orders count against the active-order limit only once their counter confirms them', () => {
    const { bus, oms } = setup();
    bus.emit('order', makeOrder({ orderid: 'live' }));
    oms.restore(
      [makeOrder({ orderid: 'r1' }), makeOrder({ orderid: 'r2', status: Status.PARTTRADED, traded: 50 }), makeOrder({ orderid: 'done', status: Status.ALLTRADED, traded: 100 })],
      [],
    );
    expect(oms.activeOrders.size).toBe(3);
    expect(oms.countedActiveOrders).toBe(1);
    expect(oms.isUnconfirmed('TEST.r1')).toBe(true);
    expect(oms.isUnconfirmed('TEST.done')).toBe(false);
    expect(oms.isUnconfirmed('TEST.live')).toBe(false);
    // reconciliation at connect confirms one; any update from the counter confirms the other
    oms.confirm('TEST.r1');
    expect(oms.isUnconfirmed('TEST.r1')).toBe(false);
    expect(oms.countedActiveOrders).toBe(2);
    bus.emit('order', makeOrder({ orderid: 'r2', status: Status.PARTTRADED, traded: 60 }));
    expect(oms.countedActiveOrders).toBe(3);
  });

  it('a tick marks only the holdings of its symbol, and only when the price moved', () => {
    const { bus, oms, positions } = setup();
    bus.emit('position', makePosition({ volume: 1000, yd_volume: 1000, price: 10, last_price: 10 }));
    bus.emit('position', makePosition({ vt_symbol: '600001.SSE', vt_positionid: 'TEST.600001.SSE.多', volume: 100, yd_volume: 100, price: 5, last_price: 5 }));
    positions.length = 0;
    bus.emit('tick', { vt_symbol: '600000.SSE', last_price: 10 } as TickData);
    bus.emit('timer', 0);
    // same price: nothing to re-emit
    expect(positions).toHaveLength(0);
    bus.emit('tick', { vt_symbol: '600000.SSE', last_price: 10.5 } as TickData);
    bus.emit('timer', 0);
    expect(positions.map((p) => p.vt_symbol)).toEqual(['600000.SSE']);
    expect(oms.getPosition('TEST', '600001.SSE')).toMatchObject({ last_price: 5, pnl: 0 });
  });

  it('a fill on a holding the counter reported without a last price marks it at the fill price', () => {
    const { bus, oms } = setup();
    bus.emit('position', makePosition({ volume: 100, yd_volume: 100, price: 10, last_price: 0 }));
    // 200 shares, cost 1000 + 1100 + 5 = 2105; at 11: 2200 − 2105 = 95
    bus.emit('trade', makeTrade({ tradeid: 'b', price: 11, volume: 100, fee: 5 }));
    expect(oms.getPosition('TEST', '600000.SSE')).toMatchObject({ volume: 200, last_price: 11, pnl: 95 });
  });
});
