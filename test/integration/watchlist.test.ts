/**
 * 自选 with the real engine and the real SIM: codes added through the bridge are kept in
 * watchlist_setting.json, come back in order after a restart of the engine on the same folder,
 * and are subscribed again — with no market/subscribe from anyone — after the login that
 * follows the restart and after every 断开→连接.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WatchList } from '../../common/bridge-contract';
import type { TickData } from '../../common/objects';
import type { Engine } from '../../electron/engine/create-engine';
import { rejection, startEngine, tempVntraderDir, waitFor } from './harness';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const settings = { '行情间隔(ms)': 50, 随机种子: 5 };

/** Collect the codes ticking on the engine's bus from now on. */
function ticking(e: Engine): { codes: Set<string>; clear(): void } {
  const codes = new Set<string>();
  e.bus.on('tick', (t: TickData) => codes.add(t.vt_symbol));
  return { codes, clear: () => codes.clear() };
}

describe('自选 across reconnects and restarts', () => {
  it('keeps the codes in order and subscribes them again after a restart and after every reconnect', async () => {
    const dir = tempVntraderDir();
    engine = await startEngine(dir);
    const events: WatchList[] = [];
    engine.bus.on('watchlist', (w) => events.push(w));
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings });
    for (const code of ['600036.SH', '000001', 'SH600000']) await engine.dispatcher.dispatch('watchlist/add', { code });
    await engine.dispatcher.dispatch('watchlist/remove', { code: '000001.SZ' });
    expect(events.at(-1)!.codes.map((c) => c.vt_symbol)).toEqual(['600036.SSE', '600000.SSE']);
    expect((await rejection(engine.dispatcher.dispatch('watchlist/add', { code: '688999' }))).code).toBe('UNKNOWN_CONTRACT');
    await engine.close();

    // A new engine on the same folder: the list is back before any login, nothing ticks yet.
    engine = await startEngine(dir);
    const ticks = ticking(engine);
    const listed = (await engine.dispatcher.dispatch('watchlist/list', {})) as WatchList;
    expect(listed.codes).toEqual([
      { vt_symbol: '600036.SSE', symbol: '600036', exchange: 'SSE', name: '招商银行', gateway_name: 'SIM' },
      { vt_symbol: '600000.SSE', symbol: '600000', exchange: 'SSE', name: '浦发银行', gateway_name: 'SIM' },
    ]);
    const logs: string[] = [];
    engine.bus.on('log', (l) => logs.push(l.msg));
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings });
    await waitFor(() => ticks.codes.has('600036.SSE') && ticks.codes.has('600000.SSE'), 5000, 'ticks of both 自选 codes after the restart');
    expect(ticks.codes.has('000001.SZSE')).toBe(false);
    expect(logs).toContain('已订阅自选行情 2 个（SIM）');

    // 断开→连接: both tick again, still without a subscribe request.
    await engine.dispatcher.dispatch('gateway/close', { gateway: 'SIM' });
    ticks.clear();
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings });
    await waitFor(() => ticks.codes.has('600036.SSE') && ticks.codes.has('600000.SSE'), 5000, 'ticks of both 自选 codes after the reconnect');
  });

  it('moves a code and keeps the new order for the next start', async () => {
    const dir = tempVntraderDir();
    engine = await startEngine(dir);
    for (const code of ['600000.SSE', '000001.SZSE', '600036.SSE']) await engine.dispatcher.dispatch('watchlist/add', { code });
    await engine.dispatcher.dispatch('watchlist/move', { code: '600036.SSE', to: 0 });
    await engine.close();
    engine = await startEngine(dir);
    const listed = (await engine.dispatcher.dispatch('watchlist/list', {})) as WatchList;
    expect(listed.codes.map((c) => c.vt_symbol)).toEqual(['600036.SSE', '600000.SSE', '000001.SZSE']);
    expect((await rejection(engine.dispatcher.dispatch('watchlist/move', { code: '600000', to: -1 }))).code).toBe('BAD_ARGS');
  });
});
