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
}

export class RowFeed<T> {
  readonly rows = new Map<string, T>();
  private readonly listeners = new Set<RowFeedListener<T>>();

  constructor(readonly keyOf: (row: T) => string) {}

  reset(rows: readonly T[]): void {
    this.rows.clear();
    for (const r of rows) this.rows.set(this.keyOf(r), r);
    const all = [...this.rows.values()];
    for (const l of this.listeners) l.onReset(all);
  }

  apply(rows: readonly T[]): void {
    if (rows.length === 0) return;
    for (const r of rows) this.rows.set(this.keyOf(r), r);
    const list = rows as T[];
    for (const l of this.listeners) l.onBatch(list);
  }

  listen(listener: RowFeedListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
