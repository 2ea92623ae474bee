/**
 * The tabbed monitors: 行情 and 合约 above, 委托 (全部 / 可撤), 成交, 持仓, 资金 and 日志
 * below. Every grid stays mounted so a tab switch is instant and updates never stop.
 */
import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ACTIVE_STATUSES, Direction } from '../../../common/constants';
import type { ContractData, OrderData, PositionData, TickData } from '../../../common/objects';
import type { AppClient } from '../bridge/transport';
import { accountColumns, contractColumns, logColumns, orderColumns, positionAvailable, positionColumns, tickColumns, tradeColumns } from '../monitors/columns';
import { feeds, LOG_KEEP } from '../state/feeds';
import { useApp } from '../state/store';
import { CreditMonitor } from './CreditMonitor';
import { MonitorGrid, type RowMenuItem } from './MonitorGrid';
import { klineMenu } from './menu-actions';
import { CreditOrderType } from '../../../common/credit';
import { vtPositionIdOf } from '../../../common/objects';
import { closeFillOf } from '../panel/close-position';
import { PANEL_MARKETS } from '../panel/panel-markets';
import { SplitPane } from './SplitPane';
import { WatchlistAdd } from './WatchlistAdd';
import { watchlist } from '../state/watchlist';

interface Tab {
  id: string;
  label: string;
  /** the tab's content; `shown` is false while another tab is in front */
  body: (shown: boolean) => ReactNode;
}

function Tabs({ group, tabs, extra }: { group: string; tabs: Tab[]; extra?: (active: string) => ReactNode }) {
  const [active, setActive] = useState(tabs[0]!.id);
  return (
    <section className="tabs" data-tabs={group}>
      <nav className="tab-bar" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={t.id === active} data-tab={t.id} className={t.id === active ? 'tab active' : 'tab'} onClick={() => setActive(t.id)}>
            {t.label}
          </button>
        ))}
        <span className="tab-extra">{extra?.(active)}</span>
      </nav>
      {tabs.map((t) => (
        <div key={t.id} className="tab-body" hidden={t.id !== active} role="tabpanel">
          {t.body(t.id === active)}
        </div>
      ))}
    </section>
  );
}

/** 股 for A-shares, 手 for futures: the contract's market says. */
function volumeUnitOf(vtSymbol: string): string {
  const c = feeds.contracts.rows.get(vtSymbol);
  return (c && PANEL_MARKETS.find(c)?.volumeUnit(c)) || '股';
}

const isActive = (o: OrderData) => ACTIVE_STATUSES.has(o.status);
const isHeld = (p: PositionData) => p.volume > 0 || p.frozen > 0;

export function Monitors({ client }: { client: AppClient }) {
  const [activeOnly, setActiveOnly] = useState(false);
  const fillPanel = useApp((s) => s.fillPanel);
  const confirmCancel = useApp((s) => s.appInfo?.ui.confirmCancel ?? false);
  const toast = useApp((s) => s.toast);

  const fillFromContract = useCallback((c: ContractData | undefined, price?: number) => {
    if (c) fillPanel(c, { price: price ?? feeds.ticks.rows.get(c.vt_symbol)?.last_price });
  }, [fillPanel]);

  const onTick = useCallback((t: TickData) => fillFromContract(feeds.contracts.rows.get(t.vt_symbol), t.last_price), [fillFromContract]);
  const onContract = useCallback((c: ContractData) => fillFromContract(c), [fillFromContract]);
  /** 平仓: the order that closes the holding, for what may be closed now. */
  const closePosition = useCallback((p: PositionData) => {
    const c = feeds.contracts.rows.get(p.vt_symbol);
    if (!c) return;
    const price = feeds.ticks.rows.get(p.vt_symbol)?.last_price ?? p.last_price;
    // Futures: the order that closes it (卖出平仓 a long, 买入平仓 a short) with what is closable now.
    const rules = PANEL_MARKETS.find(c);
    const close = rules && closeFillOf(p, c, rules, (d) => feeds.positions.rows.get(vtPositionIdOf(p.gateway_name, p.vt_symbol, d)));
    if (close) return fillPanel(c, { direction: close.direction, offset: close.offset, volume: close.volume, credit: '', price, ...(close.note ? { message: close.note } : {}) });
    // A short (融券) position is closed by buying the shares back: 买券还券, what is not already being repaid.
    if (p.direction === Direction.SHORT) return fillPanel(c, { credit: CreditOrderType.BUY_SECU_REPAY, volume: positionAvailable(p), price });
    // A long holding fills the opposite side: sell what is available today.
    fillPanel(c, { direction: Direction.SHORT, credit: '', volume: positionAvailable(p), price });
  }, [fillPanel]);
  const onPosition = closePosition;
  const cancelOrder = useCallback((o: OrderData) => {
    if (!isActive(o)) return;
    if (confirmCancel && !window.confirm(`撤销委托 ${o.orderid}（${o.symbol} ${o.volume} ${volumeUnitOf(o.vt_symbol)}）？`)) return;
    client.request('order/cancel', { vt_orderid: o.vt_orderid }).catch((e: Error) => toast('error', e.message));
  }, [client, confirmCancel, toast]);
  const onOrder = cancelOrder;

  /** 买入 / 卖出 of a code from a row's menu: the panel filled with the side and the latest price. */
  const tradeCode = useCallback((vtSymbol: string, direction: Direction) => {
    const c = feeds.contracts.rows.get(vtSymbol);
    if (c) fillPanel(c, { direction, credit: '', price: feeds.ticks.rows.get(vtSymbol)?.last_price });
  }, [fillPanel]);
  /** 自选: take a code off (删除自选, Delete) or move it one place up or down. */
  const unwatch = useCallback((vtSymbol: string) => {
    client.request('watchlist/remove', { code: vtSymbol }).catch((e: Error) => toast('error', e.message));
  }, [client, toast]);
  const moveWatched = useCallback((vtSymbol: string, by: number) => {
    const at = watchlist.indexOf(vtSymbol);
    if (at >= 0) client.request('watchlist/move', { code: vtSymbol, to: Math.max(0, at + by) }).catch((e: Error) => toast('error', e.message));
  }, [client, toast]);
  const tickMenu = useCallback((t: TickData): RowMenuItem[] => {
    const at = watchlist.indexOf(t.vt_symbol);
    return [
      { label: '买入', run: () => tradeCode(t.vt_symbol, Direction.LONG) },
      { label: '卖出', run: () => tradeCode(t.vt_symbol, Direction.SHORT) },
      ...klineMenu(t.vt_symbol),
      { label: '上移', run: () => moveWatched(t.vt_symbol, -1), disabled: at <= 0 },
      { label: '下移', run: () => moveWatched(t.vt_symbol, 1), disabled: at < 0 || at >= watchlist.entries().length - 1 },
      { label: '删除自选', run: () => unwatch(t.vt_symbol) },
    ];
  }, [tradeCode, moveWatched, unwatch]);
  // Drag a row by its 代码 to reorder 自选: the list's order is what the rows show unless a column sort is set.
  const watchColumns = useMemo<ColDef<TickData>[]>(() => [{ ...tickColumns[0]!, rowDrag: (p) => !p.api.getColumnState().some((c) => c.sort) }, ...tickColumns.slice(1)], []);
  const dropWatched = useCallback((t: TickData, over: number) => {
    if (over !== watchlist.indexOf(t.vt_symbol)) client.request('watchlist/move', { code: t.vt_symbol, to: over }).catch((e: Error) => toast('error', e.message));
  }, [client, toast]);
  const tickKey = useCallback((key: string, t: TickData) => {
    if (key !== 'Delete') return false;
    unwatch(t.vt_symbol);
    return true;
  }, [unwatch]);
  const positionMenu = useCallback((p: PositionData): RowMenuItem[] => [
    { label: '买入', run: () => tradeCode(p.vt_symbol, Direction.LONG) },
    { label: '卖出', run: () => tradeCode(p.vt_symbol, Direction.SHORT) },
    { label: '平仓', run: () => closePosition(p), disabled: positionAvailable(p) <= 0 },
    ...klineMenu(p.vt_symbol),
  ], [tradeCode, closePosition]);
  const orderMenu = useCallback((o: OrderData): RowMenuItem[] => [{ label: '撤单', run: () => cancelOrder(o), disabled: !isActive(o) }], [cancelOrder]);
  const named = useMemo(() => ['name', 'unit', 'credit'], []);
  const ticking = useMemo(() => ['datetime', 'last_price'], []);

  const watch = useCallback((vtSymbol: string) => {
    client.request('watchlist/add', { code: vtSymbol }).catch((e: Error) => toast('error', e.message));
  }, [client, toast]);
  /** A 合约 row: its K线图, and 加入自选 unless 行情 already lists it. */
  const contractMenu = useCallback((c: ContractData): RowMenuItem[] => [
    ...klineMenu(c.vt_symbol),
    { label: '加入自选', run: () => watch(c.vt_symbol), disabled: watchlist.indexOf(c.vt_symbol) >= 0 },
  ], [watch]);

  const top: Tab[] = [
    { id: 'ticks', label: '行情', body: (shown) => <MonitorGrid shown={shown} gridId="ticks" client={client} feed={watchlist.feed} columns={watchColumns} onRowDoubleClicked={onTick} rowMenu={tickMenu} onRowKey={tickKey} onRowDropped={dropWatched} lookupColumns={named} tickingColumns={ticking} /> },
    { id: 'contracts', label: '合约', body: (shown) => <MonitorGrid shown={shown} gridId="contracts" client={client} feed={feeds.contracts} columns={contractColumns} onRowDoubleClicked={onContract} rowMenu={contractMenu} /> },
  ];
  const bottom: Tab[] = [
    {
      id: 'orders',
      label: '委托',
      body: (shown) => <MonitorGrid shown={shown} key={activeOnly ? 'active' : 'all'} gridId={activeOnly ? 'orders-active' : 'orders'} client={client} feed={feeds.orders} columns={orderColumns} include={activeOnly ? isActive : undefined} onRowDoubleClicked={onOrder} rowMenu={orderMenu} lookupColumns={named} newestFirst />,
    },
    { id: 'trades', label: '成交', body: (shown) => <MonitorGrid shown={shown} gridId="trades" client={client} feed={feeds.trades} columns={tradeColumns} lookupColumns={named} newestFirst /> },
    { id: 'positions', label: '持仓', body: (shown) => <MonitorGrid shown={shown} gridId="positions" client={client} feed={feeds.positions} columns={positionColumns} include={isHeld} onRowDoubleClicked={onPosition} rowMenu={positionMenu} lookupColumns={named} /> },
    { id: 'accounts', label: '资金', body: (shown) => <MonitorGrid shown={shown} gridId="accounts" client={client} feed={feeds.accounts} columns={accountColumns} /> },
    { id: 'credit', label: '两融', body: (shown) => <CreditMonitor client={client} shown={shown} /> },
    { id: 'logs', label: '日志', body: (shown) => <MonitorGrid shown={shown} gridId="logs" client={client} feed={feeds.logs} columns={logColumns} newestFirst maxRows={LOG_KEEP} /> },
  ];
  return (
    <SplitPane className="monitors" orientation="rows" layoutKey="split.monitors" initial={0.45} min={0.15} max={0.85} client={client}>
      <Tabs group="top" tabs={top} extra={(active) => active === 'ticks' && <WatchlistAdd client={client} />} />
      <Tabs
        group="bottom"
        tabs={bottom}
        extra={(active) =>
          active === 'orders' && (
            <span className="switch" role="radiogroup" aria-label="委托筛选">
              <label><input type="radio" name="order-filter" data-testid="orders-all" checked={!activeOnly} onChange={() => setActiveOnly(false)} />全部</label>
              <label><input type="radio" name="order-filter" data-testid="orders-active" checked={activeOnly} onChange={() => setActiveOnly(true)} />可撤</label>
            </span>
          )
        }
      />
    </SplitPane>
  );
}
