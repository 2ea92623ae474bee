/**
 * Recovery through the real engine on a real data folder: working orders restored from the
 * journal are reconciled with the counter at connect (closed with the reason when it does
 * not know them, never blocking new orders), a cancel that changes nothing is an error, ids
 * stay unique when the SIM's state is lost, and gateway/connect keeps saved settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Direction, Exchange, LogLevel, Offset, OrderType, Status } from '../../common/constants';
import type { OrderData } from '../../common/objects';
import { tradingDayOf } from '../../common/time';
import type { Engine } from '../../electron/engine/create-engine';
import { UNKNOWN_AT_COUNTER } from '../../electron/engine/gateway/reconcile';
import { Journal } from '../../electron/engine/store';
import { makeContract } from '../fixtures/contracts';
import { installUserPlugin, rejection, startEngine, tempVntraderDir, waitFor } from './harness';

const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});
async function start(dir: string): Promise<Engine> {
  const e = await startEngine(dir);
  engines.push(e);
  return e;
}
async function stop(e: Engine): Promise<void> {
  engines.splice(engines.indexOf(e), 1);
  await e.close();
}

const SLOW = { '行情间隔(ms)': 60_000 };

/** Working orders a previous run left in the journal, placed today. */
function journalWorkingOrders(dir: string, gateway: string, count: number): string[] {
  const journal = Journal.openIn(dir);
  const ids: string[] = [];
  journal.batch(() => {
    for (let i = 1; i <= count; i++) {
      const orderid = `99-${i}`;
      const o: OrderData = {
        gateway_name: gateway, symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', orderid, vt_orderid: `${gateway}.${orderid}`,
        type: OrderType.LIMIT, direction: Direction.LONG, offset: Offset.NONE, price: 10, volume: 100, traded: 0, status: Status.NOTTRADED,
        datetime: Date.now() - 60_000, reference: 'manual', status_msg: '',
      };
      journal.saveOrder(o);
      ids.push(o.vt_orderid);
    }
  });
  journal.close();
  return ids;
}

const send = (e: Engine, price: number) =>
  e.dispatcher.dispatch('order/send', { code: '600000', direction: '多', type: '限价', volume: 100, price }) as Promise<{ vt_orderid: string }>;

describe('reconciliation at connect', () => {
  it('closes restored working orders the counter does not know, with the reason, and they never block new orders', async () => {
    const dir = tempVntraderDir();
    fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'risk.active_order_limit': 50 }));
    const stale = journalWorkingOrders(dir, 'SIM', 500);
    const e = await start(dir);
    expect(e.oms.activeOrders.size).toBe(500);
    // Restored but unconfirmed: not counted against the limit of 50.
    expect(e.oms.countedActiveOrders).toBe(0);
    const closed: OrderData[] = [];
    e.published.on('order', (o) => closed.push(o));

    await e.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: SLOW });
    expect(e.oms.activeOrders.size).toBe(0);
    expect(closed).toHaveLength(500);
    expect(new Set(closed.map((o) => `${o.status}/${o.status_msg}`))).toEqual(new Set([`${Status.CANCELLED}/${UNKNOWN_AT_COUNTER}`]));
    expect(e.main.snapshot().logs.some((l) => l.level === LogLevel.WARNING && l.msg.includes('500 笔柜台无此委托'))).toBe(true);

    // New orders go through; a cancel of a closed order says why instead of "ok".
    const limitDown = e.main.lookupContract('600000').limit_down;
    const fresh = await send(e, limitDown);
    expect(fresh.vt_orderid).toMatch(/^SIM\.\d+-1$/);
    const err = await rejection(e.dispatcher.dispatch('order/cancel', { vt_orderid: stale[0]! }));
    expect(err).toMatchObject({ code: 'ORDER_NOT_ACTIVE' });
    expect(await e.dispatcher.dispatch('order/cancel-all', {})).toEqual({ count: 1 });
    await waitFor(() => e.oms.activeOrders.size === 0, 2000, 'the new order cancelled');

    // The closing updates are journalled: a restart finds them closed.
    await stop(e);
    const again = await start(dir);
    expect(again.oms.activeOrders.size).toBe(0);
    expect(again.oms.orders.get(stale[123]!)).toMatchObject({ status: Status.CANCELLED, status_msg: UNKNOWN_AT_COUNTER });
  });

  it('leaves restored orders of a counter that cannot list its orders, with a warning, and does not count them', async () => {
    const dir = tempVntraderDir();
    installUserPlugin(dir, 'replay');
    fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'risk.active_order_limit': 1 }));
    journalWorkingOrders(dir, 'REPLAY', 3);
    const e = await start(dir);
    await e.dispatcher.dispatch('gateway/connect', { gateway: 'REPLAY', settings: {} });
    expect(e.oms.listActiveOrders({ gateway: 'REPLAY' })).toHaveLength(3);
    expect(e.main.snapshot().logs.some((l) => l.level === LogLevel.WARNING && l.msg.includes('不支持查询委托，3 笔未完成委托未能与柜台核对'))).toBe(true);
    expect(e.oms.countedActiveOrders).toBe(0);
    // The limit of 1 is not reached by them: an order passes every pre-trade check.
    e.bus.emit('contract', { ...makeContract('600000', Exchange.SSE, 10), gateway_name: 'REPLAY' });
    e.bus.emit('account', { gateway_name: 'REPLAY', accountid: 'R', vt_accountid: 'REPLAY.R', balance: 1e6, frozen: 0, available: 1e6, market_value: 0 });
    expect(await e.dispatcher.dispatch('order/check', { code: '600000', direction: '多', type: '限价', volume: 100, price: 10 })).toEqual({ ok: true });
  });
});

describe('ids unique across lost state', () => {
  it('after the SIM’s state is lost, new orders and fills get new ids and no journal row is overwritten', async () => {
    const dir = tempVntraderDir();
    const first = await start(dir);
    await first.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: SLOW });
    await first.dispatcher.dispatch('market/subscribe', { code: '600519' });
    const tick = await waitFor(() => first.oms.ticks.get('600519.SSE'), 2000, 'tick');
    const bought = await first.dispatcher.dispatch('order/send', { code: '600519', direction: '多', type: '限价', volume: 100, price: tick.ask_price_1 }) as { vt_orderid: string };
    await waitFor(() => first.oms.orders.get(bought.vt_orderid)?.status === Status.ALLTRADED, 2000, 'fill');
    await stop(first);

    // The SIM's own state disappears (as a lost gateway_state file did); the journal stays.
    const db = new Database(path.join(dir, 'database.db'));
    db.exec("DELETE FROM gateway_state WHERE gateway_name = 'SIM'");
    db.close();

    const second = await start(dir);
    await second.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: SLOW });
    await second.dispatcher.dispatch('market/subscribe', { code: '600519' });
    const t2 = await waitFor(() => second.oms.ticks.get('600519.SSE'), 2000, 'tick');
    const again = await second.dispatcher.dispatch('order/send', { code: '600519', direction: '多', type: '限价', volume: 100, price: t2.ask_price_1 }) as { vt_orderid: string };
    expect(again.vt_orderid).not.toBe(bought.vt_orderid);
    await waitFor(() => second.oms.orders.get(again.vt_orderid)?.status === Status.ALLTRADED, 2000, 'second fill');
    await stop(second);

    const journal = Journal.openIn(dir);
    const day = journal.loadDay(tradingDayOf(Date.now()));
    journal.close();
    expect(day.orders.map((o) => o.vt_orderid)).toEqual([bought.vt_orderid, again.vt_orderid]);
    expect(day.trades).toHaveLength(2);
    expect(new Set(day.trades.map((t) => t.vt_orderid))).toEqual(new Set([bought.vt_orderid, again.vt_orderid]));
  });
});

describe('gateway/connect keeps what it was not told', () => {
  it('a partial settings object keeps the saved account; defaults fill only a fresh form', async () => {
    const dir = tempVntraderDir();
    const e = await start(dir);
    await e.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { 资金账号: 'acct9', 初始资金: 300_000, ...SLOW } });
    await e.dispatcher.dispatch('gateway/close', { gateway: 'SIM' });
    // The minimal client of docs/bridge.md sends {}.
    await e.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: {} });
    expect(await waitFor(() => e.oms.getAccount('SIM'), 2000, 'account')).toMatchObject({ accountid: 'acct9', balance: 300_000 });
    await e.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { 随机种子: 9 } });
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'connect_sim.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ 资金账号: 'acct9', 初始资金: 300_000, '行情间隔(ms)': 60_000, 随机种子: 9 });

    // A fresh folder still gets the manifest's defaults.
    const other = await start(tempVntraderDir());
    await other.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: {} });
    expect(await waitFor(() => other.oms.getAccount('SIM'), 2000, 'account')).toMatchObject({ accountid: 'sim001', balance: 1_000_000 });
  });
});
