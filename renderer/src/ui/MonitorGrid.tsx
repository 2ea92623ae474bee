/**
 * One monitor: an ag-grid fed from a RowFeed by async transactions (never through React
 * state), with row ids, saved column state, and a right-click menu (导出CSV, 自适应列宽).
 */
import type { CellContextMenuEvent, ColDef, ColumnState, GridApi, GridReadyEvent, RowDoubleClickedEvent, RowDragEndEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AppClient } from '../bridge/transport';
import type { RowFeed } from '../state/row-feed';
import { useApp } from '../state/store';
import { GRID_LOCALE, gridTheme } from './grid-theme';
import { useDismiss } from './use-dismiss';

export interface MonitorGridProps<T> {
  /** stable id: the key its column state is saved under, and the E2E selector */
  gridId: string;
  client: AppClient;
  feed: RowFeed<T>;
  columns: ColDef<T>[];
  /** rows the grid shows; others are left out (e.g. 可撤 shows working orders only) */
  include?: (row: T) => boolean;
  /** newest rows on top (the log) */
  newestFirst?: boolean;
  /** keep at most this many rows (the log) */
  maxRows?: number;
  onRowDoubleClicked?: (row: T) => void;
  /** entries the right-click menu offers for the row under the mouse (买入/卖出/平仓, 撤单, K线图), above the grid's own */
  rowMenu?: (row: T) => readonly RowMenuItem[];
  /**
   * A key pressed while a row is selected (a click selects one): 行情's Delete takes the code
   * off 自选. Returns true when it used the key. Rows are selectable only when this is given.
   */
  onRowKey?: (key: string, row: T) => boolean;
  /** a row dragged (by a column with `rowDrag`) and dropped on the row at display index `over`; the grid itself moves nothing */
  onRowDropped?: (row: T, over: number) => void;
  /** columns that read other feeds (名称 from the contracts): redrawn when contracts arrive */
  lookupColumns?: string[];
  /** columns that change with time alone (a quote's age): redrawn every second while shown */
  tickingColumns?: string[];
  /**
   * False while the grid's tab is behind another: batches are then not applied (a hidden
   * grid would still measure and lay out), and the grid catches up from the feed when shown.
   */
  shown?: boolean;
}

export interface RowMenuItem {
  label: string;
  run(): void;
  disabled?: boolean;
}

const SINGLE_ROW = { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const;

interface MenuAt {
  x: number;
  y: number;
  items: readonly RowMenuItem[];
}

export function MonitorGrid<T>(props: MonitorGridProps<T>) {
  const { gridId, client, feed, columns, include, newestFirst, maxRows, onRowDoubleClicked, rowMenu, onRowKey, onRowDropped, lookupColumns, tickingColumns, shown = true } = props;
  const shownRef = useRef(shown);
  const stale = useRef(false);
  const apiRef = useRef<GridApi<T> | null>(null);
  const present = useRef(new Set<string>());
  const order = useRef<string[]>([]);
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const layoutKey = `grid.${gridId}`;
  const layoutEpoch = useApp((s) => s.layoutEpoch);
  const defaultColDef = useMemo<ColDef<T>>(() => ({ sortable: true, resizable: true }), []);

  const visible = useCallback((rows: Iterable<T>) => {
    const out: T[] = [];
    for (const r of rows) if (!include || include(r)) out.push(r);
    return out;
  }, [include]);

  const setAll = useCallback((rows: T[]) => {
    const api = apiRef.current;
    if (!api) return;
    // `order` is oldest → newest whatever the display order, so the cap drops the oldest.
    const chrono = visible(rows);
    const kept = maxRows && chrono.length > maxRows ? chrono.slice(-maxRows) : chrono;
    order.current = kept.map(feed.keyOf);
    present.current = new Set(order.current);
    // A queued transaction must land on the rows it was made for, not on the new set: an
    // update of a row the new set no longer has would be an error in the grid.
    api.flushAsyncTransactions();
    api.setGridOption('rowData', newestFirst ? [...kept].reverse() : kept);
  }, [feed, visible, newestFirst, maxRows]);

  const applyBatch = useCallback((rows: T[]) => {
    const api = apiRef.current;
    if (!api) return;
    if (!shownRef.current) {
      stale.current = true;
      return;
    }
    const add: T[] = [];
    const update: T[] = [];
    const remove: T[] = [];
    for (const row of rows) {
      const key = feed.keyOf(row);
      const show = !include || include(row);
      const has = present.current.has(key);
      if (show && has) update.push(row);
      else if (show) {
        add.push(row);
        present.current.add(key);
        order.current.push(key);
      } else if (has) {
        remove.push(row);
        present.current.delete(key);
      }
    }
    if (maxRows && present.current.size > maxRows) {
      // Drop the oldest rows beyond the cap (the log keeps the newest few thousand).
      const excess = present.current.size - maxRows;
      const dropped = order.current.splice(0, excess);
      for (const key of dropped) {
        if (!present.current.delete(key)) continue;
        const node = api.getRowNode(key);
        if (node?.data) remove.push(node.data);
      }
    }
    if (add.length || update.length || remove.length) {
      api.applyTransactionAsync(newestFirst ? { add, addIndex: 0, update, remove } : { add, update, remove });
    }
  }, [feed, include, maxRows, newestFirst]);

  // Rows the feed dropped to stay within its limit leave the grid too.
  const removeRows = useCallback((rows: T[]) => {
    const api = apiRef.current;
    if (!api) return;
    const remove = rows.filter((r) => present.current.delete(feed.keyOf(r)));
    if (!remove.length) return;
    const gone = new Set(remove.map(feed.keyOf));
    order.current = order.current.filter((k) => !gone.has(k));
    if (shownRef.current) api.applyTransactionAsync({ remove });
    else stale.current = true;
  }, [feed]);

  useEffect(() => {
    const off = feed.listen({ onReset: setAll, onBatch: applyBatch, onRemove: removeRows });
    if (apiRef.current) setAll([...feed.rows.values()]);
    return () => {
      off();
    };
  }, [feed, setAll, applyBatch, removeRows]);

  useEffect(() => {
    shownRef.current = shown;
    if (shown && stale.current) {
      stale.current = false;
      setAll([...feed.rows.values()]);
    }
  }, [shown, feed, setAll]);

  const saveTimer = useRef<number | undefined>(undefined);
  const saveColumns = useCallback(() => {
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      const state = apiRef.current?.getColumnState();
      if (state) void client.request('layout/set', { key: layoutKey, value: state }).catch(() => undefined);
    }, 400);
  }, [client, layoutKey]);

  // The saved column state arrives with the first snapshot, which may be after the grid is
  // ready: apply it once, whichever comes last.
  const savedColumns = useApp((s) => s.layout[layoutKey]);
  const [ready, setReady] = useState(false);
  const restored = useRef(false);
  useEffect(() => {
    if (!ready || restored.current || !Array.isArray(savedColumns)) return;
    restored.current = true;
    apiRef.current?.applyColumnState({ state: savedColumns as ColumnState[], applyOrder: true });
  }, [ready, savedColumns]);

  const onGridReady = useCallback((e: GridReadyEvent<T>) => {
    apiRef.current = e.api;
    setReady(true);
    setAll([...feed.rows.values()]);
  }, [feed, setAll]);

  // 还原窗口: back to the default columns.
  useEffect(() => {
    if (layoutEpoch > 0) apiRef.current?.resetColumnState();
  }, [layoutEpoch]);

  // 名称 and the like come from the contracts, which may arrive after the rows (orders reloaded at start).
  const contractsVersion = useApp((s) => s.versions.contracts);
  useEffect(() => {
    if (lookupColumns?.length) apiRef.current?.refreshCells({ columns: lookupColumns, force: true });
  }, [contractsVersion, lookupColumns]);

  useEffect(() => {
    if (!shown || !tickingColumns?.length) return;
    const timer = window.setInterval(() => apiRef.current?.refreshCells({ columns: tickingColumns, force: true }), 1000);
    return () => window.clearInterval(timer);
  }, [shown, tickingColumns]);

  const onCellContextMenu = useCallback((e: CellContextMenuEvent<T>) => {
    const mouse = e.event as MouseEvent | null;
    if (mouse) setMenu({ x: mouse.clientX, y: mouse.clientY, items: e.data && rowMenu ? rowMenu(e.data) : [] });
  }, [rowMenu]);

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    const row = onRowKey && apiRef.current?.getSelectedRows()[0];
    if (row && onRowKey(e.key, row)) e.preventDefault();
  }, [onRowKey]);

  const closeMenu = useCallback(() => setMenu(null), []);

  useDismiss(menu !== null, closeMenu);

  return (
    <div className="monitor" data-grid={gridId} onContextMenu={(e) => e.preventDefault()} tabIndex={onRowKey ? -1 : undefined} onKeyDown={onRowKey ? onKeyDown : undefined}>
      <AgGridReact<T>
        theme={gridTheme}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={(p) => feed.keyOf(p.data)}
        onGridReady={onGridReady}
        onColumnMoved={(e) => e.finished && saveColumns()}
        onColumnResized={(e) => e.finished && saveColumns()}
        onSortChanged={saveColumns}
        onColumnVisible={saveColumns}
        onRowDoubleClicked={(e: RowDoubleClickedEvent<T>) => e.data && onRowDoubleClicked?.(e.data)}
        onCellContextMenu={onCellContextMenu}
        rowSelection={onRowKey ? SINGLE_ROW : undefined}
        onRowDragEnd={(e: RowDragEndEvent<T>) => e.node.data && e.overIndex >= 0 && onRowDropped?.(e.node.data, e.overIndex)}
        preventDefaultOnContextMenu
        asyncTransactionWaitMillis={50}
        // Deciding whether to show the scrollbar reads clientHeight after every update, a
        // forced layout per transaction: always showing it saves that read.
        alwaysShowVerticalScroll
        // A monitor has a few dozen columns at most: render them all, so every cell of a row
        // is in the DOM (copying, tests) whatever the horizontal scroll.
        suppressColumnVirtualisation
        suppressCellFocus
        enableCellTextSelection
        animateRows={false}
        tooltipShowDelay={300}
        localeText={GRID_LOCALE}
      />
      {menu && (
        <ul className="context-menu" style={{ left: menu.x, top: menu.y }} role="menu" data-testid={`menu-${gridId}`}>
          {menu.items.map((item) => (
            <li key={item.label} role="menuitem" data-menu-item={item.label} aria-disabled={item.disabled} className={item.disabled ? 'disabled' : ''} onClick={() => !item.disabled && item.run()}>{item.label}</li>
          ))}
          {menu.items.length > 0 && <li role="separator" className="separator" />}
          <li role="menuitem" onClick={() => apiRef.current?.exportDataAsCsv({ fileName: `${gridId}.csv` })}>导出CSV</li>
          <li role="menuitem" onClick={() => apiRef.current?.autoSizeAllColumns()}>自适应列宽</li>
        </ul>
      )}
    </div>
  );
}
