/**
 * 策略管理's engine part: the strategy engine (strategies in worker threads), trading through
 * the engine's trading port, its status changes pushed to the windows as 'strategy'.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineEngineApp } from '../../../electron/engine/apps/engine-app';
import { provideStrategyBacktester } from '../../../electron/engine/backtest/strategy-backtester';
import { strategyManagerApp } from '../common/app';
import { threadBacktester } from './backtest/backtest-thread';
import { StrategyEngine } from './strategy-engine';
import { strategyHandlers } from './strategy-handlers';

/** The example strategies shipped with the app (the repository's strategies/; a packaged app passes its own). */
export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../strategies');

export default defineEngineApp(strategyManagerApp, (ctx) => {
  const strategy = new StrategyEngine({ port: ctx.trading, dir: ctx.dir, persist: ctx.options.persistStrategies ?? true });
  strategy.onChange((info) => ctx.emit('strategy', info));
  const strategyDirs = [ctx.options.examplesDir ?? EXAMPLES_DIR, path.join(ctx.dir, 'strategies')];
  // The strategy runtime lives here: strategy-file backtests (the 回测 window) run through it.
  provideStrategyBacktester(threadBacktester);
  return {
    handlers: strategyHandlers(strategy, strategyDirs),
    service: strategy,
    // Strategies stop (after their current callback) while the gateways can still cancel their orders.
    close: () => strategy.close(),
  };
});

/** The running engine's strategy engine (the CLI drives it directly); throws if the app did not start. */
export function strategyEngineOf(engine: { apps: { service(name: string): unknown } }): StrategyEngine {
  const service = engine.apps.service(strategyManagerApp.name);
  if (!(service instanceof StrategyEngine)) throw new Error('策略管理未能启动');
  return service;
}
