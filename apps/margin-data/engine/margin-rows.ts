/**
 * Turning what arrives (a Tushare table, a CSV file's cells) into MarginDetailRow, with one
 * set of rules for both: dates to YYYYMMDD, codes to Tushare's form, figures to numbers or
 * null. A row that cannot be read is reported, not guessed at.
 */
import { TraderError } from '../../../common/errors';
import { MARGIN_NUMBER_FIELDS, normalizeTradeDate, toTushareCode, type MarginDetailRow } from '../common/margin-data';

/** A row's values by field name, as strings (CSV) or JSON values (Tushare). */
export type RawRow = Partial<Record<string, unknown>>;

/** A figure: a number, a numeric string (thousands separators allowed), or empty → null. */
function figure(value: unknown, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TraderError('BAD_ROW', `${field} 不是有限数字`);
    return value;
  }
  if (typeof value !== 'string') throw new TraderError('BAD_ROW', `${field} 应为数字`);
  const text = value.trim().replace(/,/g, '');
  if (text === '' || text === '-' || text.toLowerCase() === 'nan' || text.toLowerCase() === 'none') return null;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new TraderError('BAD_ROW', `${field} 不是数字：“${value}”`);
  return n;
}

/** One row; throws TraderError('BAD_ROW' | 'BAD_DATE' | 'BAD_CODE') naming the problem. */
export function toMarginRow(raw: RawRow): MarginDetailRow {
  const date = raw.trade_date;
  const code = raw.ts_code;
  if (date === null || date === undefined || date === '') throw new TraderError('BAD_ROW', '缺少交易日期');
  if (typeof code !== 'string' || !code.trim()) throw new TraderError('BAD_ROW', '缺少代码');
  const name = typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : null;
  const row = { trade_date: normalizeTradeDate(String(date)), ts_code: toTushareCode(code), name } as MarginDetailRow;
  for (const field of MARGIN_NUMBER_FIELDS) row[field] = figure(raw[field], field);
  return row;
}

/** A Tushare reply's table to rows; the fields may come in any order. */
export function rowsFromTable(fields: readonly string[], items: readonly unknown[][]): MarginDetailRow[] {
  return items.map((item, i) => {
    const raw: RawRow = {};
    fields.forEach((f, k) => (raw[f] = item[k]));
    try {
      return toMarginRow(raw);
    } catch (error) {
      throw new TraderError('TUSHARE_BAD_REPLY', `Tushare 应答第 ${i + 1} 行无法读取：${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
