/**
 * The one dispatcher behind both transports (Electron IPC and the host's WebSocket): it
 * validates a request's arguments against the contract's schema and calls its handler.
 * Transports add only their own checks (IPC sender; token and Origin) around it.
 *
 * Write-ahead: events reach listeners through the outbound gate (after the journal commit
 * holding them), a response leaves only once the burst its request caused has committed, and
 * a snapshot is read between two bursts, so a client never holds an order id, a fill or a
 * snapshot that a crash could take back.
 */
import {
  EVENT_NAMES,
  type AppInfo,
  isRequestName,
  requestSchemas,
  type BridgeEvents,
  type EventName,
  type RequestArgs,
  type RequestName,
  type RequestResults,
} from '../../../common/bridge-contract';
import { TraderError, toErrorInfo } from '../../../common/errors';
import { formatIssues } from '../../../common/schema';
import type { EventBus } from '../event-bus';
import type { EngineEvents } from '../engine-events';
import type { MainEngine } from '../main-engine';
import type { PublishedEvents } from '../outbound-gate';
import type { StrategyEngine } from '../strategy';
import { listStrategyFiles } from '../strategy/strategy-files';
import type { MarginDataService } from '../margin-data';
import type { LayoutStore } from '../store';

type Handlers = { [K in RequestName]: (args: RequestArgs<K>) => RequestResults[K] | Promise<RequestResults[K]> };

export type EventListener = <E extends EventName>(event: E, payload: BridgeEvents[E]) => void;

export interface Dispatcher {
  /** Validate and run one request; rejects with a TraderError (code + Chinese message). */
  dispatch(name: unknown, args: unknown): Promise<unknown>;
  /** Receive every pushed event; returns an unsubscribe function. */
  onEvent(listener: EventListener): () => void;
}

/** Engine-side services the UI requests reach besides the main engine. */
export interface DispatcherServices {
  layout: LayoutStore;
  appInfo: () => AppInfo;
  /** 两融数据: Tushare margin_detail / CSV imports and queries */
  marginData: MarginDataService;
  strategy: StrategyEngine;
  /** folders the 策略管理 window lists strategy files from */
  strategyDirs: readonly string[];
  /** events as they leave the engine (after their journal commit) */
  published: PublishedEvents<EngineEvents>;
  /** resolves once everything so far is committed and published */
  settled: () => Promise<void>;
}

function handlersFor(engine: MainEngine, bus: EventBus<EngineEvents>, services: DispatcherServices): Handlers {
  return {
    // Read between two bursts and sent at once (see dispatch): committed state only, and
    // every event after it is newer.
    'app/snapshot': () => services.published.atBoundary(() => engine.snapshot()),
    'gateway/list': () => engine.gatewayInfos(),
    'gateway/settings': ({ gateway }) => engine.loadSettings(gateway),
    'gateway/connect': ({ gateway, settings }) => engine.connect(gateway, settings),
    'gateway/close': ({ gateway }) => engine.close(gateway),
    'gateway/action': async ({ gateway, action }) => ({ message: await engine.runAction(gateway, action) }),
    'market/subscribe': ({ code, gateway }) => engine.subscribe(code, gateway),
    'contract/query': ({ filter }) => engine.queryContracts(filter ?? ''),
    'contract/lookup': ({ code }) => engine.lookupContract(code),
    'order/check': (args) => {
      try {
        engine.checkOrder(args);
        return { ok: true as const };
      } catch (error) {
        return { ok: false as const, error: toErrorInfo(error) };
      }
    },
    'order/send': (args) => ({ vt_orderid: engine.sendOrder(args) }),
    'order/cancel': ({ vt_orderid }) => {
      engine.cancelOrder(vt_orderid);
      return { ok: true as const };
    },
    'order/cancel-all': ({ gateway }) => ({ count: engine.cancelAll(gateway) }),
    'credit/repay': async (args) => ({ message: await engine.creditRepay(args) }),
    'strategy/list': () => services.strategy.list(),
    'strategy/files': () => listStrategyFiles(services.strategyDirs),
    'strategy/add': (input) => services.strategy.addChecked(input),
    'strategy/update': ({ name, ...patch }) => services.strategy.updateChecked(name, patch),
    'strategy/remove': ({ name }) => {
      services.strategy.remove(name);
      return { ok: true as const };
    },
    'strategy/start': ({ name }) => services.strategy.start(name),
    'strategy/stop': ({ name }) => services.strategy.stop(name),
    'strategy/logs': ({ name }) => services.strategy.logs(name),
    'strategy/orders': ({ name }) => services.strategy.orders(name),
    'strategy/trades': ({ name }) => services.strategy.trades(name),
    'app/info': () => services.appInfo(),
    'layout/get': () => services.layout.all(),
    'layout/set': ({ key, value }) => {
      services.layout.set(key, value);
      return { ok: true as const };
    },
    'layout/reset': () => {
      services.layout.reset();
      return { ok: true as const };
    },
    'panel/fill': (fill) => {
      const contract = engine.lookupContract(fill.vt_symbol);
      bus.emit('panel-fill', { ...fill, vt_symbol: contract.vt_symbol });
      return { ok: true as const };
    },
    'margin-data/token': () => services.marginData.tokenStatus(),
    'margin-data/set-token': ({ token }) => services.marginData.setToken(token),
    'margin-data/import': (args) => (args.source === 'csv' ? services.marginData.importCsv(args) : services.marginData.importTushare(args)),
    'margin-data/cancel': ({ importId }) => ({ cancelled: services.marginData.cancel(importId) }),
    'margin-data/query': ({ ts_code, start_date, end_date }) => services.marginData.query(ts_code, start_date, end_date),
    'margin-data/codes': () => services.marginData.codes(),
  };
}

export function createDispatcher(engine: MainEngine, bus: EventBus<EngineEvents>, services: DispatcherServices): Dispatcher {
  const handlers = handlersFor(engine, bus, services);
  const forwarded = new Set<string>(EVENT_NAMES);
  return {
    async dispatch(name, args) {
      if (!isRequestName(name)) throw new TraderError('UNKNOWN_METHOD', `未知的请求：${String(name)}`);
      const parsed = requestSchemas[name].check(args ?? {}, 'args');
      if (!parsed.ok) throw new TraderError('BAD_ARGS', `请求 ${name} 的参数错误：${formatIssues(parsed.issues)}`);
      const handler = handlers[name] as (a: unknown) => unknown;
      // Waiting for a later burst would let newer events overtake the snapshot.
      if (name === 'app/snapshot') return await handler(parsed.value);
      try {
        return await handler(parsed.value);
      } finally {
        await services.settled();
      }
    },
    onEvent(listener) {
      return services.published.onAny((type, payload) => {
        if (forwarded.has(type as string)) listener(type as EventName, payload as BridgeEvents[EventName]);
      });
    },
  };
}
