/**
 * UI benchmark (`npm run bench:ui`): the real engine and bridge host in this process, the
 * built renderer in Debian's Chromium. For 30 s the engine pushes 5,000 row updates a
 * second across the monitors (行情, 委托, 持仓, 资金 and 日志) while the page counts frames and
 * long main-thread tasks. Prints one JSON line: fps, the longest task, and how many updates
 * the coalescer folded away.  Options: --seconds N --rate N.
 *
 * --soak: a compressed trading day for memory (#11 item 19). Every order is a new one that
 * finishes, each fill a new trade, and one update in 20 a log line — the rows a window piles up
 * over a day — while the JS heap is read after a forced GC (Chrome DevTools Protocol) at the
 * start, every --sample seconds and at the end. Prints one JSON line per sample and a summary.
 * E.g. `npm run bench:ui -- --soak --rate 2000 --seconds 1800` is a busy day's events at ~10×.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { Direction, Exchange, LogLevel, Offset, OrderType, Status } from '../common/constants';
import type { ContractData } from '../common/objects';
import { startBridgeServer } from '../electron/engine/bridge/ws-server';
import { createEngine } from '../electron/engine/create-engine';
import { MemorySecretStore } from '../electron/engine/store';
import { makeContract } from '../test/fixtures/contracts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '30' }, rate: { type: 'string', default: '5000' }, soak: { type: 'boolean', default: false }, sample: { type: 'string', default: '60' } },
});
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const SOAK = values.soak;
const SAMPLE_S = Number(values.sample);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const { buildRenderer } = (await import(path.join(ROOT, 'scripts/build.mjs'))) as { buildRenderer(o: { root: string }): Promise<string> };
await buildRenderer({ root: ROOT });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-bench-ui-'));
const engine = await createEngine({ vntraderDir: dir, secretStore: new MemorySecretStore(), builtinGatewaysDir: path.join(dir, 'none') });
const server = await startBridgeServer({ dispatcher: engine.dispatcher, staticDir: path.join(ROOT, 'dist/renderer') });
const bus = engine.bus;

// 300 symbols, 3,000 orders, 200 positions, 5 accounts: rows enough that coalescing matters.
const G = 'BENCH';
const contracts: ContractData[] = [];
for (let i = 0; i < 300; i++) {
  const symbol = String(600000 + i * 3);
  contracts.push({ ...makeContract(symbol, Exchange.SSE, 10 + (i % 50)), gateway_name: G, name: `标的${i}` });
}
for (const c of contracts) bus.emit('contract', c);

let seq = 0;
function tick(i: number) {
  const c = contracts[i % contracts.length]!;
  const last = Math.round((c.pre_close * (1 + ((seq % 200) - 100) / 2000)) * 100) / 100;
  bus.emit('tick', {
    gateway_name: G, symbol: c.symbol, exchange: c.exchange, vt_symbol: c.vt_symbol, datetime: Date.now(), name: c.name,
    volume: seq * 100, turnover: seq * 1000, last_price: last, last_volume: 100, limit_up: c.limit_up, limit_down: c.limit_down,
    open_price: c.pre_close, high_price: last + 0.1, low_price: last - 0.1, pre_close: c.pre_close,
    bid_price_1: last - 0.01, bid_price_2: last - 0.02, bid_price_3: last - 0.03, bid_price_4: last - 0.04, bid_price_5: last - 0.05,
    ask_price_1: last, ask_price_2: last + 0.01, ask_price_3: last + 0.02, ask_price_4: last + 0.03, ask_price_5: last + 0.04,
    bid_volume_1: 100, bid_volume_2: 200, bid_volume_3: 300, bid_volume_4: 400, bid_volume_5: 500,
    ask_volume_1: 100, ask_volume_2: 200, ask_volume_3: 300, ask_volume_4: 400, ask_volume_5: 500,
  });
}
function order(i: number) {
  const c = contracts[i % contracts.length]!;
  // Soak: every order new and finished at once, as a day's closed orders pile up.
  const id = SOAK ? `S${i}` : String(i % 3000);
  bus.emit('order', {
    gateway_name: G, symbol: c.symbol, exchange: c.exchange, vt_symbol: c.vt_symbol, orderid: id, vt_orderid: `${G}.${id}`,
    type: OrderType.LIMIT, direction: i % 2 ? Direction.LONG : Direction.SHORT, offset: Offset.NONE, price: c.pre_close, volume: 1000,
    traded: SOAK ? 1000 : (seq % 10) * 100, status: SOAK || seq % 10 === 9 ? Status.ALLTRADED : Status.PARTTRADED, datetime: Date.now(), reference: 'bench', status_msg: '',
  });
  if (SOAK) {
    bus.emit('trade', {
      gateway_name: G, symbol: c.symbol, exchange: c.exchange, vt_symbol: c.vt_symbol, orderid: id, vt_orderid: `${G}.${id}`, tradeid: `T${i}`, vt_tradeid: `${G}.T${i}`,
      direction: i % 2 ? Direction.LONG : Direction.SHORT, offset: Offset.NONE, price: c.pre_close, volume: 1000, datetime: Date.now(), fee: 5, commission: 5, stamp_duty: 0, transfer_fee: 0,
    });
  }
}
function position(i: number) {
  const c = contracts[i % 200]!;
  bus.emit('position', {
    gateway_name: G, symbol: c.symbol, exchange: c.exchange, vt_symbol: c.vt_symbol, vt_positionid: `${G}.${c.vt_symbol}.${Direction.LONG}`,
    direction: Direction.LONG, volume: 1000 + (seq % 10) * 100, yd_volume: 1000, frozen: 0, price: c.pre_close, last_price: c.pre_close + (seq % 7) / 100, pnl: (seq % 7) * 10,
  });
}
function account(i: number) {
  const id = `A${i % 5}`;
  bus.emit('account', { gateway_name: G, accountid: id, vt_accountid: `${G}.${id}`, balance: 1e6 + seq, frozen: seq % 1000, available: 1e6, market_value: 5e5 });
}

/** Soak: the accounts' share goes to log lines (one update in 20 in all), the rows a day piles up. */
function soakExtra(): void {
  if (seq % 4 === 0) account(seq);
  else bus.emit('log', { datetime: Date.now(), level: LogLevel.INFO, msg: `浸泡日志 ${seq}`, gateway_name: G });
}

// The mix per 100 updates: 50 ticks, 30 orders, 15 positions, 4 accounts, 1 log line.
function pushOne(): void {
  const k = seq % 100;
  if (k < 50) tick(seq);
  else if (k < 80) order(seq);
  else if (k < 95) position(seq);
  else if (k < 99 && !SOAK) account(seq);
  else if (k < 99) soakExtra();
  else bus.emit('log', { datetime: Date.now(), level: LogLevel.INFO, msg: `基准日志 ${seq}`, gateway_name: G });
  seq++;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto(server.url);
await page.waitForSelector('[data-grid="ticks"]');
// Every row exists before the clock starts: the benchmark measures updates, as a trading
// day is mostly updates of rows the monitors already show.
for (let i = 0; i < 300; i++) tick(i);
for (let i = 0; i < 3000; i++) order(i);
for (let i = 0; i < 200; i++) position(i);
for (let i = 0; i < 5; i++) account(i);
await page.waitForTimeout(2000);

// Frames and long tasks, counted in the page. Passed as text: tsx's helpers (__name) do
// not exist in the page, so a transpiled function cannot be shipped there.
await page.evaluate(`(() => {
  const b = { frames: 0, longest: 0, longTasks: 0, running: true };
  window.__bench = b;
  const loop = () => { b.frames++; if (b.running) requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { b.longTasks++; b.longest = Math.max(b.longest, e.duration); }
  }).observe({ type: 'longtask', buffered: false });
})()`);
// The JS heap after a forced GC: what the page holds, not what it has yet to collect.
const cdp = await page.context().newCDPSession(page);
async function heapMb(): Promise<{ heap_mb: number; dom_nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const nodes = (await page.evaluate('document.getElementsByTagName("*").length')) as number;
  return { heap_mb: Number((usedSize / 1048576).toFixed(1)), dom_nodes: nodes };
}
const heapStart = SOAK ? await heapMb() : undefined;
const samples: { t_s: number; heap_mb: number; dom_nodes: number }[] = [];
const statsBefore = (await page.evaluate('({ ...window.__tstraderStats })')) as { received: number; delivered: number; flushes: number };

const start = Date.now();
let sent = 0;
let sampling = Promise.resolve();
const sampler = SOAK
  ? setInterval(() => {
      sampling = sampling.then(async () => {
        const h = await heapMb();
        const t = Math.round((Date.now() - start) / 1000);
        samples.push({ t_s: t, ...h });
        console.log(JSON.stringify({ bench: 'ui-soak-sample', t_s: t, updates_sent: sent, ...h }));
      });
    }, SAMPLE_S * 1000)
  : undefined;
await new Promise<void>((resolve) => {
  // Push in 10 ms slices to a steady RATE, catching up if a slice ran late.
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - start) / 1000) * RATE);
    while (sent < due) {
      pushOne();
      sent++;
    }
    if (Date.now() - start >= SECONDS * 1000) {
      clearInterval(timer);
      resolve();
    }
  }, 10);
});
const elapsed = (Date.now() - start) / 1000;
clearInterval(sampler);
await sampling;
await page.waitForTimeout(300);

const result = (await page.evaluate(`(() => {
  window.__bench.running = false;
  return { ...window.__bench, stats: { ...window.__tstraderStats } };
})()`)) as { frames: number; longest: number; longTasks: number; stats: { received: number; delivered: number; flushes: number; maxFlushMs: number } };
await page.screenshot({ path: path.join(ROOT, 'test-results', 'bench-ui.png') }).catch(() => undefined);

const received = result.stats.received - statsBefore.received;
const delivered = result.stats.delivered - statsBefore.delivered;
console.log(
  JSON.stringify({
    bench: 'ui',
    seconds: Number(elapsed.toFixed(1)),
    updates_sent: sent,
    updates_per_s: Math.round(sent / elapsed),
    fps: Number((result.frames / (elapsed + 0.3)).toFixed(1)),
    longest_task_ms: Math.round(result.longest),
    long_tasks: result.longTasks,
    updates_received_by_page: received,
    rows_applied_after_coalescing: delivered,
    updates_coalesced: received - delivered,
    flushes_per_s: Number(((result.stats.flushes - statsBefore.flushes) / elapsed).toFixed(1)),
    max_flush_ms: Number(result.stats.maxFlushMs.toFixed(1)),
  }),
);

if (SOAK && heapStart) {
  const end = await heapMb();
  // Growth over the second half: a leak keeps climbing, a bounded window levels off.
  const mid = samples.find((x) => x.t_s >= elapsed / 2);
  console.log(
    JSON.stringify({
      bench: 'ui-soak',
      seconds: Number(elapsed.toFixed(0)),
      updates_per_s: Math.round(sent / elapsed),
      heap_mb_start: heapStart.heap_mb,
      heap_mb_mid: mid?.heap_mb,
      heap_mb_end: end.heap_mb,
      heap_growth_second_half_mb: mid ? Number((end.heap_mb - mid.heap_mb).toFixed(1)) : undefined,
      dom_nodes_start: heapStart.dom_nodes,
      dom_nodes_end: end.dom_nodes,
    }),
  );
}

await browser.close();
await server.close();
await engine.close();
