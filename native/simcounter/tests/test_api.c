/*
 * The counter through its ABI, threads and all: callbacks come from the counter's thread,
 * requests answer with ids, a dropped link refuses requests and recovers through queries.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "../simcounter_test.h"
#include "runner.h"

#define MAX_ITEMS 4096

typedef struct recorder {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  pthread_t main_thread;
  int foreign_thread_calls, own_thread_calls;
  int connected, disconnected, last_reason;
  int login_code, logins;
  int64_t session_id;
  int errors, last_error_code, last_error_request;
  int instruments, instruments_last;
  tsc_order orders[MAX_ITEMS];
  int n_orders, orders_last_seen;
  tsc_trade trades[MAX_ITEMS];
  int n_trades, query_trades, query_trades_done;
  int accounts, positions_done;
  int ticks;
  tsc_tick last_tick;
  char order_ref_prefix[32];
} recorder;

static recorder rec;

static void note_thread(void) {
  if (pthread_equal(pthread_self(), rec.main_thread)) rec.own_thread_calls++;
  else rec.foreign_thread_calls++;
}

#define RECORD(body)                       \
  do {                                     \
    pthread_mutex_lock(&rec.lock);         \
    note_thread();                         \
    body;                                  \
    pthread_cond_broadcast(&rec.changed);  \
    pthread_mutex_unlock(&rec.lock);       \
  } while (0)

static void cb_connected(void *ctx) { (void)ctx; RECORD(rec.connected++); }
static void cb_disconnected(void *ctx, int32_t reason, const char *msg) {
  (void)ctx; (void)msg;
  RECORD(rec.disconnected++; rec.last_reason = reason);
}
static void cb_login(void *ctx, int32_t id, int32_t code, const char *msg, const tsc_login_info *info) {
  (void)ctx; (void)id; (void)msg;
  RECORD(rec.logins++; rec.login_code = code;
         if (info) { rec.session_id = info->session_id; memcpy(rec.order_ref_prefix, info->order_ref_prefix, 32); });
}
static void cb_order(void *ctx, int32_t id, const tsc_order *o, int32_t last) {
  (void)ctx;
  RECORD(if (o && rec.n_orders < MAX_ITEMS) rec.orders[rec.n_orders++] = *o; if (id && last) rec.orders_last_seen++);
}
static void cb_trade(void *ctx, int32_t id, const tsc_trade *t, int32_t last) {
  (void)ctx;
  RECORD(if (id) { if (t) rec.query_trades++; if (last) rec.query_trades_done++; }
         else if (t && rec.n_trades < MAX_ITEMS) rec.trades[rec.n_trades++] = *t);
}
static void cb_position(void *ctx, int32_t id, const tsc_position *p, int32_t last) {
  (void)ctx; (void)id; (void)p;
  RECORD(if (last) rec.positions_done++);
}
static void cb_account(void *ctx, int32_t id, const tsc_account *a, int32_t last) {
  (void)ctx; (void)id; (void)a; (void)last;
  RECORD(rec.accounts++);
}
static void cb_instrument(void *ctx, int32_t id, const tsc_instrument *in, int32_t last) {
  (void)ctx; (void)id;
  RECORD(if (in) rec.instruments++; if (last) rec.instruments_last++);
}
static void cb_tick(void *ctx, const tsc_tick *t) {
  (void)ctx;
  RECORD(rec.ticks++; rec.last_tick = *t);
}
static void cb_error(void *ctx, int32_t id, int32_t code, const char *msg) {
  (void)ctx; (void)msg;
  RECORD(rec.errors++; rec.last_error_code = code; rec.last_error_request = id);
}

/* Wait until *field reaches at least want, up to 2 s; returns whether it did. */
static int wait_for(const int *field, int want) {
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 2;
  pthread_mutex_lock(&rec.lock);
  int rc = 0;
  while (*field < want && rc == 0) rc = pthread_cond_timedwait(&rec.changed, &rec.lock, &until);
  int ok = *field >= want;
  pthread_mutex_unlock(&rec.lock);
  return ok;
}

static tsc_api *start(void) {
  pthread_mutex_destroy(&rec.lock);
  pthread_cond_destroy(&rec.changed);
  memset(&rec, 0, sizeof(rec));
  pthread_mutex_init(&rec.lock, NULL);
  pthread_cond_init(&rec.changed, NULL);
  rec.main_thread = pthread_self();
  tsc_api *api = tsc_create();
  tsc_spi spi = {sizeof(tsc_spi), 0, cb_connected, cb_disconnected, cb_login, cb_order,
                 cb_trade, cb_position, cb_account, cb_instrument, cb_error, cb_tick, NULL, NULL, NULL};
  CHECK(tsc_register_spi(api, &spi, NULL) == TSC_OK);
  return api;
}

static void login(tsc_api *api) {
  int connected = rec.connected, logins = rec.logins;
  CHECK(tsc_connect(api, "tcp://127.0.0.1:17001?quote_ms=0") > 0);
  CHECK(wait_for(&rec.connected, connected + 1));
  CHECK(tsc_login(api, "sim001", "123456") > 0);
  CHECK(wait_for(&rec.logins, logins + 1));
  CHECK(rec.login_code == TSC_OK);
}

static tsc_order_req order(const char *ref, int32_t dir, double price, int64_t volume) {
  tsc_order_req r;
  memset(&r, 0, sizeof(r));
  strcpy(r.symbol, "600000");
  strcpy(r.exchange, "SSE");
  strcpy(r.order_ref, ref);
  strcpy(r.reference, "c-test");
  r.direction = dir;
  r.price = price;
  r.volume = volume;
  return r;
}

static void test_version_and_encoding(void) {
  CHECK(tsc_abi_version() == TSC_ABI_VERSION);
  CHECK(strcmp(tsc_encoding(), "UTF-8") == 0);
  CHECK(tsc_connect(NULL, "tcp://x") == TSC_ERR_INVALID_ARG);
}

static void test_connect_and_login(void) {
  tsc_api *api = start();
  CHECK(tsc_login(api, "sim001", "123456") == TSC_ERR_NOT_CONNECTED);
  CHECK(tsc_connect(api, "http://nowhere") > 0);
  CHECK(wait_for(&rec.errors, 1));
  CHECK(rec.last_error_code == TSC_E_BAD_FRONT);
  CHECK(tsc_connect(api, "tcp://127.0.0.1:17001?quote_ms=0") > 0);
  CHECK(wait_for(&rec.connected, 1));
  tsc_order_req r = order("x-1", TSC_DIR_BUY, 10.01, 100);
  CHECK(tsc_insert_order(api, &r) == TSC_ERR_NOT_LOGGED_IN);
  CHECK(tsc_login(api, "sim001", "wrong") > 0);
  CHECK(wait_for(&rec.logins, 1));
  CHECK(rec.login_code == TSC_E_LOGIN_FAILED);
  CHECK(tsc_login(api, "sim001", "123456") > 0);
  CHECK(wait_for(&rec.logins, 2));
  CHECK(rec.login_code == TSC_OK && rec.session_id > 0);
  char prefix[32];
  snprintf(prefix, sizeof(prefix), "%lld-", (long long)rec.session_id);
  CHECK(strcmp(rec.order_ref_prefix, prefix) == 0);
  CHECK(tsc_query_instruments(api) > 0);
  CHECK(wait_for(&rec.instruments_last, 1));
  CHECK(rec.instruments == 7 && rec.instruments_last == 1);
  CHECK(rec.own_thread_calls == 0 && rec.foreign_thread_calls > 0);
  tsc_release(api);
}

static void test_orders_fills_and_queries(void) {
  tsc_api *api = start();
  login(api);
  tsc_order_req fill = order("s1-1", TSC_DIR_BUY, 10.01, 100);
  tsc_order_req rest = order("s1-2", TSC_DIR_BUY, 9.50, 100);
  int32_t a = tsc_insert_order(api, &fill), b = tsc_insert_order(api, &rest);
  CHECK(a > 0 && b > a);
  CHECK(wait_for(&rec.n_trades, 1));
  CHECK(wait_for(&rec.n_orders, 3));
  CHECK(tsc_cancel_order(api, "s1-2") > 0);
  CHECK(wait_for(&rec.n_orders, 4));
  CHECK(rec.orders[3].status == TSC_STATUS_CANCELLED);
  CHECK(tsc_cancel_order(api, "s1-2") > 0);
  CHECK(wait_for(&rec.errors, 1));
  CHECK(rec.last_error_code == TSC_E_NOT_CANCELABLE);
  tsc_order_req dup = order("s1-1", TSC_DIR_BUY, 10.01, 100);
  int32_t d = tsc_insert_order(api, &dup);
  CHECK(wait_for(&rec.errors, 2));
  CHECK(rec.last_error_code == TSC_E_DUPLICATE_REF && rec.last_error_request == d);
  CHECK(tsc_query_trades(api) > 0);
  CHECK(wait_for(&rec.query_trades_done, 1));
  CHECK(rec.query_trades == 1);
  CHECK(tsc_query_orders(api) > 0);
  CHECK(wait_for(&rec.orders_last_seen, 1));
  CHECK(tsc_query_positions(api) > 0 && tsc_query_account(api) > 0);
  CHECK(wait_for(&rec.positions_done, 1));
  CHECK(wait_for(&rec.accounts, 1));
  tsc_release(api);
}

static void test_drop_and_recover(void) {
  tsc_api *api = start();
  login(api);
  tsc_order_req rest = order("s2-1", TSC_DIR_BUY, 9.90, 100);
  CHECK(tsc_insert_order(api, &rest) > 0);
  CHECK(wait_for(&rec.n_orders, 1));
  CHECK(tsc_test_drop_connection(api, 1) > 0);
  CHECK(wait_for(&rec.disconnected, 1));
  CHECK(rec.last_reason == TSC_REASON_NETWORK);
  CHECK(tsc_insert_order(api, &rest) == TSC_ERR_NOT_CONNECTED);
  /* The market moves while we are away: the resting order fills, unseen. */
  CHECK(tsc_test_set_price(api, "600000", "SSE", 9.85) > 0);
  CHECK(tsc_connect(api, "tcp://127.0.0.1:17001?quote_ms=0") > 0);
  CHECK(wait_for(&rec.disconnected, 2)); /* refused once */
  login(api);
  CHECK(rec.n_trades == 0);
  CHECK(tsc_query_trades(api) > 0);
  CHECK(wait_for(&rec.query_trades_done, 1));
  CHECK(rec.query_trades == 1);
  tsc_release(api);
}

static void test_subscribe_and_options(void) {
  tsc_api *api = start();
  CHECK(tsc_set_option(api, "broker_id", "9999") == TSC_ERR_UNSUPPORTED);
  CHECK(tsc_set_option(api, NULL, "x") == TSC_ERR_INVALID_ARG);
  CHECK(tsc_subscribe(api, "600000", "SSE") == TSC_ERR_NOT_CONNECTED);
  login(api);
  CHECK(tsc_subscribe(api, "600000", "SSE") > 0);
  CHECK(wait_for(&rec.ticks, 1)); /* the current quote at once */
  CHECK(strcmp(rec.last_tick.symbol, "600000") == 0 && fabs(rec.last_tick.last_price - 10.0) < 1e-9);
  CHECK(tsc_test_set_price(api, "600000", "SSE", 10.05) > 0);
  CHECK(wait_for(&rec.ticks, 2));
  CHECK(fabs(rec.last_tick.last_price - 10.05) < 1e-9 && fabs(rec.last_tick.bid_price[0] - 10.04) < 1e-9);
  int32_t bad = tsc_subscribe(api, "999999", "SSE");
  CHECK(bad > 0);
  CHECK(wait_for(&rec.errors, 1));
  CHECK(rec.last_error_code == TSC_E_UNKNOWN_INSTRUMENT && rec.last_error_request == bad);
  CHECK(tsc_unsubscribe(api, "600000", "SSE") > 0);
  /* In order with the unsubscribe: once this price's request is served, no tick came of it. */
  CHECK(tsc_test_set_price(api, "600000", "SSE", 10.06) > 0);
  CHECK(tsc_query_account(api) > 0);
  CHECK(wait_for(&rec.accounts, 1));
  CHECK(rec.ticks == 2);
  tsc_release(api);
}

static void test_release_with_work_in_flight(void) {
  tsc_api *api = start();
  login(api);
  char ref[32];
  for (int i = 0; i < 2000; i++) {
    snprintf(ref, sizeof(ref), "s3-%d", i);
    tsc_order_req r = order(ref, i % 2 ? TSC_DIR_SELL : TSC_DIR_BUY, i % 2 ? 9.99 : 10.01, 100);
    CHECK(tsc_insert_order(api, &r) > 0);
  }
  CHECK(tsc_test_burst(api, 100) > 0);
  tsc_release(api); /* must stop cleanly with requests still queued */
  CHECK(tsc_test_drop_connection(NULL, 0) == TSC_ERR_INVALID_ARG);
}

const test_case API_TESTS[] = {
    {"version and encoding", test_version_and_encoding},
    {"connect and login", test_connect_and_login},
    {"orders, fills and queries", test_orders_fills_and_queries},
    {"drop and recover", test_drop_and_recover},
    {"subscribe, ticks, unsubscribe; options unsupported", test_subscribe_and_options},
    {"release with work in flight", test_release_with_work_in_flight},
    {NULL, NULL},
};
