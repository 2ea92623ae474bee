/** 策略管理's requests on the engine side. */
import type { HandlersOf } from '../../../electron/engine/bridge/feature';
import type { strategyContract } from '../common/contract';
import type { StrategyEngine } from './strategy-engine';
import { listStrategyFiles } from './strategy-files';

/** `strategyDirs`: the folders the window lists strategy files from (the examples, then <vntrader>/strategies). */
export function strategyHandlers(strategy: StrategyEngine, strategyDirs: readonly string[]): HandlersOf<typeof strategyContract> {
  return {
    'strategy/list': () => strategy.list(),
    'strategy/files': () => listStrategyFiles(strategyDirs),
    'strategy/add': (input) => strategy.addChecked(input),
    'strategy/update': ({ name, ...patch }) => strategy.updateChecked(name, patch),
    'strategy/remove': ({ name }) => {
      strategy.remove(name);
      return { ok: true as const };
    },
    'strategy/start': ({ name }) => strategy.start(name),
    'strategy/stop': ({ name }) => strategy.stop(name),
    'strategy/logs': ({ name }) => strategy.logs(name),
    'strategy/orders': ({ name }) => strategy.orders(name),
    'strategy/trades': ({ name }) => strategy.trades(name),
  };
}
