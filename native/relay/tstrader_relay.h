/*
 * The relay between a counter library and a binding whose callbacks are expensive to enter
 * from another thread (koffi: each cross-thread callback blocks the caller until the JS event
 * loop has run it — two thread wake-ups per event).
 *
 * The relay implements the counter ABI's callback table itself. Each callback copies its
 * event (bytes only) into a bounded ring under a mutex and returns; the consumer (JS) is
 * woken at most once per batch by one byte written to a pipe, and only when it is armed,
 * i.e. it found the ring empty at its last poll. The consumer drains with tsr_poll, a plain
 * synchronous call. So the counter's thread never waits for the consumer, except:
 *
 * Back-pressure: when the ring is full the producing thread waits until the consumer has
 * polled room free. Events are never dropped while the relay runs; only after tsr_stop
 * (teardown: nobody will read them any more) are new events discarded.
 *
 * Threading: any number of producer threads (MPSC), one consumer. Order is the order in
 * which producers took the ring's lock — for one counter thread, exactly its call order,
 * across every event kind.
 */
#ifndef TSTRADER_RELAY_H
#define TSTRADER_RELAY_H

#include <stdint.h>

#include "tstrader_counter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 2: the counter ABI's version 2 (ticks, market-data link, log; larger items), and tsr_create
 * takes the counter's ABI version so a version-1 counter's shorter structs are copied as such. */
#define TSR_VERSION 2

/* Event kinds, one per callback of tsc_spi. */
#define TSR_CONNECTED    1
#define TSR_DISCONNECTED 2
#define TSR_LOGIN        3
#define TSR_ORDER        4
#define TSR_TRADE        5
#define TSR_POSITION     6
#define TSR_ACCOUNT      7
#define TSR_INSTRUMENT   8
#define TSR_ERROR        9
#define TSR_TICK         10 /* code 0; item: tsc_tick */
#define TSR_MD_CONNECTED 11
#define TSR_MD_DISCONNECTED 12 /* code: reason; msg */
#define TSR_LOG          13 /* code: level (TSC_LOG_*); msg */

#define TSR_HAS_ITEM 1u /* flags: the struct area holds the item (NULL item: absent) */

/*
 * One ring slot as tsr_poll copies it out: fixed size, so the consumer can walk a batch by
 * index. The struct area holds the callback's struct (order, trade, …, login info); the
 * message area its message (disconnect reason, login or error text), truncated to
 * TSR_MSG_MAX bytes.
 */
#define TSR_STRUCT_MAX 336 /* sizeof(tsc_tick), the largest */
#define TSR_MSG_MAX 463
typedef struct tsr_event {
  int32_t kind;       /* TSR_* */
  int32_t request_id;
  int32_t code;       /* error_code (login, error), reason (disconnected), is_last (items), level (log) */
  uint32_t flags;     /* TSR_HAS_ITEM */
  uint32_t msg_len;   /* bytes in msg, without the NUL */
  uint32_t reserved;
  unsigned char item[TSR_STRUCT_MAX];
  char msg[TSR_MSG_MAX + 1];
} tsr_event;

typedef struct tsr_relay tsr_relay;

TSC_EXPORT int32_t tsr_version(void);
TSC_EXPORT uint32_t tsr_event_size(void);
/* capacity: ring slots (0: the default, 4096). counter_abi: the counter's tsc_abi_version(): a
 * version-1 counter's items are copied with the version-1 sizes (reading its structs with the
 * version-2 sizes would run past them), and it is given a version-1-sized callback table. NULL
 * when out of memory or pipes, or for an ABI version the relay does not know. */
TSC_EXPORT tsr_relay *tsr_create(uint32_t capacity, int32_t counter_abi);
/* The callback table to hand to the counter's tsc_register_spi, with the relay as ctx. */
TSC_EXPORT const tsc_spi *tsr_spi(tsr_relay *relay);
/* The pipe's read end: readable when events wait. The caller owns it from this call on
 * (closes it); tsr_destroy closes it only if it was never taken. */
TSC_EXPORT int32_t tsr_take_wake_fd(tsr_relay *relay);
/* Copy up to max events (oldest first) to out, which holds max * tsr_event_size() bytes.
 * Returns how many. Fewer than max means the ring is now empty and the relay is armed:
 * the next event will make the wake fd readable. */
TSC_EXPORT int32_t tsr_poll(tsr_relay *relay, void *out, int32_t max);
/* Teardown, before the counter's tsc_release: producers waiting for room are released and
 * later events are discarded, so the counter's thread can be joined without a consumer. */
TSC_EXPORT void tsr_stop(tsr_relay *relay);
/* Frees the relay; events still queued are discarded. Only after the counter is released
 * (no callback can run any more). */
TSC_EXPORT void tsr_destroy(tsr_relay *relay);
/* Statistics: events stored, wake-ups sent, times a producer had to wait for room. */
TSC_EXPORT void tsr_stats(tsr_relay *relay, uint64_t *events, uint64_t *wakes, uint64_t *waits);

#ifdef __cplusplus
}
#endif

#endif
