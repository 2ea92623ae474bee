/** Display formats for the monitors. Values stay numbers in the grid; only text is formatted. */
import { Direction } from '../../../common/constants';
import { cstDateTimeOf, cstTimeOf, tradingDayOf as cstDateOf } from '../../../common/time';

/** 2 decimals, or 3 where the price needs them (funds trade in 0.001). */
export function formatPriceAuto(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return Math.abs(Math.round(v * 100) - v * 100) < 1e-6 ? v.toFixed(2) : v.toFixed(3);
}

// One formatter each, made once: toLocaleString builds a new Intl formatter per call,
// which thousands of cell updates a second cannot afford.
const MONEY = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

export function formatMoney(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return MONEY.format(v);
}

export function formatInt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return INT.format(v);
}

export function formatPercent(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return `${v > 0 ? '+' : ''}${v.toFixed(2)}%`;
}

export function formatTime(ms: number | null | undefined): string {
  return ms ? cstTimeOf(ms) : '';
}

export function formatDateTime(ms: number | null | undefined): string {
  return ms ? cstDateTimeOf(ms) : '';
}

/** A-share traders say 买入/卖出, not vn.py's 多/空. */
export function directionLabel(d: Direction | string | null | undefined): string {
  return d === Direction.LONG ? '买入' : d === Direction.SHORT ? '卖出' : String(d ?? '');
}

/** Change from the previous close in percent, or null without a close. */
export function changePercent(last: number, preClose: number): number | null {
  return preClose > 0 && last > 0 ? ((last - preClose) / preClose) * 100 : null;
}

/**
 * A row's time as a trader reads it: the time of day for today's rows (most of a session's),
 * the date and time for older ones. `now` is passed so a test can fix "today".
 */
export function formatWhen(ms: number | null | undefined, now = Date.now()): string {
  if (!ms) return '';
  return cstDateOf(ms) === cstDateOf(now) ? cstTimeOf(ms) : cstDateTimeOf(ms);
}

/** Who sent an order, in the window's language: a strategy's own name stays as it is. */
export function referenceLabel(reference: string | null | undefined): string {
  if (!reference || reference === 'manual') return '手动';
  if (reference === 'bridge' || reference === 'api') return '接口客户端';
  return reference;
}

/** A position's side: A-share holdings are 多, a 融券 debt or a futures short is 空. */
export function positionSideLabel(d: Direction | string | null | undefined): string {
  return d === Direction.LONG ? '多' : d === Direction.SHORT ? '空' : String(d ?? '');
}

/** 万/亿 for large amounts with fixed decimals (两融数据): 1.23亿, 4,567.89万, 987.00. */
export function formatWanYi(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  const abs = Math.abs(v);
  if (abs >= 1e8) return `${MONEY.format(v / 1e8)}亿`;
  if (abs >= 1e4) return `${MONEY.format(v / 1e4)}万`;
  return MONEY.format(v);
}
