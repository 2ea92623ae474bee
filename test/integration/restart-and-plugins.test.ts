/**
 * State that survives a restart (journal + SIM state), replayed fills counted once, and
 * plugins that fail without taking the rest down.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayStatus, LogLevel, Status } from '../../common/constants';
import type { LogData } from '../../common/objects';
import type { Engine } from '../../electron/engine/create-engine';
import { Journal } from '../../electron/engine/store';
import { installUserPlugin, startEngine, tempVntraderDir, waitFor } from './harness';

const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});
async function start(dir: string) {
  const e = await startEngine(dir);
  engines.push(e);
  return e;
}
async function stop(e: Engine) {
  engines.splice(engines.indexOf(e), 1);
  await e.close();
}

describe('restart recovery', () => {
  it('brings back the day’s orders and trades before reconnecting, then the SIM account and position', async () => {
    const dir = tempVntraderDir();
    const first = await start(dir);
    await first.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } });
    await first.dispatcher.dispatch('market/subscribe', { code: '600519' });
    const tick = await waitFor(() => first.oms.ticks.get('600519.SSE'), 2000, 'tick');
    const { vt_orderid } = (await first.dispatcher.dispatch('order/send', { code: '600519', direction: '多', type: '限价', volume: 100, price: tick.ask_price_1 })) as { vt_orderid: string };
    await waitFor(() => first.oms.orders.get(vt_orderid)?.status === Status.ALLTRADED, 2000, 'fill');
    const resting = (await first.dispatcher.dispatch('order/send', { code: '600519', direction: '多', type: '限价', volume: 100, price: tick.limit_down })) as { vt_orderid: string };
    await waitFor(() => first.oms.orders.get(resting.vt_orderid)?.status === Status.NOTTRADED, 2000, 'resting');
    const balance = first.oms.getAccount('SIM')!.balance;
    const tradeIds = [...first.oms.trades.keys()];
    await stop(first);

    const second = await start(dir);
    // Before any gateway connects, the journal has put the day back.
    expect(second.oms.orders.get(vt_orderid)?.status).toBe(Status.ALLTRADED);
    expect([...second.oms.trades.keys()]).toEqual(tradeIds);
    expect(second.oms.positions.size).toBe(0);

    await second.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } });
    await waitFor(() => second.oms.getPosition('SIM', '600519.SSE')?.volume === 100, 2000, 'position restored');
    const account = await waitFor(() => second.oms.getAccount('SIM'), 2000, 'account');
    // The resting order's freeze does not survive the restart unless the order does: either way nothing is lost.
    expect(account.balance).toBe(balance);
    expect(second.oms.trades.size).toBe(tradeIds.length);
  });

  it('counts a fill the counter replays after a reconnect once — in the OMS, the position and the journal', async () => {
    const dir = tempVntraderDir();
    installUserPlugin(dir, 'replay');
    const first = await start(dir);
    const trades: string[] = [];
    first.bus.on('trade', (t) => trades.push(t.vt_tradeid));
    await first.dispatcher.dispatch('gateway/connect', { gateway: 'REPLAY', settings: {} });
    await first.dispatcher.dispatch('gateway/close', { gateway: 'REPLAY' });
    await first.dispatcher.dispatch('gateway/connect', { gateway: 'REPLAY', settings: {} });
    expect(trades).toEqual(['REPLAY.T1']);
    expect(first.oms.getPosition('REPLAY', '600000.SSE')?.volume).toBe(100);
    await stop(first);

    const second = await start(dir);
    second.bus.on('trade', (t) => trades.push(t.vt_tradeid));
    await second.dispatcher.dispatch('gateway/connect', { gateway: 'REPLAY', settings: {} });
    expect(trades).toEqual(['REPLAY.T1']);
    await stop(second);

    const journal = Journal.openIn(dir);
    const all = journal.loadDay(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10));
    journal.close();
    expect(all.trades.map((t) => t.vt_tradeid)).toEqual(['REPLAY.T1']);
  });
});

describe('gateway plugins', () => {
  it('reports a broken plugin and a failing counter by name, and SIM keeps working', async () => {
    const dir = tempVntraderDir();
    installUserPlugin(dir, 'broken-manifest');
    installUserPlugin(dir, 'throwing');
    const engine = await start(dir);
    const logs: LogData[] = engine.main.snapshot().logs;
    engine.bus.on('log', (l) => logs.push(l));

    expect(logs.some((l) => l.level === LogLevel.ERROR && l.msg.includes('broken-manifest') && l.msg.includes('manifest.json'))).toBe(true);
    const names = engine.main.gatewayInfos().map((g) => g.name);
    expect(names).toContain('SIM');
    expect(names).toContain('THROWS');
    expect(names).not.toContain('BROKEN');

    await expect(engine.dispatcher.dispatch('gateway/connect', { gateway: 'THROWS', settings: {} })).rejects.toMatchObject({ message: expect.stringContaining('柜台拒绝连接') });
    expect(engine.main.gatewayInfos().find((g) => g.name === 'THROWS')).toMatchObject({ status: GatewayStatus.ERROR, message: expect.stringContaining('网络不可达') });
    expect(logs.some((l) => l.gateway_name === 'THROWS' && l.msg.includes('连接失败'))).toBe(true);

    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } });
    const contract = (await engine.dispatcher.dispatch('market/subscribe', { code: '600000' })) as { name: string };
    expect(contract.name).toBe('浦发银行');
  });

  it('runs several named instances of one plugin from vt_setting.json, each with its own account', async () => {
    const dir = tempVntraderDir();
    fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'gateway.instances': [{ name: 'SIM_2', type: 'SIM' }] }));
    const engine = await start(dir);
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { 资金账号: 'a1', 初始资金: 500000, '行情间隔(ms)': 60000 } });
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM_2', settings: { 资金账号: 'a2', 初始资金: 300000, '行情间隔(ms)': 60000 } });
    await waitFor(() => engine.oms.getAccount('SIM_2'), 2000, 'second account');
    expect(engine.oms.getAccount('SIM')!.balance).toBe(500000);
    expect(engine.oms.getAccount('SIM_2')!.balance).toBe(300000);
    expect(fs.existsSync(path.join(dir, 'connect_sim_2.json'))).toBe(true);
  });
});
