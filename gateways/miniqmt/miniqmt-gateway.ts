/**
 * The MINIQMT gateway: a real A-share account through the broker's MiniQMT client, whose API
 * (xtquant) is Python. A sidecar process (sidecar/tstrader_miniqmt.py) runs xtquant and
 * speaks JSON lines with us; this class owns the connection, counter-reader.ts reads the
 * account, order-desk.ts handles orders.
 *
 * Connect = start the sidecar (hello: Python and xtquant versions), XtQuantTrader.connect
 * under a session id never used before, subscribe the account, load contracts through
 * xtdata, then read the counter's asset, positions, orders and trades (and the credit rows
 * on a credit account). A dropped MiniQMT link (on_disconnected) or a dead or hung sidecar
 * is reported and retried with backoff, always under a new session id as xtquant requires;
 * each reconnect reads the counter's state again, and replayed rows are dropped (order-book.ts
 * for orders, the engine by vt_tradeid for fills).
 */
import { GatewayStatus, LogLevel } from '../../common/constants';
import type { DirectRepayRequest } from '../../common/credit';
import { TraderError } from '../../common/errors';
import type { Gateway, GatewayContext, GatewaySettings } from '../../common/gateway-api';
import type { CancelRequest, OrderData, OrderRequest, SubscribeRequest } from '../../common/objects';
import { backoffDelay, MINIQMT_BACKOFF, type BackoffPolicy } from './backoff';
import { CounterReader } from './counter-reader';
import type { GatewayCore } from './gateway-core';
import { OrderDesk } from './order-desk';
import { makeRunTag, OrderBook } from './order-book';
import { OrderedEvents } from './ordered-events';
import { readMiniqmtSettings, SESSION_SPAN, sidecarScriptPath, type MiniqmtSettings } from './settings';
import { SidecarProcess } from './sidecar-process';
import * as xt from './xt-constants';
import { num, str, type XtAccountStatus, type XtCancelError, type XtOrder, type XtOrderError, type XtOrderResponse, type XtRecord, type XtTick, type XtTrade } from './xt-wire';

/** Account and positions are polled: xttrader's documented callbacks push orders and fills only. */
export const POLL_MS = 3000;
/** Python start plus `import xtquant` (seconds on a cold Windows box). */
export const HELLO_TIMEOUT_MS = 30_000;
/** connect() waits for MiniQMT's answer; it is slower than a query. */
const CONNECT_TIMEOUT_MS = 30_000;
const SESSION_KEY = 'session';

/** Errors no retry can cure: the trader has to change the set-up first. */
const FATAL_CODES: ReadonlySet<string> = new Set(['XTQUANT_MISSING', 'PYTHON_NOT_FOUND', 'SIDECAR_PROTOCOL', 'BAD_SETTING']);

type Phase = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'failed';

export interface MiniqmtGatewayOptions {
  backoff?: BackoffPolicy;
  pollMs?: number;
  /** the sidecar script; default: the one shipped beside this module */
  script?: string;
}

export class MiniqmtGateway implements Gateway {
  private phase: Phase = 'idle';
  /** bumped by every connect and close: work begun under an older generation stops quietly */
  private generation = 0;
  private cfg: MiniqmtSettings | undefined;
  private live: SidecarProcess | undefined;
  private sessionId = 0;
  /** on_disconnected arrived while a (re)connect was in progress */
  private linkLost = false;
  private attempt = 0;
  private accountStatus: number | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private readonly core: GatewayCore;
  private readonly reader: CounterReader;
  private readonly desk: OrderDesk;
  private readonly backoff: BackoffPolicy;
  private readonly pollMs: number;
  private readonly script: string;

  constructor(
    private readonly ctx: GatewayContext,
    options: MiniqmtGatewayOptions = {},
  ) {
    this.backoff = options.backoff ?? MINIQMT_BACKOFF;
    this.pollMs = options.pollMs ?? POLL_MS;
    this.script = options.script ?? sidecarScriptPath();
    const log = (msg: string, level: LogLevel = LogLevel.INFO) => ctx.events.onLog(msg, level);
    this.core = {
      name: ctx.name,
      events: new OrderedEvents(ctx.events, (error) => log(`事件处理出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, LogLevel.ERROR)),
      book: new OrderBook(makeRunTag(ctx.now())),
      now: ctx.now,
      log,
      settings: () => {
        if (!this.cfg) throw new TraderError('NOT_CONNECTED', 'MiniQMT 未连接');
        return this.cfg;
      },
      sidecar: () => this.live,
      isReady: () => this.phase === 'ready',
      timeout: () => this.cfg?.requestTimeoutMs ?? 15_000,
    };
    this.reader = new CounterReader(this.core);
    this.desk = new OrderDesk(this.core, (code) => this.reader.ensureContract(code));
  }

  async connect(settings: GatewaySettings): Promise<void> {
    if (this.phase !== 'idle' && this.phase !== 'failed') await this.close();
    const gen = ++this.generation;
    this.phase = 'connecting';
    this.ctx.events.onStatus(GatewayStatus.CONNECTING);
    try {
      this.cfg = readMiniqmtSettings(settings);
      await this.establish(gen);
      if (gen !== this.generation) throw new TraderError('CLOSED', 'MiniQMT 接口已关闭');
      const kind = this.cfg.creditAccount ? '信用账户' : '普通账户';
      this.becomeReady(`MiniQMT 已连接：资金账号 ${this.cfg.accountId}（${kind}），会话编号 ${this.sessionId}，合约 ${this.reader.contractCount} 只`);
    } catch (error) {
      const err = asTraderError(error, 'CONNECT_FAILED', 'MiniQMT 连接失败');
      if (gen !== this.generation) throw err;
      await this.teardown();
      this.phase = 'failed';
      // No log line of our own: the engine logs the failed connect with this message.
      this.ctx.events.onStatus(GatewayStatus.ERROR, err.message);
      throw err;
    }
  }

  async close(): Promise<void> {
    this.generation++;
    const wasLive = this.phase !== 'idle';
    this.phase = 'closing';
    await this.teardown();
    this.phase = 'idle';
    if (wasLive) this.ctx.events.onStatus(GatewayStatus.DISCONNECTED);
  }

  subscribe(req: SubscribeRequest): void {
    this.reader.subscribe(this.ready(), req.symbol, req.exchange);
  }

  sendOrder(req: OrderRequest): string {
    return this.desk.send(this.ready(), req);
  }

  cancelOrder(req: CancelRequest): void {
    this.desk.cancel(this.ready(), req);
  }

  queryAccount(): void {
    this.ready();
    void this.reader.refresh();
  }

  queryPosition(): void {
    this.ready();
    void this.reader.refresh();
  }

  /** Today's orders as the counter knows them, in every state (reconciliation at connect). */
  queryOrders(): Promise<OrderData[]> {
    return this.desk.queryOrders(this.ready());
  }

  /** 直接还券 (直接还款 is refused with the reason; see OrderDesk.directRepay). */
  async directRepay(req: DirectRepayRequest): Promise<string> {
    return this.desk.directRepay(this.ready(), req);
  }

  /** Whether the gateway is logged in and accepting orders. */
  get isReady(): boolean {
    return this.phase === 'ready';
  }

  /** The running sidecar's process id (tests stop or kill it to play a hang or a crash). */
  get sidecarPid(): number | undefined {
    return this.live?.alive ? this.live.pid : undefined;
  }

  /** The session id of the current (or last) XtQuantTrader. */
  get session(): number {
    return this.sessionId;
  }

  // ---- connection ----

  /** Start the sidecar if needed, connect under a new session, and read the counter's state. */
  private async establish(gen: number): Promise<void> {
    const cfg = this.cfg!;
    const sidecar = await this.ensureSidecar(cfg);
    this.sessionId = this.nextSessionId(cfg.sessionBase);
    this.linkLost = false;
    const r = await sidecar.request(
      'connect',
      { path: cfg.userdataPath, session_id: this.sessionId, account_id: cfg.accountId, account_type: cfg.creditAccount ? 'CREDIT' : 'STOCK' },
      Math.max(CONNECT_TIMEOUT_MS, this.core.timeout()),
    );
    if (r.connect !== 0) {
      throw new TraderError(
        'MINIQMT_UNREACHABLE',
        `连接 MiniQMT 失败（connect 返回 ${r.connect}）：请确认 MiniQMT 已启动并以“极简模式”登录，且 QMT路径指向它的 userdata_mini 文件夹（当前为 ${cfg.userdataPath}）`,
      );
    }
    if (r.subscribe !== 0) {
      const kind = cfg.creditAccount ? '信用' : '普通';
      throw new TraderError('SUBSCRIBE_FAILED', `订阅资金账号 ${cfg.accountId} 失败（subscribe 返回 ${r.subscribe}）：请确认账号已在 MiniQMT 中登录，且账户类型“${kind}”与该账号一致`);
    }
    if (gen !== this.generation) return;
    await this.reader.loadInstruments(sidecar);
    this.desk.reconcile(await this.reader.readAll(sidecar));
    await this.reader.resubscribe(sidecar);
    if (this.linkLost) throw new TraderError('DISCONNECTED', '连接 MiniQMT 的过程中连接再次断开');
  }

  private async ensureSidecar(cfg: MiniqmtSettings): Promise<SidecarProcess> {
    if (this.live?.alive) return this.live;
    const sidecar: SidecarProcess = new SidecarProcess(
      { python: cfg.python, script: this.script, xtquantDir: cfg.xtquantDir, helloTimeoutMs: Math.max(HELLO_TIMEOUT_MS, this.core.timeout()) },
      {
        onEvent: (name, data) => {
          if (this.live === sidecar) this.onCounterEvent(name, data);
        },
        onLog: (level, msg) => {
          if (this.live === sidecar) this.core.log(msg, LogLevel[level]);
        },
        onExit: (reason) => {
          if (this.live === sidecar) this.onSidecarExit(reason);
        },
      },
    );
    this.live = sidecar;
    const hello = await sidecar.ready;
    this.core.log(`MiniQMT 边车进程已启动（pid ${hello.pid}，${hello.platform}）：Python ${hello.python}，xtquant ${hello.xtquant.version ?? '版本未知'}（${hello.xtquant.path ?? ''}）`);
    return sidecar;
  }

  /** A session id not used before: the base plus a running number kept across restarts. */
  private nextSessionId(base: number): number {
    const n = (this.ctx.storage.load<number>(SESSION_KEY) ?? 0) + 1;
    this.ctx.storage.save(SESSION_KEY, n);
    return base + (n % SESSION_SPAN);
  }

  private becomeReady(message: string): void {
    this.phase = 'ready';
    this.attempt = 0;
    this.core.events.flush();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = setInterval(() => void this.reader.refresh(), this.pollMs);
    this.core.log(message);
    this.ctx.events.onStatus(GatewayStatus.CONNECTED);
  }

  /** MiniQMT dropped us (the sidecar is fine). */
  private onMiniqmtDisconnected(): void {
    if (this.phase !== 'ready') {
      this.linkLost = true;
      return;
    }
    const message = '与 MiniQMT 的连接已断开（on_disconnected），正在以新的会话编号重连';
    this.core.log(message, LogLevel.WARNING);
    this.ctx.events.onStatus(GatewayStatus.CONNECTING, message);
    this.startReconnecting();
  }

  /** The sidecar died, or hung and was killed. Orders in flight learn it from their requests. */
  private onSidecarExit(reason: string): void {
    this.live = undefined;
    if (this.phase !== 'ready') return;
    this.core.log(`MiniQMT 边车进程异常：${reason}。正在重启边车并重连`, LogLevel.ERROR);
    this.ctx.events.onStatus(GatewayStatus.ERROR, reason);
    this.startReconnecting();
  }

  private startReconnecting(): void {
    this.phase = 'reconnecting';
    this.attempt = 0;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    this.core.events.flush();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const gen = this.generation;
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.reconnectTimer = setTimeout(() => void this.reconnectOnce(gen), delay);
  }

  private async reconnectOnce(gen: number): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.phase !== 'reconnecting' || gen !== this.generation) return;
    this.ctx.events.onStatus(GatewayStatus.CONNECTING, `正在重连 MiniQMT（第 ${this.attempt} 次）`);
    try {
      await this.establish(gen);
    } catch (error) {
      if (this.phase !== 'reconnecting' || gen !== this.generation) return;
      const err = asTraderError(error, 'RECONNECT_FAILED', '重连失败');
      if (FATAL_CODES.has(err.code)) {
        this.phase = 'failed';
        await this.teardown();
        this.core.log(`重连 MiniQMT 失败，已停止重连：${err.message}`, LogLevel.ERROR);
        this.ctx.events.onStatus(GatewayStatus.ERROR, err.message);
        return;
      }
      this.core.log(`第 ${this.attempt} 次重连 MiniQMT 未成功：${err.message}`, LogLevel.WARNING);
      this.scheduleReconnect();
      return;
    }
    if (this.phase !== 'reconnecting' || gen !== this.generation) return;
    this.becomeReady(`已重连 MiniQMT（会话编号 ${this.sessionId}，第 ${this.attempt} 次尝试），委托与成交已与柜台核对`);
  }

  private async teardown(): Promise<void> {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.reconnectTimer = undefined;
    this.pollTimer = undefined;
    this.reader.stop();
    const sidecar = this.live;
    this.live = undefined;
    if (sidecar) await sidecar.stop();
    this.core.events.flush();
  }

  private ready(): SidecarProcess {
    if (this.phase !== 'ready' || !this.live) {
      const why = this.phase === 'reconnecting' ? '正在重连' : '未连接';
      throw new TraderError('NOT_CONNECTED', `MiniQMT ${why}`);
    }
    return this.live;
  }

  // ---- xtquant's callbacks, forwarded by the sidecar ----

  private onCounterEvent(name: string, data: XtRecord | null): void {
    if (this.phase === 'idle' || this.phase === 'closing') return;
    const row = data ?? {};
    switch (name) {
      case 'on_stock_order':
        this.desk.onOrderRow(row as XtOrder);
        // Any step of an order moves cash or shares (a freeze, a fill, a release): re-read them.
        this.reader.refreshSoon();
        return;
      case 'on_stock_trade':
        this.desk.onTradeRow(row as XtTrade);
        this.reader.refreshSoon();
        return;
      case 'on_order_error':
        return this.desk.onOrderError(row as XtOrderError);
      case 'on_cancel_error':
        return this.desk.onCancelError(row as XtCancelError);
      case 'on_order_stock_async_response':
        return this.desk.onOrderResponse(row as XtOrderResponse);
      case 'on_cancel_order_stock_async_response':
        this.core.log(`撤单请求已受理：${JSON.stringify(row)}`, LogLevel.DEBUG);
        return;
      case 'on_disconnected':
        return this.onMiniqmtDisconnected();
      case 'on_account_status':
        return this.onAccountStatus(row as XtAccountStatus);
      case 'tick':
        return this.reader.onTick(row as XtTick & { code?: string });
      default:
        this.core.log(`MiniQMT 边车进程推送了未知事件 ${name}`, LogLevel.DEBUG);
    }
  }

  private onAccountStatus(raw: XtAccountStatus): void {
    const status = num(raw.status, -1);
    if (status === this.accountStatus) return;
    this.accountStatus = status;
    const name = xt.ACCOUNT_STATUS_NAMES[status] ?? `未知（${status}）`;
    this.core.log(`MiniQMT 资金账号 ${str(raw.account_id)} 状态：${name}`, status === xt.ACCOUNT_STATUS_OK ? LogLevel.INFO : LogLevel.WARNING);
  }
}

function asTraderError(error: unknown, code: string, prefix: string): TraderError {
  if (error instanceof TraderError) return error;
  return new TraderError(code, `${prefix}：${error instanceof Error ? error.message : String(error)}`);
}
