/**
 * What one backtest of a strategy file produces, as the 回测 window, the CLI and the HTML
 * report read it: the settings it ran with, vn.py's statistics, the daily table, the fills
 * and the strategy's log. Plain data (JSON-safe), so it crosses threads and the bridge as is.
 */
import type { Direction, LogLevel } from '../constants';
import type { CreditTerms } from '../credit';
import type { FeeSchedule } from '../markets/cn-stock/fees';
import type { DailyResultRow } from './daily-table';
import type { BacktestStatistics } from './statistics';

/** The settings of a strategy-file backtest (A-shares), with their defaults in docs/backtest.md. */
export interface StrategyBacktestSettings {
  /** starting cash, CNY */
  capital: number;
  fees: FeeSchedule;
  /** share of each bar's volume our fills may take together, 0 < ratio ≤ 1 */
  volumeRatio: number;
  /** slippage per fill in ticks, charged as a cost */
  slippageTicks: number;
  /** trading days a year for the statistics */
  annualDays: number;
  /**
   * 账户类型: 'cash' (普通, the default) or 'credit' (信用: 融资融券 under the SIM credit
   * account's rules, with `creditTerms` or the SIM's default terms)
   */
  account?: 'cash' | 'credit';
  creditTerms?: CreditTerms;
}

/** One fill of the backtest. */
export interface BacktestTradeRow {
  trade_id: string;
  order_id: string;
  /** epoch ms (the end of the bar it filled on) */
  datetime: number;
  direction: Direction.LONG | Direction.SHORT;
  price: number;
  volume: number;
  amount: number;
  /** commission + stamp duty + transfer fee */
  fee: number;
  slippage: number;
}

export interface BacktestLogLine {
  datetime: number;
  level: LogLevel;
  msg: string;
}

export interface BacktestReport {
  file_name: string;
  vt_symbol: string;
  interval: '1m' | '1d';
  start: string;
  end: string;
  params: Record<string, unknown>;
  settings: StrategyBacktestSettings;
  statistics: BacktestStatistics;
  daily: DailyResultRow[];
  trades: BacktestTradeRow[];
  /** the strategy's log; at most LOG_LIMIT lines are kept, `logs_dropped` counts the rest */
  logs: BacktestLogLine[];
  logs_dropped: number;
  bars: number;
  orders: number;
  /** orders the broker refused (their reasons are in the log) */
  rejected: number;
  /** callbacks that threw */
  errors: number;
  /** wall-clock time of the run, ms */
  elapsed_ms: number;
}

export const LOG_LIMIT = 2000;

/** Progress of a running backtest: bars replayed of the total. */
export interface BacktestProgress {
  done: number;
  total: number;
}
