/**
 * One run of one strategy: its worker thread, the two rings and control block it shares
 * with it, and the engine side of the protocol. Requests from the worker (orders, cancels,
 * subscriptions, logs) are served here; the worker's order ids are mapped to vt_orderids
 * as the engine answers. Nothing the worker does can throw into the engine: every request
 * is checked, and a failure goes back to the worker as a rejection or to the log.
 *
 * It trades through a TradingPort only (electron/engine/trading), never the main engine or
 * the OMS, so a backtest broker can stand behind the same port. A worker's order arrives
 * in the wire form (any code form); it becomes a domain OrderRequest here, once.
 */
import { Worker } from 'node:worker_threads';
import { orderRequestOf } from '../../../common/bridge-contract';
import { ACTIVE_STATUSES, Direction, LogLevel, Offset, OrderType } from '../../../common/constants';
import { CREDIT_BUY_TYPES, CREDIT_SELL_TYPES, CreditOrderType, type CompactData, type CreditDetail } from '../../../common/credit';
import { TraderError } from '../../../common/errors';
import type { MarketRules, MarketTarget } from '../../../common/markets';
import type { AccountData, OrderData, PositionData, TickData, TradeData } from '../../../common/objects';
import type { TradingPort } from '../../../electron/engine/trading/trading-port';
import { CALLBACK_NAMES, type FromWorker, type OrderUpdate, type ToWorker, type TradeUpdate, type WorkerBoot } from './protocol';
import type { AccountUpdate, PositionUpdate, StrategySettings } from './strategy-types';
import { closableOfHolding, offsetOfStrategyOrder } from './order-offsets';
import { ControlBlock, createControlBuffer } from './transport/control-block';
import { createRingBuffer, SEQ, SharedRing } from './transport/shared-ring';
import { writeTick } from './transport/tick-codec';

const INBOUND_BYTES = 1 << 20;
const OUTBOUND_BYTES = 1 << 18;
const DIRECTIONS = new Set<string>([Direction.LONG, Direction.SHORT]);
const ORDER_TYPES = new Set<string>(Object.values(OrderType));
/** Credit types a worker may send as orders: the six that trade. */
const TRADING_CREDIT = new Set<string>([...CREDIT_BUY_TYPES, ...CREDIT_SELL_TYPES]);
/** A plain sell: what the rules are asked when the worker needs a holding's available shares. */
const SELL = { direction: Direction.SHORT, offset: Offset.NONE } as const;

type WaitAsync = (a: Int32Array, i: number, v: number) => { async: boolean; value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

export interface RunnerHooks {
  /** where orders go and state comes from */
  port: TradingPort;
  log(msg: string, level: LogLevel): void;
  subscribe(runner: StrategyRunner, vtSymbol: string): void;
  /** the worker became ready, failed, or exited */
  onReady(): void;
  onError(count: number): void;
  onFatal(message: string): void;
  onExit(code: number, error: Error | undefined): void;
  /** a vt_orderid now belongs to this runner */
  ownOrder(vtOrderId: string, runner: StrategyRunner): void;
  now(): number;
}

export function accountUpdateOf(a: AccountData): AccountUpdate {
  return { balance: a.balance, frozen: a.frozen, available: a.available, market_value: a.market_value };
}

export class StrategyRunner {
  readonly oidToVt = new Map<string, string>();
  readonly vtToOid = new Map<string, string>();
  readonly control = new ControlBlock(createControlBuffer());
  private readonly inbound = new SharedRing(createRingBuffer(INBOUND_BYTES));
  private readonly outbound = new SharedRing(createRingBuffer(OUTBOUND_BYTES));
  /** JSON messages that found the ring full; sent before anything newer */
  private overflow: ToWorker[] = [];
  private worker: Worker | undefined;
  private exited = false;
  /** cancels asked for before the order's first report */
  private readonly pendingCancels = new Set<string>();
  /** messages written to the inbound ring */
  written = 0;
  droppedTicks = 0;
  /** the worker id being sent right now: a gateway that reports the order inside sendOrder */
  sendingOid: string | undefined;

  constructor(
    readonly settings: StrategySettings,
    private readonly hooks: RunnerHooks,
  ) {}

  get name(): string {
    return this.settings.name;
  }

  get threadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  get alive(): boolean {
    return this.worker !== undefined && !this.exited;
  }

  start(code: string, runtime: string, runId: string): void {
    if (this.settings.clock.kind === 'driven') this.control.setDrivenNow(this.hooks.now());
    // The mirror is filled before the strategy's first line runs.
    this.pushAccountAndPositions();
    const boot: WorkerBoot = {
      name: this.name,
      file: this.settings.file,
      code,
      params: this.settings.params,
      clock: this.settings.clock,
      inbound: this.inbound.sab,
      outbound: this.outbound.sab,
      control: this.control.sab,
      run_id: runId,
      max_errors: this.settings.max_errors,
    };
    const worker = new Worker(runtime, {
      eval: true,
      workerData: boot,
      name: `strategy:${this.name}`,
      resourceLimits: { maxOldGenerationSizeMb: this.settings.memory_mb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.settings.memory_mb / 8)) },
    });
    this.worker = worker;
    let failure: Error | undefined;
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (exitCode) => {
      this.exited = true;
      this.drain();
      // Wake the pending waitAsync so its promise settles and nothing waits on a dead ring.
      Atomics.add(this.outbound.header, SEQ, 1);
      Atomics.notify(this.outbound.header, SEQ);
      this.hooks.onExit(exitCode, failure);
    });
    this.arm();
  }

  /** Ask the worker to stop after its current callback; resolves when the thread is gone. */
  stop(graceMs: number): Promise<void> {
    const worker = this.worker;
    if (!worker || this.exited) return Promise.resolve();
    this.control.requestStop();
    this.poke();
    return new Promise((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Kill at once (watchdog): the thread may be in an endless loop and never look at flags. */
  terminate(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      worker.once('exit', () => resolve());
      void worker.terminate();
    });
  }

  /** Which callback has been running for how long, if any. */
  busy(): { what: string; ms: number } | undefined {
    const since = this.control.busySince;
    if (since === 0) return undefined;
    return { what: CALLBACK_NAMES[this.control.busyWhat] ?? 'callback', ms: Date.now() - since };
  }

  // ---- engine → worker ---------------------------------------------------------------

  pushTick(tick: TickData): void {
    if (this.exited) return;
    if (writeTick(this.inbound, tick)) this.written++;
    else this.droppedTicks++; // a tick is superseded by the next one; state updates never are
  }

  push(msg: ToWorker): void {
    if (this.exited) return;
    if (this.overflow.length && !this.flushOverflow()) {
      this.overflow.push(msg);
      return;
    }
    if (this.inbound.writeJson(msg)) this.written++;
    else this.overflow.push(msg);
  }

  private flushOverflow(): boolean {
    while (this.overflow.length) {
      if (!this.inbound.writeJson(this.overflow[0])) return false;
      this.overflow.shift();
      this.written++;
    }
    return true;
  }

  /** Wake a sleeping worker without a message (stop flag, driven clock). */
  poke(): void {
    Atomics.add(this.inbound.header, SEQ, 1);
    Atomics.notify(this.inbound.header, SEQ);
  }

  setDrivenNow(ms: number): void {
    this.control.setDrivenNow(ms);
    this.poke();
  }

  /** Messages sent that the worker has not finished with. */
  get backlog(): number {
    return Math.max(0, this.written - this.control.ack) + this.overflow.length;
  }

  /** True if the worker has processed everything sent so far. */
  get caughtUp(): boolean {
    return this.control.ack >= this.written;
  }

  /** Worth waiting for after a tick: nearly caught up and not stuck in a long callback. */
  get responsive(): boolean {
    if (this.written - this.control.ack > 16) return false;
    const since = this.control.busySince;
    return since === 0 || Date.now() - since < 2;
  }

  /** Sleep (not spin) until the worker has processed everything sent, or the deadline. */
  sleepUntilCaughtUp(deadline: number): void {
    for (;;) {
      const ack = this.control.ack;
      if (ack >= this.written) return;
      const left = deadline - performance.now();
      if (left <= 0) return;
      this.control.waitAck(ack, left);
    }
  }

  pushOrder(data: OrderData): void {
    const oid = this.vtToOid.get(data.vt_orderid);
    if (oid === undefined) return;
    const update: OrderUpdate = { vt_orderid: data.vt_orderid, status: data.status, traded: data.traded, volume: data.volume, price: data.price, status_msg: data.status_msg };
    this.push({ t: 'order', oid, data: update });
    if (this.pendingCancels.size && this.pendingCancels.delete(data.vt_orderid) && ACTIVE_STATUSES.has(data.status)) this.cancelNow(oid, data.vt_orderid);
  }

  pushTrade(data: TradeData): void {
    const oid = this.vtToOid.get(data.vt_orderid);
    if (oid === undefined) return;
    const update: TradeUpdate = { vt_tradeid: data.vt_tradeid, direction: data.direction, price: data.price, volume: data.volume, fee: data.fee, datetime: data.datetime };
    this.push({ t: 'trade', oid, data: update });
  }

  pushAccount(a: AccountData): void {
    this.push({ t: 'account', data: accountUpdateOf(a) });
  }

  /** A holding for the worker's mirror: longs, and futures shorts (a 融券 debt reaches it through the compacts, not here). */
  pushPosition(p: PositionData): void {
    if (!this.mirrored(p)) return;
    this.push({ t: 'position', data: this.positionUpdateOf(p) });
  }

  /** Longs always; a short only where the market trades short positions itself (futures, with offsets). */
  private mirrored(p: PositionData): boolean {
    if (p.direction === Direction.LONG) return true;
    if (p.direction !== Direction.SHORT) return false;
    const contract = this.hooks.port.contract(p.vt_symbol);
    return contract !== undefined && (this.rulesOf(contract)?.offsets(contract).includes(Offset.OPEN) ?? false);
  }

  /** A credit account's figures; JSON carries 维持担保比例's Infinity as null (protocol.ts). */
  pushCredit(c: CreditDetail): void {
    this.push({ t: 'credit', data: c });
  }

  pushCompact(c: CompactData): void {
    this.push({ t: 'compact', data: c });
  }

  /** What the worker sees of a holding; `available` is what a sell may draw on now, by the contract's market rules (T+1 / T+0). */
  private positionUpdateOf(p: PositionData): PositionUpdate {
    const { port } = this.hooks;
    const contract = port.contract(p.vt_symbol);
    // A holding whose contract is not (yet) known is read as T+1, the stricter rule; one whose
    // market has no rules here yet (futures) lets nothing go.
    const rules = this.rulesOf(contract ?? p);
    const available = contract && rules
      ? closableOfHolding(rules, contract, p.direction, p)
      : (rules?.closable(SELL, { t0: false, exchange: p.exchange }, (d) => (d === p.direction ? p : undefined))?.volume ?? 0);
    const update: PositionUpdate = { vt_symbol: p.vt_symbol, volume: p.volume, frozen: p.frozen, available, price: p.price, last_price: p.last_price };
    if (p.direction === Direction.SHORT) update.side = 'short';
    return update;
  }

  /** The market rules of a holding; undefined where no market's rules apply here yet. */
  private rulesOf(target: MarketTarget): MarketRules | undefined {
    try {
      return this.hooks.port.rulesFor(target);
    } catch (error) {
      if (error instanceof TraderError && error.code === 'NO_MARKET') return undefined;
      throw error;
    }
  }

  private pushAccountAndPositions(): void {
    const { port } = this.hooks;
    const gw = this.settings.gateway;
    const account = port.account(gw);
    if (account) this.pushAccount(account);
    const list = port.positions(gw).filter((p) => this.mirrored(p)).map((p) => this.positionUpdateOf(p));
    this.push({ t: 'positions', data: list });
    // A cash account sends no credit messages: the worker then knows it is not a credit account.
    const credit = port.credit(gw);
    if (credit) {
      this.pushCredit(credit);
      const open: CompactData[] = port.openCompacts(gw);
      this.push({ t: 'compacts', data: open });
    }
  }

  // ---- worker → engine ---------------------------------------------------------------

  /** Re-arm the wait on the worker's ring; each wake drains it. */
  private arm(): void {
    for (;;) {
      if (this.exited) return;
      const seen = this.outbound.seq;
      this.drain();
      const r = waitAsync(this.outbound.header, SEQ, seen);
      if (r.async) {
        void (r.value as Promise<string>).then(() => this.arm());
        return;
      }
    }
  }

  private readonly peekOut = new Int32Array(2);

  /** Serve everything the worker has asked for so far. */
  drain(): void {
    const ring = this.outbound;
    for (let off = ring.peek(this.peekOut); off >= 0; off = ring.peek(this.peekOut)) {
      const len = this.peekOut[1]!;
      let msg: FromWorker;
      try {
        msg = ring.readJson<FromWorker>(off, len);
      } finally {
        ring.release(off, len);
      }
      try {
        this.handle(msg);
      } catch (error) {
        this.hooks.log(`处理策略请求出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, LogLevel.ERROR);
      }
    }
  }

  private errors = 0;

  private handle(msg: FromWorker): void {
    switch (msg.t) {
      case 'ready':
        this.hooks.onReady();
        break;
      case 'order':
        this.sendOrder(msg);
        break;
      case 'cancel':
        this.cancel(msg.oid);
        break;
      case 'repay':
        this.repay(Number(msg.amount));
        break;
      case 'subscribe':
        for (const vt of msg.codes) this.hooks.subscribe(this, String(vt));
        break;
      case 'log':
        this.hooks.log(String(msg.msg), LEVELS.has(msg.level) ? msg.level : LogLevel.INFO);
        break;
      case 'error':
        this.errors++;
        this.hooks.log(`${String(msg.where)} 出错（第 ${this.errors} 次）：${String(msg.stack)}`, LogLevel.ERROR);
        this.hooks.onError(this.errors);
        break;
      case 'sync':
        if (msg.what === 'balance') this.pushAccountAndPositions();
        else for (const vt of this.oidToVt.values()) {
          const o = this.hooks.port.order(vt);
          if (o) this.pushOrder(o);
        }
        this.push({ t: 'synced', req: Number(msg.req) });
        break;
      case 'fatal':
        this.hooks.log(`策略无法运行：${String(msg.stack)}`, LogLevel.ERROR);
        this.hooks.onFatal(String(msg.msg));
        break;
      case 'stopped':
        break;
    }
  }

  private sendOrder(m: Extract<FromWorker, { t: 'order' }>): void {
    const oid = String(m.oid);
    try {
      if (!DIRECTIONS.has(m.direction) || !ORDER_TYPES.has(m.type)) throw new TraderError('BAD_ARGS', '委托方向或类型无效');
      if (m.credit !== undefined && !TRADING_CREDIT.has(m.credit)) throw new TraderError('BAD_ARGS', `信用委托类型无效：${String(m.credit)}`);
      this.sendingOid = oid;
      if (m.side !== undefined && m.side !== 'long' && m.side !== 'short') throw new TraderError('BAD_ARGS', `side 应为 "long" 或 "short"，当前为 ${String(m.side)}`);
      const contract = this.hooks.port.lookupContract(String(m.code));
      const offset = offsetOfStrategyOrder(this.hooks.port.rulesFor(contract), contract, { side: m.side, action: m.action, close_today: m.close_today === true });
      const req = orderRequestOf(
        {
          direction: m.direction as Direction.LONG | Direction.SHORT,
          type: m.type as OrderType,
          volume: Number(m.volume),
          price: Number(m.price),
          offset,
          ...(m.credit !== undefined ? { credit: m.credit } : {}),
        },
        contract,
        this.name,
      );
      // The same path as a manual order: the port runs every pre-trade check, credit ones too.
      const vt = this.hooks.port.sendOrder(req, this.settings.gateway);
      this.own(oid, vt);
      this.push({ t: 'ack', oid, vt_orderid: vt });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.push({ t: 'reject', oid, msg: message });
    } finally {
      this.sendingOid = undefined;
    }
  }

  /**
   * 直接还款 for margincash_direct_refund. Ptrade's function returns None, so the outcome
   * goes to the strategy's log (the gateway logs its own message as well).
   */
  private repay(amount: number): void {
    this.hooks.port.creditRepay(this.settings.gateway, { type: CreditOrderType.DIRECT_CASH_REPAY, amount }).then(
      (message) => this.hooks.log(`直接还款：${message}`, LogLevel.INFO),
      (error: unknown) => this.hooks.log(`直接还款 ${amount} 元失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.ERROR),
    );
  }

  own(oid: string, vt: string): void {
    if (this.vtToOid.has(vt)) return;
    this.oidToVt.set(oid, vt);
    this.vtToOid.set(vt, oid);
    this.hooks.ownOrder(vt, this);
  }

  private cancel(oid: string): void {
    const vt = this.oidToVt.get(oid);
    if (vt === undefined) return; // rejected before reaching the gateway: nothing to cancel
    if (!this.hooks.port.order(vt)) {
      // Sent but not yet reported (counters answer asynchronously): cancel on its first report.
      this.pendingCancels.add(vt);
      return;
    }
    this.cancelNow(oid, vt);
  }

  private cancelNow(oid: string, vt: string): void {
    try {
      this.hooks.port.cancelOrder(vt);
    } catch (error) {
      this.hooks.log(`撤单失败（${oid} / ${vt}）：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
      // Put the worker's copy back in step (it shows "canceling").
      const o = this.hooks.port.order(vt);
      if (o) this.pushOrder(o);
    }
  }
}

const LEVELS = new Set<string>(Object.values(LogLevel));
