/**
 * CSV import of margin_detail: the header names the columns, either Tushare's field names
 * (trade_date, ts_code, rzye …, what DataFrame.to_csv writes) or the Chinese ones (交易日期,
 * 代码, 融资余额(元) …). Quoted cells, a UTF-8 BOM and CRLF line ends are handled, since
 * the files come from Excel as often as from pandas.
 */
import { parseCsv } from '../../../common/csv';
import { TraderError } from '../../../common/errors';
import { MARGIN_DETAIL_FIELDS, MARGIN_FIELD_LABELS, type MarginDetailRow } from '../common/margin-data';
import { toMarginRow, type RawRow } from './margin-rows';

export { parseCsv } from '../../../common/csv';

/** Header text → field, beyond the field names themselves and MARGIN_FIELD_LABELS. */
const HEADER_ALIASES: Readonly<Record<string, string>> = {
  ts代码: 'ts_code',
  证券代码: 'ts_code',
  股票代码: 'ts_code',
  股票名称: 'name',
  证券简称: 'name',
  日期: 'trade_date',
};

const HEADER_TO_FIELD: ReadonlyMap<string, string> = new Map([
  ...MARGIN_DETAIL_FIELDS.map((f) => [f, f] as const),
  ...Object.entries(MARGIN_FIELD_LABELS).map(([f, label]) => [label, f] as const),
  ...Object.entries(HEADER_ALIASES),
]);

/** 融资余额(元), 融券卖出量（股，份，手）, " RZYE " → the field, or undefined. */
export function fieldOfHeader(header: string): string | undefined {
  const key = header.replace(/^\uFEFF/, '').replace(/[(（][^)）]*[)）]/g, '').trim().toLowerCase();
  return HEADER_TO_FIELD.get(key);
}

export interface CsvRows {
  rows: MarginDetailRow[];
  /** "第 N 行：why" for each line that could not be read */
  rejected: string[];
}

/** Read a whole file; throws only when the header is unusable. */
export function marginRowsFromCsv(text: string): CsvRows {
  const [header, ...lines] = parseCsv(text);
  if (!header) throw new TraderError('CSV_EMPTY', 'CSV 文件为空');
  const fields = header.map(fieldOfHeader);
  for (const required of ['trade_date', 'ts_code'] as const) {
    if (!fields.includes(required)) throw new TraderError('CSV_HEADER', `CSV 表头缺少“${required}”（${MARGIN_FIELD_LABELS[required]}）列`);
  }
  if (!fields.some((f) => f === 'rzye' || f === 'rqye' || f === 'rzrqye')) {
    throw new TraderError('CSV_HEADER', 'CSV 表头缺少余额列（rzye 融资余额、rqye 融券余额或 rzrqye 融资融券余额）');
  }
  const rows: MarginDetailRow[] = [];
  const rejected: string[] = [];
  lines.forEach((cells, i) => {
    const raw: RawRow = {};
    fields.forEach((f, k) => {
      if (f) raw[f] = cells[k];
    });
    try {
      rows.push(toMarginRow(raw));
    } catch (error) {
      // Line numbers as a spreadsheet shows them: the header is line 1.
      rejected.push(`第 ${i + 2} 行：${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { rows, rejected };
}
