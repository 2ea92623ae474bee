/** 数据管理: the bars stored (code, exchange, interval, count, first, last), Tushare and CSV imports, export, delete. */
import { defineApp } from '../../../common/app-model';
import { dataManagerContract } from './contract';

export const dataManagerApp = defineApp({
  name: 'data-manager',
  displayName: '数据管理',
  contract: dataManagerContract,
  window: { width: 1000, height: 680, minWidth: 760, minHeight: 480 },
});
