/**
 * CSV in vn.py DataManager's layout — what its export writes and its import reads by
 * default: symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest, the
 * datetime as "YYYY-MM-DD HH:MM:SS" in China time. Reading also takes "YYYY-MM-DD HH:MM",
 * a date alone, YYYYMMDD, slashes and an ISO "T"; a missing turnover or open_interest
 * column reads as 0 (as vn.py's import does). A line that cannot be read is reported with
 * its number and skipped; nothing of it is stored.
 */
import { parseCode } from '../../../common/symbol';
import type { BarData, BarSeries, Interval } from '../../../common/bars';
import type { Exchange } from '../../../common/constants';
import { TraderError } from '../../../common/errors';
import { parseCsv } from '../../../common/csv';

export const VNPY_CSV_COLUMNS = ['symbol', 'exchange', 'datetime', 'open', 'high', 'low', 'close', 'volume', 'turnover', 'open_interest'] as const;
export const CSV_GATEWAY = 'CSV';

const CST_OFFSET_MS = 8 * 3_600_000;

/** "YYYY-MM-DD HH:MM:SS" in China time. */
export function cstText(ms: number): string {
  const iso = new Date(ms + CST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Epoch ms of a China-time datetime in any of the forms above, or NaN. */
export function parseCstDateTime(text: string): number {
  const m = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return NaN;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - CST_OFFSET_MS;
  // Date.UTC rolls 02-30 over to March: refuse an impossible date instead.
  return new Date(ms + CST_OFFSET_MS).getUTCDate() === d ? ms : NaN;
}

const fmt = (n: number): string => String(n);

/** A series as CSV text (header + one line per bar, LF line ends like vn.py's export). */
export function seriesToCsv(series: BarSeries): string {
  const lines: string[] = [VNPY_CSV_COLUMNS.join(',')];
  for (let i = 0; i < series.length; i++) {
    lines.push(
      [series.symbol, series.exchange, cstText(series.datetime[i]!), fmt(series.open[i]!), fmt(series.high[i]!), fmt(series.low[i]!), fmt(series.close[i]!), fmt(series.volume[i]!), fmt(series.turnover[i]!), fmt(series.open_interest[i]!)].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface CsvBars {
  /** bars per vt_symbol, each in time order (a later line for the same time wins) */
  byCode: Map<string, BarData[]>;
  /** "第 N 行：why" */
  rejected: string[];
}

/** Read a whole file; throws only when the header is unusable. */
export function barsFromCsv(text: string, interval: Interval, vtSymbol?: string): CsvBars {
  const [header, ...lines] = parseCsv(text);
  if (!header) throw new TraderError('CSV_EMPTY', 'CSV 文件为空');
  const col = new Map(header.map((h, i) => [h.replace(/^\uFEFF/, '').trim().toLowerCase(), i]));
  for (const required of ['datetime', 'open', 'high', 'low', 'close', 'volume']) {
    if (!col.has(required)) throw new TraderError('CSV_HEADER', `CSV 表头缺少“${required}”列（应为 vn.py 数据管理的格式：${VNPY_CSV_COLUMNS.join(',')}）`);
  }
  const fixed = vtSymbol ? parseCode(vtSymbol) : undefined;
  if (!fixed && (!col.has('symbol') || !col.has('exchange'))) throw new TraderError('CSV_HEADER', 'CSV 没有 symbol 和 exchange 列时，请指定代码');
  const byCode = new Map<string, Map<number, BarData>>();
  const rejected: string[] = [];
  lines.forEach((cells, i) => {
    const at = (name: string) => (col.has(name) ? (cells[col.get(name)!] ?? '').trim() : '');
    try {
      let symbol: string;
      let exchange: Exchange;
      if (fixed) ({ symbol, exchange } = fixed);
      else ({ symbol, exchange } = parseCode(`${at('symbol')}.${at('exchange')}`));
      const datetime = parseCstDateTime(at('datetime'));
      if (!Number.isFinite(datetime)) throw new Error(`时间“${at('datetime')}”无法识别`);
      const n = (name: string, optional = false): number => {
        const raw = at(name);
        if (raw === '' && optional) return 0;
        const v = Number(raw);
        if (raw === '' || !Number.isFinite(v)) throw new Error(`${name}“${raw}”不是数字`);
        return v;
      };
      const bar: BarData = {
        vt_symbol: `${symbol}.${exchange}`, symbol, exchange, interval, datetime,
        open: n('open'), high: n('high'), low: n('low'), close: n('close'), volume: n('volume'),
        turnover: n('turnover', true), open_interest: n('open_interest', true), gateway_name: CSV_GATEWAY,
      };
      if (!(bar.high >= bar.low) || bar.open > bar.high || bar.open < bar.low || bar.close > bar.high || bar.close < bar.low) {
        throw new Error(`价格不一致（开 ${bar.open} 高 ${bar.high} 低 ${bar.low} 收 ${bar.close}）`);
      }
      let m = byCode.get(bar.vt_symbol);
      if (!m) byCode.set(bar.vt_symbol, (m = new Map()));
      m.set(datetime, bar);
    } catch (error) {
      // Line numbers as a spreadsheet shows them: the header is line 1.
      rejected.push(`第 ${i + 2} 行：${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const out = new Map<string, BarData[]>();
  for (const [vt, m] of byCode) out.set(vt, [...m.values()].sort((a, b) => a.datetime - b.datetime));
  return { byCode: out, rejected };
}
