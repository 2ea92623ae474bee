/**
 * The NATIVE gateway through koffi and the real engine, against the simulated counter in C:
 * login refused then accepted, 1,000 orders with fills and cancels exact to the cent, a
 * forced disconnect reconciled without a duplicate or a lost fill, broken libraries refused
 * with a clear message while the engine keeps working, and no memory growth over 10,000
 * orders (measured in a separate process).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GatewayStatus, Status } from '../../common/constants';
import type { TradeData } from '../../common/objects';
import { roundCents } from '../../common/markets/price';
import type { Engine } from '../../electron/engine/create-engine';
import { UNKNOWN_AT_COUNTER } from '../../electron/engine/gateway/reconcile';
import type { NativeGateway } from '../../gateways/native';
import { buildNative, FIXTURES_DIR, REPO_ROOT, simSettings } from '../unit/native/native-harness';
import { startEngine, tempVntraderDir, waitFor, rejection } from './harness';

let engine: Engine | undefined;
beforeAll(() => buildNative(), 120_000);
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** An engine whose own order-rate limits are off: these tests send orders in bulk. */
async function nativeEngine(): Promise<Engine> {
  const dir = tempVntraderDir();
  fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'risk.active': false }));
  engine = await startEngine(dir);
  return engine;
}

/** The live gateway object behind the engine's NATIVE instance (for the simulator's test hooks). */
function nativeGateway(e: Engine): NativeGateway {
  const instances = e.main['instances'];
  return instances.get('NATIVE')!.get() as NativeGateway;
}

function statusOf(e: Engine): string {
  return e.main.gatewayInfos().find((g) => g.name === 'NATIVE')!.status;
}

async function send(e: Engine, direction: '多' | '空', price: number, volume = 100, code = '600000.SSE'): Promise<string> {
  const r = (await e.dispatcher.dispatch('order/send', { code, direction, type: '限价', volume, price, gateway: 'NATIVE' })) as { vt_orderid: string };
  return r.vt_orderid;
}

describe('NATIVE gateway over koffi', () => {
  it('is a built-in; refuses a wrong password with the counter reason, then logs in', async () => {
    const e = await nativeEngine();
    expect(e.main.gatewayInfos().map((g) => g.name)).toContain('NATIVE');
    const bad = await rejection(e.dispatcher.dispatch('gateway/connect', { gateway: 'NATIVE', settings: simSettings({ 密码: 'nope' }) }));
    expect(bad.code).toBe('LOGIN_FAILED');
    expect(bad.message).toMatch(/用户名或密码错误/);
    expect(statusOf(e)).toBe(GatewayStatus.ERROR);

    const info = (await e.dispatcher.dispatch('gateway/connect', { gateway: 'NATIVE', settings: simSettings() })) as { status: string };
    expect(info.status).toBe(GatewayStatus.CONNECTED);
    const contract = e.oms.contracts.get('600000.SSE')!;
    expect(contract).toMatchObject({ name: '浦发银行', limit_up: 11, limit_down: 9, min_volume: 100, gateway_name: 'NATIVE' });
    expect(e.oms.contracts.get('688981.SSE')).toMatchObject({ min_volume: 200, volume_step: 1, max_limit_volume: 100_000 });
    const account = await waitFor(() => e.oms.getAccount('NATIVE'), 2000, 'account');
    expect(account.balance).toBe(1_000_000);
    expect(e.oms.getPosition('NATIVE', '600000.SSE')).toMatchObject({ volume: 10_000, yd_volume: 10_000 });
  });

  it('runs 1,000 orders with fills and cancels; trades, fees and cash exact', async () => {
    const e = await nativeEngine();
    await e.dispatcher.dispatch('gateway/connect', { gateway: 'NATIVE', settings: simSettings() });
    const trades: TradeData[] = [];
    e.bus.on('trade', (t) => trades.push(t));
    const ids: { id: string; kind: 'fill' | 'rest' }[] = [];
    for (let i = 0; i < 1000; i++) {
      const k = i % 10;
      if (k < 6) ids.push({ id: await send(e, '多', 10.01), kind: 'fill' });
      else if (k < 9) ids.push({ id: await send(e, '多', 9.5), kind: 'rest' });
      else ids.push({ id: await send(e, '空', 9.99), kind: 'fill' }); // 100 sells of yesterday's 10,000
    }
    await waitFor(() => ids.every(({ id, kind }) => e.oms.orders.get(id)?.status === (kind === 'fill' ? Status.ALLTRADED : Status.NOTTRADED)), 15_000, 'acks and fills');
    for (const { id, kind } of ids) if (kind === 'rest') await e.dispatcher.dispatch('order/cancel', { vt_orderid: id });
    await waitFor(() => ids.every(({ id, kind }) => kind === 'fill' || e.oms.orders.get(id)?.status === Status.CANCELLED), 15_000, 'cancels');

    expect(trades).toHaveLength(700);
    expect(new Set(trades.map((t) => t.vt_tradeid)).size).toBe(700);
    const buy = trades.find((t) => t.direction === '多')!;
    expect(buy).toMatchObject({ price: 10.01, volume: 100, commission: 5, transfer_fee: 0.01, stamp_duty: 0, fee: 5.01 });
    const sell = trades.find((t) => t.direction === '空')!;
    expect(sell).toMatchObject({ price: 9.99, commission: 5, transfer_fee: 0.01, stamp_duty: 0.5, fee: 5.51 });

    // Cash by hand, then the counter's own figure once the next poll has brought it.
    let cash = 1_000_000;
    for (const t of trades) cash = roundCents(cash + (t.direction === '多' ? -1 : 1) * roundCents(t.price * t.volume) - t.fee);
    await waitFor(() => e.oms.getAccount('NATIVE')?.balance === cash && e.oms.getAccount('NATIVE')?.frozen === 0, 5000, `account balance ${cash}`);
    await waitFor(() => e.oms.getPosition('NATIVE', '600000.SSE')?.volume === 10_000 + 60_000 - 10_000, 5000, 'position');
  });

  it('reconnects after a forced disconnect and reconciles: fills made meanwhile arrive once, none twice', async () => {
    const e = await nativeEngine();
    await e.dispatcher.dispatch('gateway/connect', { gateway: 'NATIVE', settings: simSettings() });
    const seen = new Map<string, number>();
    e.bus.on('trade', (t) => seen.set(t.vt_tradeid, (seen.get(t.vt_tradeid) ?? 0) + 1));
    const filled = await send(e, '多', 10.01);
    const resting = await send(e, '多', 9.9);
    const cancelled = await send(e, '多', 9.5);
    await waitFor(() => e.oms.orders.get(resting)?.status === Status.NOTTRADED && e.oms.orders.get(filled)?.status === Status.ALLTRADED, 3000, 'acks');
    await e.dispatcher.dispatch('order/cancel', { vt_orderid: cancelled });
    await waitFor(() => e.oms.orders.get(cancelled)?.status === Status.CANCELLED, 3000, 'cancel');

    const hooks = nativeGateway(e).testHooks()!;
    hooks.drop(2); // the first two reconnect attempts are refused
    hooks.setPrice('600000', 'SSE', 9.89); // the resting buy fills while we are away
    await waitFor(() => statusOf(e) === GatewayStatus.CONNECTING, 3000, 'reconnecting status');
    const refused = await rejection(send(e, '多', 10.01));
    expect(refused.code).toBe('GATEWAY_NOT_CONNECTED');

    await waitFor(() => statusOf(e) === GatewayStatus.CONNECTED, 10_000, 'reconnected');
    await waitFor(() => e.oms.orders.get(resting)?.status === Status.ALLTRADED, 3000, 'fill recovered');
    expect(e.oms.orders.get(filled)!.status).toBe(Status.ALLTRADED);
    expect(e.oms.orders.get(cancelled)!.status).toBe(Status.CANCELLED);
    expect(e.oms.trades.size).toBe(2);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(seen.size).toBe(2);
    const logs = e.main.snapshot().logs.map((l) => l.msg);
    expect(logs.some((m) => m.includes('重复成交回报已忽略'))).toBe(true); // the replay of the first fill was dropped
    expect(logs.some((m) => m.includes('已重连'))).toBe(true);

    // Trading goes on after the reconnect, and a second drop is survived too.
    const after = await send(e, '多', 9.91);
    await waitFor(() => e.oms.orders.get(after)?.status === Status.ALLTRADED, 3000, 'post-reconnect fill');
    hooks.drop(0);
    await waitFor(() => statusOf(e) === GatewayStatus.CONNECTING, 3000, 'second drop');
    await waitFor(() => statusOf(e) === GatewayStatus.CONNECTED, 10_000, 'second reconnect');
    expect(e.oms.trades.size).toBe(3);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('lists its orders for reconciliation, refuses cancels it cannot send, and a restarted engine closes what a new counter does not know', async () => {
    const dir = tempVntraderDir();
    fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'risk.active': false }));
    const first = await startEngine(dir);
    engine = first;
    await first.dispatcher.dispatch('gateway/connect', { gateway: 'NATIVE', settings: simSettings() });
    const resting = await send(first, '多', 9.5);
    const filled = await send(first, '多', 10.01);
    await waitFor(() => first.oms.orders.get(resting)?.status === Status.NOTTRADED && first.oms.orders.get(filled)?.status === Status.ALLTRADED, 3000, 'acks');
    const gw = nativeGateway(first);
    const listed = new Map((await gw.queryOrders()).map((o) => [o.vt_orderid, o.status]));
    expect(listed.get(resting)).toBe(Status.NOTTRADED);
    expect(listed.get(filled)).toBe(Status.ALLTRADED);
    expect(() => gw.cancelOrder({ orderid: 'NATIVE.0-1', symbol: '600000', exchange: 'SSE' as never })).toThrow(expect.objectContaining({ code: 'UNKNOWN_ORDER' }));
    expect(() => gw.cancelOrder({ orderid: filled, symbol: '600000', exchange: 'SSE' as never })).toThrow(expect.objectContaining({ code: 'ORDER_NOT_ACTIVE' }));
    // Closing leaves the resting order working in the journal; the counter goes with the library.
    engine = undefined;
    await first.close();

    const second = await startEngine(dir);
    engine = second;
    expect(second.oms.orders.get(resting)?.status).toBe(Status.NOTTRADED);
    await second.dispatcher.dispatch('gateway/connect', { gateway: 'NATIVE', settings: simSettings() });
    expect(second.oms.orders.get(resting)).toMatchObject({ status: Status.CANCELLED, status_msg: UNKNOWN_AT_COUNTER });
    expect(second.oms.activeOrders.size).toBe(0);
    // New orders get the new counter's ids and trade as before.
    const again = await send(second, '多', 10.01);
    expect(again).not.toBe(filled);
    await waitFor(() => second.oms.orders.get(again)?.status === Status.ALLTRADED, 3000, 'new fill');
  });

  it('refuses a missing library, a wrong ABI and a missing export with one clear message; the engine carries on', async () => {
    const e = await nativeEngine();
    const so = process.platform === 'darwin' ? 'dylib' : 'so';
    const cases: [string, RegExp][] = [
      [path.join(REPO_ROOT, 'native', 'build', `nope.${so}`), /动态库不存在/],
      [path.join(FIXTURES_DIR, `libtsc_bad_abi.${so}`), /接口版本为 99，本程序支持版本 1–2/],
      [path.join(FIXTURES_DIR, `libtsc_partial.${so}`), /缺少导出函数 tsc_create/],
    ];
    for (const [lib, message] of cases) {
      const err = await rejection(e.dispatcher.dispatch('gateway/connect', { gateway: 'NATIVE', settings: simSettings({ 动态库路径: lib }) }));
      expect(err.code).toBe('NATIVE_LIBRARY');
      expect(err.message).toMatch(message);
      expect(statusOf(e)).toBe(GatewayStatus.ERROR);
      expect(e.main.snapshot().logs.some((l) => l.level === 'ERROR' && message.test(l.msg))).toBe(true);
    }
    // Still usable: the simulator connects through the same gateway, and SIM works beside it.
    await e.dispatcher.dispatch('gateway/connect', { gateway: 'NATIVE', settings: simSettings() });
    expect(statusOf(e)).toBe(GatewayStatus.CONNECTED);
    const sim = (await e.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } })) as { status: string };
    expect(sim.status).toBe(GatewayStatus.CONNECTED);
  });

  it('shows no memory growth trend over 10,000 orders (separate process, after GC)', () => {
    const probe = path.join(REPO_ROOT, 'test', 'unit', 'native', 'leak-probe.ts');
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', probe, '10'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { orders: number; trades: number; heap: number[]; offHeap: number[] };
    expect(out.orders).toBe(10_000);
    expect(out.trades).toBe(5_000);
    // JS heap after GC: flat (a binding that kept callback copies would grow ~1 KB per order).
    expect(out.heap.at(-1)! - out.heap[1]!).toBeLessThan(2 * 1024 * 1024);
    // Native memory over the last 9,000 orders: the counter keeps the day's orders and trades
    // by design (~0.4 KB an order); a leak per callback or per order would at least double it.
    const growth = out.offHeap.at(-1)! - out.offHeap[1]!;
    expect(growth).toBeLessThan(9 * 800 * 1024);
  }, 90_000);
});
