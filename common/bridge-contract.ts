/**
 * The bridge contract between a UI (or any client) and the engine: every request with its
 * argument schema and result type, and every pushed event. Electron IPC and the host's
 * WebSocket both carry exactly this; docs/bridge.md describes the wire form.
 */
import { Direction, type GatewayStatus, OrderType } from './constants';
import type { ErrorInfo } from './errors';
import type { GatewayActionInfo, SettingField, SettingValue } from './gateway-api';
import { CreditOrderType, type CompactData, type CreditAssetData, type CreditDetail } from './credit';
import type { MarginCodeInfo, MarginImportProgress, MarginImportResult, MarginQueryResult, MarginTokenStatus } from './margin-data';
import type { MenuAction } from './menu-model';
import type { StrategyInfo, StrategyOrder } from './strategy';
import type { AccountData, ContractData, LogData, OrderData, PositionData, TickData, TradeData } from './objects';
import { s, type Infer, type Schema } from './schema';

/** A gateway instance as the UI lists it. */
export interface GatewayInfo {
  /** instance name, e.g. SIM */
  name: string;
  /** plugin type, e.g. SIM */
  type: string;
  displayName: string;
  /** what the trader needs before connecting, from the plugin's manifest */
  notice?: string;
  settings: Record<string, SettingField>;
  actions: GatewayActionInfo[];
  status: GatewayStatus;
  /** last error from the counter, in Chinese */
  message: string;
}

/** What the 关于 dialog and the UI's settings need. */
export interface AppInfo {
  name: string;
  version: string;
  /** the .vntrader folder in use */
  vntraderDir: string;
  /** vt_setting.json's ui.* keys */
  ui: { confirmCancel: boolean };
}

/** Fill the trading panel (from 查询合约 or another window). */
export interface PanelFill {
  vt_symbol: string;
  price?: number;
  direction?: Direction;
  volume?: number;
}

/** Everything a freshly opened window needs to draw. */
export interface Snapshot {
  gateways: GatewayInfo[];
  ticks: TickData[];
  orders: OrderData[];
  trades: TradeData[];
  positions: PositionData[];
  accounts: AccountData[];
  logs: LogData[];
  credits: CreditDetail[];
  compacts: CompactData[];
  creditAssets: CreditAssetData[];
}

const settingValue: Schema<SettingValue> = s.union(s.string({ max: 4096 }), s.number(), s.boolean());
const gatewayName = s.string({ min: 1, max: 64 });
const code = s.string({ min: 1, max: 32 });

const orderArgs = s.object({
  /** any code form: 600000, 600000.SH, SH600000, ... */
  code,
  direction: s.enumOf([Direction.LONG, Direction.SHORT] as const),
  type: s.enumOf(Object.values(OrderType)),
  volume: s.number(),
  price: s.number({ min: 0 }),
  /** defaults to the gateway the contract came from */
  gateway: s.optional(gatewayName),
  reference: s.optional(s.string({ max: 64 })),
  /** a credit order type (融资买入 …) on a credit account */
  credit: s.optional(s.enumOf([
    CreditOrderType.COLLATERAL_BUY, CreditOrderType.COLLATERAL_SELL, CreditOrderType.FIN_BUY, CreditOrderType.SLO_SELL,
    CreditOrderType.BUY_SECU_REPAY, CreditOrderType.SELL_CASH_REPAY,
  ] as const)),
});

/** YYYYMMDD or YYYY-MM-DD; the engine checks the date itself. */
const tradeDate = s.string({ min: 8, max: 10 });
/** chosen by the window so it can follow its own import's progress events */
const importId = s.optional(s.string({ min: 1, max: 64 }));
/** CSV text per request: Electron IPC has no frame limit, the WebSocket 1 MiB, so windows send big files in chunks. */
export const MARGIN_CSV_MAX_CHARS = 8 * 1024 * 1024;

const strategyName = s.string({ min: 1, max: 64 });
/** What the window may set on a strategy (the test-only driven clock is not among them). */
const strategyOptions = {
  gateway: s.optional(gatewayName),
  params: s.optional(s.record(s.json({ maxBytes: 64 * 1024 }))),
  cancel_on_stop: s.optional(s.boolean()),
  max_errors: s.optional(s.number({ min: 0, max: 100_000, int: true })),
  callback_timeout_ms: s.optional(s.number({ min: 100, max: 600_000, int: true })),
  memory_mb: s.optional(s.number({ min: 32, max: 8192, int: true })),
  /** the wall clock, or a simulated day: starts at `start` (epoch ms) and runs `speed`× */
  clock: s.optional(s.union(
    s.object({ kind: s.literal('wall') }),
    s.object({ kind: s.literal('scaled'), start: s.number({ min: 0 }), speed: s.number({ min: 1, max: 3600 }) }),
  )),
};

/** Runtime schema of each request's arguments. */
export const requestSchemas = {
  /** everything a window needs to draw */
  'app/snapshot': s.object({}),
  /** loaded gateway instances */
  'gateway/list': s.object({}),
  /** saved connect settings; password fields come back as "" with `stored` saying whether the keychain has one */
  'gateway/settings': s.object({ gateway: gatewayName }),
  /** save the settings and log in; an empty password uses the keychain's */
  'gateway/connect': s.object({ gateway: gatewayName, settings: s.record(settingValue) }),
  'gateway/close': s.object({ gateway: gatewayName }),
  /** run a gateway action from its manifest (e.g. SIM's settle-day) */
  'gateway/action': s.object({ gateway: gatewayName, action: s.string({ min: 1, max: 64 }) }),
  /** resolve a code and subscribe to its quotes */
  'market/subscribe': s.object({ code, gateway: s.optional(gatewayName) }),
  /** contracts whose code, exchange or name contains the filter (empty = all) */
  'contract/query': s.object({ filter: s.optional(s.string({ max: 64 })) }),
  /** one contract by any code form */
  'contract/lookup': s.object({ code }),
  /** run the pre-trade checks without sending */
  'order/check': orderArgs,
  'order/send': orderArgs,
  'order/cancel': s.object({ vt_orderid: s.string({ min: 1, max: 128 }) }),
  'order/cancel-all': s.object({ gateway: s.optional(gatewayName) }),
  /** 直接还款 (amount) or 直接还券 (code + volume) on a credit account */
  'credit/repay': s.object({
    gateway: gatewayName,
    type: s.enumOf([CreditOrderType.DIRECT_CASH_REPAY, CreditOrderType.DIRECT_SECU_REPAY] as const),
    amount: s.optional(s.number({ min: 0 })),
    code: s.optional(code),
    volume: s.optional(s.number({ min: 0, int: true })),
  }),
  /** strategies: list, add, change, remove, start, stop, and what each did */
  'strategy/list': s.object({}),
  'strategy/files': s.object({}),
  'strategy/add': s.object({ name: strategyName, file: s.string({ min: 1, max: 1024 }), ...strategyOptions }),
  'strategy/update': s.object({ name: strategyName, file: s.optional(s.string({ min: 1, max: 1024 })), ...strategyOptions }),
  'strategy/remove': s.object({ name: strategyName }),
  'strategy/start': s.object({ name: strategyName }),
  'strategy/stop': s.object({ name: strategyName }),
  'strategy/logs': s.object({ name: strategyName }),
  'strategy/orders': s.object({ name: strategyName }),
  'strategy/trades': s.object({ name: strategyName }),
  /** version, data folder and UI settings */
  'app/info': s.object({}),
  /** the UI's saved layout (column state, window geometry), keyed by the UI */
  'layout/get': s.object({}),
  'layout/set': s.object({ key: s.string({ min: 1, max: 128 }), value: s.json({ maxBytes: 256 * 1024 }) }),
  /** forget the saved layout (帮助→还原窗口) */
  'layout/reset': s.object({}),
  /** ask every window to fill its trading panel (查询合约's double-click) */
  'panel/fill': s.object({
    vt_symbol: code,
    price: s.optional(s.number({ min: 0 })),
    direction: s.optional(s.enumOf([Direction.LONG, Direction.SHORT] as const)),
    volume: s.optional(s.number({ min: 0, int: true })),
  }),
  /** whether a Tushare token is saved (never the token itself) */
  'margin-data/token': s.object({}),
  /** save the Tushare token in the keychain; "" deletes it */
  'margin-data/set-token': s.object({ token: s.string({ max: 256 }) }),
  /** import margin_detail from Tushare (a code or, without ts_code, every code) or from CSV text; progress comes as 'margin-data-progress' */
  'margin-data/import': s.union(
    s.object({ source: s.literal('tushare'), ts_code: s.optional(code), start_date: tradeDate, end_date: tradeDate, importId }),
    s.object({ source: s.literal('csv'), text: s.string({ min: 1, max: MARGIN_CSV_MAX_CHARS }), importId }),
  ),
  /** stop a running import after its current page */
  'margin-data/cancel': s.object({ importId: s.string({ min: 1, max: 64 }) }),
  /** a code's stored rows, oldest first, with the identities each breaks */
  'margin-data/query': s.object({ ts_code: code, start_date: s.optional(tradeDate), end_date: s.optional(tradeDate) }),
  /** the codes stored, with their row counts and date spans */
  'margin-data/codes': s.object({}),
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestArgs<K extends RequestName> = Infer<(typeof requestSchemas)[K]>;
export type OrderArgs = Infer<typeof orderArgs>;

/** Result type of each request. */
export interface RequestResults {
  'app/snapshot': Snapshot;
  'gateway/list': GatewayInfo[];
  'gateway/settings': { settings: Record<string, SettingValue>; stored: Record<string, boolean> };
  'gateway/connect': GatewayInfo;
  'gateway/close': GatewayInfo;
  'gateway/action': { message: string };
  'market/subscribe': ContractData;
  'contract/query': ContractData[];
  'contract/lookup': ContractData;
  'order/check': { ok: true } | { ok: false; error: ErrorInfo };
  'order/send': { vt_orderid: string };
  'order/cancel': { ok: true };
  'order/cancel-all': { count: number };
  'credit/repay': { message: string };
  'strategy/list': StrategyInfo[];
  /** strategy files found in strategies/ (examples) and <vntrader>/strategies/ */
  'strategy/files': string[];
  'strategy/add': StrategyInfo;
  'strategy/update': StrategyInfo;
  'strategy/remove': { ok: true };
  'strategy/start': StrategyInfo;
  'strategy/stop': StrategyInfo;
  'strategy/logs': LogData[];
  'strategy/orders': StrategyOrder[];
  'strategy/trades': TradeData[];
  'app/info': AppInfo;
  'layout/get': Record<string, unknown>;
  'layout/set': { ok: true };
  'layout/reset': { ok: true };
  'panel/fill': { ok: true };
  'margin-data/token': MarginTokenStatus;
  'margin-data/set-token': MarginTokenStatus;
  'margin-data/import': MarginImportResult;
  'margin-data/cancel': { cancelled: boolean };
  'margin-data/query': MarginQueryResult;
  'margin-data/codes': MarginCodeInfo[];
}

/** Events the engine pushes, by name. */
export interface BridgeEvents {
  tick: TickData;
  order: OrderData;
  trade: TradeData;
  position: PositionData;
  account: AccountData;
  contract: ContractData;
  log: LogData;
  gateway: GatewayInfo;
  /** a credit account's figures */
  credit: CreditDetail;
  /** a debt contract (负债合约) */
  compact: CompactData;
  /** a code's margin terms (标的, 担保品, 可融券) */
  'credit-asset': CreditAssetData;
  /** a strategy's status changed */
  strategy: StrategyInfo;
  /** a window asked for the trading panel to be filled */
  'panel-fill': PanelFill;
  /** a native menu entry was chosen (Electron only; the renderer's own menu bar acts directly) */
  menu: MenuAction;
  /** a margin-data import's progress (cumulative: the latest one per importId says it all) */
  'margin-data-progress': MarginImportProgress;
}

export type EventName = keyof BridgeEvents;

export const EVENT_NAMES: readonly EventName[] = ['tick', 'order', 'trade', 'position', 'account', 'contract', 'log', 'gateway', 'credit', 'compact', 'credit-asset', 'panel-fill', 'menu', 'margin-data-progress', 'strategy'];

/** The client side of the contract, implemented once per transport. */
export interface BridgeClient {
  request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResults[K]>;
  /** returns an unsubscribe function */
  subscribe<E extends EventName>(event: E, cb: (payload: BridgeEvents[E]) => void): () => void;
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
