/**
 * Coalesces pushed events per row key between two flushes, so a UI that redraws at most
 * ~20 times a second applies only the latest state of each row. Which events update a row,
 * and by which key, is the contract's to say (EventSpec.rowKey); events without a key (log
 * lines) are kept in order, every one of them, and window messages (panel fill, menu) too,
 * in the order they came.
 */
import type { BridgeEvents, EventName, EventSpec, WindowMessageName } from './contract/contract-map';

/** The events a batch has a list for: every event but the window messages. */
type StateEvent = Exclude<EventName, WindowMessageName>;

/** One flush: per event, the latest version of each changed row (or every line, for unkeyed events), plus the window messages in order. */
export type CoalescedBatch = { [E in StateEvent]: BridgeEvents[E][] } & {
  /** window messages (panel fill, menu), in order */
  other: { event: WindowMessageName; payload: unknown }[];
};

export interface CoalescerStats {
  /** events received */
  received: number;
  /** rows handed to the UI after coalescing */
  delivered: number;
  flushes: number;
}

export class EventCoalescer {
  private readonly rowKeys = new Map<string, (payload: unknown) => string>();
  /** every non-window event, in the contract's order: row events first, then the unkeyed ones */
  private readonly order: string[];
  private readonly windowMessages = new Set<string>();
  private rows = new Map<string, Map<string, unknown>>();
  private lines = new Map<string, unknown[]>();
  private other: CoalescedBatch['other'] = [];
  readonly stats: CoalescerStats = { received: 0, delivered: 0, flushes: 0 };

  /** `events`: the contract's event specs (BRIDGE_CONTRACT.events), in the order flushes list them. */
  constructor(events: Readonly<Record<string, EventSpec>>) {
    const keyed: string[] = [];
    const unkeyed: string[] = [];
    for (const [name, spec] of Object.entries(events)) {
      if (spec.window) this.windowMessages.add(name);
      else if (spec.rowKey) {
        this.rowKeys.set(name, (p) => spec.rowKey!(p));
        keyed.push(name);
      } else unkeyed.push(name);
    }
    this.order = [...keyed, ...unkeyed];
  }

  push<E extends EventName>(event: E, payload: BridgeEvents[E]): void {
    this.stats.received++;
    const key = this.rowKeys.get(event);
    if (key) {
      let byKey = this.rows.get(event);
      if (!byKey) this.rows.set(event, (byKey = new Map()));
      const id = key(payload);
      // Delete first so the row moves to the end: rows keep the order of their latest change.
      byKey.delete(id);
      byKey.set(id, payload);
    } else if (this.windowMessages.has(event)) {
      this.other.push({ event: event as WindowMessageName, payload });
    } else {
      let list = this.lines.get(event);
      if (!list) this.lines.set(event, (list = []));
      list.push(payload);
    }
  }

  get pending(): boolean {
    return this.rows.size > 0 || this.lines.size > 0 || this.other.length > 0;
  }

  /** Take everything gathered since the last drain. */
  drain(): CoalescedBatch {
    const batch: Record<string, unknown[]> = {};
    let delivered = 0;
    for (const event of this.order) {
      const list = this.rowKeys.has(event) ? [...(this.rows.get(event)?.values() ?? [])] : (this.lines.get(event) ?? []);
      batch[event] = list;
      delivered += list.length;
    }
    const out = Object.assign(batch, { other: this.other }) as unknown as CoalescedBatch;
    delivered += this.other.length;
    this.rows = new Map();
    this.lines = new Map();
    this.other = [];
    this.stats.flushes++;
    this.stats.delivered += delivered;
    return out;
  }
}

/** A batch as a flat list of [event, payload] pairs: state rows first, then logs, then window messages (the batch's own order). */
export function flattenBatch(batch: CoalescedBatch): [EventName, unknown][] {
  const out: [EventName, unknown][] = [];
  for (const [event, rows] of Object.entries(batch as unknown as Record<string, unknown[]>)) {
    if (event === 'other') continue;
    for (const row of rows) out.push([event as EventName, row]);
  }
  for (const o of batch.other) out.push([o.event, o.payload]);
  return out;
}
