/** The NATIVE gateway's callbacks through the relay (native/relay): used when built, nothing lost, batched. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NativeGateway } from '../../../gateways/native';
import { buildNative, connectedGateway, until } from './native-harness';

let gw: NativeGateway | undefined;
beforeAll(() => buildNative(), 120_000);
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe('callback relay', () => {
  it('carries a 20,000-event burst from the counter thread in batches, none lost', async () => {
    const c = await connectedGateway();
    gw = c.gw;
    let accounts = 0;
    c.sink.onAccount = () => void accounts++;
    const before = gw.relayStats();
    expect(before).toBeDefined();
    gw.testHooks()!.burst(20_000);
    await until(() => accounts >= 20_000, 10_000, 'the burst');
    const after = gw.relayStats()!;
    expect(after.events - before!.events).toBeGreaterThanOrEqual(20_000);
    expect(after.batches - before!.batches).toBeLessThan(20_000); // batched, not one wake each
  });

  it('closes cleanly with a burst still queued', async () => {
    const c = await connectedGateway();
    gw = c.gw;
    gw.testHooks()!.burst(50_000);
    await gw.close();
    expect(gw.relayStats()).toBeUndefined();
  });
});
