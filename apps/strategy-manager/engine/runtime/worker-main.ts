/**
 * Entry of a strategy worker thread (bundled by compile.ts and run with eval). It loads the
 * strategy, runs process_initialize, then loops: take messages from the engine's ring,
 * apply state, run callbacks, run due run_daily jobs, and sleep on the ring. It busy-polls
 * for spin_us after each message because a futex wake-up costs ~25 µs here, more than the
 * whole rest of the tick → order path; after that it sleeps, so an idle strategy costs
 * nothing. It yields to the event loop every 20 ms so a strategy's own timers and promises
 * still run.
 */
import { createRequire, SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { workerData } from 'node:worker_threads';
import { toJoinQuantCode, toPtradeCode, toXtQuantCode } from '../../../../common/symbol';
import { LogLevel, type Exchange } from '../../../../common/constants';
import { CALLBACK_NAMES, type CallbackName, type FromWorker, type ToWorker, type WorkerBoot } from '../protocol';
import type { CodeStyle } from '../strategy-types';
import { ControlBlock } from '../transport/control-block';
import { KIND_TICK, SEQ, SharedRing } from '../transport/shared-ring';
import { readTick, type StrategyTick } from '../transport/tick-codec';
import { API_NAMES, HOOK_NAMES, type HookName } from './api-names';
import { BarGenerator, type BarData } from './bar-generator';
import { CreditMirror } from './credit-mirror';
import { DailyScheduler, isWeekdayCst, cstMidnight, resolveTime } from './daily-scheduler';
import { OrderMirror } from './order-mirror';
import { PortfolioMirror } from './portfolio-mirror';
import { buildApi, StrategyApiError, type ApiHost, type ScheduledJob, type StrategyFn } from './strategy-api';

const boot = workerData as WorkerBoot;
const inbound = new SharedRing(boot.inbound);
const outbound = new SharedRing(boot.outbound);
const control = new ControlBlock(boot.control);
const W = (name: CallbackName): number => CALLBACK_NAMES.indexOf(name);
const YIELD_EVERY_MS = 20;
const MAX_SLEEP_MS = 20;
const SYNC_TIMEOUT_MS = 2_000;
/** How often a busy worker tells the engine its memory (a sample costs ~1.5 µs). */
const MEMORY_SAMPLE_MS = 10;

// ---- clock ---------------------------------------------------------------------------
const t0 = Date.now();
const clock = boot.clock;
const now: () => number =
  clock.kind === 'wall' ? Date.now : clock.kind === 'scaled' ? () => clock.start + (Date.now() - t0) * clock.speed : () => control.drivenNow;
const speed = clock.kind === 'scaled' ? clock.speed : 1;

// ---- codes ---------------------------------------------------------------------------
let codeStyle: CodeStyle = 'joinquant';
const codeCache = new Map<string, string>();
function codeOf(vt: string): string {
  let c = codeCache.get(vt);
  if (c === undefined) {
    const dot = vt.indexOf('.');
    const symbol = vt.slice(0, dot);
    const exchange = vt.slice(dot + 1) as Exchange;
    c = codeStyle === 'joinquant' ? toJoinQuantCode(symbol, exchange) : codeStyle === 'ptrade' ? toPtradeCode(symbol, exchange) : codeStyle === 'xtquant' ? toXtQuantCode(symbol, exchange) : vt;
    codeCache.set(vt, c);
  }
  return c;
}

// ---- outbound ------------------------------------------------------------------------
const sleeper = new Int32Array(new SharedArrayBuffer(4));
function send(msg: FromWorker): void {
  const deadline = Date.now() + 5_000;
  // The engine drains this ring on every wake-up; a full ring means it is far behind.
  while (!outbound.writeJson(msg)) {
    if (Date.now() > deadline) throw new StrategyApiError('发往引擎的消息队列已满（引擎繁忙）');
    Atomics.wait(sleeper, 0, 0, 1);
  }
}

/**
 * Node applies source maps to vm code on the main thread but not inside a worker (Node 20),
 * so the strategy's frames are mapped back to its own .ts lines here, with esbuild's inline
 * map and node:module's SourceMap.
 */
const sourceMap = ((): SourceMap | undefined => {
  const m = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(boot.code);
  try {
    return m ? new SourceMap(JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8')) as SourceMapPayload) : undefined;
  } catch {
    return undefined;
  }
})();
const escaped = boot.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FRAME = new RegExp(`${escaped}:(\\d+):(\\d+)`, 'g');

function mapFrame(line: string): string {
  if (!sourceMap) return line;
  return line.replace(FRAME, (whole, l: string, c: string) => {
    const e = sourceMap.findEntry(Number(l) - 1, Number(c) - 1) as { originalLine?: number; originalColumn?: number };
    return e.originalLine === undefined ? whole : `${boot.file}:${e.originalLine + 1}:${(e.originalColumn ?? 0) + 1}`;
  });
}

/** The strategy's frames only, at its own lines: the runtime's and Node's say nothing to its author. */
function describe(error: unknown): { msg: string; stack: string } {
  if (error instanceof Error) {
    const stack = (error.stack ?? `${error.name}: ${error.message}`)
      .split('\n')
      .filter((line) => !line.includes('[worker eval]') && !line.includes('node:internal'))
      .map(mapFrame)
      .join('\n');
    return { msg: error.message, stack };
  }
  return { msg: String(error), stack: String(error) };
}

function report(where: string, error: unknown): void {
  send({ t: 'error', where, ...describe(error) });
}

// ---- state ---------------------------------------------------------------------------
const orders = new OrderMirror();
const credit = new CreditMirror();
/** last trade price per vt_symbol from the ticks seen (the previous close before the first trade) */
const latest = new Map<string, number>();
function latestPrice(vt: string): number | undefined {
  const p = latest.get(vt) ?? portfolio.positions.get(vt)?.last_price;
  return p !== undefined && p > 0 ? p : undefined;
}
const portfolio = new PortfolioMirror(codeOf, { shorts: () => credit.shorts(), lastPrice: latestPrice });
// A driven (test) clock may jump: it runs every occurrence it passes, deterministically.
const scheduler = new DailyScheduler<ScheduledJob>(now(), clock.kind === 'driven' ? Infinity : 60_000);
let initializing = false;
let strategyDt: Date | null = null;
let syncReq = 0;
let syncAnswered = 0;
/** messages taken from the ring whose callbacks have not run yet */
let unacked = 0;

const context = {
  get current_dt(): Date {
    return new Date(now());
  },
  /** the time the running run_daily job was scheduled for */
  get strategy_dt(): Date | null {
    return strategyDt;
  },
  get portfolio() {
    return portfolio.portfolio;
  },
  params: boot.params,
  name: boot.name,
};

interface Pending {
  what: number;
  fn: StrategyFn;
  arg: unknown;
}
let queue: Pending[] = [];

const host: ApiHost = {
  now,
  send,
  initializing: () => initializing,
  scheduler,
  orders,
  credit,
  latestPrice,
  codeOf,
  setCodeStyle(style) {
    codeStyle = style;
    codeCache.clear();
  },
  syncWait(what) {
    const req = ++syncReq;
    send({ t: 'sync', req, what });
    const deadline = Date.now() + SYNC_TIMEOUT_MS;
    while (syncAnswered < req) {
      const seen = inbound.seq;
      // State updates apply now; callbacks they trigger wait until the current one returns.
      drainInbound();
      if (syncAnswered >= req) break;
      const left = deadline - Date.now();
      if (left <= 0) throw new StrategyApiError(`sync_${what === 'balance' ? 'balance' : 'orders'} 超时：引擎 ${SYNC_TIMEOUT_MS} ms 内未应答`);
      Atomics.wait(inbound.header, SEQ, seen, left);
    }
  },
};

const api = buildApi(host, boot.run_id);
const hooks: Partial<Record<HookName, StrategyFn>> = {};
const bars = new BarGenerator((bar: BarData) => {
  if (hooks.on_bar) queue.push({ what: W('on_bar'), fn: hooks.on_bar, arg: bar });
});

// The strategy's console goes to its log, with its name, like log.info.
const apiLog = api.log as Record<'info' | 'warn' | 'error' | 'debug', (...a: unknown[]) => void>;
console.log = apiLog.info;
console.info = apiLog.info;
console.warn = apiLog.warn;
console.error = apiLog.error;
console.debug = apiLog.debug;
process.on('uncaughtException', (error) => report('异步代码', error));
process.on('unhandledRejection', (error) => report('异步代码', error));

/**
 * Callback errors so far. At the limit the worker stops calling the strategy at once: the
 * engine ends the worker when the last error reaches it, and no callback may run between.
 */
let callbackErrors = 0;
function callbackFailed(what: number, error: unknown): void {
  callbackErrors++;
  report(CALLBACK_NAMES[what] ?? 'callback', error);
}
const overErrorLimit = () => boot.max_errors > 0 && callbackErrors >= boot.max_errors;

/**
 * The isolate's memory for the engine's watchdog: the V8 heap plus external memory, where
 * Buffers and ArrayBuffers live. The heap limit alone would let a strategy hold gigabytes
 * of Buffers (process.memoryUsage's rss is the whole process's, so it cannot tell whose).
 */
let nextMemorySample = 0;
function sampleMemory(): void {
  const h = v8.getHeapStatistics();
  control.reportMemory(h.used_heap_size + h.external_memory);
  nextMemorySample = performance.now() + MEMORY_SAMPLE_MS;
}

function invoke(what: number, fn: StrategyFn, arg: unknown): void {
  if (overErrorLimit()) return;
  control.enter(what);
  try {
    const result = arg === undefined ? fn(context) : fn(context, arg);
    if (result !== null && typeof result === 'object' && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(undefined, (error: unknown) => callbackFailed(what, error));
    }
  } catch (error) {
    callbackFailed(what, error);
  } finally {
    control.leave();
    if (performance.now() >= nextMemorySample) sampleMemory();
  }
}

// ---- inbound -------------------------------------------------------------------------
const peekOut = new Int32Array(2);

function onTick(tick: StrategyTick): void {
  // Live, a bar is the exchange's minute (tick time); on a simulated clock it is the
  // strategy's minute, or a 60× demo would still wait a real minute per bar.
  bars.update(tick.code, tick.vt_symbol, clock.kind === 'wall' ? tick.datetime : now(), tick.last_price, tick.volume, tick.turnover);
  const price = tick.last_price > 0 ? tick.last_price : tick.pre_close;
  if (price > 0) latest.set(tick.vt_symbol, price);
  if (hooks.on_tick) queue.push({ what: W('on_tick'), fn: hooks.on_tick, arg: tick });
}

function apply(msg: ToWorker): void {
  switch (msg.t) {
    case 'order': {
      const changed = orders.onOrder(msg.oid, msg.data, now());
      // A copy: the callback must see the status of this update, not a later one's.
      if (changed && hooks.on_order) queue.push({ what: W('on_order'), fn: hooks.on_order, arg: { ...changed } });
      break;
    }
    case 'ack':
      orders.onAck(msg.oid, msg.vt_orderid);
      break;
    case 'reject': {
      const o = orders.onReject(msg.oid, msg.msg);
      if (o && hooks.on_order) queue.push({ what: W('on_order'), fn: hooks.on_order, arg: { ...o } });
      break;
    }
    case 'trade': {
      const t = orders.onTrade(msg.oid, msg.data);
      if (t && hooks.on_trade) queue.push({ what: W('on_trade'), fn: hooks.on_trade, arg: t });
      break;
    }
    case 'account':
      portfolio.account = msg.data;
      break;
    case 'positions':
      portfolio.setAll(msg.data);
      break;
    case 'position':
      portfolio.setPosition(msg.data);
      break;
    case 'credit':
      credit.detail = msg.data;
      break;
    case 'compacts':
      credit.setAll(msg.data);
      break;
    case 'compact':
      credit.setCompact(msg.data);
      break;
    case 'synced':
      if (msg.req > syncAnswered) syncAnswered = msg.req;
      break;
  }
}

function drainInbound(): number {
  let n = 0;
  for (let off = inbound.peek(peekOut); off >= 0; off = inbound.peek(peekOut)) {
    const kind = peekOut[0];
    const len = peekOut[1]!;
    if (kind === KIND_TICK) {
      const tick = readTick(inbound, off, len, codeOf);
      inbound.release(off, len);
      onTick(tick);
    } else {
      const msg = inbound.readJson<ToWorker>(off, len);
      inbound.release(off, len);
      apply(msg);
    }
    n++;
  }
  unacked += n;
  return n;
}

function runPending(): void {
  // Callbacks may queue more (e.g. a bar finished by the clock); take the queue as it is.
  while (queue.length) {
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; i++) {
      if (control.stopRequested) return;
      const p = batch[i]!;
      invoke(p.what, p.fn, p.arg);
    }
  }
}

// ---- schedule ------------------------------------------------------------------------
let nextDue: number | undefined;
let nextBarFlush = Math.floor(now() / 60_000) * 60_000 + 60_000;

function runClock(): void {
  const t = now();
  if (t >= nextBarFlush) {
    bars.flush(t);
    nextBarFlush = Math.floor(t / 60_000) * 60_000 + 60_000;
  }
  if (nextDue !== undefined && t >= nextDue) {
    const { firings, skipped } = scheduler.due(t);
    if (skipped) send({ t: 'log', level: LogLevel.WARNING, msg: `时钟跳过了 ${skipped} 次定时任务（落后超过 60 秒），未补跑` });
    for (const f of firings) {
      if (control.stopRequested) return;
      strategyDt = new Date(f.at);
      invoke(f.payload.what, f.payload.fn, undefined);
      strategyDt = null;
    }
    nextDue = scheduler.nextAfter(t);
  }
  runPending();
}

function sleepMs(): number {
  if (clock.kind === 'driven') return MAX_SLEEP_MS; // setTime pokes the ring
  const t = now();
  const until = Math.min(nextDue ?? Infinity, nextBarFlush);
  return Math.max(0, Math.min(MAX_SLEEP_MS, (until - t) / speed));
}

// ---- load and run --------------------------------------------------------------------
function load(): void {
  control.enter(W('load'));
  try {
    const factory = vm.runInThisContext(boot.code, { filename: boot.file }) as (...args: unknown[]) => {
      exports: Record<string, unknown>;
      locals: Record<string, unknown>;
    };
    const module = { exports: {} as Record<string, unknown> };
    const req = createRequire(path.resolve(boot.file));
    const found = factory(module.exports, module, req, boot.file, path.dirname(boot.file), ...API_NAMES.map((n) => api[n]));
    for (const name of HOOK_NAMES) {
      const fn = (module.exports[name] ?? found.exports?.[name] ?? found.locals[name]) as unknown;
      if (typeof fn === 'function') hooks[name] = fn as StrategyFn;
    }
  } finally {
    control.leave();
  }
}

function initialise(): void {
  // jqtrade's get_orders is the day's orders: at each day's preparation time, before the
  // strategy's before_trading_start, a task that runs for days forgets the orders that are
  // done (those still working stay). The backtest does the same at each new bar day.
  scheduler.add('open-30m', { fn: () => void orders.newDay(), what: W('before_trading_start') });
  // Lifecycle first, so at equal times they run before the strategy's own jobs.
  if (hooks.before_trading_start) scheduler.add('open-30m', { fn: hooks.before_trading_start, what: W('before_trading_start') });
  if (hooks.after_trading_end) scheduler.add('close+30m', { fn: hooks.after_trading_end, what: W('after_trading_end') });
  const init = hooks.process_initialize ?? hooks.initialize;
  if (init) {
    initializing = true;
    control.enter(W('process_initialize'));
    try {
      init(context);
    } finally {
      control.leave();
      initializing = false;
    }
  }
  // Started during a trading day (after before_trading_start's time, before the close):
  // run it once now, as JoinQuant does, so the day's preparation is not skipped.
  const t = now();
  const period = scheduler.marketPeriod;
  const secs = (t - cstMidnight(t)) / 1000;
  if (hooks.before_trading_start && isWeekdayCst(t) && secs > resolveTime('open-30m', period)[0]! && secs < resolveTime('close', period)[0]!) {
    queue.push({ what: W('before_trading_start'), fn: hooks.before_trading_start, arg: undefined });
  }
  nextDue = scheduler.nextAfter(t);
}

async function main(): Promise<void> {
  try {
    load();
    // The engine pushed the account, positions and credit figures before starting the
    // thread: apply them now, so process_initialize already sees them (get_margin_assert).
    drainInbound();
    initialise();
  } catch (error) {
    send({ t: 'fatal', ...describe(error) });
    process.exit(1);
  }
  sampleMemory();
  send({ t: 'ready' });

  let lastActive = performance.now();
  let lastYield = lastActive;
  for (;;) {
    const seen = inbound.seq;
    const n = drainInbound();
    runPending();
    if (unacked) {
      control.addAck(unacked);
      unacked = 0;
    }
    if (control.stopRequested) break;
    runClock();
    const t = performance.now();
    if (t - lastYield >= YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      continue;
    }
    if (n > 0) {
      lastActive = t;
      continue;
    }
    if ((t - lastActive) * 1000 < control.spinUs) continue;
    sampleMemory();
    Atomics.wait(inbound.header, SEQ, seen, sleepMs());
  }
  send({ t: 'stopped' });
  process.exit(0);
}

void main();
