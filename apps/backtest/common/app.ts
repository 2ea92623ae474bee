/** 回测: a strategy file on stored bars under the A-share rules, with vn.py's statistics, charts, trades, exports and parameter optimisation. */
import { defineApp } from '../../../common/app-model';
import { backtestContract } from './contract';

export const backtestApp = defineApp({
  name: 'backtest',
  displayName: '回测',
  contract: backtestContract,
  window: { width: 1280, height: 720, minWidth: 960, minHeight: 600 },
});
