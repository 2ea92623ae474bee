/**
 * The MINIQMT gateway: a real A-share account through the broker's MiniQMT client, whose API
 * (xtquant) is Python. A sidecar process (sidecar/tstrader_miniqmt.py) runs xtquant and
 * speaks JSON lines with us; this class owns it.
 *
 * Connect = start the sidecar (hello: Python and xtquant versions), XtQuantTrader.connect
 * with a fresh session id, subscribe the account, load contracts through xtdata, then read
 * the counter's asset, positions, orders and trades (and the credit rows on a credit
 * account). A dropped MiniQMT link (on_disconnected) or a dead or hung sidecar is reported
 * and retried with backoff, always under a new session id as xtquant requires; each
 * reconnect reads the counter's state again, and replayed rows are dropped (order-book.ts
 * for orders, the engine by vt_tradeid for fills). Account and positions are polled.
 */
import { ACTIVE_STATUSES, Direction, GatewayStatus, LogLevel, Offset, OrderType, Status } from '../../common/constants';
import { CreditOrderType, type DirectRepayRequest } from '../../common/credit';
import { TraderError } from '../../common/errors';
import type { Gateway, GatewayContext, GatewaySettings } from '../../common/gateway-api';
import type { CancelRequest, ContractData, OrderData, OrderRequest, SubscribeRequest } from '../../common/objects';
import { backoffDelay, MINIQMT_BACKOFF, type BackoffPolicy } from './backoff';
import { mergeCreditAssets, toCompact, toCreditDetail } from './convert-credit';
import { fallbackContract, toContract, toTick } from './convert-market';
import { toAccount, toOrder, toPosition, toTrade } from './convert-trading';
import { isOurRemark, makeRunTag, OrderBook, type KnownOrder } from './order-book';
import { OrderedEvents } from './ordered-events';
import { readMiniqmtSettings, SESSION_SPAN, sidecarScriptPath, type MiniqmtSettings } from './settings';
import { SidecarProcess } from './sidecar-process';
import type { SidecarMethods } from './sidecar-protocol';
import * as xt from './xt-constants';
import { orderTypeCodeFor, parseXtCode, priceTypeCodeFor, xtCodeOf, xtMarketOf } from './xt-tables';
import { num, str, type XtAccountStatus, type XtCancelError, type XtOrder, type XtOrderError, type XtOrderResponse, type XtRecord, type XtTick, type XtTrade } from './xt-wire';

/** Account and positions are polled: xttrader's documented callbacks push orders and fills only. */
export const POLL_MS = 3000;
/** Python start plus `import xtquant` (seconds on a cold Windows box). */
export const HELLO_TIMEOUT_MS = 30_000;
/** connect() waits for MiniQMT's answer; it is slower than a query. */
const CONNECT_TIMEOUT_MS = 30_000;
/** Loading every A-share's details through xtdata at connect. */
const INSTRUMENTS_TIMEOUT_MS = 120_000;
/** After a fill, holdings are re-read this much later (fills come in bursts). */
const REFRESH_DELAY_MS = 300;
/** xtdata sectors whose codes become contracts. */
export const INSTRUMENT_SECTORS: readonly string[] = ['沪深A股', '京市A股', '沪深ETF'];
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
  private sidecar: SidecarProcess | undefined;
  private sessionId = 0;
  private readonly book: OrderBook;
  private readonly events: OrderedEvents;
  private readonly contracts = new Map<string, ContractData>();
  /** holdings last reported, so one that vanished from the counter's list is zeroed */
  private readonly heldCodes = new Set<string>();
  private readonly quoteCodes = new Set<string>();
  /** why xtdata is unusable this run ("" while it works) */
  private quotesBroken = '';
  private quoteWarned = false;
  /** on_disconnected arrived while a (re)connect was in progress */
  private linkLost = false;
  private attempt = 0;
  private polling = false;
  private accountStatus: number | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
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
    this.book = new OrderBook(makeRunTag(ctx.now()));
    this.events = new OrderedEvents(ctx.events, (error) => this.log(`事件处理出错：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, LogLevel.ERROR));
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
      this.becomeReady(`MiniQMT 已连接：资金账号 ${this.cfg.accountId}（${kind}），会话编号 ${this.sessionId}，合约 ${this.contracts.size} 只`);
    } catch (error) {
      const err = asTraderError(error, 'CONNECT_FAILED', 'MiniQMT 连接失败');
      if (gen !== this.generation) throw err;
      await this.teardown();
      this.phase = 'failed';
      this.log(err.message, LogLevel.ERROR);
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
    const sidecar = this.ready();
    const code = xtCodeOf(req.symbol, req.exchange);
    if (this.quotesBroken) {
      if (!this.quoteWarned) this.log(`xtdata 不可用，无法订阅 ${code} 的行情：${this.quotesBroken}`, LogLevel.WARNING);
      this.quoteWarned = true;
      return;
    }
    this.quoteCodes.add(code);
    void this.subscribeQuotes(sidecar, [code]);
  }

  sendOrder(req: OrderRequest): string {
    const sidecar = this.ready();
    const cfg = this.cfg!;
    if (req.credit === CreditOrderType.DIRECT_CASH_REPAY || req.credit === CreditOrderType.DIRECT_SECU_REPAY) {
      throw new TraderError('USE_DIRECT_REPAY', `${req.credit}不是交易所委托，请在两融“信用资产”中操作`);
    }
    const orderType = orderTypeCodeFor(req.direction, req.credit, cfg.creditAccount);
    const priceType = priceTypeCodeFor(req.type, req.exchange);
    const orderid = this.book.mint();
    const order: OrderData = {
      gateway_name: this.ctx.name,
      symbol: req.symbol,
      exchange: req.exchange,
      vt_symbol: `${req.symbol}.${req.exchange}`,
      orderid,
      vt_orderid: `${this.ctx.name}.${orderid}`,
      type: req.type,
      direction: req.direction,
      offset: Offset.NONE,
      price: req.price,
      volume: req.volume,
      traded: 0,
      status: Status.SUBMITTING,
      datetime: this.ctx.now(),
      reference: req.reference,
      status_msg: '',
    };
    if (cfg.creditAccount) order.credit = req.credit ?? (orderType === xt.CREDIT_SELL ? CreditOrderType.COLLATERAL_SELL : CreditOrderType.COLLATERAL_BUY);
    this.book.add({ orderid, exchange: req.exchange, type: req.type, reference: req.reference });
    this.emitOrder(order, true);
    this.submit(sidecar, orderid, {
      stock_code: xtCodeOf(req.symbol, req.exchange),
      order_type: orderType,
      order_volume: req.volume,
      price_type: priceType,
      price: req.price,
      strategy_name: req.reference.slice(0, 32),
      order_remark: orderid,
    });
    return order.vt_orderid;
  }

  /**
   * Refusals we can tell at once are thrown (unknown, finished, not connected). The cancel
   * itself is asynchronous: a refusal by the counter comes back as on_cancel_error, which is
   * logged, and the order stays as the counter reports it.
   */
  cancelOrder(req: CancelRequest): void {
    const sidecar = this.ready();
    const prefix = `${this.ctx.name}.`;
    const orderid = req.orderid.startsWith(prefix) ? req.orderid.slice(prefix.length) : req.orderid;
    const known = this.book.get(orderid);
    if (!known?.last) throw new TraderError('UNKNOWN_ORDER', `MiniQMT 接口没有委托 ${orderid}`);
    if (!ACTIVE_STATUSES.has(known.last.status)) throw new TraderError('ORDER_NOT_ACTIVE', `委托 ${orderid} 状态为“${known.last.status}”，不可撤单`);
    if (known.xtOrderId === undefined && !known.sysid) {
      // Sent, but the counter has not numbered it yet: cancel as soon as it does.
      known.cancelWanted = true;
      this.log(`委托 ${orderid} 尚未得到柜台编号，编号到达后即撤单`);
      return;
    }
    this.sendCancel(sidecar, known);
  }

  queryAccount(): void {
    this.ready();
    void this.refreshHoldings();
  }

  queryPosition(): void {
    this.ready();
    void this.refreshHoldings();
  }

  /** Today's orders as the counter knows them, in every state (reconciliation at connect). */
  async queryOrders(): Promise<OrderData[]> {
    const sidecar = this.ready();
    const r = await sidecar.request('query_orders', { cancelable_only: false }, this.timeout());
    const out: OrderData[] = [];
    for (const raw of r.items as XtOrder[]) {
      const order = this.orderOfRow(raw);
      if (order) out.push(order);
    }
    return out;
  }

  /**
   * 直接还券 is an order of type 30 (code and shares). 直接还款 (type 32) is refused: the
   * xttrader reference gives no parameters for it, and a cash operation is not guessed at.
   */
  async directRepay(req: DirectRepayRequest): Promise<string> {
    const sidecar = this.ready();
    if (!this.cfg!.creditAccount) throw new TraderError('NOT_CREDIT_ACCOUNT', `${req.type}需要信用账户：当前 MiniQMT 连接的是普通账户`);
    if (req.type === CreditOrderType.DIRECT_CASH_REPAY) {
      throw new TraderError('NOT_SUPPORTED', '直接还款请在 MiniQMT 客户端中操作：xtquant 的文档没有给出直接还款（委托类型 32）的参数，本接口不猜测资金操作');
    }
    if (!req.symbol || !req.exchange || !req.volume) throw new TraderError('REPAY_CODE', '直接还券需要证券代码和数量');
    const orderid = this.book.mint();
    const order: OrderData = {
      gateway_name: this.ctx.name, symbol: req.symbol, exchange: req.exchange, vt_symbol: `${req.symbol}.${req.exchange}`,
      orderid, vt_orderid: `${this.ctx.name}.${orderid}`, type: OrderType.LIMIT, direction: Direction.SHORT, offset: Offset.NONE,
      price: 0, volume: req.volume, traded: 0, status: Status.SUBMITTING, datetime: this.ctx.now(), reference: 'manual', status_msg: '',
      credit: CreditOrderType.DIRECT_SECU_REPAY,
    };
    this.book.add({ orderid, exchange: req.exchange, reference: 'manual' });
    this.emitOrder(order, true);
    this.submit(sidecar, orderid, {
      stock_code: xtCodeOf(req.symbol, req.exchange), order_type: xt.CREDIT_DIRECT_SECU_REPAY, order_volume: req.volume,
      price_type: xt.FIX_PRICE, price: 0, strategy_name: 'manual', order_remark: orderid,
    });
    return `已提交直接还券：${req.symbol}.${req.exchange} ${req.volume} 股（委托 ${order.vt_orderid}），结果见委托与负债合约`;
  }

  /** Whether the gateway is logged in and accepting orders. */
  get isReady(): boolean {
    return this.phase === 'ready';
  }

  /** The running sidecar's process id (tests stop or kill it to play a crash or a hang). */
  get sidecarPid(): number | undefined {
    return this.sidecar?.alive ? this.sidecar.pid : undefined;
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
      Math.max(CONNECT_TIMEOUT_MS, this.timeout()),
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
    if (this.contracts.size === 0) await this.loadInstruments(sidecar);
    await this.reconcile(sidecar);
    if (this.quoteCodes.size) await this.subscribeQuotes(sidecar, [...this.quoteCodes]);
    if (this.linkLost) throw new TraderError('DISCONNECTED', '连接 MiniQMT 的过程中连接再次断开');
  }

  private async ensureSidecar(cfg: MiniqmtSettings): Promise<SidecarProcess> {
    if (this.sidecar?.alive) return this.sidecar;
    const sidecar: SidecarProcess = new SidecarProcess(
      { python: cfg.python, script: this.script, xtquantDir: cfg.xtquantDir, helloTimeoutMs: Math.max(HELLO_TIMEOUT_MS, this.timeout()) },
      {
        onEvent: (name, data) => {
          if (this.sidecar === sidecar) this.onCounterEvent(name, data);
        },
        onLog: (level, msg) => {
          if (this.sidecar === sidecar) this.log(msg, LogLevel[level]);
        },
        onExit: (reason) => {
          if (this.sidecar === sidecar) this.onSidecarExit(reason);
        },
      },
    );
    this.sidecar = sidecar;
    const hello = await sidecar.ready;
    this.log(`MiniQMT 边车进程已启动（pid ${hello.pid}，${hello.platform}）：Python ${hello.python}，xtquant ${hello.xtquant.version ?? '版本未知'}（${hello.xtquant.path ?? ''}）`);
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
    this.events.flush();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = setInterval(() => void this.poll(), this.pollMs);
    this.log(message);
    this.ctx.events.onStatus(GatewayStatus.CONNECTED);
  }

  /** MiniQMT dropped us (the sidecar is fine). */
  private onMiniqmtDisconnected(): void {
    if (this.phase !== 'ready') {
      this.linkLost = true;
      return;
    }
    const message = '与 MiniQMT 的连接已断开（on_disconnected），正在以新的会话编号重连';
    this.log(message, LogLevel.WARNING);
    this.ctx.events.onStatus(GatewayStatus.CONNECTING, message);
    this.startReconnecting();
  }

  /** The sidecar died or hung (and was killed). Orders in flight learn it from their requests. */
  private onSidecarExit(reason: string): void {
    this.sidecar = undefined;
    if (this.phase !== 'ready') return;
    this.log(`MiniQMT 边车进程异常：${reason}。正在重启边车并重连`, LogLevel.ERROR);
    this.ctx.events.onStatus(GatewayStatus.ERROR, reason);
    this.startReconnecting();
  }

  private startReconnecting(): void {
    this.phase = 'reconnecting';
    this.attempt = 0;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    this.events.flush();
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
        this.log(`重连 MiniQMT 失败，已停止重连：${err.message}`, LogLevel.ERROR);
        this.ctx.events.onStatus(GatewayStatus.ERROR, err.message);
        return;
      }
      this.log(`第 ${this.attempt} 次重连 MiniQMT 未成功：${err.message}`, LogLevel.WARNING);
      this.scheduleReconnect();
      return;
    }
    if (this.phase !== 'reconnecting' || gen !== this.generation) return;
    this.becomeReady(`已重连 MiniQMT（会话编号 ${this.sessionId}，第 ${this.attempt} 次尝试），委托与成交已与柜台核对`);
  }

  private async teardown(): Promise<void> {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.reconnectTimer = undefined;
    this.pollTimer = undefined;
    this.refreshTimer = undefined;
    const sidecar = this.sidecar;
    this.sidecar = undefined;
    if (sidecar) await sidecar.stop();
    this.events.flush();
    this.polling = false;
  }

  private ready(): SidecarProcess {
    if (this.phase !== 'ready' || !this.sidecar) {
      const why = this.phase === 'reconnecting' ? '正在重连' : '未连接';
      throw new TraderError('NOT_CONNECTED', `MiniQMT ${why}`);
    }
    return this.sidecar;
  }

  private timeout(): number {
    return this.cfg?.requestTimeoutMs ?? 15_000;
  }

  // ---- reading the counter ----

  /** Contracts from xtdata. Without xtdata the holdings still get contracts (see ensureContract). */
  private async loadInstruments(sidecar: SidecarProcess): Promise<void> {
    if (this.quotesBroken) return;
    try {
      const r = await sidecar.request('instruments', { sectors: [...INSTRUMENT_SECTORS] }, Math.max(INSTRUMENTS_TIMEOUT_MS, this.timeout()));
      for (const raw of r.items) {
        const code = parseXtCode(str(raw.code));
        if (!code) continue;
        this.putContract(toContract(raw, code.symbol, code.exchange, this.ctx.name));
      }
      if (r.failed.length) this.log(`xtdata 未返回以下板块的合约：${r.failed.join('、')}`, LogLevel.WARNING);
    } catch (error) {
      const err = asTraderError(error, 'XTDATA_FAILED', 'xtdata 出错');
      // Remembered for the run: a hung xtdata would otherwise hang every reconnect too.
      this.quotesBroken = err.message;
      this.log(`xtdata 不可用（${err.message}）：无行情，只有持仓与委托中的证券有合约可交易`, LogLevel.WARNING);
      if (!sidecar.alive) throw err;
    }
  }

  /** Read everything the counter holds for the account and emit it. */
  private async reconcile(sidecar: SidecarProcess): Promise<void> {
    const t = this.timeout();
    const [asset, positions, orders, trades] = await Promise.all([
      sidecar.request('query_asset', {}, t),
      sidecar.request('query_positions', {}, t),
      sidecar.request('query_orders', { cancelable_only: false }, t),
      sidecar.request('query_trades', {}, t),
    ]);
    for (const raw of [...positions.items, ...orders.items, ...trades.items]) this.ensureContract(str(raw.stock_code));
    if (asset.item) this.emitAccount(asset.item);
    this.emitPositions(positions.items);
    const onCounter = new Set<string>();
    const byTime = [...(orders.items as XtOrder[])].sort((a, b) => num(a.order_time) - num(b.order_time));
    for (const raw of byTime) {
      const order = this.onOrderRow(raw);
      if (order) onCounter.add(order.orderid);
    }
    for (const raw of trades.items as XtTrade[]) this.onTradeRow(raw);
    if (this.cfg!.creditAccount) await this.readCredit(sidecar, true);
    // Ours that the counter does not know never reached it (sent as the link fell).
    for (const known of this.book.unacknowledged()) {
      if (!onCounter.has(known.orderid)) this.rejectLocally(known, '连接中断，委托未送达柜台');
    }
  }

  /** Credit figures and compacts; with `terms`, also the per-code margin terms (large lists). */
  private async readCredit(sidecar: SidecarProcess, terms: boolean): Promise<void> {
    const t = this.timeout();
    const cfg = this.cfg!;
    const [detail, compacts] = await Promise.all([sidecar.request('query_credit_detail', {}, t), sidecar.request('query_stk_compacts', {}, t)]);
    const first = detail.items[0];
    if (first) {
      const credit = toCreditDetail(first, { gateway: this.ctx.name, accountId: cfg.accountId, warningLine: cfg.warningLine, closeOutLine: cfg.closeOutLine });
      this.events.push((s) => s.onCredit(credit));
    }
    for (const raw of compacts.items) {
      const compact = toCompact(raw, { gateway: this.ctx.name, accountId: cfg.accountId });
      if (compact) this.events.push((s) => s.onCompact(compact));
    }
    if (!terms) return;
    const [subjects, sloCodes, assures] = await Promise.all([
      sidecar.request('query_credit_subjects', {}, t),
      sidecar.request('query_credit_slo_code', {}, t),
      sidecar.request('query_credit_assure', {}, t),
    ]);
    for (const asset of mergeCreditAssets({ subjects: subjects.items, sloCodes: sloCodes.items, assures: assures.items }, this.ctx.name)) {
      this.events.push((s) => s.onCreditAsset(asset));
      const contract = this.contracts.get(asset.vt_symbol);
      if (contract && (contract.fin_eligible !== asset.fin_status || contract.slo_eligible !== asset.slo_status)) {
        this.putContract({ ...contract, fin_eligible: asset.fin_status, slo_eligible: asset.slo_status });
      }
    }
  }

  /** Cash, holdings and (credit) figures: on the poll timer, after fills, and on request. */
  private async refreshHoldings(): Promise<void> {
    const sidecar = this.sidecar;
    if (this.phase !== 'ready' || !sidecar || this.polling) return;
    this.polling = true;
    const t = this.timeout();
    try {
      const [asset, positions] = await Promise.all([sidecar.request('query_asset', {}, t), sidecar.request('query_positions', {}, t)]);
      if (this.sidecar !== sidecar) return;
      if (asset.item) this.emitAccount(asset.item);
      for (const raw of positions.items) this.ensureContract(str(raw.stock_code));
      this.emitPositions(positions.items);
      if (this.cfg!.creditAccount) await this.readCredit(sidecar, false);
    } catch (error) {
      // A dead or hung sidecar is reported by its exit; anything else is worth a line.
      if (sidecar.alive) this.log(`查询 MiniQMT 资金与持仓失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
    } finally {
      this.polling = false;
    }
  }

  private poll(): Promise<void> {
    return this.refreshHoldings();
  }

  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refreshHoldings();
    }, REFRESH_DELAY_MS);
  }

  private emitAccount(raw: XtRecord): void {
    const account = toAccount(raw, this.ctx.name, this.cfg!.accountId);
    this.events.push((s) => s.onAccount(account));
  }

  private emitPositions(rows: readonly XtRecord[]): void {
    const seen = new Set<string>();
    for (const raw of rows) {
      const position = toPosition(raw, this.ctx.name);
      if (!position) continue;
      seen.add(position.vt_symbol);
      this.events.push((s) => s.onPosition(position));
    }
    // A holding sold out drops off the counter's list; the monitor must show it at 0.
    for (const vt of this.heldCodes) {
      if (seen.has(vt)) continue;
      const [symbol, exchange] = vt.split('.') as [string, string];
      const gone = toPosition({ stock_code: xtCodeOf(symbol, exchange as ContractData['exchange']), volume: 0 }, this.ctx.name);
      if (gone) this.events.push((s) => s.onPosition(gone));
    }
    this.heldCodes.clear();
    for (const vt of seen) this.heldCodes.add(vt);
  }

  private ensureContract(xtCode: string): void {
    const code = parseXtCode(xtCode);
    if (!code || this.contracts.has(`${code.symbol}.${code.exchange}`)) return;
    this.putContract(fallbackContract(code.symbol, code.exchange, this.ctx.name));
  }

  private putContract(contract: ContractData): void {
    this.contracts.set(contract.vt_symbol, contract);
    this.events.push((s) => s.onContract(contract));
  }

  private async subscribeQuotes(sidecar: SidecarProcess, codes: string[]): Promise<void> {
    try {
      const r = await sidecar.request('subscribe_quote', { codes }, this.timeout());
      if (r.failed.length) this.log(`xtdata 订阅行情失败：${r.failed.join('、')}`, LogLevel.WARNING);
    } catch (error) {
      if (sidecar.alive) this.log(`xtdata 订阅行情失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
    }
  }

  // ---- orders ----

  private submit(sidecar: SidecarProcess, orderid: string, params: SidecarMethods['order']['params']): void {
    sidecar.request('order', params, this.timeout()).then(
      (r) => {
        const seq = num(r.seq, -1);
        if (seq > 0) this.book.noteSeq(seq, orderid);
        else this.rejectIfUnheard(orderid, `xtquant 拒绝了下单请求（order_stock_async 返回 ${seq}）`);
      },
      (error: unknown) => this.rejectIfUnheard(orderid, `下单请求未送达 MiniQMT：${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private sendCancel(sidecar: SidecarProcess, known: KnownOrder): void {
    const request =
      known.xtOrderId !== undefined
        ? sidecar.request('cancel', { order_id: known.xtOrderId }, this.timeout())
        : sidecar.request('cancel_sysid', { market: xtMarketOf(known.exchange), order_sysid: known.sysid! }, this.timeout());
    request.then(
      (r) => {
        if (num(r.seq, -1) <= 0) this.log(`撤单请求被 xtquant 拒绝（委托 ${this.ctx.name}.${known.orderid}，返回 ${r.seq}）`, LogLevel.WARNING);
      },
      (error: unknown) => this.log(`撤单请求未送达 MiniQMT（委托 ${this.ctx.name}.${known.orderid}）：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING),
    );
  }

  /** A send that failed on our side, unless the counter has spoken about the order since. */
  private rejectIfUnheard(orderid: string, reason: string): void {
    const known = this.book.get(orderid);
    if (!known || known.xtOrderId !== undefined || !known.last || known.last.status !== Status.SUBMITTING) return;
    this.rejectLocally(known, reason);
  }

  private rejectLocally(known: KnownOrder, reason: string): void {
    if (!known.last) return;
    this.log(`委托 ${known.last.vt_orderid} 被拒绝：${reason}`, LogLevel.WARNING);
    this.emitOrder({ ...known.last, status: Status.REJECTED, status_msg: reason, datetime: this.ctx.now() }, true);
  }

  private emitOrder(order: OrderData, local = false): OrderData | undefined {
    const news = this.book.accept(order, local);
    if (news) this.events.push((s) => s.onOrder(news));
    return news;
  }

  /** The order a counter row describes, with what we know of it; undefined for codes we do not trade. */
  private orderOfRow(raw: XtOrder): OrderData | undefined {
    const code = parseXtCode(str(raw.stock_code));
    if (!code) return undefined;
    const orderid = this.book.orderidOf(raw, code.exchange);
    const known = this.book.get(orderid);
    return toOrder(raw, { gateway: this.ctx.name, orderid, creditAccount: this.cfg!.creditAccount, type: known?.type, reference: known?.reference, now: this.ctx.now() });
  }

  private onOrderRow(raw: XtOrder): OrderData | undefined {
    const order = this.orderOfRow(raw);
    if (!order) return undefined;
    this.ensureContract(str(raw.stock_code));
    this.emitOrder(order);
    const known = this.book.get(order.orderid);
    if (known?.cancelWanted && ACTIVE_STATUSES.has(order.status) && this.sidecar) {
      known.cancelWanted = false;
      this.sendCancel(this.sidecar, known);
    }
    return order;
  }

  private onTradeRow(raw: XtTrade): void {
    const code = parseXtCode(str(raw.stock_code));
    if (!code) return;
    const orderid = this.book.orderidOf(raw, code.exchange);
    const trade = toTrade(raw, { gateway: this.ctx.name, orderid, creditAccount: this.cfg!.creditAccount, now: this.ctx.now() });
    if (!trade) {
      this.log(`MiniQMT 成交回报缺少成交编号，已忽略：${JSON.stringify(raw).slice(0, 200)}`, LogLevel.WARNING);
      return;
    }
    this.ensureContract(str(raw.stock_code));
    this.events.push((s) => s.onTrade(trade));
  }

  // ---- xtquant's callbacks, forwarded by the sidecar ----

  private onCounterEvent(name: string, data: XtRecord | null): void {
    if (this.phase === 'idle' || this.phase === 'closing') return;
    const row = data ?? {};
    switch (name) {
      case 'on_stock_order':
        // Any step of an order moves cash or shares (a freeze, a fill, a release): re-read them.
        this.onOrderRow(row as XtOrder);
        this.refreshSoon();
        return;
      case 'on_stock_trade':
        this.onTradeRow(row as XtTrade);
        this.refreshSoon();
        return;
      case 'on_order_error':
        return this.onOrderError(row as XtOrderError);
      case 'on_cancel_error':
        return this.onCancelError(row as XtCancelError);
      case 'on_order_stock_async_response':
        return this.onOrderResponse(row as XtOrderResponse);
      case 'on_cancel_order_stock_async_response':
        this.log(`撤单请求已受理：${JSON.stringify(row)}`, LogLevel.DEBUG);
        return;
      case 'on_disconnected':
        return this.onMiniqmtDisconnected();
      case 'on_account_status':
        return this.onAccountStatus(row as XtAccountStatus);
      case 'tick':
        return this.onTickRow(row as XtTick & { code?: string });
      default:
        this.log(`MiniQMT 边车进程推送了未知事件 ${name}`, LogLevel.DEBUG);
    }
  }

  private onOrderError(raw: XtOrderError): void {
    const orderid = this.book.orderidOf(raw);
    const known = this.book.get(orderid);
    const reason = `下单失败（错误码 ${num(raw.error_id)}）：${str(raw.error_msg) || '柜台未说明原因'}`;
    if (!known?.last) {
      this.log(`MiniQMT ${reason}（委托备注 ${str(raw.order_remark) || '无'}）`, LogLevel.WARNING);
      return;
    }
    this.log(`委托 ${known.last.vt_orderid} ${reason}`, LogLevel.WARNING);
    this.emitOrder({ ...known.last, status: Status.REJECTED, status_msg: reason, datetime: this.ctx.now() });
  }

  private onCancelError(raw: XtCancelError): void {
    const xtId = num(raw.order_id, -1);
    const orderid = xtId > 0 ? this.book.orderidOf({ order_id: xtId }) : str(raw.order_sysid);
    this.log(`撤单失败：委托 ${this.ctx.name}.${orderid} ${str(raw.error_msg) || '柜台未说明原因'}（错误码 ${num(raw.error_id)}）`, LogLevel.WARNING);
  }

  private onOrderResponse(raw: XtOrderResponse): void {
    const remark = str(raw.order_remark);
    const orderid = isOurRemark(remark) ? remark : this.book.orderidOfSeq(num(raw.seq, -1));
    if (!orderid) return;
    this.book.link(orderid, num(raw.order_id, -1));
    const known = this.book.get(orderid);
    if (known?.cancelWanted && known.last && ACTIVE_STATUSES.has(known.last.status) && this.sidecar) {
      known.cancelWanted = false;
      this.sendCancel(this.sidecar, known);
    }
  }

  private onAccountStatus(raw: XtAccountStatus): void {
    const status = num(raw.status, -1);
    if (status === this.accountStatus) return;
    this.accountStatus = status;
    const name = xt.ACCOUNT_STATUS_NAMES[status] ?? `未知（${status}）`;
    this.log(`MiniQMT 资金账号 ${str(raw.account_id)} 状态：${name}`, status === xt.ACCOUNT_STATUS_OK ? LogLevel.INFO : LogLevel.WARNING);
  }

  private onTickRow(raw: XtTick & { code?: string }): void {
    const code = parseXtCode(str(raw.code));
    const contract = code && this.contracts.get(`${code.symbol}.${code.exchange}`);
    if (!contract) return;
    const tick = toTick(raw, contract, this.ctx.now());
    this.events.push((s) => s.onTick(tick));
  }

  private log(msg: string, level: LogLevel = LogLevel.INFO): void {
    this.ctx.events.onLog(msg, level);
  }
}

function asTraderError(error: unknown, code: string, prefix: string): TraderError {
  if (error instanceof TraderError) return error;
  return new TraderError(code, `${prefix}：${error instanceof Error ? error.message : String(error)}`);
}
