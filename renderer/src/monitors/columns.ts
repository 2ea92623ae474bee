/**
 * Column definitions of every monitor, after vn.py's monitors plus what an A-share trader
 * expects (可用 on positions, 手续费 on trades). Numeric columns hold numbers (so they sort
 * as numbers) and format only for display. A-share colours: up/buy red, down/sell green.
 */
import type { ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import { Direction, Offset, OrderType } from '../../../common/constants';
import { holdingClosable } from '../../../common/markets/holding-closable';
import type { AccountData, ContractData, OrderData, PositionData, TickData, TradeData } from '../../../common/objects';
import { PANEL_MARKETS } from '../panel/validate-order';
import type { LogRow } from '../state/feeds';
import { feeds } from '../state/feeds';
import { isStale } from '../state/quote-age';
import { offsetLabel } from '../../../common/markets/offset-label';
import { changePercent, directionLabel, formatInt, formatMoney, formatPercent, formatPriceAuto, formatWhen, positionSideLabel, referenceLabel } from './format';

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

/** A price coloured against 昨收, as the 盘口 does: above red, below green. */
function vsPreClose<T extends { pre_close: number }>(field: keyof T & string): ColDef<T>['cellClassRules'] {
  const value = (d: T | undefined) => (d ? Number(d[field]) : 0);
  return {
    'cell-up': (p) => !!p.data && value(p.data) > 0 && value(p.data) > p.data.pre_close,
    'cell-down': (p) => !!p.data && value(p.data) > 0 && value(p.data) < p.data.pre_close,
  };
}

/** The unit a row's volumes are counted in, by its market (股, 张, 手): one unit per market, labelled. */
export function volumeUnitOf(vtSymbol: string): string {
  const contract = feeds.contracts.rows.get(vtSymbol);
  return contract ? (PANEL_MARKETS.find(contract)?.volumeUnit(contract) ?? '') : '';
}

function unit<T extends { vt_symbol: string }>(): ColDef<T> {
  return { headerName: '单位', colId: 'unit', width: 56, valueGetter: (p) => (p.data ? volumeUnitOf(p.data.vt_symbol) : '') };
}

/** A time column: the time of day for today's rows, date and time for older ones. */
function when<T>(field: keyof T & string, width = 90): ColDef<T> {
  return text<T>('时间', field, width, { valueFormatter: (p) => formatWhen(p.value as number) });
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
  text('名称', 'name', 90),
  num('最新价', 'last_price', formatPriceAuto, { width: 80, cellClassRules: { ...vsPreClose<TickData>('last_price'), 'cell-stale': (p) => !!p.data && isStale(p.data.vt_symbol) } }),
  computed('涨跌幅', 'change', (t) => changePercent(t.last_price, t.pre_close), formatPercent, { width: 80, cellClassRules: signColours }),
  num('买1价', 'bid_price_1', formatPriceAuto, { width: 80, cellClassRules: vsPreClose('bid_price_1') }),
  num('买1量', 'bid_volume_1', formatInt, { width: 80 }),
  num('卖1价', 'ask_price_1', formatPriceAuto, { width: 80, cellClassRules: vsPreClose('ask_price_1') }),
  num('卖1量', 'ask_volume_1', formatInt, { width: 80 }),
  num('成交量', 'volume', formatInt, { width: 100 }),
  unit(),
  num('开盘价', 'open_price', formatPriceAuto, { width: 80, cellClassRules: vsPreClose('open_price') }),
  num('最高价', 'high_price', formatPriceAuto, { width: 80, cellClassRules: vsPreClose('high_price') }),
  num('最低价', 'low_price', formatPriceAuto, { width: 80, cellClassRules: vsPreClose('low_price') }),
  num('昨收', 'pre_close', formatPriceAuto, { width: 80 }),
  { ...when<TickData>('datetime', 80), cellClassRules: { 'cell-stale': (p) => !!p.data && isStale(p.data.vt_symbol) } },
  gateway(),
];

/** 类型 as sent: 限价, or 市价 with the exchange's kind (市价·对手方最优). */
export function orderTypeLabel(type: OrderType | string): string {
  return type === OrderType.LIMIT ? '限价' : `市价·${type}`;
}

/** 价格 as sent: a market order has none, or a protection price (SSE) it may not fill beyond. */
export function orderPriceLabel(o: Pick<OrderData, 'type' | 'price'>): string {
  if (o.type === OrderType.LIMIT) return formatPriceAuto(o.price);
  return o.price > 0 ? `市价（保护 ${formatPriceAuto(o.price)}）` : '市价';
}

/** The credit type (融资买入 …) of an order, '' for an ordinary one. */
const creditOf = (vtOrderId: string) => feeds.orders.rows.get(vtOrderId)?.credit ?? '';

export const orderColumns: ColDef<OrderData>[] = [
  when('datetime', 80),
  text('委托号', 'orderid', 100),
  text('代码', 'symbol', 70),
  nameOf(),
  direction(),
  text('信用', 'credit', 80, { valueFormatter: (p) => String(p.value ?? '') }),
  offset(),
  text('类型', 'type', 150, { valueFormatter: (p) => orderTypeLabel(p.value as OrderType) }),
  num('价格', 'price', formatPriceAuto, { width: 130, valueFormatter: (p) => (p.data ? orderPriceLabel(p.data) : '') }),
  num('数量', 'volume', formatInt, { width: 80 }),
  num('已成交', 'traded', formatInt, { width: 70 }),
  text('状态', 'status', 80),
  text('说明', 'status_msg', 200),
  text('来源', 'reference', 80, { valueFormatter: (p) => referenceLabel(p.value as string) }),
  text('交易所', 'exchange', 70),
  gateway(),
];

export const tradeColumns: ColDef<TradeData>[] = [
  when('datetime', 80),
  text('成交号', 'tradeid', 100),
  text('委托号', 'orderid', 100),
  text('代码', 'symbol', 70),
  nameOf(),
  direction(),
  { headerName: '信用', colId: 'credit', width: 80, valueGetter: (p) => (p.data ? creditOf(p.data.vt_orderid) : '') },
  offset(),
  num('价格', 'price', formatPriceAuto, { width: 80 }),
  num('数量', 'volume', formatInt, { width: 80 }),
  computed('成交额', 'amount', (t) => t.price * t.volume * sizeOf(t.vt_symbol), formatMoney, { width: 110 }),
  num('手续费', 'fee', formatMoney, { width: 80, tooltipValueGetter: (p) => (p.data ? `佣金 ${p.data.commission.toFixed(2)}，印花税 ${p.data.stamp_duty.toFixed(2)}，过户费 ${p.data.transfer_fee.toFixed(2)}` : '') }),
  text('交易所', 'exchange', 70),
  gateway(),
];

/**
 * 可用: what the holding may close now, by its market's rules (T+1 for a stock, the whole 融券
 * debt not yet being repaid, 今/昨 for futures) — the same answer the panel and strategies get.
 */
export function positionAvailable(p: PositionData): number {
  const contract = feeds.contracts.rows.get(p.vt_symbol);
  const rules = PANEL_MARKETS.find(contract ?? p);
  if (!rules) return 0;
  return holdingClosable(rules, contract ?? ({ t0: false, exchange: p.exchange } as ContractData), p);
}

/** 方向 of a position as vn.py names it: 多 (long) or 空 (short), in the buy/sell colours. */
const positionDirection: ColDef<PositionData> = { headerName: '方向', field: 'direction', width: 56, valueFormatter: (p) => positionSideLabel(p.value as string), cellClassRules: directionColours };

export const positionColumns: ColDef<PositionData>[] = [
  text('代码', 'symbol', 70),
  nameOf(),
  positionDirection,
  num('数量', 'volume', formatInt, { width: 80 }),
  computed('可用', 'available', positionAvailable, formatInt, { width: 80 }),
  unit(),
  num('均价', 'price', formatPriceAuto, { width: 80 }),
  num('现价', 'last_price', formatPriceAuto, { width: 80 }),
  num('盈亏', 'pnl', formatMoney, { cellClassRules: signColours, width: 100 }),
  computed('市值', 'market_value', (p) => p.last_price * p.volume * sizeOf(p.vt_symbol), formatMoney, { width: 110 }),
  computed('今仓', 'td_volume', (p) => Math.max(0, p.volume - p.yd_volume), formatInt, { width: 70 }),
  num('昨仓', 'yd_volume', formatInt, { width: 70 }),
  num('冻结', 'frozen', formatInt, { width: 70 }),
  num('保证金', 'margin', formatMoney, { width: 110 }),
  text('交易所', 'exchange', 70),
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
  when('datetime', 150),
  // Green reads as "down" here: a warning is amber, an error red.
  text('级别', 'level', 80, { cellClassRules: { 'cell-warning': (p) => p.value === 'WARNING', 'cell-error': (p) => p.value === 'ERROR' } }),
  text('来源', 'gateway_name', 90),
  text('信息', 'msg', 600, { flex: 1 }),
];
