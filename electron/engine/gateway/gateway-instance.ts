/**
 * One named instance of a gateway plugin (SIM, SIM_2, CTP_A …): its status, its live
 * gateway object, and the sink that turns the gateway's callbacks into bus events. The sink
 * is where a replayed fill is dropped, so no consumer ever sees a trade twice, and where an
 * id the counter reuses for a different order or fill is recorded under a new one (IdGuard).
 */
import { GatewayStatus, LogLevel } from '../../../common/constants';
import type { GatewayInfo } from '../../../common/bridge-contract';
import type { Gateway, GatewayEventSink, GatewayStorage } from '../../../common/gateway-api';
import type { OrderData, SubscribeRequest, TradeData } from '../../../common/objects';
import type { EventBus } from '../event-bus';
import type { EngineEvents } from '../engine-events';
import type { OrderManagementSystem } from '../oms';
import { IdGuard } from './id-guard';
import type { LoadedPlugin } from './plugin-loader';
import { reconcileOrders } from './reconcile';

/** What the journal can tell about earlier orders and fills (absent: the OMS's today only). */
export interface OrderHistory {
  findOrder(vtOrderId: string): OrderData | undefined;
  findTrade(vtTradeId: string): TradeData | undefined;
  lastOrderId(gatewayName: string): string | undefined;
}

export interface InstanceServices {
  bus: EventBus<EngineEvents>;
  oms: OrderManagementSystem;
  storage: GatewayStorage;
  history?: OrderHistory;
  now: () => number;
  log: (msg: string, level: LogLevel, source: string) => void;
}

export class GatewayInstance {
  status: GatewayStatus = GatewayStatus.DISCONNECTED;
  message = '';
  private gateway: Gateway | undefined;
  private readonly ids: IdGuard;
  /**
   * Every code subscribed on this instance, kept across logins: a counter forgets its
   * subscriptions when the link drops, so they are sent again after every (re)connect.
   */
  private readonly subscriptions = new Map<string, SubscribeRequest>();

  constructor(
    readonly name: string,
    readonly plugin: LoadedPlugin,
    private readonly services: InstanceServices,
  ) {
    const { oms, history, log } = services;
    this.ids = new IdGuard(
      {
        findOrder: (id) => oms.orders.get(id) ?? history?.findOrder(id),
        findTrade: (id) => oms.trades.get(id) ?? history?.findTrade(id),
      },
      (message) => log(message, LogLevel.ERROR, name),
    );
  }

  info(): GatewayInfo {
    const m = this.plugin.manifest;
    const day = this.connected ? this.gateway?.tradingDay?.() : undefined;
    return {
      name: this.name,
      type: m.name,
      displayName: this.name === m.name ? m.displayName : `${m.displayName}（${this.name}）`,
      ...(m.notice ? { notice: m.notice } : {}),
      settings: m.settings,
      actions: m.actions ?? [],
      status: this.status,
      message: this.message,
      ...(day ? { trading_day: day } : {}),
    };
  }

  /** The live gateway, created on first use so a plugin's constructor runs only when needed. */
  get(): Gateway {
    if (!this.gateway) {
      const { history } = this.services;
      this.gateway = this.plugin.create({
        name: this.name,
        events: this.sink(),
        storage: this.services.storage,
        history: { lastOrderId: () => history?.lastOrderId(this.name) },
        now: this.services.now,
      });
    }
    return this.gateway;
  }

  get connected(): boolean {
    return this.status === GatewayStatus.CONNECTED;
  }

  /** A new login: the counter's numbering may start afresh, so id decisions start afresh too. */
  beginSession(): void {
    this.ids.reset();
  }

  /** Match the working orders the engine holds for this gateway against the counter's own list. */
  reconcile(): Promise<void> {
    const { bus, oms, log } = this.services;
    return reconcileOrders({
      name: this.name,
      gateway: this.get(),
      oms,
      report: (order) => this.sink().onOrder(order),
      close: (order) => bus.emit('order', order),
      log: (msg, level) => log(msg, level, this.name),
    });
  }

  setStatus(status: GatewayStatus, message = ''): void {
    this.status = status;
    this.message = message;
    this.services.bus.emit('gateway', this.info());
  }

  /** Subscribe on the live gateway and remember it for the next connect. */
  subscribe(req: SubscribeRequest): void {
    this.subscriptions.set(`${req.symbol}.${req.exchange}`, req);
    this.get().subscribe(req);
  }

  /** Send every remembered subscription again (after a login); one the counter refuses is logged, the rest go on. */
  resubscribe(): number {
    let sent = 0;
    for (const req of this.subscriptions.values()) {
      try {
        this.get().subscribe(req);
        sent++;
      } catch (error) {
        this.services.log(`恢复订阅 ${req.symbol}.${req.exchange} 失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING, this.name);
      }
    }
    if (sent) this.services.log(`已恢复 ${sent} 个行情订阅`, LogLevel.INFO, this.name);
    return sent;
  }

  private sink(): GatewayEventSink {
    const { bus, log } = this.services;
    const name = this.name;
    const ids = this.ids;
    return {
      onTick: (tick) => bus.emit('tick', tick),
      onOrder: (order) => bus.emit('order', ids.order(order)),
      onTrade: (trade) => {
        const recorded = ids.trade(trade);
        if (recorded === undefined) {
          log(`重复成交回报已忽略：${trade.vt_tradeid}`, LogLevel.DEBUG, name);
          return;
        }
        bus.emit('trade', recorded);
      },
      onPosition: (position) => bus.emit('position', position),
      onAccount: (account) => bus.emit('account', account),
      onContract: (contract) => bus.emit('contract', contract),
      onLog: (msg, level = LogLevel.INFO) => log(msg, level, name),
      onStatus: (status, message = '') => {
        // The counter logged in again by itself (a dropped front, a network blip): its
        // subscriptions went with the old link. A login the engine runs resubscribes in connect().
        const relogin = status === GatewayStatus.CONNECTED && (this.status === GatewayStatus.ERROR || this.status === GatewayStatus.DISCONNECTED);
        this.setStatus(status, message);
        if (relogin) this.resubscribe();
      },
      onCredit: (credit) => bus.emit('credit', credit),
      onCompact: (compact) => bus.emit('compact', compact),
      onCreditAsset: (asset) => bus.emit('credit-asset', asset),
    };
  }
}
