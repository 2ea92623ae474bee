/*
 * The relay's tests: order across event kinds (synthetic and from the real simulator), no
 * loss under a 100k burst from several threads, back-pressure on a full ring, and teardown
 * with events pending (leaks and a blocked producer are what the sanitizers would catch).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"
#include "simcounter_test.h"
#include "tstrader_relay.h"

int g_checks_failed = 0;
const char *g_current_test = "";

static void sleep_ms(int ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* Wait for the wake fd (up to ms), then swallow its bytes. Returns 1 when it was readable. */
static int wait_wake(int fd, int ms) {
  struct pollfd p = {fd, POLLIN, 0};
  int rc = poll(&p, 1, ms);
  if (rc <= 0) return 0;
  char buf[64];
  while (read(fd, buf, sizeof(buf)) > 0) {}
  return 1;
}

static void test_kinds_in_order(void) {
  tsr_relay *r = tsr_create(16, TSC_ABI_VERSION);
  CHECK(r != NULL);
  if (!r) return;
  int fd = tsr_take_wake_fd(r);
  CHECK(fd >= 0);
  CHECK(tsr_take_wake_fd(r) == -1); /* taken once */
  const tsc_spi *s = tsr_spi(r);
  CHECK(s->struct_size == sizeof(tsc_spi));
  tsc_order o;
  memset(&o, 0, sizeof(o));
  strcpy(o.order_id, "1-1");
  tsc_trade t;
  memset(&t, 0, sizeof(t));
  strcpy(t.trade_id, "T1");
  tsc_login_info info;
  memset(&info, 0, sizeof(info));
  info.session_id = 42;
  char longmsg[1000];
  memset(longmsg, 'x', sizeof(longmsg) - 1);
  longmsg[sizeof(longmsg) - 1] = '\0';

  s->on_connected(r);
  s->on_login(r, 7, 0, "登录成功", &info);
  s->on_order(r, 0, &o, 1);
  s->on_trade(r, 0, &t, 1);
  s->on_order(r, 9, NULL, 1);
  s->on_error(r, 8, 2001, longmsg);
  s->on_disconnected(r, 1, NULL);
  tsc_tick tick;
  memset(&tick, 0, sizeof(tick));
  strcpy(tick.symbol, "rb2601");
  tick.ask_volume[4] = 77; /* the struct's last member: the whole tick is carried */
  s->on_tick(r, &tick);
  s->on_md_connected(r);
  s->on_md_disconnected(r, 1, "md down");
  s->on_log(r, TSC_LOG_WARNING, "查询流控");
  CHECK(wait_wake(fd, 1000)); /* one wake for the whole batch */
  CHECK(!wait_wake(fd, 0));

  tsr_event out[16];
  int n = tsr_poll(r, out, 16);
  CHECK(n == 11);
  const int32_t kinds[] = {TSR_CONNECTED, TSR_LOGIN, TSR_ORDER, TSR_TRADE, TSR_ORDER, TSR_ERROR, TSR_DISCONNECTED,
                           TSR_TICK, TSR_MD_CONNECTED, TSR_MD_DISCONNECTED, TSR_LOG};
  for (int i = 0; i < n && i < 11; i++) CHECK(out[i].kind == kinds[i]);
  CHECK(out[1].request_id == 7 && strcmp(out[1].msg, "登录成功") == 0 && (out[1].flags & TSR_HAS_ITEM));
  tsc_login_info got;
  memcpy(&got, out[1].item, sizeof(got));
  CHECK(got.session_id == 42);
  CHECK(strcmp(((tsc_order *)(void *)out[2].item)->order_id, "1-1") == 0 && out[2].code == 1);
  CHECK(strcmp(((tsc_trade *)(void *)out[3].item)->trade_id, "T1") == 0);
  CHECK(out[4].request_id == 9 && !(out[4].flags & TSR_HAS_ITEM));
  CHECK(out[5].code == 2001 && out[5].msg_len == TSR_MSG_MAX && out[5].msg[TSR_MSG_MAX] == '\0');
  CHECK(out[6].code == 1 && out[6].msg_len == 0);
  tsc_tick got_tick;
  memcpy(&got_tick, out[7].item, sizeof(got_tick));
  CHECK(strcmp(got_tick.symbol, "rb2601") == 0 && got_tick.ask_volume[4] == 77);
  CHECK(out[9].code == 1 && strcmp(out[9].msg, "md down") == 0);
  CHECK(out[10].code == TSC_LOG_WARNING && strcmp(out[10].msg, "查询流控") == 0);

  /* Empty now and re-armed: the next event wakes again. */
  CHECK(tsr_poll(r, out, 16) == 0);
  s->on_connected(r);
  CHECK(wait_wake(fd, 1000));
  CHECK(tsr_poll(r, out, 16) == 1);
  uint64_t events = 0, wakes = 0;
  tsr_stats(r, &events, &wakes, NULL);
  CHECK(events == 12 && wakes == 2);
  tsr_stop(r);
  tsr_destroy(r);
  close(fd);
}

/* A version-1 counter: its structs are shorter, so the relay copies only their v1 bytes (ASan
 * would catch a v2-sized read past them) and shows it the v1-sized table. */
static void test_v1_counter_sizes(void) {
  CHECK(tsr_create(4, 3) == NULL); /* an ABI the relay does not know */
  tsr_relay *r = tsr_create(4, 1);
  CHECK(r != NULL);
  if (!r) return;
  const tsc_spi *s = tsr_spi(r);
  CHECK(s->struct_size == TSC_V1_SIZEOF_SPI);
  /* Exactly v1-sized heap blocks: reading one byte more is a heap overflow under ASan. */
  unsigned char *order = malloc(TSC_V1_SIZEOF_ORDER);
  memset(order, 0xAB, TSC_V1_SIZEOF_ORDER);
  s->on_order(r, 3, (const tsc_order *)(void *)order, 1);
  unsigned char *login = malloc(TSC_V1_SIZEOF_LOGIN_INFO);
  memset(login, 0x11, TSC_V1_SIZEOF_LOGIN_INFO);
  s->on_login(r, 4, 0, "ok", (const tsc_login_info *)(void *)login);
  tsr_event out[4];
  CHECK(tsr_poll(r, out, 4) == 2);
  CHECK(out[0].item[TSC_V1_SIZEOF_ORDER - 1] == 0xAB && out[0].item[TSC_V1_SIZEOF_ORDER] == 0);
  CHECK(((tsc_order *)(void *)out[0].item)->offset == TSC_OFFSET_NONE); /* the v2 tail reads as zeros */
  CHECK(out[1].item[TSC_V1_SIZEOF_LOGIN_INFO - 1] == 0x11 && ((tsc_login_info *)(void *)out[1].item)->order_ref_prefix[0] == 0);
  free(order);
  free(login);
  tsr_stop(r);
  tsr_destroy(r);
}

/* ---- burst: several producers, one consumer ---- */
#define PRODUCERS 4
#define PER_PRODUCER 25000

typedef struct burst_arg {
  tsr_relay *r;
  int producer;
} burst_arg;

static void *producer_main(void *p) {
  burst_arg *a = p;
  const tsc_spi *s = tsr_spi(a->r);
  tsc_account acc;
  memset(&acc, 0, sizeof(acc));
  for (int i = 0; i < PER_PRODUCER; i++) {
    acc.balance = i; /* the sequence number within this producer */
    if (i % 3 == 2) s->on_error(a->r, a->producer, i, "e");
    else s->on_account(a->r, a->producer, &acc, 1);
  }
  return NULL;
}

static void test_burst_no_loss(void) {
  tsr_relay *r = tsr_create(1024, TSC_ABI_VERSION); /* smaller than the burst: back-pressure is exercised too */
  CHECK(r != NULL);
  if (!r) return;
  int fd = tsr_take_wake_fd(r);
  pthread_t th[PRODUCERS];
  burst_arg args[PRODUCERS];
  for (int i = 0; i < PRODUCERS; i++) {
    args[i] = (burst_arg){r, i + 1};
    pthread_create(&th[i], NULL, producer_main, &args[i]);
  }
  int next[PRODUCERS + 1] = {0};
  int total = 0, bad = 0;
  tsr_event *batch = malloc(256 * sizeof(tsr_event));
  while (total < PRODUCERS * PER_PRODUCER) {
    int n = tsr_poll(r, batch, 256);
    if (n < 256 && total + n < PRODUCERS * PER_PRODUCER && !wait_wake(fd, 5000) && n == 0) break; /* stuck */
    for (int i = 0; i < n; i++) {
      tsr_event *e = &batch[i];
      int p = e->request_id;
      int seq = e->kind == TSR_ERROR ? e->code : (int)((tsc_account *)(void *)e->item)->balance;
      if (p < 1 || p > PRODUCERS || seq != next[p]) bad++;
      else next[p]++;
    }
    total += n;
  }
  for (int i = 0; i < PRODUCERS; i++) pthread_join(th[i], NULL);
  CHECK(total == PRODUCERS * PER_PRODUCER);
  CHECK(bad == 0); /* each producer's events arrive complete and in its order */
  CHECK(tsr_poll(r, batch, 256) == 0);
  uint64_t events = 0, wakes = 0, waits = 0;
  tsr_stats(r, &events, &wakes, &waits);
  CHECK(events == (uint64_t)(PRODUCERS * PER_PRODUCER));
  CHECK(wakes < events / 10); /* batched: far fewer wake-ups than events */
  free(batch);
  tsr_stop(r);
  tsr_destroy(r);
  close(fd);
}

/* ---- back-pressure ---- */
typedef struct bp_arg {
  tsr_relay *r;
  atomic_int sent;
} bp_arg;

static void *bp_producer(void *p) {
  bp_arg *a = p;
  for (int i = 0; i < 20; i++) {
    tsr_spi(a->r)->on_error(a->r, i, 0, NULL);
    atomic_fetch_add(&a->sent, 1);
  }
  return NULL;
}

/* Poll (up to 5 s) until a producer is waiting for room: the relay counts the wait as the
 * producer begins it, under the ring's lock, so from then on its event is not stored. */
static int wait_blocked(tsr_relay *r) {
  for (int i = 0; i < 5000; i++) {
    uint64_t waits = 0;
    tsr_stats(r, NULL, NULL, &waits);
    if (waits >= 1) return 1;
    sleep_ms(1);
  }
  return 0;
}

/* Poll (up to 5 s) until the relay has stored more than `after` events in all. */
static int wait_stored(tsr_relay *r, uint64_t after) {
  for (int i = 0; i < 5000; i++) {
    uint64_t events = 0;
    tsr_stats(r, &events, NULL, NULL);
    if (events > after) return 1;
    sleep_ms(1);
  }
  return 0;
}

static void test_back_pressure(void) {
  tsr_relay *r = tsr_create(4, TSC_ABI_VERSION);
  CHECK(r != NULL);
  if (!r) return;
  bp_arg a = {r, 0};
  pthread_t th;
  pthread_create(&th, NULL, bp_producer, &a);
  CHECK(wait_blocked(r));
  CHECK(atomic_load(&a.sent) == 4); /* the fifth waits for room: nothing dropped, nothing overwritten */
  tsr_event out[4];
  int got = 0, in_order = 1;
  /* poll for the condition (all 20 read), bounded at about 5 s of empty polls */
  for (int idle = 0; got < 20 && idle < 5000;) {
    int n = tsr_poll(r, out, 4);
    for (int i = 0; i < n; i++) in_order &= out[i].request_id == got + i;
    got += n;
    if (n == 0) {
      idle++;
      sleep_ms(1);
    }
  }
  pthread_join(th, NULL);
  CHECK(got == 20 && in_order);
  uint64_t waits = 0;
  tsr_stats(r, NULL, NULL, &waits);
  CHECK(waits >= 1);
  tsr_stop(r);
  tsr_destroy(r); /* the read end was never taken: destroy closes it */
}

static void test_stop_releases_blocked_producer(void) {
  tsr_relay *r = tsr_create(4, TSC_ABI_VERSION);
  CHECK(r != NULL);
  if (!r) return;
  bp_arg a = {r, 0};
  pthread_t th;
  pthread_create(&th, NULL, bp_producer, &a);
  CHECK(wait_blocked(r));
  CHECK(atomic_load(&a.sent) == 4);
  tsr_stop(r); /* teardown with a full ring and a waiting producer */
  pthread_join(th, NULL);
  CHECK(atomic_load(&a.sent) == 20); /* released; events after stop discarded */
  tsr_destroy(r); /* pending events freed with the ring */
}

/* ---- through the real simulator: its thread calls the relay ---- */
static void test_simulator_through_relay(void) {
  tsr_relay *r = tsr_create(0, TSC_ABI_VERSION);
  tsc_api *api = tsc_create();
  CHECK(r && api);
  if (!r || !api) return;
  int fd = tsr_take_wake_fd(r);
  CHECK(tsc_register_spi(api, tsr_spi(r), r) == TSC_OK);
  CHECK(tsc_connect(api, "sim://relay?quote_ms=0") > 0);
  tsr_event *out = malloc(64 * sizeof(tsr_event));
  int kinds[64], n = 0;
  int32_t login_rid = 0;
  int filled = 0;
  for (int spins = 0; spins < 200 && n < 64; spins++) {
    wait_wake(fd, 10);
    int got = tsr_poll(r, out, 64 - n);
    for (int i = 0; i < got; i++) {
      kinds[n++] = out[i].kind;
      if (out[i].kind == TSR_ORDER && ((tsc_order *)(void *)out[i].item)->status == TSC_STATUS_ALLTRADED) filled = 1;
      if (out[i].kind == TSR_CONNECTED) login_rid = tsc_login(api, "sim001", "123456");
      if (out[i].kind == TSR_LOGIN) {
        CHECK(out[i].request_id == login_rid && out[i].code == 0);
        tsc_order_req req;
        memset(&req, 0, sizeof(req));
        strcpy(req.symbol, "511880");
        strcpy(req.exchange, "SSE");
        strcpy(req.order_ref, "r-1");
        req.direction = TSC_DIR_BUY;
        CHECK(tsc_test_set_price(api, "511880", "SSE", 100) > 0);
        req.price = 100.001; /* at the ask: fills at once */
        req.volume = 100;
        CHECK(tsc_insert_order(api, &req) > 0);
      }
    }
    if (filled) break;
  }
  /* connected, login, then the order's pushes in the counter's order: order (accepted), the
   * trade, and the order filled last */
  CHECK(filled && n >= 5);
  if (filled && n >= 5) {
    CHECK(kinds[0] == TSR_CONNECTED && kinds[1] == TSR_LOGIN && kinds[2] == TSR_ORDER);
    CHECK(kinds[n - 2] == TSR_TRADE && kinds[n - 1] == TSR_ORDER);
  }
  /* Teardown with events pending: a burst queued but never read. */
  uint64_t stored = 0;
  tsr_stats(r, &stored, NULL, NULL);
  CHECK(tsc_test_burst(api, 10000) > 0);
  CHECK(wait_stored(r, stored)); /* the burst has begun arriving: stop with it pending */
  tsr_stop(r);
  tsc_release(api);
  tsr_destroy(r);
  close(fd);
  free(out);
}

static const test_case TESTS[] = {
    {"relay: every kind, in order, one wake per batch", test_kinds_in_order},
    {"relay: a version-1 counter's shorter structs", test_v1_counter_sizes},
    {"relay: 100k events from 4 threads, none lost, each in order", test_burst_no_loss},
    {"relay: a full ring makes the producer wait", test_back_pressure},
    {"relay: stop releases a waiting producer; destroy frees pending", test_stop_releases_blocked_producer},
    {"relay: the simulator's thread through the relay", test_simulator_through_relay},
    {NULL, NULL},
};

int main(void) {
  int passed = 0, failed = 0;
  for (const test_case *t = TESTS; t->name; t++) {
    int before = g_checks_failed;
    g_current_test = t->name;
    t->run();
    if (g_checks_failed == before) {
      passed++;
      printf("  ok   %s\n", t->name);
    } else {
      failed++;
      printf("  FAIL %s\n", t->name);
    }
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
