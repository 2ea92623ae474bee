/*
 * The relay: the counter ABI's callback table implemented as "copy into a ring, wake the
 * consumer at most once per batch". See tstrader_relay.h for the contract.
 *
 * A mutex (not a lock-free ring) guards the ring: producers hold it for one memcpy of at
 * most sizeof(tsr_event), the consumer for one memcpy of a batch, so it is never contended
 * for long, and it keeps the full/empty/armed transitions trivially correct (and TSan-clean).
 * The "armed" flag lives under the same lock: the consumer arms as it finds the ring empty,
 * a producer disarms as it stores, so a wake-up can never be lost or doubled.
 */
#define _POSIX_C_SOURCE 200809L
#include "tstrader_relay.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

_Static_assert(sizeof(tsc_tick) == TSR_STRUCT_MAX, "the struct area fits the largest item");
_Static_assert(sizeof(tsc_tick) >= sizeof(tsc_order) && sizeof(tsc_tick) >= sizeof(tsc_instrument), "tick is the largest");
_Static_assert(sizeof(tsr_event) == 824, "tsr_event is mirrored by the binding");
_Static_assert(offsetof(tsr_event, item) == 24 && offsetof(tsr_event, msg) == 360, "tsr_event layout");

#define DEFAULT_CAPACITY 4096

struct tsr_relay {
  pthread_mutex_t lock;
  pthread_cond_t room; /* signalled when the consumer frees slots, or on stop */
  tsr_event *ring;
  uint32_t capacity, head, count; /* head: oldest slot */
  int armed;                      /* the consumer waits for a wake byte */
  int stopped;
  int waiting;                    /* producers blocked on a full ring */
  int read_fd, write_fd, read_taken;
  uint64_t events, wakes, waits;
  tsc_spi spi;
  /* bytes copied per item kind: the counter's struct sizes (version 1 or 2) */
  size_t login_size, order_size, trade_size, position_size, account_size, instrument_size;
};

static void copy_msg(tsr_event *e, const char *msg) {
  size_t n = msg ? strlen(msg) : 0;
  if (n > TSR_MSG_MAX) n = TSR_MSG_MAX;
  if (n) memcpy(e->msg, msg, n);
  e->msg[n] = '\0';
  e->msg_len = (uint32_t)n;
}

/* Store one event (the slot is filled in place, under the lock) and wake the consumer if it
 * is armed. Waits while the ring is full (back-pressure); drops only after tsr_stop. */
static void put(tsr_relay *r, int32_t kind, int32_t rid, int32_t code, const void *item, size_t size, const char *msg) {
  pthread_mutex_lock(&r->lock);
  if (!r->stopped && r->count == r->capacity) {
    r->waits++;
    r->waiting++;
    while (!r->stopped && r->count == r->capacity) pthread_cond_wait(&r->room, &r->lock);
    r->waiting--;
  }
  if (r->stopped) {
    pthread_mutex_unlock(&r->lock);
    return;
  }
  tsr_event *e = &r->ring[(r->head + r->count) % r->capacity];
  e->kind = kind;
  e->request_id = rid;
  e->code = code;
  e->flags = item ? TSR_HAS_ITEM : 0;
  e->reserved = 0;
  if (item) {
    memcpy(e->item, item, size);
    /* A version-1 item is shorter than the area: zero the rest so no earlier event's bytes show. */
    if (size < TSR_STRUCT_MAX) memset(e->item + size, 0, TSR_STRUCT_MAX - size);
  }
  copy_msg(e, msg);
  r->count++;
  r->events++;
  int wake = r->armed;
  r->armed = 0;
  if (wake) r->wakes++;
  pthread_mutex_unlock(&r->lock);
  if (wake) {
    /* Non-blocking: if the pipe were somehow full, a byte is already waiting to be read. */
    ssize_t w;
    do w = write(r->write_fd, "", 1);
    while (w < 0 && errno == EINTR);
  }
}

static void on_connected(void *ctx) { put(ctx, TSR_CONNECTED, 0, 0, NULL, 0, NULL); }
static void on_disconnected(void *ctx, int32_t reason, const char *msg) { put(ctx, TSR_DISCONNECTED, 0, reason, NULL, 0, msg); }
static void on_login(void *ctx, int32_t rid, int32_t code, const char *msg, const tsc_login_info *info) {
  tsr_relay *r = ctx;
  put(r, TSR_LOGIN, rid, code, info, r->login_size, msg);
}
static void on_order(void *ctx, int32_t rid, const tsc_order *o, int32_t last) {
  tsr_relay *r = ctx;
  put(r, TSR_ORDER, rid, last, o, r->order_size, NULL);
}
static void on_trade(void *ctx, int32_t rid, const tsc_trade *t, int32_t last) {
  tsr_relay *r = ctx;
  put(r, TSR_TRADE, rid, last, t, r->trade_size, NULL);
}
static void on_position(void *ctx, int32_t rid, const tsc_position *p, int32_t last) {
  tsr_relay *r = ctx;
  put(r, TSR_POSITION, rid, last, p, r->position_size, NULL);
}
static void on_account(void *ctx, int32_t rid, const tsc_account *a, int32_t last) {
  tsr_relay *r = ctx;
  put(r, TSR_ACCOUNT, rid, last, a, r->account_size, NULL);
}
static void on_instrument(void *ctx, int32_t rid, const tsc_instrument *i, int32_t last) {
  tsr_relay *r = ctx;
  put(r, TSR_INSTRUMENT, rid, last, i, r->instrument_size, NULL);
}
static void on_error(void *ctx, int32_t rid, int32_t code, const char *msg) { put(ctx, TSR_ERROR, rid, code, NULL, 0, msg); }
static void on_tick(void *ctx, const tsc_tick *t) { put(ctx, TSR_TICK, 0, 0, t, sizeof(*t), NULL); }
static void on_md_connected(void *ctx) { put(ctx, TSR_MD_CONNECTED, 0, 0, NULL, 0, NULL); }
static void on_md_disconnected(void *ctx, int32_t reason, const char *msg) { put(ctx, TSR_MD_DISCONNECTED, 0, reason, NULL, 0, msg); }
static void on_log(void *ctx, int32_t level, const char *msg) { put(ctx, TSR_LOG, 0, level, NULL, 0, msg); }

int32_t tsr_version(void) { return TSR_VERSION; }
uint32_t tsr_event_size(void) { return (uint32_t)sizeof(tsr_event); }

static int set_flags(int fd, int nonblock) {
  int fdf = fcntl(fd, F_GETFD);
  if (fdf < 0 || fcntl(fd, F_SETFD, fdf | FD_CLOEXEC) < 0) return -1;
  if (!nonblock) return 0;
  int fl = fcntl(fd, F_GETFL);
  return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

tsr_relay *tsr_create(uint32_t capacity, int32_t counter_abi) {
  if (counter_abi != 1 && counter_abi != TSC_ABI_VERSION) return NULL;
  if (capacity == 0) capacity = DEFAULT_CAPACITY;
  tsr_relay *r = calloc(1, sizeof(*r));
  if (!r) return NULL;
  r->ring = calloc(capacity, sizeof(tsr_event));
  int fds[2];
  if (!r->ring || pipe(fds) != 0) {
    free(r->ring);
    free(r);
    return NULL;
  }
  /* Both ends non-blocking: a reader (libuv) expects it, and a writer must never stall. */
  if (set_flags(fds[0], 1) != 0 || set_flags(fds[1], 1) != 0) {
    close(fds[0]);
    close(fds[1]);
    free(r->ring);
    free(r);
    return NULL;
  }
  r->read_fd = fds[0];
  r->write_fd = fds[1];
  r->capacity = capacity;
  r->armed = 1; /* nothing read yet: the first event wakes the consumer */
  pthread_mutex_init(&r->lock, NULL);
  pthread_cond_init(&r->room, NULL);
  int v1 = counter_abi == 1;
  r->login_size = v1 ? TSC_V1_SIZEOF_LOGIN_INFO : sizeof(tsc_login_info);
  r->order_size = v1 ? TSC_V1_SIZEOF_ORDER : sizeof(tsc_order);
  r->trade_size = v1 ? TSC_V1_SIZEOF_TRADE : sizeof(tsc_trade);
  r->position_size = v1 ? TSC_V1_SIZEOF_POSITION : sizeof(tsc_position);
  r->account_size = v1 ? TSC_V1_SIZEOF_ACCOUNT : sizeof(tsc_account);
  r->instrument_size = v1 ? TSC_V1_SIZEOF_INSTRUMENT : sizeof(tsc_instrument);
  /* A version-1 counter is shown the table it knows; the v2 members stay set but unseen. */
  r->spi.struct_size = v1 ? TSC_V1_SIZEOF_SPI : sizeof(tsc_spi);
  r->spi.on_connected = on_connected;
  r->spi.on_disconnected = on_disconnected;
  r->spi.on_login = on_login;
  r->spi.on_order = on_order;
  r->spi.on_trade = on_trade;
  r->spi.on_position = on_position;
  r->spi.on_account = on_account;
  r->spi.on_instrument = on_instrument;
  r->spi.on_error = on_error;
  r->spi.on_tick = on_tick;
  r->spi.on_md_connected = on_md_connected;
  r->spi.on_md_disconnected = on_md_disconnected;
  r->spi.on_log = on_log;
  return r;
}

const tsc_spi *tsr_spi(tsr_relay *r) { return r ? &r->spi : NULL; }

int32_t tsr_take_wake_fd(tsr_relay *r) {
  if (!r) return -1;
  pthread_mutex_lock(&r->lock);
  int fd = r->read_taken ? -1 : r->read_fd;
  r->read_taken = 1;
  pthread_mutex_unlock(&r->lock);
  return fd;
}

int32_t tsr_poll(tsr_relay *r, void *out, int32_t max) {
  if (!r || !out || max <= 0) return 0;
  pthread_mutex_lock(&r->lock);
  uint32_t n = r->count < (uint32_t)max ? r->count : (uint32_t)max;
  /* At most two runs: up to the end of the ring, then from its start. */
  uint32_t first = r->capacity - r->head;
  if (first > n) first = n;
  memcpy(out, &r->ring[r->head], (size_t)first * sizeof(tsr_event));
  if (n > first) memcpy((tsr_event *)out + first, r->ring, (size_t)(n - first) * sizeof(tsr_event));
  r->head = (r->head + n) % r->capacity;
  r->count -= n;
  if (r->count == 0) r->armed = 1;
  if (n > 0 && r->waiting) pthread_cond_broadcast(&r->room);
  pthread_mutex_unlock(&r->lock);
  return (int32_t)n;
}

void tsr_stop(tsr_relay *r) {
  if (!r) return;
  pthread_mutex_lock(&r->lock);
  r->stopped = 1;
  r->armed = 0;
  pthread_cond_broadcast(&r->room);
  pthread_mutex_unlock(&r->lock);
}

void tsr_destroy(tsr_relay *r) {
  if (!r) return;
  if (!r->read_taken) close(r->read_fd);
  close(r->write_fd);
  pthread_cond_destroy(&r->room);
  pthread_mutex_destroy(&r->lock);
  free(r->ring);
  free(r);
}

void tsr_stats(tsr_relay *r, uint64_t *events, uint64_t *wakes, uint64_t *waits) {
  if (!r) return;
  pthread_mutex_lock(&r->lock);
  if (events) *events = r->events;
  if (wakes) *wakes = r->wakes;
  if (waits) *waits = r->waits;
  pthread_mutex_unlock(&r->lock);
}
