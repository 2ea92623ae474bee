// The CTP adapter's state behind one tsc_api: the vendor APIs, the session, the orders it has
// seen, and the two SPI objects through which CTP calls back. ctp_adapter.cpp exports the ABI
// on top of it.
//
// Threads:
//   - the caller (the JS event loop) calls the tsc_* functions: they check, record and post,
//     and never call the vendor;
//   - the worker (ctp::Worker) makes every vendor request, paces queries, and makes the
//     callbacks the adapter originates (answers to requests it refuses itself);
//   - the vendor's SPI threads (trader, market data) call TraderSpi/MdSpi, which convert on the
//     stack and call the ABI's callbacks there and then.
// No lock of ours is held while an ABI callback or a vendor call runs.
#ifndef TSTRADER_CTP_SESSION_H
#define TSTRADER_CTP_SESSION_H

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "ThostFtdcMdApi.h"
#include "ThostFtdcTraderApi.h"
#include "ctp_convert.h"
#include "ctp_worker.h"
#include "tstrader_counter.h"

namespace ctp {

class TraderSpi;
class MdSpi;

// What the adapter knows of one order: CTP's keys for cancels, and what the client sent.
struct OrderRecord {
  int front = 0, session = 0;
  std::string ref, symbol, exchange, sys_id, reference;
  int32_t price_type = -1;  // the client's, echoed on its own orders
  int32_t direction = 0, offset = 0;
  double price = 0;
  int64_t volume = 0;
  int32_t insert_rid = 0, cancel_rid = 0;
  bool rejection_reported = false;  // CTP reports a refused insert twice (OnRspOrderInsert, OnErrRtnOrderInsert)
};

struct Options {
  std::string trader_library, md_library, broker_id, app_id, auth_code, product_info, md_front, flow_dir;
  bool production_mode = true;
  int query_interval_ms = 1000;
};

class Session {
 public:
  Session();
  ~Session();

  // ---- ABI callbacks, copied from tsc_register_spi ----
  void set_spi(const tsc_spi *spi, void *ctx);
  void emit_connected();
  void emit_disconnected(const std::string &message);
  void emit_login(int32_t rid, int32_t code, const std::string &message, const tsc_login_info *info);
  void emit_order(int32_t rid, const tsc_order *o, bool last);
  void emit_trade(int32_t rid, const tsc_trade *t, bool last);
  void emit_position(int32_t rid, const tsc_position *p, bool last);
  void emit_account(int32_t rid, const tsc_account *a, bool last);
  void emit_instrument(int32_t rid, const tsc_instrument *i, bool last);
  void emit_error(int32_t rid, int32_t code, const std::string &message);
  void emit_tick(const tsc_tick *t);
  void emit_md_connected();
  void emit_md_disconnected(const std::string &message);
  void emit_log(int32_t level, const std::string &message);

  // ---- requests (caller's thread): checks, then the worker does the rest ----
  int32_t set_option(const std::string &key, const std::string &value);
  int32_t connect(const std::string &front);
  int32_t login(const std::string &user, const std::string &password);
  int32_t query(char what);  // 'I' instruments, 'A' account, 'P' positions, 'O' orders, 'T' trades
  int32_t insert_order(const tsc_order_req &req);
  int32_t cancel_order(const std::string &order_id);
  int32_t subscribe(const std::string &symbol, const std::string &exchange, bool on);
  int32_t feed_snapshot(const tsc_tick &tick);  // test builds: LocalCTP's RegisterFensUserInfo

  // Stops everything; after it returns no callback runs again.
  void shutdown();

  // ---- from the SPIs (vendor threads) ----
  void on_front_connected();
  void on_front_disconnected(int reason);
  void on_login_step(char step, int32_t rid, const CThostFtdcRspInfoField *info, const CThostFtdcRspUserLoginField *login);
  void on_rsp_error(const CThostFtdcRspInfoField *info, int32_t rid);
  void on_instrument(const CThostFtdcInstrumentField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last);
  void on_order(const CThostFtdcOrderField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last);
  void on_trade(const CThostFtdcTradeField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last);
  void on_position(const CThostFtdcInvestorPositionField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last);
  void on_account(const CThostFtdcTradingAccountField *in, const CThostFtdcRspInfoField *info, int32_t rid, bool last);
  void on_insert_refused(const CThostFtdcInputOrderField *in, const CThostFtdcRspInfoField *info, int32_t rid);
  void on_cancel_refused(const std::string &ref, int front, int session, const CThostFtdcRspInfoField *info, int32_t rid);
  void on_md_front_connected();
  void on_md_front_disconnected(int reason);
  void on_md_login(const CThostFtdcRspInfoField *info);
  void on_md_subscribe_refused(const CThostFtdcSpecificInstrumentField *in, const CThostFtdcRspInfoField *info);
  void on_depth(const CThostFtdcDepthMarketDataField *in);

  // Vendor callbacks enter through this, so shutdown can wait for the last one to leave.
  class Scope {
   public:
    explicit Scope(Session *s);
    ~Scope();
    bool live() const { return live_; }

   private:
    Session *s_;
    bool live_;
  };

 private:
  int32_t next_rid();
  bool logged_in() const { return logged_in_.load(); }
  Options options() const;
  void do_connect(const std::string &front, int32_t rid);
  void start_md();
  void send_authenticate(int32_t rid, int attempt);
  void send_login(int32_t rid, int attempt);
  void send_confirm(int32_t rid, int attempt);
  void fail_login(int32_t rid, const std::string &message);
  void complete_login(int32_t rid);
  // A login-chain request refused for flow control is sent again after the interval.
  bool retry_later(int rc, int attempt, std::function<void(int)> again);
  int send_query(char what, int32_t rid);
  void send_order(const std::string &order_id);
  void refuse_order(const OrderRecord &r, const std::string &reason);
  void send_cancel(const std::string &order_id, int32_t rid);
  void send_subscription(const std::string &symbol, bool on);
  void record_order(const CThostFtdcOrderField &in, const std::string &order_id, std::string *reference, int32_t *price_type);
  std::string order_id_for_trade(const std::string &exchange, const std::string &sys_id);
  PositionBook::Instrument instrument_of(const std::string &symbol);

  Worker worker_;
  std::unique_ptr<TraderSpi> trader_spi_;
  std::unique_ptr<MdSpi> md_spi_;
  // Touched by the worker only (and by shutdown once the worker has stopped).
  CThostFtdcTraderApi *trader_ = nullptr;
  CThostFtdcMdApi *md_ = nullptr;
  bool md_started_ = false;
  std::set<std::string> md_sent_;  // subscribed on the current md login

  mutable std::mutex spi_lock_;
  tsc_spi spi_{};
  void *ctx_ = nullptr;

  mutable std::mutex state_lock_;  // everything below until the next comment
  Options options_;
  std::string front_, user_, password_, trading_day_;
  int front_id_ = 0, session_id_ = 0;
  std::string prefix_;
  int32_t login_rid_ = 0;
  std::map<std::string, OrderRecord> orders_;           // by order id
  std::map<std::string, std::string> order_by_sys_id_;  // "<exchange>|<OrderSysID>" → order id
  std::map<std::string, PositionBook::Instrument> instruments_;
  std::map<std::string, std::string> subscriptions_;  // symbol → exchange
  std::set<std::string> skipped_instruments_;

  PositionBook positions_;  // the trader SPI thread only
  int skipped_in_answer_ = 0;

  std::atomic<int32_t> rid_{0};
  std::atomic<bool> front_connected_{false}, logged_in_{false}, md_logged_in_{false}, closing_{false};
  std::atomic<int> inflight_{0};
  std::mutex idle_lock_;
  std::condition_variable idle_;
};

}  // namespace ctp

#endif
