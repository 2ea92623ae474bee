/**
 * Tushare rows → bars. Units follow Tushare's pages: daily's vol is in 手 (100 shares) and
 * amount in 千元; stk_mins' vol is in shares and amount in CNY. stk_mins labels a bar by its
 * END (trade_time 09:31:00 is the bar 09:30:00–09:30:59) and has a 09:30 row for the opening
 * call; we label by the start, like vn.py, so each row moves back a minute and the 09:30 row
 * joins the 09:30 bar (the call's trade opens it), as BarGenerator does with live ticks.
 */
import { dayStart, Interval, locate, MINUTE_MS, sessionScheduleFor, type AdjFactor, type BarData } from '../../../common/bars';
import type { Exchange } from '../../../common/constants';
import { TraderError } from '../../../common/errors';

export const DAILY_FIELDS = ['ts_code', 'trade_date', 'open', 'high', 'low', 'close', 'vol', 'amount'] as const;
export const ADJ_FACTOR_FIELDS = ['ts_code', 'trade_date', 'adj_factor'] as const;
export const STK_MINS_FIELDS = ['ts_code', 'trade_time', 'open', 'high', 'low', 'close', 'vol', 'amount'] as const;

export const TUSHARE_GATEWAY = 'TUSHARE';

interface Code {
  symbol: string;
  exchange: Exchange;
}

/** Rows as objects by field name; a missing column is an error, not a silent zero. */
function records(fields: readonly string[], items: readonly unknown[][], wanted: readonly string[], api: string): Record<string, unknown>[] {
  const idx = wanted.map((f) => fields.indexOf(f));
  const missing = wanted.filter((_, k) => idx[k]! < 0);
  if (missing.length) throw new TraderError('TUSHARE_BAD_REPLY', `Tushare ${api} 的应答缺少字段：${missing.join('、')}`);
  return items.map((row) => Object.fromEntries(wanted.map((f, k) => [f, row[idx[k]!]])));
}

function num(v: unknown, what: string, api: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new TraderError('TUSHARE_BAD_REPLY', `Tushare ${api} 的 ${what} 不是数字：${String(v)}`);
  return n;
}

const ymdToDay = (ymd: string) => `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;

/** daily rows → daily bars, oldest first. */
export function dailyBars(fields: readonly string[], items: readonly unknown[][], code: Code): BarData[] {
  return records(fields, items, DAILY_FIELDS, 'daily')
    .map((r): BarData => ({
      vt_symbol: `${code.symbol}.${code.exchange}`,
      symbol: code.symbol,
      exchange: code.exchange,
      interval: Interval.DAILY,
      datetime: dayStart(ymdToDay(String(r.trade_date))),
      open: num(r.open, 'open', 'daily'),
      high: num(r.high, 'high', 'daily'),
      low: num(r.low, 'low', 'daily'),
      close: num(r.close, 'close', 'daily'),
      volume: Math.round(num(r.vol, 'vol', 'daily') * 100),
      turnover: num(r.amount, 'amount', 'daily') * 1000,
      open_interest: 0,
      gateway_name: TUSHARE_GATEWAY,
    }))
    .sort((a, b) => a.datetime - b.datetime);
}

/** adj_factor rows → factors, oldest first. */
export function adjFactors(fields: readonly string[], items: readonly unknown[][]): AdjFactor[] {
  return records(fields, items, ADJ_FACTOR_FIELDS, 'adj_factor')
    .map((r) => ({ tradingDay: ymdToDay(String(r.trade_date)), factor: num(r.adj_factor, 'adj_factor', 'adj_factor') }))
    .sort((a, b) => (a.tradingDay < b.tradingDay ? -1 : a.tradingDay > b.tradingDay ? 1 : 0));
}

/** stk_mins 1min rows (end-labelled) → 1-minute bars labelled by their start, oldest first. */
export function minuteBars(fields: readonly string[], items: readonly unknown[][], code: Code): BarData[] {
  const schedule = sessionScheduleFor(code.symbol, code.exchange);
  const rows = records(fields, items, STK_MINS_FIELDS, 'stk_mins')
    .map((r) => ({ r, end: Date.parse(`${String(r.trade_time).replace(' ', 'T')}+08:00`) }))
    .sort((a, b) => a.end - b.end);
  const out: BarData[] = [];
  for (const { r, end } of rows) {
    if (!Number.isFinite(end)) throw new TraderError('TUSHARE_BAD_REPLY', `Tushare stk_mins 的 trade_time 无法识别：${String(r.trade_time)}`);
    // The minute before the label; a label at a session's open (the call) stays in its first bar.
    const slot = locate(schedule, end - MINUTE_MS) ?? locate(schedule, end);
    const start = slot ? slot.barStart : end - MINUTE_MS;
    const bar: BarData = {
      vt_symbol: `${code.symbol}.${code.exchange}`,
      symbol: code.symbol,
      exchange: code.exchange,
      interval: Interval.MINUTE,
      datetime: start,
      open: num(r.open, 'open', 'stk_mins'),
      high: num(r.high, 'high', 'stk_mins'),
      low: num(r.low, 'low', 'stk_mins'),
      close: num(r.close, 'close', 'stk_mins'),
      volume: num(r.vol, 'vol', 'stk_mins'),
      turnover: num(r.amount, 'amount', 'stk_mins'),
      open_interest: 0,
      gateway_name: TUSHARE_GATEWAY,
    };
    const prev = out[out.length - 1];
    if (prev && prev.datetime === start) {
      prev.high = Math.max(prev.high, bar.high);
      prev.low = Math.min(prev.low, bar.low);
      prev.close = bar.close;
      prev.volume += bar.volume;
      prev.turnover += bar.turnover;
    } else out.push(bar);
  }
  return out;
}
