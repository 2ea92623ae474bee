// The counter ABI (native/include/tstrader_counter.h, version 2) over CTP's trader and
// market-data APIs. Each tsc_api is one ctp::Session; this file only checks arguments and
// forwards. See ctp_session.h for the threads and docs/ctp.md for the mapping.
#include <new>
#include <string>

#include "ctp_session.h"
#include "ctp_text.h"
#include "tstrader_counter.h"

struct tsc_api {
  ctp::Session session;
};

namespace {
std::string text(const char *s, std::size_t max) {
  std::size_t n = 0;
  while (n < max && s[n] != '\0') n++;
  return std::string(s, n);
}
}  // namespace

extern "C" {

TSC_EXPORT int32_t tsc_abi_version(void) { return TSC_ABI_VERSION; }
// The adapter decodes CTP's GB18030 itself (ctp_text.cpp), so everything it hands over is UTF-8.
TSC_EXPORT const char *tsc_encoding(void) { return "UTF-8"; }

TSC_EXPORT tsc_api *tsc_create(void) { return new (std::nothrow) tsc_api(); }

TSC_EXPORT void tsc_release(tsc_api *api) {
  if (!api) return;
  api->session.shutdown();
  delete api;
}

TSC_EXPORT int32_t tsc_register_spi(tsc_api *api, const tsc_spi *spi, void *ctx) {
  if (!api || !spi || spi->struct_size < sizeof(uint32_t) * 2) return TSC_ERR_INVALID_ARG;
  api->session.set_spi(spi, ctx);
  return TSC_OK;
}

TSC_EXPORT int32_t tsc_set_option(tsc_api *api, const char *key, const char *value) {
  if (!api || !key || !value) return TSC_ERR_INVALID_ARG;
  return api->session.set_option(text(key, 64), text(value, 1024));
}

TSC_EXPORT int32_t tsc_connect(tsc_api *api, const char *front) {
  if (!api || !front) return TSC_ERR_INVALID_ARG;
  return api->session.connect(text(front, 256));
}

TSC_EXPORT int32_t tsc_login(tsc_api *api, const char *user, const char *password) {
  if (!api || !user || !password) return TSC_ERR_INVALID_ARG;
  return api->session.login(text(user, 64), text(password, 64));
}

TSC_EXPORT int32_t tsc_query_instruments(tsc_api *api) { return api ? api->session.query('I') : TSC_ERR_INVALID_ARG; }
TSC_EXPORT int32_t tsc_query_account(tsc_api *api) { return api ? api->session.query('A') : TSC_ERR_INVALID_ARG; }
TSC_EXPORT int32_t tsc_query_positions(tsc_api *api) { return api ? api->session.query('P') : TSC_ERR_INVALID_ARG; }
TSC_EXPORT int32_t tsc_query_orders(tsc_api *api) { return api ? api->session.query('O') : TSC_ERR_INVALID_ARG; }
TSC_EXPORT int32_t tsc_query_trades(tsc_api *api) { return api ? api->session.query('T') : TSC_ERR_INVALID_ARG; }

TSC_EXPORT int32_t tsc_insert_order(tsc_api *api, const tsc_order_req *req) {
  if (!api || !req) return TSC_ERR_INVALID_ARG;
  return api->session.insert_order(*req);
}

TSC_EXPORT int32_t tsc_cancel_order(tsc_api *api, const char *order_id) {
  if (!api || !order_id) return TSC_ERR_INVALID_ARG;
  return api->session.cancel_order(text(order_id, 64));
}

TSC_EXPORT int32_t tsc_subscribe(tsc_api *api, const char *symbol, const char *exchange) {
  if (!api || !symbol || !exchange) return TSC_ERR_INVALID_ARG;
  return api->session.subscribe(text(symbol, 64), text(exchange, 16), true);
}

TSC_EXPORT int32_t tsc_unsubscribe(tsc_api *api, const char *symbol, const char *exchange) {
  if (!api || !symbol || !exchange) return TSC_ERR_INVALID_ARG;
  return api->session.subscribe(text(symbol, 64), text(exchange, 16), false);
}

#ifdef TSC_CTP_TEST_HOOKS
// Test builds only (native/adapters/ctp/Makefile: the _test library): hand a market snapshot to
// the vendor library's RegisterFensUserInfo. That is LocalCTP's way of being fed prices (it has
// no market-data API); against a real CTP library this call would mean something else entirely,
// which is why the product build does not contain it.
TSC_EXPORT int32_t tsc_test_feed_tick(tsc_api *api, const tsc_tick *tick) {
  if (!api || !tick) return TSC_ERR_INVALID_ARG;
  return api->session.feed_snapshot(*tick);
}
#endif

}  // extern "C"
