// The adapter through its ABI (tsc_*) against the fake vendor library: the paths LocalCTP never
// takes — a disconnect with its reason code, login and query errors in GB18030, flow control
// (-2/-3) with pacing and retry, answers paged over several callbacks, a refusal reported
// twice, cancels refused both ways, market data with its own link — and teardown with work in
// flight (leaks and use-after-free are what the sanitizers would catch). Waits are on
// conditions with a bound, never fixed sleeps.
#include <dlfcn.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ThostFtdcUserApiStruct.h"
#include "fake_ctp.h"
#include "runner.h"
#include "tstrader_counter.h"

extern "C" int32_t tsc_test_feed_tick(tsc_api *api, const tsc_tick *tick);

namespace {

std::string g_fake;  // the fake library's path

struct Fake {
  void (*reset)();
  void (*stats)(fake_ctp_stats *);
  int (*query_times)(double *, int);
  void (*fail_queries)(int, int);
  void (*swallow_next_query)();
  void (*page_delay_ms)(int);
  void (*set_instruments)(int);
  void (*fail_login)(int, const char *);
  void (*fail_query)(char, int, const char *);
  void (*refuse_insert)(int, const char *);
  void (*insert_rc)(int);
  void (*fill_inserts)(int);
  void (*refuse_cancel)(int, const char *, int);
  void (*positions)(int);
  void (*disconnect)(int);
  void (*reconnect)();
  void (*md_push)(const char *, double);
  void (*md_bounce)(int);
  int (*last_snapshot)(void *, int);
  int (*last_insert)(void *, int);
} fake;

fake_ctp_stats stats() {
  fake_ctp_stats s;
  fake.stats(&s);
  return s;
}

// ---- what the adapter called back ----
struct Recorder {
  std::mutex lock;
  std::condition_variable changed;
  int connected = 0, disconnected = 0, logins = 0, login_code = -1;
  std::string disconnect_msg, login_msg;
  tsc_login_info info{};
  std::vector<tsc_order> orders;
  int order_answers = 0;
  std::vector<tsc_trade> trades;
  int trade_answers = 0;
  std::vector<tsc_position> positions;
  int position_answers = 0;
  std::vector<tsc_account> accounts;
  std::vector<tsc_instrument> instruments;
  std::vector<int> instrument_last_flags;
  int instrument_answers = 0;
  struct Error {
    int32_t rid, code;
    std::string msg;
  };
  std::vector<Error> errors;
  std::vector<tsc_tick> ticks;
  int md_connected = 0, md_disconnected = 0;
  std::string md_disconnect_msg;
  std::vector<std::string> logs;
};
Recorder *rec = nullptr;

#define RECORD(body)                          \
  do {                                        \
    std::lock_guard<std::mutex> g_(rec->lock); \
    body;                                     \
    rec->changed.notify_all();                \
  } while (0)

void cb_connected(void *) { RECORD(rec->connected++); }
void cb_disconnected(void *, int32_t, const char *m) { RECORD(rec->disconnected++; rec->disconnect_msg = m ? m : ""); }
void cb_login(void *, int32_t, int32_t code, const char *m, const tsc_login_info *info) {
  RECORD(rec->logins++; rec->login_code = code; rec->login_msg = m ? m : ""; if (info) rec->info = *info);
}
void cb_order(void *, int32_t rid, const tsc_order *o, int32_t last) {
  RECORD(if (o) rec->orders.push_back(*o); if (rid && last) rec->order_answers++);
}
void cb_trade(void *, int32_t rid, const tsc_trade *t, int32_t last) {
  RECORD(if (t) rec->trades.push_back(*t); if (rid && last) rec->trade_answers++);
}
void cb_position(void *, int32_t, const tsc_position *p, int32_t last) {
  RECORD(if (p) rec->positions.push_back(*p); if (last) rec->position_answers++);
}
void cb_account(void *, int32_t, const tsc_account *a, int32_t) { RECORD(if (a) rec->accounts.push_back(*a)); }
void cb_instrument(void *, int32_t, const tsc_instrument *i, int32_t last) {
  RECORD(if (i) rec->instruments.push_back(*i); rec->instrument_last_flags.push_back(last); if (last) rec->instrument_answers++);
}
void cb_error(void *, int32_t rid, int32_t code, const char *m) { RECORD(rec->errors.push_back({rid, code, m ? m : ""})); }
void cb_tick(void *, const tsc_tick *t) { RECORD(rec->ticks.push_back(*t)); }
void cb_md_connected(void *) { RECORD(rec->md_connected++); }
void cb_md_disconnected(void *, int32_t, const char *m) { RECORD(rec->md_disconnected++; rec->md_disconnect_msg = m ? m : ""); }
void cb_log(void *, int32_t, const char *m) { RECORD(rec->logs.push_back(m ? m : "")); }

// Wait (up to 5 s) until `ok` holds for the recorder. Only the recorder's callbacks signal
// `changed`: a condition on anything else (the fake vendor's counters) must use poll_until.
template <typename F>
bool wait_for(F ok) {
  std::unique_lock<std::mutex> g(rec->lock);
  return rec->changed.wait_for(g, std::chrono::seconds(5), [&] { return ok(*rec); });
}

// Check `ok` every millisecond (up to 5 s): for state no callback announces, such as the fake
// vendor's call counts. Waiting on `changed` there misses the last change when it comes with no
// callback (a successful subscribe answers nothing the recorder sees).
template <typename F>
bool poll_until(F ok) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!ok()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

bool contains(const std::string &s, const char *part) { return s.find(part) != std::string::npos; }

tsc_api *start(bool md = false, const char *interval = "0") {
  delete rec;
  rec = new Recorder();
  fake.reset();
  tsc_api *api = tsc_create();
  tsc_spi spi = {sizeof(tsc_spi), 0, cb_connected, cb_disconnected, cb_login, cb_order, cb_trade, cb_position,
                 cb_account, cb_instrument, cb_error, cb_tick, cb_md_connected, cb_md_disconnected, cb_log};
  CHECK(tsc_register_spi(api, &spi, nullptr) == TSC_OK);
  CHECK(tsc_set_option(api, "trader_library", g_fake.c_str()) == TSC_OK);
  CHECK(tsc_set_option(api, "broker_id", "9999") == TSC_OK);
  CHECK(tsc_set_option(api, "app_id", "client_tstrader_1.0") == TSC_OK);
  CHECK(tsc_set_option(api, "auth_code", "0000000000000000") == TSC_OK);
  CHECK(tsc_set_option(api, "query_interval_ms", interval) == TSC_OK);
  if (md) {
    CHECK(tsc_set_option(api, "md_library", g_fake.c_str()) == TSC_OK);
    CHECK(tsc_set_option(api, "md_front", "tcp://md.example:41213") == TSC_OK);
  }
  return api;
}

bool login(tsc_api *api) {
  const int connected = rec->connected, logins = rec->logins;
  CHECK(tsc_connect(api, "tcp://trade.example:41205") > 0);
  if (!wait_for([&](Recorder &r) { return r.connected > connected; })) return false;
  CHECK(tsc_login(api, "8001", "s3cret") > 0);
  if (!wait_for([&](Recorder &r) { return r.logins > logins; })) return false;
  return rec->login_code == TSC_OK;
}

tsc_order_req order(const std::string &ref, int32_t dir, int32_t offset, double price, int64_t volume, int32_t type = TSC_PRICE_LIMIT) {
  tsc_order_req r;
  std::memset(&r, 0, sizeof(r));
  std::snprintf(r.symbol, sizeof(r.symbol), "rb2601");
  std::snprintf(r.exchange, sizeof(r.exchange), "SHFE");
  std::snprintf(r.order_ref, sizeof(r.order_ref), "%s", ref.c_str());
  std::snprintf(r.reference, sizeof(r.reference), "网格");
  r.direction = dir;
  r.offset = offset;
  r.price_type = type;
  r.price = price;
  r.volume = volume;
  return r;
}

const tsc_order *order_by_id(const char *id) {
  for (auto it = rec->orders.rbegin(); it != rec->orders.rend(); ++it)
    if (std::strcmp(it->order_id, id) == 0) return &*it;
  return nullptr;
}

// ---- tests ----
void test_login_sequence_and_paging() {
  tsc_api *api = start();
  CHECK(tsc_set_option(api, "no_such_option", "1") == TSC_ERR_UNSUPPORTED);
  CHECK(tsc_set_option(api, "production_mode", "maybe") == TSC_ERR_INVALID_ARG);
  CHECK(tsc_login(api, "8001", "x") == TSC_ERR_NOT_CONNECTED);
  CHECK(login(api));
  const fake_ctp_stats s = stats();
  // RegisterFront → OnFrontConnected → ReqAuthenticate → ReqUserLogin → ReqSettlementInfoConfirm.
  CHECK(s.authenticate_calls == 1 && s.login_calls == 1 && s.confirm_calls == 1);
  CHECK(std::string(s.last_password) == "s3cret" && std::string(s.last_broker) == "9999");
  CHECK(std::string(s.last_app_id) == "client_tstrader_1.0" && std::string(s.last_front) == "tcp://trade.example:41205");
  CHECK(std::string(rec->info.order_ref_prefix) == "7_-3_" && std::string(rec->info.trading_day) == "20251202");
  CHECK(rec->info.session_id == ((int64_t)7 << 32 | (uint32_t)-3));
  // Instruments paged: one callback each, is_last only at the end; the too-long code left out
  // (its place as the last one is taken by an empty is_last) and said in the log.
  fake.set_instruments(3);
  CHECK(tsc_query_instruments(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.instrument_answers == 1; }));
  CHECK(rec->instruments.size() == 5);  // rb2601, m2601, IF2601..IF2603
  CHECK(rec->instrument_last_flags.size() == 6);
  for (std::size_t i = 0; i + 1 < rec->instrument_last_flags.size(); i++) CHECK(rec->instrument_last_flags[i] == 0);
  CHECK(std::string(rec->instruments[0].name) == "螺纹钢2601" && rec->instruments[2].size == 300);
  CHECK(std::string(rec->instruments[2].name) == "沪深300股指期货");
  CHECK(rec->instruments[2].short_margin_ratio == 0);  // DBL_MAX from the counter: not stated
  bool skip_logged = false;
  for (const auto &l : rec->logs) skip_logged |= contains(l, "1 个合约的代码超过 15 个字符");
  CHECK(skip_logged);
  // An empty answer is one callback with no item and is_last.
  fake.set_instruments(0);
  CHECK(tsc_query_instruments(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.instrument_answers == 2; }));
  CHECK(rec->instrument_last_flags.back() == 1 && rec->instruments.size() == 5);
  tsc_release(api);
}

void test_login_refused_in_gb18030() {
  tsc_api *api = start();
  fake.fail_login(3, "CTP:\xB2\xBB\xBA\xCF\xB7\xA8\xB5\xC4\xB5\xC7\xC2\xBC");  // CTP:不合法的登录
  CHECK(!login(api));
  CHECK(rec->login_code == TSC_E_LOGIN_FAILED);
  CHECK(contains(rec->login_msg, "CTP:不合法的登录") && contains(rec->login_msg, "错误码 3"));
  CHECK(tsc_query_account(api) == TSC_ERR_NOT_LOGGED_IN);
  // A second try goes through (the fake refuses once).
  CHECK(tsc_login(api, "8001", "s3cret") > 0);
  CHECK(wait_for([](Recorder &r) { return r.logins == 2; }));
  CHECK(rec->login_code == TSC_OK);
  tsc_release(api);
}

void test_flow_control_paces_and_retries() {
  tsc_api *api = start(false, "40");
  CHECK(login(api));
  // The counter refuses the first two sends (-3, then -2): they are retried after the interval,
  // one query at a time, and every answer arrives.
  fake.fail_queries(-3, 1);
  const int32_t a = tsc_query_account(api), p = tsc_query_positions(api), o = tsc_query_orders(api);
  CHECK(a > 0 && p > a && o > p);
  CHECK(wait_for([](Recorder &r) { return r.accounts.size() == 1 && r.position_answers == 1; }));
  fake.fail_queries(-2, 1);
  CHECK(tsc_query_trades(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.order_answers == 1 && r.trade_answers == 1; }));
  const fake_ctp_stats s = stats();
  CHECK(s.query_calls == 6);  // 4 queries, 2 refused sends
  CHECK(s.max_in_flight == 1);
  double t[16];
  const int n = fake.query_times(t, 16);
  CHECK(n == 6);
  for (int i = 1; i < n; i++) CHECK(t[i] - t[i - 1] >= 39.0);  // ≥ the interval, refused sends included
  int retries = 0;
  for (const auto &l : rec->logs) retries += contains(l, "CTP 流控") && contains(l, "重发");
  CHECK(retries == 2);
  tsc_release(api);
}

void test_lost_answer_and_slow_pages() {
  tsc_api *api = start();
  CHECK(tsc_set_option(api, "query_timeout_ms", "300") == TSC_OK);
  CHECK(tsc_set_option(api, "query_timeout_ms", "0") == TSC_ERR_INVALID_ARG);
  CHECK(login(api));
  // An answer that never comes is given up after the timeout, and the next query goes.
  fake.swallow_next_query();
  const int32_t lost = tsc_query_account(api);
  CHECK(tsc_query_positions(api) > 0);
  CHECK(wait_for([](Recorder &r) { return !r.errors.empty() && r.position_answers == 1; }));
  CHECK(rec->errors[0].rid == lost && contains(rec->errors[0].msg, "查询超时"));
  // A long list whose pages come 120 ms apart takes longer than the timeout in all, but each
  // page keeps it alive: no timeout.
  fake.page_delay_ms(120);
  CHECK(tsc_query_instruments(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.instrument_answers == 1; }));
  CHECK(rec->instruments.size() == 5 && rec->errors.size() == 1);
  tsc_release(api);
}

void test_query_error_answer() {
  tsc_api *api = start();
  CHECK(login(api));
  fake.fail_query('A', 90, "CTP:\xB2\xE9\xD1\xAF\xCE\xB4\xBE\xCD\xD0\xF7\xA3\xAC\xC7\xEB\xC9\xD4\xBA\xF3\xD6\xD8\xCA\xD4");
  const int32_t rid = tsc_query_account(api);
  CHECK(wait_for([](Recorder &r) { return !r.errors.empty(); }));
  CHECK(rec->errors[0].rid == rid && rec->errors[0].code == 90);
  CHECK(rec->errors[0].msg == "查询资金失败：CTP:查询未就绪，请稍后重试");
  // The pacer moved on: the next query is answered.
  CHECK(tsc_query_account(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.accounts.size() == 1; }));
  tsc_release(api);
}

void test_orders_refusals_and_ids() {
  tsc_api *api = start();
  CHECK(login(api));
  tsc_order_req bad_ref = order("9_9_1", TSC_DIR_BUY, TSC_OFFSET_OPEN, 3500, 1);
  CHECK(tsc_insert_order(api, &bad_ref) == TSC_ERR_INVALID_ARG);  // not this session's prefix
  tsc_order_req long_ref = order("7_-3_1234567890123", TSC_DIR_BUY, TSC_OFFSET_OPEN, 3500, 1);
  CHECK(tsc_insert_order(api, &long_ref) == TSC_ERR_INVALID_ARG);  // CTP's OrderRef holds 12

  tsc_order_req ok = order("7_-3_1", TSC_DIR_BUY, TSC_OFFSET_OPEN, 3500, 2);
  CHECK(tsc_insert_order(api, &ok) > 0);
  CHECK(wait_for([](Recorder &) { return order_by_id("7_-3_1") != nullptr; }));
  const tsc_order *o = order_by_id("7_-3_1");
  CHECK(o->status == TSC_STATUS_NOTTRADED && o->offset == TSC_OFFSET_OPEN && std::string(o->order_sys_id) == "1000");
  CHECK(std::string(o->reference) == "网格" && o->volume == 2 && o->insert_time > 0);
  CThostFtdcInputOrderField sent;
  CHECK(fake.last_insert(&sent, sizeof(sent)) == 1);
  CHECK(std::string(sent.OrderRef) == "1" && sent.CombOffsetFlag[0] == THOST_FTDC_OF_Open && sent.Direction == THOST_FTDC_D_Buy);
  CHECK(sent.OrderPriceType == THOST_FTDC_OPT_LimitPrice && sent.TimeCondition == THOST_FTDC_TC_GFD && sent.VolumeTotalOriginal == 2);
  CHECK(std::string(sent.InvestorID) == "8001" && std::string(sent.BrokerID) == "9999" && sent.CombHedgeFlag[0] == THOST_FTDC_HF_Speculation);

  tsc_order_req fok = order("7_-3_2", TSC_DIR_SELL, TSC_OFFSET_CLOSE_TODAY, 3490, 1, TSC_PRICE_FOK);
  CHECK(tsc_insert_order(api, &fok) > 0);
  CHECK(wait_for([](Recorder &) { return order_by_id("7_-3_2") != nullptr; }));
  CHECK(fake.last_insert(&sent, sizeof(sent)) == 1);
  CHECK(sent.TimeCondition == THOST_FTDC_TC_IOC && sent.VolumeCondition == THOST_FTDC_VC_CV && sent.CombOffsetFlag[0] == THOST_FTDC_OF_CloseToday);
  CHECK(order_by_id("7_-3_2")->price_type == TSC_PRICE_FOK);

  // Refused by the adapter itself, in Chinese, as an order report.
  tsc_order_req no_offset = order("7_-3_3", TSC_DIR_BUY, TSC_OFFSET_NONE, 3500, 1);
  tsc_order_req best_own = order("7_-3_4", TSC_DIR_BUY, TSC_OFFSET_OPEN, 3500, 1, TSC_PRICE_BEST_OWN);
  CHECK(tsc_insert_order(api, &no_offset) > 0 && tsc_insert_order(api, &best_own) > 0);
  CHECK(wait_for([](Recorder &) { return order_by_id("7_-3_3") && order_by_id("7_-3_4"); }));
  CHECK(order_by_id("7_-3_3")->status == TSC_STATUS_REJECTED && contains(order_by_id("7_-3_3")->status_msg, "须指定开平"));
  CHECK(contains(order_by_id("7_-3_4")->status_msg, "不支持该价格类型"));
  // Flow control on an insert: refused, never retried.
  fake.insert_rc(-3);
  tsc_order_req flow = order("7_-3_5", TSC_DIR_BUY, TSC_OFFSET_OPEN, 3500, 1);
  CHECK(tsc_insert_order(api, &flow) > 0);
  CHECK(wait_for([](Recorder &) { return order_by_id("7_-3_5") != nullptr; }));
  CHECK(order_by_id("7_-3_5")->status == TSC_STATUS_REJECTED && contains(order_by_id("7_-3_5")->status_msg, "每秒发送请求数超过许可数"));
  // Refused by CTP: reported twice by the vendor, once by the adapter, reason decoded.
  fake.refuse_insert(31, "CTP:\xC6\xBD\xB2\xD6\xC1\xBF\xB3\xAC\xB9\xFD\xB3\xD6\xB2\xD6\xC1\xBF");  // 平仓量超过持仓量
  tsc_order_req over = order("7_-3_6", TSC_DIR_SELL, TSC_OFFSET_CLOSE, 3500, 9);
  CHECK(tsc_insert_order(api, &over) > 0);
  CHECK(wait_for([](Recorder &) { return order_by_id("7_-3_6") != nullptr; }));
  // Both vendor reports are in once the next query's answer is: the adapter's thread is in order.
  CHECK(tsc_query_account(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.accounts.size() == 1; }));
  int reports = 0;
  for (const auto &r : rec->orders) reports += std::strcmp(r.order_id, "7_-3_6") == 0;
  CHECK(reports == 1);
  CHECK(std::string(order_by_id("7_-3_6")->status_msg) == "CTP:平仓量超过持仓量（错误码 31）");
  CHECK(stats().insert_calls == 4);  // 1, 2, 5 (refused by rc), 6; 3 and 4 never left the adapter
  tsc_release(api);
}

void test_cancels() {
  tsc_api *api = start();
  CHECK(login(api));
  const int32_t unknown = tsc_cancel_order(api, "7_-3_99");
  CHECK(wait_for([](Recorder &r) { return r.errors.size() == 1; }));
  CHECK(rec->errors[0].rid == unknown && rec->errors[0].code == TSC_E_UNKNOWN_ORDER && contains(rec->errors[0].msg, "柜台无此委托"));
  tsc_order_req ok = order("7_-3_1", TSC_DIR_BUY, TSC_OFFSET_OPEN, 3500, 1);
  CHECK(tsc_insert_order(api, &ok) > 0);
  CHECK(wait_for([](Recorder &) { return order_by_id("7_-3_1") != nullptr; }));
  // Refused through OnRspOrderAction (carries the request id)…
  fake.refuse_cancel(26, "CTP:\xB1\xA8\xB5\xA5\xD2\xD1\xC8\xAB\xB3\xC9\xBD\xBB\xBB\xF2\xD2\xD1\xB3\xB7\xCF\xFA\xA3\xAC\xB2\xBB\xC4\xDC\xD4\xD9\xB3\xB7", 0);
  const int32_t first = tsc_cancel_order(api, "7_-3_1");
  CHECK(wait_for([](Recorder &r) { return r.errors.size() == 2; }));
  CHECK(rec->errors[1].rid == first && rec->errors[1].code == 26);
  CHECK(rec->errors[1].msg == "撤单失败：CTP:报单已全成交或已撤销，不能再撤");
  // …and through OnErrRtnOrderAction (no request id: found by FrontID/SessionID/OrderRef).
  fake.refuse_cancel(26, "CTP:x", 1);
  const int32_t second = tsc_cancel_order(api, "7_-3_1");
  CHECK(wait_for([](Recorder &r) { return r.errors.size() == 3; }));
  CHECK(rec->errors[2].rid == second);
  // Accepted: the order comes back cancelled with CTP's status message.
  CHECK(tsc_cancel_order(api, "7_-3_1") > 0);
  CHECK(wait_for([](Recorder &) { return order_by_id("7_-3_1")->status == TSC_STATUS_CANCELLED; }));
  CHECK(std::string(order_by_id("7_-3_1")->status_msg) == "已撤单");
  tsc_release(api);
}

void test_replay_maps_trades_to_orders() {
  tsc_api *api = start();
  CHECK(login(api));
  fake.fill_inserts(1);
  tsc_order_req ok = order("7_-3_1", TSC_DIR_BUY, TSC_OFFSET_OPEN, 3500, 1);
  CHECK(tsc_insert_order(api, &ok) > 0);
  CHECK(wait_for([](Recorder &r) { return r.trades.size() == 1; }));
  CHECK(std::string(rec->trades[0].trade_id) == "SHFE_76" && std::string(rec->trades[0].order_id) == "7_-3_1");
  CHECK(rec->trades[0].offset == TSC_OFFSET_OPEN && rec->trades[0].trade_time > 0);
  // Queries (as after a reconnect or a restart): an order of another session keeps its own
  // FrontID_SessionID_OrderRef id, and its trade maps to it by the exchange's order number.
  CHECK(tsc_query_orders(api) > 0 && tsc_query_trades(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.trade_answers == 1; }));
  CHECK(order_by_id("1_99_5") != nullptr && order_by_id("1_99_5")->status == TSC_STATUS_ALLTRADED);
  bool mapped = false, own_again = false;
  for (const auto &t : rec->trades) {
    mapped |= std::string(t.trade_id) == "SHFE_55" && std::string(t.order_id) == "1_99_5";
    own_again |= std::string(t.trade_id) == "SHFE_76" && std::string(t.order_id) == "7_-3_1";
  }
  CHECK(mapped && own_again);
  tsc_release(api);
}

void test_positions_and_account() {
  tsc_api *api = start();
  CHECK(login(api));
  CHECK(tsc_query_instruments(api) > 0);  // sizes come from here
  CHECK(tsc_query_positions(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.position_answers == 1; }));
  CHECK(rec->positions.size() == 2);
  for (const auto &p : rec->positions) {
    if (p.direction == TSC_POS_LONG) {
      CHECK(std::string(p.symbol) == "rb2601" && p.volume == 5 && p.yd_volume == 3 && p.frozen == 1);
      CHECK_NEAR(p.cost_price, 3440);  // (70,000 + 102,000) / (5 × 10)
      CHECK_NEAR(p.open_price, 3380);  // (70,000 + 99,000) / 50
      CHECK_NEAR(p.pnl, 3500);
      CHECK_NEAR(p.last_price, 3510);
    } else {
      CHECK(std::string(p.symbol) == "m2601" && p.volume == 4 && p.yd_volume == 3 && p.frozen == 2);
      CHECK_NEAR(p.margin, 12000);
    }
  }
  fake.positions(1);  // the short is closed and its record gone
  CHECK(tsc_query_positions(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.position_answers == 2; }));
  const tsc_position &gone = rec->positions.back();
  CHECK(std::string(gone.symbol) == "m2601" && gone.direction == TSC_POS_SHORT && gone.volume == 0);
  CHECK(tsc_query_account(api) > 0);
  CHECK(wait_for([](Recorder &r) { return r.accounts.size() == 1; }));
  const tsc_account &a = rec->accounts[0];
  CHECK(std::string(a.account_id) == "8001");
  CHECK_NEAR(a.balance, 20001234.5);
  CHECK_NEAR(a.frozen, 123);  // margin 100 + cash 20 + commission 3
  CHECK_NEAR(a.margin, 11000);
  CHECK_NEAR(a.close_pnl, 500);
  CHECK_NEAR(a.position_pnl, -66);
  CHECK_NEAR(a.commission, 12.5);
  CHECK_NEAR(a.pre_balance, 20000000);
  tsc_release(api);
}

void test_disconnect_reason_and_relogin() {
  tsc_api *api = start();
  CHECK(login(api));
  fake.disconnect(0x1001);
  CHECK(wait_for([](Recorder &r) { return r.disconnected == 1; }));
  CHECK(rec->disconnect_msg == "网络读失败（0x1001）");
  CHECK(tsc_query_account(api) == TSC_ERR_NOT_CONNECTED);
  tsc_order_req o = order("7_-3_1", TSC_DIR_BUY, TSC_OFFSET_OPEN, 3500, 1);
  CHECK(tsc_insert_order(api, &o) == TSC_ERR_NOT_CONNECTED);
  // The vendor reconnects by itself; the client logs in again.
  fake.reconnect();
  CHECK(wait_for([](Recorder &r) { return r.connected == 2; }));
  CHECK(tsc_connect(api, "tcp://trade.example:41205") > 0);  // answered at once: already up
  CHECK(wait_for([](Recorder &r) { return r.connected == 3; }));
  CHECK(tsc_login(api, "8001", "s3cret") > 0);
  CHECK(wait_for([](Recorder &r) { return r.logins == 2; }));
  CHECK(rec->login_code == TSC_OK && stats().login_calls == 2 && stats().trader_created == 1);
  // A link that falls during the login fails the login with the reason.
  fake.disconnect(0x2001);
  CHECK(wait_for([](Recorder &r) { return r.disconnected == 2; }));
  fake.reconnect();
  CHECK(wait_for([](Recorder &r) { return r.connected == 4; }));
  fake.fail_login(0, "");
  CHECK(tsc_login(api, "8001", "s3cret") > 0);
  fake.disconnect(0x2003);
  CHECK(wait_for([](Recorder &r) { return r.disconnected == 3 && r.logins == 3; }));
  // Either the login completed before the link fell, or it failed naming the reason.
  CHECK(rec->login_code == TSC_OK || contains(rec->login_msg, "收到错误报文"));
  tsc_release(api);
}

void test_market_data_link() {
  tsc_api *plain = start();
  CHECK(login(plain));
  CHECK(tsc_subscribe(plain, "rb2601", "SHFE") == TSC_ERR_UNSUPPORTED);  // no md front: no market data
  tsc_release(plain);

  tsc_api *api = start(true);
  CHECK(login(api));
  CHECK(wait_for([](Recorder &r) { return r.md_connected == 1; }));
  CHECK(tsc_subscribe(api, "rb2601", "SHFE") > 0);
  CHECK(tsc_subscribe(api, "BAD", "SHFE") > 0);
  CHECK(wait_for([](Recorder &r) { return !r.errors.empty(); }));
  CHECK(contains(rec->errors[0].msg, "订阅 BAD 行情失败：CTP:找不到合约"));
  fake.md_push("rb2601", 3500);
  CHECK(wait_for([](Recorder &r) { return r.ticks.size() == 1; }));
  const tsc_tick &t = rec->ticks[0];
  CHECK(std::string(t.symbol) == "rb2601" && std::string(t.exchange) == "SHFE");  // from the subscription
  CHECK(t.last_price == 3500 && t.pre_settlement == 3490 && t.settlement == 0 && t.open_interest == 150000);
  CHECK(t.bid_price[0] == 3499 && t.ask_volume[0] == 12 && t.bid_price[1] == 0 && t.bid_volume[1] == 0);
  CHECK(std::string(t.trading_day) == "20251202" && std::string(t.update_time) == "10:30:00" && t.update_millisec == 500);
  // Both sent on this login before the link falls. Neither the refusal nor the tick above says
  // that rb2601 went out (the fake pushes ticks unasked), and a link that falls while the
  // adapter is still sending drops the rest until the next login, which sends them then.
  CHECK(poll_until([] { return stats().subscribe_calls == 2; }));
  // The md link falls and comes back: the reason is told, and the subscriptions are sent again.
  fake.md_bounce(0x2001);
  CHECK(wait_for([](Recorder &r) { return r.md_disconnected == 1 && r.md_connected == 2; }));
  CHECK(rec->md_disconnect_msg == "接收心跳超时（0x2001）");
  CHECK(poll_until([] { return stats().subscribe_calls == 4; }));
  // Each instrument once per md login (the order within a login may vary: a subscribe can race
  // the resubscription that follows the login, and is sent once either way).
  const std::string sent = std::string(",") + stats().subscribed + ",";
  auto times = [&](const char *id) {
    int n = 0;
    for (std::size_t at = sent.find(id); at != std::string::npos; at = sent.find(id, at + 1)) n++;
    return n;
  };
  CHECK(times(",rb2601,") == 2 && times(",BAD,") == 2);
  tsc_release(api);
}

void test_snapshot_hook_and_bad_library() {
  tsc_api *api = start();
  tsc_tick tick;
  std::memset(&tick, 0, sizeof(tick));
  CHECK(tsc_test_feed_tick(api, &tick) == TSC_ERR_NOT_LOGGED_IN);  // LocalCTP would abort without a trading day
  CHECK(login(api));
  std::snprintf(tick.symbol, sizeof(tick.symbol), "rb2601");
  std::snprintf(tick.exchange, sizeof(tick.exchange), "SHFE");
  std::snprintf(tick.trading_day, sizeof(tick.trading_day), "20251202");
  std::snprintf(tick.update_time, sizeof(tick.update_time), "10:00:00");
  tick.last_price = 3500;
  tick.pre_settlement = 3480;
  tick.bid_price[0] = 3499;
  tick.ask_price[0] = 3501;
  tick.bid_volume[0] = 7;
  CHECK(tsc_test_feed_tick(api, &tick) > 0);
  CHECK(tsc_query_account(api) > 0);  // after the snapshot on the adapter's thread
  CHECK(wait_for([](Recorder &r) { return r.accounts.size() == 1; }));
  CThostFtdcDepthMarketDataField md;
  CHECK(fake.last_snapshot(&md, sizeof(md)) == 1);
  CHECK(std::string(md.InstrumentID) == "rb2601" && md.LastPrice == 3500 && md.PreSettlementPrice == 3480 && md.BidVolume1 == 7);
  tsc_release(api);

  tsc_api *missing = start();
  CHECK(tsc_set_option(missing, "trader_library", "/nonexistent/libthosttraderapi_se.so") == TSC_OK);
  const int32_t rid = tsc_connect(missing, "tcp://x:1");
  CHECK(wait_for([](Recorder &r) { return !r.errors.empty(); }));
  CHECK(rec->errors[0].rid == rid && rec->errors[0].code == TSC_E_VENDOR_LIBRARY);
  CHECK(contains(rec->errors[0].msg, "无法加载 CTP 交易库 /nonexistent/libthosttraderapi_se.so"));
  tsc_release(missing);
}

void test_release_with_work_in_flight() {
  tsc_api *api = start(true, "0");
  CHECK(login(api));
  for (int i = 0; i < 200; i++) tsc_query_positions(api);
  fake.md_push("rb2601", 3500);
  tsc_release(api);  // must stop cleanly, vendor threads and worker joined, nothing leaked
  const fake_ctp_stats s = stats();
  CHECK(s.trader_created == s.trader_released && s.md_created == s.md_released);
  const std::size_t ticks = rec->ticks.size(), positions = rec->positions.size();
  fake.md_push("rb2601", 3600);  // no API left: nothing may call back
  CHECK(rec->ticks.size() == ticks && rec->positions.size() == positions);
}

}  // namespace

bool session_tests_setup(const char *fake_library) {
  g_fake = fake_library;
  void *h = dlopen(fake_library, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    std::fprintf(stderr, "cannot load %s: %s\n", fake_library, dlerror());
    return false;
  }
  bool ok = true;
  auto bind = [&](auto &fn, const char *name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(h, name));
    if (!fn) {
      std::fprintf(stderr, "%s: missing %s\n", fake_library, name);
      ok = false;
    }
  };
  bind(fake.reset, "fake_ctp_reset");
  bind(fake.stats, "fake_ctp_get_stats");
  bind(fake.query_times, "fake_ctp_query_times");
  bind(fake.fail_queries, "fake_ctp_fail_queries");
  bind(fake.swallow_next_query, "fake_ctp_swallow_next_query");
  bind(fake.page_delay_ms, "fake_ctp_page_delay_ms");
  bind(fake.set_instruments, "fake_ctp_set_instruments");
  bind(fake.fail_login, "fake_ctp_fail_login");
  bind(fake.fail_query, "fake_ctp_fail_query");
  bind(fake.refuse_insert, "fake_ctp_refuse_insert");
  bind(fake.insert_rc, "fake_ctp_insert_rc");
  bind(fake.fill_inserts, "fake_ctp_fill_inserts");
  bind(fake.refuse_cancel, "fake_ctp_refuse_cancel");
  bind(fake.positions, "fake_ctp_positions");
  bind(fake.disconnect, "fake_ctp_disconnect");
  bind(fake.reconnect, "fake_ctp_reconnect");
  bind(fake.md_push, "fake_ctp_md_push");
  bind(fake.md_bounce, "fake_ctp_md_bounce");
  bind(fake.last_snapshot, "fake_ctp_last_snapshot");
  bind(fake.last_insert, "fake_ctp_last_insert");
  return ok;
}

extern const test_case SESSION_TESTS[];
const test_case SESSION_TESTS[] = {
    {"session: login sequence, instruments paged with is_last, empty answer", test_login_sequence_and_paging},
    {"session: login refused, reason decoded from GB18030", test_login_refused_in_gb18030},
    {"session: flow control -2/-3: one in flight, paced, retried", test_flow_control_paces_and_retries},
    {"session: a query answered with an error", test_query_error_answer},
    {"session: a lost answer times out; slow pages do not", test_lost_answer_and_slow_pages},
    {"session: orders — ids, fields sent, refusals (adapter, rc, CTP twice → once)", test_orders_refusals_and_ids},
    {"session: cancels — unknown, refused both ways, accepted", test_cancels},
    {"session: trades map to orders by exchange number, other sessions' ids", test_replay_maps_trades_to_orders},
    {"session: positions folded, closed one at zero; account figures", test_positions_and_account},
    {"session: disconnect reason shown, reconnect and re-login", test_disconnect_reason_and_relogin},
    {"session: market data link — subscribe, ticks, refusal, reconnect resubscribes", test_market_data_link},
    {"session: test snapshot hook; a missing vendor library", test_snapshot_hook_and_bad_library},
    {"session: release with work in flight, no callback after", test_release_with_work_in_flight},
    {nullptr, nullptr},
};
