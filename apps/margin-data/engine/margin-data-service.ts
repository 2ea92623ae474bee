/**
 * The engine's 两融数据 service behind the bridge's margin-data/* requests: the Tushare
 * token (kept in the SecretStore, never in a file or a log line), imports from Tushare or
 * CSV into the MarginStore with progress events, and reads with the identity flags.
 */
import { LogLevel } from '../../../common/constants';
import { TraderError } from '../../../common/errors';
import {
  MARGIN_DETAIL_FIELDS,
  normalizeTradeDate,
  toTushareCode,
  type MarginCodeInfo,
  type MarginDetailRow,
  type MarginImportProgress,
  type MarginImportResult,
  type MarginQueryResult,
  type MarginTokenStatus,
  type MarginTolerances,
} from '../common/margin-data';
import type { SecretStore } from '../../../electron/engine/store';
import type { MarginStore } from './margin-store';
import { DEFAULT_TOLERANCES, checkRows } from './identities';
import { marginRowsFromCsv } from './margin-csv';
import { rowsFromTable } from './margin-rows';
import { CODE_WINDOW_DAYS, DEFAULT_ROW_LIMIT, MARKET_WINDOW_DAYS, halve, splitRange } from './paging';
import type { DateRange } from '../../../electron/engine/tushare/date-windows';
import { consecutiveDays } from './trade-dates';
import { TUSHARE_TOKEN_ACCOUNT, type TushareClient } from '../../../electron/engine/tushare/tushare-client';

export { TUSHARE_TOKEN_ACCOUNT } from '../../../electron/engine/tushare/tushare-client';
/** CSV rows stored per transaction, and per progress step. */
const CSV_PAGE_ROWS = 2000;
/** Warnings listed in a result; the rest are counted. */
const MAX_WARNINGS = 20;

export interface MarginDataServiceOptions {
  store: MarginStore;
  secrets: SecretStore;
  client: TushareClient;
  /** push a progress event (the bus's 'margin-data-progress') */
  emit: (progress: MarginImportProgress) => void;
  log: (msg: string, level?: LogLevel) => void;
  now?: () => number;
  /** rows a Tushare call returns at most (paging.ts); tests make it small */
  rowLimit?: number;
  tolerances?: MarginTolerances;
}

export interface TushareImportArgs {
  ts_code?: string;
  start_date: string;
  end_date: string;
  importId?: string;
}

export class MarginDataService {
  private readonly running = new Map<string, AbortController>();
  private readonly now: () => number;
  private readonly rowLimit: number;
  private readonly tolerances: MarginTolerances;
  private seq = 0;

  constructor(private readonly opts: MarginDataServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.rowLimit = opts.rowLimit ?? DEFAULT_ROW_LIMIT;
    this.tolerances = opts.tolerances ?? DEFAULT_TOLERANCES;
  }

  async tokenStatus(): Promise<MarginTokenStatus> {
    return { stored: Boolean(await this.opts.secrets.get(TUSHARE_TOKEN_ACCOUNT)), persistent: this.opts.secrets.persistent };
  }

  /** Save the token in the keychain; an empty one deletes it. */
  async setToken(token: string): Promise<MarginTokenStatus> {
    const value = token.trim();
    if (value) await this.opts.secrets.set(TUSHARE_TOKEN_ACCOUNT, value);
    else await this.opts.secrets.delete(TUSHARE_TOKEN_ACCOUNT);
    this.opts.log(value ? '已保存 Tushare Token' : '已删除 Tushare Token');
    return this.tokenStatus();
  }

  /** Stop a running import after its current page; false if none has this id. */
  cancel(importId: string): boolean {
    const ctl = this.running.get(importId);
    ctl?.abort();
    return Boolean(ctl);
  }

  async importTushare(args: TushareImportArgs): Promise<MarginImportResult> {
    const start = normalizeTradeDate(args.start_date);
    const end = normalizeTradeDate(args.end_date);
    if (start > end) throw new TraderError('BAD_DATE', `开始日期 ${start} 晚于结束日期 ${end}`);
    const tsCode = args.ts_code?.trim() ? toTushareCode(args.ts_code) : undefined;
    const token = await this.opts.secrets.get(TUSHARE_TOKEN_ACCOUNT);
    if (!token) throw new TraderError('TUSHARE_NO_TOKEN', '尚未设置 Tushare Token：请先保存 Token 再导入');

    const queue = splitRange(start, end, tsCode ? CODE_WINDOW_DAYS : MARKET_WINDOW_DAYS);
    return this.run('tushare', args.importId, `Tushare ${tsCode ?? '全市场'} ${start}–${end}`, async (p, signal, acc) => {
      p.total = queue.length;
      this.opts.emit({ ...p, message: `开始导入：${tsCode ?? '全市场'} ${start}–${end}，共 ${queue.length} 段` });
      for (let window = queue.shift(); window; window = queue.shift()) {
        if (signal.aborted) throw new TraderError('CANCELLED', '导入已取消');
        const params: Record<string, string> = { start_date: window.start, end_date: window.end };
        if (tsCode) params.ts_code = tsCode;
        const table = await this.opts.client.query('margin_detail', token, params, MARGIN_DETAIL_FIELDS, signal);
        const rows = rowsFromTable(table.fields, table.items);
        const full = rows.length >= this.rowLimit;
        const halves = full ? halve(window) : null;
        if (halves) {
          // Reached the limit: probably truncated. Ask again in two halves, in date order.
          queue.unshift(...halves);
          p.total += 1;
          this.opts.emit({ ...p, message: `${window.start}–${window.end} 返回 ${rows.length} 行，达到单次上限，拆分为两段重新获取` });
          continue;
        }
        if (full) acc.warn(`${window.start} 返回 ${rows.length} 行，达到 Tushare 单次上限，可能不完整；请按代码导入该日`);
        // A possibly truncated day does not count as complete for the identity checks.
        this.opts.store.savePage(rows, 'tushare', this.now(), full ? [] : [{ scope: tsCode ?? '*', start: window.start, end: window.end }]);
        acc.add(rows);
        p.done += 1;
        p.rows = acc.rows;
        p.through = `${window.start}–${window.end}`;
        this.opts.emit({ ...p, message: `已完成 ${p.done}/${p.total} 段，${acc.rows} 行（至 ${window.end}）` });
      }
    });
  }

  /** A CSV file's text (the window reads the file the trader picked). */
  async importCsv(args: { text: string; importId?: string }): Promise<MarginImportResult> {
    const parsed = marginRowsFromCsv(args.text);
    if (!parsed.rows.length) {
      throw new TraderError('CSV_NO_ROWS', `CSV 中没有可导入的行${parsed.rejected.length ? `：${parsed.rejected.slice(0, 3).join('；')}` : ''}`);
    }
    return this.run('csv', args.importId, `CSV ${parsed.rows.length} 行`, async (p, signal, acc) => {
      for (const r of parsed.rejected) acc.warn(r);
      p.total = Math.ceil(parsed.rows.length / CSV_PAGE_ROWS);
      // A file is taken as complete between each code's first and last date in it.
      const spans = new Map<string, DateRange>();
      for (const row of parsed.rows) {
        const s = spans.get(row.ts_code);
        if (!s) spans.set(row.ts_code, { start: row.trade_date, end: row.trade_date });
        else {
          if (row.trade_date < s.start) s.start = row.trade_date;
          if (row.trade_date > s.end) s.end = row.trade_date;
        }
      }
      for (let i = 0; i < parsed.rows.length; i += CSV_PAGE_ROWS) {
        if (signal.aborted) throw new TraderError('CANCELLED', '导入已取消');
        const page = parsed.rows.slice(i, i + CSV_PAGE_ROWS);
        const last = i + CSV_PAGE_ROWS >= parsed.rows.length;
        this.opts.store.savePage(page, 'csv', this.now(), last ? [...spans].map(([scope, r]) => ({ scope, ...r })) : []);
        acc.add(page);
        p.done += 1;
        p.rows = acc.rows;
        this.opts.emit({ ...p, message: `已导入 ${acc.rows}/${parsed.rows.length} 行` });
        // Let progress events and other requests through between pages of a big file.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
  }

  /** A code's rows with the identities each breaks. */
  query(tsCodeInput: string, startDate?: string, endDate?: string): MarginQueryResult {
    const tsCode = toTushareCode(tsCodeInput);
    const start = startDate ? normalizeTradeDate(startDate) : undefined;
    const end = endDate ? normalizeTradeDate(endDate) : undefined;
    const rows = this.opts.store.rows(tsCode, start, end);
    const before = rows[0] ? this.opts.store.rowBefore(tsCode, rows[0].trade_date) : null;
    const checked = checkRows(rows, before, consecutiveDays(this.opts.store.completeRanges(tsCode)), this.tolerances);
    return { ts_code: tsCode, rows: checked, flagged: checked.filter((r) => r.flags.length).length, tolerances: this.tolerances };
  }

  codes(): MarginCodeInfo[] {
    return this.opts.store.codes();
  }

  /** Bookkeeping shared by both sources: id, cancel, the final event, the log line. */
  private async run(
    source: MarginImportProgress['source'],
    requestedId: string | undefined,
    what: string,
    body: (p: MarginImportProgress, signal: AbortSignal, acc: Accumulator) => Promise<void>,
  ): Promise<MarginImportResult> {
    const importId = requestedId ?? `margin-${this.now()}-${++this.seq}`;
    if (this.running.has(importId)) throw new TraderError('IMPORT_RUNNING', `导入 ${importId} 正在进行`);
    const ctl = new AbortController();
    this.running.set(importId, ctl);
    const acc = new Accumulator();
    const p: MarginImportProgress = { importId, source, done: 0, total: 0, rows: 0, finished: false, message: '' };
    try {
      await body(p, ctl.signal, acc);
      const result = acc.result(importId);
      const warned = result.warnings.length ? `，${acc.warningCount} 条警告` : '';
      this.opts.emit({ ...p, finished: true, message: `导入完成：${acc.rows} 行，${result.codes.length} 个代码${warned}` });
      this.opts.log(`两融数据导入完成（${what}）：${acc.rows} 行，${result.codes.length} 个代码${warned}`);
      return result;
    } catch (error) {
      const info = error instanceof TraderError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: `内部错误：${String(error)}` };
      const kept = acc.rows ? `；已保存的 ${acc.rows} 行保留` : '';
      this.opts.emit({ ...p, finished: true, error: info, message: `${info.message}${kept}` });
      this.opts.log(`两融数据导入失败（${what}）：${info.message}${kept}`, LogLevel.ERROR);
      throw error;
    } finally {
      this.running.delete(importId);
    }
  }
}

/** Rows, codes, date span and warnings gathered over an import. */
class Accumulator {
  rows = 0;
  warningCount = 0;
  private readonly codes = new Set<string>();
  private readonly warnings: string[] = [];
  private first: string | undefined;
  private last: string | undefined;

  add(rows: readonly MarginDetailRow[]): void {
    this.rows += rows.length;
    for (const r of rows) {
      this.codes.add(r.ts_code);
      if (!this.first || r.trade_date < this.first) this.first = r.trade_date;
      if (!this.last || r.trade_date > this.last) this.last = r.trade_date;
    }
  }

  warn(message: string): void {
    this.warningCount++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
  }

  result(importId: string): MarginImportResult {
    const warnings = [...this.warnings];
    if (this.warningCount > warnings.length) warnings.push(`另有 ${this.warningCount - warnings.length} 条警告未列出`);
    return { importId, rows: this.rows, codes: [...this.codes].sort(), first: this.first, last: this.last, warnings };
  }
}
