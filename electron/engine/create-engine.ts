/**
 * Builds a running engine from its parts: the .vntrader folder, settings, keychain, journal,
 * bus, OMS, pre-trade check, main engine and gateway plugins. Electron's main process, the
 * headless host and the tests all start the engine through this one function.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { LogLevel } from '../../common/constants';
import { tradingDayOf } from '../../common/time';
import { createDispatcher, type Dispatcher } from './bridge/dispatcher';
import { EventBus } from './event-bus';
import type { EngineEvents } from './engine-events';
import { scanPlugins } from './gateway/plugin-loader';
import { JournalRecorder } from './journal-recorder';
import { MainEngine } from './main-engine';
import { createMarginData } from './margin-data';
import { OrderManagementSystem } from './oms';
import { OutboundGate, type PublishedEvents } from './outbound-gate';
import { PreTradeCheck } from './risk/pre-trade-check';
import type { RiskSettings } from './risk/risk-settings';
import { StrategyEngine } from './strategy';
import {
  ConfigStore,
  createGatewayStorage,
  Journal,
  KeyringSecretStore,
  LayoutStore,
  openSecretStore,
  resolveVntraderDir,
  type SecretStore,
  type StoreLogLevel,
  type VtSetting,
} from './store';

export interface EngineOptions {
  /** the .vntrader folder; resolved from VNTRADER_DIR, ./.vntrader, ~/.vntrader when absent */
  vntraderDir?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  home?: string;
  /** folder holding the built-in plugins; default: the repository's gateways/ */
  builtinGatewaysDir?: string;
  now?: () => number;
  /** inject a store (tests); default: the OS keychain, or memory if unreachable */
  secretStore?: SecretStore;
  /** folder of the shipped example strategies; default: the repository's strategies/ */
  examplesDir?: string;
  /** run vn.py's 1 s timer event (default true) */
  timer?: boolean;
  /** Tushare Pro's HTTP address; default TSTRADER_TUSHARE_URL, else http://api.tushare.pro */
  tushareUrl?: string;
  /** rows a Tushare call returns at most (tests make it small to exercise paging) */
  tushareRowLimit?: number;
  /** keep the strategy list in strategies.json (default true; the CLI's one-off task: false) */
  persistStrategies?: boolean;
}

export interface Engine {
  readonly dir: string;
  readonly bus: EventBus<EngineEvents>;
  /** the bus as it leaves the engine: each event after the journal commit holding it (ticks at once) */
  readonly published: PublishedEvents<EngineEvents>;
  /** resolves once everything that happened so far is committed and published */
  settled(): Promise<void>;
  readonly oms: OrderManagementSystem;
  readonly main: MainEngine;
  readonly dispatcher: Dispatcher;
  readonly config: ConfigStore;
  readonly secrets: SecretStore;
  /** the UI's saved layout (ui_layout.json) */
  readonly layout: LayoutStore;
  /** strategies in worker threads (策略管理) */
  readonly strategy: StrategyEngine;
  close(): Promise<void>;
}

/** The app's version, from package.json (read once; bundlers inline it). */
export const APP_VERSION: string = (packageJson as { version: string }).version;

/** The example strategies shipped with the app. */
export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../strategies');

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
  const dir =
    opts.vntraderDir ??
    resolveVntraderDir({ cwd: opts.cwd ?? process.cwd(), env: opts.env ?? process.env, home: opts.home ?? os.homedir() });

  // Lines logged before the main engine exists are held and replayed into it.
  const ready: { main?: MainEngine } = {};
  const early: { msg: string; level: LogLevel; source: string }[] = [];
  const log = (msg: string, level: LogLevel, source = '主引擎') =>
    ready.main ? ready.main.log(msg, level, source) : early.push({ msg, level, source });
  const storeLog = (msg: string, level: StoreLogLevel) => log(msg, STORE_LEVELS[level], '配置');

  const bus = new EventBus<EngineEvents>((type, error) =>
    log(`事件处理出错（${type}）：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, LogLevel.ERROR),
  );
  const secrets = opts.secretStore ?? (await openSecretStore(storeLog));
  const config = new ConfigStore(dir, secrets, storeLog);
  const vt = config.loadVtSetting();
  const journal = Journal.openIn(dir, storeLog);

  const oms = new OrderManagementSystem(bus);
  // Write-ahead: the recorder commits each burst of events, and the gate releases them to
  // clients and strategies only after that commit.
  const recorder = new JournalRecorder(journal, bus, (what, error) =>
    log(`${what}：${error instanceof Error ? error.message : String(error)}`, LogLevel.ERROR));
  const published = new OutboundGate(bus, recorder, (type, error) =>
    log(`事件推送出错（${type}）：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, LogLevel.ERROR));
  const risk = new PreTradeCheck(oms, now);
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

  await loadGateways(main, vt, opts.builtinGatewaysDir ?? BUILTIN_GATEWAYS_DIR, path.join(dir, 'gateways'));

  if (opts.timer !== false) bus.startTimer('timer', now);
  const layout = new LayoutStore(dir, storeLog);
  const appInfo = () => ({ name: 'TS Trader', version: APP_VERSION, vntraderDir: dir, ui: { confirmCancel: config.loadVtSetting()['ui.confirm_cancel'] } });
  const marginData = createMarginData({
    dir, secrets, now, env: opts.env ?? process.env, tushareUrl: opts.tushareUrl, rowLimit: opts.tushareRowLimit,
    emit: (progress) => bus.emit('margin-data-progress', progress),
    log: (msg, level) => main.log(msg, level, '两融数据'),
  });
  const strategy = new StrategyEngine({ bus: published, oms, main, dir, now, persist: opts.persistStrategies ?? true });
  strategy.onChange((info) => bus.emit('strategy', info));
  const strategyDirs = [opts.examplesDir ?? EXAMPLES_DIR, path.join(dir, 'strategies')];
  const settled = () => recorder.committed();
  const dispatcher = createDispatcher(main, bus, { layout, appInfo, marginData: marginData.service, strategy, strategyDirs, published, settled });

  return {
    dir,
    bus,
    published,
    settled,
    oms,
    main,
    dispatcher,
    config,
    secrets,
    layout,
    strategy,
    async close() {
      // Strategies first, while the gateways can still cancel their working orders.
      await strategy.close();
      bus.stopTimer();
      await main.closeAll();
      recorder.stop();
      published.openUp();
      journal.close();
      marginData.close();
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
