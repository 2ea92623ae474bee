// A fake CTP vendor library for the adapter's tests (see fake_ctp.h). It implements the SDK's
// CThostFtdcTraderApi and CThostFtdcMdApi (the stubs for everything else are generated from
// the SDK's headers into fake_base.h) and calls the SPI from its own thread, one per API
// object, as the real library does.
#include "fake_ctp.h"

#include <atomic>
#include <cfloat>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fake_base.h"

namespace {

// GB18030, as CTP sends its texts (split literals: a hex escape would swallow the digits after it).
const char kRebarName[] = "\xC2\xDD\xCE\xC6\xB8\xD6" "2601";           // 螺纹钢2601
const char kIndexName[] = "\xBB\xA6\xC9\xEE" "300" "\xB9\xC9\xD6\xB8\xC6\xDA\xBB\xF5";  // 沪深300股指期货
const char kCancelled[] = "\xD2\xD1\xB3\xB7\xB5\xA5";                   // 已撤单

template <std::size_t N>
void put(char (&dst)[N], const std::string &src) {
  const std::size_t n = src.size() < N - 1 ? src.size() : N - 1;
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}

double steady_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The vendor's thread: callbacks are posted here and run in order.
class Dispatch {
 public:
  Dispatch() : thread_([this] { run(); }) {}
  ~Dispatch() { stop(); }
  void post(std::function<void()> fn) {
    {
      std::lock_guard<std::mutex> g(lock_);
      if (stopping_) return;
      queue_.push_back(std::move(fn));
    }
    cv_.notify_all();
  }
  void stop() {
    {
      std::lock_guard<std::mutex> g(lock_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    std::unique_lock<std::mutex> g(lock_);
    for (;;) {
      cv_.wait(g, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      auto fn = std::move(queue_.front());
      queue_.pop_front();
      g.unlock();
      fn();
      g.lock();
    }
  }
  std::mutex lock_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

class FakeTrader;
class FakeMd;

struct State {
  std::mutex lock;
  fake_ctp_stats stats{};
  std::vector<double> query_times;
  int fail_rc = 0, fail_times = 0;
  int instruments = 3;
  int login_error = 0;
  std::string login_msg;
  char query_error_kind = 0;
  int query_error_id = 0;
  std::string query_error_msg;
  int refuse_insert_id = 0;
  std::string refuse_insert_msg;
  int insert_rc = 0;
  bool fill = false;
  int refuse_cancel_id = 0, refuse_cancel_err_rtn = 0;
  std::string refuse_cancel_msg;
  int positions_variant = 0;
  int in_flight = 0;
  bool swallow = false;
  int page_delay_ms = 0;
  std::vector<CThostFtdcOrderField> orders;
  std::vector<CThostFtdcTradeField> trades;
  CThostFtdcDepthMarketDataField snapshot{};
  bool has_snapshot = false;
  CThostFtdcInputOrderField last_insert{};
  bool has_insert = false;
  int next_sys = 1000, next_trade = 76;
  FakeTrader *trader = nullptr;
  FakeMd *md = nullptr;
};

State g;

CThostFtdcRspInfoField rsp(int id, const std::string &msg) {
  CThostFtdcRspInfoField r;
  std::memset(&r, 0, sizeof(r));
  r.ErrorID = id;
  put(r.ErrorMsg, msg);
  return r;
}

CThostFtdcInstrumentField instrument(const std::string &id, const char *exchange, const char *name, int size, double tick) {
  CThostFtdcInstrumentField f;
  std::memset(&f, 0, sizeof(f));
  put(f.InstrumentID, id);
  put(f.ExchangeID, exchange);
  put(f.InstrumentName, name);
  put(f.ProductID, id.substr(0, id.find_first_of("0123456789")));
  put(f.ExpireDate, "20251219");
  f.ProductClass = THOST_FTDC_PC_Futures;
  f.VolumeMultiple = size;
  f.PriceTick = tick;
  f.MinLimitOrderVolume = 1;
  f.MaxLimitOrderVolume = 20;
  f.MinMarketOrderVolume = 1;
  f.MaxMarketOrderVolume = 10;
  f.LongMarginRatio = 0.12;
  f.ShortMarginRatio = DBL_MAX;  // as some counters answer: "not stated here"
  return f;
}

CThostFtdcInvestorPositionField position(const char *id, const char *exchange, char dir, char date, int pos, int today, int yd) {
  CThostFtdcInvestorPositionField p;
  std::memset(&p, 0, sizeof(p));
  put(p.InstrumentID, id);
  put(p.ExchangeID, exchange);
  p.PosiDirection = dir;
  p.PositionDate = date;
  p.HedgeFlag = THOST_FTDC_HF_Speculation;
  p.Position = pos;
  p.TodayPosition = today;
  p.YdPosition = yd;
  return p;
}

class FakeTrader final : public FakeTraderApiBase {
 public:
  FakeTrader() {
    std::lock_guard<std::mutex> l(g.lock);
    g.trader = this;
    g.stats.trader_created++;
  }
  void Release() override {
    {
      std::lock_guard<std::mutex> l(g.lock);
      if (g.trader == this) g.trader = nullptr;
      g.stats.trader_released++;
    }
    dispatch_.stop();
    delete this;
  }
  void Init() override { post([](CThostFtdcTraderSpi *s) { s->OnFrontConnected(); }); }
  void RegisterSpi(CThostFtdcTraderSpi *spi) override { spi_ = spi; }
  void RegisterFront(char *front) override {
    std::lock_guard<std::mutex> l(g.lock);
    put(g.stats.last_front, front);
  }
  void RegisterFensUserInfo(CThostFtdcFensUserInfoField *info) override {
    std::lock_guard<std::mutex> l(g.lock);
    std::memcpy(&g.snapshot, info, sizeof(g.snapshot));  // LocalCTP's reading: a depth snapshot
    g.has_snapshot = true;
  }
  void SubscribePrivateTopic(THOST_TE_RESUME_TYPE) override {}
  void SubscribePublicTopic(THOST_TE_RESUME_TYPE) override {}

  int ReqAuthenticate(CThostFtdcReqAuthenticateField *f, int rid) override {
    {
      std::lock_guard<std::mutex> l(g.lock);
      g.stats.authenticate_calls++;
      put(g.stats.last_app_id, f->AppID);
    }
    post([rid](CThostFtdcTraderSpi *s) {
      CThostFtdcRspAuthenticateField a;
      std::memset(&a, 0, sizeof(a));
      CThostFtdcRspInfoField ok = rsp(0, "");
      s->OnRspAuthenticate(&a, &ok, rid, true);
    });
    return 0;
  }
  int ReqUserLogin(CThostFtdcReqUserLoginField *f, int rid) override {
    int error;
    std::string msg;
    {
      std::lock_guard<std::mutex> l(g.lock);
      g.stats.login_calls++;
      put(g.stats.last_password, f->Password);
      put(g.stats.last_broker, f->BrokerID);
      error = g.login_error;
      msg = g.login_msg;
      g.login_error = 0;
    }
    post([rid, error, msg](CThostFtdcTraderSpi *s) {
      CThostFtdcRspUserLoginField r;
      std::memset(&r, 0, sizeof(r));
      put(r.TradingDay, "20251202");
      r.FrontID = 7;
      r.SessionID = -3;  // CTP's session ids are signed and may be negative
      CThostFtdcRspInfoField info = rsp(error, msg);
      s->OnRspUserLogin(&r, &info, rid, true);
    });
    return 0;
  }
  int ReqSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField *f, int rid) override {
    {
      std::lock_guard<std::mutex> l(g.lock);
      g.stats.confirm_calls++;
    }
    CThostFtdcSettlementInfoConfirmField copy = *f;
    post([rid, copy](CThostFtdcTraderSpi *s) mutable {
      CThostFtdcRspInfoField ok = rsp(0, "");
      s->OnRspSettlementInfoConfirm(&copy, &ok, rid, true);
    });
    return 0;
  }

  int ReqQryInstrument(CThostFtdcQryInstrumentField *, int rid) override {
    return query('I', rid, [rid](CThostFtdcTraderSpi *s, int count) {
      if (count == 0) {  // an empty answer: one callback, nothing in it
        s->OnRspQryInstrument(nullptr, nullptr, rid, true);
        return;
      }
      std::vector<CThostFtdcInstrumentField> all = {instrument("rb2601", "SHFE", kRebarName, 10, 1),
                                                     instrument("m2601", "DCE", "m2601", 10, 1)};
      for (int i = 0; i < count; i++) {
        char id[16];
        std::snprintf(id, sizeof(id), "IF26%02d", i + 1);
        all.push_back(instrument(id, "CFFEX", kIndexName, 300, 0.2));
      }
      all.push_back(instrument("SP IF2601&IF2603", "CFFEX", "", 300, 0.2));  // 16 characters: too long for the ABI
      // One callback per instrument, as CTP pages its answers; bIsLast on the last only.
      int delay;
      {
        std::lock_guard<std::mutex> l(g.lock);
        delay = g.page_delay_ms;
      }
      for (std::size_t i = 0; i < all.size(); i++) {
        // A slow counter: pages far apart (the fake's own pace, on its own thread).
        if (delay > 0 && i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        s->OnRspQryInstrument(&all[i], nullptr, rid, i + 1 == all.size());
      }
    });
  }
  int ReqQryTradingAccount(CThostFtdcQryTradingAccountField *, int rid) override {
    return query('A', rid, [rid](CThostFtdcTraderSpi *s, int) {
      CThostFtdcTradingAccountField a;
      std::memset(&a, 0, sizeof(a));
      put(a.AccountID, "8001");
      a.Balance = 20001234.5;
      a.Available = 19990000;
      a.FrozenMargin = 100;
      a.FrozenCash = 20;
      a.FrozenCommission = 3;
      a.CurrMargin = 11000;
      a.CloseProfit = 500;
      a.PositionProfit = -66;
      a.Commission = 12.5;
      a.PreBalance = 20000000;
      s->OnRspQryTradingAccount(&a, nullptr, rid, true);
    });
  }
  int ReqQryInvestorPosition(CThostFtdcQryInvestorPositionField *, int rid) override {
    int variant;
    {
      std::lock_guard<std::mutex> l(g.lock);
      variant = g.positions_variant;
    }
    return query('P', rid, [rid, variant](CThostFtdcTraderSpi *s, int) {
      // SHFE: today's and yesterday's long positions come as two records.
      auto today = position("rb2601", "SHFE", THOST_FTDC_PD_Long, THOST_FTDC_PSD_Today, 2, 2, 0);
      today.ShortFrozen = 1;
      today.PositionCost = today.OpenCost = 70000;
      today.PositionProfit = 200;
      today.UseMargin = 7000;
      today.SettlementPrice = 3510;
      auto history = position("rb2601", "SHFE", THOST_FTDC_PD_Long, THOST_FTDC_PSD_History, 3, 0, 3);
      history.PositionCost = 102000;
      history.OpenCost = 99000;
      history.PositionProfit = 3300;
      history.UseMargin = 10500;
      history.SettlementPrice = 3510;
      // DCE: one record, today's inside Position.
      auto short_m = position("m2601", "DCE", THOST_FTDC_PD_Short, THOST_FTDC_PSD_Today, 4, 1, 3);
      short_m.LongFrozen = 2;
      short_m.PositionCost = 120000;
      short_m.OpenCost = 120400;
      short_m.PositionProfit = -400;
      short_m.UseMargin = 12000;
      short_m.SettlementPrice = 3010;
      std::vector<CThostFtdcInvestorPositionField> all = {today, history};
      if (variant == 0) all.push_back(short_m);
      for (std::size_t i = 0; i < all.size(); i++) s->OnRspQryInvestorPosition(&all[i], nullptr, rid, i + 1 == all.size());
    });
  }
  int ReqQryOrder(CThostFtdcQryOrderField *, int rid) override {
    return query('O', rid, [rid](CThostFtdcTraderSpi *s, int) {
      std::vector<CThostFtdcOrderField> all;
      {
        std::lock_guard<std::mutex> l(g.lock);
        all = g.orders;
      }
      // An order of another session (another terminal, or an earlier run).
      CThostFtdcOrderField other;
      std::memset(&other, 0, sizeof(other));
      put(other.InstrumentID, "rb2601");
      put(other.ExchangeID, "SHFE");
      put(other.OrderRef, "5");
      put(other.OrderSysID, "     900");
      other.FrontID = 1;
      other.SessionID = 99;
      other.Direction = THOST_FTDC_D_Buy;
      other.CombOffsetFlag[0] = THOST_FTDC_OF_Open;
      other.OrderPriceType = THOST_FTDC_OPT_LimitPrice;
      other.TimeCondition = THOST_FTDC_TC_GFD;
      other.LimitPrice = 3500;
      other.VolumeTotalOriginal = other.VolumeTraded = 1;
      other.OrderStatus = THOST_FTDC_OST_AllTraded;
      other.OrderSubmitStatus = THOST_FTDC_OSS_Accepted;
      put(other.InsertDate, "20251202");
      put(other.InsertTime, "09:01:02");
      all.insert(all.begin(), other);
      for (std::size_t i = 0; i < all.size(); i++) s->OnRspQryOrder(&all[i], nullptr, rid, i + 1 == all.size());
    });
  }
  int ReqQryTrade(CThostFtdcQryTradeField *, int rid) override {
    return query('T', rid, [rid](CThostFtdcTraderSpi *s, int) {
      std::vector<CThostFtdcTradeField> all;
      {
        std::lock_guard<std::mutex> l(g.lock);
        all = g.trades;
      }
      CThostFtdcTradeField other;
      std::memset(&other, 0, sizeof(other));
      put(other.InstrumentID, "rb2601");
      put(other.ExchangeID, "SHFE");
      put(other.OrderSysID, "     900");
      put(other.TradeID, "      55");
      put(other.TradeDate, "20251202");
      put(other.TradeTime, "09:01:03");
      other.Direction = THOST_FTDC_D_Buy;
      other.OffsetFlag = THOST_FTDC_OF_Open;
      other.Price = 3500;
      other.Volume = 1;
      all.insert(all.begin(), other);
      for (std::size_t i = 0; i < all.size(); i++) s->OnRspQryTrade(&all[i], nullptr, rid, i + 1 == all.size());
    });
  }

  int ReqOrderInsert(CThostFtdcInputOrderField *f, int rid) override {
    int rc, refuse_id;
    std::string refuse_msg;
    bool fill;
    {
      std::lock_guard<std::mutex> l(g.lock);
      g.stats.insert_calls++;
      g.last_insert = *f;
      g.has_insert = true;
      rc = g.insert_rc;
      g.insert_rc = 0;
      refuse_id = g.refuse_insert_id;
      refuse_msg = g.refuse_insert_msg;
      g.refuse_insert_id = 0;
      fill = g.fill;
    }
    if (rc != 0) return rc;
    CThostFtdcInputOrderField input = *f;
    if (refuse_id != 0) {
      // CTP reports a refused insert twice: the answer and the error push.
      post([input, rid, refuse_id, refuse_msg](CThostFtdcTraderSpi *s) mutable {
        CThostFtdcRspInfoField info = rsp(refuse_id, refuse_msg);
        s->OnRspOrderInsert(&input, &info, rid, true);
        s->OnErrRtnOrderInsert(&input, &info);
      });
      return 0;
    }
    CThostFtdcOrderField o;
    std::memset(&o, 0, sizeof(o));
    put(o.InstrumentID, input.InstrumentID);
    put(o.ExchangeID, input.ExchangeID);
    put(o.OrderRef, input.OrderRef);
    o.FrontID = 7;
    o.SessionID = -3;
    o.Direction = input.Direction;
    o.CombOffsetFlag[0] = input.CombOffsetFlag[0];
    o.OrderPriceType = input.OrderPriceType;
    o.TimeCondition = input.TimeCondition;
    o.VolumeCondition = input.VolumeCondition;
    o.LimitPrice = input.LimitPrice;
    o.VolumeTotalOriginal = input.VolumeTotalOriginal;
    o.OrderStatus = THOST_FTDC_OST_NoTradeQueueing;
    o.OrderSubmitStatus = THOST_FTDC_OSS_Accepted;
    put(o.InsertDate, "20251202");
    put(o.InsertTime, "10:00:00");
    CThostFtdcTradeField t;
    std::memset(&t, 0, sizeof(t));
    {
      std::lock_guard<std::mutex> l(g.lock);
      std::snprintf(o.OrderSysID, sizeof(o.OrderSysID), "%12d", g.next_sys++);  // right-aligned, as exchanges number them
      if (fill) {
        o.OrderStatus = THOST_FTDC_OST_AllTraded;
        o.VolumeTraded = o.VolumeTotalOriginal;
        put(t.InstrumentID, o.InstrumentID);
        put(t.ExchangeID, o.ExchangeID);
        put(t.OrderSysID, o.OrderSysID);
        put(t.OrderRef, o.OrderRef);
        std::snprintf(t.TradeID, sizeof(t.TradeID), "%20d", g.next_trade++);
        put(t.TradeDate, "20251202");
        put(t.TradeTime, "10:00:01");
        t.Direction = o.Direction;
        t.OffsetFlag = o.CombOffsetFlag[0];
        t.Price = o.LimitPrice;
        t.Volume = o.VolumeTotalOriginal;
        g.trades.push_back(t);
      }
      g.orders.push_back(o);
    }
    post([o, t, fill](CThostFtdcTraderSpi *s) mutable {
      s->OnRtnOrder(&o);
      if (fill) s->OnRtnTrade(&t);
    });
    return 0;
  }
  int ReqOrderAction(CThostFtdcInputOrderActionField *f, int rid) override {
    CThostFtdcInputOrderActionField input = *f;
    int refuse_id, err_rtn;
    std::string refuse_msg;
    bool found = false;
    CThostFtdcOrderField o;
    {
      std::lock_guard<std::mutex> l(g.lock);
      g.stats.action_calls++;
      refuse_id = g.refuse_cancel_id;
      refuse_msg = g.refuse_cancel_msg;
      err_rtn = g.refuse_cancel_err_rtn;
      g.refuse_cancel_id = 0;
      if (!refuse_id) {
        for (auto &known : g.orders) {
          if (known.FrontID != input.FrontID || known.SessionID != input.SessionID || std::strcmp(known.OrderRef, input.OrderRef) != 0) continue;
          known.OrderStatus = THOST_FTDC_OST_Canceled;
          put(known.StatusMsg, kCancelled);
          o = known;
          found = true;
        }
      }
    }
    if (refuse_id == 0 && !found) {
      refuse_id = 25;
      refuse_msg = "CTP:cancel target not found";
    }
    if (refuse_id != 0) {
      post([input, rid, refuse_id, refuse_msg, err_rtn](CThostFtdcTraderSpi *s) mutable {
        CThostFtdcRspInfoField info = rsp(refuse_id, refuse_msg);
        if (err_rtn) {
          CThostFtdcOrderActionField a;
          std::memset(&a, 0, sizeof(a));
          put(a.OrderRef, input.OrderRef);
          a.FrontID = input.FrontID;
          a.SessionID = input.SessionID;
          s->OnErrRtnOrderAction(&a, &info);
        } else {
          s->OnRspOrderAction(&input, &info, rid, true);
        }
      });
      return 0;
    }
    post([o](CThostFtdcTraderSpi *s) mutable { s->OnRtnOrder(&o); });
    return 0;
  }

  void post(std::function<void(CThostFtdcTraderSpi *)> fn) {
    dispatch_.post([this, fn] {
      CThostFtdcTraderSpi *s = spi_;
      if (s) fn(s);
    });
  }

 private:
  // Flow control as CTP does it: a refused call sends nothing; an accepted one is in flight
  // until its last callback.
  int query(char kind, int rid, std::function<void(CThostFtdcTraderSpi *, int)> answer) {
    int count, error_id = 0;
    std::string error_msg;
    {
      std::lock_guard<std::mutex> l(g.lock);
      g.stats.query_calls++;
      g.query_times.push_back(steady_ms());
      if (g.fail_times > 0) {
        g.fail_times--;
        return g.fail_rc;
      }
      g.in_flight++;
      if (g.in_flight > g.stats.max_in_flight) g.stats.max_in_flight = g.in_flight;
      if (g.swallow) {
        g.swallow = false;
        g.in_flight--;
        return 0;  // accepted; the answer is lost
      }
      count = g.instruments;
      if (g.query_error_kind == kind) {
        error_id = g.query_error_id;
        error_msg = g.query_error_msg;
        g.query_error_kind = 0;
      }
    }
    post([kind, rid, answer, count, error_id, error_msg](CThostFtdcTraderSpi *s) {
      {
        // In flight until the answer goes out: the client may send the next query from its last callback.
        std::lock_guard<std::mutex> l(g.lock);
        g.in_flight--;
      }
      if (error_id != 0) {
        CThostFtdcRspInfoField info = rsp(error_id, error_msg);
        if (kind == 'A') s->OnRspQryTradingAccount(nullptr, &info, rid, true);
        else if (kind == 'I') s->OnRspQryInstrument(nullptr, &info, rid, true);
        else if (kind == 'P') s->OnRspQryInvestorPosition(nullptr, &info, rid, true);
        else if (kind == 'O') s->OnRspQryOrder(nullptr, &info, rid, true);
        else s->OnRspQryTrade(nullptr, &info, rid, true);
      } else {
        answer(s, count);
      }
    });
    return 0;
  }

  Dispatch dispatch_;
  std::atomic<CThostFtdcTraderSpi *> spi_{nullptr};
};

class FakeMd final : public FakeMdApiBase {
 public:
  FakeMd() {
    std::lock_guard<std::mutex> l(g.lock);
    g.md = this;
    g.stats.md_created++;
  }
  void Release() override {
    {
      std::lock_guard<std::mutex> l(g.lock);
      if (g.md == this) g.md = nullptr;
      g.stats.md_released++;
    }
    dispatch_.stop();
    delete this;
  }
  void Init() override { post([](CThostFtdcMdSpi *s) { s->OnFrontConnected(); }); }
  void RegisterSpi(CThostFtdcMdSpi *spi) override { spi_ = spi; }
  void RegisterFront(char *) override {}
  int ReqUserLogin(CThostFtdcReqUserLoginField *, int rid) override {
    {
      std::lock_guard<std::mutex> l(g.lock);
      g.stats.md_login_calls++;
    }
    post([rid](CThostFtdcMdSpi *s) {
      CThostFtdcRspUserLoginField r;
      std::memset(&r, 0, sizeof(r));
      CThostFtdcRspInfoField ok = rsp(0, "");
      s->OnRspUserLogin(&r, &ok, rid, true);
    });
    return 0;
  }
  int SubscribeMarketData(char *ids[], int n) override {
    for (int i = 0; i < n; i++) {
      std::string id = ids[i];
      {
        std::lock_guard<std::mutex> l(g.lock);
        g.stats.subscribe_calls++;
        std::string all = g.stats.subscribed;
        all += (all.empty() ? "" : ",") + id;
        put(g.stats.subscribed, all);
      }
      post([id](CThostFtdcMdSpi *s) {
        CThostFtdcSpecificInstrumentField spec;
        std::memset(&spec, 0, sizeof(spec));
        put(spec.InstrumentID, id);
        CThostFtdcRspInfoField info = id == "BAD" ? rsp(16, "CTP:\xD5\xD2\xB2\xBB\xB5\xBD\xBA\xCF\xD4\xBC") : rsp(0, "");  // 找不到合约
        s->OnRspSubMarketData(&spec, &info, 0, true);
      });
    }
    return 0;
  }
  int UnSubscribeMarketData(char *[], int) override { return 0; }

  void post(std::function<void(CThostFtdcMdSpi *)> fn) {
    dispatch_.post([this, fn] {
      CThostFtdcMdSpi *s = spi_;
      if (s) fn(s);
    });
  }

 private:
  Dispatch dispatch_;
  std::atomic<CThostFtdcMdSpi *> spi_{nullptr};
};

}  // namespace

// The SDK's static members, as the headers declare them.
CThostFtdcTraderApi *CThostFtdcTraderApi::CreateFtdcTraderApi(FAKE_TRADER_CREATE_PARAMS) { return new FakeTrader(); }
const char *CThostFtdcTraderApi::GetApiVersion() { return "fake-ctp 1.0"; }
CThostFtdcMdApi *CThostFtdcMdApi::CreateFtdcMdApi(FAKE_MD_CREATE_PARAMS) { return new FakeMd(); }
const char *CThostFtdcMdApi::GetApiVersion() { return "fake-ctp-md 1.0"; }

extern "C" {

void fake_ctp_reset(void) {
  std::lock_guard<std::mutex> l(g.lock);
  std::memset(&g.stats, 0, sizeof(g.stats));
  g.query_times.clear();
  g.fail_rc = g.fail_times = 0;
  g.instruments = 3;
  g.login_error = 0;
  g.query_error_kind = 0;
  g.refuse_insert_id = g.insert_rc = g.refuse_cancel_id = 0;
  g.fill = false;
  g.positions_variant = 0;
  g.in_flight = 0;
  g.swallow = false;
  g.page_delay_ms = 0;
  g.orders.clear();
  g.trades.clear();
  g.has_snapshot = g.has_insert = false;
}

void fake_ctp_get_stats(fake_ctp_stats *out) {
  std::lock_guard<std::mutex> l(g.lock);
  *out = g.stats;
}

int fake_ctp_query_times(double *out, int max) {
  std::lock_guard<std::mutex> l(g.lock);
  int n = 0;
  for (double t : g.query_times)
    if (n < max) out[n++] = t;
  return n;
}

void fake_ctp_swallow_next_query(void) {
  std::lock_guard<std::mutex> l(g.lock);
  g.swallow = true;
}

void fake_ctp_page_delay_ms(int ms) {
  std::lock_guard<std::mutex> l(g.lock);
  g.page_delay_ms = ms;
}

void fake_ctp_fail_queries(int rc, int times) {
  std::lock_guard<std::mutex> l(g.lock);
  g.fail_rc = rc;
  g.fail_times = times;
}

void fake_ctp_set_instruments(int count) {
  std::lock_guard<std::mutex> l(g.lock);
  g.instruments = count;
}

void fake_ctp_fail_login(int error_id, const char *gb_msg) {
  std::lock_guard<std::mutex> l(g.lock);
  g.login_error = error_id;
  g.login_msg = gb_msg;
}

void fake_ctp_fail_query(char what, int error_id, const char *gb_msg) {
  std::lock_guard<std::mutex> l(g.lock);
  g.query_error_kind = what;
  g.query_error_id = error_id;
  g.query_error_msg = gb_msg;
}

void fake_ctp_refuse_insert(int error_id, const char *gb_msg) {
  std::lock_guard<std::mutex> l(g.lock);
  g.refuse_insert_id = error_id;
  g.refuse_insert_msg = gb_msg;
}

void fake_ctp_insert_rc(int rc) {
  std::lock_guard<std::mutex> l(g.lock);
  g.insert_rc = rc;
}

void fake_ctp_fill_inserts(int on) {
  std::lock_guard<std::mutex> l(g.lock);
  g.fill = on != 0;
}

void fake_ctp_refuse_cancel(int error_id, const char *gb_msg, int err_rtn) {
  std::lock_guard<std::mutex> l(g.lock);
  g.refuse_cancel_id = error_id;
  g.refuse_cancel_msg = gb_msg;
  g.refuse_cancel_err_rtn = err_rtn;
}

void fake_ctp_positions(int variant) {
  std::lock_guard<std::mutex> l(g.lock);
  g.positions_variant = variant;
}

void fake_ctp_disconnect(int reason) {
  std::lock_guard<std::mutex> l(g.lock);
  if (g.trader) g.trader->post([reason](CThostFtdcTraderSpi *s) { s->OnFrontDisconnected(reason); });
}

void fake_ctp_reconnect(void) {
  std::lock_guard<std::mutex> l(g.lock);
  if (g.trader) g.trader->post([](CThostFtdcTraderSpi *s) { s->OnFrontConnected(); });
}

void fake_ctp_md_push(const char *instrument, double last) {
  CThostFtdcDepthMarketDataField d;
  std::memset(&d, 0, sizeof(d));
  put(d.InstrumentID, instrument);  // ExchangeID left empty, as CTP's market data does
  put(d.TradingDay, "20251202");
  put(d.ActionDay, "20251202");
  put(d.UpdateTime, "10:30:00");
  d.UpdateMillisec = 500;
  d.LastPrice = last;
  d.PreSettlementPrice = last - 10;
  d.PreClosePrice = last - 5;
  d.OpenPrice = d.HighestPrice = d.LowestPrice = last;
  d.SettlementPrice = DBL_MAX;  // not yet published
  d.UpperLimitPrice = last * 1.1;
  d.LowerLimitPrice = last * 0.9;
  d.Volume = 1234;
  d.Turnover = 43190000;
  d.OpenInterest = 150000;
  d.PreOpenInterest = 149000;
  d.BidPrice1 = last - 1;
  d.BidVolume1 = 11;
  d.AskPrice1 = last + 1;
  d.AskVolume1 = 12;
  d.BidPrice2 = d.AskPrice2 = d.BidPrice3 = d.AskPrice3 = d.BidPrice4 = d.AskPrice4 = d.BidPrice5 = d.AskPrice5 = DBL_MAX;
  d.BidVolume2 = 99;  // volume behind an unset price: must not show
  std::lock_guard<std::mutex> l(g.lock);
  if (g.md) g.md->post([d](CThostFtdcMdSpi *s) mutable { s->OnRtnDepthMarketData(&d); });
}

void fake_ctp_md_bounce(int reason) {
  std::lock_guard<std::mutex> l(g.lock);
  if (!g.md) return;
  g.md->post([reason](CThostFtdcMdSpi *s) {
    s->OnFrontDisconnected(reason);
    s->OnFrontConnected();
  });
}

int fake_ctp_last_snapshot(void *out, int size) {
  std::lock_guard<std::mutex> l(g.lock);
  if (!g.has_snapshot || size < static_cast<int>(sizeof(g.snapshot))) return 0;
  std::memcpy(out, &g.snapshot, sizeof(g.snapshot));
  return 1;
}

int fake_ctp_last_insert(void *out, int size) {
  std::lock_guard<std::mutex> l(g.lock);
  if (!g.has_insert || size < static_cast<int>(sizeof(g.last_insert))) return 0;
  std::memcpy(out, &g.last_insert, sizeof(g.last_insert));
  return 1;
}

}  // extern "C"
