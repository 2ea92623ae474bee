/** 回测: strategy-file backtests on stored bars, exports, and parameter optimisation. */
export { BacktestService, parseParamsText, settingsOf, type RunArgs } from './backtest-service';
