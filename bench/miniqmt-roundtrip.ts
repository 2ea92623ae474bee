/**
 * The MINIQMT gateway through its Python sidecar, against the xtquant test double and the
 * fake MiniQMT (test/fixtures/xtquant). What is measured is our part — Node ↔ sidecar JSON
 * lines, the sidecar's calls and callbacks, the mapping — plus the double's own socket hop,
 * which a real MiniQMT replaces with its own (unknown) latency:
 *   - hello_ms: spawn to hello (Python start + import xtquant), median of 5
 *   - connect_ms: connect() to resolved (hello, connect, subscribe, xtdata contracts, state read)
 *   - roundtrip p50/p99: sendOrder → the fill's trade event, one at a time
 *   - orders_per_s: orders sent back to back until every one has filled
 *
 *   npx tsx bench/miniqmt-roundtrip.ts   → one JSON line (needs python3)
 */
import { Direction, Exchange, Offset, OrderType, Status } from '../common/constants';
import type { GatewayEventSink } from '../common/gateway-api';
import type { OrderData, TradeData } from '../common/objects';
import { MiniqmtGateway, sidecarScriptPath } from '../gateways/miniqmt';
import { SidecarProcess } from '../gateways/miniqmt/sidecar-process';
import { FakeMiniqmt, TEST_PYTHON, XTQUANT_DOUBLE_DIR } from '../test/fixtures/xtquant/fake-miniqmt';
import { isMain, median } from './stats';
import { MemoryStorage, NO_HISTORY } from '../test/fixtures/memory-storage';

export interface MiniqmtBenchResult {
  bench: 'miniqmt-roundtrip';
  hello_ms: number;
  connect_ms: number;
  roundtrip_p50_us: number;
  roundtrip_p99_us: number;
  orders_per_s: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

const tick = () => new Promise<void>((r) => setImmediate(r));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function helloMs(): Promise<number> {
  const t0 = process.hrtime.bigint();
  const s = new SidecarProcess(
    { python: TEST_PYTHON, script: sidecarScriptPath(), xtquantDir: XTQUANT_DOUBLE_DIR, helloTimeoutMs: 30_000 },
    { onEvent: () => undefined, onLog: () => undefined, onExit: () => undefined },
  );
  await s.ready;
  const took = ms(t0);
  await s.stop();
  return took;
}

export async function runMiniqmtBench(roundTrips = 500, pipelined = 2000): Promise<MiniqmtBenchResult> {
  const fake = await FakeMiniqmt.start();
  // Buys and sells of 600000 alternate: a large overnight holding to sell from, cash to buy with.
  await fake.setup([{ account_id: '880001', type: 'STOCK', cash: 1e10, positions: [{ code: '600000.SH', volume: 10_000_000, cost: 10 }] }]);
  let onTrade: (t: TradeData) => void = () => undefined;
  let onOrder: (o: OrderData) => void = () => undefined;
  const noop = (): void => undefined;
  const sink: GatewayEventSink = {
    onTick: noop, onPosition: noop, onContract: noop, onLog: noop, onStatus: noop, onCredit: noop, onCompact: noop, onCreditAsset: noop, onAccount: noop,
    onOrder: (o) => onOrder(o),
    onTrade: (t) => onTrade(t),
  };
  const gw = new MiniqmtGateway({ name: 'MINIQMT', events: sink, now: Date.now, storage: new MemoryStorage(), history: NO_HISTORY });
  try {
    const hellos: number[] = [];
    for (let i = 0; i < 5; i++) hellos.push(await helloMs());

    const c0 = process.hrtime.bigint();
    await gw.connect({ QMT路径: fake.userdata, 资金账号: '880001', 账户类型: '普通', Python路径: TEST_PYTHON, xtquant目录: XTQUANT_DOUBLE_DIR, '请求超时(秒)': 60 });
    const connect_ms = ms(c0);

    const order = (i: number) => ({
      symbol: '600000', exchange: Exchange.SSE, type: OrderType.LIMIT, offset: Offset.NONE, reference: 'bench',
      direction: i % 2 ? Direction.SHORT : Direction.LONG, price: 10, volume: 100,
    });
    const lat: number[] = [];
    for (let i = 0; i < roundTrips; i++) {
      const t0 = process.hrtime.bigint();
      let done = false;
      onTrade = () => { done = true; };
      gw.sendOrder(order(i));
      while (!done) await tick();
      lat.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    lat.sort((a, b) => a - b);

    let filled = 0;
    onTrade = noop;
    onOrder = (o) => { if (o.status === Status.ALLTRADED) filled++; };
    const p0 = process.hrtime.bigint();
    for (let i = 0; i < pipelined; i++) gw.sendOrder(order(i));
    while (filled < pipelined) await tick();
    const orders_per_s = Math.round((pipelined * 1e9) / Number(process.hrtime.bigint() - p0));

    return {
      bench: 'miniqmt-roundtrip',
      hello_ms: Math.round(median(hellos)),
      connect_ms: Math.round(connect_ms),
      roundtrip_p50_us: Math.round(percentile(lat, 0.5)),
      roundtrip_p99_us: Math.round(percentile(lat, 0.99)),
      orders_per_s,
    };
  } finally {
    await gw.close();
    await fake.stop();
  }
}

if (isMain(import.meta.url)) {
  console.log(JSON.stringify(await runMiniqmtBench()));
}
