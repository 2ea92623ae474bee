/**
 * 功能→策略管理: add a strategy (file, unique name, gateway, parameters), start, stop,
 * remove, its status, its log, its orders and trades. Strategies and their settings persist
 * in the vntrader folder (strategies.json); each runs in its own worker thread.
 */
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useState } from 'react';
import type { LogData, TradeData } from '../../../common/objects';
import { StrategyStatus, type StrategyInfo, type StrategyOrder } from '../common/strategy';
import type { AppClient } from '../../../renderer/src/bridge/transport';
import { directionLabel, formatDateTime, formatMoney, formatPriceAuto } from '../../../renderer/src/monitors/format';
import { GRID_LOCALE, gridTheme } from '../../../renderer/src/ui/grid-theme';
import { StrategyForm } from './StrategyForm';
import { useDismiss } from '../../../renderer/src/ui/use-dismiss';

const STATUS_CLASS: Record<StrategyStatus, string> = {
  [StrategyStatus.RUNNING]: 'status ok',
  [StrategyStatus.STARTING]: 'status busy',
  [StrategyStatus.STOPPING]: 'status busy',
  [StrategyStatus.STOPPED]: 'status idle',
  [StrategyStatus.ERROR]: 'status bad',
};

const listColumns: ColDef<StrategyInfo>[] = [
  { headerName: '名称', colId: 'name', valueGetter: (p) => p.data?.settings.name, width: 140 },
  { headerName: '状态', field: 'status', width: 90, cellClassRules: { 'cell-up': (p) => p.value === StrategyStatus.ERROR, 'cell-down': (p) => p.value === StrategyStatus.RUNNING } },
  { headerName: '接口', colId: 'gateway', valueGetter: (p) => p.data?.settings.gateway, width: 80 },
  { headerName: '文件', colId: 'file', valueGetter: (p) => p.data?.settings.file, width: 260 },
  { headerName: '时钟', colId: 'clock', width: 90, valueGetter: (p) => (p.data?.settings.clock.kind === 'scaled' ? `模拟 ${p.data.settings.clock.speed}×` : '实时') },
  { headerName: '出错', field: 'errors', type: 'numericColumn', width: 70 },
  { headerName: '启动时间', field: 'started', width: 150, valueFormatter: (p) => formatDateTime(p.value as number | null) },
  { headerName: '说明', field: 'message', flex: 1 },
];

const orderColumns: ColDef<StrategyOrder>[] = [
  { headerName: '策略委托号', field: 'order_id', width: 110 },
  { headerName: '委托号', field: 'vt_orderid', width: 120 },
  { headerName: '代码', field: 'symbol', width: 80 },
  { headerName: '方向', field: 'direction', width: 70, valueFormatter: (p) => directionLabel(p.value as string) },
  { headerName: '价格', field: 'price', type: 'numericColumn', width: 90, valueFormatter: (p) => formatPriceAuto(p.value as number) },
  { headerName: '数量', field: 'volume', type: 'numericColumn', width: 80 },
  { headerName: '已成交', field: 'traded', type: 'numericColumn', width: 80 },
  { headerName: '状态', field: 'status', width: 90 },
  { headerName: '说明', field: 'status_msg', flex: 1 },
];

const tradeColumns: ColDef<TradeData>[] = [
  { headerName: '成交号', field: 'tradeid', width: 110 },
  { headerName: '委托号', field: 'vt_orderid', width: 120 },
  { headerName: '代码', field: 'symbol', width: 80 },
  { headerName: '方向', field: 'direction', width: 70, valueFormatter: (p) => directionLabel(p.value as string) },
  { headerName: '价格', field: 'price', type: 'numericColumn', width: 90, valueFormatter: (p) => formatPriceAuto(p.value as number) },
  { headerName: '数量', field: 'volume', type: 'numericColumn', width: 80 },
  { headerName: '手续费', field: 'fee', type: 'numericColumn', width: 90, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '时间', field: 'datetime', width: 150, valueFormatter: (p) => formatDateTime(p.value as number) },
];

type Detail = 'logs' | 'orders' | 'trades';

function StrategyDetail({ client, name }: { client: AppClient; name: string }) {
  const [tab, setTab] = useState<Detail>('logs');
  const [logs, setLogs] = useState<LogData[]>([]);
  const [orders, setOrders] = useState<StrategyOrder[]>([]);
  const [trades, setTrades] = useState<TradeData[]>([]);

  const refresh = useCallback(() => {
    client.request('strategy/logs', { name }).then(setLogs, () => undefined);
    client.request('strategy/orders', { name }).then(setOrders, () => undefined);
    client.request('strategy/trades', { name }).then(setTrades, () => undefined);
  }, [client, name]);

  // Refresh when something of this strategy happens, at most every 300 ms.
  useEffect(() => {
    refresh();
    let pending: number | undefined;
    const later = () => {
      pending ??= window.setTimeout(() => {
        pending = undefined;
        refresh();
      }, 300);
    };
    const offs = [
      client.subscribe('log', (l) => l.gateway_name === name && later()),
      client.subscribe('order', (o) => o.reference === name && later()),
      client.subscribe('trade', later),
      client.subscribe('strategy', (s) => s.settings.name === name && later()),
    ];
    return () => {
      offs.forEach((off) => off());
      window.clearTimeout(pending);
    };
  }, [client, name, refresh]);

  return (
    <section className="strategy-detail" data-testid="strategy-detail">
      <nav className="sub-tabs">
        {(['logs', 'orders', 'trades'] as const).map((t) => (
          <button key={t} data-detail={t} className={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
            {t === 'logs' ? `日志 (${logs.length})` : t === 'orders' ? `委托 (${orders.length})` : `成交 (${trades.length})`}
          </button>
        ))}
      </nav>
      {tab === 'logs' && (
        // Newest first, as everywhere; numbered from the oldest, so a line keeps its number as lines arrive.
        <ol className="strategy-log" data-testid="strategy-log" reversed>
          {[...logs].reverse().map((l, i) => (
            <li key={logs.length - i} className={`log-${l.level}`}>{formatDateTime(l.datetime)} [{l.level}] {l.msg}</li>
          ))}
        </ol>
      )}
      {tab === 'orders' && (
        <div className="monitor" data-grid="strategy-orders">
          <AgGridReact<StrategyOrder> theme={gridTheme} rowData={[...orders].reverse()} columnDefs={orderColumns} getRowId={(p) => p.data.vt_orderid || p.data.order_id} localeText={GRID_LOCALE} suppressCellFocus />
        </div>
      )}
      {tab === 'trades' && (
        <div className="monitor" data-grid="strategy-trades">
          <AgGridReact<TradeData> theme={gridTheme} rowData={[...trades].reverse()} columnDefs={tradeColumns} getRowId={(p) => p.data.vt_tradeid} localeText={GRID_LOCALE} suppressCellFocus />
        </div>
      )}
    </section>
  );
}

export function StrategyManagerPage({ client }: { client: AppClient }) {
  const [list, setList] = useState<StrategyInfo[]>([]);
  const [selected, setSelected] = useState<string>('');
  const [message, setMessage] = useState('');

  const reload = useCallback(() => client.request('strategy/list', {}).then(setList, (e: Error) => setMessage(e.message)), [client]);
  useEffect(() => {
    void reload();
    const off = client.subscribe('strategy', (info) =>
      setList((prev) => {
        const i = prev.findIndex((s) => s.settings.name === info.settings.name);
        if (i < 0) return [...prev, info];
        const next = [...prev];
        next[i] = info;
        return next;
      }),
    );
    return off;
  }, [client, reload]);

  const current = list.find((s) => s.settings.name === selected);
  const act = (verb: 'start' | 'stop' | 'remove') => {
    if (!current) return;
    if (verb === 'remove' && !window.confirm(`删除策略 ${current.settings.name}？（不删除策略文件）`)) return;
    client.request(`strategy/${verb}`, { name: current.settings.name }).then(
      () => {
        setMessage(`${verb === 'start' ? '已启动' : verb === 'stop' ? '已停止' : '已删除'}：${current.settings.name}`);
        if (verb === 'remove') setSelected('');
        void reload();
      },
      (e: Error) => setMessage(e.message),
    );
  };
  const running = current?.status === StrategyStatus.RUNNING || current?.status === StrategyStatus.STARTING;
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  useDismiss(menu !== null, closeMenu);

  /** 全部启动 / 全部停止: one request per strategy, one after another; the message sums up. */
  const all = async (verb: 'start' | 'stop') => {
    const targets = list.filter((s) => (verb === 'start' ? s.status === StrategyStatus.STOPPED || s.status === StrategyStatus.ERROR : s.status === StrategyStatus.RUNNING || s.status === StrategyStatus.STARTING));
    const failed: string[] = [];
    for (const s of targets) {
      await client.request(`strategy/${verb}`, { name: s.settings.name }).catch((e: Error) => failed.push(`${s.settings.name}：${e.message}`));
    }
    const done = targets.length - failed.length;
    setMessage(`${verb === 'start' ? '已启动' : '已停止'} ${done} 个策略${failed.length ? `；${failed.length} 个失败：${failed.join('；')}` : ''}`);
    void reload();
  };

  return (
    <div className="strategy-manager" data-testid="strategy-manager">
      <StrategyForm client={client} onAdded={(name) => { setSelected(name); void reload(); }} />
      <div className="strategy-actions">
        <span>{current ? <>选中：<b>{current.settings.name}</b> <span className={STATUS_CLASS[current.status]} data-testid="strategy-status">{current.status}</span></> : '在列表中选择一个策略'}</span>
        <button data-testid="strategy-start" disabled={!current || running} onClick={() => act('start')}>启动</button>
        <button data-testid="strategy-stop" disabled={!current || !running} onClick={() => act('stop')}>停止</button>
        <button data-testid="strategy-remove" disabled={!current || running} onClick={() => act('remove')}>删除</button>
        <span className="form-message" data-testid="strategy-message">{message}</span>
      </div>
      <div className="monitor strategy-list" data-grid="strategies" onContextMenu={(e) => {
        e.preventDefault();
        setMenu({ x: e.clientX, y: e.clientY });
      }}>
        <AgGridReact<StrategyInfo>
          theme={gridTheme}
          rowData={list}
          columnDefs={listColumns}
          getRowId={(p) => p.data.settings.name}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onRowClicked={(e) => e.data && setSelected(e.data.settings.name)}
          localeText={GRID_LOCALE}
          suppressCellFocus
          onCellContextMenu={(e) => e.data && setSelected(e.data.settings.name)}
        />
      </div>
      {menu && (
        <ul className="context-menu" style={{ left: menu.x, top: menu.y }} role="menu" data-testid="menu-strategies">
          {current && <li role="menuitem" data-menu-item="启动" className={running ? 'disabled' : ''} onClick={() => !running && act('start')}>启动</li>}
          {current && <li role="menuitem" data-menu-item="停止" className={running ? '' : 'disabled'} onClick={() => running && act('stop')}>停止</li>}
          {current && <li role="separator" className="separator" />}
          <li role="menuitem" data-menu-item="全部启动" onClick={() => void all('start')}>全部启动</li>
          <li role="menuitem" data-menu-item="全部停止" onClick={() => void all('stop')}>全部停止</li>
        </ul>
      )}
      {current ? <StrategyDetail key={current.settings.name} client={client} name={current.settings.name} /> : <div />}
    </div>
  );
}
