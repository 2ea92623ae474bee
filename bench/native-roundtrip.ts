/**
 * The NATIVE gateway through koffi against the simulated counter in C:
 *   - call_ns: one plain koffi call (tsc_abi_version)
 *   - callbacks_per_s: account reports pushed from the counter's thread into JS, end to end
 *     through the binding (decode, convert, queue, deliver)
 *   - roundtrip p50/p99: sendOrder → the fill's trade event out of the gateway, one at a time
 *   - orders_per_s: orders sent back to back until every one has filled
 *   - relay: whether callbacks went through native/relay (TSTRADER_NATIVE_RELAY=0: direct)
 *   - callback_batch: events per wake-up of JS during the callback burst (0 on the direct path)
 *
 *   npx tsx bench/native-roundtrip.ts   → one JSON line
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Direction, Exchange, Offset, OrderType, Status } from '../common/constants';
import type { GatewayEventSink } from '../common/gateway-api';
import type { OrderData, TradeData } from '../common/objects';
import { defaultLibraryPath, loadCounterLibrary, NativeGateway } from '../gateways/native';
import { MemoryStorage, NO_HISTORY } from '../test/fixtures/memory-storage';

export interface NativeBenchResult {
  bench: 'native-roundtrip';
  call_ns: number;
  callbacks_per_s: number;
  roundtrip_p50_us: number;
  roundtrip_p99_us: number;
  orders_per_s: number;
  relay: boolean;
  callback_batch: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export async function runNativeBench(roundTrips = 2000, pipelined = 5000, callbacks = 100_000): Promise<NativeBenchResult> {
  if (!fs.existsSync(defaultLibraryPath())) {
    spawnSync(process.execPath, [path.join(root, 'scripts', 'build-native.mjs'), '--strict', '--quiet'], { stdio: 'inherit' });
  }
  let onTrade: (t: TradeData) => void = () => undefined;
  let onOrder: (o: OrderData) => void = () => undefined;
  let accounts = 0;
  const noop = (): void => undefined;
  const sink: GatewayEventSink = {
    onTick: noop, onPosition: noop, onContract: noop, onLog: noop, onStatus: noop, onCredit: noop, onCompact: noop, onCreditAsset: noop,
    onAccount: () => { accounts++; },
    onOrder: (o) => onOrder(o),
    onTrade: (t) => onTrade(t),
  };
  const gw = new NativeGateway({ name: 'NATIVE', events: sink, now: Date.now, storage: new MemoryStorage(), history: NO_HISTORY });
  await gw.connect({ 动态库路径: '', 交易服务器: 'sim://bench?quote_ms=0', 用户名: 'sim001', 密码: '123456', 编码: 'UTF-8' });
  try {
    // koffi call overhead.
    const lib = loadCounterLibrary(defaultLibraryPath());
    const calls = 1_000_000;
    for (let i = 0; i < 10_000; i++) lib.probe();
    const c0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) lib.probe();
    const call_ns = Number(process.hrtime.bigint() - c0) / calls;

    // Callbacks from the counter's thread.
    const hooks = gw.testHooks()!;
    const before = accounts;
    const s0 = gw.relayStats();
    const b0 = process.hrtime.bigint();
    hooks.burst(callbacks);
    while (accounts - before < callbacks) await tick();
    const callbacks_per_s = Math.round((callbacks * 1e9) / Number(process.hrtime.bigint() - b0));
    const s1 = gw.relayStats();
    const callback_batch = s0 && s1 && s1.wakes > s0.wakes ? Math.round((s1.events - s0.events) / (s1.wakes - s0.wakes)) : 0;

    // Round trips, one at a time: a T+0 ETF bought and sold back keeps cash and holdings flat.
    const order = (i: number) => ({
      symbol: '511880', exchange: Exchange.SSE, type: OrderType.LIMIT, offset: Offset.NONE, reference: 'bench',
      direction: i % 2 ? Direction.SHORT : Direction.LONG, price: i % 2 ? 99.999 : 100.001, volume: 100,
    });
    const lat: number[] = [];
    for (let i = 0; i < roundTrips; i++) {
      if (i % 1000 === 0) hooks.setPrice('511880', 'SSE', 100); // refill the depth fills ate
      const t0 = process.hrtime.bigint();
      let done = false;
      onTrade = () => { done = true; };
      gw.sendOrder(order(i));
      while (!done) await tick();
      lat.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    lat.sort((a, b) => a - b);

    // Throughput, pipelined.
    hooks.setPrice('511880', 'SSE', 100);
    let filled = 0;
    onTrade = noop;
    onOrder = (o) => { if (o.status === Status.ALLTRADED) filled++; };
    const p0 = process.hrtime.bigint();
    for (let i = 0; i < pipelined; i++) {
      if (i % 500 === 499) hooks.setPrice('511880', 'SSE', 100);
      gw.sendOrder(order(i));
    }
    while (filled < pipelined) await tick();
    const orders_per_s = Math.round((pipelined * 1e9) / Number(process.hrtime.bigint() - p0));

    return {
      bench: 'native-roundtrip',
      call_ns: Math.round(call_ns),
      callbacks_per_s,
      roundtrip_p50_us: Math.round(percentile(lat, 0.5)),
      roundtrip_p99_us: Math.round(percentile(lat, 0.99)),
      orders_per_s,
      relay: s0 !== undefined,
      callback_batch,
    };
  } finally {
    await gw.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await runNativeBench()));
}
