/**
 * #11 item 1: quotes come back after 断开→连接 without re-selecting each code. The real engine
 * and the real SIM: subscribe two codes, disconnect, connect again — both tick again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TickData } from '../../common/objects';
import type { Engine } from '../../electron/engine/create-engine';
import { startEngine, tempVntraderDir, waitFor } from './harness';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe('subscriptions across a reconnect', () => {
  it('sends every subscription again after 断开→连接, and says so in the log', async () => {
    engine = await startEngine(tempVntraderDir());
    const { dispatcher, bus } = engine;
    const ticks: TickData[] = [];
    const logs: string[] = [];
    bus.on('tick', (t) => ticks.push(t));
    bus.on('log', (l) => logs.push(l.msg));
    const settings = { '行情间隔(ms)': 50, 随机种子: 3 };

    await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings });
    await dispatcher.dispatch('market/subscribe', { code: '600000.SH' });
    await dispatcher.dispatch('market/subscribe', { code: '000001.SZ' });
    await waitFor(() => ticks.some((t) => t.vt_symbol === '000001.SZSE') && ticks.some((t) => t.vt_symbol === '600000.SSE'), 5000, 'ticks of both codes');

    await dispatcher.dispatch('gateway/close', { gateway: 'SIM' });
    ticks.length = 0;
    await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings });
    // No market/subscribe after the reconnect: the engine restores both.
    await waitFor(() => ticks.some((t) => t.vt_symbol === '000001.SZSE') && ticks.some((t) => t.vt_symbol === '600000.SSE'), 5000, 'ticks of both codes after the reconnect');
    expect(logs).toContain('已恢复 2 个行情订阅');
  });

  it('does not restore anything on a first connect with no subscriptions', async () => {
    engine = await startEngine(tempVntraderDir());
    const logs: string[] = [];
    engine.bus.on('log', (l) => logs.push(l.msg));
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 50 } });
    expect(logs.some((m) => m.includes('行情订阅'))).toBe(false);
  });
});
