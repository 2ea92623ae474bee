/**
 * The contract between the engine and a gateway plugin. A plugin is a folder with a
 * manifest.json (GatewayManifest) and an entry module exporting `createGateway`. Plugins
 * import only these types; the engine passes them every service they may use.
 */
import type { Exchange, GatewayStatus, LogLevel } from './constants';
import type { CompactData, CreditAssetData, CreditDetail, DirectRepayRequest } from './credit';
import type { FeeSchedule } from './markets/cn-stock/fees';
import type {
  AccountData,
  CancelRequest,
  ContractData,
  OrderData,
  OrderRequest,
  PositionData,
  SubscribeRequest,
  TickData,
  TradeData,
} from './objects';

/** One field of a gateway's connect form, after vn.py's default_setting. */
export type SettingField =
  | { type: 'string'; default: string }
  /** stored in the OS keychain, never in JSON */
  | { type: 'password' }
  | { type: 'int'; default: number; min?: number; max?: number }
  | { type: 'float'; default: number; min?: number; max?: number }
  | { type: 'bool'; default: boolean }
  | { type: 'enum'; options: string[]; default: string };

export type SettingValue = string | number | boolean;

/** Settings as saved in connect_<name>.json, keyed by the Chinese field names. */
export type GatewaySettings = Record<string, SettingValue>;

/** An extra operation a gateway offers (e.g. the SIM exchange's 日终结算). */
export interface GatewayActionInfo {
  /** stable id, e.g. settle-day */
  name: string;
  /** Chinese label for menus */
  label: string;
}

/** manifest.json of a gateway plugin. */
export interface GatewayManifest {
  /** type name, e.g. SIM; also the default instance name */
  name: string;
  /** shown in 系统→连接<displayName> */
  displayName: string;
  /** what the trader needs before connecting (software, log-in), shown atop the connect dialog */
  notice?: string;
  /** entry module relative to the plugin folder, exporting createGateway */
  entry: string;
  /** the connect form; key order is the form's order */
  settings: Record<string, SettingField>;
  exchanges: Exchange[];
  actions?: GatewayActionInfo[];
}

/** Where a gateway sends what its counter reports. Handlers must return quickly. */
export interface GatewayEventSink {
  onTick(tick: TickData): void;
  onOrder(order: OrderData): void;
  onTrade(trade: TradeData): void;
  onPosition(position: PositionData): void;
  onAccount(account: AccountData): void;
  onContract(contract: ContractData): void;
  onLog(msg: string, level?: LogLevel): void;
  onStatus(status: GatewayStatus, message?: string): void;
  /** a credit account's figures changed (credit accounts only) */
  onCredit(credit: CreditDetail): void;
  /** a debt contract opened, accrued or was repaid */
  onCompact(compact: CompactData): void;
  /** a code's margin terms (标的, 担保品, 可融券) */
  onCreditAsset(asset: CreditAssetData): void;
}

/**
 * Small JSON state a gateway keeps across restarts (the SIM exchange's book of accounts). It
 * lives in the journal's database and is written in the same transaction as the events of
 * the turn of the event loop that changed it, so after a crash a gateway's state and the
 * orders and fills it reported agree exactly.
 */
export interface GatewayStorage {
  /** The saved value of `key` (a copy), or undefined. */
  load<T>(key: string): T | undefined;
  /** Save `value` (JSON-serialisable; undefined deletes) with the current burst of events. */
  save(key: string, value: unknown): void;
  /** Save `read()` when the current burst commits: many changes in one burst cost one write. */
  stage(key: string, read: () => unknown): void;
  /** The saved keys that start with `prefix` (state kept as one key per item, e.g. per working order). */
  keys(prefix: string): string[];
  /** Hold this instance's state for this process until release() or exit: undefined if granted, else who holds it (Chinese). */
  claim(): string | undefined;
  /** Give the state up (on close). */
  release(): void;
}

/** What the engine's journal remembers of a gateway instance, for a counter that mints its own ids. */
export interface GatewayHistory {
  /** orderid (without the instance prefix) of the instance's most recently placed order, any day */
  lastOrderId(): string | undefined;
}

/** Services the engine hands to a gateway instance. */
export interface GatewayContext {
  /** instance name (SIM, SIM_2, ...): prefix of every vt_ id this gateway mints */
  readonly name: string;
  readonly events: GatewayEventSink;
  /** the instance's own state, durable with the events it produces */
  readonly storage: GatewayStorage;
  /** what the journal remembers of this instance */
  readonly history: GatewayHistory;
  /** wall clock in production, a fake clock in tests */
  readonly now: () => number;
}

/** A connected counter as the engine sees it, after vn.py's BaseGateway. */
export interface Gateway {
  /** Log in; resolves once the counter accepts, rejects with a TraderError carrying its reason. */
  connect(settings: GatewaySettings): Promise<void>;
  close(): Promise<void>;
  subscribe(req: SubscribeRequest): void;
  /** Hand an order to the counter; returns its vt_orderid at once, updates follow as events. */
  sendOrder(req: OrderRequest): string;
  /** Ask the counter to cancel (the order event follows); throws a TraderError with the reason if it cannot: unknown order, already final. */
  cancelOrder(req: CancelRequest): void;
  queryAccount(): void;
  queryPosition(): void;
  /** Today's orders as the counter knows them, in every state: after connect the engine reconciles restored working orders against them. */
  queryOrders?(): Promise<OrderData[]>;
  /** Run one of the manifest's actions; resolves with a Chinese summary for the log. */
  runAction?(action: string): Promise<string>;
  /** 直接还款 / 直接还券 on a credit account; resolves with a Chinese summary. */
  directRepay?(req: DirectRepayRequest): Promise<string>;
  /**
   * The A-share fees this counter charges, where the gateway knows them (SIM: its 佣金费率,
   * 最低佣金 … settings); the engine's pre-trade cash estimate uses them instead of its defaults.
   */
  feeSchedule?(): FeeSchedule | undefined;
  /**
   * The counter's trading day, YYYY-MM-DD, where it keeps one of its own: the SIM's simulated
   * day runs ahead of the wall clock after each 日终结算, while ticks, orders and trades carry
   * wall-clock times. Shown as GatewayInfo.trading_day.
   */
  tradingDay?(): string | undefined;
}

/** A gateway instance as the UI lists it. */
export interface GatewayInfo {
  /** instance name, e.g. SIM */
  name: string;
  /** plugin type, e.g. SIM */
  type: string;
  /** the manifest's display name, with the instance name for extra instances */
  displayName: string;
  /** what the trader needs before connecting, from the plugin's manifest */
  notice?: string;
  /** the connect form */
  settings: Record<string, SettingField>;
  /** the manifest's extra operations */
  actions: GatewayActionInfo[];
  status: GatewayStatus;
  /** last error from the counter, in Chinese */
  message: string;
  /** the counter's own trading day (YYYY-MM-DD) while connected, where it keeps one (SIM: the simulated day) */
  trading_day?: string;
}

/** What a plugin's entry module exports. */
export type CreateGateway = (ctx: GatewayContext) => Gateway;
