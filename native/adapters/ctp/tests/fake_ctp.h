// The fake vendor library's script: what the adapter's tests tell it to do next. The library
// (fake_ctp.cpp, built from the SDK's class shapes) is loaded by the adapter with dlopen as if
// it were the broker's; the tests load the same file and reach these functions with dlsym, so
// both sides share one instance of its state.
//
// The fake behaves like CTP where LocalCTP cannot be made to: it disconnects with a reason
// code, refuses queries for flow control (-2/-3), pages answers over several callbacks, answers
// with errors in GB18030, reports a refused order twice (OnRspOrderInsert and
// OnErrRtnOrderInsert), and has a market-data API.
#ifndef TSTRADER_FAKE_CTP_H
#define TSTRADER_FAKE_CTP_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fake_ctp_stats {
  int trader_created, trader_released, md_created, md_released;
  int authenticate_calls, login_calls, confirm_calls;
  int query_calls;          /* every ReqQry* call, refused ones included */
  int max_in_flight;        /* the most queries accepted and not yet fully answered at once */
  int insert_calls, action_calls, subscribe_calls, md_login_calls;
  char last_password[48];
  char last_broker[16];
  char last_app_id[40];
  char subscribed[256];     /* instruments subscribed, comma-separated, in call order */
  char last_front[64];
} fake_ctp_stats;

/* Back to the defaults; the next API objects created start afresh. */
void fake_ctp_reset(void);
void fake_ctp_get_stats(fake_ctp_stats *out);
/* Steady-clock milliseconds of each query call, oldest first; returns how many (≤ max). */
int fake_ctp_query_times(double *out, int max);

/* The next query is accepted and never answered (a lost answer). */
void fake_ctp_swallow_next_query(void);
/* The instrument answer's pages come this many milliseconds apart. */
void fake_ctp_page_delay_ms(int ms);
/* The next `times` query calls return rc (-2 or -3) and answer nothing. */
void fake_ctp_fail_queries(int rc, int times);
/* The instrument answer: `count` instruments, one callback each; plus one whose code is too long. */
void fake_ctp_set_instruments(int count);
/* The next login (ReqUserLogin) answers this error; msg in GB18030. */
void fake_ctp_fail_login(int error_id, const char *gb_msg);
/* The next query of kind ('I','A','P','O','T') answers with this error instead of data. */
void fake_ctp_fail_query(char what, int error_id, const char *gb_msg);
/* The next insert: refused by CTP (OnRspOrderInsert and then OnErrRtnOrderInsert, as CTP does). */
void fake_ctp_refuse_insert(int error_id, const char *gb_msg);
/* The next insert returns rc from ReqOrderInsert (never sent). */
void fake_ctp_insert_rc(int rc);
/* Inserts fill at once (OnRtnOrder AllTraded + OnRtnTrade) instead of resting. */
void fake_ctp_fill_inserts(int on);
/* The next cancel is refused: via OnRspOrderAction (err_rtn 0) or OnErrRtnOrderAction (1). */
void fake_ctp_refuse_cancel(int error_id, const char *gb_msg, int err_rtn);
/* The position answer: 0 the full set (SHFE split today/yesterday + a DCE short), 1 without the short. */
void fake_ctp_positions(int variant);
/* The trader link falls with this reason; it comes back (OnFrontConnected) on fake_ctp_reconnect. */
void fake_ctp_disconnect(int reason);
void fake_ctp_reconnect(void);
/* A depth snapshot for `instrument` on the md link: last price set, ExchangeID empty, unset
 * prices DBL_MAX as CTP sends them. */
void fake_ctp_md_push(const char *instrument, double last);
/* The md link falls with this reason and comes back at once (the API reconnects by itself). */
void fake_ctp_md_bounce(int reason);
/* What RegisterFensUserInfo last received, as a CThostFtdcDepthMarketDataField (size bytes). */
int fake_ctp_last_snapshot(void *out, int size);
/* The last order insert, as a CThostFtdcInputOrderField. */
int fake_ctp_last_insert(void *out, int size);

#ifdef __cplusplus
}
#endif

#endif
