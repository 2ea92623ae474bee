/**
 * The constants of native/include/tstrader_counter.h, mirrored. The struct layouts, which
 * depend on the library's ABI version, are in abi-layout.ts.
 */

/** The newest ABI this binding speaks (TSC_ABI_VERSION). */
export const ABI_VERSION = 2;
/** The oldest it still drives: versions only append, so a v1 library is read with v1 sizes. */
export const MIN_ABI_VERSION = 1;

/** An ABI version this binding can drive. */
export type AbiVersion = 1 | 2;

export function isSupportedAbi(version: number): version is AbiVersion {
  return Number.isInteger(version) && version >= MIN_ABI_VERSION && version <= ABI_VERSION;
}

export const TSC_DIR_BUY = 1;
export const TSC_DIR_SELL = 2;

export const TSC_PRICE_LIMIT = 0;
export const TSC_PRICE_BEST_COUNTERPARTY = 1;
export const TSC_PRICE_BEST5_TO_LIMIT = 2;
export const TSC_PRICE_BEST_OWN = 3;
export const TSC_PRICE_IOC = 4;
export const TSC_PRICE_BEST5_IOC = 5;
export const TSC_PRICE_FOK = 6;

export const TSC_STATUS_SUBMITTING = 0;
export const TSC_STATUS_NOTTRADED = 1;
export const TSC_STATUS_PARTTRADED = 2;
export const TSC_STATUS_ALLTRADED = 3;
export const TSC_STATUS_CANCELLED = 4;
export const TSC_STATUS_REJECTED = 5;

export const TSC_PRODUCT_EQUITY = 1;
export const TSC_PRODUCT_FUND = 2;
export const TSC_PRODUCT_BOND = 3;
export const TSC_PRODUCT_FUTURES = 4;
export const TSC_PRODUCT_OPTION = 5;
export const TSC_PRODUCT_SPREAD = 6;

export const TSC_OFFSET_NONE = 0;
export const TSC_OFFSET_OPEN = 1;
export const TSC_OFFSET_CLOSE = 2;
export const TSC_OFFSET_CLOSE_TODAY = 3;
export const TSC_OFFSET_CLOSE_YESTERDAY = 4;

export const TSC_POS_LONG = 1;
export const TSC_POS_SHORT = 2;
export const TSC_POS_NET = 3;

export const TSC_LOG_INFO = 1;
export const TSC_LOG_WARNING = 2;
export const TSC_LOG_ERROR = 3;

export const TSC_REASON_REQUESTED = 0;
export const TSC_REASON_NETWORK = 1;
export const TSC_REASON_SERVER = 2;

export const TSC_OK = 0;
export const TSC_ERR_UNSUPPORTED = -7;
export const TSC_E_LOGIN_FAILED = 1001;
export const TSC_E_BAD_FRONT = 3001;

/** Negative request results: nothing was queued. Messages are for the trader. */
export const REQUEST_ERRORS: Readonly<Record<number, string>> = {
  [-1]: '请求参数无效',
  [-2]: '未连接到交易前置',
  [-3]: '尚未登录',
  [-4]: '柜台流控：在途请求过多',
  [-5]: '柜台内存不足',
  [-6]: '柜台接口正在关闭',
  [-7]: '柜台库不支持该功能',
};
