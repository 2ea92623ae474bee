/** 应用: what a freshly opened window needs (snapshot, app info, saved layout) and the log. */
import type { AppSummary } from '../app-model';
import type { CompactData, CreditAssetData, CreditDetail } from '../credit';
import type { GatewayInfo } from '../gateway-api';
import type { AccountData, LogData, OrderData, PositionData, TickData, TradeData } from '../objects';
import { s } from '../schema';
import { defineContract, streamEvent, type EventsOf, type RequestsOf } from './contract-map';

/** What the 关于 dialog and the UI's settings need. */
export interface AppInfo {
  name: string;
  version: string;
  /** the .vntrader folder in use */
  vntraderDir: string;
  /** vt_setting.json's ui.* keys */
  ui: { confirmCancel: boolean };
  /** the running apps, in 功能 menu order */
  apps: AppSummary[];
  /** whether passwords outlive this session: false when no OS keychain answered at start (reason says why) */
  keychain: { persistent: boolean; reason?: string };
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

export const appContract = defineContract({
  feature: '应用',
  requests: {
    /** everything a window needs to draw */
    'app/snapshot': s.object({}),
    /** version, data folder and UI settings */
    'app/info': s.object({}),
    /** the UI's saved layout (column state, window geometry), keyed by the UI */
    'layout/get': s.object({}),
    'layout/set': s.object({ key: s.string({ min: 1, max: 128 }), value: s.json({ maxBytes: 256 * 1024 }) }),
    /** forget the saved layout (帮助→还原窗口) */
    'layout/reset': s.object({}),
  },
  events: {
    /** a log line (every one, in order) */
    log: streamEvent<LogData>(),
  },
});

export interface AppResults {
  'app/snapshot': Snapshot;
  'app/info': AppInfo;
  'layout/get': Record<string, unknown>;
  'layout/set': { ok: true };
  'layout/reset': { ok: true };
}

declare module './contract-map' {
  interface RequestMap extends RequestsOf<typeof appContract, AppResults> {}
  interface BridgeEvents extends EventsOf<typeof appContract> {}
}
