/**
 * K线图's markers for earlier days: a fill made on an earlier day (the engine and SIM on a
 * clock three days back, the way a session of that day would have run) is found in the
 * journal by a later engine on the same folder, next to today's fill, in time order; the
 * range asked for is respected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Direction, Status } from '../../common/constants';
import type { TradeData } from '../../common/objects';
import { tradingDayOf } from '../../common/time';
import type { Engine } from '../../electron/engine/create-engine';
import { startEngine, tempVntraderDir, waitFor } from './harness';

const DAY = 86_400_000;
let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** Buy 100 of 600000 at the day's limit-up price (it fills at once) and return the fill. */
async function buyOne(e: Engine): Promise<TradeData> {
  await e.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60_000, 随机种子: 3 } });
  await e.dispatcher.dispatch('market/subscribe', { code: '600000' });
  const tick = await waitFor(() => e.oms.ticks.get('600000.SSE'), 2000, 'a tick');
  const fills: TradeData[] = [];
  e.bus.on('trade', (t) => fills.push(t));
  const { vt_orderid } = (await e.dispatcher.dispatch('order/send', { code: '600000', direction: Direction.LONG, type: '限价', volume: 100, price: tick.limit_up })) as { vt_orderid: string };
  await waitFor(() => e.oms.orders.get(vt_orderid)?.status === Status.ALLTRADED, 2000, 'the fill');
  await e.settled();
  return fills.find((t) => t.vt_orderid === vt_orderid)!;
}

describe('kline/trades', () => {
  it('returns earlier days’ fills from the journal with today’s, in time order, within the range asked', async () => {
    const dir = tempVntraderDir();
    engine = await startEngine(dir, { now: () => Date.now() - 3 * DAY });
    const earlier = await buyOne(engine);
    expect(tradingDayOf(earlier.datetime)).toBe(tradingDayOf(Date.now() - 3 * DAY));
    await engine.close();

    engine = await startEngine(dir);
    const today = await buyOne(engine);
    // The engine holds today's fills only: the earlier one can come from the journal alone.
    expect([...engine.trading.trades()].map((t) => t.vt_tradeid)).not.toContain(earlier.vt_tradeid);

    const ask = async (args: { start?: number; end?: number }) =>
      ((await engine!.dispatcher.dispatch('kline/trades', { code: '600000.SH', ...args })) as TradeData[]).map((t) => t.vt_tradeid);
    expect(await ask({})).toEqual([earlier.vt_tradeid, today.vt_tradeid]);
    expect(await ask({ start: Date.now() - 4 * DAY })).toEqual([earlier.vt_tradeid, today.vt_tradeid]);
    expect(await ask({ start: Date.now() - DAY })).toEqual([today.vt_tradeid]);
    expect(await ask({ end: Date.now() - DAY })).toEqual([earlier.vt_tradeid]);
    expect(await engine.dispatcher.dispatch('kline/trades', { code: '000001' })).toEqual([]);
  });
});
