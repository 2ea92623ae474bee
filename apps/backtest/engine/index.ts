/** 回测: strategy-file backtests on stored bars, exports, and parameter optimisation. */
export { BacktestService, settingsOf, type RunArgs } from './backtest-service';
export { parseParamsText } from '../common/params';
