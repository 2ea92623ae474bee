// CTP's structs and codes ↔ the counter ABI's, as pure functions (unit-tested on their own).
// Status, offset and direction follow vn.py's CTP gateway, with the differences written
// beside the mapping in ctp_convert.cpp.
#ifndef TSTRADER_CTP_CONVERT_H
#define TSTRADER_CTP_CONVERT_H

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ThostFtdcUserApiStruct.h"
#include "tstrader_counter.h"

namespace ctp {

// ---- codes ----
int32_t order_status(char order_status, char submit_status);  // TSC_STATUS_*
int32_t offset_of(char offset_flag);                          // TSC_OFFSET_*
char offset_flag(int32_t offset);                             // 0 for TSC_OFFSET_NONE / unknown
int32_t direction_of(char direction);                         // TSC_DIR_*
char direction_flag(int32_t direction);                       // 0 for an unknown one
int32_t position_direction_of(char posi_direction);           // TSC_POS_*
int32_t product_of(char product_class);                       // TSC_PRODUCT_*

// How an ABI price type is sent: CTP's OrderPriceType, TimeCondition and VolumeCondition.
struct PriceTerms {
  bool supported;
  char price_type, time_condition, volume_condition;
};
PriceTerms price_terms(int32_t tsc_price_type);

// "与交易前置的连接已断开：网络读失败（0x1001）"-style text for OnFrontDisconnected's nReason.
std::string disconnect_reason(int reason);

// ---- ids ----
// The client's order refs are "<FrontID>_<SessionID>_<n>" (vn.py's form); CTP's OrderRef is n.
std::string order_ref_prefix(int front_id, int session_id);
std::string order_id_of(int front_id, int session_id, const std::string &order_ref);
// Unique for the trading day and stable across reconnects: "<ExchangeID>_<TradeID>".
std::string trade_id_of(const std::string &exchange, const std::string &trade_id);

// ---- structs ----
// false when the instrument cannot be represented (its code does not fit tsc_instrument).
bool to_instrument(const CThostFtdcInstrumentField &in, tsc_instrument *out);
void to_order(const CThostFtdcOrderField &in, const std::string &order_id, const std::string &reference, tsc_order *out);
void to_trade(const CThostFtdcTradeField &in, const std::string &order_id, tsc_trade *out);
void to_account(const CThostFtdcTradingAccountField &in, tsc_account *out);
// `exchange`: the instrument's, for market data that leaves ExchangeID empty; `now_ms`: to date
// a stamp that carries only a time of day.
void to_tick(const CThostFtdcDepthMarketDataField &in, const std::string &exchange, int64_t now_ms, tsc_tick *out);

// OnRspQryInvestorPosition answers one record per instrument, direction, hedge flag and (on
// SHFE/INE) position date; the ABI wants one per instrument and direction. Records are added
// as they come; finish() folds them into positions and also reports, at zero, every position
// the previous answer had and this one lacks (CTP may drop a closed position's record).
class PositionBook {
 public:
  struct Instrument {
    std::string exchange;
    int size = 1;
  };
  // `instrument`: what the instrument query said (exchange when the record has none, size).
  void add(const CThostFtdcInvestorPositionField &in, const Instrument &instrument);
  std::vector<tsc_position> finish();

 private:
  struct Acc {
    tsc_position pos;
    double cost = 0, open_cost = 0;
    int size = 1;
  };
  std::map<std::pair<std::string, int32_t>, Acc> current_;
  std::set<std::tuple<std::string, std::string, int32_t>> last_;
};

}  // namespace ctp

#endif
