/**
 * Enumerations after vn.py's trader constants. The string values are vn.py's own, so a
 * vn.py user's data and logs read the same here.
 */

/** Order and trade direction; A-shares use LONG for 买入 and SHORT for 卖出. */
export enum Direction {
  LONG = '多',
  SHORT = '空',
  NET = '净',
}

/** Open/close flag; A-share cash orders carry NONE. */
export enum Offset {
  NONE = '',
  OPEN = '开',
  CLOSE = '平',
  CLOSETODAY = '平今',
  CLOSEYESTERDAY = '平昨',
}

/** Order lifecycle status. */
export enum Status {
  SUBMITTING = '提交中',
  NOTTRADED = '未成交',
  PARTTRADED = '部分成交',
  ALLTRADED = '全部成交',
  CANCELLED = '已撤销',
  REJECTED = '拒单',
}

/** Statuses of an order the exchange may still fill or cancel. */
export const ACTIVE_STATUSES: ReadonlySet<Status> = new Set([
  Status.SUBMITTING,
  Status.NOTTRADED,
  Status.PARTTRADED,
]);

/**
 * Order price types. LIMIT is 限价; the others are the exchanges' market order types, named
 * after Ptrade's market_type codes (0–5) and XtQuant's price types.
 */
export enum OrderType {
  LIMIT = '限价',
  /** 0 对手方最优价格 (SSE, SZSE, BSE) */
  BEST_COUNTERPARTY = '对手方最优',
  /** 1 最优五档即时成交剩余转限价 (SSE) */
  BEST5_TO_LIMIT = '最优五档转限价',
  /** 2 本方最优价格 (SSE, SZSE, BSE) */
  BEST_OWN = '本方最优',
  /** 3 即时成交剩余撤销 (SZSE, BSE) */
  IOC = '即时成交剩余撤销',
  /** 4 最优五档即时成交剩余撤销 (SSE, SZSE, BSE) */
  BEST5_IOC = '最优五档剩余撤销',
  /** 5 全额成交或撤单 (SZSE, BSE) */
  FOK = '全额成交或撤单',
}

/** Exchanges, with vn.py's names. */
export enum Exchange {
  SSE = 'SSE',
  SZSE = 'SZSE',
  BSE = 'BSE',
  /** 中国金融期货交易所 */
  CFFEX = 'CFFEX',
  /** 上海期货交易所 */
  SHFE = 'SHFE',
  /** 大连商品交易所 */
  DCE = 'DCE',
  /** 郑州商品交易所 */
  CZCE = 'CZCE',
  /** 上海国际能源交易中心 */
  INE = 'INE',
  /** 广州期货交易所 */
  GFEX = 'GFEX',
}

/**
 * The market whose rules a contract follows (common/markets): lots, ticks, T+1 or T+0,
 * fees, what a fill does to positions. A contract names it, or its exchange implies it.
 */
export enum Market {
  /** A-shares, funds and bonds on SSE, SZSE and BSE */
  CN_STOCK = 'cn-stock',
  /** China futures on CFFEX, SHFE, DCE, CZCE, INE and GFEX */
  CN_FUTURES = 'cn-futures',
}

/** Product class of a contract. */
export enum Product {
  EQUITY = '股票',
  ETF = 'ETF',
  FUND = '基金',
  BOND = '债券',
  INDEX = '指数',
  FUTURES = '期货',
  /** reserved: no option rules yet */
  OPTION = '期权',
  /** exchange combinations (套利组合), as CTP lists them */
  SPREAD = '价差',
}

/** A-share listing board; decides lots, per-order caps and price limits. */
export enum Board {
  MAIN = '主板',
  CHINEXT = '创业板',
  STAR = '科创板',
  BSE = '北交所',
  FUND = '基金',
}

/** Severity of a log record. */
export enum LogLevel {
  DEBUG = 'DEBUG',
  INFO = 'INFO',
  WARNING = 'WARNING',
  ERROR = 'ERROR',
}

/** Connection state of a gateway instance, shown in the status bar. */
export enum GatewayStatus {
  DISCONNECTED = '未连接',
  CONNECTING = '连接中',
  CONNECTED = '已连接',
  ERROR = '出错',
}

/** Ptrade market_type code for each market order type. */
export const MARKET_TYPE_CODE: Readonly<Record<Exclude<OrderType, OrderType.LIMIT>, number>> = {
  [OrderType.BEST_COUNTERPARTY]: 0,
  [OrderType.BEST5_TO_LIMIT]: 1,
  [OrderType.BEST_OWN]: 2,
  [OrderType.IOC]: 3,
  [OrderType.BEST5_IOC]: 4,
  [OrderType.FOK]: 5,
};

/**
 * Order types besides LIMIT that each exchange accepts (docs/a-share-rules.md, "Market order
 * types"). On the futures exchanges IOC and FOK are FAK and FOK: with a price they are limit
 * orders that fill at once or cancel (every futures exchange takes them); without a price they
 * are market orders, which CFFEX, DCE, CZCE and GFEX take and SHFE and INE refuse — that part
 * is checked in markets/cn-futures/order-checks.ts.
 */
export const MARKET_TYPES_BY_EXCHANGE: Readonly<Record<Exchange, readonly OrderType[]>> = {
  [Exchange.SSE]: [OrderType.BEST_COUNTERPARTY, OrderType.BEST5_TO_LIMIT, OrderType.BEST_OWN, OrderType.BEST5_IOC],
  [Exchange.SZSE]: [OrderType.BEST_COUNTERPARTY, OrderType.BEST_OWN, OrderType.IOC, OrderType.BEST5_IOC, OrderType.FOK],
  [Exchange.BSE]: [OrderType.BEST_COUNTERPARTY, OrderType.BEST_OWN, OrderType.IOC, OrderType.BEST5_IOC, OrderType.FOK],
  [Exchange.CFFEX]: [OrderType.IOC, OrderType.FOK],
  [Exchange.SHFE]: [OrderType.IOC, OrderType.FOK],
  [Exchange.DCE]: [OrderType.IOC, OrderType.FOK],
  [Exchange.CZCE]: [OrderType.IOC, OrderType.FOK],
  [Exchange.INE]: [OrderType.IOC, OrderType.FOK],
  [Exchange.GFEX]: [OrderType.IOC, OrderType.FOK],
};
