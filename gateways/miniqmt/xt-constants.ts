/**
 * The xtconstant values the MINIQMT gateway sends and reads, as XtQuant's xttrader
 * documentation gives them (docs/miniqmt.md, "What maps to what"). Names are xtconstant's
 * own, so a line here can be checked against the vendor's table by eye.
 */

/** 委托状态 (order_status). */
export const ORDER_UNREPORTED = 48;
export const ORDER_WAIT_REPORTING = 49;
export const ORDER_REPORTED = 50;
export const ORDER_REPORTED_CANCEL = 51;
export const ORDER_PARTSUCC_CANCEL = 52;
export const ORDER_PART_CANCEL = 53;
export const ORDER_CANCELED = 54;
export const ORDER_PART_SUCC = 55;
export const ORDER_SUCCEEDED = 56;
export const ORDER_JUNK = 57;
export const ORDER_UNKNOWN = 255;

/** 委托类型 (order_type) of a cash account. */
export const STOCK_BUY = 23;
export const STOCK_SELL = 24;

/** 委托类型 of a credit account; CREDIT_BUY/CREDIT_SELL share 23/24 with the cash types. */
export const CREDIT_BUY = 23;
export const CREDIT_SELL = 24;
export const CREDIT_FIN_BUY = 27;
export const CREDIT_SLO_SELL = 28;
export const CREDIT_BUY_SECU_REPAY = 29;
export const CREDIT_DIRECT_SECU_REPAY = 30;
export const CREDIT_SELL_SECU_REPAY = 31;
export const CREDIT_DIRECT_CASH_REPAY = 32;

/** 报价类型 (price_type) sent with an order. */
export const LATEST_PRICE = 5;
export const FIX_PRICE = 11;
/** 上交所/北交所: 最优五档即时成交剩余撤销 */
export const MARKET_SH_CONVERT_5_CANCEL = 42;
/** 上交所/北交所: 最优五档即时成交剩转限价 */
export const MARKET_SH_CONVERT_5_LIMIT = 43;
/** 对手方最优价格委托 (all three exchanges) */
export const MARKET_PEER_PRICE_FIRST = 44;
/** 本方最优价格委托 (all three exchanges) */
export const MARKET_MINE_PRICE_FIRST = 45;
/** 深交所: 即时成交剩余撤销委托 */
export const MARKET_SZ_INSTBUSI_RESTCANCEL = 46;
/** 深交所: 最优五档即时成交剩余撤销 */
export const MARKET_SZ_CONVERT_5_CANCEL = 47;
/** 深交所: 全额成交或撤销委托 */
export const MARKET_SZ_FULL_OR_CANCEL = 48;

/** 交易市场 (market), used by cancel_order_stock_sysid_async and XtCancelError. */
export const SH_MARKET = 0;
export const SZ_MARKET = 1;
export const MARKET_ENUM_BEIJING = 70;

/** 账号类型 (account_type). */
export const SECURITY_ACCOUNT = 2;
export const CREDIT_ACCOUNT = 3;

/** 交易操作 (offset_flag): how a stock order says buy or sell when its order_type does not. */
export const OFFSET_FLAG_OPEN = 48;
export const OFFSET_FLAG_CLOSE = 49;

/** 账号状态 (XtAccountStatus.status) with their Chinese names, for the log. */
export const ACCOUNT_STATUS_NAMES: Readonly<Record<number, string>> = {
  [-1]: '无效',
  0: '正常',
  1: '连接中',
  2: '登陆中',
  3: '失败',
  4: '初始化中',
  5: '数据刷新校正中',
  6: '收盘后',
  7: '穿透副链接断开',
  8: '系统停用（密码错误超限）',
  9: '用户停用',
};
export const ACCOUNT_STATUS_OK = 0;

/**
 * Enums the xttrader reference names but does not number: StkCompacts.compact_type and the
 * *_status fields of CreditSubjects/CreditAssure. QMT numbers its one-character enums from
 * '0' = 48 (as order_status does), so these follow that convention: 48 融资 / 49 融券, and
 * 48 正常 for a status. compact_type 0/1 is read too (convert-credit.ts); docs/miniqmt.md
 * lists these as the numbers to check on a live account.
 */
export const COMPACT_TYPE_FIN = 48;
export const COMPACT_TYPE_SLO = 49;
export const SUBJECT_STATUS_NORMAL = 48;
