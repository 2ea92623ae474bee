/**
 * A finished run: what ran (file, code, bars, time), vn.py's statistics, the three charts
 * (账户净值, 净值回撤, 每日盈亏), the trades, the daily table and the strategy's log.
 */
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import { Direction } from '../../../common/constants';
import type { DailyResultRow } from '../../../common/backtest/daily-table';
import type { BacktestReport, BacktestTradeRow } from '../../../common/backtest/report';
import { directionLabel, reportCharts, statisticRows } from '../../../common/backtest/report-format';
import { formatDateTime, formatInt, formatMoney, formatPriceAuto } from '../../../renderer/src/monitors/format';
import { GRID_LOCALE, gridTheme } from '../../../renderer/src/ui/grid-theme';
import type { AppClient } from '../../../renderer/src/bridge/transport';
import { BacktestChart } from './BacktestChart';
import { BacktestKline } from './BacktestKline';

const CHART_IDS = ['balance', 'drawdown', 'pnl'] as const;

const tradeColumns: ColDef<BacktestTradeRow>[] = [
  { headerName: '时间', field: 'datetime', width: 150, valueFormatter: (p) => formatDateTime(p.value as number) },
  { headerName: '方向', field: 'direction', width: 70, valueFormatter: (p) => directionLabel(p.value as BacktestTradeRow['direction']), cellClassRules: { 'cell-up': (p) => p.value === Direction.LONG, 'cell-down': (p) => p.value === Direction.SHORT } },
  { headerName: '价格', field: 'price', type: 'numericColumn', width: 90, valueFormatter: (p) => formatPriceAuto(p.value as number) },
  { headerName: '数量', field: 'volume', type: 'numericColumn', width: 90, valueFormatter: (p) => formatInt(p.value as number) },
  { headerName: '金额', field: 'amount', type: 'numericColumn', width: 120, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '费用', field: 'fee', type: 'numericColumn', width: 90, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '滑点', field: 'slippage', type: 'numericColumn', width: 90, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '委托号', field: 'order_id', width: 100 },
  { headerName: '成交号', field: 'trade_id', flex: 1 },
];

const money = (p: { value: unknown }) => formatMoney(p.value as number);
const dailyColumns: ColDef<DailyResultRow>[] = [
  { headerName: '日期', field: 'date', width: 110 },
  { headerName: '收盘价', field: 'close_price', type: 'numericColumn', width: 90, valueFormatter: (p) => formatPriceAuto(p.value as number) },
  { headerName: '结束持仓', field: 'end_pos', type: 'numericColumn', width: 100, valueFormatter: (p) => formatInt(p.value as number) },
  { headerName: '成交笔数', field: 'trade_count', type: 'numericColumn', width: 90 },
  { headerName: '成交额', field: 'turnover', type: 'numericColumn', width: 120, valueFormatter: money },
  { headerName: '手续费', field: 'commission', type: 'numericColumn', width: 90, valueFormatter: money },
  { headerName: '滑点', field: 'slippage', type: 'numericColumn', width: 90, valueFormatter: money },
  { headerName: '交易盈亏', field: 'trading_pnl', type: 'numericColumn', width: 110, valueFormatter: money },
  { headerName: '持仓盈亏', field: 'holding_pnl', type: 'numericColumn', width: 110, valueFormatter: money },
  { headerName: '净盈亏', field: 'net_pnl', type: 'numericColumn', flex: 1, valueFormatter: money, cellClassRules: { 'cell-up': (p) => (p.value as number) > 0, 'cell-down': (p) => (p.value as number) < 0 } },
];

type Tab = 'overview' | 'kline' | 'trades' | 'daily' | 'logs';

export function BacktestResult({ client, report }: { client: AppClient; report: BacktestReport }) {
  const [tab, setTab] = useState<Tab>('overview');
  const charts = useMemo(() => reportCharts(report), [report]);
  const stats = useMemo(() => statisticRows(report.statistics), [report]);
  const tabs: [Tab, string][] = [['overview', '统计与图表'], ['kline', 'K线图'], ['trades', `成交记录（${report.trades.length}）`], ['daily', `逐日盈亏（${report.daily.length}）`], ['logs', `日志（${report.logs.length + report.logs_dropped}）`]];
  return (
    <section className="bt-result" data-testid="bt-result">
      <div className="bt-summary" data-testid="bt-summary">
        {report.file_name} · {report.vt_symbol} · {report.interval === '1d' ? '日线' : '1 分钟'} · {report.start} 至 {report.end} · {formatInt(report.bars)} 根K线 · 委托 {report.orders}
        {report.rejected ? `（拒单 ${report.rejected}）` : ''}
        {report.errors ? ` · 回调出错 ${report.errors}` : ''} · 用时 {(report.elapsed_ms / 1000).toFixed(2)} 秒
      </div>
      <nav className="bt-tabs">
        {tabs.map(([id, label]) => (
          <button key={id} className={tab === id ? 'active' : ''} data-tab={id} onClick={() => setTab(id)}>{label}</button>
        ))}
      </nav>
      {tab === 'overview' && (
        <div className="bt-overview">
          <table className="bt-stats" data-testid="bt-stats">
            <tbody>
              {stats.map(([key, label, text]) => (
                <tr key={key} data-stat={key}>
                  <th>{label}</th>
                  <td>{text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="bt-charts" data-testid="bt-charts">
            {charts.map((c, i) => <BacktestChart key={CHART_IDS[i]} id={CHART_IDS[i]!} series={c} />)}
          </div>
        </div>
      )}
      {tab === 'kline' && (
        <div className="bt-kline">
          <BacktestKline client={client} report={report} />
        </div>
      )}
      {tab === 'trades' && (
        <div className="monitor bt-grid" data-grid="bt-trades">
          <AgGridReact<BacktestTradeRow> theme={gridTheme} rowData={report.trades} columnDefs={tradeColumns} getRowId={(p) => p.data.trade_id} localeText={GRID_LOCALE} suppressCellFocus />
        </div>
      )}
      {tab === 'daily' && (
        <div className="monitor bt-grid" data-grid="bt-daily">
          <AgGridReact<DailyResultRow> theme={gridTheme} rowData={report.daily} columnDefs={dailyColumns} getRowId={(p) => p.data.date} localeText={GRID_LOCALE} suppressCellFocus />
        </div>
      )}
      {tab === 'logs' && (
        <pre className="bt-log" data-testid="bt-log">
          {report.logs.map((l) => `${formatDateTime(l.datetime)} ${l.level} ${l.msg}`).join('\n')}
          {report.logs_dropped ? `\n……另有 ${report.logs_dropped} 行未保留` : ''}
        </pre>
      )}
    </section>
  );
}
