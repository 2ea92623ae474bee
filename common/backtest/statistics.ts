/**
 * A backtest's statistics with the definitions of vn.py's BacktestingEngine
 * (calculate_statistics), from the daily table. docs/backtest.md states each definition.
 * The arithmetic follows pandas' order of operations (moments.ts), so the figures agree with
 * vn.py's to about 1e-15: only V8's Math.log / Math.exp, which may round a last bit
 * differently from the C library NumPy calls, separate them.
 *
 * As vn.py: returns are daily log returns of the balance; a year has `annualDays` (240)
 * trading days; a run whose balance ever reaches zero or below gets every figure zero (the
 * figures would be meaningless), and any figure that comes out NaN or ±∞ is reported as 0.
 */
import type { DailyResultRow } from './daily-table';
import { ewmLast, excessKurtosis, mean, pairwiseSum, sampleStd, skewness } from './moments';

/** vn.py's statistics, under vn.py's keys. Percent figures are in percent (12.5 = 12.5 %). */
export interface BacktestStatistics {
  /** first trading day (YYYY-MM-DD); "" when there is none */
  start_date: string;
  end_date: string;
  total_days: number;
  /** days with net PnL > 0 */
  profit_days: number;
  /** days with net PnL < 0 */
  loss_days: number;
  capital: number;
  end_balance: number;
  /** the deepest fall of the balance from its running high, in money (≤ 0) */
  max_drawdown: number;
  /** the deepest fall as a percentage of the running high (≤ 0) */
  max_ddpercent: number;
  /** calendar days from the high before the deepest drawdown to its bottom */
  max_drawdown_duration: number;
  total_net_pnl: number;
  daily_net_pnl: number;
  total_commission: number;
  daily_commission: number;
  total_slippage: number;
  daily_slippage: number;
  total_turnover: number;
  daily_turnover: number;
  total_trade_count: number;
  daily_trade_count: number;
  /** (end balance / capital − 1) × 100 */
  total_return: number;
  /** total return / total days × annual days */
  annual_return: number;
  /** mean daily log return × 100 */
  daily_return: number;
  /** sample standard deviation of the daily log returns × 100 */
  return_std: number;
  sharpe_ratio: number;
  /** Sharpe ratio of the exponentially weighted mean and deviation (half-life `halfLife` days) */
  ewm_sharpe: number;
  /** −total return / max drawdown percent */
  return_drawdown_ratio: number;
  /** vn.py's RGR ratio: a risk-adjusted growth figure (see docs/backtest.md) */
  rgr_ratio: number;
}

export type StatisticKey = keyof BacktestStatistics;
/** The statistics an optimisation may target (every numeric one). */
export type NumericStatisticKey = Exclude<StatisticKey, 'start_date' | 'end_date'>;

/** Chinese names, in the order vn.py's CtaBacktester shows them. */
export const STATISTICS_LABELS: Readonly<Record<StatisticKey, string>> = {
  start_date: '首个交易日',
  end_date: '最后交易日',
  total_days: '总交易日',
  profit_days: '盈利交易日',
  loss_days: '亏损交易日',
  capital: '起始资金',
  end_balance: '结束资金',
  total_return: '总收益率',
  annual_return: '年化收益',
  max_drawdown: '最大回撤',
  max_ddpercent: '百分比最大回撤',
  max_drawdown_duration: '最大回撤天数',
  total_net_pnl: '总盈亏',
  total_commission: '总手续费',
  total_slippage: '总滑点',
  total_turnover: '总成交额',
  total_trade_count: '总成交笔数',
  daily_net_pnl: '日均盈亏',
  daily_commission: '日均手续费',
  daily_slippage: '日均滑点',
  daily_turnover: '日均成交额',
  daily_trade_count: '日均成交笔数',
  daily_return: '日均收益率',
  return_std: '收益标准差',
  sharpe_ratio: '夏普比率',
  ewm_sharpe: 'EWM夏普',
  return_drawdown_ratio: '收益回撤比',
  rgr_ratio: 'RGR比率',
};

export function isNumericStatistic(key: string): key is NumericStatisticKey {
  // Own keys only: `in` would also take what every object inherits ('toString', 'constructor').
  return Object.hasOwn(STATISTICS_LABELS, key) && key !== 'start_date' && key !== 'end_date';
}

export interface StatisticsOptions {
  capital: number;
  /** trading days in a year; vn.py's default 240 */
  annualDays?: number;
  /** annual risk-free rate in vn.py's units (subtracted as riskFree / √annualDays from the daily return in percent); default 0 */
  riskFree?: number;
  /** half-life in days of the EWM Sharpe; vn.py's default 120 */
  halfLife?: number;
}

/** The balance-derived columns vn.py adds to the daily table. */
export interface EquityCurve {
  /** capital + cumulative net PnL */
  balance: Float64Array;
  /** ln(balance / previous balance), the first against the capital; 0 where the ratio is ≤ 0 */
  return: Float64Array;
  /** running maximum of the balance (the capital itself is not a high) */
  highlevel: Float64Array;
  drawdown: Float64Array;
  /** drawdown / highlevel × 100 */
  ddpercent: Float64Array;
}

export function equityCurve(rows: readonly DailyResultRow[], capital: number): EquityCurve {
  const n = rows.length;
  const curve: EquityCurve = {
    balance: new Float64Array(n), return: new Float64Array(n), highlevel: new Float64Array(n),
    drawdown: new Float64Array(n), ddpercent: new Float64Array(n),
  };
  let cumulative = 0;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    // pandas: cumsum first, then add the capital.
    cumulative += rows[i]!.net_pnl;
    const balance = cumulative + capital;
    curve.balance[i] = balance;
    const ratio = balance / (i === 0 ? capital : curve.balance[i - 1]!);
    curve.return[i] = ratio > 0 ? Math.log(ratio) : 0;
    high = Math.max(high, balance);
    curve.highlevel[i] = high;
    curve.drawdown[i] = balance - high;
    curve.ddpercent[i] = ((balance - high) / high) * 100;
  }
  return curve;
}

/** True when the balance reached zero or below on some day: vn.py then reports no statistics. */
export function wentBankrupt(curve: EquityCurve): boolean {
  return curve.balance.some((b) => !(b > 0));
}

export function emptyStatistics(capital: number): BacktestStatistics {
  return {
    start_date: '', end_date: '', total_days: 0, profit_days: 0, loss_days: 0, capital, end_balance: 0,
    max_drawdown: 0, max_ddpercent: 0, max_drawdown_duration: 0, total_net_pnl: 0, daily_net_pnl: 0,
    total_commission: 0, daily_commission: 0, total_slippage: 0, daily_slippage: 0, total_turnover: 0,
    daily_turnover: 0, total_trade_count: 0, daily_trade_count: 0, total_return: 0, annual_return: 0,
    daily_return: 0, return_std: 0, sharpe_ratio: 0, ewm_sharpe: 0, return_drawdown_ratio: 0, rgr_ratio: 0,
  };
}

const DAY_MS = 86_400_000;

function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function column(rows: readonly DailyResultRow[], key: 'net_pnl' | 'commission' | 'slippage' | 'turnover'): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows[i]![key];
  return out;
}

export function computeStatistics(rows: readonly DailyResultRow[], options: StatisticsOptions): BacktestStatistics {
  const { capital } = options;
  const annualDays = options.annualDays ?? 240;
  const riskFree = options.riskFree ?? 0;
  const halfLife = options.halfLife ?? 120;
  const stats = emptyStatistics(capital);
  if (!rows.length) return stats;
  const curve = equityCurve(rows, capital);
  if (wentBankrupt(curve)) return stats;

  const n = rows.length;
  stats.start_date = rows[0]!.date;
  stats.end_date = rows[n - 1]!.date;
  stats.total_days = n;
  for (const r of rows) {
    if (r.net_pnl > 0) stats.profit_days++;
    else if (r.net_pnl < 0) stats.loss_days++;
  }
  stats.end_balance = curve.balance[n - 1]!;

  // idxmin/idxmax take the first occurrence.
  let ddEnd = 0;
  for (let i = 1; i < n; i++) if (curve.drawdown[i]! < curve.drawdown[ddEnd]!) ddEnd = i;
  let ddStart = 0;
  for (let i = 1; i <= ddEnd; i++) if (curve.balance[i]! > curve.balance[ddStart]!) ddStart = i;
  stats.max_drawdown = curve.drawdown[ddEnd]!;
  let minDdPercent = curve.ddpercent[0]!;
  for (let i = 1; i < n; i++) minDdPercent = Math.min(minDdPercent, curve.ddpercent[i]!);
  stats.max_ddpercent = minDdPercent;
  stats.max_drawdown_duration = calendarDaysBetween(rows[ddStart]!.date, rows[ddEnd]!.date);

  stats.total_net_pnl = pairwiseSum(column(rows, 'net_pnl'));
  stats.daily_net_pnl = stats.total_net_pnl / n;
  stats.total_commission = pairwiseSum(column(rows, 'commission'));
  stats.daily_commission = stats.total_commission / n;
  stats.total_slippage = pairwiseSum(column(rows, 'slippage'));
  stats.daily_slippage = stats.total_slippage / n;
  stats.total_turnover = pairwiseSum(column(rows, 'turnover'));
  stats.daily_turnover = stats.total_turnover / n;
  stats.total_trade_count = rows.reduce((sum, r) => sum + r.trade_count, 0);
  stats.daily_trade_count = stats.total_trade_count / n;

  stats.total_return = (stats.end_balance / capital - 1) * 100;
  stats.annual_return = (stats.total_return / n) * annualDays;
  stats.daily_return = mean(curve.return) * 100;
  const returnStd = sampleStd(curve.return) * 100;
  stats.return_std = returnStd;

  // vn.py tests `if return_std:` — NaN (a single day) passes and yields NaN, reported as 0.
  if (returnStd !== 0) {
    const dailyRiskFree = riskFree / Math.sqrt(annualDays);
    stats.sharpe_ratio = ((stats.daily_return - dailyRiskFree) / returnStd) * Math.sqrt(annualDays);
    const ewm = ewmLast(curve.return, halfLife);
    stats.ewm_sharpe = ((ewm.mean * 100 - dailyRiskFree) / (ewm.std * 100)) * Math.sqrt(annualDays);
  }
  stats.return_drawdown_ratio = stats.max_ddpercent ? -stats.total_return / stats.max_ddpercent : 0;
  stats.rgr_ratio = rgrRatio(curve.return, stats.annual_return, returnStd, stats.max_ddpercent);

  for (const key of Object.keys(stats) as StatisticKey[]) {
    const value = stats[key];
    // NaN and ±∞ become 0 as in vn.py; so does −0 (a flat run's −ln 1), which reads badly.
    if (typeof value === 'number' && (!Number.isFinite(value) || value === 0)) (stats[key] as number) = 0;
  }
  return stats;
}

/**
 * vn.py's RGR ratio, with its constants as they are: the downside risk is annualised with
 * √252 (not the 240 days used elsewhere), and 3 is subtracted from pandas' kurtosis, which is
 * already the excess kurtosis. Under 3 days (skew) or 4 days (kurtosis) it is NaN, so 0.
 */
export function rgrRatio(returns: Float64Array, annualReturn: number, returnStd: number, maxDdPercent: number): number {
  const cagr = annualReturn / 100;
  const stability = returnStd > 0 ? 1 / (1 + returnStd / 100) : 0;
  const downside = new Float64Array(returns.length);
  for (let i = 0; i < returns.length; i++) downside[i] = Math.min(returns[i]!, 0) ** 2;
  const annualDownsideRisk = Math.sqrt(mean(downside)) * Math.sqrt(252);
  const skew = skewness(returns);
  const kurt = excessKurtosis(returns);
  const sorted = Float64Array.from(returns).sort();
  const cvar95 = mean(sorted.subarray(0, Math.ceil(sorted.length * 0.05)));

  const gain = cagr > 0 ? Math.log(1 + cagr) : -Math.log(1 - cagr);
  const skewFactor = 1 + 0.1 * Math.tanh(skew);
  const kurtFactor = 1 / (1 + 0.05 * Math.max(kurt - 3, 0));
  const downsideRisk = Math.max(annualDownsideRisk, 1e-6);
  const maxDd = Math.abs(maxDdPercent) / 100;
  const cvarRisk = cvar95 !== 0 ? Math.abs(cvar95) : maxDd * 0.5;
  const combinedRisk = Math.max(0.5 * downsideRisk + 0.3 * maxDd + 0.2 * cvarRisk, 1e-9);
  return (gain * stability * skewFactor * kurtFactor) / combinedRisk;
}
