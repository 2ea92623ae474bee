/** The strategy engine: strategies in worker threads with a jqtrade-style API. */
export { StrategyEngine, type StrategyEngineOptions } from './strategy-engine';
export { STRATEGIES_FILE, loadStrategies, normaliseStrategy } from './strategy-store';
export {
  StrategyStatus,
  STRATEGY_DEFAULTS,
  type ClockSpec,
  type StrategyInfo,
  type StrategyInput,
  type StrategyOrder,
  type StrategySettings,
  type UserOrder,
  type UserOrderStatus,
  type UserPosition,
  type UserTrade,
} from './strategy-types';
