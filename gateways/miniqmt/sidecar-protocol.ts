/**
 * The sidecar's wire protocol: one JSON object per line, in both directions (docs/miniqmt.md,
 * "The sidecar"). Node sends requests `{id, method, params}`; the sidecar answers with
 * `result` or `error` carrying the same id, pushes `event`s (xtquant's callbacks, ticks) and
 * `log` lines, and says `hello` first of all. Every line is checked here before use.
 */
import { formatIssues, s, type Schema } from '../../common/schema';
import type { XtRecord } from './xt-wire';

/** Bumped when a message changes shape; the gateway refuses a sidecar speaking another. */
export const SIDECAR_PROTOCOL = 1;

/** The requests the sidecar serves, with what each returns. */
export interface SidecarMethods {
  /** new XtQuantTrader(path, session) → register_callback → start → connect → subscribe(account) */
  connect: {
    params: { path: string; session_id: number; account_id: string; account_type: 'STOCK' | 'CREDIT' };
    result: { connect: number; subscribe: number };
  };
  /** order_stock_async; seq > 0 once accepted for sending */
  order: {
    params: { stock_code: string; order_type: number; order_volume: number; price_type: number; price: number; strategy_name: string; order_remark: string };
    result: { seq: number };
  };
  /** cancel_order_stock_async by xtquant's order_id */
  cancel: { params: { order_id: number }; result: { seq: number } };
  /** cancel_order_stock_sysid_async by market and the counter's contract number */
  cancel_sysid: { params: { market: number; order_sysid: string }; result: { seq: number } };
  query_asset: { params: Record<string, never>; result: { item: XtRecord | null } };
  query_orders: { params: { cancelable_only: boolean }; result: { items: XtRecord[] } };
  query_trades: { params: Record<string, never>; result: { items: XtRecord[] } };
  query_positions: { params: Record<string, never>; result: { items: XtRecord[] } };
  query_credit_detail: { params: Record<string, never>; result: { items: XtRecord[] } };
  query_stk_compacts: { params: Record<string, never>; result: { items: XtRecord[] } };
  query_credit_subjects: { params: Record<string, never>; result: { items: XtRecord[] } };
  query_credit_slo_code: { params: Record<string, never>; result: { items: XtRecord[] } };
  query_credit_assure: { params: Record<string, never>; result: { items: XtRecord[] } };
  /** xtdata: the codes of these sectors with get_instrument_detail of each */
  instruments: { params: { sectors: string[] }; result: { items: XtRecord[]; failed: string[] } };
  /** xtdata.subscribe_quote(code, period='tick', count=0) for each code */
  subscribe_quote: { params: { codes: string[] }; result: { ok: string[]; failed: string[] } };
  /** liveness: answered at once by the request loop */
  ping: { params: Record<string, never>; result: { pong: number } };
  /** stop the trader and exit */
  stop: { params: Record<string, never>; result: { stopped: boolean } };
}

export type SidecarMethod = keyof SidecarMethods;

/** What the sidecar found when it started: versions, and whether xtquant imports. */
export interface SidecarHello {
  type: 'hello';
  protocol: number;
  sidecar: string;
  python: string;
  platform: string;
  pid: number;
  xtquant: { ok: boolean; version?: string; path?: string; error?: string };
}

export type SidecarMessage =
  | SidecarHello
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: { code: string; message: string } }
  | { type: 'event'; name: string; data: XtRecord | null }
  | { type: 'log'; level: 'INFO' | 'WARNING' | 'ERROR'; msg: string };

/** A payload whose shape the converters check field by field. */
const anyValue: Schema<unknown> = { describe: 'any', check: (v) => ({ ok: true, value: v }) };
const record: Schema<XtRecord | null> = {
  describe: 'object | null',
  check: (v, p) =>
    v === null || (typeof v === 'object' && !Array.isArray(v))
      ? { ok: true, value: v as XtRecord | null }
      : { ok: false, issues: [{ path: p, message: '应为对象或 null' }] },
};

const messageSchema = s.union(
  s.object({
    type: s.literal('hello'),
    protocol: s.number({ int: true }),
    sidecar: s.string(),
    python: s.string(),
    platform: s.string(),
    pid: s.number({ int: true }),
    xtquant: s.object({ ok: s.boolean(), version: s.optional(s.string()), path: s.optional(s.string()), error: s.optional(s.string()) }),
  }),
  s.object({ type: s.literal('result'), id: s.number({ int: true }), result: anyValue }),
  s.object({ type: s.literal('error'), id: s.number({ int: true }), error: s.object({ code: s.string(), message: s.string() }) }),
  s.object({ type: s.literal('event'), name: s.string({ min: 1, max: 64 }), data: record }),
  s.object({ type: s.literal('log'), level: s.enumOf(['INFO', 'WARNING', 'ERROR'] as const), msg: s.string() }),
) as Schema<SidecarMessage>;

/** Parse one line; a line that is not a protocol message comes back as its reason. */
export function parseSidecarLine(line: string): { ok: true; message: SidecarMessage } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `不是 JSON：${(error as Error).message}` };
  }
  const r = messageSchema.check(value, 'message');
  return r.ok ? { ok: true, message: r.value } : { ok: false, reason: formatIssues(r.issues) };
}

/** One request line. */
export function requestLine(id: number, method: SidecarMethod, params: unknown): string {
  return `${JSON.stringify({ id, method, params })}\n`;
}
