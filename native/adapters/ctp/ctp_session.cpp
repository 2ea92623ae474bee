#include "ctp_session.h"

#include <chrono>
#include <cstring>
#include <vector>

#include "ctp_spi.h"
#include "ctp_text.h"
#include "ctp_vendor.h"

// The SDK the adapter was built against: its libraries are the default (Makefile).
#ifndef CTP_DEFAULT_TRADER_LIB
#define CTP_DEFAULT_TRADER_LIB ""
#endif
#ifndef CTP_DEFAULT_MD_LIB
#define CTP_DEFAULT_MD_LIB ""
#endif

namespace ctp {
namespace {

using std::chrono::milliseconds;

int64_t now_ms() {
  return std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool is_error(const CThostFtdcRspInfoField *info) { return info && info->ErrorID != 0; }

// The vendor's reason, decoded, with its number for the trader to look up.
std::string reason_of(const CThostFtdcRspInfoField *info) {
  if (!info) return "未知错误";
  return gb_to_utf8(info->ErrorMsg) + "（错误码 " + std::to_string(info->ErrorID) + "）";
}

// What a vendor request's non-zero return means.
std::string send_failure(int rc) {
  switch (rc) {
    case -1: return "网络连接失败（-1）";
    case -2: return "CTP 流控：未处理请求超过许可数（-2）";
    case -3: return "CTP 流控：每秒发送请求数超过许可数（-3）";
    default: return "CTP 返回 " + std::to_string(rc);
  }
}

bool digits(const std::string &s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

const int kMaxLoginRetries = 10;

}  // namespace

// ---------------------------------------------------------------------------------------------
Session::Scope::Scope(Session *s) : s_(s) {
  s_->inflight_.fetch_add(1);
  live_ = !s_->closing_.load();
}

Session::Scope::~Scope() {
  if (s_->inflight_.fetch_sub(1) == 1 && s_->closing_.load()) {
    std::lock_guard<std::mutex> g(s_->idle_lock_);
    s_->idle_.notify_all();
  }
}

Session::Session()
    : worker_(Worker::Events{
          [this](int32_t rid, int rc, int attempt) {
            emit_log(TSC_LOG_WARNING, std::string(send_failure(rc)) + "，查询（请求 " + std::to_string(rid) + "）将在间隔后重发（第 " +
                                          std::to_string(attempt) + " 次被拒）");
          },
          [this](int32_t rid, int rc) { emit_error(rid, rc, "查询未发出：" + send_failure(rc)); },
          [this](int32_t rid) { emit_error(rid, -1, "查询超时：柜台未应答，已放弃该查询"); },
      }),
      trader_spi_(new TraderSpi(this)),
      md_spi_(new MdSpi(this)) {
  options_.trader_library = CTP_DEFAULT_TRADER_LIB;
  options_.md_library = CTP_DEFAULT_MD_LIB;
  worker_.start();
}

Session::~Session() { shutdown(); }

void Session::shutdown() {
  if (closing_.exchange(true)) return;
  // The worker first: it is the only caller of the vendor APIs.
  worker_.stop();
  // Then the vendor: no more SPI calls; Release joins its threads.
  if (trader_) {
    trader_->RegisterSpi(nullptr);
    trader_->Release();
    trader_ = nullptr;
  }
  if (md_) {
    md_->RegisterSpi(nullptr);
    md_->Release();
    md_ = nullptr;
  }
  // A vendor that let a callback run past Release: wait until it has left our code.
  std::unique_lock<std::mutex> g(idle_lock_);
  idle_.wait(g, [this] { return inflight_.load() == 0; });
}

int32_t Session::next_rid() {
  int32_t id = rid_.fetch_add(1) + 1;
  if (id <= 0) {  // after 2^31 requests: ids only need to be unique while in flight
    rid_.store(1);
    id = 1;
  }
  return id;
}

Options Session::options() const {
  std::lock_guard<std::mutex> g(state_lock_);
  return options_;
}

// ---- callbacks out ---------------------------------------------------------------------------
void Session::set_spi(const tsc_spi *spi, void *ctx) {
  tsc_spi copy;
  std::memset(&copy, 0, sizeof(copy));
  // A caller built against ABI v1 passes the shorter table: the v2 members stay NULL.
  std::memcpy(&copy, spi, spi->struct_size < sizeof(copy) ? spi->struct_size : sizeof(copy));
  std::lock_guard<std::mutex> g(spi_lock_);
  spi_ = copy;
  ctx_ = ctx;
}

#define WITH_SPI(member, ...)                  \
  do {                                         \
    tsc_spi s_;                                \
    void *c_;                                  \
    {                                          \
      std::lock_guard<std::mutex> g_(spi_lock_); \
      s_ = spi_;                               \
      c_ = ctx_;                               \
    }                                          \
    if (s_.member) s_.member(c_, ##__VA_ARGS__); \
  } while (0)

void Session::emit_connected() { WITH_SPI(on_connected); }
void Session::emit_disconnected(const std::string &m) { WITH_SPI(on_disconnected, TSC_REASON_NETWORK, m.c_str()); }
void Session::emit_login(int32_t rid, int32_t code, const std::string &m, const tsc_login_info *info) {
  WITH_SPI(on_login, rid, code, m.c_str(), info);
}
void Session::emit_order(int32_t rid, const tsc_order *o, bool last) { WITH_SPI(on_order, rid, o, last ? 1 : 0); }
void Session::emit_trade(int32_t rid, const tsc_trade *t, bool last) { WITH_SPI(on_trade, rid, t, last ? 1 : 0); }
void Session::emit_position(int32_t rid, const tsc_position *p, bool last) { WITH_SPI(on_position, rid, p, last ? 1 : 0); }
void Session::emit_account(int32_t rid, const tsc_account *a, bool last) { WITH_SPI(on_account, rid, a, last ? 1 : 0); }
void Session::emit_instrument(int32_t rid, const tsc_instrument *i, bool last) { WITH_SPI(on_instrument, rid, i, last ? 1 : 0); }
void Session::emit_error(int32_t rid, int32_t code, const std::string &m) { WITH_SPI(on_error, rid, code, m.c_str()); }
void Session::emit_tick(const tsc_tick *t) { WITH_SPI(on_tick, t); }
void Session::emit_md_connected() { WITH_SPI(on_md_connected); }
void Session::emit_md_disconnected(const std::string &m) { WITH_SPI(on_md_disconnected, TSC_REASON_NETWORK, m.c_str()); }
void Session::emit_log(int32_t level, const std::string &m) { WITH_SPI(on_log, level, m.c_str()); }

#undef WITH_SPI

// ---- requests --------------------------------------------------------------------------------
int32_t Session::set_option(const std::string &key, const std::string &value) {
  std::lock_guard<std::mutex> g(state_lock_);
  Options &o = options_;
  if (key == "trader_library") o.trader_library = value;
  else if (key == "md_library") o.md_library = value;
  else if (key == "broker_id") o.broker_id = value;
  else if (key == "app_id") o.app_id = value;
  else if (key == "auth_code") o.auth_code = value;
  else if (key == "product_info") o.product_info = value;
  else if (key == "md_front") o.md_front = value;
  else if (key == "flow_dir") o.flow_dir = value;
  else if (key == "production_mode") {
    if (value != "0" && value != "1") return TSC_ERR_INVALID_ARG;
    o.production_mode = value == "1";
  } else if (key == "query_interval_ms") {
    if (!digits(value) || value.size() > 6) return TSC_ERR_INVALID_ARG;
    o.query_interval_ms = std::stoi(value);
    worker_.set_interval(milliseconds(o.query_interval_ms));
  } else if (key == "query_timeout_ms") {
    if (!digits(value) || value.size() > 7 || std::stoi(value) == 0) return TSC_ERR_INVALID_ARG;
    worker_.set_answer_timeout(milliseconds(std::stoi(value)));
  } else {
    return TSC_ERR_UNSUPPORTED;
  }
  return TSC_OK;
}

int32_t Session::connect(const std::string &front) {
  if (front.empty() || front.size() >= 200) return TSC_ERR_INVALID_ARG;
  if (closing_) return TSC_ERR_STOPPED;
  const int32_t rid = next_rid();
  worker_.post([this, front, rid] { do_connect(front, rid); });
  return rid;
}

void Session::do_connect(const std::string &front, int32_t rid) {
  if (trader_) {
    // The vendor API reconnects on its own; a connect while it is up answers at once.
    if (front_connected_) emit_connected();
    return;
  }
  const Options o = options();
  if (o.trader_library.empty()) {
    emit_error(rid, TSC_E_VENDOR_LIBRARY, "未设置 CTP 交易库路径，且适配器构建时未指定 SDK");
    return;
  }
  VendorResult r;
  trader_ = create_trader_api(o.trader_library, o.flow_dir, o.production_mode, &r);
  if (!trader_) {
    emit_error(rid, TSC_E_VENDOR_LIBRARY, r.error);
    return;
  }
  {
    std::lock_guard<std::mutex> g(state_lock_);
    front_ = front;
  }
  emit_log(TSC_LOG_INFO, "CTP 交易库 " + o.trader_library + (r.version.empty() ? "" : "（" + r.version + "）"));
  if (!o.production_mode && !api_has_production_mode())
    emit_log(TSC_LOG_WARNING, "本适配器所用 SDK 版本不区分生产与测试环境，柜台环境设置无效");
  trader_->RegisterSpi(trader_spi_.get());
  // Today's orders and trades come from the queries after each login, so the private stream
  // only needs what happens from the login on (a replay would deliver them twice).
  trader_->SubscribePrivateTopic(THOST_TERT_QUICK);
  trader_->SubscribePublicTopic(THOST_TERT_QUICK);
  std::vector<char> address(front.begin(), front.end());
  address.push_back('\0');
  trader_->RegisterFront(address.data());
  trader_->Init();
}

int32_t Session::login(const std::string &user, const std::string &password) {
  if (user.empty() || user.size() >= 16 || password.size() >= 41) return TSC_ERR_INVALID_ARG;
  if (!front_connected_) return TSC_ERR_NOT_CONNECTED;
  const int32_t rid = next_rid();
  bool authenticate;
  {
    std::lock_guard<std::mutex> g(state_lock_);
    user_ = user;
    password_ = password;
    login_rid_ = rid;
    authenticate = !options_.app_id.empty() || !options_.auth_code.empty();
  }
  worker_.post([this, rid, authenticate] {
    if (authenticate) send_authenticate(rid, 1);
    else send_login(rid, 1);
  });
  return rid;
}

bool Session::retry_later(int rc, int attempt, std::function<void(int)> again) {
  if ((rc != -2 && rc != -3) || attempt >= kMaxLoginRetries) return false;
  emit_log(TSC_LOG_WARNING, send_failure(rc) + "，登录请求将在间隔后重发");
  worker_.post([again, attempt] { again(attempt + 1); }, milliseconds(options().query_interval_ms));
  return true;
}

void Session::send_authenticate(int32_t rid, int attempt) {
  if (!trader_) return;
  CThostFtdcReqAuthenticateField f;
  std::memset(&f, 0, sizeof(f));
  {
    std::lock_guard<std::mutex> g(state_lock_);
    copy_ascii(f.BrokerID, options_.broker_id);
    copy_ascii(f.UserID, user_);
    copy_ascii(f.UserProductInfo, options_.product_info);
    copy_ascii(f.AuthCode, options_.auth_code);
    copy_ascii(f.AppID, options_.app_id);
  }
  const int rc = trader_->ReqAuthenticate(&f, rid);
  if (rc == 0 || retry_later(rc, attempt, [this, rid](int a) { send_authenticate(rid, a); })) return;
  fail_login(rid, "认证请求未发出：" + send_failure(rc));
}

void Session::send_login(int32_t rid, int attempt) {
  if (!trader_) return;
  CThostFtdcReqUserLoginField f;
  std::memset(&f, 0, sizeof(f));
  {
    std::lock_guard<std::mutex> g(state_lock_);
    copy_ascii(f.BrokerID, options_.broker_id);
    copy_ascii(f.UserID, user_);
    copy_ascii(f.Password, password_);
    copy_ascii(f.UserProductInfo, options_.product_info);
  }
  const int rc = trader_->ReqUserLogin(&f, rid);
  std::memset(f.Password, 0, sizeof(f.Password));
  if (rc == 0 || retry_later(rc, attempt, [this, rid](int a) { send_login(rid, a); })) return;
  fail_login(rid, "登录请求未发出：" + send_failure(rc));
}

void Session::send_confirm(int32_t rid, int attempt) {
  if (!trader_) return;
  CThostFtdcSettlementInfoConfirmField f;
  std::memset(&f, 0, sizeof(f));
  {
    std::lock_guard<std::mutex> g(state_lock_);
    copy_ascii(f.BrokerID, options_.broker_id);
    copy_ascii(f.InvestorID, user_);
  }
  const int rc = trader_->ReqSettlementInfoConfirm(&f, rid);
  if (rc == 0 || retry_later(rc, attempt, [this, rid](int a) { send_confirm(rid, a); })) return;
  emit_log(TSC_LOG_WARNING, "结算单确认未发出：" + send_failure(rc) + "，下单可能被柜台拒绝");
  complete_login(rid);
}

void Session::fail_login(int32_t rid, const std::string &message) {
  {
    std::lock_guard<std::mutex> g(state_lock_);
    if (login_rid_ != rid) return;
    login_rid_ = 0;
  }
  emit_login(rid, TSC_E_LOGIN_FAILED, message, nullptr);
}

void Session::complete_login(int32_t rid) {
  tsc_login_info info;
  std::memset(&info, 0, sizeof(info));
  {
    std::lock_guard<std::mutex> g(state_lock_);
    if (login_rid_ != rid) return;
    login_rid_ = 0;
    copy_ascii(info.user_id, user_);
    copy_ascii(info.account_id, user_);
    copy_ascii(info.trading_day, trading_day_);
    info.session_id = (static_cast<int64_t>(front_id_) << 32) | static_cast<uint32_t>(session_id_);
    prefix_ = order_ref_prefix(front_id_, session_id_);
    copy_ascii(info.order_ref_prefix, prefix_);
  }
  logged_in_ = true;
  emit_login(rid, TSC_OK, "登录成功", &info);
  worker_.post([this] { start_md(); });
}

int32_t Session::query(char what) {
  if (!front_connected_) return TSC_ERR_NOT_CONNECTED;
  if (!logged_in()) return TSC_ERR_NOT_LOGGED_IN;
  const int32_t rid = next_rid();
  worker_.post_query(rid, [this, what, rid] { return send_query(what, rid); });
  return rid;
}

int Session::send_query(char what, int32_t rid) {
  if (!trader_ || !logged_in()) return -1;
  std::string broker, user;
  {
    std::lock_guard<std::mutex> g(state_lock_);
    broker = options_.broker_id;
    user = user_;
  }
  switch (what) {
    case 'I': {
      CThostFtdcQryInstrumentField f;
      std::memset(&f, 0, sizeof(f));
      return trader_->ReqQryInstrument(&f, rid);
    }
    case 'A': {
      CThostFtdcQryTradingAccountField f;
      std::memset(&f, 0, sizeof(f));
      copy_ascii(f.BrokerID, broker);
      copy_ascii(f.InvestorID, user);
      return trader_->ReqQryTradingAccount(&f, rid);
    }
    case 'P': {
      CThostFtdcQryInvestorPositionField f;
      std::memset(&f, 0, sizeof(f));
      copy_ascii(f.BrokerID, broker);
      copy_ascii(f.InvestorID, user);
      return trader_->ReqQryInvestorPosition(&f, rid);
    }
    case 'O': {
      CThostFtdcQryOrderField f;
      std::memset(&f, 0, sizeof(f));
      copy_ascii(f.BrokerID, broker);
      copy_ascii(f.InvestorID, user);
      return trader_->ReqQryOrder(&f, rid);
    }
    case 'T': {
      CThostFtdcQryTradeField f;
      std::memset(&f, 0, sizeof(f));
      copy_ascii(f.BrokerID, broker);
      copy_ascii(f.InvestorID, user);
      return trader_->ReqQryTrade(&f, rid);
    }
    default: return -1;
  }
}

int32_t Session::insert_order(const tsc_order_req &req) {
  if (!front_connected_) return TSC_ERR_NOT_CONNECTED;
  if (!logged_in()) return TSC_ERR_NOT_LOGGED_IN;
  const std::string id = field(req.order_ref, sizeof(req.order_ref));
  const std::string symbol = field(req.symbol, sizeof(req.symbol));
  const std::string exchange = field(req.exchange, sizeof(req.exchange));
  const int32_t rid = next_rid();
  {
    std::lock_guard<std::mutex> g(state_lock_);
    // The ref must be the login's prefix + a number CTP can carry in its 12-character OrderRef.
    if (id.compare(0, prefix_.size(), prefix_) != 0) return TSC_ERR_INVALID_ARG;
    const std::string ref = id.substr(prefix_.size());
    if (!digits(ref) || ref.size() > 12 || symbol.empty() || exchange.empty()) return TSC_ERR_INVALID_ARG;
    if (orders_.count(id)) return TSC_ERR_INVALID_ARG;
    OrderRecord &r = orders_[id];
    r.front = front_id_;
    r.session = session_id_;
    r.ref = ref;
    r.symbol = symbol;
    r.exchange = exchange;
    r.reference = field(req.reference, sizeof(req.reference));
    r.price_type = req.price_type;
    r.direction = req.direction;
    r.offset = req.offset;
    r.price = req.price;
    r.volume = req.volume;
    r.insert_rid = rid;
  }
  worker_.post([this, id] { send_order(id); });
  return rid;
}

void Session::refuse_order(const OrderRecord &r, const std::string &reason) {
  tsc_order o;
  std::memset(&o, 0, sizeof(o));
  copy_ascii(o.order_id, order_id_of(r.front, r.session, r.ref));
  copy_ascii(o.symbol, r.symbol);
  copy_ascii(o.exchange, r.exchange);
  copy_utf8(o.reference, sizeof(o.reference), r.reference);
  copy_utf8(o.status_msg, sizeof(o.status_msg), reason);
  o.direction = r.direction;
  o.offset = r.offset;
  o.price_type = r.price_type;
  o.status = TSC_STATUS_REJECTED;
  o.price = r.price;
  o.volume = r.volume;
  o.insert_time = o.update_time = now_ms();
  emit_order(0, &o, true);
}

void Session::send_order(const std::string &order_id) {
  OrderRecord r;
  std::string broker, user;
  {
    std::lock_guard<std::mutex> g(state_lock_);
    auto it = orders_.find(order_id);
    if (it == orders_.end()) return;
    r = it->second;
    broker = options_.broker_id;
    user = user_;
  }
  const PriceTerms terms = price_terms(r.price_type);
  const char offset = offset_flag(r.offset);
  const char direction = direction_flag(r.direction);
  std::string refusal;
  if (!offset) refusal = "CTP 委托须指定开平：开仓、平仓、平今或平昨";
  else if (!terms.supported) refusal = "CTP 不支持该价格类型（可用：限价、即时成交剩余撤销(FAK)、全额成交或撤单(FOK)、市价）";
  else if (!direction) refusal = "买卖方向无效";
  else if (r.volume <= 0 || r.volume > 1000000) refusal = "委托数量无效";
  if (refusal.empty() && !trader_) refusal = "交易接口未就绪";
  if (!refusal.empty()) {
    refuse_order(r, refusal);
    return;
  }
  CThostFtdcInputOrderField f;
  std::memset(&f, 0, sizeof(f));
  copy_ascii(f.BrokerID, broker);
  copy_ascii(f.InvestorID, user);
  copy_ascii(f.UserID, user);
  copy_ascii(f.InstrumentID, r.symbol);
  copy_ascii(f.ExchangeID, r.exchange);
  copy_ascii(f.OrderRef, r.ref);
  f.OrderPriceType = terms.price_type;
  f.Direction = direction;
  f.CombOffsetFlag[0] = offset;
  f.CombHedgeFlag[0] = THOST_FTDC_HF_Speculation;
  f.LimitPrice = terms.price_type == THOST_FTDC_OPT_AnyPrice ? 0 : r.price;
  f.VolumeTotalOriginal = static_cast<int>(r.volume);
  f.TimeCondition = terms.time_condition;
  f.VolumeCondition = terms.volume_condition;
  f.MinVolume = 1;
  f.ContingentCondition = THOST_FTDC_CC_Immediately;
  f.ForceCloseReason = THOST_FTDC_FCC_NotForceClose;
  f.RequestID = r.insert_rid;
  // Orders are not retried on flow control: the market moves, and the trader decides.
  const int rc = trader_->ReqOrderInsert(&f, r.insert_rid);
  if (rc != 0) refuse_order(r, "委托未发出：" + send_failure(rc));
}

int32_t Session::cancel_order(const std::string &order_id) {
  if (order_id.empty() || order_id.size() >= 32) return TSC_ERR_INVALID_ARG;
  if (!front_connected_) return TSC_ERR_NOT_CONNECTED;
  if (!logged_in()) return TSC_ERR_NOT_LOGGED_IN;
  const int32_t rid = next_rid();
  worker_.post([this, order_id, rid] { send_cancel(order_id, rid); });
  return rid;
}

void Session::send_cancel(const std::string &order_id, int32_t rid) {
  OrderRecord r;
  std::string broker, user;
  {
    std::lock_guard<std::mutex> g(state_lock_);
    auto it = orders_.find(order_id);
    if (it == orders_.end()) {
      r.ref.clear();
    } else {
      it->second.cancel_rid = rid;
      r = it->second;
    }
    broker = options_.broker_id;
    user = user_;
  }
  if (r.ref.empty()) {
    emit_error(rid, TSC_E_UNKNOWN_ORDER, "撤单失败：柜台无此委托 " + order_id);
    return;
  }
  if (!trader_) return;
  CThostFtdcInputOrderActionField f;
  std::memset(&f, 0, sizeof(f));
  copy_ascii(f.BrokerID, broker);
  copy_ascii(f.InvestorID, user);
  copy_ascii(f.UserID, user);
  copy_ascii(f.OrderRef, r.ref);
  f.FrontID = r.front;
  f.SessionID = r.session;
  copy_ascii(f.ExchangeID, r.exchange);
  copy_ascii(f.InstrumentID, r.symbol);
  copy_ascii(f.OrderSysID, r.sys_id);
  f.ActionFlag = THOST_FTDC_AF_Delete;
  f.RequestID = rid;
  const int rc = trader_->ReqOrderAction(&f, rid);
  if (rc != 0) emit_error(rid, rc, "撤单未发出：" + send_failure(rc));
}

int32_t Session::subscribe(const std::string &symbol, const std::string &exchange, bool on) {
  if (symbol.empty() || symbol.size() >= 31 || exchange.size() >= 9) return TSC_ERR_INVALID_ARG;
  {
    std::lock_guard<std::mutex> g(state_lock_);
    if (options_.md_front.empty() || options_.md_library.empty()) return TSC_ERR_UNSUPPORTED;
  }
  if (!front_connected_) return TSC_ERR_NOT_CONNECTED;
  if (!logged_in()) return TSC_ERR_NOT_LOGGED_IN;
  const int32_t rid = next_rid();
  {
    std::lock_guard<std::mutex> g(state_lock_);
    if (on) subscriptions_[symbol] = exchange;
    else subscriptions_.erase(symbol);
  }
  worker_.post([this, symbol, on] { send_subscription(symbol, on); });
  return rid;
}

void Session::send_subscription(const std::string &symbol, bool on) {
  if (!md_ || !md_logged_in_) return;  // sent with the others once the md login completes
  // Once per md login: a subscribe may race the resubscription that follows the login.
  if (on && !md_sent_.insert(symbol).second) return;
  if (!on) md_sent_.erase(symbol);
  std::vector<char> id(symbol.begin(), symbol.end());
  id.push_back('\0');
  char *ids[1] = {id.data()};
  const int rc = on ? md_->SubscribeMarketData(ids, 1) : md_->UnSubscribeMarketData(ids, 1);
  if (rc != 0) emit_log(TSC_LOG_WARNING, std::string(on ? "订阅" : "退订") + " " + symbol + " 行情未发出：" + send_failure(rc));
}

void Session::start_md() {
  if (md_started_ || !trader_) return;
  const Options o = options();
  if (o.md_front.empty()) return;
  md_started_ = true;
  if (o.md_library.empty()) {
    emit_log(TSC_LOG_WARNING, "未设置 CTP 行情库路径，行情不可用");
    return;
  }
  VendorResult r;
  md_ = create_md_api(o.md_library, o.flow_dir, o.production_mode, &r);
  if (!md_) {
    emit_log(TSC_LOG_ERROR, r.error + "，行情不可用（交易不受影响）");
    return;
  }
  emit_log(TSC_LOG_INFO, "CTP 行情库 " + o.md_library + (r.version.empty() ? "" : "（" + r.version + "）"));
  md_->RegisterSpi(md_spi_.get());
  std::vector<char> address(o.md_front.begin(), o.md_front.end());
  address.push_back('\0');
  md_->RegisterFront(address.data());
  md_->Init();
}

int32_t Session::feed_snapshot(const tsc_tick &tick) {
  if (!logged_in()) return TSC_ERR_NOT_LOGGED_IN;  // LocalCTP aborts on a snapshot before it knows the trading day
  const int32_t rid = next_rid();
  worker_.post([this, tick] {
    if (!trader_) return;
    CThostFtdcDepthMarketDataField md;
    std::memset(&md, 0, sizeof(md));
    copy_ascii(md.InstrumentID, field(tick.symbol));
    copy_ascii(md.ExchangeID, field(tick.exchange));
    copy_ascii(md.TradingDay, field(tick.trading_day));
    copy_ascii(md.ActionDay, field(tick.trading_day));
    copy_ascii(md.UpdateTime, field(tick.update_time));
    md.UpdateMillisec = tick.update_millisec;
    md.LastPrice = tick.last_price;
    md.PreSettlementPrice = tick.pre_settlement;
    md.SettlementPrice = tick.settlement;
    md.UpperLimitPrice = tick.limit_up;
    md.LowerLimitPrice = tick.limit_down;
    md.OpenInterest = tick.open_interest;
    md.Volume = static_cast<int>(tick.volume);
    md.BidPrice1 = tick.bid_price[0];
    md.AskPrice1 = tick.ask_price[0];
    md.BidVolume1 = static_cast<int>(tick.bid_volume[0]);
    md.AskVolume1 = static_cast<int>(tick.ask_volume[0]);
    // LocalCTP reads the snapshot through this repurposed entry point (see docs/ctp.md).
    trader_->RegisterFensUserInfo(reinterpret_cast<CThostFtdcFensUserInfoField *>(&md));
  });
  return rid;
}

// ---- from the trader SPI ---------------------------------------------------------------------
void Session::on_front_connected() {
  front_connected_ = true;
  emit_connected();
}

void Session::on_front_disconnected(int reason) {
  front_connected_ = false;
  logged_in_ = false;
  worker_.drop_queries();
  int32_t pending_login;
  {
    std::lock_guard<std::mutex> g(state_lock_);
    pending_login = login_rid_;
    login_rid_ = 0;
  }
  if (pending_login) emit_login(pending_login, TSC_E_LOGIN_FAILED, "登录过程中连接断开：" + disconnect_reason(reason), nullptr);
  // The API reconnects by itself; the client logs in again after on_connected.
  // The reason alone: the client says which link fell ("与柜台的连接已断开：网络读失败（0x1001）").
  emit_disconnected(disconnect_reason(reason));
}

void Session::on_login_step(char step, int32_t rid, const CThostFtdcRspInfoField *info, const CThostFtdcRspUserLoginField *login) {
  {
    std::lock_guard<std::mutex> g(state_lock_);
    if (rid != login_rid_) return;  // a late answer to an abandoned attempt
  }
  if (step == 'A') {
    if (is_error(info)) fail_login(rid, "客户端认证失败：" + reason_of(info));
    else worker_.post([this, rid] { send_login(rid, 1); });
    return;
  }
  if (step == 'L') {
    if (is_error(info) || !login) {
      fail_login(rid, reason_of(info));
      return;
    }
    {
      std::lock_guard<std::mutex> g(state_lock_);
      front_id_ = login->FrontID;
      session_id_ = login->SessionID;
      trading_day_ = field(login->TradingDay);
    }
    worker_.post([this, rid] { send_confirm(rid, 1); });
    return;
  }
  // 'C': settlement confirmed. A refused confirmation does not stop the login; the trader is told.
  if (is_error(info)) emit_log(TSC_LOG_WARNING, "结算单确认失败：" + reason_of(info));
  else emit_log(TSC_LOG_INFO, "结算单已确认");
  complete_login(rid);
}

void Session::on_rsp_error(const CThostFtdcRspInfoField *info, int32_t rid) {
  bool login_pending;
  {
    std::lock_guard<std::mutex> g(state_lock_);
    login_pending = rid != 0 && rid == login_rid_;
  }
  if (login_pending) {
    fail_login(rid, reason_of(info));
    return;
  }
  emit_error(rid, info ? info->ErrorID : -1, info ? gb_to_utf8(info->ErrorMsg) : "未知错误");
  worker_.query_done(rid);
}

void Session::on_instrument(const CThostFtdcInstrumentField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last) {
  if (is_error(info)) {
    emit_error(rid, info->ErrorID, "查询合约失败：" + gb_to_utf8(info->ErrorMsg));
    worker_.query_done(rid);
    return;
  }
  tsc_instrument i;
  bool shown = false;
  if (in) {
    const std::string symbol = field(in->InstrumentID);
    {
      std::lock_guard<std::mutex> g(state_lock_);
      PositionBook::Instrument &known = instruments_[symbol];
      known.exchange = field(in->ExchangeID);
      known.size = in->VolumeMultiple > 0 ? in->VolumeMultiple : 1;
    }
    shown = to_instrument(*in, &i);
    if (!shown) skipped_in_answer_++;
  }
  // Said before the answer ends, so whoever waits for the end has read it too.
  if (last && skipped_in_answer_ > 0)
    emit_log(TSC_LOG_WARNING, std::to_string(skipped_in_answer_) + " 个合约的代码超过 15 个字符，未列出");
  if (shown) emit_instrument(rid, &i, last);
  else if (last) emit_instrument(rid, nullptr, true);
  if (last) {
    skipped_in_answer_ = 0;
    worker_.query_done(rid);
  } else {
    worker_.query_alive(rid);
  }
}

void Session::record_order(const CThostFtdcOrderField &in, const std::string &order_id, std::string *reference, int32_t *price_type) {
  std::lock_guard<std::mutex> g(state_lock_);
  OrderRecord &r = orders_[order_id];
  if (r.ref.empty()) {  // an order of another session, or of an earlier run
    r.front = in.FrontID;
    r.session = in.SessionID;
    r.ref = field(in.OrderRef);
    r.symbol = field(in.InstrumentID);
    r.exchange = field(in.ExchangeID);
  }
  const std::string sys_id = field(in.OrderSysID);
  if (!sys_id.empty()) {
    r.sys_id = sys_id;
    order_by_sys_id_[r.exchange + "|" + sys_id] = order_id;
  }
  *reference = r.reference;
  *price_type = r.price_type;
}

void Session::on_order(const CThostFtdcOrderField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last) {
  if (is_error(info)) {
    emit_error(rid, info->ErrorID, "查询委托失败：" + gb_to_utf8(info->ErrorMsg));
    worker_.query_done(rid);
    return;
  }
  if (in) {
    const std::string id = order_id_of(in->FrontID, in->SessionID, field(in->OrderRef));
    std::string reference;
    int32_t price_type = -1;
    record_order(*in, id, &reference, &price_type);
    tsc_order o;
    to_order(*in, id, reference, &o);
    if (price_type >= 0) o.price_type = price_type;  // CTP's AnyPrice stands for two of ours
    emit_order(rid, &o, last);
  } else if (last) {
    emit_order(rid, nullptr, true);
  }
  if (rid && last) worker_.query_done(rid);
  else if (rid) worker_.query_alive(rid);
}

std::string Session::order_id_for_trade(const std::string &exchange, const std::string &sys_id) {
  std::lock_guard<std::mutex> g(state_lock_);
  auto it = order_by_sys_id_.find(exchange + "|" + sys_id);
  // CTP sends an order's OnRtnOrder (with its OrderSysID) before its trades, and the order
  // query is answered before the trade query; an unknown one keeps the exchange's number.
  return it != order_by_sys_id_.end() ? it->second : exchange + "_" + sys_id;
}

void Session::on_trade(const CThostFtdcTradeField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last) {
  if (is_error(info)) {
    emit_error(rid, info->ErrorID, "查询成交失败：" + gb_to_utf8(info->ErrorMsg));
    worker_.query_done(rid);
    return;
  }
  if (in) {
    tsc_trade t;
    to_trade(*in, order_id_for_trade(field(in->ExchangeID), field(in->OrderSysID)), &t);
    emit_trade(rid, &t, last);
  } else if (last) {
    emit_trade(rid, nullptr, true);
  }
  if (rid && last) worker_.query_done(rid);
  else if (rid) worker_.query_alive(rid);
}

PositionBook::Instrument Session::instrument_of(const std::string &symbol) {
  std::lock_guard<std::mutex> g(state_lock_);
  auto it = instruments_.find(symbol);
  return it != instruments_.end() ? it->second : PositionBook::Instrument{};
}

void Session::on_position(const CThostFtdcInvestorPositionField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last) {
  if (is_error(info)) {
    positions_.finish();
    emit_error(rid, info->ErrorID, "查询持仓失败：" + gb_to_utf8(info->ErrorMsg));
    worker_.query_done(rid);
    return;
  }
  if (in) positions_.add(*in, instrument_of(field(in->InstrumentID)));
  if (!last) {
    worker_.query_alive(rid);
    return;
  }
  const std::vector<tsc_position> all = positions_.finish();
  for (std::size_t i = 0; i < all.size(); i++) emit_position(rid, &all[i], i + 1 == all.size());
  if (all.empty()) emit_position(rid, nullptr, true);
  worker_.query_done(rid);
}

void Session::on_account(const CThostFtdcTradingAccountField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last) {
  if (is_error(info)) {
    emit_error(rid, info->ErrorID, "查询资金失败：" + gb_to_utf8(info->ErrorMsg));
    worker_.query_done(rid);
    return;
  }
  if (in) {
    tsc_account a;
    to_account(*in, &a);
    emit_account(rid, &a, last);
  } else if (last) {
    emit_account(rid, nullptr, true);
  }
  if (last) worker_.query_done(rid);
}

void Session::on_insert_refused(const CThostFtdcInputOrderField *in, const CThostFtdcRspInfoField *info, int32_t rid) {
  if (!is_error(info) || !in) return;
  const std::string ref = field(in->OrderRef);
  OrderRecord r;
  bool known = false, first = false;
  {
    std::lock_guard<std::mutex> g(state_lock_);
    auto it = orders_.find(order_id_of(front_id_, session_id_, ref));
    if (it != orders_.end()) {
      known = true;
      first = !it->second.rejection_reported;
      it->second.rejection_reported = true;
      r = it->second;
    }
  }
  if (!known) {
    emit_error(rid, info->ErrorID, "报单被拒（引用 " + ref + "）：" + gb_to_utf8(info->ErrorMsg));
    return;
  }
  if (first) refuse_order(r, reason_of(info));
}

void Session::on_cancel_refused(const std::string &ref, int front, int session, const CThostFtdcRspInfoField *info, int32_t rid) {
  if (!is_error(info)) return;
  if (rid == 0) {
    std::lock_guard<std::mutex> g(state_lock_);
    auto it = orders_.find(order_id_of(front, session, ref));
    if (it != orders_.end()) rid = it->second.cancel_rid;
  }
  emit_error(rid, info->ErrorID, "撤单失败：" + gb_to_utf8(info->ErrorMsg));
}

// ---- from the market-data SPI ----------------------------------------------------------------
void Session::on_md_front_connected() {
  worker_.post([this] {
    if (!md_) return;
    CThostFtdcReqUserLoginField f;
    std::memset(&f, 0, sizeof(f));
    {
      std::lock_guard<std::mutex> g(state_lock_);
      copy_ascii(f.BrokerID, options_.broker_id);
      copy_ascii(f.UserID, user_);
      copy_ascii(f.Password, password_);
    }
    const int rc = md_->ReqUserLogin(&f, next_rid());
    std::memset(f.Password, 0, sizeof(f.Password));
    if (rc != 0) emit_log(TSC_LOG_WARNING, "行情登录未发出：" + send_failure(rc));
  });
}

void Session::on_md_front_disconnected(int reason) {
  md_logged_in_ = false;
  worker_.post([this] { md_sent_.clear(); });
  emit_md_disconnected(disconnect_reason(reason));
}

void Session::on_md_login(const CThostFtdcRspInfoField *info) {
  if (is_error(info)) {
    emit_log(TSC_LOG_ERROR, "行情登录失败：" + reason_of(info));
    return;
  }
  md_logged_in_ = true;
  emit_md_connected();
  // Subscriptions outlive the link: send them all again.
  worker_.post([this] {
    std::vector<std::string> symbols;
    {
      std::lock_guard<std::mutex> g(state_lock_);
      for (const auto &kv : subscriptions_) symbols.push_back(kv.first);
    }
    for (const auto &s : symbols) send_subscription(s, true);
  });
}

void Session::on_md_subscribe_refused(const CThostFtdcSpecificInstrumentField *in, const CThostFtdcRspInfoField *info) {
  if (!is_error(info)) return;
  emit_error(0, info->ErrorID, "订阅 " + (in ? field(in->InstrumentID) : std::string()) + " 行情失败：" + gb_to_utf8(info->ErrorMsg));
}

void Session::on_depth(const CThostFtdcDepthMarketDataField *in) {
  const std::string symbol = field(in->InstrumentID);
  std::string exchange;
  {
    std::lock_guard<std::mutex> g(state_lock_);
    auto it = instruments_.find(symbol);
    if (it != instruments_.end()) exchange = it->second.exchange;
    auto sub = subscriptions_.find(symbol);
    if (exchange.empty() && sub != subscriptions_.end()) exchange = sub->second;
  }
  tsc_tick t;
  to_tick(*in, exchange, now_ms(), &t);
  emit_tick(&t);
}

}  // namespace ctp
