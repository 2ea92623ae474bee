/**
 * XtQuant's objects as the sidecar forwards them: each documented attribute under its own
 * name, JSON-typed. They come from another process and another vendor, so every field is
 * optional and read through the helpers below, never trusted as typed.
 */

/** An XtQuant object turned into a plain JSON object by the sidecar. */
export type XtRecord = Readonly<Record<string, unknown>>;

/** 委托 XtOrder */
export interface XtOrder extends XtRecord {
  account_type?: number;
  account_id?: string;
  stock_code?: string;
  order_id?: number;
  order_sysid?: string;
  order_time?: number;
  order_type?: number;
  order_volume?: number;
  price_type?: number;
  price?: number;
  traded_volume?: number;
  traded_price?: number;
  order_status?: number;
  status_msg?: string;
  strategy_name?: string;
  order_remark?: string;
  direction?: number;
  offset_flag?: number;
}

/** 成交 XtTrade */
export interface XtTrade extends XtRecord {
  account_id?: string;
  stock_code?: string;
  order_type?: number;
  traded_id?: string;
  traded_time?: number;
  traded_price?: number;
  traded_volume?: number;
  traded_amount?: number;
  order_id?: number;
  order_sysid?: string;
  strategy_name?: string;
  order_remark?: string;
  offset_flag?: number;
}

/** 持仓 XtPosition */
export interface XtPosition extends XtRecord {
  account_id?: string;
  stock_code?: string;
  volume?: number;
  can_use_volume?: number;
  open_price?: number;
  market_value?: number;
  frozen_volume?: number;
  on_road_volume?: number;
  yesterday_volume?: number;
  avg_price?: number;
}

/** 资产 XtAsset */
export interface XtAsset extends XtRecord {
  account_id?: string;
  cash?: number;
  frozen_cash?: number;
  market_value?: number;
  total_asset?: number;
}

/** 下单失败 XtOrderError */
export interface XtOrderError extends XtRecord {
  order_id?: number;
  error_id?: number;
  error_msg?: string;
  strategy_name?: string;
  order_remark?: string;
}

/** 撤单失败 XtCancelError */
export interface XtCancelError extends XtRecord {
  order_id?: number;
  market?: number;
  order_sysid?: string;
  error_id?: number;
  error_msg?: string;
}

/** 异步下单反馈 XtOrderResponse */
export interface XtOrderResponse extends XtRecord {
  order_id?: number;
  strategy_name?: string;
  order_remark?: string;
  seq?: number;
}

/** 账号状态 XtAccountStatus */
export interface XtAccountStatus extends XtRecord {
  account_id?: string;
  account_type?: number;
  status?: number;
}

/** xtdata.get_instrument_detail, with the code it was asked for */
export interface XtInstrument extends XtRecord {
  code?: string;
  InstrumentName?: string;
  PreClose?: number;
  UpStopPrice?: number;
  DownStopPrice?: number;
  PriceTick?: number;
}

/** One tick from xtdata.subscribe_quote(period='tick') */
export interface XtTick extends XtRecord {
  time?: number;
  lastPrice?: number;
  open?: number;
  high?: number;
  low?: number;
  lastClose?: number;
  amount?: number;
  volume?: number;
  pvolume?: number;
  askPrice?: unknown;
  bidPrice?: unknown;
  askVol?: unknown;
  bidVol?: unknown;
}

/** A finite number, or `fallback` for anything else (null, NaN, a string …). */
export function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** A string, trimmed; numbers are written out (order_sysid arrives as either). */
export function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

/** An array of numbers (depth levels), padded with zeros to `n`. */
export function numbers(v: unknown, n: number): number[] {
  const list = Array.isArray(v) ? v : [];
  return Array.from({ length: n }, (_, i) => num(list[i]));
}

/**
 * XtQuant times are epoch seconds; a few builds send milliseconds. Anything below 1e11 is
 * taken as seconds. 0 or missing means "not given": `fallback` (the receipt time).
 */
export function epochMs(v: unknown, fallback: number): number {
  const n = num(v);
  if (n <= 0) return fallback;
  return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
}
