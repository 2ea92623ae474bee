/**
 * The NATIVE gateway: drives any library that speaks native/include/tstrader_counter.h
 * through koffi (ABI versions 1 and 2). Connect = load + check the library, hand it its
 * options (v2), connect to the front, log in, query instruments, orders, trades, account and
 * positions. A dropped link is retried with backoff; after each reconnect the counter's orders
 * and trades are re-read and re-emitted (the engine drops fills it already has by
 * vt_tradeid), and orders that never reached the counter are marked rejected, so the OMS ends
 * with exactly the counter's state. Quotes come through the counter where it offers them (v2).
 *
 * The CTP gateway is this class with its own settings reader (gateways/ctp).
 */
import { ACTIVE_STATUSES, GatewayStatus, LogLevel, Status } from '../../common/constants';
import { DeferredSink, type Schedule } from '../../common/deferred-sink';
import { TraderError } from '../../common/errors';
import type { Gateway, GatewayContext, GatewaySettings } from '../../common/gateway-api';
import { orderFromRequest, type CancelRequest, type OrderData, type OrderRequest, type SubscribeRequest } from '../../common/objects';
import { TSC_E_LOGIN_FAILED, TSC_ERR_UNSUPPORTED, TSC_LOG_ERROR, TSC_LOG_WARNING, TSC_OK } from './abi';
import type { RawLoginInfo, TickValue } from './abi-layout';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { isDerivative, toContract } from './contract-convert';
import { CounterSession, describeRequestError } from './counter-session';
import { directionCode, offsetCode, priceTypeOf, toAccount, toOrder, toPosition, toTick, toTrade } from './convert';
import type { DrainStats } from './relay-spi';
import { loadCounterLibrary, type CounterTestHooks } from './library';
import { readNativeSettings, type NativeSettings } from './settings';
import type { CounterHandlers } from './spi';
import { createCodec, isEncodable, type CounterEncoding, type TextCodec } from './text-codec';

/** What a login answer leaves for later: plain strings (the raw struct lives only during its callback). */
interface LoginAnswer {
  /** the prefix this session's order ids take */
  orderRefPrefix: string;
}

/** Account and positions are polled, as vn.py's CTP gateway does: counters rarely push them. */
export const POLL_MS = 2000;
/** Longest wait for one answer (connect, login, a query) before the attempt counts as failed. */
export const ANSWER_TIMEOUT_MS = 10_000;
/** The instrument list: a futures broker with options lists tens of thousands, paged by the counter. */
export const INSTRUMENTS_TIMEOUT_MS = 60_000;

type Phase = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'failed';

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

interface PendingOrder {
  order: OrderData;
  requestId: number;
}

export interface NativeGatewayOptions {
  backoff?: BackoffPolicy;
  /** how the connect form becomes library, front, login and counter options (default: NATIVE's form) */
  readSettings?: (settings: GatewaySettings) => NativeSettings;
  /** what the log calls this counter (default 原生柜台) */
  title?: string;
  /** the counter's threads must never wait for JS (a vendor API's): refuse to run without the relay */
  requireRelay?: boolean;
}

interface OrderQuery {
  orders: OrderData[];
  resolve(orders: OrderData[]): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class NativeGateway implements Gateway {
  private phase: Phase = 'idle';
  private session: CounterSession | undefined;
  private settings: NativeSettings | undefined;
  private codec: TextCodec = createCodec('UTF-8');
  /** counter callbacks only copy and queue; the engine hears of a burst once, on the next loop turn */
  private readonly queue: DeferredSink;
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private orderRefPrefix = '';
  private orderSeq = 0;
  private polling = 0;
  private subscribeWarned = false;
  /** the counter lists futures-family instruments: its accounts carry the margin figures */
  private futures = false;
  /** contract names by vt_symbol, for ticks (a quote does not carry the name) */
  private readonly names = new Map<string, string>();
  private readonly orderQueries = new Map<number, OrderQuery>();
  /** Sent but not yet acknowledged by the counter, by orderid; and the same by request id. */
  private readonly pending = new Map<string, PendingOrder>();
  private readonly pendingByRequest = new Map<number, string>();
  /** Every order the counter has reported since this connect, by orderid: what a cancel may name. */
  private readonly known = new Map<string, Status>();
  private link: Waiter<void> | undefined;
  private readonly answers = new Map<number, Waiter<LoginAnswer | undefined>>();
  private readonly backoff: BackoffPolicy;
  private readonly readSettings: (settings: GatewaySettings) => NativeSettings;
  private readonly title: string;
  private readonly requireRelay: boolean;

  constructor(
    private readonly ctx: GatewayContext,
    options: NativeGatewayOptions = {},
  ) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.readSettings = options.readSettings ?? readNativeSettings;
    this.title = options.title ?? '原生柜台';
    this.requireRelay = options.requireRelay ?? false;
    this.queue = new DeferredSink(ctx.events, { schedule: nextTurn, onFault: (error) => this.log(`事件处理出错：${String(error)}`, LogLevel.ERROR) });
  }

  async connect(settings: GatewaySettings): Promise<void> {
    if (this.phase !== 'idle' && this.phase !== 'failed') await this.close();
    this.phase = 'connecting';
    this.ctx.events.onStatus(GatewayStatus.CONNECTING);
    try {
      const cfg = this.readSettings(settings);
      this.settings = cfg;
      const lib = loadCounterLibrary(cfg.libraryPath, cfg.buildHint);
      const encoding = lib.encoding as CounterEncoding;
      if (encoding !== cfg.encoding) {
        this.log(`动态库声明的编码为 ${encoding}，与设置的 ${cfg.encoding} 不同，按动态库的声明解码`, LogLevel.WARNING);
      }
      this.codec = createCodec(encoding);
      if (!isEncodable(cfg.user, encoding) || !isEncodable(cfg.password, encoding)) {
        throw new TraderError('BAD_SETTING', 'GB18030 编码的柜台只支持 ASCII 用户名和密码');
      }
      this.session = new CounterSession(lib, this.codec, this.handlers(), this.requireRelay);
      this.applyOptions(cfg);
      // koffi's thread-callback broker does not hold the event loop open: without a live
      // handle the process could exit while the counter still has fills to report.
      this.keepAlive = setInterval(() => this.poll(), POLL_MS);
      await this.establish(true);
      this.phase = 'ready';
      this.queue.flush();
      this.log(`${this.title}已连接：${lib.path}（ABI ${lib.abiVersion}，${encoding}），前置 ${cfg.front}，用户 ${cfg.user}`);
      this.ctx.events.onStatus(GatewayStatus.CONNECTED);
    } catch (error) {
      const err = asTraderError(error, 'CONNECT_FAILED', `${this.title}连接失败`);
      await this.teardown();
      this.phase = 'failed';
      this.log(err.message, LogLevel.ERROR);
      this.ctx.events.onStatus(GatewayStatus.ERROR, err.message);
      throw err;
    }
  }

  async close(): Promise<void> {
    const wasLive = this.session !== undefined;
    this.phase = 'closing';
    await this.teardown();
    this.phase = 'idle';
    if (wasLive) this.ctx.events.onStatus(GatewayStatus.DISCONNECTED);
  }

  subscribe(req: SubscribeRequest): void {
    const s = this.ready();
    const rc = s.lib.v2 ? s.lib.v2.subscribe(s.api, req.symbol, req.exchange) : TSC_ERR_UNSUPPORTED;
    if (rc === TSC_ERR_UNSUPPORTED) {
      if (this.subscribeWarned) return;
      this.subscribeWarned = true;
      this.log(`${this.title}不提供行情（柜台库没有行情接口，或未设置行情服务器），${req.symbol}.${req.exchange} 的行情请从行情接口订阅`, LogLevel.WARNING);
      return;
    }
    s.check(`订阅 ${req.symbol}.${req.exchange} 行情`, rc);
  }

  sendOrder(req: OrderRequest): string {
    const session = this.ready();
    const orderid = `${this.orderRefPrefix}${++this.orderSeq}`;
    const reference = fitBytes(isEncodable(req.reference, this.codec.encoding) ? req.reference : '', 31);
    const rc = session.lib.insertOrder(session.api, {
      symbol: req.symbol,
      exchange: req.exchange,
      order_ref: orderid,
      reference,
      direction: directionCode(req.direction),
      price_type: priceTypeOf(req.type),
      price: req.price,
      volume: req.volume,
      offset: offsetCode(req.offset),
    });
    const requestId = session.check('委托', rc);
    const order = orderFromRequest(req, this.ctx.name, orderid, this.ctx.now());
    this.pending.set(orderid, { order, requestId });
    this.pendingByRequest.set(requestId, orderid);
    this.queueOrder(order);
    return order.vt_orderid;
  }

  /** Cancel an order the counter knows and that is still working; otherwise throw why, without asking. */
  cancelOrder(req: CancelRequest): void {
    const session = this.ready();
    const prefix = `${this.ctx.name}.`;
    const id = req.orderid.startsWith(prefix) ? req.orderid.slice(prefix.length) : req.orderid;
    const status = this.known.get(id);
    if (status === undefined && !this.pending.has(id)) throw new TraderError('UNKNOWN_ORDER', `撤单失败：柜台无此委托 ${id}`);
    if (status !== undefined && !ACTIVE_STATUSES.has(status)) throw new TraderError('ORDER_NOT_ACTIVE', `撤单失败：委托 ${id} 当前状态为“${status}”，不可撤单`);
    session.check('撤单', session.lib.cancelOrder(session.api, id));
  }

  queryAccount(): void {
    const s = this.ready();
    s.check('查询资金', s.lib.queryAccount(s.api));
  }

  queryPosition(): void {
    const s = this.ready();
    s.check('查询持仓', s.lib.queryPositions(s.api));
  }

  /**
   * Today's orders as the counter knows them, in every state (reconciliation at connect). The
   * answer's orders also flow as order events, as every query answer's do.
   */
  queryOrders(): Promise<OrderData[]> {
    const s = this.ready();
    const rid = s.check('查询委托', s.lib.queryOrders(s.api));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.orderQueries.delete(rid);
        reject(timeout('查询委托'));
      }, ANSWER_TIMEOUT_MS);
      this.orderQueries.set(rid, { orders: [], resolve, reject, timer });
    });
  }

  async runAction(action: string): Promise<string> {
    const s = this.ready();
    const hooks = s.lib.test;
    if (!hooks) throw new TraderError('UNKNOWN_ACTION', `动态库 ${s.lib.path} 不是模拟柜台，不支持“${action}”`);
    if (action === 'drop-connection') {
      s.check('模拟断线', hooks.dropConnection(s.api, 0));
      return '已请求模拟柜台断开连接，接口将自动重连';
    }
    if (action === 'settle-day') {
      s.check('日终结算', hooks.settleDay(s.api));
      this.poll();
      return '模拟柜台已日终结算：未成交委托已撤销，今日买入转为可卖';
    }
    throw new TraderError('UNKNOWN_ACTION', `原生柜台不支持操作“${action}”`);
  }

  /**
   * Test builds of a counter only (tsc_test_feed_tick): hand it a market snapshot to match
   * against — the CTP adapter's test build passes it to LocalCTP. Undefined otherwise.
   */
  feedTick(): ((tick: TickValue) => void) | undefined {
    const s = this.session;
    const feed = s?.lib.feedTick;
    if (!s || !feed) return undefined;
    return (tick) => void s.check('投喂行情', feed(s.api, tick));
  }

  /** The simulator's test hooks bound to the live API object; undefined for vendor libraries. */
  testHooks(): { drop(refuse?: number): void; setPrice(symbol: string, exchange: string, price: number): void; burst(count: number): void } | undefined {
    const s = this.session;
    const hooks: CounterTestHooks | undefined = s?.lib.test;
    if (!s || !hooks) return undefined;
    return {
      drop: (refuse = 0) => void s.check('模拟断线', hooks.dropConnection(s.api, refuse)),
      setPrice: (symbol, exchange, price) => void s.check('设置价格', hooks.setPrice(s.api, symbol, exchange, price)),
      burst: (count) => void s.check('回调压测', hooks.burst(s.api, count)),
    };
  }

  /** The callback relay's counters (benchmark); undefined when callbacks go direct. */
  relayStats(): DrainStats | undefined {
    return this.session?.relayStats();
  }

  /** Whether the gateway is logged in and accepting orders. */
  get isReady(): boolean {
    return this.phase === 'ready';
  }

  // ---- connection ----

  /** Connect, log in and read the counter's state; `first` also loads the instruments. */
  private async establish(first: boolean): Promise<void> {
    const s = this.session!;
    const cfg = this.settings!;
    const linked = new Promise<void>((resolve, reject) => {
      this.link = { resolve, reject, timer: setTimeout(() => reject(timeout('连接交易前置')), ANSWER_TIMEOUT_MS) };
    });
    try {
      s.check('连接交易前置', s.lib.connect(s.api, cfg.front));
      await linked;
    } finally {
      if (this.link) clearTimeout(this.link.timer);
      this.link = undefined;
    }
    const info = await this.answer('登录', s.check('登录', s.lib.login(s.api, cfg.user, cfg.password)));
    this.orderRefPrefix = info?.orderRefPrefix ?? `${Date.now()}-`;
    this.orderSeq = 0;
    // Answers to polls sent before a disconnect never come: stop waiting for them.
    this.polling = 0;
    if (first) await this.answer('查询合约', s.check('查询合约', s.lib.queryInstruments(s.api)), INSTRUMENTS_TIMEOUT_MS);
    await Promise.all([
      this.answer('查询委托', s.check('查询委托', s.lib.queryOrders(s.api))),
      this.answer('查询成交', s.check('查询成交', s.lib.queryTrades(s.api))),
      this.answer('查询资金', s.check('查询资金', s.lib.queryAccount(s.api))),
      this.answer('查询持仓', s.check('查询持仓', s.lib.queryPositions(s.api))),
    ]);
    this.reconcilePending();
  }

  /** Orders sent before the link fell that the counter does not know never reached it. */
  private reconcilePending(): void {
    for (const { order } of this.pending.values()) {
      this.queueOrder({
        gateway_name: order.gateway_name, symbol: order.symbol, exchange: order.exchange, vt_symbol: order.vt_symbol,
        orderid: order.orderid, vt_orderid: order.vt_orderid, type: order.type, direction: order.direction, offset: order.offset,
        price: order.price, volume: order.volume, traded: 0, status: Status.REJECTED, datetime: this.ctx.now(),
        reference: order.reference, status_msg: '连接中断，委托未送达柜台',
      });
    }
    this.pending.clear();
    this.pendingByRequest.clear();
  }

  private answer(what: string, requestId: number, ms = ANSWER_TIMEOUT_MS): Promise<LoginAnswer | undefined> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.answers.delete(requestId);
        reject(timeout(what, ms));
      }, ms);
      this.answers.set(requestId, { resolve, reject, timer });
    });
  }

  private settle(requestId: number, error: Error | undefined, value?: LoginAnswer): void {
    const w = this.answers.get(requestId);
    if (!w) return;
    this.answers.delete(requestId);
    clearTimeout(w.timer);
    if (error) w.reject(error);
    else w.resolve(value);
  }

  private failAll(error: Error): void {
    if (this.link) this.link.reject(error);
    for (const id of [...this.answers.keys()]) this.settle(id, error);
    for (const [id, q] of [...this.orderQueries]) {
      this.orderQueries.delete(id);
      clearTimeout(q.timer);
      q.reject(error);
    }
  }

  /** Counter options (v2 tsc_set_option), before the first connect. */
  private applyOptions(cfg: NativeSettings): void {
    const s = this.session!;
    const entries = Object.entries(cfg.options);
    if (entries.length === 0) return;
    if (!s.lib.v2) throw new TraderError('NATIVE_LIBRARY', `动态库 ${s.lib.path} 的接口版本为 1，不接受柜台参数（${entries.map(([k]) => k).join('、')}）`);
    for (const [key, value] of entries) {
      const rc = s.lib.v2.setOption(s.api, key, value);
      if (rc === TSC_ERR_UNSUPPORTED) throw new TraderError('BAD_SETTING', `动态库 ${s.lib.path} 不认识柜台参数 ${key}`);
      if (rc < 0) throw new TraderError('BAD_SETTING', `柜台参数 ${key} 无效：${describeRequestError(rc)}`);
    }
  }

  private onLinkLost(message: string): void {
    if (this.phase === 'ready') {
      this.phase = 'reconnecting';
      this.attempt = 0;
      this.queue.flush();
      this.log(`与柜台的连接已断开：${message}，正在重连`, LogLevel.WARNING);
      this.ctx.events.onStatus(GatewayStatus.CONNECTING, `连接断开，正在重连：${message}`);
      this.scheduleReconnect();
      return;
    }
    // Connecting or reconnecting: the attempt in progress fails now rather than timing out.
    this.failAll(new TraderError('DISCONNECTED', `与柜台的连接已断开：${message}`));
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.reconnectTimer = setTimeout(() => void this.reconnectOnce(), delay);
  }

  private async reconnectOnce(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.phase !== 'reconnecting') return;
    try {
      await this.establish(false);
    } catch (error) {
      if (this.phase !== 'reconnecting') return;
      const err = asTraderError(error, 'RECONNECT_FAILED', '重连失败');
      if (err.code === 'LOGIN_FAILED') {
        // The password changed or the account was locked: retrying would not help.
        this.phase = 'failed';
        this.log(`重连时登录被拒绝，已停止重连：${err.message}`, LogLevel.ERROR);
        this.ctx.events.onStatus(GatewayStatus.ERROR, err.message);
        return;
      }
      this.log(`第 ${this.attempt} 次重连未成功：${err.message}`, LogLevel.WARNING);
      this.scheduleReconnect();
      return;
    }
    if (this.phase !== 'reconnecting') return;
    this.phase = 'ready';
    this.queue.flush();
    this.log(`已重连（第 ${this.attempt} 次尝试），委托与成交已与柜台核对`);
    this.ctx.events.onStatus(GatewayStatus.CONNECTED);
  }

  private async teardown(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.keepAlive = undefined;
    this.reconnectTimer = undefined;
    this.failAll(new TraderError('CLOSED', '接口已关闭'));
    const session = this.session;
    this.session = undefined;
    if (session) {
      try {
        await session.release();
      } catch (error) {
        this.log(`释放柜台接口时出错：${String(error)}`, LogLevel.ERROR);
      }
    }
    this.queue.flush();
    this.pending.clear();
    this.pendingByRequest.clear();
    this.known.clear();
    this.polling = 0;
  }

  /** Queue an order event, remembering its state for cancels. */
  private queueOrder(order: OrderData): void {
    this.known.set(order.orderid, order.status);
    this.queue.onOrder(order);
  }

  private poll(): void {
    const s = this.session;
    if (this.phase !== 'ready' || !s || this.polling > 0) return;
    const a = s.lib.queryAccount(s.api);
    const p = s.lib.queryPositions(s.api);
    // Both answers end with is_last; until then a slow counter is not asked again.
    this.polling = (a > 0 ? 1 : 0) + (p > 0 ? 1 : 0);
  }

  private ready(): CounterSession {
    if (this.phase !== 'ready' || !this.session) {
      const why = this.phase === 'reconnecting' ? '正在重连' : '未连接';
      throw new TraderError('NOT_CONNECTED', `${this.title}${why}`);
    }
    return this.session;
  }

  private log(msg: string, level: LogLevel = LogLevel.INFO): void {
    this.ctx.events.onLog(msg, level);
  }

  // ---- callbacks (on the JS thread, counter thread waiting: copy, queue, return) ----

  private handlers(): CounterHandlers {
    const gw = this.ctx.name;
    const live = () => this.phase !== 'closing' && this.phase !== 'idle';
    return {
      connected: () => this.link?.resolve(),
      disconnected: (_reason, message) => {
        if (live()) this.onLinkLost(message || '网络断开');
      },
      login: (rid, code, message, info) =>
        this.settle(
          rid,
          code === TSC_OK ? undefined : new TraderError(code === TSC_E_LOGIN_FAILED ? 'LOGIN_FAILED' : 'LOGIN_ERROR', `登录失败：${message}`),
          info ? this.loginAnswer(info) : undefined,
        ),
      order: (rid, raw, last) => {
        const query = rid ? this.orderQueries.get(rid) : undefined;
        if (raw && live()) {
          const order = toOrder(raw, this.codec, gw);
          if (order) {
            const p = this.pending.get(order.orderid);
            if (p) {
              this.pending.delete(order.orderid);
              this.pendingByRequest.delete(p.requestId);
            }
            query?.orders.push(order);
            this.queueOrder(order);
          }
        }
        if (rid && last) {
          this.settle(rid, undefined);
          if (query) {
            this.orderQueries.delete(rid);
            clearTimeout(query.timer);
            // After the queued events: a caller that reconciles sees the engine updated first.
            this.queue.flush();
            query.resolve(query.orders);
          }
        }
      },
      trade: (rid, raw, last) => {
        if (raw && live()) {
          const trade = toTrade(raw, this.codec, gw);
          if (trade) this.queue.onTrade(trade);
        }
        if (rid && last) this.settle(rid, undefined);
      },
      position: (rid, raw, last) => {
        if (raw && live()) {
          const position = toPosition(raw, this.codec, gw);
          if (position) this.queue.onPosition(position);
        }
        if (last) this.answered(rid);
      },
      account: (rid, raw, last) => {
        if (raw && live()) this.queue.onAccount(toAccount(raw, this.codec, gw, this.futures));
        if (last) this.answered(rid);
      },
      instrument: (rid, raw, last) => {
        if (raw && live()) {
          const contract = toContract(raw, this.codec, gw);
          if (contract) {
            if (isDerivative(raw.product)) this.futures = true;
            this.names.set(contract.vt_symbol, contract.name);
            this.queue.onContract(contract);
          }
        }
        if (rid && last) this.settle(rid, undefined);
      },
      tick: (raw) => {
        if (!live()) return;
        const tick = toTick(raw, this.codec, gw, '');
        if (!tick) return;
        tick.name = this.names.get(tick.vt_symbol) ?? '';
        this.queue.onTick(tick);
      },
      mdConnected: () => this.log(`${this.title}行情已连接`),
      mdDisconnected: (_reason, message) => {
        if (live()) this.log(`${this.title}行情连接断开：${message || '网络断开'}，等待自动重连`, LogLevel.WARNING);
      },
      log: (level, message) => this.log(message, level === TSC_LOG_ERROR ? LogLevel.ERROR : level === TSC_LOG_WARNING ? LogLevel.WARNING : LogLevel.INFO),
      error: (rid, code, message) => {
        const orderid = this.pendingByRequest.get(rid);
        const p = orderid === undefined ? undefined : this.pending.get(orderid);
        if (p && orderid !== undefined) {
          this.pending.delete(orderid);
          this.pendingByRequest.delete(rid);
          const o = p.order;
          this.queueOrder({
            gateway_name: o.gateway_name, symbol: o.symbol, exchange: o.exchange, vt_symbol: o.vt_symbol,
            orderid: o.orderid, vt_orderid: o.vt_orderid, type: o.type, direction: o.direction, offset: o.offset,
            price: o.price, volume: o.volume, traded: 0, status: Status.REJECTED, datetime: this.ctx.now(),
            reference: o.reference, status_msg: `柜台拒绝（${code}）：${message}`,
          });
          return;
        }
        if (this.answers.has(rid)) {
          this.settle(rid, new TraderError('COUNTER_ERROR', `${message}（错误码 ${code}）`));
          return;
        }
        const query = this.orderQueries.get(rid);
        if (query) {
          this.orderQueries.delete(rid);
          clearTimeout(query.timer);
          query.reject(new TraderError('COUNTER_ERROR', `查询委托失败：${message}（错误码 ${code}）`));
          return;
        }
        if (this.link) {
          this.link.reject(new TraderError('CONNECT_FAILED', `${message}（错误码 ${code}）`));
          return;
        }
        this.log(`柜台错误（请求 ${rid}，错误码 ${code}）：${message}`, LogLevel.WARNING);
      },
      fault: (error) => this.log(`柜台回调处理出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, LogLevel.ERROR),
    };
  }

  /** A v2 counter says how its order refs must look (CTP: FrontID_SessionID_); v1: "<session_id>-". */
  private loginAnswer(info: RawLoginInfo): LoginAnswer {
    const prefix = info.order_ref_prefix ? this.codec.decode(info.order_ref_prefix) : '';
    return { orderRefPrefix: prefix || `${String(info.session_id)}-` };
  }

  /** A polled or establishing query finished. */
  private answered(rid: number): void {
    if (this.answers.has(rid)) this.settle(rid, undefined);
    else if (this.polling > 0) this.polling--;
  }
}

/** The next event-loop turn: after the I/O that woke us, so a burst of callbacks lands as one batch. */
const nextTurn: Schedule = (run) => {
  const handle = setImmediate(run);
  return () => clearImmediate(handle);
};

function timeout(what: string, ms = ANSWER_TIMEOUT_MS): TraderError {
  return new TraderError('TIMEOUT', `${what}超时：柜台 ${ms / 1000} 秒内无应答`);
}

function asTraderError(error: unknown, code: string, prefix: string): TraderError {
  if (error instanceof TraderError) return error;
  return new TraderError(code, `${prefix}：${error instanceof Error ? error.message : String(error)}`);
}

/** Cut text so its UTF-8 form fits a C field of `max` bytes plus NUL. */
function fitBytes(text: string, max: number): string {
  let out = text;
  while (Buffer.byteLength(out, 'utf8') > max) out = out.slice(0, -1);
  return out;
}

