/**
 * Rows of one domain (orders, positions …) kept outside React: grids take them as ag-grid
 * transactions, and React components that need a row read it by key and re-render on the
 * domain's version number. This is how thousands of updates a second avoid React state.
 */
export interface RowFeedListener<T> {
  /** the whole set changed (a new snapshot) */
  onReset(rows: T[]): void;
  /** these rows were added or changed */
  onBatch(rows: T[]): void;
  /** these rows were dropped to keep the feed within its limit */
  onRemove?(rows: T[]): void;
}

/**
 * A bound on a feed that grows all day (log lines, trades, finished orders): past `max` rows
 * the oldest that `evictable` allows are dropped, so a window left open for a trading day
 * holds a fixed amount, not everything it ever saw (#11 item 19).
 */
export interface RowFeedLimit<T> {
  max: number;
  /** rows that may go; the default: any. Working orders, say, must stay whatever their age. */
  evictable?: (row: T) => boolean;
}

export class RowFeed<T> {
  readonly rows = new Map<string, T>();
  private readonly listeners = new Set<RowFeedListener<T>>();

  constructor(
    readonly keyOf: (row: T) => string,
    private readonly limit?: RowFeedLimit<T>,
  ) {}

  reset(rows: readonly T[]): void {
    this.rows.clear();
    for (const r of rows) this.rows.set(this.keyOf(r), r);
    this.trim();
    const all = [...this.rows.values()];
    for (const l of this.listeners) l.onReset(all);
  }

  apply(rows: readonly T[]): void {
    if (rows.length === 0) return;
    for (const r of rows) this.rows.set(this.keyOf(r), r);
    const dropped = this.trim();
    const list = dropped.length ? rows.filter((r) => this.rows.has(this.keyOf(r))) : (rows as T[]);
    for (const l of this.listeners) {
      if (dropped.length) l.onRemove?.(dropped);
      if (list.length) l.onBatch(list);
    }
  }

  /** Drop the oldest evictable rows past the limit (Map order: first set first). */
  private trim(): T[] {
    const limit = this.limit;
    if (!limit || this.rows.size <= limit.max) return [];
    const dropped: T[] = [];
    let excess = this.rows.size - limit.max;
    for (const [key, row] of this.rows) {
      if (excess === 0) break;
      if (limit.evictable && !limit.evictable(row)) continue;
      this.rows.delete(key);
      dropped.push(row);
      excess--;
    }
    return dropped;
  }

  listen(listener: RowFeedListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
