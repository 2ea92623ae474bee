/*
 * Test hooks of the simulated counter. Not part of the counter ABI: a vendor adapter has
 * none of these, and a binding must not require them. Each is queued like a request and
 * acted on by the counter's thread, in order with the requests before it.
 */
#ifndef SIMCOUNTER_TEST_H
#define SIMCOUNTER_TEST_H

#include "tstrader_counter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Drop the link as a network failure would (on_disconnected, reason NETWORK); the next
 * `refuse_reconnects` connect attempts are refused before one succeeds. */
TSC_EXPORT int32_t tsc_test_drop_connection(tsc_api *api, int32_t refuse_reconnects);
/* Move an instrument's last price; resting orders the new quote reaches are filled, also
 * while disconnected (the exchange does not wait for the client). */
TSC_EXPORT int32_t tsc_test_set_price(tsc_api *api, const char *symbol, const char *exchange, double price);
/* End of day: working orders cancelled, today's buys become sellable (T+1). */
TSC_EXPORT int32_t tsc_test_settle_day(tsc_api *api);
/* Push `count` account reports (request_id 0) from the counter's thread: a callback-rate probe. */
TSC_EXPORT int32_t tsc_test_burst(tsc_api *api, int32_t count);

#ifdef __cplusplus
}
#endif

#endif
