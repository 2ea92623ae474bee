/**
 * The SIM gateway: wraps the pure SimExchange with what a live gateway needs, namely the
 * login, the quote timer, event delivery and debounced persistence.
 */
import { GatewayStatus, LogLevel } from '../../common/constants';
import type { DirectRepayRequest } from '../../common/credit';
import { DeferredSink, onMicrotask } from '../../common/deferred-sink';
import { TraderError } from '../../common/errors';
import type { Gateway, GatewayContext, GatewaySettings } from '../../common/gateway-api';
import type { CancelRequest, OrderRequest, SubscribeRequest } from '../../common/objects';
import { verifyOrEnrol } from './auth';
import { readSimSettings } from './settings';
import { SimExchange } from './sim-exchange';
import { parseSnapshot } from './snapshot';

/** Longest a state change waits before it is written (the brief's ≤ 200 ms). */
export const SAVE_DELAY_MS = 200;
const SESSION_KEY = 'session';

export function stateKey(accountId: string): string {
  return `account.${accountId}`;
}

export class SimGateway implements Gateway {
  private readonly sink: DeferredSink;
  private exchange: SimExchange | undefined;
  private accountId = '';
  private quoteTimer: ReturnType<typeof setInterval> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: GatewayContext) {
    // Events go out on a microtask, so sendOrder's caller has the vt_orderid before its first update.
    this.sink = new DeferredSink(ctx.events, { schedule: onMicrotask, onFault: (error) => console.error('SIM gateway: event handler failed', error) });
  }

  async connect(settings: GatewaySettings): Promise<void> {
    if (this.exchange) await this.close();
    this.sink.onStatus(GatewayStatus.CONNECTING);
    try {
      const cfg = readSimSettings(settings);
      const auth = verifyOrEnrol(this.ctx.storage, cfg.accountId, cfg.password);
      // A new session number per connect, saved at once, keeps order ids unique even if
      // the process dies before the debounced state write.
      const session = (this.ctx.storage.load<number>(SESSION_KEY) ?? 0) + 1;
      this.ctx.storage.save(SESSION_KEY, session);
      const stored = this.ctx.storage.load<unknown>(stateKey(cfg.accountId));
      const snapshot = parseSnapshot(stored);
      if (stored !== undefined && !snapshot) {
        this.sink.onLog(`模拟账户 ${cfg.accountId} 的存档无法识别，已按初始资金重新开户`, LogLevel.WARNING);
      }
      // An account with open compacts stays a credit account whatever the form says: its
      // debts cannot just vanish by switching the setting.
      const owes = (snapshot?.credit?.compacts.length ?? 0) > 0 && snapshot?.account_id === cfg.accountId;
      const isCredit = cfg.accountType === '信用' || owes;
      if (owes && cfg.accountType !== '信用') {
        this.sink.onLog(`模拟账户 ${cfg.accountId} 仍有未了结的负债合约，按信用账户登录（账户类型设置为“普通”已忽略）`, LogLevel.WARNING);
      }
      const exchange = new SimExchange(
        {
          gatewayName: this.ctx.name, accountId: cfg.accountId, initialCash: cfg.initialCash, seed: cfg.seed, fees: cfg.fees, now: this.ctx.now, session,
          ...(isCredit ? { credit: cfg.credit } : {}),
        },
        this.sink,
        snapshot,
      );
      this.exchange = exchange;
      this.accountId = cfg.accountId;
      exchange.publishAll();
      this.quoteTimer = setInterval(() => this.onInterval(), cfg.intervalMs);
      this.quoteTimer.unref(); // a quote timer alone must not keep a closing process alive
      this.flushState();
      const how = snapshot ? '已恢复存档' : '新开户';
      const pw = auth === 'enrolled' ? '，已设置密码' : '';
      const kind = isCredit ? '信用账户' : '普通账户';
      this.sink.onLog(`模拟交易所已连接：资金账号 ${cfg.accountId}（${kind}，${how}${pw}），交易日 ${exchange.day}，合约 ${exchange.contracts().length} 只`);
      this.sink.onStatus(GatewayStatus.CONNECTED);
      this.sink.flush();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.sink.onStatus(GatewayStatus.ERROR, message);
      this.sink.flush();
      throw err instanceof TraderError ? err : new TraderError('LOGIN_FAILED', `模拟交易所连接失败：${message}`);
    }
  }

  async close(): Promise<void> {
    if (this.quoteTimer) clearInterval(this.quoteTimer);
    this.quoteTimer = undefined;
    if (this.exchange) {
      // Working orders do not survive a restart, so end them now and release their freezes.
      this.exchange.cancelAll('连接断开，未成交委托已撤销');
      this.flushState();
      this.exchange = undefined;
      this.sink.onStatus(GatewayStatus.DISCONNECTED);
    }
    this.sink.flush();
  }

  subscribe(req: SubscribeRequest): void {
    const vt = `${req.symbol}.${req.exchange}`;
    if (!this.connected().subscribe(vt)) this.sink.onLog(`订阅失败：合约 ${vt} 不存在`, LogLevel.WARNING);
  }

  sendOrder(req: OrderRequest): string {
    const vtOrderid = this.connected().sendOrder(req);
    this.markDirty();
    return vtOrderid;
  }

  cancelOrder(req: CancelRequest): void {
    // Accept a vt_orderid too: traders paste what the order monitor shows.
    const prefix = `${this.ctx.name}.`;
    const id = req.orderid.startsWith(prefix) ? req.orderid.slice(prefix.length) : req.orderid;
    this.connected().cancelOrder(id);
    this.markDirty();
  }

  /** 直接还款 / 直接还券 (credit accounts; an ordinary account refuses with the reason). */
  async directRepay(req: DirectRepayRequest): Promise<string> {
    const message = this.connected().directRepay(req);
    this.markDirty();
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
    this.flushState();
    this.sink.onLog(summary);
    return summary;
  }

  /** The live exchange, for tests and tools; undefined while disconnected. */
  get simExchange(): SimExchange | undefined {
    return this.exchange;
  }

  private connected(): SimExchange {
    if (!this.exchange) throw new TraderError('NOT_CONNECTED', '模拟交易所未连接');
    return this.exchange;
  }

  private onInterval(): void {
    if (!this.exchange) return;
    this.exchange.step();
    this.markDirty();
  }

  /** Schedule a write; changes arriving meanwhile ride along, so writes are at most 5 a second. */
  private markDirty(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flushState(), SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  private flushState(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.exchange) this.ctx.storage.save(stateKey(this.accountId), this.exchange.snapshot());
  }
}
