/**
 * Market margin data (融资融券明细): Tushare Pro's margin_detail rows as stored and shown,
 * the identity flags the engine attaches to them, and the progress of an import. Shared by
 * the engine (importer, store) and the 两融数据 window through the bridge contract.
 */
import { TraderError } from '../../../common/errors';
import { isFuturesExchange } from '../../../common/markets/cn-futures/exchanges';
import { parseCode, toXtQuantCode } from '../../../common/symbol';

/** margin_detail's columns, in Tushare's order; also the `fields` we ask for. */
export const MARGIN_DETAIL_FIELDS = ['trade_date', 'ts_code', 'name', 'rzye', 'rqye', 'rzmre', 'rqyl', 'rzche', 'rqchl', 'rqmcl', 'rzrqye'] as const;

/** The numeric columns; Tushare sends null where a figure is missing. */
export const MARGIN_NUMBER_FIELDS = ['rzye', 'rqye', 'rzmre', 'rqyl', 'rzche', 'rqchl', 'rqmcl', 'rzrqye'] as const;
export type MarginNumberField = (typeof MARGIN_NUMBER_FIELDS)[number];

/** One code on one trading day, in Tushare's names and units (元, 股). */
export type MarginDetailRow = {
  /** YYYYMMDD */
  trade_date: string;
  /** Tushare form, 600000.SH */
  ts_code: string;
  /** 股票名称 (Tushare has it only after 2019-09-10) */
  name: string | null;
} & { [K in MarginNumberField]: number | null };

/** Chinese labels of the columns, for the table and for CSV headers. */
export const MARGIN_FIELD_LABELS: Readonly<Record<(typeof MARGIN_DETAIL_FIELDS)[number], string>> = {
  trade_date: '交易日期',
  ts_code: '代码',
  name: '名称',
  rzye: '融资余额',
  rqye: '融券余额',
  rzmre: '融资买入额',
  rqyl: '融券余量',
  rzche: '融资偿还额',
  rqchl: '融券偿还量',
  rqmcl: '融券卖出量',
  rzrqye: '融资融券余额',
};

/** An identity a row breaks, with the figures that show it. */
export interface MarginFlag {
  /** 'balance-sum': 融资融券余额 ≠ 融资余额 + 融券余额; 'financing-flow': 融资余额 ≠ 前日融资余额 + 融资买入额 − 融资偿还额 */
  kind: 'balance-sum' | 'financing-flow';
  /** what the identity says the figure should be (元) */
  expected: number;
  /** what the row reports (元) */
  actual: number;
  /** the previous trading day used (financing-flow only) */
  prevDate?: string;
}

/** A row as the query returns it: the data plus the identities it breaks. */
export interface MarginDetailChecked extends MarginDetailRow {
  /** empty when every identity that could be checked holds */
  flags: MarginFlag[];
  /** false when the previous trading day's row is not in the data, so the flow identity was not checked */
  flowChecked: boolean;
}

/** How far a reported figure may be from the identity before the row is flagged (元). */
export interface MarginTolerances {
  balanceSum: number;
  financingFlow: number;
}

export interface MarginQueryResult {
  ts_code: string;
  rows: MarginDetailChecked[];
  /** rows with at least one flag */
  flagged: number;
  tolerances: MarginTolerances;
}

/** A code held in the store. */
export interface MarginCodeInfo {
  ts_code: string;
  name: string | null;
  rows: number;
  /** YYYYMMDD */
  first: string;
  last: string;
}

export interface MarginTokenStatus {
  /** a token is in the keychain (or the session store) */
  stored: boolean;
  /** false when there is no keychain and the token lasts only for this session */
  persistent: boolean;
}

/** Pushed while an import runs; the last one for an import has finished = true. */
export interface MarginImportProgress {
  /** chosen by the client that started the import (or minted by the engine) */
  importId: string;
  source: 'tushare' | 'csv';
  /** pages (Tushare calls or CSV chunks) completed */
  done: number;
  /** pages planned so far; grows when a page had to be split */
  total: number;
  /** rows stored so far */
  rows: number;
  /** the last date range finished, YYYYMMDD–YYYYMMDD */
  through?: string;
  finished: boolean;
  /** set on the last event when the import failed */
  error?: { code: string; message: string };
  message: string;
}

export interface MarginImportResult {
  importId: string;
  rows: number;
  codes: string[];
  /** YYYYMMDD of the first and last row stored, when any */
  first?: string;
  last?: string;
  /** e.g. a day whose reply reached Tushare's row limit */
  warnings: string[];
}

/**
 * Any code form (600000, 600000.SSE, SH600000 …) to Tushare's 600000.SH. A futures code is
 * refused: margin_detail covers securities only.
 */
export function toTushareCode(input: string): string {
  const { symbol, exchange } = parseCode(input);
  if (isFuturesExchange(exchange)) throw new TraderError('BAD_CODE', `“${input}”是期货合约，融资融券明细只有证券`);
  return toXtQuantCode(symbol, exchange);
}

/**
 * YYYYMMDD from YYYYMMDD, YYYY-MM-DD or YYYY/MM/DD (what a date input or a spreadsheet
 * gives); throws TraderError('BAD_DATE') for anything else or an impossible date.
 */
export function normalizeTradeDate(input: string): string {
  const m = /^(\d{4})(?:(\d{2})(\d{2})|[-/](\d{1,2})[-/](\d{1,2}))$/.exec(input.trim());
  const bad = () => new TraderError('BAD_DATE', `日期格式错误：“${input}”，应为 YYYYMMDD 或 YYYY-MM-DD`);
  if (!m) throw bad();
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw bad();
  return `${m[1]!}${String(mo).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}
