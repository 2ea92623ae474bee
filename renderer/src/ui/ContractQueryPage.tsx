/**
 * 查询合约 (帮助→查询合约), in its own window: a filter matching code, exchange or name
 * (empty = all), 查询, and a results grid. Double-clicking a row fills the main window's
 * trading panel through the engine, whichever transport carries it; right-clicking one offers
 * its K线图 and 加入自选.
 */
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useState } from 'react';
import type { ContractData } from '../../../common/objects';
import type { AppClient } from '../bridge/transport';
import { formatInt, formatPriceAuto } from '../monitors/format';
import { GRID_LOCALE, gridTheme } from './grid-theme';
import { klineMenu } from './menu-actions';
import { useDismiss } from './use-dismiss';

const columns: ColDef<ContractData>[] = [
  { headerName: '代码', field: 'symbol', width: 90 },
  { headerName: '交易所', field: 'exchange', width: 80 },
  { headerName: '名称', field: 'name', width: 120 },
  { headerName: '类别', colId: 'board', width: 80, valueGetter: (p) => p.data?.board ?? p.data?.product ?? '' },
  { headerName: '合约乘数', field: 'size', type: 'numericColumn', width: 90, valueFormatter: (p) => formatInt(p.value as number) },
  { headerName: '保证金率', field: 'long_margin_ratio', type: 'numericColumn', width: 90, valueFormatter: (p) => (typeof p.value === 'number' ? `${(p.value * 100).toFixed(1)}%` : '') },
  { headerName: '最小委托量', field: 'min_volume', type: 'numericColumn', width: 100, valueFormatter: (p) => formatInt(p.value as number) },
  { headerName: '价格跳动', field: 'pricetick', type: 'numericColumn', width: 90 },
  { headerName: '涨停', field: 'limit_up', type: 'numericColumn', width: 90, cellClass: 'cell-up', valueFormatter: (p) => formatPriceAuto(p.value as number) },
  { headerName: '跌停', field: 'limit_down', type: 'numericColumn', width: 90, cellClass: 'cell-down', valueFormatter: (p) => formatPriceAuto(p.value as number) },
  { headerName: '接口', field: 'gateway_name', width: 80 },
];

export function ContractQueryPage({ client }: { client: AppClient }) {
  const [filter, setFilter] = useState('');
  const [rows, setRows] = useState<ContractData[] | null>(null);
  const [message, setMessage] = useState('输入代码、交易所或名称后点击“查询”，留空查询全部');
  const [menu, setMenu] = useState<{ x: number; y: number; vt_symbol: string } | null>(null);

  const closeMenu = useCallback(() => setMenu(null), []);

  useDismiss(menu !== null, closeMenu);

  const query = () => {
    client.request('contract/query', { filter }).then(
      (found) => {
        setRows(found);
        setMessage(found.length ? `共 ${found.length} 个合约，双击填入交易面板` : '没有匹配的合约（接口未连接时没有合约）');
      },
      (e: Error) => setMessage(e.message),
    );
  };

  /** 加入自选: the code joins the 行情 monitor of the main window (and is kept for the next start). */
  const watch = (vtSymbol: string) => {
    client.request('watchlist/add', { code: vtSymbol }).then(
      () => setMessage(`已加入自选：${vtSymbol}`),
      (e: Error) => setMessage(e.message),
    );
  };

  return (
    <div className="contract-query" data-testid="contract-query">
      <form
        className="query-bar"
        onSubmit={(e) => {
          e.preventDefault();
          query();
        }}
      >
        <input data-testid="query-filter" value={filter} placeholder="代码 / 交易所 / 名称" onChange={(e) => setFilter(e.target.value)} autoFocus />
        <button type="submit" data-testid="query-submit">查询</button>
        <span className="query-message" data-testid="query-message">{message}</span>
      </form>
      <div className="monitor" data-grid="contract-query" onContextMenu={(e) => e.preventDefault()}>
        <AgGridReact<ContractData>
          theme={gridTheme}
          rowData={rows ?? []}
          columnDefs={columns}
          defaultColDef={{ sortable: true, resizable: true }}
          getRowId={(p) => p.data.vt_symbol}
          suppressCellFocus
          localeText={GRID_LOCALE}
          preventDefaultOnContextMenu
          onCellContextMenu={(e) => {
            const mouse = e.event as MouseEvent | null;
            if (mouse && e.data) setMenu({ x: mouse.clientX, y: mouse.clientY, vt_symbol: e.data.vt_symbol });
          }}
          onRowDoubleClicked={(e) => {
            if (!e.data) return;
            client.request('panel/fill', { vt_symbol: e.data.vt_symbol }).then(
              () => setMessage(`已填入交易面板：${e.data!.symbol} ${e.data!.name}`),
              (err: Error) => setMessage(err.message),
            );
          }}
        />
        {menu && (
          <ul className="context-menu" style={{ left: menu.x, top: menu.y }} role="menu">
            {[...klineMenu(menu.vt_symbol), { label: '加入自选', run: () => watch(menu.vt_symbol) }].map((item) => (
              <li key={item.label} role="menuitem" data-menu-item={item.label} onClick={item.run}>{item.label}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
