/**
 * An app's engine part, after vn.py's BaseApp.engine_class: built once at start-up from an
 * AppContext (the services an app may use), it answers the requests of its manifest's
 * contract part and may push the events that part declares. It lives in
 * apps/<name>/engine/app.ts as that module's default export; electron/engine/apps/app-host.ts
 * starts it and the dispatcher serves its handlers.
 */
import type { AppManifest } from '../../../common/app-model';
import type { LogLevel } from '../../../common/constants';
import type { TradeData } from '../../../common/objects';
import type { BridgeFeature, HandlersOf } from '../bridge/feature';
import type { EngineEvents } from '../engine-events';
import type { SharedHistory } from '../history/shared-history';
import type { SecretStore } from '../store';
import type { TradingPort } from '../trading/trading-port';

/** The engine options apps read (EngineOptions includes them; each is documented by the app that reads it). */
export interface AppOptions {
  /** 策略管理: the example strategies' folder */
  examplesDir?: string;
  /** 策略管理: keep the strategy list in strategies.json (the CLI's one-off task: false) */
  persistStrategies?: boolean;
  /** 两融数据: Tushare Pro's HTTP address */
  tushareUrl?: string;
  /** 两融数据: rows a Tushare call returns at most */
  tushareRowLimit?: number;
}

/** The services the engine hands an app. */
/** What an app may read of the journal (database.db). */
export interface TradeJournal {
  /** a code's fills of any day between `start` and `end` (epoch ms), in time order, the latest `limit` */
  tradesOf(vtSymbol: string, start?: number, end?: number, limit?: number): TradeData[];
}

export interface AppContext {
  /** the .vntrader folder: an app keeps its files here */
  readonly dir: string;
  readonly now: () => number;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** the OS keychain (tokens, passwords), or the session store without one */
  readonly secrets: SecretStore;
  /** trade, read orders, positions and accounts, hear of ticks, orders and fills */
  readonly trading: TradingPort;
  /** the bar store's history service (overview, imports, 复权 reads, recording), one per engine */
  readonly history: SharedHistory;
  /** the journal's record of earlier days' fills (the trading port holds today's) */
  readonly journal: TradeJournal;
  /** the app-specific options createEngine was given */
  readonly options: Readonly<AppOptions>;
  /** push one of the app's events to every window */
  emit<E extends keyof EngineEvents>(event: E, payload: EngineEvents[E]): void;
  /** a line in the log monitor under the app's display name */
  log(msg: string, level?: LogLevel): void;
}

/** A started app. */
export interface AppInstance<M extends AppManifest = AppManifest> {
  /** a handler for every request of the manifest's contract part */
  readonly handlers: HandlersOf<M['contract']> & BridgeFeature['handlers'];
  /** what the host may drive directly (the CLI drives the strategy engine) */
  readonly service?: unknown;
  /** release what it holds (workers, databases); apps close before the gateways do */
  close?(): void | Promise<void>;
}

export interface EngineApp<M extends AppManifest = AppManifest> {
  readonly manifest: M;
  /** Build the app's engine side; a throw is logged and its requests then say it failed to start. */
  create(ctx: AppContext): AppInstance<M> | Promise<AppInstance<M>>;
}

/** Declare an app's engine part (keeps the handlers typed against its contract part). */
export function defineEngineApp<M extends AppManifest>(manifest: M, create: (ctx: AppContext) => AppInstance<M> | Promise<AppInstance<M>>): EngineApp<M> {
  return { manifest, create };
}
