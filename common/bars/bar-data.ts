/**
 * Bars after vn.py's BarData and Interval. Prices, volume and turnover are what the bar's
 * source reported (raw, unadjusted); `datetime` is the start of the bar in epoch ms
 * (vn.py's convention: the 09:30 minute bar covers 09:30:00–09:30:59). A daily bar's
 * datetime is its trading day at 00:00 China time; a weekly bar's, the Monday of its week.
 */
import type { Exchange } from '../constants';

/** Bar sizes, with vn.py's values where vn.py has one (1m, 1h, d, w). */
export enum Interval {
  MINUTE = '1m',
  MINUTE_5 = '5m',
  MINUTE_15 = '15m',
  HOUR = '1h',
  DAILY = 'd',
  WEEKLY = 'w',
}

export const INTERVALS: readonly Interval[] = [Interval.MINUTE, Interval.MINUTE_5, Interval.MINUTE_15, Interval.HOUR, Interval.DAILY, Interval.WEEKLY];

/** Minutes in a bar of an intraday interval; undefined for d and w. */
export const INTRADAY_MINUTES: Readonly<Partial<Record<Interval, number>>> = {
  [Interval.MINUTE]: 1,
  [Interval.MINUTE_5]: 5,
  [Interval.MINUTE_15]: 15,
  [Interval.HOUR]: 60,
};

/** Chinese names for the UI and messages. */
export const INTERVAL_LABELS: Readonly<Record<Interval, string>> = {
  [Interval.MINUTE]: '1分钟',
  [Interval.MINUTE_5]: '5分钟',
  [Interval.MINUTE_15]: '15分钟',
  [Interval.HOUR]: '1小时',
  [Interval.DAILY]: '日线',
  [Interval.WEEKLY]: '周线',
};

export function isInterval(value: unknown): value is Interval {
  return typeof value === 'string' && (INTERVALS as readonly string[]).includes(value);
}

/** One bar. Field names are vn.py's except the prices, which drop vn.py's `_price` suffix. */
export interface BarData {
  /** symbol.EXCHANGE, e.g. 600000.SSE */
  vt_symbol: string;
  symbol: string;
  exchange: Exchange;
  interval: Interval;
  /** start of the bar, epoch ms */
  datetime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** shares (A-shares) or contracts (futures) traded in the bar */
  volume: number;
  /** CNY traded in the bar */
  turnover: number;
  /** futures' open interest at the bar's end; 0 for stocks */
  open_interest: number;
  /** where the bar came from: a gateway name, or DB / TUSHARE / CSV */
  gateway_name: string;
}

/** How prices are adjusted for corporate actions when bars are read (复权). */
export enum Adjustment {
  /** 不复权: the prices as traded */
  NONE = 'none',
  /** 前复权: scaled so the last stored day's prices stay as traded */
  FORWARD = 'forward',
  /** 后复权: scaled by the cumulative factor, so the first listed prices stay as traded */
  BACKWARD = 'backward',
}

export const ADJUSTMENT_LABELS: Readonly<Record<Adjustment, string>> = {
  [Adjustment.NONE]: '不复权',
  [Adjustment.FORWARD]: '前复权',
  [Adjustment.BACKWARD]: '后复权',
};
