/*
 * The simulated counter behind the counter ABI: a request queue served by the counter's own
 * thread, which owns the books and makes every callback, as a vendor API's SPI thread does.
 *
 * Locking: one mutex guards the queue and the pending callback table, and is never held
 * while a callback runs. That matters: a binding like koffi runs the callback on another
 * thread (the JS event loop) and blocks this one until it returns; if we held the lock, a
 * request made from that event loop meanwhile would deadlock.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "book.h"
#include "simcounter_test.h"
#include "tstrader_counter.h"

/* Requests in flight beyond this are refused (TSC_ERR_QUEUE_FULL), as counters flow-control. */
#define MAX_QUEUED 65536
#define DEFAULT_QUOTE_MS 1000

typedef enum {
  RQ_CONNECT, RQ_LOGIN, RQ_Q_INSTRUMENTS, RQ_Q_ACCOUNT, RQ_Q_POSITIONS, RQ_Q_ORDERS, RQ_Q_TRADES,
  RQ_INSERT, RQ_CANCEL, RQ_DROP, RQ_SET_PRICE, RQ_SETTLE, RQ_BURST, RQ_SUBSCRIBE, RQ_UNSUBSCRIBE
} request_kind;

typedef struct request {
  struct request *next;
  request_kind kind;
  int32_t id;
  int32_t count;
  double price;
  char a[64], b[64];
  tsc_order_req order;
} request;

/* The simulator's users (documented in native/README.md). */
typedef struct sim_user {
  const char *user, *password, *account;
} sim_user;
static const sim_user USERS[] = {{"sim001", "123456", "sim001"}, {"sim002", "888888", "sim002"}};
#define N_USERS ((int)(sizeof(USERS) / sizeof(USERS[0])))

struct tsc_api {
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t wake;
  request *head, *tail;
  int queued;
  int stopping;
  tsc_spi spi_pending; /* written by tsc_register_spi, taken by the worker under the lock */
  void *ctx_pending;
  int spi_dirty;
  /* worker-owned from here on */
  tsc_spi spi;
  void *ctx;
  atomic_int connected; /* read by callers for a fast NOT_CONNECTED answer */
  atomic_int logged_in;
  atomic_int next_id;
  int refuse_connects;
  int quote_ms;
  int64_t id_base;
  int64_t logins;
  int user;             /* index into USERS of the logged-in user, -1 before */
  int book_ready[N_USERS];
  sim_book books[N_USERS];
};

/* Distinct bases for counters created in the same millisecond keep trade ids unique. */
static atomic_llong last_base;
static int64_t new_id_base(void) {
  long long now = sim_now_ms(), prev = atomic_load(&last_base), next;
  do {
    next = now > prev ? now : prev + 1;
  } while (!atomic_compare_exchange_weak(&last_base, &prev, next));
  return next;
}

int32_t tsc_abi_version(void) { return TSC_ABI_VERSION; }
const char *tsc_encoding(void) { return "UTF-8"; }

static void copy_text(char *dst, size_t size, const char *src) {
  size_t n = strlen(src);
  if (n >= size) n = size - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

static sim_book *current_book(tsc_api *api) { return api->user < 0 ? NULL : &api->books[api->user]; }

/* ---- Book → callbacks. While logged out the link is down: pushes are lost, queries recover them. ---- */
static void push_order(void *ctx, const tsc_order *o) {
  tsc_api *api = ctx;
  if (atomic_load(&api->logged_in) && api->spi.on_order) api->spi.on_order(api->ctx, 0, o, 1);
}
static void push_trade(void *ctx, const tsc_trade *t) {
  tsc_api *api = ctx;
  if (atomic_load(&api->logged_in) && api->spi.on_trade) api->spi.on_trade(api->ctx, 0, t, 1);
}
static void push_tick(void *ctx, const tsc_tick *t) {
  tsc_api *api = ctx;
  if (atomic_load(&api->logged_in) && api->spi.on_tick) api->spi.on_tick(api->ctx, t);
}

static void on_error(tsc_api *api, int32_t id, int32_t code, const char *msg) {
  if (api->spi.on_error) api->spi.on_error(api->ctx, id, code, msg);
}

static void *worker_main(void *arg);

tsc_api *tsc_create(void) {
  tsc_api *api = calloc(1, sizeof(*api));
  if (!api) return NULL;
  api->user = -1;
  api->id_base = new_id_base();
  api->quote_ms = DEFAULT_QUOTE_MS;
  atomic_init(&api->next_id, 1);
  pthread_mutex_init(&api->lock, NULL);
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&api->wake, &attr);
  pthread_condattr_destroy(&attr);
  if (pthread_create(&api->thread, NULL, worker_main, api) != 0) {
    pthread_cond_destroy(&api->wake);
    pthread_mutex_destroy(&api->lock);
    free(api);
    return NULL;
  }
  return api;
}

void tsc_release(tsc_api *api) {
  if (!api) return;
  pthread_mutex_lock(&api->lock);
  api->stopping = 1;
  pthread_cond_signal(&api->wake);
  pthread_mutex_unlock(&api->lock);
  pthread_join(api->thread, NULL);
  for (request *r = api->head; r;) {
    request *next = r->next;
    free(r);
    r = next;
  }
  for (int i = 0; i < N_USERS; i++)
    if (api->book_ready[i]) sim_book_free(&api->books[i]);
  pthread_cond_destroy(&api->wake);
  pthread_mutex_destroy(&api->lock);
  free(api);
}

int32_t tsc_register_spi(tsc_api *api, const tsc_spi *spi, void *ctx) {
  if (!api || !spi || spi->struct_size < sizeof(uint32_t) * 2) return TSC_ERR_INVALID_ARG;
  tsc_spi copy;
  memset(&copy, 0, sizeof(copy));
  /* A caller built against an older, shorter table leaves the newer members NULL. */
  memcpy(&copy, spi, spi->struct_size < sizeof(copy) ? spi->struct_size : sizeof(copy));
  pthread_mutex_lock(&api->lock);
  api->spi_pending = copy;
  api->ctx_pending = ctx;
  api->spi_dirty = 1;
  pthread_cond_signal(&api->wake);
  pthread_mutex_unlock(&api->lock);
  return TSC_OK;
}

/* Queue a request; returns its id or a negative TSC_ERR_*. Takes ownership of r. */
static int32_t enqueue(tsc_api *api, request *r) {
  pthread_mutex_lock(&api->lock);
  if (api->stopping || api->queued >= MAX_QUEUED) {
    int stopping = api->stopping;
    pthread_mutex_unlock(&api->lock);
    free(r);
    return stopping ? TSC_ERR_STOPPED : TSC_ERR_QUEUE_FULL;
  }
  r->id = atomic_fetch_add(&api->next_id, 1);
  if (r->id <= 0) { /* after 2^31 requests: wrap to 1, ids only need to be unique in flight */
    atomic_store(&api->next_id, 2);
    r->id = 1;
  }
  r->next = NULL;
  if (api->tail) api->tail->next = r;
  else api->head = r;
  api->tail = r;
  api->queued++;
  int32_t id = r->id;
  pthread_cond_signal(&api->wake);
  pthread_mutex_unlock(&api->lock);
  return id;
}

static request *new_request(request_kind kind) {
  request *r = calloc(1, sizeof(*r));
  if (r) r->kind = kind;
  return r;
}

static int32_t simple(tsc_api *api, request_kind kind, int need_login) {
  if (!api) return TSC_ERR_INVALID_ARG;
  if (need_login && !atomic_load(&api->connected)) return TSC_ERR_NOT_CONNECTED;
  if (need_login && !atomic_load(&api->logged_in)) return TSC_ERR_NOT_LOGGED_IN;
  request *r = new_request(kind);
  if (!r) return TSC_ERR_NO_MEMORY;
  return enqueue(api, r);
}

int32_t tsc_connect(tsc_api *api, const char *front_address) {
  if (!api || !front_address || strlen(front_address) >= sizeof(((request *)0)->a)) return TSC_ERR_INVALID_ARG;
  request *r = new_request(RQ_CONNECT);
  if (!r) return TSC_ERR_NO_MEMORY;
  copy_text(r->a, sizeof(r->a), front_address);
  return enqueue(api, r);
}

int32_t tsc_login(tsc_api *api, const char *user_id, const char *password) {
  if (!api || !user_id || !password || strlen(user_id) >= 64 || strlen(password) >= 64) return TSC_ERR_INVALID_ARG;
  if (!atomic_load(&api->connected)) return TSC_ERR_NOT_CONNECTED;
  request *r = new_request(RQ_LOGIN);
  if (!r) return TSC_ERR_NO_MEMORY;
  copy_text(r->a, sizeof(r->a), user_id);
  copy_text(r->b, sizeof(r->b), password);
  return enqueue(api, r);
}

int32_t tsc_query_instruments(tsc_api *api) { return simple(api, RQ_Q_INSTRUMENTS, 1); }
int32_t tsc_query_account(tsc_api *api) { return simple(api, RQ_Q_ACCOUNT, 1); }
int32_t tsc_query_positions(tsc_api *api) { return simple(api, RQ_Q_POSITIONS, 1); }
int32_t tsc_query_orders(tsc_api *api) { return simple(api, RQ_Q_ORDERS, 1); }
int32_t tsc_query_trades(tsc_api *api) { return simple(api, RQ_Q_TRADES, 1); }

int32_t tsc_insert_order(tsc_api *api, const tsc_order_req *req) {
  if (!api || !req || req->order_ref[0] == '\0') return TSC_ERR_INVALID_ARG;
  if (!atomic_load(&api->connected)) return TSC_ERR_NOT_CONNECTED;
  if (!atomic_load(&api->logged_in)) return TSC_ERR_NOT_LOGGED_IN;
  request *r = new_request(RQ_INSERT);
  if (!r) return TSC_ERR_NO_MEMORY;
  r->order = *req;
  /* The caller's bytes need not be terminated; ours must be. */
  r->order.symbol[sizeof(r->order.symbol) - 1] = '\0';
  r->order.exchange[sizeof(r->order.exchange) - 1] = '\0';
  r->order.order_ref[sizeof(r->order.order_ref) - 1] = '\0';
  r->order.reference[sizeof(r->order.reference) - 1] = '\0';
  return enqueue(api, r);
}

int32_t tsc_cancel_order(tsc_api *api, const char *order_id) {
  if (!api || !order_id || strlen(order_id) >= 32) return TSC_ERR_INVALID_ARG;
  if (!atomic_load(&api->connected)) return TSC_ERR_NOT_CONNECTED;
  if (!atomic_load(&api->logged_in)) return TSC_ERR_NOT_LOGGED_IN;
  request *r = new_request(RQ_CANCEL);
  if (!r) return TSC_ERR_NO_MEMORY;
  copy_text(r->a, sizeof(r->a), order_id);
  return enqueue(api, r);
}

/* The simulator has no settings beyond its front address. */
int32_t tsc_set_option(tsc_api *api, const char *key, const char *value) {
  if (!api || !key || !value) return TSC_ERR_INVALID_ARG;
  return TSC_ERR_UNSUPPORTED;
}

static int32_t subscription(tsc_api *api, request_kind kind, const char *symbol, const char *exchange) {
  if (!api || !symbol || !exchange || strlen(symbol) >= 16 || strlen(exchange) >= 8) return TSC_ERR_INVALID_ARG;
  if (!atomic_load(&api->connected)) return TSC_ERR_NOT_CONNECTED;
  if (!atomic_load(&api->logged_in)) return TSC_ERR_NOT_LOGGED_IN;
  request *r = new_request(kind);
  if (!r) return TSC_ERR_NO_MEMORY;
  copy_text(r->a, sizeof(r->a), symbol);
  copy_text(r->b, sizeof(r->b), exchange);
  return enqueue(api, r);
}

int32_t tsc_subscribe(tsc_api *api, const char *symbol, const char *exchange) {
  return subscription(api, RQ_SUBSCRIBE, symbol, exchange);
}
int32_t tsc_unsubscribe(tsc_api *api, const char *symbol, const char *exchange) {
  return subscription(api, RQ_UNSUBSCRIBE, symbol, exchange);
}

int32_t tsc_test_drop_connection(tsc_api *api, int32_t refuse_reconnects) {
  if (!api || refuse_reconnects < 0) return TSC_ERR_INVALID_ARG;
  request *r = new_request(RQ_DROP);
  if (!r) return TSC_ERR_NO_MEMORY;
  r->count = refuse_reconnects;
  return enqueue(api, r);
}

int32_t tsc_test_set_price(tsc_api *api, const char *symbol, const char *exchange, double price) {
  if (!api || !symbol || !exchange || strlen(symbol) >= 16 || strlen(exchange) >= 8 || !(price > 0))
    return TSC_ERR_INVALID_ARG;
  request *r = new_request(RQ_SET_PRICE);
  if (!r) return TSC_ERR_NO_MEMORY;
  copy_text(r->a, sizeof(r->a), symbol);
  copy_text(r->b, sizeof(r->b), exchange);
  r->price = price;
  return enqueue(api, r);
}

int32_t tsc_test_settle_day(tsc_api *api) { return simple(api, RQ_SETTLE, 0); }

int32_t tsc_test_burst(tsc_api *api, int32_t count) {
  if (!api || count < 0) return TSC_ERR_INVALID_ARG;
  request *r = new_request(RQ_BURST);
  if (!r) return TSC_ERR_NO_MEMORY;
  r->count = count;
  return enqueue(api, r);
}

/* ---- The counter's thread ---- */

/* "tcp://host:port" or "sim://anything", with an optional "?quote_ms=N" (0 stops the walk). */
static int parse_front(tsc_api *api, const char *front) {
  if (strncmp(front, "tcp://", 6) != 0 && strncmp(front, "sim://", 6) != 0) return 0;
  const char *q = strstr(front, "?quote_ms=");
  if (q) {
    char *end = NULL;
    long ms = strtol(q + 10, &end, 10);
    if (end == q + 10 || *end != '\0' || ms < 0 || ms > 3600000) return 0;
    api->quote_ms = (int)ms;
  } else {
    api->quote_ms = DEFAULT_QUOTE_MS;
  }
  return 1;
}

static void do_login(tsc_api *api, request *r) {
  if (!atomic_load(&api->connected)) return; /* sent as the link fell: lost in transit */
  if (atomic_load(&api->logged_in)) {
    if (api->spi.on_login) api->spi.on_login(api->ctx, r->id, TSC_E_ALREADY_LOGGED, "已登录，不能重复登录", NULL);
    return;
  }
  int user = -1;
  for (int i = 0; i < N_USERS; i++)
    if (strcmp(USERS[i].user, r->a) == 0 && strcmp(USERS[i].password, r->b) == 0) user = i;
  if (user < 0) {
    if (api->spi.on_login) api->spi.on_login(api->ctx, r->id, TSC_E_LOGIN_FAILED, "用户名或密码错误", NULL);
    return;
  }
  if (!api->book_ready[user]) {
    sim_sink sink = {push_order, push_trade, push_tick, api};
    sim_book_init(&api->books[user], USERS[user].account, api->id_base, (uint64_t)api->id_base, sink);
    api->book_ready[user] = 1;
  }
  api->user = user;
  atomic_store(&api->logged_in, 1);
  tsc_login_info info;
  memset(&info, 0, sizeof(info));
  copy_text(info.user_id, sizeof(info.user_id), USERS[user].user);
  copy_text(info.account_id, sizeof(info.account_id), USERS[user].account);
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  strftime(info.trading_day, sizeof(info.trading_day), "%Y%m%d", &tm);
  info.session_id = api->id_base + ++api->logins;
  snprintf(info.order_ref_prefix, sizeof(info.order_ref_prefix), "%lld-", (long long)info.session_id);
  if (api->spi.on_login) api->spi.on_login(api->ctx, r->id, TSC_OK, "登录成功", &info);
}

static void do_query(tsc_api *api, request *r) {
  sim_book *book = current_book(api);
  if (!atomic_load(&api->logged_in) || !book) return;
  const tsc_spi *s = &api->spi;
  void *c = api->ctx;
  switch (r->kind) {
    case RQ_Q_INSTRUMENTS:
      if (!s->on_instrument) return;
      for (int i = 0; i < book->n_instruments; i++)
        s->on_instrument(c, r->id, &book->instruments[i].info, i == book->n_instruments - 1);
      if (book->n_instruments == 0) s->on_instrument(c, r->id, NULL, 1);
      return;
    case RQ_Q_ACCOUNT: {
      if (!s->on_account) return;
      tsc_account a;
      sim_book_account(book, &a);
      s->on_account(c, r->id, &a, 1);
      return;
    }
    case RQ_Q_POSITIONS: {
      if (!s->on_position) return;
      /* Collected first so the last one can carry is_last. */
      tsc_position found[SIM_MAX_INSTRUMENTS];
      int n = 0;
      for (int i = 0; i < book->n_instruments; i++)
        if (sim_book_position(book, i, &found[n])) n++;
      for (int i = 0; i < n; i++) s->on_position(c, r->id, &found[i], i == n - 1);
      if (n == 0) s->on_position(c, r->id, NULL, 1);
      return;
    }
    case RQ_Q_ORDERS:
      if (!s->on_order) return;
      /* n_orders is read each round: the callbacks cannot add orders (only this thread does). */
      for (size_t i = 0; i < book->n_orders; i++) s->on_order(c, r->id, &book->orders[i].o, i + 1 == book->n_orders);
      if (book->n_orders == 0) s->on_order(c, r->id, NULL, 1);
      return;
    case RQ_Q_TRADES:
      if (!s->on_trade) return;
      for (size_t i = 0; i < book->n_trades; i++) s->on_trade(c, r->id, &book->trades[i], i + 1 == book->n_trades);
      if (book->n_trades == 0) s->on_trade(c, r->id, NULL, 1);
      return;
    default: return;
  }
}

static void handle(tsc_api *api, request *r) {
  sim_book *book = current_book(api);
  switch (r->kind) {
    case RQ_CONNECT:
      if (api->refuse_connects > 0) {
        api->refuse_connects--;
        if (api->spi.on_disconnected) api->spi.on_disconnected(api->ctx, TSC_REASON_NETWORK, "连接交易前置失败：连接被拒绝");
        return;
      }
      if (!parse_front(api, r->a)) {
        on_error(api, r->id, TSC_E_BAD_FRONT, "交易服务器地址无效，应为 tcp://主机:端口");
        return;
      }
      atomic_store(&api->connected, 1);
      if (api->spi.on_connected) api->spi.on_connected(api->ctx);
      return;
    case RQ_LOGIN: do_login(api, r); return;
    case RQ_INSERT: {
      if (!atomic_load(&api->logged_in) || !book) return; /* lost in transit */
      int rc = sim_book_insert(book, &r->order);
      if (rc == TSC_E_DUPLICATE_REF) on_error(api, r->id, rc, "报单引用重复");
      else if (rc == TSC_ERR_NO_MEMORY) on_error(api, r->id, rc, "柜台内存不足");
      return;
    }
    case RQ_CANCEL: {
      if (!atomic_load(&api->logged_in) || !book) return;
      int rc = sim_book_cancel(book, r->a, "已撤单");
      if (rc == TSC_E_UNKNOWN_ORDER) on_error(api, r->id, rc, "撤单失败：委托不存在");
      else if (rc == TSC_E_NOT_CANCELABLE) on_error(api, r->id, rc, "撤单失败：委托已成交或已撤销");
      return;
    }
    case RQ_DROP:
      api->refuse_connects = r->count;
      if (!atomic_load(&api->connected)) return;
      atomic_store(&api->logged_in, 0);
      atomic_store(&api->connected, 0);
      if (api->spi.on_disconnected) api->spi.on_disconnected(api->ctx, TSC_REASON_NETWORK, "与交易前置的连接已断开");
      return;
    case RQ_SET_PRICE:
      if (book) sim_book_set_price(book, sim_book_find(book, r->a, r->b), r->price);
      return;
    case RQ_SETTLE:
      if (book) sim_book_settle(book);
      return;
    case RQ_SUBSCRIBE:
    case RQ_UNSUBSCRIBE: {
      if (!atomic_load(&api->logged_in) || !book) return;
      int idx = sim_book_find(book, r->a, r->b);
      if (idx < 0) {
        char msg[192];
        snprintf(msg, sizeof(msg), "订阅失败：合约 %s.%s 不存在", r->a, r->b);
        on_error(api, r->id, TSC_E_UNKNOWN_INSTRUMENT, msg);
        return;
      }
      sim_book_subscribe(book, idx, r->kind == RQ_SUBSCRIBE);
      return;
    }
    case RQ_BURST: {
      if (!book || !api->spi.on_account) return;
      tsc_account a;
      sim_book_account(book, &a);
      for (int32_t i = 0; i < r->count; i++) api->spi.on_account(api->ctx, 0, &a, 1);
      return;
    }
    default: do_query(api, r); return;
  }
}

static int64_t mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *worker_main(void *arg) {
  tsc_api *api = arg;
  int64_t next_walk = mono_ms() + DEFAULT_QUOTE_MS;
  pthread_mutex_lock(&api->lock);
  for (;;) {
    int walk_due = 0;
    while (!api->stopping && !api->head && !api->spi_dirty) {
      int walking = api->quote_ms > 0 && api->user >= 0;
      if (!walking) {
        pthread_cond_wait(&api->wake, &api->lock);
        continue;
      }
      int64_t now = mono_ms();
      if (now >= next_walk) {
        walk_due = 1;
        break;
      }
      struct timespec until = {(time_t)(next_walk / 1000), (long)(next_walk % 1000) * 1000000L};
      int rc = pthread_cond_timedwait(&api->wake, &api->lock, &until);
      if (rc == ETIMEDOUT) {
        walk_due = 1;
        break;
      }
    }
    if (api->stopping) break;
    if (api->spi_dirty) {
      api->spi = api->spi_pending;
      api->ctx = api->ctx_pending;
      api->spi_dirty = 0;
    }
    request *r = api->head;
    if (r) {
      api->head = r->next;
      if (!api->head) api->tail = NULL;
      api->queued--;
    }
    pthread_mutex_unlock(&api->lock);
    if (r) {
      handle(api, r);
      free(r);
    }
    if (walk_due) {
      sim_book *book = current_book(api);
      if (book) sim_book_walk(book);
      next_walk = mono_ms() + (api->quote_ms > 0 ? api->quote_ms : DEFAULT_QUOTE_MS);
    }
    pthread_mutex_lock(&api->lock);
  }
  pthread_mutex_unlock(&api->lock);
  return NULL;
}
