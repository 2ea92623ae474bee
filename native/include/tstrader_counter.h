/*
 * TS Trader counter ABI — the one C interface every native trading counter speaks
 * (the simulator in native/simcounter, and adapters from vendor SDKs such as CTP or XTP).
 *
 * Shape (after CTP's TraderApi/TraderSpi and XTP's TraderApi):
 *   - tsc_create() makes an API object; tsc_release() stops it. After tsc_release returns,
 *     no callback runs again, so the caller may free whatever its callbacks use.
 *   - tsc_register_spi() hands over a table of callbacks (copied; the table may be freed).
 *   - Every request returns at once: a request id (> 0) that its answer will carry, or a
 *     negative TSC_ERR_* code when it could not even be queued. Answers and pushes arrive as
 *     callbacks, usually from the counter's own thread (as CTP's SPI does).
 *   - Query answers come one item per callback with is_last = 1 on the final one; an empty
 *     answer is one callback with item == NULL and is_last = 1.
 *
 * Ownership: every pointer handed to a callback is valid only during that callback. Copy
 * what you keep. Callbacks must return quickly: the counter's thread waits for them.
 *
 * Strings are bytes, NUL-terminated inside fixed arrays (truncated if need be). Their
 * encoding is declared by the library through tsc_encoding() ("UTF-8" or "GB18030"; CTP
 * sends GB18030). Field layout is plain C with natural alignment, and every struct is laid
 * out so that no implicit padding is needed (explicit `reserved` members fill the gaps):
 * a binding in another language can mirror it field by field. The simulator asserts the
 * sizes at compile time and the TypeScript binding checks them at load.
 *
 * Versioning: tsc_abi_version() returns the version the library was built against. Versions
 * only ever append: every struct of version N is a prefix of its version N+1 form (new fields
 * go at the end, with their own padding), the callback table grows at its end, and functions
 * are added, never changed. So a binding written for version 2 still drives a version-1
 * library: it reads that library's structs with the version-1 sizes (TSC_V1_SIZEOF_*), hands it
 * a version-1-sized callback table (tsc_spi.struct_size), passes version-1-sized requests, and
 * does not call the functions version 2 added. A library refuses nothing it does not know:
 * it copies min(struct_size, its own sizeof) of the callback table and leaves the rest NULL.
 *
 *   version 1: A-share cash trading (the simulator's first form).
 *   version 2: futures — offsets on orders and trades, positions per direction with the
 *              counter's own PnL and margin, contract size / margin ratios / product / expiry,
 *              the account's margin and PnL figures; market data (tsc_subscribe, on_tick with
 *              5 levels and what a futures depth snapshot carries); counter options
 *              (tsc_set_option); on_log; the order-ref prefix in the login answer.
 */
#ifndef TSTRADER_COUNTER_H
#define TSTRADER_COUNTER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TSC_ABI_VERSION 2

#if defined(_WIN32)
#define TSC_EXPORT __declspec(dllexport)
#else
#define TSC_EXPORT __attribute__((visibility("default")))
#endif

/* ---- Negative return codes of requests (nothing was queued) ---- */
#define TSC_ERR_INVALID_ARG   (-1) /* NULL pointer, empty or over-long field */
#define TSC_ERR_NOT_CONNECTED (-2) /* no connection to the front */
#define TSC_ERR_NOT_LOGGED_IN (-3) /* connected but not logged in */
#define TSC_ERR_QUEUE_FULL    (-4) /* flow control: too many requests in flight */
#define TSC_ERR_NO_MEMORY     (-5)
#define TSC_ERR_STOPPED       (-6) /* tsc_release has begun */
#define TSC_ERR_UNSUPPORTED   (-7) /* v2: the library does not offer this (market data, an option, a price type) */

/* ---- Error codes carried by callbacks (0 = success) ---- */
#define TSC_OK                  0
#define TSC_E_LOGIN_FAILED   1001 /* unknown user or wrong password */
#define TSC_E_ALREADY_LOGGED 1002
#define TSC_E_REJECTED       2001 /* order refused; the message says by which rule */
#define TSC_E_UNKNOWN_ORDER  2002
#define TSC_E_NOT_CANCELABLE 2003
#define TSC_E_DUPLICATE_REF  2004
#define TSC_E_UNKNOWN_INSTRUMENT 2005 /* v2: subscribe to an instrument the counter does not list */
#define TSC_E_BAD_FRONT      3001 /* front address could not be parsed */
#define TSC_E_VENDOR_LIBRARY 3002 /* v2: an adapter could not load its vendor's library (the message says which and why) */

/* Adapters of vendor SDKs pass the vendor's own error number (e.g. CTP's ErrorID) in on_error
 * and on_order status messages, so a trader can look it up in the vendor's table; the codes
 * above are the simulator's. */

/* ---- Disconnect reasons ---- */
#define TSC_REASON_REQUESTED 0    /* the client asked */
#define TSC_REASON_NETWORK   1    /* link lost: the client should reconnect */
#define TSC_REASON_SERVER    2    /* the server closed the session */

/* ---- Enumerations stored as int32_t ---- */
#define TSC_DIR_BUY  1
#define TSC_DIR_SELL 2

/* Price types: 0 is a limit order; 1–6 are the exchanges' market orders (Ptrade's
 * market_type codes 0–5 shifted by one). */
#define TSC_PRICE_LIMIT             0
#define TSC_PRICE_BEST_COUNTERPARTY 1 /* 对手方最优 */
#define TSC_PRICE_BEST5_TO_LIMIT    2 /* 最优五档即时成交剩余转限价 (SSE) */
#define TSC_PRICE_BEST_OWN          3 /* 本方最优 */
#define TSC_PRICE_IOC               4 /* 即时成交剩余撤销 (SZSE, BSE) */
#define TSC_PRICE_BEST5_IOC         5 /* 最优五档即时成交剩余撤销 */
#define TSC_PRICE_FOK               6 /* 全额成交或撤单 (SZSE, BSE) */

#define TSC_STATUS_SUBMITTING 0
#define TSC_STATUS_NOTTRADED  1
#define TSC_STATUS_PARTTRADED 2
#define TSC_STATUS_ALLTRADED  3
#define TSC_STATUS_CANCELLED  4
#define TSC_STATUS_REJECTED   5

#define TSC_PRODUCT_EQUITY 1
#define TSC_PRODUCT_FUND   2 /* ETFs and other exchange-traded funds */
#define TSC_PRODUCT_BOND   3
#define TSC_PRODUCT_FUTURES 4 /* v2 */
#define TSC_PRODUCT_OPTION  5 /* v2 */
#define TSC_PRODUCT_SPREAD  6 /* v2: exchange combinations (套利组合) */

/* v2: open/close flag of a futures order or trade; A-share cash orders carry NONE. */
#define TSC_OFFSET_NONE            0
#define TSC_OFFSET_OPEN            1 /* 开仓 */
#define TSC_OFFSET_CLOSE           2 /* 平仓 (on SHFE/INE: yesterday's position) */
#define TSC_OFFSET_CLOSE_TODAY     3 /* 平今 */
#define TSC_OFFSET_CLOSE_YESTERDAY 4 /* 平昨 */

/* v2: side of a position. A v1 library's positions are all LONG. */
#define TSC_POS_LONG  1
#define TSC_POS_SHORT 2
#define TSC_POS_NET   3

/* v2: on_log levels */
#define TSC_LOG_INFO    1
#define TSC_LOG_WARNING 2
#define TSC_LOG_ERROR   3

/* ---- Structures ---- */

typedef struct tsc_instrument {
  char symbol[16];     /* 600000 */
  char exchange[8];    /* SSE, SZSE, BSE */
  char name[64];
  int32_t product;     /* TSC_PRODUCT_* */
  int32_t is_st;       /* 1 for ST names */
  int32_t t0;          /* 1 when same-day round trips are allowed */
  int32_t min_volume;  /* smallest buy */
  int32_t volume_step; /* buy step above min_volume */
  int32_t reserved;
  double pricetick;
  double pre_close;
  double limit_up;     /* 0 when the instrument has no price limit today */
  double limit_down;
  /* ---- v2 ---- */
  int32_t size;              /* contract multiplier (合约乘数); 0 reads as 1 */
  int32_t max_limit_volume;  /* per-order caps and floor as the counter states them; 0 = not stated */
  int32_t max_market_volume;
  int32_t min_market_volume;
  double long_margin_ratio;  /* by money, as the counter states them; 0 = not stated */
  double short_margin_ratio;
  char expiry[16];           /* last trading day YYYYMMDD; "" when the instrument does not expire */
  char product_id[16];       /* the product (品种) code: rb, IF, MA …; "" for stocks */
} tsc_instrument;

typedef struct tsc_login_info {
  char user_id[32];
  char account_id[32];
  char trading_day[16]; /* YYYYMMDD */
  int64_t session_id;   /* unique per login; order_ref only has to be unique within it */
  /* ---- v2 ---- */
  char order_ref_prefix[32]; /* the client mints order_ref as this prefix + 1, 2, 3 … (a v1 library:
                                "<session_id>-"); the counter maps refs of that shape back to its own keys */
} tsc_login_info;

typedef struct tsc_order_req {
  char symbol[16];
  char exchange[8];
  char order_ref[32];   /* minted by the client; becomes the order's order_id */
  char reference[32];   /* free text echoed back (strategy name, "manual") */
  int32_t direction;    /* TSC_DIR_* */
  int32_t price_type;   /* TSC_PRICE_* */
  double price;         /* limit price; protection price for SSE market orders (0 = none) */
  int64_t volume;       /* shares, or lots for futures */
  /* ---- v2 ---- */
  int32_t offset;       /* TSC_OFFSET_* */
  int32_t reserved;
} tsc_order_req;

typedef struct tsc_order {
  char order_id[32];
  char symbol[16];
  char exchange[8];
  char reference[32];
  char status_msg[128]; /* why rejected or cancelled; empty otherwise */
  int32_t direction;
  int32_t price_type;
  int32_t status;       /* TSC_STATUS_* */
  int32_t reserved;
  double price;
  int64_t volume;
  int64_t traded;
  int64_t insert_time;  /* epoch milliseconds */
  int64_t update_time;
  /* ---- v2 ---- */
  int32_t offset;       /* TSC_OFFSET_* */
  int32_t reserved2;
  char order_sys_id[32]; /* the exchange's order number (CTP OrderSysID); "" until known */
} tsc_order;

typedef struct tsc_trade {
  char trade_id[32];    /* unique for the trading day: the key a replay is recognised by */
  char order_id[32];
  char symbol[16];
  char exchange[8];
  int32_t direction;
  int32_t reserved;
  double price;
  int64_t volume;
  int64_t trade_time;   /* epoch milliseconds */
  double commission;    /* 0 where the counter does not report fees per fill (CTP) */
  double stamp_duty;
  double transfer_fee;
  /* ---- v2 ---- */
  int32_t offset;       /* TSC_OFFSET_* */
  int32_t reserved2;
} tsc_trade;

typedef struct tsc_position {
  char symbol[16];
  char exchange[8];
  int64_t volume;
  int64_t yd_volume;    /* A-shares: sellable today under T+1; futures: what is left of yesterday's position */
  int64_t frozen;       /* locked by working sells (futures: by working closes of this side) */
  double cost_price;    /* average cost per share, fees included; futures: the counter's position cost per unit */
  double last_price;
  /* ---- v2 ---- */
  int32_t direction;    /* TSC_POS_*; one record per instrument and direction */
  int32_t reserved;
  double pnl;           /* position PnL (持仓盈亏) as the counter computes it */
  double margin;        /* margin held by the position (占用保证金) */
  double open_price;    /* average open price per unit (开仓均价); 0 = not stated */
} tsc_position;

typedef struct tsc_account {
  char account_id[32];
  double balance;       /* cash; futures: dynamic equity (动态权益) */
  double frozen;        /* everything locked by working orders (cash, margin and commission) */
  double available;
  double market_value;
  /* ---- v2 ---- (0 where they do not apply, e.g. a cash account) */
  double margin;            /* margin held by positions (占用保证金) */
  double frozen_margin;     /* locked by working orders */
  double frozen_commission;
  double close_pnl;         /* today's realised PnL (平仓盈亏) as the counter reports it */
  double position_pnl;      /* floating PnL (持仓盈亏) */
  double commission;        /* today's commission (手续费) */
  double pre_balance;       /* yesterday's balance (上日结存) */
} tsc_account;

/* v2: a level-1 quote with 5 levels and what a futures depth snapshot (CTP's
 * CThostFtdcDepthMarketDataField) carries. A missing level has price 0 and volume 0; a price
 * the source left unset (CTP's DBL_MAX) reads as 0. */
typedef struct tsc_tick {
  char symbol[16];
  char exchange[8];
  char trading_day[16];     /* YYYYMMDD: the session's trading day (a night session belongs to the next) */
  char update_time[16];     /* HH:MM:SS as the exchange stamped it */
  int32_t update_millisec;
  int32_t reserved;
  int64_t datetime;         /* epoch milliseconds of the stamp (Beijing time) */
  int64_t volume;           /* cumulative for the trading day */
  double turnover;
  double open_interest;
  double last_price;
  double pre_close;
  double pre_settlement;
  double settlement;        /* 0 until the exchange publishes it */
  double pre_open_interest;
  double open_price;
  double high_price;
  double low_price;
  double limit_up;
  double limit_down;
  double bid_price[5];
  double ask_price[5];
  int64_t bid_volume[5];
  int64_t ask_volume[5];
} tsc_tick;

/* Sizes of the version-1 structs: what a v2 binding reads from, and passes to, a v1 library.
 * Each v2 struct begins with exactly these bytes. */
#define TSC_V1_SIZEOF_INSTRUMENT 144
#define TSC_V1_SIZEOF_LOGIN_INFO 88
#define TSC_V1_SIZEOF_ORDER_REQ  112
#define TSC_V1_SIZEOF_ORDER      272
#define TSC_V1_SIZEOF_TRADE      144
#define TSC_V1_SIZEOF_POSITION   64
#define TSC_V1_SIZEOF_ACCOUNT    64
#define TSC_V1_SIZEOF_SPI        80

/* ---- Callbacks: ctx is the pointer given to tsc_register_spi ---- */

typedef void (*tsc_on_connected)(void *ctx);
typedef void (*tsc_on_disconnected)(void *ctx, int32_t reason, const char *message);
/* error_code 0: logged in and info is set; otherwise info is NULL */
typedef void (*tsc_on_login)(void *ctx, int32_t request_id, int32_t error_code, const char *message,
                             const tsc_login_info *info);
/* request_id 0 for pushes (status changes), the query's id for query answers */
typedef void (*tsc_on_order)(void *ctx, int32_t request_id, const tsc_order *order, int32_t is_last);
typedef void (*tsc_on_trade)(void *ctx, int32_t request_id, const tsc_trade *trade, int32_t is_last);
typedef void (*tsc_on_position)(void *ctx, int32_t request_id, const tsc_position *position, int32_t is_last);
typedef void (*tsc_on_account)(void *ctx, int32_t request_id, const tsc_account *account, int32_t is_last);
typedef void (*tsc_on_instrument)(void *ctx, int32_t request_id, const tsc_instrument *instrument, int32_t is_last);
typedef void (*tsc_on_error)(void *ctx, int32_t request_id, int32_t error_code, const char *message);
/* v2: a quote of a subscribed instrument, pushed (from the market-data thread, if separate) */
typedef void (*tsc_on_tick)(void *ctx, const tsc_tick *tick);
/* v2: the market-data link is up and logged in (subscriptions are (re)sent by the library) / down */
typedef void (*tsc_on_md_connected)(void *ctx);
typedef void (*tsc_on_md_disconnected)(void *ctx, int32_t reason, const char *message);
/* v2: something the trader should read in the log (TSC_LOG_*): flow control, a notice from the
 * counter, a settlement confirmed */
typedef void (*tsc_on_log)(void *ctx, int32_t level, const char *message);

/* The callback table. struct_size lets a later ABI append members; any member may be NULL. */
typedef struct tsc_spi {
  uint32_t struct_size; /* sizeof(tsc_spi) as the caller compiled it */
  uint32_t reserved;
  tsc_on_connected on_connected;
  tsc_on_disconnected on_disconnected;
  tsc_on_login on_login;
  tsc_on_order on_order;
  tsc_on_trade on_trade;
  tsc_on_position on_position;
  tsc_on_account on_account;
  tsc_on_instrument on_instrument;
  tsc_on_error on_error;
  /* ---- v2 ---- */
  tsc_on_tick on_tick;
  tsc_on_md_connected on_md_connected;
  tsc_on_md_disconnected on_md_disconnected;
  tsc_on_log on_log;
} tsc_spi;

typedef struct tsc_api tsc_api; /* opaque */

/* ---- Exports ---- */

TSC_EXPORT int32_t tsc_abi_version(void);
/* "UTF-8" or "GB18030": how every char field and message of this library is encoded */
TSC_EXPORT const char *tsc_encoding(void);

TSC_EXPORT tsc_api *tsc_create(void);
/* Stops the counter's thread and frees the object. May wait for a callback in progress, so
 * a binding whose callbacks run on the caller's thread must call it off that thread. */
TSC_EXPORT void tsc_release(tsc_api *api);
TSC_EXPORT int32_t tsc_register_spi(tsc_api *api, const tsc_spi *spi, void *ctx);

TSC_EXPORT int32_t tsc_connect(tsc_api *api, const char *front_address);
TSC_EXPORT int32_t tsc_login(tsc_api *api, const char *user_id, const char *password);
TSC_EXPORT int32_t tsc_query_instruments(tsc_api *api);
TSC_EXPORT int32_t tsc_query_account(tsc_api *api);
TSC_EXPORT int32_t tsc_query_positions(tsc_api *api);
TSC_EXPORT int32_t tsc_query_orders(tsc_api *api);
TSC_EXPORT int32_t tsc_query_trades(tsc_api *api);
TSC_EXPORT int32_t tsc_insert_order(tsc_api *api, const tsc_order_req *req);
TSC_EXPORT int32_t tsc_cancel_order(tsc_api *api, const char *order_id);

/* ---- v2 ---- */
/* A counter-specific setting (e.g. CTP's broker_id, app_id, md_front), before tsc_connect.
 * TSC_OK, TSC_ERR_UNSUPPORTED for a key the library does not know, TSC_ERR_INVALID_ARG for a
 * value it cannot use. Keys and values are ASCII or UTF-8. */
TSC_EXPORT int32_t tsc_set_option(tsc_api *api, const char *key, const char *value);
/* Quotes of one instrument through on_tick; TSC_ERR_UNSUPPORTED where the library has no market
 * data. Subscriptions outlive reconnects: the library sends them again after each md login. */
TSC_EXPORT int32_t tsc_subscribe(tsc_api *api, const char *symbol, const char *exchange);
TSC_EXPORT int32_t tsc_unsubscribe(tsc_api *api, const char *symbol, const char *exchange);

#ifdef __cplusplus
}
#endif

#endif /* TSTRADER_COUNTER_H */
