/**
 * Wire types of the history service (数据管理, 行情记录, K线图): what its requests return and
 * the progress it pushes. The service itself is electron/engine/history; these live here so
 * the future apps' contract parts and views can name them.
 */
import type { Adjustment, Interval } from './bars';
import type { ErrorInfo } from './errors';

/** One line of 数据管理's overview. */
export interface BarOverviewInfo {
  vt_symbol: string;
  symbol: string;
  exchange: string;
  interval: Interval;
  count: number;
  /** first and last bar start, epoch ms */
  start: number;
  end: number;
}

/** A running or finished import, pushed after every stored page and once at the end. */
export interface HistoryImportProgress {
  importId: string;
  source: 'tushare' | 'csv';
  /** the code being imported ('' for a CSV of several codes) */
  vt_symbol: string;
  interval: Interval;
  /** windows (Tushare) or pages (CSV) done, and their total as known now */
  done: number;
  total: number;
  /** bars stored so far by this run */
  bars: number;
  finished: boolean;
  /** set when the import stopped on an error (or was cancelled: code CANCELLED) */
  error?: ErrorInfo;
  /** a Chinese line for the progress bar */
  message: string;
}

export interface HistoryImportResult {
  importId: string;
  /** codes with bars stored by this run */
  codes: string[];
  interval: Interval;
  /** bars stored by this run */
  bars: number;
  /** first and last bar stored, epoch ms */
  first?: number;
  last?: number;
  /** the date a resumed Tushare import continued after (YYYYMMDD) */
  resumedAfter?: string;
  /** lines that were skipped, and why */
  warnings: string[];
}

/** A Tushare import: daily (daily + adj_factor) or 1-minute (stk_mins) bars of one code. */
export interface TushareBarImportArgs {
  ts_code: string;
  interval: Interval.DAILY | Interval.MINUTE;
  /** YYYYMMDD or YYYY-MM-DD, inclusive */
  start_date: string;
  end_date: string;
  importId?: string;
}

/** A CSV in vn.py DataManager's layout (symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest). */
export interface CsvBarImportArgs {
  text: string;
  interval: Interval;
  /** all rows go to this code; without it each row's symbol and exchange columns say */
  vt_symbol?: string;
  importId?: string;
}

export interface LoadBarsArgs {
  vt_symbol: string;
  interval: Interval;
  /** epoch ms, inclusive; default: everything stored */
  start?: number;
  end?: number;
  /** default 不复权 */
  adjustment?: Adjustment;
}

/** A code being recorded into 1-minute bars, as 行情记录 lists it. */
export interface RecordingInfo {
  vt_symbol: string;
  /** 录制中 (ticks arriving), 等待行情 (subscribed, no tick yet), 等待连接 (no connected gateway has the contract) */
  status: '录制中' | '等待行情' | '等待连接';
  gateway_name: string;
  /** bars stored since the app started */
  bars: number;
  /** the last stored bar's start, epoch ms */
  last_bar?: number;
}
