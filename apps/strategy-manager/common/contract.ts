/**
 * 策略管理's slice of the bridge contract: list, add, change, remove, start and stop
 * strategies, and what each did; the 'strategy' event when one's status changes.
 */
import { rowEvent, defineContract, type EventsOf, type RequestsOf } from '../../../common/contract/contract-map';
import { gatewayName } from '../../../common/contract/fields';
import type { LogData, TradeData } from '../../../common/objects';
import { s } from '../../../common/schema';
import type { StrategyInfo, StrategyOrder } from './strategy';

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

export const strategyContract = defineContract({
  feature: '策略管理',
  requests: {
    /** every strategy with its status */
    'strategy/list': s.object({}),
    /** strategy files found in strategies/ (examples) and <vntrader>/strategies/ */
    'strategy/files': s.object({}),
    'strategy/add': s.object({ name: strategyName, file: s.string({ min: 1, max: 1024 }), ...strategyOptions }),
    'strategy/update': s.object({ name: strategyName, file: s.optional(s.string({ min: 1, max: 1024 })), ...strategyOptions }),
    'strategy/remove': s.object({ name: strategyName }),
    'strategy/start': s.object({ name: strategyName }),
    'strategy/stop': s.object({ name: strategyName }),
    /** its recent log lines, its orders (with the ids it knows them by) and its fills */
    'strategy/logs': s.object({ name: strategyName }),
    'strategy/orders': s.object({ name: strategyName }),
    'strategy/trades': s.object({ name: strategyName }),
  },
  events: {
    /** a strategy's status changed */
    strategy: rowEvent((info: StrategyInfo) => info.settings.name),
  },
});

export interface StrategyResults {
  'strategy/list': StrategyInfo[];
  'strategy/files': string[];
  'strategy/add': StrategyInfo;
  'strategy/update': StrategyInfo;
  'strategy/remove': { ok: true };
  'strategy/start': StrategyInfo;
  'strategy/stop': StrategyInfo;
  'strategy/logs': LogData[];
  'strategy/orders': StrategyOrder[];
  'strategy/trades': TradeData[];
}

declare module '../../../common/contract/contract-map' {
  interface RequestMap extends RequestsOf<typeof strategyContract, StrategyResults> {}
  interface BridgeEvents extends EventsOf<typeof strategyContract> {}
}
