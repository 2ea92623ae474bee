/**
 * The strategy engine: the list of strategies (persisted in strategies.json), and for each
 * running one a StrategyRunner with its worker. It routes the port's events to the workers (ticks of
 * what each subscribed to, its own orders and fills, its gateway's account and positions),
 * watches for callbacks that run too long, and is the API the manager window and the CLI
 * call: list / add / update / remove / start / stop / status / logs / orders / trades.
 *
 * After fanning a tick out it waits a bounded time (tickWaitUs) for workers that were idle
 * to finish with it, then serves their orders at once: that is what keeps tick → order at
 * the gateway within a few µs of vn.py's in-process figure. A worker that is behind is not
 * waited for, so a slow strategy cannot hold the engine.
 *
 * Everything it trades and reads goes through one TradingPort (electron/engine/trading):
 * the live engine today, a backtest broker tomorrow.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACTIVE_STATUSES, GatewayStatus, LogLevel } from '../../../common/constants';
import { TraderError } from '../../../common/errors';
import type { CompactData, CreditDetail } from '../../../common/credit';
import type { AccountData, LogData, OrderData, PositionData, TickData, TradeData } from '../../../common/objects';
import type { TradingPort } from '../../../electron/engine/trading/trading-port';
import { compileStrategy, workerRuntimeSource } from './compile';
import { closedMessage, nextSessionStart } from '../common/market-hours';
import { StrategyRunner } from './strategy-runner';
import { loadStrategies, normaliseStrategy, saveStrategies } from './strategy-store';
import { StrategyStatus, type StrategyInfo, type StrategyInput, type StrategyOrder, type StrategySettings } from './strategy-types';

export interface StrategyEngineOptions {
  /** where orders go and state and events come from */
  port: TradingPort;
  /** the vntrader folder (strategies.json) */
  dir: string;
  /** keep the list in strategies.json (false: the CLI's one-off task) */
  persist?: boolean;
  /** longest the engine waits for idle workers after a tick, µs (0 = never wait) */
  tickWaitUs?: number;
  /** how long a worker busy-polls after a message before sleeping, µs */
  spinUs?: number;
  /** the strategies' clock (tests drive it); default the port's */
  now?: () => number;
}

const LOG_LINES = 500;
const MIB = 1024 * 1024;
/** Files a strategy may be written in (compile.ts transpiles them). */
const SCRIPT_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts']);
const DEFAULT_TICK_WAIT_US = 500;
const DEFAULT_SPIN_US = 200;

interface Entry {
  settings: StrategySettings;
  status: StrategyStatus;
  message: string;
  errors: number;
  droppedBefore: number;
  started: number | null;
  runner: StrategyRunner | undefined;
  logs: LogData[];
  /** settles when the current run has started (ready) or failed */
  ready?: { resolve: () => void; reject: (e: Error) => void };
  /** set when the engine itself ends the run (stop, error limit, watchdog) */
  ending?: { status: StrategyStatus; message: string };
}

export class StrategyEngine {
  private readonly entries = new Map<string, Entry>();
  private readonly bySymbol = new Map<string, StrategyRunner[]>();
  private readonly byOrder = new Map<string, StrategyRunner>();
  private readonly listeners = new Set<(info: StrategyInfo) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly persist: boolean;
  private readonly tickWaitMs: number;
  private readonly spinUs: number;
  private readonly now: () => number;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  /**
   * Account and position reports come in bursts (SIM sends both after every order event);
   * only the latest of each matters, so they are held to the end of the burst (a microtask)
   * and sent once to each strategy on that gateway.
   */
  private readonly accounts = new Map<string, AccountData>();
  private readonly positions = new Map<string, PositionData>();
  /** credit figures by gateway and compacts by vt_compactid, held like accounts (SIM recomputes them on every price) */
  private readonly credits = new Map<string, CreditDetail>();
  private readonly compacts = new Map<string, CompactData>();
  private flushScheduled = false;
  /** whether threads are few enough for busy-polling (worker and engine side) */
  private spinning = true;
  private readonly cores = os.availableParallelism();
  private closed = false;

  constructor(private readonly opts: StrategyEngineOptions) {
    this.persist = opts.persist ?? true;
    this.tickWaitMs = (opts.tickWaitUs ?? DEFAULT_TICK_WAIT_US) / 1000;
    this.spinUs = opts.spinUs ?? DEFAULT_SPIN_US;
    this.now = opts.now ?? (() => opts.port.now());
    if (this.persist) {
      const loaded = loadStrategies(opts.dir);
      for (const p of loaded.problems) opts.port.log(p, LogLevel.ERROR, '策略');
      for (const s of loaded.strategies) this.entries.set(s.name, this.newEntry(s));
    }
    const { port } = opts;
    this.unsubscribe.push(
      port.on('tick', (t) => this.onTick(t)),
      port.on('order', (o) => this.onOrder(o)),
      port.on('trade', (t) => this.byOrder.get(t.vt_orderid)?.pushTrade(t)),
      port.on('account', (a) => this.coalesce(() => this.accounts.set(a.gateway_name, a))),
      port.on('position', (p) => this.coalesce(() => this.positions.set(p.vt_positionid, p))),
      port.on('credit', (c) => this.coalesce(() => this.credits.set(c.gateway_name, c))),
      port.on('compact', (c) => this.coalesce(() => this.compacts.set(c.vt_compactid, c))),
      port.on('log', (l) => this.keepLog(l)),
    );
  }

  private newEntry(settings: StrategySettings): Entry {
    return { settings, status: StrategyStatus.STOPPED, message: '', errors: 0, droppedBefore: 0, started: null, runner: undefined, logs: [] };
  }

  // ---- the API ------------------------------------------------------------------------

  /** Be told of every status change (the window's 'strategy' event). */
  onChange(listener: (info: StrategyInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): StrategyInfo[] {
    return [...this.entries.values()].map((e) => this.infoOf(e));
  }

  status(name: string): StrategyInfo {
    return this.infoOf(this.entry(name));
  }

  /**
   * Add a strategy. The file must exist and be a script (.ts/.js), and the gateway must be
   * one the engine has; whether the file compiles is checked by addChecked (asynchronous).
   */
  add(input: StrategyInput): StrategyInfo {
    const settings = normaliseStrategy(input);
    if (this.entries.has(settings.name)) throw new TraderError('STRATEGY_EXISTS', `策略名称“${settings.name}”已存在`);
    this.checkSettings(settings);
    const entry = this.newEntry(settings);
    this.entries.set(settings.name, entry);
    this.save();
    this.log(settings.name, `已添加策略 ${settings.name}（${settings.file}，接口 ${settings.gateway}）`);
    this.changed(entry);
    return this.infoOf(entry);
  }

  /** add(), after checking that the file compiles: the 策略管理 window's path, so a typo shows at once. */
  async addChecked(input: StrategyInput): Promise<StrategyInfo> {
    const settings = normaliseStrategy(input);
    this.checkSettings(settings);
    await compileStrategy(settings.file);
    return this.add(input);
  }

  /** update(), checking a changed file compiles first. */
  async updateChecked(name: string, patch: Partial<Omit<StrategySettings, 'name'>>): Promise<StrategyInfo> {
    if (patch.file !== undefined) {
      const settings = normaliseStrategy({ ...this.entry(name).settings, ...patch, name });
      this.checkSettings(settings);
      await compileStrategy(settings.file);
    }
    return this.update(name, patch);
  }

  /** Change a stopped strategy's settings (not its name). */
  update(name: string, patch: Partial<Omit<StrategySettings, 'name'>>): StrategyInfo {
    const entry = this.entry(name);
    if (this.isActive(entry)) throw new TraderError('STRATEGY_RUNNING', `策略 ${name} 运行中，请先停止再修改`);
    const merged: StrategyInput = { ...entry.settings, ...patch, name };
    const settings = normaliseStrategy(merged);
    if (patch.file !== undefined || patch.gateway !== undefined) this.checkSettings(settings);
    entry.settings = settings;
    this.save();
    this.changed(entry);
    return this.infoOf(entry);
  }

  remove(name: string): void {
    const entry = this.entry(name);
    if (this.isActive(entry)) throw new TraderError('STRATEGY_RUNNING', `策略 ${name} 运行中，请先停止再删除`);
    this.entries.delete(name);
    this.save();
    this.log(name, `已删除策略 ${name}`);
  }

  async start(name: string): Promise<StrategyInfo> {
    if (this.closed) throw new TraderError('ENGINE_CLOSED', '引擎已关闭');
    const entry = this.entry(name);
    if (this.isActive(entry)) throw new TraderError('STRATEGY_RUNNING', `策略 ${name} 已在运行`);
    const s = entry.settings;
    const gatewayStatus = this.opts.port.gatewayStatus(s.gateway);
    if (gatewayStatus === undefined) throw new TraderError('UNKNOWN_GATEWAY', `策略 ${name} 的接口 ${s.gateway} 不存在`);
    if (gatewayStatus !== GatewayStatus.CONNECTED) throw new TraderError('GATEWAY_NOT_CONNECTED', `接口 ${s.gateway} 未连接，请先连接再启动策略`);

    this.setStatus(entry, StrategyStatus.STARTING, '');
    entry.errors = 0;
    entry.ending = undefined;
    let code: string;
    let runtime: string;
    try {
      [code, runtime] = await Promise.all([compileStrategy(s.file), workerRuntimeSource()]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(name, message, LogLevel.ERROR);
      this.setStatus(entry, StrategyStatus.ERROR, message);
      throw error;
    }
    const runner: StrategyRunner = new StrategyRunner(s, {
      port: this.opts.port,
      now: this.now,
      log: (msg, level) => this.log(name, msg, level),
      subscribe: (r, vt) => this.subscribe(r, vt),
      ownOrder: (vt, r) => this.byOrder.set(vt, r),
      onReady: () => {
        entry.started = this.now();
        this.log(name, `策略已启动（线程 ${runner.threadId ?? '?'}）`);
        this.setStatus(entry, StrategyStatus.RUNNING, this.sessionNote(entry));
        entry.ready?.resolve();
      },
      onError: (count) => {
        entry.errors = count;
        const max = entry.settings.max_errors;
        if (max > 0 && count >= max) void this.end(entry, StrategyStatus.ERROR, `回调出错 ${count} 次，已达上限 ${max}，策略已停止`, true);
        else this.changed(entry);
      },
      onFatal: (message) => {
        entry.ending = { status: StrategyStatus.ERROR, message: `初始化失败：${message}` };
      },
      onExit: (exitCode, error) => this.onExit(entry, runner, exitCode, error),
    });
    entry.runner = runner;
    const ready = new Promise<void>((resolve, reject) => (entry.ready = { resolve, reject }));
    runner.start(code, runtime, crypto.randomBytes(3).toString('hex'));
    this.updateSpin();
    this.armWatchdog();
    try {
      await ready;
    } finally {
      entry.ready = undefined;
    }
    return this.infoOf(entry);
  }

  /** Stop after the current callback; cancels working orders if the settings say so. */
  async stop(name: string): Promise<StrategyInfo> {
    const entry = this.entry(name);
    if (!entry.runner?.alive) return this.infoOf(entry);
    await this.end(entry, StrategyStatus.STOPPED, '已停止', true);
    return this.infoOf(entry);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.entries.values()].filter((e) => e.runner?.alive).map((e) => this.end(e, StrategyStatus.STOPPED, '已停止', true)));
  }

  /** The strategy's recent log lines, oldest first. */
  logs(name: string): LogData[] {
    return [...this.entry(name).logs];
  }

  /** Today's orders the strategy sent (the OMS's, so restored ones count), with the ids it knows them by. */
  orders(name: string): StrategyOrder[] {
    const entry = this.entry(name);
    const ids = entry.runner?.vtToOid;
    const out: StrategyOrder[] = [];
    for (const o of this.opts.port.orders()) {
      if (o.reference !== name) continue;
      const so = Object.assign({}, o, { order_id: ids?.get(o.vt_orderid) ?? '' }) as StrategyOrder;
      out.push(so);
    }
    return out;
  }

  trades(name: string): TradeData[] {
    const mine = new Set(this.orders(name).map((o) => o.vt_orderid));
    return [...this.opts.port.trades()].filter((t) => mine.has(t.vt_orderid));
  }

  /** Move the clock of every strategy on a driven clock (tests). */
  setTime(ms: number): void {
    for (const e of this.entries.values()) if (e.runner?.alive && e.settings.clock.kind === 'driven') e.runner.setDrivenNow(ms);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopAll();
    if (this.watchdog) clearInterval(this.watchdog);
    for (const off of this.unsubscribe.splice(0)) off();
  }

  // ---- bus → workers ------------------------------------------------------------------

  private onTick(tick: TickData): void {
    const list = this.bySymbol.get(tick.vt_symbol);
    if (list === undefined) return;
    if (this.tickWaitMs <= 0) {
      for (let i = 0; i < list.length; i++) list[i]!.pushTick(tick);
      return;
    }
    // Wait only for workers that were keeping up: one that is behind would only cost us time.
    let waitFor = 0;
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      const keepingUp = r.responsive;
      r.pushTick(tick);
      if (keepingUp) waitFor |= 1 << Math.min(i, 30);
    }
    if (waitFor === 0) return;
    const deadline = performance.now() + this.tickWaitMs;
    for (let i = 0; i < list.length; i++) {
      if ((waitFor & (1 << Math.min(i, 30))) === 0) continue;
      const r = list[i]!;
      if (this.spinning) {
        while (!r.caughtUp && performance.now() < deadline) {
          // busy-wait: sleeping would cost a futex wake-up, the very latency this avoids
        }
      } else {
        // More threads than cores: spinning would take the core a worker needs.
        r.sleepUntilCaughtUp(deadline);
      }
      r.drain();
    }
  }

  private onOrder(order: OrderData): void {
    let runner = this.byOrder.get(order.vt_orderid);
    if (runner === undefined) {
      // A gateway that reports an order inside sendOrder, before it returned the id.
      const entry = this.entries.get(order.reference);
      const r = entry?.runner;
      if (r?.sendingOid === undefined) return;
      r.own(r.sendingOid, order.vt_orderid);
      runner = r;
    }
    runner.pushOrder(order);
  }

  private coalesce(keep: () => void): void {
    keep();
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => this.flushHoldings());
  }

  private flushHoldings(): void {
    this.flushScheduled = false;
    for (const a of this.accounts.values()) this.forGateway(a.gateway_name, (r) => r.pushAccount(a));
    for (const p of this.positions.values()) this.forGateway(p.gateway_name, (r) => r.pushPosition(p));
    for (const c of this.credits.values()) this.forGateway(c.gateway_name, (r) => r.pushCredit(c));
    for (const c of this.compacts.values()) this.forGateway(c.gateway_name, (r) => r.pushCompact(c));
    this.accounts.clear();
    this.positions.clear();
    this.credits.clear();
    this.compacts.clear();
  }

  /** Busy-poll only while every running worker and the engine can have a core of their own. */
  private updateSpin(): void {
    const running = [...this.entries.values()].filter((e) => e.runner?.alive);
    this.spinning = running.length < this.cores;
    for (const e of running) e.runner!.control.spinUs = this.spinning ? this.spinUs : 0;
  }

  private forGateway(gateway: string, fn: (r: StrategyRunner) => void): void {
    for (const e of this.entries.values()) if (e.runner?.alive && e.settings.gateway === gateway) fn(e.runner);
  }

  private subscribe(runner: StrategyRunner, vt: string): void {
    const list = this.bySymbol.get(vt) ?? [];
    if (list.includes(runner)) return;
    try {
      this.opts.port.subscribe(vt, runner.settings.gateway);
    } catch (error) {
      this.log(runner.name, `订阅 ${vt} 失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
      return;
    }
    this.bySymbol.set(vt, [...list, runner]);
    const last = this.opts.port.lastTick(vt);
    if (last) runner.pushTick(last);
  }

  private unsubscribeRunner(runner: StrategyRunner): void {
    for (const [vt, list] of this.bySymbol) {
      const rest = list.filter((r) => r !== runner);
      if (rest.length) this.bySymbol.set(vt, rest);
      else this.bySymbol.delete(vt);
    }
    for (const vt of runner.vtToOid.keys()) this.byOrder.delete(vt);
  }

  // ---- ending a run -------------------------------------------------------------------

  /** End the run: by the stop flag (graceful) or by terminating the thread. */
  /**
   * On the wall clock outside the A-share sessions nothing reaches a strategy: say 休市 and
   * when it resumes (logged, and as the strategy's 说明 until then), rather than stay silent.
   */
  private sessionNote(entry: Entry): string {
    if (entry.settings.clock.kind !== 'wall') return '';
    const now = this.now();
    const note = closedMessage(now);
    if (!note) return '';
    this.log(entry.settings.name, note, LogLevel.INFO);
    const resumes = nextSessionStart(now);
    if (resumes !== null) {
      const runner = entry.runner;
      const timer = setTimeout(() => {
        if (entry.runner === runner && entry.status === StrategyStatus.RUNNING && entry.message === note) this.setStatus(entry, StrategyStatus.RUNNING, '');
      }, Math.min(resumes - now, 2 ** 31 - 1));
      timer.unref?.();
    }
    return note;
  }

  private async end(entry: Entry, status: StrategyStatus, message: string, graceful: boolean): Promise<void> {
    const runner = entry.runner;
    if (!runner?.alive) return;
    if (!entry.ending) entry.ending = { status, message };
    if (entry.status !== StrategyStatus.ERROR) this.setStatus(entry, StrategyStatus.STOPPING, message);
    if (graceful) await runner.stop(entry.settings.callback_timeout_ms + 1_000);
    else await runner.terminate();
  }

  private onExit(entry: Entry, runner: StrategyRunner, exitCode: number, error: Error | undefined): void {
    if (entry.runner !== runner) return;
    this.unsubscribeRunner(runner);
    this.updateSpin();
    entry.droppedBefore += runner.droppedTicks;
    let ending = entry.ending;
    if (!ending) {
      const why = error
        ? (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `内存超过上限 ${entry.settings.memory_mb} MB，策略线程已终止`
          : `策略线程出错：${error.message}`
        : `策略线程意外退出（退出码 ${exitCode}）`;
      ending = { status: StrategyStatus.ERROR, message: why };
    }
    entry.ending = undefined;
    if (ending.status === StrategyStatus.ERROR) this.log(entry.settings.name, ending.message, LogLevel.ERROR);
    if (entry.settings.cancel_on_stop) this.cancelWorking(entry.settings.name);
    this.setStatus(entry, ending.status, ending.message);
    this.log(entry.settings.name, `策略已${ending.status === StrategyStatus.ERROR ? '因出错而' : ''}停止`);
    entry.ready?.reject(new TraderError('STRATEGY_START', `策略 ${entry.settings.name} 启动失败：${ending.message}`));
  }

  private cancelWorking(name: string): void {
    let n = 0;
    // A copy: cancelling may change the active set while we walk it.
    for (const o of [...this.opts.port.activeOrders()]) {
      if (o.reference !== name || !ACTIVE_STATUSES.has(o.status)) continue;
      try {
        this.opts.port.cancelOrder(o.vt_orderid);
        n++;
      } catch (error) {
        this.log(name, `停止时撤单失败（${o.vt_orderid}）：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
      }
    }
    if (n) this.log(name, `策略停止，已撤销未成交委托 ${n} 笔`);
  }

  private armWatchdog(): void {
    if (this.watchdog) return;
    const every = Math.max(20, Math.min(250, ...[...this.entries.values()].map((e) => e.settings.callback_timeout_ms / 4)));
    this.watchdog = setInterval(() => this.checkBusy(), every);
    this.watchdog.unref();
  }

  private checkBusy(): void {
    for (const entry of this.entries.values()) {
      const runner = entry.runner;
      if (!runner?.alive) continue;
      // The heap limit (resourceLimits) stops the heap; Buffers and ArrayBuffers live outside it.
      const used = runner.control.memory;
      if (!entry.ending && used > entry.settings.memory_mb * MIB) {
        const message = `内存 ${Math.round(used / MIB)} MB 超过上限 ${entry.settings.memory_mb} MB（含 Buffer 等堆外内存），策略线程已终止`;
        entry.ending = { status: StrategyStatus.ERROR, message };
        this.setStatus(entry, StrategyStatus.ERROR, message);
        void this.end(entry, StrategyStatus.ERROR, message, false);
        continue;
      }
      const busy = runner.busy();
      const limit = entry.settings.callback_timeout_ms;
      if (busy && busy.ms > limit) {
        const message = `回调 ${busy.what} 运行超过 ${limit} ms 未返回，策略线程已终止`;
        entry.ending = { status: StrategyStatus.ERROR, message };
        this.setStatus(entry, StrategyStatus.ERROR, message);
        void this.end(entry, StrategyStatus.ERROR, message, false);
      }
    }
  }

  // ---- helpers ------------------------------------------------------------------------

  /** What add and update refuse at once rather than at start: a missing or non-script file, an unknown gateway. */
  private checkSettings(s: StrategySettings): void {
    const ext = path.extname(s.file).toLowerCase();
    if (!SCRIPT_EXTENSIONS.has(ext)) throw new TraderError('STRATEGY_FILE', `策略文件应为 .ts 或 .js：${s.file}`);
    let isFile = false;
    try {
      isFile = fs.statSync(s.file).isFile();
    } catch {
      throw new TraderError('STRATEGY_FILE', `策略文件不存在：${s.file}`);
    }
    if (!isFile) throw new TraderError('STRATEGY_FILE', `不是文件：${s.file}`);
    const names = this.opts.port.gatewayNames();
    if (!names.includes(s.gateway)) {
      throw new TraderError('UNKNOWN_GATEWAY', `接口“${s.gateway}”不存在，已加载：${names.join('、') || '无'}`);
    }
  }

  private entry(name: string): Entry {
    const e = this.entries.get(name);
    if (!e) throw new TraderError('UNKNOWN_STRATEGY', `未找到策略“${name}”`);
    return e;
  }

  private isActive(e: Entry): boolean {
    return e.status === StrategyStatus.STARTING || e.status === StrategyStatus.STOPPING || e.runner?.alive === true;
  }

  private infoOf(e: Entry): StrategyInfo {
    return {
      settings: { ...e.settings, params: { ...e.settings.params } },
      status: e.status,
      message: e.message,
      errors: e.errors,
      dropped_ticks: e.droppedBefore + (e.runner?.alive ? e.runner.droppedTicks : 0),
      queued: e.runner?.alive ? e.runner.backlog : 0,
      started: e.started,
      threadId: e.runner?.alive ? e.runner.threadId : null,
    };
  }

  private setStatus(e: Entry, status: StrategyStatus, message: string): void {
    e.status = status;
    e.message = message;
    this.changed(e);
  }

  private changed(e: Entry): void {
    const info = this.infoOf(e);
    for (const l of this.listeners) {
      try {
        l(info);
      } catch (error) {
        this.opts.port.log(`策略状态监听出错：${String(error)}`, LogLevel.ERROR, '策略');
      }
    }
  }

  private log(name: string, msg: string, level: LogLevel = LogLevel.INFO): void {
    this.opts.port.log(msg, level, name);
  }

  private keepLog(line: LogData): void {
    const e = this.entries.get(line.gateway_name);
    if (!e) return;
    e.logs.push(line);
    if (e.logs.length > LOG_LINES) e.logs.splice(0, e.logs.length - LOG_LINES);
  }

  private save(): void {
    if (!this.persist) return;
    try {
      saveStrategies(this.opts.dir, [...this.entries.values()].map((e) => e.settings));
    } catch (error) {
      this.opts.port.log(`保存策略列表失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.ERROR, '策略');
      throw error;
    }
  }
}
