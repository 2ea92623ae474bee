import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, LogLevel, Offset, OrderType, Status } from '../../../common/constants';
import type { OrderData, TradeData } from '../../../common/objects';
import { Journal } from '../../../electron/engine/store/journal';
import { tempDir } from './helpers';

/** 2026-11-20 09:30:00 in UTC+8. */
const T0 = Date.UTC(2026, 10, 20, 1, 30);

function order(id: string, over: Partial<OrderData> = {}): OrderData {
  return {
    gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE',
    orderid: id, vt_orderid: `SIM.${id}`, type: OrderType.LIMIT, direction: Direction.LONG,
    offset: Offset.NONE, price: 10, volume: 100, traded: 0, status: Status.NOTTRADED,
    datetime: T0, reference: 'manual', status_msg: '', ...over,
  };
}

function trade(id: string, over: Partial<TradeData> = {}): TradeData {
  return {
    gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE',
    orderid: '1', vt_orderid: 'SIM.1', tradeid: id, vt_tradeid: `SIM.${id}`, direction: Direction.LONG,
    offset: Offset.NONE, price: 10, volume: 100, datetime: T0 + 1000, fee: 5, commission: 5,
    stamp_duty: 0, transfer_fee: 0, ...over,
  };
}

describe('Journal', () => {
  it('finds a code\'s fills of any day in a time range, in time order, the latest ones when capped', () => {
    const j = Journal.open(path.join(tempDir(), 'database.db'));
    const DAY = 86_400_000;
    j.saveTrade(trade('3', { datetime: T0 + 2 * DAY }));
    j.saveTrade(trade('1', { datetime: T0 - 5 * DAY }));
    j.saveTrade(trade('x', { vt_symbol: '000001.SZSE', symbol: '000001', exchange: Exchange.SZSE, datetime: T0 }));
    j.saveTrade(trade('2', { datetime: T0 }));
    const ids = (list: TradeData[]) => list.map((t) => t.tradeid);
    expect(ids(j.tradesOf('600000.SSE'))).toEqual(['1', '2', '3']);
    expect(ids(j.tradesOf('600000.SSE', T0 - DAY))).toEqual(['2', '3']);
    expect(ids(j.tradesOf('600000.SSE', T0 - 5 * DAY, T0))).toEqual(['1', '2']);
    expect(ids(j.tradesOf('600000.SSE', 0, Number.MAX_SAFE_INTEGER, 2))).toEqual(['2', '3']);
    expect(ids(j.tradesOf('000001.SZSE'))).toEqual(['x']);
    j.close();
  });

  it('upserts orders (latest state wins), counts a replayed fill once, and reloads after a restart', () => {
    const file = path.join(tempDir(), 'database.db');
    const j = Journal.open(file);
    j.saveOrder(order('2', { datetime: T0 + 5000 }));
    j.saveOrder(order('1'));
    j.saveOrder(order('1', { status: Status.ALLTRADED, traded: 100, datetime: T0 + 9000 }));
    expect(j.saveTrade(trade('t1'))).toBe(true);
    expect(j.saveTrade(trade('t1', { price: 99 }))).toBe(false);
    expect(j.batch(() => [j.saveTrade(trade('t2', { datetime: T0 + 500 })), j.saveTrade(trade('t1'))])).toEqual([true, false]);
    // A fill from the next day goes to that day.
    j.saveTrade(trade('t3', { datetime: T0 + 24 * 3600 * 1000 }));
    j.close();
    j.close();

    const k = Journal.open(file);
    const day = k.loadDay('2026-11-20');
    expect(day.orders.map((o) => [o.vt_orderid, o.status])).toEqual([
      ['SIM.1', Status.ALLTRADED],
      ['SIM.2', Status.NOTTRADED],
    ]);
    expect(day.trades.map((t) => t.vt_tradeid)).toEqual(['SIM.t2', 'SIM.t1']);
    expect(day.trades[1]?.price).toBe(10);
    expect(k.loadDay('2026-11-21').trades.map((t) => t.vt_tradeid)).toEqual(['SIM.t3']);
    expect(k.loadDay('2026-11-19')).toEqual({ orders: [], trades: [] });
    k.close();
  });

  it('keeps a gateway’s state by key, replaces it, and deletes a key saved as undefined', () => {
    const j = Journal.open(path.join(tempDir(), 'database.db'));
    j.saveGatewayState('SIM', 'a', '{"n":1}');
    j.saveGatewayState('SIM', 'b', '{"n":2}');
    j.saveGatewayState('SIM', 'a', '{"n":3}');
    j.saveGatewayState('SIM', 'b', undefined);
    expect([...j.loadGatewayState('SIM')]).toEqual([['a', '{"n":3}']]);
    j.close();
  });

  it('keeps log lines and returns the latest ones oldest first', () => {
    const j = Journal.open(path.join(tempDir(), 'database.db'));
    for (let i = 0; i < 5; i++) j.saveLog({ datetime: T0 + i, level: LogLevel.INFO, msg: `第${i}条`, gateway_name: 'SIM' });
    expect(j.recentLogs(3).map((l) => l.msg)).toEqual(['第2条', '第3条', '第4条']);
    expect(j.recentLogs(0)).toEqual([]);
    j.close();
  });

  it('gives the orderid of a gateway’s most recently placed order, not of its most recently updated one', () => {
    const j = Journal.open(path.join(tempDir(), 'database.db'));
    expect(j.lastOrderId('SIM')).toBeUndefined();
    j.saveOrder(order('1-1'));
    j.saveOrder(order('1-2'));
    j.saveOrder(order('1-1', { status: Status.CANCELLED }));
    j.saveOrder(order('9-9', { gateway_name: 'CTP', vt_orderid: 'CTP.9-9' }));
    expect(j.lastOrderId('SIM')).toBe('1-2');
    expect(j.lastOrderId('CTP')).toBe('9-9');
    expect(j.lastOrderId('QMT')).toBeUndefined();
    j.close();
    j.close(); // safe twice
    expect(j.isOpen).toBe(false);
  });
});

describe('Journal leases (one process at a time per gateway instance)', () => {
  const ME = 1000;
  const OTHER = 2000;
  const STALE = 60_000;
  const alive = (pid: number): boolean => pid === ME || pid === OTHER;
  const nobodyElse = (pid: number): boolean => pid === ME;
  const holder = (pid: number, token: string, at: number) => ({ pid, token, since: at, beat: at });

  it('is taken when free, kept by its holder (who keeps its start), and refused to a live other process', () => {
    const j = Journal.open(path.join(tempDir(), 'database.db'));
    expect(j.claimLease('SIM', holder(ME, 'a', 0), alive, STALE)).toBeUndefined();
    expect(j.claimLease('SIM', holder(ME, 'a', 500), alive, STALE)).toBeUndefined();
    expect(j.claimLease('SIM', holder(OTHER, 'b', 600), alive, STALE)).toEqual({ pid: ME, token: 'a', since: 0, beat: 500 });
    // another instance name is a lease of its own
    expect(j.claimLease('SIM2', holder(OTHER, 'b', 600), alive, STALE)).toBeUndefined();
    j.close();
  });

  it('refuses another engine of the same process, whatever isAlive says of the pid', () => {
    const j = Journal.open(path.join(tempDir(), 'database.db'));
    j.claimLease('SIM', holder(ME, 'a', 0), alive, STALE);
    expect(j.claimLease('SIM', holder(ME, 'b', 10), () => false, STALE)).toMatchObject({ pid: ME, token: 'a' });
    j.close();
  });

  it('is taken from a holder whose process is gone', () => {
    const j = Journal.open(path.join(tempDir(), 'database.db'));
    j.claimLease('SIM', holder(OTHER, 'b', 0), alive, STALE);
    expect(j.claimLease('SIM', holder(ME, 'a', 10), nobodyElse, STALE)).toBeUndefined();
    expect(j.claimLease('SIM', holder(OTHER, 'b', 20), alive, STALE)).toMatchObject({ pid: ME, token: 'a', since: 10 });
    j.close();
  });

  it('is stale once its heartbeat is staleMs old (not a millisecond before), and a renewal keeps it fresh', () => {
    const j = Journal.open(path.join(tempDir(), 'database.db'));
    j.claimLease('SIM', holder(OTHER, 'b', 0), alive, STALE);
    expect(j.claimLease('SIM', holder(ME, 'a', STALE - 1), alive, STALE)).toMatchObject({ pid: OTHER });
    j.renewLease('SIM', 'b', 30_000);
    j.renewLease('SIM', 'not b', 59_000); // a renewal with another token changes nothing
    expect(j.claimLease('SIM', holder(ME, 'a', 30_000 + STALE - 1), alive, STALE)).toMatchObject({ pid: OTHER, beat: 30_000 });
    expect(j.claimLease('SIM', holder(ME, 'a', 30_000 + STALE), alive, STALE)).toBeUndefined();
    j.close();
  });

  it('is given up only with its own token', () => {
    const j = Journal.open(path.join(tempDir(), 'database.db'));
    j.claimLease('SIM', holder(OTHER, 'b', 0), alive, STALE);
    j.releaseLease('SIM', 'a');
    expect(j.claimLease('SIM', holder(ME, 'a', 10), alive, STALE)).toMatchObject({ pid: OTHER });
    j.releaseLease('SIM', 'b');
    expect(j.claimLease('SIM', holder(ME, 'a', 20), alive, STALE)).toBeUndefined();
    j.close();
  });
});
