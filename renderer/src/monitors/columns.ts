/**
 * Column definitions of every monitor, after vn.py's monitors plus what an A-share trader
 * expects (可用 on positions, 手续费 on trades). Numeric columns hold numbers (so they sort
 * as numbers) and format only for display. A-share colours: up/buy red, down/sell green.
 */
import type { ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import { Direction, Offset } from '../../../common/constants';
import type { AccountData, ContractData, OrderData, PositionData, TickData, TradeData } from '../../../common/objects';
import type { LogRow } from '../state/feeds';
import { feeds } from '../state/feeds';
import { offsetLabel } from '../../../common/markets/offset-label';
import { changePercent, directionLabel, formatDateTime, formatInt, formatMoney, formatPercent, formatPriceAuto, formatTime } from './format';

type Fmt = (v: number | null | undefined) => string;

function num<T>(headerName: string, field: keyof T & string, fmt: Fmt, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    headerName,
    field: field as unknown as ColDef<T>['field'],
    type: 'numericColumn',
    valueFormatter: (p: ValueFormatterParams<T>) => fmt(p.value as number),
    width: 100,
    ...extra,
  };
}

function computed<T>(headerName: string, colId: string, get: (row: T) => number | null, fmt: Fmt, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    headerName,
    colId,
    type: 'numericColumn',
    valueGetter: (p: ValueGetterParams<T>) => (p.data ? get(p.data) : null),
    valueFormatter: (p: ValueFormatterParams<T>) => fmt(p.value as number),
    width: 100,
    ...extra,
  };
}

function text<T>(headerName: string, field: keyof T & string, width = 90, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return { headerName, field: field as unknown as ColDef<T>['field'], width, ...extra };
}

const signColours = { 'cell-up': (p: { value: unknown }) => Number(p.value) > 0, 'cell-down': (p: { value: unknown }) => Number(p.value) < 0 };
const directionColours = { 'cell-up': (p: { value: unknown }) => p.value === Direction.LONG, 'cell-down': (p: { value: unknown }) => p.value === Direction.SHORT };

function direction<T>(): ColDef<T> {
  return { headerName: '方向', field: 'direction' as unknown as ColDef<T>['field'], width: 70, valueFormatter: (p) => directionLabel(p.value as string), cellClassRules: directionColours };
}

/** 开平 of an order or trade: blank for A-shares (no offset). */
function offset<T>(): ColDef<T> {
  return { headerName: '开平', field: 'offset' as unknown as ColDef<T>['field'], width: 60, valueFormatter: (p) => (p.value && p.value !== Offset.NONE ? offsetLabel(p.value as Offset) : '') };
}

/** The contract multiplier (1 for A-shares): what a futures position's value and PnL are scaled by. */
function sizeOf(vtSymbol: string): number {
  return feeds.contracts.rows.get(vtSymbol)?.size || 1;
}

function nameOf<T extends { vt_symbol: string }>(): ColDef<T> {
  return { headerName: '名称', colId: 'name', width: 100, valueGetter: (p) => (p.data ? (feeds.contracts.rows.get(p.data.vt_symbol)?.name ?? '') : '') };
}

const gateway = <T,>(): ColDef<T> => text<T>('接口', 'gateway_name' as keyof T & string, 80);

export const tickColumns: ColDef<TickData>[] = [
  text('代码', 'symbol', 80),
  text('交易所', 'exchange', 70),
  text('名称', 'name', 100),
  num('最新价', 'last_price', formatPriceAuto, { cellClassRules: { 'cell-up': (p) => !!p.data && p.data.last_price > p.data.pre_close, 'cell-down': (p) => !!p.data && p.data.last_price < p.data.pre_close } }),
  computed('涨跌幅', 'change', (t) => changePercent(t.last_price, t.pre_close), formatPercent, { cellClassRules: signColours }),
  num('成交量', 'volume', formatInt, { width: 110 }),
  num('开盘价', 'open_price', formatPriceAuto),
  num('最高价', 'high_price', formatPriceAuto),
  num('最低价', 'low_price', formatPriceAuto),
  num('昨收', 'pre_close', formatPriceAuto),
  num('买1价', 'bid_price_1', formatPriceAuto, { cellClass: 'cell-up' }),
  num('买1量', 'bid_volume_1', formatInt),
  num('卖1价', 'ask_price_1', formatPriceAuto, { cellClass: 'cell-down' }),
  num('卖1量', 'ask_volume_1', formatInt),
  text('时间', 'datetime', 90, { valueFormatter: (p) => formatTime(p.value as number) }),
  gateway(),
];

export const orderColumns: ColDef<OrderData>[] = [
  text('委托号', 'orderid', 110),
  text('来源', 'reference', 80),
  text('代码', 'symbol', 80),
  text('交易所', 'exchange', 70),
  nameOf(),
  text('类型', 'type', 100),
  direction(),
  offset(),
  num('价格', 'price', formatPriceAuto),
  num('数量', 'volume', formatInt),
  num('已成交', 'traded', formatInt),
  text('状态', 'status', 90),
  text('说明', 'status_msg', 220),
  text('时间', 'datetime', 150, { valueFormatter: (p) => formatDateTime(p.value as number) }),
  gateway(),
];

export const tradeColumns: ColDef<TradeData>[] = [
  text('成交号', 'tradeid', 110),
  text('委托号', 'orderid', 110),
  text('代码', 'symbol', 80),
  text('交易所', 'exchange', 70),
  nameOf(),
  direction(),
  offset(),
  num('价格', 'price', formatPriceAuto),
  num('数量', 'volume', formatInt),
  computed('成交额', 'amount', (t) => t.price * t.volume * sizeOf(t.vt_symbol), formatMoney, { width: 120 }),
  num('手续费', 'fee', formatMoney, { tooltipValueGetter: (p) => (p.data ? `佣金 ${p.data.commission.toFixed(2)}，印花税 ${p.data.stamp_duty.toFixed(2)}，过户费 ${p.data.transfer_fee.toFixed(2)}` : '') }),
  text('时间', 'datetime', 150, { valueFormatter: (p) => formatDateTime(p.value as number) }),
  gateway(),
];

/** 可用 under T+1: yesterday's shares less what working sells hold. */
export function positionAvailable(p: PositionData): number {
  const t0 = feeds.contracts.rows.get(p.vt_symbol)?.t0 ?? false;
  return Math.max(0, (t0 ? p.volume : p.yd_volume) - p.frozen);
}

/** 方向 of a position as vn.py names it: 多 (long) or 空 (short), in the buy/sell colours. */
const positionDirection: ColDef<PositionData> = { headerName: '方向', field: 'direction', width: 60, cellClassRules: directionColours };

export const positionColumns: ColDef<PositionData>[] = [
  text('代码', 'symbol', 80),
  text('交易所', 'exchange', 70),
  nameOf(),
  positionDirection,
  num('数量', 'volume', formatInt),
  computed('今仓', 'td_volume', (p) => Math.max(0, p.volume - p.yd_volume), formatInt),
  num('昨仓', 'yd_volume', formatInt),
  computed('可用', 'available', positionAvailable, formatInt),
  num('冻结', 'frozen', formatInt),
  num('均价', 'price', formatPriceAuto),
  num('现价', 'last_price', formatPriceAuto),
  computed('市值', 'market_value', (p) => p.last_price * p.volume * sizeOf(p.vt_symbol), formatMoney, { width: 120 }),
  num('盈亏', 'pnl', formatMoney, { cellClassRules: signColours, width: 110 }),
  num('保证金', 'margin', formatMoney, { width: 110 }),
  gateway(),
];

export const accountColumns: ColDef<AccountData>[] = [
  text('账号', 'accountid', 110),
  num('余额', 'balance', formatMoney, { width: 130 }),
  num('冻结', 'frozen', formatMoney, { width: 120 }),
  num('可用', 'available', formatMoney, { width: 130 }),
  num('市值', 'market_value', formatMoney, { width: 130 }),
  // A futures account's balance is already its equity (动态权益): its positions' value is not added.
  computed('总资产', 'total', (a) => (a.margin !== undefined ? a.balance : a.balance + a.market_value), formatMoney, { width: 140 }),
  num('保证金', 'margin', formatMoney, { width: 120 }),
  num('平仓盈亏', 'close_pnl', formatMoney, { width: 110, cellClassRules: signColours }),
  num('持仓盈亏', 'position_pnl', formatMoney, { width: 110, cellClassRules: signColours }),
  num('手续费', 'commission', formatMoney, { width: 100 }),
  gateway(),
];

export const contractColumns: ColDef<ContractData>[] = [
  text('代码', 'symbol', 80),
  text('交易所', 'exchange', 70),
  text('名称', 'name', 110),
  text('类别', 'board', 80, { valueGetter: (p) => p.data?.board ?? p.data?.product ?? '' }),
  num('合约乘数', 'size', formatInt),
  num('保证金率', 'long_margin_ratio', (v) => (v === null || v === undefined ? '' : `${(v * 100).toFixed(1)}%`)),
  num('最小委托量', 'min_volume', formatInt),
  num('价格跳动', 'pricetick', (v) => (v === null || v === undefined ? '' : String(v))),
  num('涨停', 'limit_up', formatPriceAuto, { cellClass: 'cell-up' }),
  num('跌停', 'limit_down', formatPriceAuto, { cellClass: 'cell-down' }),
  num('昨收', 'pre_close', formatPriceAuto),
  text('融资标的', 'fin_eligible', 80, { cellDataType: 'text', valueFormatter: (p) => (p.value ? '是' : '') }),
  text('融券标的', 'slo_eligible', 80, { cellDataType: 'text', valueFormatter: (p) => (p.value ? '是' : '') }),
  gateway(),
];

export const logColumns: ColDef<LogRow>[] = [
  text('时间', 'datetime', 150, { valueFormatter: (p) => formatDateTime(p.value as number) }),
  text('级别', 'level', 80, { cellClassRules: { 'cell-down': (p) => p.value === 'WARNING', 'cell-error': (p) => p.value === 'ERROR' } }),
  text('来源', 'gateway_name', 90),
  text('信息', 'msg', 600, { flex: 1 }),
];
