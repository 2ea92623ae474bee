/**
 * The SIM gateway: wraps the pure SimExchange with what a live gateway needs, namely the
 * login, the quote timer, event delivery and persistence.
 *
 * Durable like a real counter: every order, fill or compact change stages the account's
 * state (cash, positions, compacts, lendable) and the working order it concerns into the
 * storage, which the engine commits in the same transaction as the events that change
 * produced, so after any crash the account and the journal agree exactly. Each working order
 * is a key of its own and the quotes another, so a burst writes what it changed, not the
 * whole book; quotes are saved about once a second. The state lives in this process, so one
 * process at a time holds an instance (GatewayStorage.claim).
 */
import { GatewayStatus, LogLevel } from '../../common/constants';
import type { DirectRepayRequest } from '../../common/credit';
import type { FeeSchedule } from '../../common/markets/cn-stock/fees';
import { DeferredSink, onMicrotask } from '../../common/deferred-sink';
import { TraderError } from '../../common/errors';
import type { Gateway, GatewayContext, GatewaySettings } from '../../common/gateway-api';
import type { CancelRequest, OrderData, OrderRequest, SubscribeRequest } from '../../common/objects';
import { verifyOrEnrol } from './auth';
import { readSimSettings, type SimSettings } from './settings';
import { SimExchange, type SimSink } from './sim-exchange';
import { parseSnapshot, type SimWorkingOrder } from './snapshot';
import { SimFuturesExchange } from './futures/sim-futures-exchange';
import { parseFuturesSnapshot } from './futures/futures-snapshot';

/** The counter behind a connected SIM: an A-share (普通/信用) account or a futures (期货) one. */
type SimCounter = SimExchange | SimFuturesExchange;

/** Quote moves without a fill are saved about this often (a fill is saved with its event). */
export const QUOTE_SAVE_MS = 1000;
const SESSION_KEY = 'session';

/** The account: cash, holdings, the credit desk, the day (older versions kept everything here). */
export function stateKey(accountId: string): string {
  return `account.${accountId}`;
}

/** Quotes and the random walk. */
export function marketKey(accountId: string): string {
  return `market.${accountId}`;
}

/** A futures account's whole state (account, lots, working orders, quotes): one key, small. */
export function futuresKey(accountId: string): string {
  return `futures.${accountId}`;
}

/** One working order of the account. */
export function workingKey(accountId: string, orderid: string): string {
  return `working.${accountId}.${orderid}`;
}

/** Time priority of our ids, `<session>-<n>`: by session, then by number (keys sort as text). */
function byOrderId(a: SimWorkingOrder, b: SimWorkingOrder): number {
  const [sa = 0, na = 0] = a.orderid.split('-').map(Number);
  const [sb = 0, nb = 0] = b.orderid.split('-').map(Number);
  return sa - sb || na - nb;
}

/**
 * The id session of a new connect: past the stored one and past the session of the last
 * order the journal holds for this instance, so ids stay unique even if the state was lost.
 */
export function nextSession(stored: number | undefined, lastJournalOrderId: string | undefined): number {
  const journalled = /^(\d+)-\d+$/.exec(lastJournalOrderId ?? '');
  return Math.max(stored ?? 0, journalled ? Number(journalled[1]) : 0) + 1;
}

export class SimGateway implements Gateway {
  private readonly sink: DeferredSink;
  /** the exchange's sink: every order, fill or compact event also stages the account state */
  private readonly exchangeSink: SimSink;
  private exchange: SimCounter | undefined;
  private accountId = '';
  private fees: FeeSchedule | undefined;
  private quoteTimer: ReturnType<typeof setInterval> | undefined;
  private stepsSinceSave = 0;
  private stepsPerSave = 1;
  private claimed = false;

  constructor(private readonly ctx: GatewayContext) {
    // Events go out on a microtask, so sendOrder's caller has the vt_orderid before its first update.
    this.sink = new DeferredSink(ctx.events, { schedule: onMicrotask, onFault: (error) => console.error('SIM gateway: event handler failed', error) });
    const d = this.sink;
    const saving = <A extends unknown[]>(deliver: (...args: A) => void) => (...args: A) => {
      this.stageAccount();
      deliver(...args);
    };
    this.exchangeSink = {
      onTick: d.onTick, onPosition: d.onPosition, onAccount: d.onAccount, onContract: d.onContract, onLog: d.onLog,
      onCredit: d.onCredit, onCreditAsset: d.onCreditAsset,
      onOrder: (order) => {
        this.stageAccount();
        this.stageWorking(order.orderid);
        d.onOrder(order);
      },
      onTrade: saving(d.onTrade), onCompact: saving(d.onCompact),
    };
  }

  async connect(settings: GatewaySettings): Promise<void> {
    if (this.exchange) await this.close();
    this.sink.onStatus(GatewayStatus.CONNECTING);
    try {
      const cfg = readSimSettings(settings);
      this.claim();
      const auth = verifyOrEnrol(this.ctx.storage, cfg.accountId, cfg.password);
      // A new session number per connect keeps order ids unique: it is committed before any
      // id of the session can reach a client.
      const session = nextSession(this.ctx.storage.load<number>(SESSION_KEY), this.ctx.history.lastOrderId());
      this.ctx.storage.save(SESSION_KEY, session);
      const exchange = cfg.accountType === '期货' ? this.openFutures(cfg, session) : this.openStock(cfg, session);
      this.exchange = exchange;
      this.accountId = cfg.accountId;
      this.fees = exchange instanceof SimExchange ? cfg.fees : undefined;
      exchange.publishAll();
      this.stepsPerSave = Math.max(1, Math.round(QUOTE_SAVE_MS / cfg.intervalMs));
      this.quoteTimer = setInterval(() => this.onInterval(), cfg.intervalMs);
      this.quoteTimer.unref(); // a quote timer alone must not keep a closing process alive
      this.stageAccount();
      this.stageMarket();
      const working = exchange.workingOrderIds().length;
      const how = this.restored ? `已恢复存档${working ? `，未成交委托 ${working} 笔仍在撮合` : ''}` : '新开户';
      const pw = auth === 'enrolled' ? '，已设置密码' : '';
      const kind = exchange instanceof SimFuturesExchange ? '期货账户' : exchange.isCredit ? '信用账户' : '普通账户';
      this.sink.onLog(`模拟交易所已连接：资金账号 ${cfg.accountId}（${kind}，${how}${pw}），交易日 ${exchange.day}，合约 ${exchange.contracts().length} 只`);
      this.sink.onStatus(GatewayStatus.CONNECTED);
      this.sink.flush();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.exchange = undefined;
      this.releaseClaim();
      this.sink.onStatus(GatewayStatus.ERROR, message);
      this.sink.flush();
      throw err instanceof TraderError ? err : new TraderError('LOGIN_FAILED', `模拟交易所连接失败：${message}`);
    }
  }

  /** Whether the last open found a saved account (for the connect log line). */
  private restored = false;

  /** The A-share counter, from its saved state (account, market and working-order keys). */
  private openStock(cfg: SimSettings, session: number): SimExchange {
    const stored = this.loadSaved(cfg.accountId);
    const snapshot = parseSnapshot(stored);
    if (stored !== undefined && !snapshot) {
      this.sink.onLog(`模拟账户 ${cfg.accountId} 的存档无法识别，已按初始资金重新开户`, LogLevel.WARNING);
    }
    // A fresh account starts with an empty book: orders saved with another state go.
    if (!snapshot || snapshot.account_id !== cfg.accountId) for (const key of this.ctx.storage.keys(workingKey(cfg.accountId, ''))) this.ctx.storage.save(key, undefined);
    // An account with open compacts stays a credit account whatever the form says: its
    // debts cannot just vanish by switching the setting.
    const owes = (snapshot?.credit?.compacts.length ?? 0) > 0 && snapshot?.account_id === cfg.accountId;
    const isCredit = cfg.accountType === '信用' || owes;
    if (owes && cfg.accountType !== '信用') {
      this.sink.onLog(`模拟账户 ${cfg.accountId} 仍有未了结的负债合约，按信用账户登录（账户类型设置为“普通”已忽略）`, LogLevel.WARNING);
    }
    this.restored = snapshot !== undefined;
    return new SimExchange(
      {
        gatewayName: this.ctx.name, accountId: cfg.accountId, initialCash: cfg.initialCash, seed: cfg.seed, fees: cfg.fees, now: this.ctx.now, session,
        ...(isCredit ? { credit: cfg.credit } : {}),
      },
      this.exchangeSink,
      snapshot,
    );
  }

  /** The futures counter, from its one saved key (a 资金账号 used for stocks keeps that account apart). */
  private openFutures(cfg: SimSettings, session: number): SimFuturesExchange {
    const stored = this.ctx.storage.load<unknown>(futuresKey(cfg.accountId));
    const snapshot = parseFuturesSnapshot(stored);
    if (stored !== undefined && !snapshot) {
      this.sink.onLog(`模拟期货账户 ${cfg.accountId} 的存档无法识别，已按初始资金重新开户`, LogLevel.WARNING);
    }
    this.restored = snapshot !== undefined;
    return new SimFuturesExchange(
      { gatewayName: this.ctx.name, accountId: cfg.accountId, initialCash: cfg.initialCash, seed: cfg.seed, now: this.ctx.now, session },
      this.exchangeSink,
      snapshot,
    );
  }

  /**
   * Disconnect. The simulated exchange runs only while connected, so a clean close cancels
   * the working orders (and says so) rather than leave them in an exchange that is not
   * running; only a crash leaves them, and they are live again at the next connect.
   */
  feeSchedule(): FeeSchedule | undefined {
    return this.fees;
  }

  tradingDay(): string | undefined {
    return this.exchange?.day;
  }

  async close(): Promise<void> {
    if (this.quoteTimer) clearInterval(this.quoteTimer);
    this.quoteTimer = undefined;
    if (this.exchange) {
      this.exchange.cancelAll('连接断开，未成交委托已撤销');
      this.stageAccount();
      this.stageMarket();
      this.exchange = undefined;
      this.sink.onStatus(GatewayStatus.DISCONNECTED);
    }
    this.releaseClaim();
    this.sink.flush();
  }

  subscribe(req: SubscribeRequest): void {
    const vt = `${req.symbol}.${req.exchange}`;
    if (!this.connected().subscribe(vt)) this.sink.onLog(`订阅失败：合约 ${vt} 不存在`, LogLevel.WARNING);
  }

  sendOrder(req: OrderRequest): string {
    return this.connected().sendOrder(req);
  }

  /** Cancel a working order; throws the exchange's reason for one it does not know or that is final. */
  cancelOrder(req: CancelRequest): void {
    // Accept a vt_orderid too: traders paste what the order monitor shows.
    const prefix = `${this.ctx.name}.`;
    const id = req.orderid.startsWith(prefix) ? req.orderid.slice(prefix.length) : req.orderid;
    this.connected().cancelOrder(id);
  }

  /** Every order the exchange knows since it started: restored working orders and today's new ones. */
  async queryOrders(): Promise<OrderData[]> {
    return this.connected().ordersData();
  }

  /** 直接还款 / 直接还券 (credit accounts; an ordinary account refuses with the reason). */
  async directRepay(req: DirectRepayRequest): Promise<string> {
    const message = this.connected().directRepay(req);
    this.stageAccount();
    return message;
  }

  queryAccount(): void {
    const ex = this.connected();
    this.sink.onAccount(ex.accountData());
  }

  queryPosition(): void {
    this.connected().publishPositions();
  }

  async runAction(action: string): Promise<string> {
    if (action !== 'settle-day') throw new TraderError('UNKNOWN_ACTION', `模拟交易所不支持操作“${action}”`);
    const summary = this.connected().settleDay();
    this.stageAccount();
    this.stageMarket();
    this.sink.onLog(summary);
    return summary;
  }

  /** The live A-share exchange, for tests and tools; undefined while disconnected or on a futures account. */
  get simExchange(): SimExchange | undefined {
    return this.exchange instanceof SimExchange ? this.exchange : undefined;
  }

  /** The live futures exchange (账户类型 期货), for tests and tools. */
  get simFutures(): SimFuturesExchange | undefined {
    return this.exchange instanceof SimFuturesExchange ? this.exchange : undefined;
  }

  private connected(): SimCounter {
    if (!this.exchange) throw new TraderError('NOT_CONNECTED', '模拟交易所未连接');
    return this.exchange;
  }

  private onInterval(): void {
    if (!this.exchange) return;
    // Fills during the step stage the account themselves; quotes alone now and then.
    this.exchange.step();
    if (++this.stepsSinceSave >= this.stepsPerSave) this.stageMarket();
  }

  /** The saved state as one snapshot: the account key, the market key and one key per working order. */
  private loadSaved(accountId: string): unknown {
    const storage = this.ctx.storage;
    const account = storage.load<unknown>(stateKey(accountId));
    if (account === undefined || typeof account !== 'object' || account === null || Array.isArray(account)) return account;
    const market = storage.load<Record<string, unknown>>(marketKey(accountId));
    const working = storage.keys(workingKey(accountId, '')).map((k) => storage.load<SimWorkingOrder>(k)!).sort(byOrderId);
    // Files from before the split hold the quotes in the account: those win over nothing.
    return { ...(market ?? {}), ...account, ...(working.length ? { working } : {}) };
  }

  /** Have the account written with the current burst of events (once, however many changes). */
  private stageAccount(): void {
    const exchange = this.exchange;
    if (!exchange) return;
    if (exchange instanceof SimFuturesExchange) {
      this.stageFutures(exchange);
      return;
    }
    this.ctx.storage.stage(stateKey(this.accountId), () => exchange.accountSnapshot());
  }

  /** An order's own key: written while it works, deleted when it leaves the book. */
  private stageWorking(orderid: string): void {
    const exchange = this.exchange;
    if (!exchange || exchange instanceof SimFuturesExchange) return; // its orders are in its one key
    this.ctx.storage.stage(workingKey(this.accountId, orderid), () => exchange.workingOrderSnapshot(orderid));
  }

  private stageMarket(): void {
    const exchange = this.exchange;
    if (!exchange) return;
    this.stepsSinceSave = 0;
    if (exchange instanceof SimFuturesExchange) {
      this.stageFutures(exchange);
      return;
    }
    this.ctx.storage.stage(marketKey(this.accountId), () => exchange.marketSnapshot());
  }

  /** A futures account is one key: staged once per burst of events, whatever changed. */
  private stageFutures(exchange: SimFuturesExchange): void {
    this.ctx.storage.stage(futuresKey(this.accountId), () => exchange.snapshot());
  }

  private claim(): void {
    if (this.claimed) return;
    const holder = this.ctx.storage.claim();
    if (holder !== undefined) {
      throw new TraderError(
        'SIM_IN_USE',
        `模拟交易所 ${this.ctx.name} 的账户正由${holder}使用：模拟柜台运行在连接它的进程里，同一数据目录中的同一模拟接口不能同时在两个进程中连接。请先在另一进程中断开，或在 vt_setting.json 的 gateway.instances 中另建一个模拟接口（如 SIM_2）`,
      );
    }
    this.claimed = true;
  }

  private releaseClaim(): void {
    if (!this.claimed) return;
    this.claimed = false;
    this.ctx.storage.release();
  }
}
