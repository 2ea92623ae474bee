/**
 * One Tushare bar import, window by window, resumable:
 *  - daily bars: `daily` + `adj_factor` per window of 10 years (≤ ~2,450 rows; Tushare
 *    answers up to 6,000); 1-minute bars: `stk_mins` (freq 1min) + `adj_factor` per window
 *    of 30 calendar days (≤ ~5,550 rows of its 8,000). A reply that reaches the row limit
 *    is taken as truncated: the window is halved and asked again (tushare/date-windows.ts).
 *  - Each window's bars, factors and the import's progress ("through" = the window's last
 *    date) are written in one transaction, so after a crash, a network error or a cancel
 *    the same import (same code, interval and dates) continues after `through`.
 *  - Tushare's 40203 (每分钟最多访问…) waits and retries the window, longer each time; the
 *    hourly and daily quotas stop the import with the progress kept.
 */
import { Interval, seriesOf } from '../../../common/bars';
import type { Exchange } from '../../../common/constants';
import { TraderError } from '../../../common/errors';
import { normalizeTradeDate } from '../../../apps/margin-data/common/margin-data';
import type { HistoryImportProgress } from '../../../common/history';
import { halve, splitRange } from '../tushare/date-windows';
import type { TushareClient } from '../tushare/tushare-client';
import type { BarStore } from '../store';
import { ADJ_FACTOR_FIELDS, adjFactors, DAILY_FIELDS, dailyBars, minuteBars, STK_MINS_FIELDS } from './tushare-bars';

export const DAILY_WINDOW_DAYS = 3650;
export const MINUTE_WINDOW_DAYS = 30;
/** Rows a call returns at most, per API (Tushare's pages). */
export const TUSHARE_ROW_LIMITS = { daily: 6000, adj_factor: 6000, stk_mins: 8000 } as const;
/** First wait after a per-minute rate limit; doubled each time, at most MAX_BACKOFF_MS. */
export const RATE_LIMIT_BACKOFF_MS = 61_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const MAX_RATE_LIMIT_RETRIES = 6;

export interface TushareImportContext {
  store: BarStore;
  client: TushareClient;
  token: string;
  now: () => number;
  /** wait ms, rejecting when the signal aborts (tests pass a fake) */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** row limits per API; tests make them small */
  rowLimit?: Partial<Record<keyof typeof TUSHARE_ROW_LIMITS, number>>;
  emit: (p: HistoryImportProgress) => void;
}

export interface TushareImportSpec {
  tsCode: string;
  symbol: string;
  exchange: Exchange;
  interval: Interval.DAILY | Interval.MINUTE;
  start: string;
  end: string;
}

/** The key a resumed import is found by. */
export function taskIdOf(spec: TushareImportSpec): string {
  return `tushare:${spec.interval}:${spec.tsCode}:${spec.start}:${spec.end}`;
}

export interface TushareImportOutcome {
  bars: number;
  first?: number;
  last?: number;
  resumedAfter?: string;
}

const nextDay = (ymd: string): string => {
  const d = new Date(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8)) + 1));
  return d.toISOString().slice(0, 10).replaceAll('-', '');
};
const dashed = (ymd: string) => `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;

export async function runTushareImport(ctx: TushareImportContext, spec: TushareImportSpec, p: HistoryImportProgress, signal: AbortSignal): Promise<TushareImportOutcome> {
  const id = taskIdOf(spec);
  const saved = ctx.store.importTask(id);
  // A finished import asked again fetches everything again (Tushare revises); any other resumes.
  const resumedAfter = saved && saved.status !== 'done' && saved.through ? saved.through : undefined;
  const from = resumedAfter ? nextDay(resumedAfter) : spec.start;
  let rows = resumedAfter ? saved!.rows : 0;
  const limits = { ...TUSHARE_ROW_LIMITS, ...ctx.rowLimit };
  const minute = spec.interval === Interval.MINUTE;
  const queue = from <= spec.end ? splitRange(from, spec.end, minute ? MINUTE_WINDOW_DAYS : DAILY_WINDOW_DAYS) : [];
  const specText = JSON.stringify(spec);
  const outcome: TushareImportOutcome = { bars: 0, resumedAfter };
  const code = { symbol: spec.symbol, exchange: spec.exchange };

  p.total = queue.length;
  const what = `${spec.tsCode} ${minute ? '1分钟' : '日线'} ${spec.start}–${spec.end}`;
  ctx.emit({ ...p, message: resumedAfter ? `继续导入 ${what}：已完成至 ${resumedAfter}，剩 ${queue.length} 段` : `开始导入 ${what}，共 ${queue.length} 段` });
  ctx.store.saveImportTask({ id, spec: specText, through: resumedAfter ?? '', rows, status: 'running', message: '' });

  const call = async (api: keyof typeof TUSHARE_ROW_LIMITS, params: Record<string, string>, fields: readonly string[]) => {
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw new TraderError('CANCELLED', '导入已取消');
      try {
        return await ctx.client.query(api, ctx.token, params, fields, signal);
      } catch (error) {
        if (!(error instanceof TraderError) || error.code !== 'TUSHARE_RATE_LIMIT') throw error;
        if (!/每分钟/.test(error.message) || attempt >= MAX_RATE_LIMIT_RETRIES) {
          throw new TraderError('TUSHARE_RATE_LIMIT', `${error.message}；已保存的进度保留，稍后再导入同一范围会接着导入`);
        }
        const wait = Math.min(MAX_BACKOFF_MS, RATE_LIMIT_BACKOFF_MS * 2 ** attempt);
        ctx.emit({ ...p, message: `Tushare ${api} 访问频率超限，${Math.round(wait / 1000)} 秒后重试（第 ${attempt + 1} 次）` });
        try {
          await ctx.sleep(wait, signal);
        } catch {
          throw new TraderError('CANCELLED', '导入已取消');
        }
      }
    }
  };

  try {
    for (let window = queue.shift(); window; window = queue.shift()) {
      if (signal.aborted) throw new TraderError('CANCELLED', '导入已取消');
      const main = minute
        ? await call('stk_mins', { ts_code: spec.tsCode, freq: '1min', start_date: `${dashed(window.start)} 09:00:00`, end_date: `${dashed(window.end)} 19:00:00` }, STK_MINS_FIELDS)
        : await call('daily', { ts_code: spec.tsCode, start_date: window.start, end_date: window.end }, DAILY_FIELDS);
      const adj = await call('adj_factor', { ts_code: spec.tsCode, start_date: window.start, end_date: window.end }, ADJ_FACTOR_FIELDS);
      const full = main.items.length >= (minute ? limits.stk_mins : limits.daily) || adj.items.length >= limits.adj_factor;
      const halves = full ? halve(window) : null;
      if (halves) {
        queue.unshift(...halves);
        p.total += 1;
        ctx.emit({ ...p, message: `${window.start}–${window.end} 达到单次行数上限，拆分为两段重新获取` });
        continue;
      }
      if (full) throw new TraderError('TUSHARE_TRUNCATED', `${window.start} 一天的数据超过 Tushare 单次上限，无法完整导入`);
      const bars = minute ? minuteBars(main.fields, main.items, code) : dailyBars(main.fields, main.items, code);
      const factors = adjFactors(adj.fields, adj.items);
      rows += bars.length;
      const series = seriesOf(bars, { vt_symbol: `${spec.symbol}.${spec.exchange}`, symbol: spec.symbol, exchange: code.exchange, interval: spec.interval });
      ctx.store.saveSeries(series, factors, { id, spec: specText, through: window.end, rows, status: 'running', message: '', updated_at: ctx.now() });
      if (bars.length) {
        outcome.first = Math.min(outcome.first ?? Infinity, bars[0]!.datetime);
        outcome.last = Math.max(outcome.last ?? -Infinity, bars[bars.length - 1]!.datetime);
      }
      outcome.bars += bars.length;
      p.done += 1;
      p.bars = outcome.bars;
      ctx.emit({ ...p, message: `已完成 ${p.done}/${p.total} 段，${outcome.bars} 根K线（至 ${window.end}）` });
    }
    ctx.store.saveImportTask({ id, spec: specText, through: spec.end, rows, status: 'done', message: '', updated_at: ctx.now() });
    return outcome;
  } catch (error) {
    const status = error instanceof TraderError && error.code === 'CANCELLED' ? 'cancelled' : 'failed';
    const current = ctx.store.importTask(id);
    ctx.store.saveImportTask({ id, spec: specText, through: current?.through ?? '', rows: current?.rows ?? rows, status, message: error instanceof Error ? error.message : String(error), updated_at: ctx.now() });
    throw error;
  }
}

/** The spec of an import request: code and dates checked and normalised. */
export function specOf(tsCode: string, symbol: string, exchange: Exchange, interval: Interval, start: string, end: string): TushareImportSpec {
  if (interval !== Interval.DAILY && interval !== Interval.MINUTE) throw new TraderError('BAD_INTERVAL', 'Tushare 只能导入日线（daily）和 1 分钟线（stk_mins）');
  const s = normalizeTradeDate(start);
  const e = normalizeTradeDate(end);
  if (s > e) throw new TraderError('BAD_DATE', `开始日期 ${s} 晚于结束日期 ${e}`);
  return { tsCode, symbol, exchange, interval, start: s, end: e };
}
