/**
 * Requests through the real engine's dispatcher (#11 item 16): order/check refuses what SIM
 * would refuse — an SSE market order without a protection price — with the same words, and a
 * request name that is not a string is refused as unknown, never as an internal error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/create-engine';
import { rejection, startEngine, tempVntraderDir } from './harness';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const PROTECTION = '上交所市价委托须填写保护限价（买入为最高成交价，卖出为最低成交价）';

async function connected(): Promise<Engine> {
  engine = await startEngine(tempVntraderDir());
  await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60_000 } });
  return engine;
}

describe('order/check and order/send: the SSE protection price', () => {
  it('refuses an SSE market order without one, as SIM would, and lets it through with one', async () => {
    const e = await connected();
    const market = { code: '600000', direction: '多', type: '对手方最优', volume: 100, price: 0 } as const;
    expect(await e.dispatcher.dispatch('order/check', market)).toEqual({ ok: false, error: { code: 'PROTECTION_PRICE', message: PROTECTION } });
    const limitUp = e.oms.contracts.get('600000.SSE')!.limit_up;
    expect(await e.dispatcher.dispatch('order/check', { ...market, price: limitUp })).toEqual({ ok: true });
    // a sell too, and order/send stops it before the counter
    expect(await e.dispatcher.dispatch('order/check', { ...market, direction: '空' })).toMatchObject({ ok: false });
    const err = await rejection(e.dispatcher.dispatch('order/send', market));
    expect({ code: err.code, message: err.message }).toEqual({ code: 'PROTECTION_PRICE', message: PROTECTION });
    expect(e.oms.orders.size).toBe(0);
  });

  it('SZSE market orders need none', async () => {
    const e = await connected();
    expect(await e.dispatcher.dispatch('order/check', { code: '000001', direction: '多', type: '对手方最优', volume: 100, price: 0 })).toEqual({ ok: true });
  });
});

describe('a request name that is not a string', () => {
  it('is unknown, named by its type, even nested deeper than the stack', async () => {
    engine = await startEngine(tempVntraderDir());
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    for (const name of [deep, { toString: 1 }, 42, null]) {
      const err = await rejection(engine.dispatcher.dispatch(name, {}));
      expect(err.code).toBe('UNKNOWN_METHOD');
      expect(err.message).toMatch(/^未知的请求：（(object|number)，应为字符串）$/);
    }
  });
});
