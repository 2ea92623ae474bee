/**
 * How a Tushare import is cut into calls. margin_detail returns at most a fixed number of
 * rows a call (4,000 in Tushare's page for it, 6,000 in newer notes; we assume the lower)
 * and says nothing when it truncates, so:
 *  - one code: windows of a year of calendar days (≤ ~245 rows each, far below the limit,
 *    and a progress step per year);
 *  - every code: one calendar day a call, since the market has ~4,000 标的 a day;
 *  - a reply that reaches the limit is taken as truncated: its window is halved and both
 *    halves are asked again. A single day cannot be halved: its rows are kept and a warning
 *    says the day may be incomplete (import that day by code).
 */
export { halve, splitRange } from '../../../electron/engine/tushare/date-windows';

/** Rows per call we assume Tushare returns at most. */
export const DEFAULT_ROW_LIMIT = 4000;
export const CODE_WINDOW_DAYS = 365;
export const MARKET_WINDOW_DAYS = 1;
