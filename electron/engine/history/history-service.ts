/**
 * The history facade the 数据管理, 行情记录 and K线图 apps call: the overview, Tushare and
 * CSV imports with progress and cancel, CSV export, delete, bars with 复权 chosen at read
 * time, and the recording list. Imports report through `onProgress`; the recording list
 * through `onRecording` (the apps will put both on the bus).
 */
import { Adjustment, aggregateBars, barsOf, factorAt, adjustInPlace, Interval, INTRADAY_MINUTES, seriesOf, type BarSeries } from '../../../common/bars';
import { LogLevel, type Exchange } from '../../../common/constants';
import { TraderError } from '../../../common/errors';
import type { BarOverviewInfo, CsvBarImportArgs, HistoryImportProgress, HistoryImportResult, LoadBarsArgs, RecordingInfo, TushareBarImportArgs } from '../../../common/history';
import { toTushareCode } from '../../../apps/margin-data/common/margin-data';
import { parseCode } from '../../../common/symbol';
import { TUSHARE_TOKEN_ACCOUNT, type TushareClient } from '../tushare/tushare-client';
import type { BarStore, SecretStore } from '../store';
import { barsFromCsv, seriesToCsv } from './bar-csv';
import type { BarRecorder } from './bar-recorder';
import { runTushareImport, specOf, type TushareImportContext } from './tushare-import';

/** CSV bars stored per transaction, and per progress step. */
const CSV_PAGE_BARS = 20_000;
const MAX_WARNINGS = 20;

export interface HistoryServiceOptions {
  store: BarStore;
  secrets: SecretStore;
  client: TushareClient;
  recorder: BarRecorder;
  emit: (p: HistoryImportProgress) => void;
  log: (msg: string, level?: LogLevel) => void;
  now?: () => number;
  /** waits between rate-limited calls; tests pass a fake */
  sleep?: TushareImportContext['sleep'];
  rowLimit?: TushareImportContext['rowLimit'];
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class HistoryService {
  private readonly running = new Map<string, AbortController>();
  private readonly now: () => number;
  private seq = 0;

  constructor(private readonly opts: HistoryServiceOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Every code and interval stored, with count and first/last bar. */
  overview(): BarOverviewInfo[] {
    return this.opts.store.overview();
  }

  /**
   * Bars of a code, 复权 as asked. An interval not stored is built from finer bars that are
   * (5m/15m/1h/d from 1m, w from d or 1m), adjusted before they are combined.
   */
  loadBars(args: LoadBarsArgs): BarSeries {
    const { symbol, exchange } = parseCode(args.vt_symbol);
    const adjustment = args.adjustment ?? Adjustment.NONE;
    const stored = this.opts.store.overviewOf(symbol, exchange, args.interval);
    const source = stored ? args.interval : this.sourceFor(symbol, exchange, args.interval);
    if (!source) return this.opts.store.loadSeries(symbol, exchange, args.interval, args.start, args.end);
    const series = this.opts.store.loadSeries(symbol, exchange, source, args.start, args.end);
    if (adjustment !== Adjustment.NONE && series.length) {
      const factors = this.opts.store.factors(symbol, exchange);
      if (factors.length) adjustInPlace(series, factors, adjustment, factorAt(factors, this.lastStoredDay(symbol, exchange)));
    }
    if (source === args.interval) return series;
    return seriesOf(aggregateBars(barsOf(series), args.interval), { vt_symbol: series.vt_symbol, symbol, exchange, interval: args.interval });
  }

  /** Bars as vn.py DataManager's CSV (raw prices unless 复权 is asked). */
  exportCsv(args: LoadBarsArgs): string {
    return seriesToCsv(this.loadBars(args));
  }

  /** Delete a code's bars of one interval; returns how many. */
  deleteBars(vtSymbol: string, interval: Interval): number {
    const { symbol, exchange, vt_symbol } = parseCode(vtSymbol);
    const n = this.opts.store.deleteBars(symbol, exchange, interval);
    this.opts.log(`已删除 ${vt_symbol} ${interval} K线 ${n} 根`);
    return n;
  }

  async importTushare(args: TushareBarImportArgs): Promise<HistoryImportResult> {
    const tsCode = toTushareCode(args.ts_code);
    const { symbol, exchange, vt_symbol } = parseCode(args.ts_code);
    const spec = specOf(tsCode, symbol, exchange, args.interval, args.start_date, args.end_date);
    const token = await this.opts.secrets.get(TUSHARE_TOKEN_ACCOUNT);
    if (!token) throw new TraderError('TUSHARE_NO_TOKEN', '尚未设置 Tushare Token：请先保存 Token 再导入');
    const ctx: TushareImportContext = {
      store: this.opts.store, client: this.opts.client, token, now: this.now, emit: this.opts.emit,
      sleep: this.opts.sleep ?? abortableSleep, rowLimit: this.opts.rowLimit,
    };
    return this.run('tushare', args.importId, vt_symbol, spec.interval, `Tushare ${vt_symbol} ${spec.interval} ${spec.start}–${spec.end}`, async (p, signal, warn) => {
      void warn;
      const out = await runTushareImport(ctx, spec, p, signal);
      return { codes: out.bars ? [vt_symbol] : [], bars: out.bars, first: out.first, last: out.last, resumedAfter: out.resumedAfter };
    });
  }

  /** A CSV file's text in vn.py DataManager's layout. */
  async importCsv(args: CsvBarImportArgs): Promise<HistoryImportResult> {
    const parsed = barsFromCsv(args.text, args.interval, args.vt_symbol);
    const total = [...parsed.byCode.values()].reduce((n, bars) => n + bars.length, 0);
    if (!total) throw new TraderError('CSV_NO_ROWS', `CSV 中没有可导入的行${parsed.rejected.length ? `：${parsed.rejected.slice(0, 3).join('；')}` : ''}`);
    const single = parsed.byCode.size === 1 ? [...parsed.byCode.keys()][0]! : '';
    return this.run('csv', args.importId, single, args.interval, `CSV ${total} 行`, async (p, signal, warn) => {
      for (const r of parsed.rejected) warn(r);
      p.total = [...parsed.byCode.values()].reduce((n, bars) => n + Math.ceil(bars.length / CSV_PAGE_BARS), 0);
      let bars = 0;
      let first: number | undefined;
      let last: number | undefined;
      for (const [vt, list] of parsed.byCode) {
        for (let i = 0; i < list.length; i += CSV_PAGE_BARS) {
          if (signal.aborted) throw new TraderError('CANCELLED', '导入已取消');
          const page = list.slice(i, i + CSV_PAGE_BARS);
          this.opts.store.saveSeries(seriesOf(page, page[0]!));
          bars += page.length;
          first = Math.min(first ?? Infinity, page[0]!.datetime);
          last = Math.max(last ?? -Infinity, page[page.length - 1]!.datetime);
          p.done += 1;
          p.bars = bars;
          this.opts.emit({ ...p, message: `已导入 ${bars}/${total} 根K线（${vt}）` });
          // Let progress events and other requests through between pages of a big file.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      return { codes: [...parsed.byCode.keys()].sort(), bars, first, last };
    });
  }

  /** Stop a running import after its current window or page; false if none has this id. */
  cancel(importId: string): boolean {
    const ctl = this.running.get(importId);
    ctl?.abort();
    return Boolean(ctl);
  }

  recordings(): RecordingInfo[] {
    return this.opts.recorder.list();
  }

  addRecording(code: string): RecordingInfo[] {
    return this.opts.recorder.add(code);
  }

  removeRecording(code: string): RecordingInfo[] {
    return this.opts.recorder.remove(code);
  }

  /** The finest stored interval that `interval` can be built from. */
  private sourceFor(symbol: string, exchange: Exchange, interval: Interval): Interval | undefined {
    const have = new Set(this.opts.store.overview().filter((o) => o.symbol === symbol && o.exchange === exchange).map((o) => o.interval));
    if (interval === Interval.WEEKLY && have.has(Interval.DAILY)) return Interval.DAILY;
    if ((INTRADAY_MINUTES[interval] !== undefined || interval === Interval.DAILY || interval === Interval.WEEKLY) && interval !== Interval.MINUTE && have.has(Interval.MINUTE)) return Interval.MINUTE;
    return undefined;
  }

  /** The last bar stored for a code in any interval: 前复权's anchor day. */
  private lastStoredDay(symbol: string, exchange: Exchange): number {
    return Math.max(...this.opts.store.overview().filter((o) => o.symbol === symbol && o.exchange === exchange).map((o) => o.end));
  }

  /** Id, cancel, the final event and the log line, for both sources. */
  private async run(
    source: HistoryImportProgress['source'],
    requestedId: string | undefined,
    vtSymbol: string,
    interval: Interval,
    what: string,
    body: (p: HistoryImportProgress, signal: AbortSignal, warn: (w: string) => void) => Promise<Omit<HistoryImportResult, 'importId' | 'interval' | 'warnings'>>,
  ): Promise<HistoryImportResult> {
    const importId = requestedId ?? `bars-${this.now()}-${++this.seq}`;
    if (this.running.has(importId)) throw new TraderError('IMPORT_RUNNING', `导入 ${importId} 正在进行`);
    const ctl = new AbortController();
    this.running.set(importId, ctl);
    const warnings: string[] = [];
    let warningCount = 0;
    const warn = (w: string) => {
      warningCount++;
      if (warnings.length < MAX_WARNINGS) warnings.push(w);
    };
    const p: HistoryImportProgress = { importId, source, vt_symbol: vtSymbol, interval, done: 0, total: 0, bars: 0, finished: false, message: '' };
    try {
      const got = await body(p, ctl.signal, warn);
      if (warningCount > warnings.length) warnings.push(`另有 ${warningCount - warnings.length} 条警告未列出`);
      const result: HistoryImportResult = { importId, interval, warnings, ...got };
      const warned = warningCount ? `，${warningCount} 条警告` : '';
      this.opts.emit({ ...p, finished: true, message: `导入完成：${got.bars} 根K线${warned}` });
      this.opts.log(`K线导入完成（${what}）：${got.bars} 根${got.resumedAfter ? `，接着 ${got.resumedAfter} 之后导入` : ''}${warned}`);
      return result;
    } catch (error) {
      const info = error instanceof TraderError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: `内部错误：${String(error)}` };
      const kept = p.bars ? `；已保存的 ${p.bars} 根K线保留` : '';
      this.opts.emit({ ...p, finished: true, error: info, message: `${info.message}${kept}` });
      this.opts.log(`K线导入失败（${what}）：${info.message}${kept}`, LogLevel.ERROR);
      throw error;
    } finally {
      this.running.delete(importId);
    }
  }
}
