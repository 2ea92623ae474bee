/** Columns of the 两融 tab's grids: 负债合约, 标的, 可融券, 担保品. */
import type { ColDef } from 'ag-grid-community';
import type { CompactData, CreditAssetData } from '../../../common/credit';
import { feeds } from '../state/feeds';
import { formatInt, formatMoney, formatPercent } from './format';

const name = <T extends { vt_symbol: string }>(): ColDef<T> => ({
  headerName: '名称',
  colId: 'name',
  width: 100,
  valueGetter: (p) => (p.data ? (feeds.contracts.rows.get(p.data.vt_symbol)?.name ?? '') : ''),
});
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatPercent(v * 100).replace('+', ''));

export const compactColumns: ColDef<CompactData>[] = [
  { headerName: '合约编号', field: 'compact_id', width: 110 },
  { headerName: '类型', field: 'compact_type', width: 70, cellClassRules: { 'cell-up': (p) => p.value === '融资', 'cell-down': (p) => p.value === '融券' } },
  { headerName: '代码', field: 'symbol', width: 80 },
  name<CompactData>(),
  { headerName: '开仓日期', field: 'open_date', width: 100 },
  { headerName: '到期日', field: 'ret_end_date', width: 100 },
  { headerName: '合约数量', field: 'business_vol', type: 'numericColumn', width: 90, valueFormatter: (p) => formatInt(p.value as number) },
  { headerName: '未还数量', field: 'real_compact_vol', type: 'numericColumn', width: 90, valueFormatter: (p) => formatInt(p.value as number) },
  { headerName: '合约金额', field: 'business_balance', type: 'numericColumn', width: 110, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '未还金额', field: 'real_compact_balance', type: 'numericColumn', width: 110, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '合约息费', field: 'business_fare', type: 'numericColumn', width: 90, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '未还息费', field: 'real_compact_fare', type: 'numericColumn', width: 90, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '已还金额', field: 'repaid_balance', type: 'numericColumn', width: 100, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '已还息费', field: 'repaid_fare', type: 'numericColumn', width: 90, valueFormatter: (p) => formatMoney(p.value as number) },
  { headerName: '年利率', field: 'rate', type: 'numericColumn', width: 80, valueFormatter: (p) => pct(p.value as number) },
  { headerName: '状态', field: 'closed', width: 80, cellDataType: 'text', valueFormatter: (p) => (p.value ? '已了结' : '未了结') },
  { headerName: '接口', field: 'gateway_name', width: 80 },
];

export const subjectColumns: ColDef<CreditAssetData>[] = [
  { headerName: '代码', field: 'symbol', width: 80 },
  { headerName: '交易所', field: 'exchange', width: 70 },
  name<CreditAssetData>(),
  { headerName: '融资标的', field: 'fin_status', width: 80, cellDataType: 'text', valueFormatter: (p) => (p.value ? '是' : '否') },
  { headerName: '融资保证金比例', field: 'fin_ratio', type: 'numericColumn', width: 120, valueFormatter: (p) => pct(p.value as number) },
  { headerName: '融券标的', field: 'slo_status', width: 80, cellDataType: 'text', valueFormatter: (p) => (p.value ? '是' : '否') },
  { headerName: '融券保证金比例', field: 'slo_ratio', type: 'numericColumn', width: 120, valueFormatter: (p) => pct(p.value as number) },
  { headerName: '接口', field: 'gateway_name', width: 80 },
];

export const lendableColumns: ColDef<CreditAssetData>[] = [
  { headerName: '代码', field: 'symbol', width: 80 },
  { headerName: '交易所', field: 'exchange', width: 70 },
  name<CreditAssetData>(),
  { headerName: '可融数量', field: 'enable_amount', type: 'numericColumn', width: 110, valueFormatter: (p) => formatInt(p.value as number) },
  { headerName: '融券保证金比例', field: 'slo_ratio', type: 'numericColumn', width: 120, valueFormatter: (p) => pct(p.value as number) },
  { headerName: '接口', field: 'gateway_name', width: 80 },
];

export const collateralColumns: ColDef<CreditAssetData>[] = [
  { headerName: '代码', field: 'symbol', width: 80 },
  { headerName: '交易所', field: 'exchange', width: 70 },
  name<CreditAssetData>(),
  { headerName: '可充抵保证金', field: 'assure_status', width: 110, cellDataType: 'text', valueFormatter: (p) => (p.value ? '是' : '否') },
  { headerName: '折算率', field: 'assure_ratio', type: 'numericColumn', width: 90, valueFormatter: (p) => pct(p.value as number) },
  { headerName: '接口', field: 'gateway_name', width: 80 },
];
