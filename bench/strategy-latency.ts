/**
 * Tick → strategy worker → order accepted at the gateway, through the real engine and SIM:
 * a tick is emitted on the bus, each strategy's on_tick calls order(), and the clock stops
 * when MainEngine.sendOrder has returned the gateway's vt_orderid. p50/p99 in µs with 1
 * and with 10 strategies on the same code, each the median over runs, for ticks arriving
 * back to back ("hot": the worker is still polling) and 2 ms apart ("cold": it sleeps and
 * must be woken). Then the ticks per second one strategy consumes.
 *
 *   npx tsx bench/strategy-latency.ts   (one JSON line)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Direction, OrderType } from '../common/constants';
import type { TickData } from '../common/objects';
import { createEngine, type Engine } from '../electron/engine/create-engine';
import { MemorySecretStore } from '../electron/engine/store';
import { StrategyEngine } from '../electron/engine/strategy';
import { isMain, median } from './stats';

const RUNS = 5;
const TICKS_PER_RUN = 2_000;
const CONSUME_TICKS = 100_000;

const ORDERING = `
  function process_initialize() { subscribe('600000.SSE'); }
  function on_tick(context, tick) { if (tick.volume > 0) order(tick.code, 100, LimitOrderStyle(tick.limit_down)); }
`;
const COUNTING = `
  let n = 0;
  function process_initialize() { subscribe('600000.SSE'); }
  function on_tick() { n++; }
`;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const turn = () => new Promise((r) => setImmediate(r));

async function engineIn(dir: string): Promise<Engine> {
  // Risk checks off: the bench sends thousands of orders a second, which is what they stop.
  fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'risk.active': false }));
  const engine = await createEngine({ vntraderDir: dir, secretStore: new MemorySecretStore(), timer: false });
  await engine.main.connect('SIM', { '行情间隔(ms)': 3_600_000, 初始资金: 1e12 });
  engine.main.subscribe('600000.SSE');
  await sleep(20);
  return engine;
}

function tickOf(base: TickData, i: number): TickData {
  return Object.assign({}, base, { datetime: base.datetime + i, volume: base.volume + i + 1, last_price: base.last_price });
}

/** One configuration: `n` strategies, `gapMs` between ticks. Returns median p50/p99 (µs). */
async function latency(engine: Engine, dir: string, n: number, gapMs: number): Promise<{ p50: number; p99: number }> {
  const strategies = new StrategyEngine({ bus: engine.published, oms: engine.oms, main: engine.main, dir, persist: false });
  const file = path.join(dir, 'ordering.js');
  fs.writeFileSync(file, ORDERING);
  for (let i = 0; i < n; i++) {
    strategies.add({ name: `s${i}`, file });
    await strategies.start(`s${i}`);
  }
  await sleep(100);
  const base = engine.oms.ticks.get('600000.SSE')!;
  const main = engine.main;
  const original = main.sendOrder.bind(main);
  const stamps: number[] = [];
  main.sendOrder = (args) => {
    const id = original(args);
    stamps.push(performance.now());
    return id;
  };
  const p50s: number[] = [];
  const p99s: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      const lat: number[] = [];
      const ticks = gapMs > 0 ? TICKS_PER_RUN / 4 : TICKS_PER_RUN;
      for (let i = 0; i < ticks; i++) {
        stamps.length = 0;
        const t0 = performance.now();
        engine.bus.emit('tick', tickOf(base, run * TICKS_PER_RUN + i));
        while (stamps.length < n) await turn();
        for (const s of stamps) lat.push((s - t0) * 1000);
        // Each tick arrives in its own event-loop turn, as from a counter: the gateway's
        // order reports (delivered on a microtask) are out before the next tick.
        if (gapMs > 0) await sleep(gapMs);
        else await turn();
      }
      if (run === 0) continue; // warm-up
      lat.sort((a, b) => a - b);
      p50s.push(percentile(lat, 0.5));
      p99s.push(percentile(lat, 0.99));
    }
  } finally {
    main.sendOrder = original;
    await strategies.close();
  }
  return { p50: Number(median(p50s).toFixed(1)), p99: Number(median(p99s).toFixed(1)) };
}

/**
 * The same path with no worker: the tick handler calls sendOrder on the engine's thread, as
 * vn.py's in-process strategies do. The difference to latency() is what the thread costs;
 * on this VM even this path is several times slower when ticks arrive after an idle gap
 * (cold caches), so each worker figure is compared with the baseline of the same gap.
 */
async function inProcess(engine: Engine, gapMs: number): Promise<{ p50: number; p99: number }> {
  const base = engine.oms.ticks.get('600000.SSE')!;
  let t0 = 0;
  const lat: number[] = [];
  const off = engine.bus.on('tick', (t) => {
    if (t.volume <= 0) return;
    engine.main.sendOrder({ code: t.vt_symbol, direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: t.limit_down });
    lat.push((performance.now() - t0) * 1000);
  });
  const p50s: number[] = [];
  const p99s: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      lat.length = 0;
      const ticks = gapMs > 0 ? TICKS_PER_RUN / 4 : TICKS_PER_RUN;
      for (let i = 0; i < ticks; i++) {
        t0 = performance.now();
        engine.bus.emit('tick', tickOf(base, run * TICKS_PER_RUN + i));
        if (gapMs > 0) await sleep(gapMs);
        else await turn();
      }
      if (run === 0) continue;
      const sorted = [...lat].sort((a, b) => a - b);
      p50s.push(percentile(sorted, 0.5));
      p99s.push(percentile(sorted, 0.99));
    }
  } finally {
    off();
  }
  return { p50: Number(median(p50s).toFixed(1)), p99: Number(median(p99s).toFixed(1)) };
}

/** Ticks per second one strategy consumes (transport + decode + on_tick), median over runs. */
async function consumeRate(engine: Engine, dir: string): Promise<number> {
  const strategies = new StrategyEngine({ bus: engine.published, oms: engine.oms, main: engine.main, dir, persist: false, tickWaitUs: 0 });
  const file = path.join(dir, 'counting.js');
  fs.writeFileSync(file, COUNTING);
  strategies.add({ name: 'counter', file });
  await strategies.start('counter');
  await sleep(50);
  const base = engine.oms.ticks.get('600000.SSE')!;
  const rates: number[] = [];
  const batch = 2_000;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    for (let sent = 0; sent < CONSUME_TICKS; sent += batch) {
      for (let i = 0; i < batch; i++) engine.bus.emit('tick', tickOf(base, sent + i));
      while (strategies.status('counter').queued > 0) await turn();
    }
    rates.push(CONSUME_TICKS / ((performance.now() - t0) / 1000));
  }
  const dropped = strategies.status('counter').dropped_ticks;
  await strategies.close();
  if (dropped) throw new Error(`ticks were dropped (${dropped}): the rate would be overstated`);
  return Math.round(median(rates));
}

export async function runStrategyBench(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-bench-'));
  const engine = await engineIn(dir);
  try {
    const baseline_hot = await inProcess(engine, 0);
    const baseline_cold = await inProcess(engine, 2);
    const one_hot = await latency(engine, dir, 1, 0);
    const one_cold = await latency(engine, dir, 1, 2);
    const ten_hot = await latency(engine, dir, 10, 0);
    const ten_cold = await latency(engine, dir, 10, 2);
    const ticks_per_s = await consumeRate(engine, dir);
    return {
      bench: 'strategy-latency',
      unit: 'µs, tick emitted → MainEngine.sendOrder returned (gateway accepted), median of runs',
      runs: RUNS,
      ticks_per_run: TICKS_PER_RUN,
      cores: os.cpus().length,
      in_process_baseline_back_to_back: baseline_hot,
      in_process_baseline_2ms_apart: baseline_cold,
      one_strategy_back_to_back: one_hot,
      one_strategy_2ms_apart: one_cold,
      ten_strategies_back_to_back: ten_hot,
      ten_strategies_2ms_apart: ten_cold,
      one_strategy_ticks_per_s: ticks_per_s,
    };
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  console.log(JSON.stringify(await runStrategyBench()));
  // The SIM quote timer and the strategy workers are gone; nothing else should hold us.
  process.exit(0);
}

