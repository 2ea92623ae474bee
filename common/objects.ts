/**
 * Trader objects after vn.py's trader/object.py, with A-share fields added. Fields are
 * snake_case on purpose: they are wire objects, and vn.py, jqtrade and Ptrade users know
 * them by these names. Times are epoch milliseconds.
 */
import { Status, type Board, type Direction, type Exchange, type LogLevel, type Market, type Offset, type OrderType, type Product } from './constants';
import type { CreditOrderType } from './credit';

/** Level-1 quote with 5 levels of depth. A missing level has price 0 and volume 0. */
export interface TickData {
  gateway_name: string;
  symbol: string;
  exchange: Exchange;
  /** symbol.EXCHANGE, e.g. 600000.SSE */
  vt_symbol: string;
  datetime: number;
  name: string;
  /** cumulative volume of the day, in shares */
  volume: number;
  /** cumulative turnover of the day, in CNY */
  turnover: number;
  last_price: number;
  last_volume: number;
  limit_up: number;
  limit_down: number;
  open_price: number;
  high_price: number;
  low_price: number;
  pre_close: number;
  bid_price_1: number; bid_price_2: number; bid_price_3: number; bid_price_4: number; bid_price_5: number;
  ask_price_1: number; ask_price_2: number; ask_price_3: number; ask_price_4: number; ask_price_5: number;
  bid_volume_1: number; bid_volume_2: number; bid_volume_3: number; bid_volume_4: number; bid_volume_5: number;
  ask_volume_1: number; ask_volume_2: number; ask_volume_3: number; ask_volume_4: number; ask_volume_5: number;
  /** futures: open interest (持仓量) */
  open_interest?: number;
  /** futures: yesterday's settlement price (昨结算) */
  pre_settlement?: number;
  /** futures: today's settlement price once published; 0 before */
  settlement?: number;
  /** futures: the trading day the quote belongs to, YYYYMMDD (a night session belongs to the next day) */
  trading_day?: string;
}

/** One order as the counter reports it. */
export interface OrderData {
  gateway_name: string;
  symbol: string;
  exchange: Exchange;
  vt_symbol: string;
  /** id unique within the gateway */
  orderid: string;
  /** gateway_name.orderid */
  vt_orderid: string;
  type: OrderType;
  direction: Direction;
  offset: Offset;
  price: number;
  volume: number;
  traded: number;
  status: Status;
  datetime: number;
  /** who sent it: "manual", a strategy's name, ... */
  reference: string;
  /** why it was rejected or cancelled, in Chinese; "" otherwise */
  status_msg: string;
  /** the credit order type on a credit account (融资买入 …); absent on a cash account */
  credit?: CreditOrderType;
}

/** One fill. Fees are the counter's own figures, in CNY. */
export interface TradeData {
  gateway_name: string;
  symbol: string;
  exchange: Exchange;
  vt_symbol: string;
  orderid: string;
  vt_orderid: string;
  tradeid: string;
  /** gateway_name.tradeid: the key a replayed fill is recognised by */
  vt_tradeid: string;
  direction: Direction;
  offset: Offset;
  price: number;
  volume: number;
  datetime: number;
  /** total fees of this fill: commission + stamp duty + transfer fee */
  fee: number;
  commission: number;
  stamp_duty: number;
  transfer_fee: number;
}

/** A holding. For A-shares direction is LONG; yd_volume is what T+1 lets you sell today. */
export interface PositionData {
  gateway_name: string;
  symbol: string;
  exchange: Exchange;
  vt_symbol: string;
  /** gateway_name.vt_symbol.direction */
  vt_positionid: string;
  direction: Direction;
  volume: number;
  /** shares held since before today: the sellable base under T+1 */
  yd_volume: number;
  /** shares locked by working sell orders (futures: lots held by working close orders) */
  frozen: number;
  /** futures: of `frozen`, the lots on yesterday's position (vn.py's yd frozen); absent = unknown, split by the exchange's close rule */
  yd_frozen?: number;
  /** average cost per share, fees included */
  price: number;
  last_price: number;
  /** floating profit: (last_price − price) × volume (futures: the counter's 持仓盈亏, size included) */
  pnl: number;
  /** futures: margin held by this position */
  margin?: number;
  /** futures: average open price (开仓均价); `price` is the counter's position cost per unit */
  open_price?: number;
}

/** Cash account. available = balance − frozen. */
export interface AccountData {
  gateway_name: string;
  accountid: string;
  /** gateway_name.accountid */
  vt_accountid: string;
  /** cash balance (资金余额) */
  balance: number;
  /** cash locked by working buy orders, fees included */
  frozen: number;
  available: number;
  /** market value of the positions at the latest price */
  market_value: number;
  /** futures: margin held by positions (占用保证金) */
  margin?: number;
  /** futures: margin locked by working orders */
  frozen_margin?: number;
  /** futures: commission locked by working orders */
  frozen_commission?: number;
  /** futures: today's realised PnL (平仓盈亏), as the counter reports it */
  close_pnl?: number;
  /** futures: floating PnL of the positions (持仓盈亏) */
  position_pnl?: number;
  /** futures: today's commission (手续费) */
  commission?: number;
  /** futures: yesterday's balance (上日结存) */
  pre_balance?: number;
}

/**
 * Commission rates of a futures contract, named after CTP's instrument commission rate: each
 * fill pays amount × ratio_by_money + lots × ratio_by_volume, with separate rates for opening,
 * closing yesterday's position and closing today's (平今).
 */
export interface CommissionRates {
  /** 开仓, fraction of the traded amount (price × lots × size) */
  open_ratio_by_money: number;
  /** 开仓, CNY per lot */
  open_ratio_by_volume: number;
  /** 平仓 of yesterday's position, fraction of the amount */
  close_ratio_by_money: number;
  /** 平仓 of yesterday's position, CNY per lot */
  close_ratio_by_volume: number;
  /** 平今, fraction of the amount */
  close_today_ratio_by_money: number;
  /** 平今, CNY per lot */
  close_today_ratio_by_volume: number;
}

/**
 * A tradable instrument with the rules that apply to it. The A-share fields are always
 * present; the futures fields (product_id … pre_settlement) are present on futures contracts
 * and absent on A-shares.
 */
export interface ContractData {
  gateway_name: string;
  symbol: string;
  exchange: Exchange;
  vt_symbol: string;
  name: string;
  product: Product;
  /** A-share listing board; absent on futures */
  board?: Board;
  /** contract multiplier (合约乘数); 1 for A-shares, e.g. 300 for IF, 10 for rb */
  size: number;
  pricetick: number;
  /** smallest buy order (100 on main board, 200 on STAR); for futures the smallest limit order, in lots */
  min_volume: number;
  /** step above min_volume for buys (100 main board/ChiNext, 1 STAR/BSE) */
  volume_step: number;
  /** largest limit order */
  max_limit_volume: number;
  /** largest market order */
  max_market_volume: number;
  pre_close: number;
  limit_up: number;
  limit_down: number;
  is_st: boolean;
  /** T+0 products (bond, gold, cross-border, money-market ETFs) */
  t0: boolean;
  /** 融资标的 */
  fin_eligible: boolean;
  /** 融券标的 */
  slo_eligible: boolean;
  /** whose rules apply (common/markets); absent = the market of its exchange */
  market?: Market;
  /** futures: the product (品种) code, e.g. rb, IF, MA */
  product_id?: string;
  /** futures: smallest market order in lots (min_volume is the smallest limit order) */
  min_market_volume?: number;
  /** futures: margin of a long position as a fraction of its value (多头保证金率) */
  long_margin_ratio?: number;
  /** futures: margin of a short position as a fraction of its value (空头保证金率) */
  short_margin_ratio?: number;
  /** futures: commission rates for open, close and close-today */
  commission?: CommissionRates;
  /** futures: last trading day (最后交易日), YYYY-MM-DD */
  expiry?: string;
  /** futures: daily price limit as a fraction of the previous settlement price (涨跌停板幅度) */
  limit_ratio?: number;
  /** futures: previous trading day's settlement price (昨结算), the base of limits and margin */
  pre_settlement?: number;
}

/** One line of the log monitor. */
export interface LogData {
  datetime: number;
  level: LogLevel;
  msg: string;
  /** gateway or module the line came from */
  gateway_name: string;
}

/** What the trader or a strategy asks to send. */
export interface OrderRequest {
  symbol: string;
  exchange: Exchange;
  direction: Direction;
  type: OrderType;
  volume: number;
  price: number;
  offset: Offset;
  reference: string;
  /** the credit order type on a credit account; absent = an ordinary cash order */
  credit?: CreditOrderType;
}

export interface CancelRequest {
  orderid: string;
  symbol: string;
  exchange: Exchange;
}

export interface SubscribeRequest {
  symbol: string;
  exchange: Exchange;
}

export function vtSymbolOf(symbol: string, exchange: Exchange): string {
  return `${symbol}.${exchange}`;
}

export function vtIdOf(gatewayName: string, id: string): string {
  return `${gatewayName}.${id}`;
}

export function vtPositionIdOf(gatewayName: string, vtSymbol: string, direction: Direction): string {
  return `${gatewayName}.${vtSymbol}.${direction}`;
}

/**
 * An order as its counter first reports it: the request's fields under the gateway's own id,
 * status 提交中, nothing traded. Every gateway builds its OrderData here, so none forgets a
 * field (the offset, the credit type) the request carried.
 */
export function orderFromRequest(req: OrderRequest, gatewayName: string, orderid: string, datetime: number): OrderData {
  const order: OrderData = {
    gateway_name: gatewayName,
    symbol: req.symbol,
    exchange: req.exchange,
    vt_symbol: vtSymbolOf(req.symbol, req.exchange),
    orderid,
    vt_orderid: vtIdOf(gatewayName, orderid),
    type: req.type,
    direction: req.direction,
    offset: req.offset,
    price: req.price,
    volume: req.volume,
    traded: 0,
    status: Status.SUBMITTING,
    datetime,
    reference: req.reference,
    status_msg: '',
  };
  if (req.credit) order.credit = req.credit;
  return order;
}
