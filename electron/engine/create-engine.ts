/**
 * Builds a running engine from its parts: the .vntrader folder, settings, keychain, journal,
 * bus, markets, OMS, pre-trade check, main engine, gateway plugins, the trading port and the
 * apps (apps/registry.ts), and the dispatcher over the core features and the apps'.
 * Electron's main process, the headless host and the tests all start the engine through
 * this one function.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { GatewayStatus, LogLevel } from '../../common/constants';
import { defaultMarkets, type MarketRegistry } from '../../common/markets';
import { CORE_CONTRACT_PARTS } from '../../common/bridge-contract';
import { combineContracts } from '../../common/contract/contract-map';
import { tradingDayOf } from '../../common/time';
import { AppHost } from './apps/app-host';
import { builtinApps } from './apps/builtin-apps';
import { createDispatcher, type Dispatcher } from './bridge/dispatcher';
import { appFeature } from './bridge/features/app-feature';
import { creditFeature } from './bridge/features/credit-feature';
import { gatewayFeature } from './bridge/features/gateway-feature';
import { marketFeature } from './bridge/features/market-feature';
import { orderFeature } from './bridge/features/order-feature';
import { watchlistFeature } from './bridge/features/watchlist-feature';
import { windowFeature } from './bridge/features/window-feature';
import { WindowRelay } from './bridge/window-relay';
import type { EngineOptions } from './engine-options';
import { EventBus } from './event-bus';
import type { EngineEvents } from './engine-events';
import { scanPlugins } from './gateway/plugin-loader';
import { createSharedHistory } from './history/shared-history';
import { JournalRecorder } from './journal-recorder';
import { MainEngine } from './main-engine';
import { OrderManagementSystem } from './oms';
import { createEngineTradingPort } from './trading/engine-trading-port';
import type { TradingPort } from './trading/trading-port';
import { OutboundGate, type PublishedEvents } from './outbound-gate';
import { PreTradeCheck } from './risk/pre-trade-check';
import { Watchlist } from './watchlist';
import type { RiskSettings } from './risk/risk-settings';
import {
  ConfigStore,
  createGatewayStorage,
  Journal,
  keychainState,
  KeyringSecretStore,
  LayoutStore,
  openSecretStore,
  resolveVntraderDir,
  type SecretStore,
  type StoreLogLevel,
  type VtSetting,
  WatchlistFile,
} from './store';

export type { EngineOptions } from './engine-options';

export interface Engine {
  readonly dir: string;
  readonly bus: EventBus<EngineEvents>;
  /** the bus as it leaves the engine: each event after the journal commit holding it (ticks at once) */
  readonly published: PublishedEvents<EngineEvents>;
  /** resolves once everything that happened so far is committed and published */
  settled(): Promise<void>;
  readonly oms: OrderManagementSystem;
  readonly main: MainEngine;
  /** the markets' rules, chosen per contract */
  readonly markets: MarketRegistry;
  /** the trading port strategies trade through (a backtest broker implements the same) */
  readonly trading: TradingPort;
  readonly dispatcher: Dispatcher;
  readonly config: ConfigStore;
  readonly secrets: SecretStore;
  /** the UI's saved layout (ui_layout.json) */
  readonly layout: LayoutStore;
  /** the running apps (策略管理, 两融数据 …) */
  readonly apps: AppHost;
  /** 自选: the 行情 monitor's codes, kept and resubscribed */
  readonly watchlist: Watchlist;
  close(): Promise<void>;
}

/** The app's version, from package.json (read once; bundlers inline it). */
export const APP_VERSION: string = (packageJson as { version: string }).version;

export const BUILTIN_GATEWAYS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../gateways');

const STORE_LEVELS: Readonly<Record<StoreLogLevel, LogLevel>> = {
  INFO: LogLevel.INFO,
  WARNING: LogLevel.WARNING,
  ERROR: LogLevel.ERROR,
};

export function riskSettingsOf(vt: VtSetting): RiskSettings {
  return {
    active: vt['risk.active'],
    orderFlowLimit: vt['risk.order_flow_limit'],
    orderFlowClearSeconds: vt['risk.order_flow_clear'],
    orderSizeLimit: vt['risk.order_size_limit'],
    activeOrderLimit: vt['risk.active_order_limit'],
  };
}

export async function createEngine(opts: EngineOptions = {}): Promise<Engine> {
  const now = opts.now ?? Date.now;
  const env = opts.env ?? process.env;
  const dir =
    opts.vntraderDir ??
    resolveVntraderDir({ cwd: opts.cwd ?? process.cwd(), env, home: opts.home ?? os.homedir() });

  // The apps, and the contract they join: a request or event name declared twice is refused
  // here, before anything is opened.
  const appParts = opts.apps ?? (await builtinApps());
  combineContracts([...CORE_CONTRACT_PARTS, ...appParts.map((a) => a.manifest.contract)]);

  // Lines logged before the main engine exists are held and replayed into it.
  const ready: { main?: MainEngine } = {};
  const early: { msg: string; level: LogLevel; source: string }[] = [];
  const log = (msg: string, level: LogLevel, source = '主引擎') =>
    ready.main ? ready.main.log(msg, level, source) : early.push({ msg, level, source });
  const storeLog = (msg: string, level: StoreLogLevel) => log(msg, STORE_LEVELS[level], '配置');

  const bus = new EventBus<EngineEvents>((type, error) =>
    log(`事件处理出错（${type}）：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, LogLevel.ERROR),
  );
  // TSTRADER_KEYRING_SERVICE: a second profile (another VNTRADER_DIR) keeps its passwords and
  // tokens apart from the first's under its own service name.
  const secrets = opts.secretStore ?? (await openSecretStore(storeLog, { service: env.TSTRADER_KEYRING_SERVICE || undefined }));
  const config = new ConfigStore(dir, secrets, storeLog);
  const vt = config.loadVtSetting();
  const journal = Journal.openIn(dir, storeLog);

  const markets = defaultMarkets();
  const oms = new OrderManagementSystem(bus, markets);
  // Write-ahead: the recorder commits each burst of events, and the gate releases them to
  // clients and strategies only after that commit.
  const recorder = new JournalRecorder(journal, bus, (what, error) =>
    log(`${what}：${error instanceof Error ? error.message : String(error)}`, LogLevel.ERROR));
  const published = new OutboundGate(bus, recorder, (type, error) =>
    log(`事件推送出错（${type}）：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, LogLevel.ERROR));
  const risk = new PreTradeCheck(oms, now, markets);
  risk.configure(riskSettingsOf(vt));
  const main = new MainEngine({
    bus, oms, risk, config, now,
    storageFor: (name) => createGatewayStorage({ dir, gatewayName: name, journal, recorder, log: storeLog }),
    history: {
      findOrder: (id) => journal.findOrder(id),
      findTrade: (id) => journal.findTrade(id),
      lastOrderId: (gateway) => journal.lastOrderId(gateway),
    },
  });
  ready.main = main;
  for (const e of early.splice(0)) main.log(e.msg, e.level, e.source);

  // Today's orders and trades are back in the OMS before any gateway reconnects, so a fill
  // the counter replays is recognised as one already counted.
  const day = journal.loadDay(tradingDayOf(now()));
  oms.restore(day.orders, day.trades);
  if (day.orders.length || day.trades.length) main.log(`已从数据库恢复今日委托 ${day.orders.length} 笔、成交 ${day.trades.length} 笔`);

  // TSTRADER_BUILTIN_GATEWAYS_DIR: the bundled CLI's built plugins (bin/tstrader.mjs sets it).
  await loadGateways(main, vt, opts.builtinGatewaysDir ?? (env.TSTRADER_BUILTIN_GATEWAYS_DIR || BUILTIN_GATEWAYS_DIR), path.join(dir, 'gateways'));

  if (opts.timer !== false) bus.startTimer('timer', now);
  const layout = new LayoutStore(dir, storeLog);
  const baseInfo = () => ({ name: 'TS Trader', version: APP_VERSION, vntraderDir: dir, ui: { confirmCancel: config.loadVtSetting()['ui.confirm_cancel'] }, keychain: keychainState(secrets) });
  const trading = createEngineTradingPort({ events: published, oms, main, markets, now });
  // bar.db and the recorder, shared by the apps over the bar store.
  const history = createSharedHistory({
    dir, bus, main, oms, secrets, now, env, storeLog,
    log: (msg, level = LogLevel.INFO) => main.log(msg, level, '历史数据'),
    tushareUrl: opts.tushareUrl,
  });
  const watchlist = new Watchlist({
    bus, main, contracts: oms.contracts, file: new WatchlistFile(dir, storeLog),
    connectedGateways: () => main.gatewayInfos().filter((g) => g.status === GatewayStatus.CONNECTED).map((g) => g.name),
    log: (msg, level = LogLevel.INFO) => main.log(msg, level, '自选'),
    onChange: (codes) => bus.emit('watchlist', { codes }),
  });
  const apps = await AppHost.start(
    appParts,
    (app) => ({
      dir, now, env, secrets, trading, history, journal, options: opts,
      emit: (event, payload) => bus.emit(event, payload),
      log: (msg, level = LogLevel.INFO) => main.log(msg, level, app.displayName),
    }),
    (msg, level) => main.log(msg, level),
  );
  const appInfo = () => ({ ...baseInfo(), apps: apps.summaries() });
  const relay = new WindowRelay();
  const core = [marketFeature(main), watchlistFeature(watchlist), orderFeature(main), gatewayFeature(main), creditFeature(main), appFeature(main, published, layout, appInfo), windowFeature(main, relay)];
  const settled = () => recorder.committed();
  let dispatcher: Dispatcher;
  try {
    dispatcher = createDispatcher([...core, ...apps.features()], { published }, relay);
  } catch (error) {
    // An app without a handler for one of its requests: nothing may stay open behind the error.
    await apps.close();
    history.close();
    watchlist.close();
    bus.stopTimer();
    recorder.stop();
    published.openUp();
    journal.close();
    if (secrets instanceof KeyringSecretStore) secrets.close();
    throw error;
  }

  return {
    dir,
    bus,
    published,
    settled,
    oms,
    main,
    markets,
    trading,
    dispatcher,
    config,
    secrets,
    layout,
    apps,
    watchlist,
    async close() {
      // The apps first: strategies stop while the gateways can still cancel their working orders.
      await apps.close();
      // The recorder writes its finished bars while the gateways are still up.
      history.close();
      watchlist.close();
      bus.stopTimer();
      await main.closeAll();
      recorder.stop();
      published.openUp();
      journal.close();
      // The keychain worker thread, if any, is idle; closing it is tidiness, not a fix.
      if (secrets instanceof KeyringSecretStore) secrets.close();
    },
  };
}

/** Built-ins first, then user plugins; each type gets its default instance plus vt_setting's extras. */
async function loadGateways(main: MainEngine, vt: VtSetting, builtinDir: string, userDir: string): Promise<void> {
  const scan = await scanPlugins([
    { dir: builtinDir, builtin: true },
    { dir: userDir, builtin: false },
  ]);
  for (const failure of scan.failures) {
    main.log(`加载接口插件“${failure.name}”失败：${failure.reason}（${failure.dir}）`, LogLevel.ERROR);
  }
  const byType = new Map<string, (typeof scan.plugins)[number]>();
  for (const plugin of scan.plugins) {
    if (byType.has(plugin.manifest.name)) {
      main.log(`接口插件名称“${plugin.manifest.name}”重复，已忽略 ${plugin.dir}`, LogLevel.ERROR);
      continue;
    }
    byType.set(plugin.manifest.name, plugin);
    main.addGateway(plugin);
    main.log(`已加载接口：${plugin.manifest.displayName}（${plugin.manifest.name}）${plugin.builtin ? '' : ' [用户插件]'}`);
  }
  for (const extra of vt['gateway.instances']) {
    const plugin = byType.get(extra.type);
    if (!plugin) main.log(`vt_setting.json 中的接口实例 ${extra.name} 引用了未知类型 ${extra.type}`, LogLevel.ERROR);
    else main.addGateway(plugin, extra.name);
  }
}
