/**
 * 回测's slice of the bridge contract: run one backtest (progress as 'backtest-progress'),
 * cancel it, export its trades, daily table or HTML report to files, and optimise the
 * parameters over the local worker pool.
 */
import { rowEvent, defineContract, type EventsOf, type RequestsOf } from '../../../common/contract/contract-map';
import { code } from '../../../common/contract/fields';
import { s } from '../../../common/schema';
import type { BacktestRunResult, BacktestExportResult, BacktestProgressEvent, OptimizeResult } from './backtest';

const runId = s.string({ min: 1, max: 64 });
const date = s.string({ min: 10, max: 10 });

/** Everything one run needs; `params` is the JSON text the trader typed (the engine parses it and says what is wrong). */
export const runArgs = {
  runId,
  file: s.string({ min: 1, max: 1024 }),
  code,
  interval: s.union(s.literal('1m'), s.literal('1d')),
  start: date,
  end: date,
  capital: s.number({ min: 1, max: 1e12 }),
  commission_rate: s.number({ min: 0, max: 0.01 }),
  min_commission: s.number({ min: 0, max: 1000 }),
  slippage_ticks: s.number({ min: 0, max: 1000 }),
  volume_ratio: s.number({ min: 0.0001, max: 1 }),
  params: s.string({ max: 64 * 1024 }),
  /** 账户类型: 普通 (cash, the default) or 信用 (credit: 融资融券 under the SIM credit account's rules) */
  account: s.optional(s.union(s.literal('cash'), s.literal('credit'))),
  /** 印花税率 (sells) and 过户费率 (both sides); absent = the defaults of docs/backtest.md */
  stamp_duty_rate: s.optional(s.number({ min: 0, max: 0.01 })),
  transfer_fee_rate: s.optional(s.number({ min: 0, max: 0.001 })),
};

export const backtestContract = defineContract({
  feature: '回测',
  requests: {
    /** run a backtest; progress comes as 'backtest-progress' with this runId */
    'backtest/run': s.object(runArgs),
    /** stop a running backtest or optimisation */
    'backtest/cancel': s.object({ runId }),
    /** write a finished run's trades (CSV), daily table (CSV) or the one-file HTML report into <vntrader>/backtests/ */
    'backtest/export': s.object({ runId, kind: s.union(s.literal('trades'), s.literal('daily'), s.literal('html')) }),
    /**
     * optimise: `space` is JSON text {"name": [values…] | {"start","end","step"}}, `target` a
     * numeric statistic; grid (every combination) or genetic (NSGA-II) on the local pool
     */
    'backtest/optimize': s.object({ ...runArgs, space: s.string({ min: 2, max: 64 * 1024 }), target: s.string({ min: 1, max: 64 }), direction: s.union(s.literal('max'), s.literal('min')), method: s.union(s.literal('grid'), s.literal('genetic')) }),
  },
  events: {
    /** a run's progress: cumulative, so the latest per run is all a window needs */
    'backtest-progress': rowEvent((p: BacktestProgressEvent) => p.runId),
  },
});

export interface BacktestResults {
  'backtest/run': BacktestRunResult;
  'backtest/cancel': { cancelled: boolean };
  'backtest/export': BacktestExportResult;
  'backtest/optimize': OptimizeResult;
}

declare module '../../../common/contract/contract-map' {
  interface RequestMap extends RequestsOf<typeof backtestContract, BacktestResults> {}
  interface BridgeEvents extends EventsOf<typeof backtestContract> {}
}
