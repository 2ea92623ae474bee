/**
 * The bridge's answers a client author needs without parsing messages (issue #11 item 15):
 * `contract/resolve` normalises any code form whether or not a gateway lists it, and a
 * gateway with its own trading day (the SIM's simulated day) shows it in GatewayInfo.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayInfo } from '../../common/gateway-api';
import type { Engine } from '../../electron/engine/create-engine';
import { rejection, startEngine, tempVntraderDir, waitFor } from './harness';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe('contract/resolve and the trading day', () => {
  it('normalises a valid code before any gateway lists it, refuses a bad one, and names the contract once listed', async () => {
    engine = await startEngine(tempVntraderDir());
    const { dispatcher } = engine;
    expect(await dispatcher.dispatch('contract/resolve', { code: 'sh.600000' })).toEqual({ symbol: '600000', exchange: 'SSE', vt_symbol: '600000.SSE', listed: false });
    expect(await dispatcher.dispatch('contract/resolve', { code: '000001.XSHE' })).toEqual({ symbol: '000001', exchange: 'SZSE', vt_symbol: '000001.SZSE', listed: false });
    expect((await rejection(dispatcher.dispatch('contract/resolve', { code: '12345' }))).code).toBe('BAD_CODE');
    await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } });
    const listed = (await dispatcher.dispatch('contract/resolve', { code: '600000.SH' })) as { listed: boolean; contract?: { name: string } };
    expect(listed).toMatchObject({ vt_symbol: '600000.SSE', listed: true, contract: { name: '浦发银行' } });
  });

  it('shows the SIM’s simulated trading day while connected and moves it with 日终结算, in a gateway event', async () => {
    engine = await startEngine(tempVntraderDir());
    const { dispatcher, bus } = engine;
    const seen: GatewayInfo[] = [];
    bus.on('gateway', (g) => seen.push(g));
    const before = ((await dispatcher.dispatch('gateway/list', {})) as GatewayInfo[]).find((g) => g.name === 'SIM')!;
    expect(before.trading_day).toBeUndefined();
    const connected = (await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } })) as GatewayInfo;
    expect(connected.trading_day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dispatcher.dispatch('gateway/action', { gateway: 'SIM', action: 'settle-day' });
    const after = await waitFor(() => seen.find((g) => g.name === 'SIM' && g.trading_day !== undefined && g.trading_day > connected.trading_day!), 2000, 'next day');
    // The next weekday: one to three calendar days later.
    const days = (Date.parse(after.trading_day!) - Date.parse(connected.trading_day!)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(1);
    expect(days).toBeLessThanOrEqual(3);
    await dispatcher.dispatch('gateway/close', { gateway: 'SIM' });
    expect(((await dispatcher.dispatch('gateway/list', {})) as GatewayInfo[]).find((g) => g.name === 'SIM')!.trading_day).toBeUndefined();
  });
});
