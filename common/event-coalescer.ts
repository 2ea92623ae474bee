/**
 * Coalesces pushed events per row key between two flushes, so a UI that redraws at most
 * ~20 times a second applies only the latest state of each row. Rows without a key
 * (log lines) are kept in order, every one of them.
 */
import type { BridgeEvents, EventName } from './bridge-contract';

/** Events that update a row in place, with the key that identifies the row. */
export const ROW_KEYS = {
  tick: (t: BridgeEvents['tick']) => t.vt_symbol,
  order: (o: BridgeEvents['order']) => o.vt_orderid,
  trade: (t: BridgeEvents['trade']) => t.vt_tradeid,
  position: (p: BridgeEvents['position']) => p.vt_positionid,
  account: (a: BridgeEvents['account']) => a.vt_accountid,
  contract: (c: BridgeEvents['contract']) => c.vt_symbol,
  gateway: (g: BridgeEvents['gateway']) => g.name,
  credit: (c: BridgeEvents['credit']) => c.vt_accountid,
  compact: (c: BridgeEvents['compact']) => c.vt_compactid,
  'credit-asset': (a: BridgeEvents['credit-asset']) => a.vt_assetid,
  strategy: (s: BridgeEvents['strategy']) => s.settings.name,
  // Progress is cumulative (rows so far, pages done, finished), so the latest per import
  // loses nothing a window needs, and a fast import cannot flood a slow window.
  'margin-data-progress': (p: BridgeEvents['margin-data-progress']) => p.importId,
} as const;

export type RowEvent = keyof typeof ROW_KEYS;

/** One flush: the latest version of each changed row per event, plus the unkeyed events in order. */
export type CoalescedBatch = { [E in RowEvent]: BridgeEvents[E][] } & {
  log: BridgeEvents['log'][];
  /** events that are commands, not state (panel fill, menu), in order */
  other: { event: Exclude<EventName, RowEvent | 'log'>; payload: unknown }[];
};

export interface CoalescerStats {
  /** events received */
  received: number;
  /** rows handed to the UI after coalescing */
  delivered: number;
  flushes: number;
}

function isRowEvent(event: EventName): event is RowEvent {
  return Object.prototype.hasOwnProperty.call(ROW_KEYS, event);
}

export class EventCoalescer {
  private rows = new Map<RowEvent, Map<string, unknown>>();
  private logs: BridgeEvents['log'][] = [];
  private other: CoalescedBatch['other'] = [];
  readonly stats: CoalescerStats = { received: 0, delivered: 0, flushes: 0 };

  push<E extends EventName>(event: E, payload: BridgeEvents[E]): void {
    this.stats.received++;
    if (isRowEvent(event)) {
      let byKey = this.rows.get(event);
      if (!byKey) this.rows.set(event, (byKey = new Map()));
      const key = (ROW_KEYS[event] as (p: unknown) => string)(payload);
      // Delete first so the row moves to the end: rows keep the order of their latest change.
      byKey.delete(key);
      byKey.set(key, payload);
    } else if (event === 'log') {
      this.logs.push(payload as BridgeEvents['log']);
    } else {
      this.other.push({ event: event as CoalescedBatch['other'][number]['event'], payload });
    }
  }

  get pending(): boolean {
    return this.rows.size > 0 || this.logs.length > 0 || this.other.length > 0;
  }

  /** Take everything gathered since the last drain. */
  drain(): CoalescedBatch {
    const take = <E extends RowEvent>(e: E) => [...(this.rows.get(e)?.values() ?? [])] as BridgeEvents[E][];
    const batch: CoalescedBatch = {
      tick: take('tick'),
      order: take('order'),
      trade: take('trade'),
      position: take('position'),
      account: take('account'),
      contract: take('contract'),
      gateway: take('gateway'),
      credit: take('credit'),
      compact: take('compact'),
      'credit-asset': take('credit-asset'),
      strategy: take('strategy'),
      'margin-data-progress': take('margin-data-progress'),
      log: this.logs,
      other: this.other,
    };
    this.rows = new Map();
    this.logs = [];
    this.other = [];
    this.stats.flushes++;
    this.stats.delivered +=
      (Object.keys(ROW_KEYS) as RowEvent[]).reduce((n, e) => n + batch[e].length, 0) + batch.log.length + batch.other.length;
    return batch;
  }
}

/** A batch as a flat list of [event, payload] pairs: state rows first, then logs and commands. */
export function flattenBatch(batch: CoalescedBatch): [EventName, unknown][] {
  const out: [EventName, unknown][] = [];
  for (const event of Object.keys(ROW_KEYS) as RowEvent[]) for (const row of batch[event]) out.push([event, row]);
  for (const log of batch.log) out.push(['log', log]);
  for (const o of batch.other) out.push([o.event, o.payload]);
  return out;
}
