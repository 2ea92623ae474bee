/**
 * Order sent → its event visible to a bridge client, through the real engine: createEngine
 * in a temp folder (database.db on disk), SIM connected, and a listener on the dispatcher
 * (what the WebSocket and IPC transports hang on). This is the path write-ahead publish
 * lengthens: an event leaves the engine only after the journal transaction holding it has
 * committed.
 *
 * - latency: one resting order at a time (MainEngine.sendOrder, then wait for its first
 *   `order` event at the listener), p50/p99 in µs, median over runs;
 * - throughput: bursts of orders sent back to back, timed until the last one's event is
 *   visible: orders per second, median over runs.
 *
 *   npx tsx bench/publish-latency.ts   (one JSON line)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { orderRequestOf } from '../common/bridge-contract';
import { Direction, OrderType } from '../common/constants';
import { createEngine, type Engine } from '../electron/engine/create-engine';
import { MemorySecretStore } from '../electron/engine/store';
import { isMain, median } from './stats';

const RUNS = 5;
const LATENCY_ORDERS = 500;
const BURST_ORDERS = 2_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function engineIn(dir: string): Promise<Engine> {
  // Risk checks off: the bench sends thousands of orders a second, which is what they stop.
  fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'risk.active': false }));
  const engine = await createEngine({ vntraderDir: dir, secretStore: new MemorySecretStore(), timer: false });
  await engine.main.connect('SIM', { '行情间隔(ms)': 3_600_000, 初始资金: 1e12 });
  return engine;
}

/** Resolves when the listener has seen an order event for each id in `ids`. */
function visibility(engine: Engine): { waitFor(id: string): Promise<void>; close(): void } {
  const waiting = new Map<string, () => void>();
  const seen = new Set<string>();
  const off = engine.dispatcher.onEvent((event, payload) => {
    if (event !== 'order') return;
    const id = (payload as { vt_orderid: string }).vt_orderid;
    seen.add(id);
    const done = waiting.get(id);
    if (done) {
      waiting.delete(id);
      done();
    }
  });
  return {
    waitFor(id) {
      if (seen.has(id)) return Promise.resolve();
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    close: off,
  };
}

export async function runPublishLatencyBench(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-bench-publish-'));
  const engine = await engineIn(dir);
  const seen = visibility(engine);
  const contract = engine.main.lookupContract('600000.SSE');
  // A buy at the day's floor rests: the event measured is the order's own acceptance.
  const send = () => engine.main.sendOrder(orderRequestOf({ direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: contract.limit_down }, contract));
  const p50s: number[] = [];
  const p99s: number[] = [];
  const rates: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      const lat: number[] = [];
      for (let i = 0; i < LATENCY_ORDERS; i++) {
        const t0 = performance.now();
        const id = send();
        await seen.waitFor(id);
        lat.push((performance.now() - t0) * 1000);
      }
      const t0 = performance.now();
      const ids: string[] = [];
      for (let i = 0; i < BURST_ORDERS; i++) ids.push(send());
      await Promise.all(ids.map((id) => seen.waitFor(id)));
      const rate = BURST_ORDERS / ((performance.now() - t0) / 1000);
      await engine.main.cancelAll('SIM');
      if (run === 0) continue; // warm-up
      lat.sort((a, b) => a - b);
      p50s.push(percentile(lat, 0.5));
      p99s.push(percentile(lat, 0.99));
      rates.push(rate);
    }
  } finally {
    seen.close();
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    bench: 'publish-latency',
    send_to_client_p50_us: Math.round(median(p50s)),
    send_to_client_p99_us: Math.round(median(p99s)),
    burst_orders: BURST_ORDERS,
    client_visible_orders_per_s: Math.round(median(rates)),
    runs_p50_us: p50s.map(Math.round),
    runs_orders_per_s: rates.map(Math.round),
  };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await runPublishLatencyBench()));
