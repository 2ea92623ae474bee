/** 策略管理: strategies in worker threads, with jqtrade's and Ptrade's APIs. */
import { defineApp } from '../../../common/app-model';
import { strategyContract } from './contract';

export const strategyManagerApp = defineApp({
  name: 'strategy-manager',
  displayName: '策略管理',
  contract: strategyContract,
  window: { width: 1200, height: 780, minWidth: 800, minHeight: 500 },
});
