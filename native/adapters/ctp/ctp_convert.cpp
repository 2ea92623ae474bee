#include "ctp_convert.h"

#include <cstdio>
#include <cstring>

#include "ctp_text.h"

namespace ctp {

int32_t order_status(char status, char submit) {
  // Refused before it reached the exchange's book: CTP reports it as Canceled with
  // InsertRejected; vn.py shows 已撤销, we show 拒单 so the reason reads as a refusal.
  if (submit == THOST_FTDC_OSS_InsertRejected) return TSC_STATUS_REJECTED;
  switch (status) {
    case THOST_FTDC_OST_AllTraded: return TSC_STATUS_ALLTRADED;
    case THOST_FTDC_OST_PartTradedQueueing: return TSC_STATUS_PARTTRADED;
    // Not queueing: a FAK/FOK remainder about to be cancelled; Canceled follows.
    case THOST_FTDC_OST_PartTradedNotQueueing: return TSC_STATUS_PARTTRADED;
    case THOST_FTDC_OST_NoTradeQueueing: return TSC_STATUS_NOTTRADED;
    case THOST_FTDC_OST_NoTradeNotQueueing: return TSC_STATUS_NOTTRADED;
    case THOST_FTDC_OST_Canceled: return TSC_STATUS_CANCELLED;
    // Unknown (accepted by CTP, not yet by the exchange) and conditional orders waiting or
    // touched: still on their way. (vn.py maps 'c' Touched to REJECTED because it shares its
    // character with OrderActionStatus Rejected; a touched conditional order is live.)
    case THOST_FTDC_OST_Unknown:
    case THOST_FTDC_OST_NotTouched:
    case THOST_FTDC_OST_Touched: return TSC_STATUS_SUBMITTING;
    default: return TSC_STATUS_SUBMITTING;
  }
}

int32_t offset_of(char flag) {
  switch (flag) {
    case THOST_FTDC_OF_Open: return TSC_OFFSET_OPEN;
    case THOST_FTDC_OF_CloseToday: return TSC_OFFSET_CLOSE_TODAY;
    case THOST_FTDC_OF_CloseYesterday: return TSC_OFFSET_CLOSE_YESTERDAY;
    // Forced closes (by the broker or the exchange) are closes.
    case THOST_FTDC_OF_Close:
    case THOST_FTDC_OF_ForceClose:
    case THOST_FTDC_OF_ForceOff:
    case THOST_FTDC_OF_LocalForceClose: return TSC_OFFSET_CLOSE;
    default: return TSC_OFFSET_NONE;
  }
}

char offset_flag(int32_t offset) {
  switch (offset) {
    case TSC_OFFSET_OPEN: return THOST_FTDC_OF_Open;
    case TSC_OFFSET_CLOSE: return THOST_FTDC_OF_Close;
    case TSC_OFFSET_CLOSE_TODAY: return THOST_FTDC_OF_CloseToday;
    case TSC_OFFSET_CLOSE_YESTERDAY: return THOST_FTDC_OF_CloseYesterday;
    default: return 0;
  }
}

int32_t direction_of(char d) { return d == THOST_FTDC_D_Sell ? TSC_DIR_SELL : TSC_DIR_BUY; }

char direction_flag(int32_t direction) {
  if (direction == TSC_DIR_BUY) return THOST_FTDC_D_Buy;
  if (direction == TSC_DIR_SELL) return THOST_FTDC_D_Sell;
  return 0;
}

int32_t position_direction_of(char d) {
  if (d == THOST_FTDC_PD_Short) return TSC_POS_SHORT;
  if (d == THOST_FTDC_PD_Net) return TSC_POS_NET;
  return TSC_POS_LONG;
}

int32_t product_of(char cls) {
  switch (cls) {
    case THOST_FTDC_PC_Options:
    case THOST_FTDC_PC_SpotOption: return TSC_PRODUCT_OPTION;
    case THOST_FTDC_PC_Combination: return TSC_PRODUCT_SPREAD;
    default: return TSC_PRODUCT_FUTURES;
  }
}

PriceTerms price_terms(int32_t type) {
  switch (type) {
    case TSC_PRICE_LIMIT: return {true, THOST_FTDC_OPT_LimitPrice, THOST_FTDC_TC_GFD, THOST_FTDC_VC_AV};
    // 即时成交剩余撤销 = FAK; 全额成交或撤单 = FOK (vn.py's FAK and FOK).
    case TSC_PRICE_IOC: return {true, THOST_FTDC_OPT_LimitPrice, THOST_FTDC_TC_IOC, THOST_FTDC_VC_AV};
    case TSC_PRICE_FOK: return {true, THOST_FTDC_OPT_LimitPrice, THOST_FTDC_TC_IOC, THOST_FTDC_VC_CV};
    // The market order types that fill what they can at once and cancel the rest: CTP's
    // AnyPrice + IOC (vn.py's MARKET).
    case TSC_PRICE_BEST_COUNTERPARTY:
    case TSC_PRICE_BEST5_IOC: return {true, THOST_FTDC_OPT_AnyPrice, THOST_FTDC_TC_IOC, THOST_FTDC_VC_AV};
    default: return {false, 0, 0, 0};
  }
}

std::string disconnect_reason(int reason) {
  const char *why = nullptr;
  switch (reason) {
    case 0x1001: why = "网络读失败"; break;
    case 0x1002: why = "网络写失败"; break;
    case 0x2001: why = "接收心跳超时"; break;
    case 0x2002: why = "发送心跳失败"; break;
    case 0x2003: why = "收到错误报文"; break;
    default: break;
  }
  char buf[128];
  if (why) std::snprintf(buf, sizeof(buf), "%s（0x%04X）", why, static_cast<unsigned>(reason));
  else std::snprintf(buf, sizeof(buf), "原因码 0x%04X", static_cast<unsigned>(reason));
  return buf;
}

std::string order_ref_prefix(int front_id, int session_id) {
  return std::to_string(front_id) + "_" + std::to_string(session_id) + "_";
}

std::string order_id_of(int front_id, int session_id, const std::string &ref) {
  return order_ref_prefix(front_id, session_id) + ref;
}

std::string trade_id_of(const std::string &exchange, const std::string &trade_id) { return exchange + "_" + trade_id; }

bool to_instrument(const CThostFtdcInstrumentField &in, tsc_instrument *out) {
  std::memset(out, 0, sizeof(*out));
  if (!copy_ascii(out->symbol, field(in.InstrumentID))) return false;
  if (!copy_ascii(out->exchange, field(in.ExchangeID))) return false;
  copy_utf8(out->name, sizeof(out->name), gb_to_utf8(in.InstrumentName));
  out->product = product_of(in.ProductClass);
  out->t0 = 1;
  out->min_volume = in.MinLimitOrderVolume > 0 ? in.MinLimitOrderVolume : 1;
  out->volume_step = 1;
  out->pricetick = price_or_zero(in.PriceTick);
  out->size = in.VolumeMultiple;
  out->max_limit_volume = in.MaxLimitOrderVolume;
  out->max_market_volume = in.MaxMarketOrderVolume;
  out->min_market_volume = in.MinMarketOrderVolume;
  // Some counters answer DBL_MAX for ratios they do not state here.
  out->long_margin_ratio = price_or_zero(in.LongMarginRatio);
  out->short_margin_ratio = price_or_zero(in.ShortMarginRatio);
  copy_ascii(out->expiry, field(in.ExpireDate));
  copy_ascii(out->product_id, field(in.ProductID));
  return true;
}

// The latest of the order's stamps: replaying the same order gives the same time.
static int64_t order_time(const CThostFtdcOrderField &in) {
  const std::string day = field(in.InsertDate);
  int64_t t = beijing_epoch_ms(day, field(in.InsertTime));
  const int64_t update = beijing_epoch_ms(day, field(in.UpdateTime));
  const int64_t cancel = beijing_epoch_ms(day, field(in.CancelTime));
  if (update > t) t = update;
  if (cancel > t) t = cancel;
  return t;
}

void to_order(const CThostFtdcOrderField &in, const std::string &order_id, const std::string &reference, tsc_order *out) {
  std::memset(out, 0, sizeof(*out));
  copy_ascii(out->order_id, order_id);
  copy_ascii(out->symbol, field(in.InstrumentID));
  copy_ascii(out->exchange, field(in.ExchangeID));
  copy_utf8(out->reference, sizeof(out->reference), reference);
  out->direction = direction_of(in.Direction);
  out->offset = offset_of(in.CombOffsetFlag[0]);
  if (in.OrderPriceType == THOST_FTDC_OPT_AnyPrice) out->price_type = TSC_PRICE_BEST5_IOC;
  else if (in.TimeCondition == THOST_FTDC_TC_IOC) out->price_type = in.VolumeCondition == THOST_FTDC_VC_CV ? TSC_PRICE_FOK : TSC_PRICE_IOC;
  else out->price_type = TSC_PRICE_LIMIT;
  out->status = order_status(in.OrderStatus, in.OrderSubmitStatus);
  if (out->status == TSC_STATUS_CANCELLED || out->status == TSC_STATUS_REJECTED)
    copy_utf8(out->status_msg, sizeof(out->status_msg), gb_to_utf8(in.StatusMsg));
  out->price = price_or_zero(in.LimitPrice);
  out->volume = in.VolumeTotalOriginal;
  out->traded = in.VolumeTraded;
  out->insert_time = beijing_epoch_ms(field(in.InsertDate), field(in.InsertTime));
  out->update_time = order_time(in);
  copy_ascii(out->order_sys_id, field(in.OrderSysID));
}

void to_trade(const CThostFtdcTradeField &in, const std::string &order_id, tsc_trade *out) {
  std::memset(out, 0, sizeof(*out));
  const std::string exchange = field(in.ExchangeID);
  copy_ascii(out->trade_id, trade_id_of(exchange, field(in.TradeID)));
  copy_ascii(out->order_id, order_id);
  copy_ascii(out->symbol, field(in.InstrumentID));
  copy_ascii(out->exchange, exchange);
  out->direction = direction_of(in.Direction);
  out->offset = offset_of(in.OffsetFlag);
  out->price = in.Price;
  out->volume = in.Volume;
  out->trade_time = beijing_epoch_ms(field(in.TradeDate), field(in.TradeTime));
  // CTP reports no fees per fill: the account's Commission is the day's total.
}

void to_account(const CThostFtdcTradingAccountField &in, tsc_account *out) {
  std::memset(out, 0, sizeof(*out));
  copy_ascii(out->account_id, field(in.AccountID));
  out->balance = in.Balance;
  // Everything working orders lock (vn.py's frozen): margin, cash and commission.
  out->frozen = in.FrozenMargin + in.FrozenCash + in.FrozenCommission;
  out->available = in.Available;
  out->margin = in.CurrMargin;
  out->frozen_margin = in.FrozenMargin;
  out->frozen_commission = in.FrozenCommission;
  out->close_pnl = in.CloseProfit;
  out->position_pnl = in.PositionProfit;
  out->commission = in.Commission;
  out->pre_balance = in.PreBalance;
}

void to_tick(const CThostFtdcDepthMarketDataField &in, const std::string &exchange, int64_t now_ms, tsc_tick *out) {
  std::memset(out, 0, sizeof(*out));
  copy_ascii(out->symbol, field(in.InstrumentID));
  const std::string own = field(in.ExchangeID);
  copy_ascii(out->exchange, own.empty() ? exchange : own);
  copy_ascii(out->trading_day, field(in.TradingDay));
  copy_ascii(out->update_time, field(in.UpdateTime));
  out->update_millisec = in.UpdateMillisec;
  // ActionDay is not reliable across exchanges (DCE stamps the trading day at night), so
  // the stamp is dated with Beijing's today, moved a day if that lands half a day away
  // (a quote stamped 23:59:59 read just after midnight).
  int64_t t = beijing_epoch_ms(beijing_today(now_ms), field(in.UpdateTime), in.UpdateMillisec);
  if (t != 0) {
    if (t > now_ms + 12 * 3600 * 1000LL) t -= 24 * 3600 * 1000LL;
    else if (t < now_ms - 12 * 3600 * 1000LL) t += 24 * 3600 * 1000LL;
  }
  out->datetime = t;
  out->volume = in.Volume;
  out->turnover = price_or_zero(in.Turnover);
  out->open_interest = price_or_zero(in.OpenInterest);
  out->last_price = price_or_zero(in.LastPrice);
  out->pre_close = price_or_zero(in.PreClosePrice);
  out->pre_settlement = price_or_zero(in.PreSettlementPrice);
  out->settlement = price_or_zero(in.SettlementPrice);
  out->pre_open_interest = price_or_zero(in.PreOpenInterest);
  out->open_price = price_or_zero(in.OpenPrice);
  out->high_price = price_or_zero(in.HighestPrice);
  out->low_price = price_or_zero(in.LowestPrice);
  out->limit_up = price_or_zero(in.UpperLimitPrice);
  out->limit_down = price_or_zero(in.LowerLimitPrice);
  const double bids[5] = {in.BidPrice1, in.BidPrice2, in.BidPrice3, in.BidPrice4, in.BidPrice5};
  const double asks[5] = {in.AskPrice1, in.AskPrice2, in.AskPrice3, in.AskPrice4, in.AskPrice5};
  const int bid_vol[5] = {in.BidVolume1, in.BidVolume2, in.BidVolume3, in.BidVolume4, in.BidVolume5};
  const int ask_vol[5] = {in.AskVolume1, in.AskVolume2, in.AskVolume3, in.AskVolume4, in.AskVolume5};
  for (int i = 0; i < 5; i++) {
    out->bid_price[i] = price_or_zero(bids[i]);
    out->ask_price[i] = price_or_zero(asks[i]);
    // A level without a price has no volume either.
    out->bid_volume[i] = out->bid_price[i] != 0 ? bid_vol[i] : 0;
    out->ask_volume[i] = out->ask_price[i] != 0 ? ask_vol[i] : 0;
  }
}

void PositionBook::add(const CThostFtdcInvestorPositionField &in, const Instrument &instrument) {
  const std::string symbol = field(in.InstrumentID);
  const int32_t dir = position_direction_of(in.PosiDirection);
  Acc &a = current_[{symbol, dir}];
  tsc_position &p = a.pos;
  if (p.symbol[0] == '\0') {
    copy_ascii(p.symbol, symbol);
    const std::string own = field(in.ExchangeID);
    copy_ascii(p.exchange, own.empty() ? instrument.exchange : own);
    p.direction = dir;
    a.size = instrument.size > 0 ? instrument.size : 1;
  }
  p.volume += in.Position;
  // SHFE and INE keep today's and yesterday's positions in separate records; the others give
  // one record with TodayPosition inside Position (vn.py's reading).
  const std::string exchange = p.exchange;
  if (exchange == "SHFE" || exchange == "INE") {
    if (in.PositionDate == THOST_FTDC_PSD_History) p.yd_volume += in.Position;
  } else {
    p.yd_volume += in.Position - in.TodayPosition;
  }
  // Closing a long position freezes with sell orders (ShortFrozen), and the other way round.
  p.frozen += dir == TSC_POS_SHORT ? in.LongFrozen : in.ShortFrozen;
  p.pnl += in.PositionProfit;
  p.margin += in.UseMargin;
  a.cost += in.PositionCost;
  a.open_cost += in.OpenCost;
  const double mark = price_or_zero(in.SettlementPrice);
  if (mark > 0) p.last_price = mark;
}

std::vector<tsc_position> PositionBook::finish() {
  std::vector<tsc_position> out;
  std::set<std::tuple<std::string, std::string, int32_t>> seen;
  for (auto &kv : current_) {
    Acc &a = kv.second;
    tsc_position p = a.pos;
    const double units = static_cast<double>(p.volume) * a.size;
    p.cost_price = units > 0 ? a.cost / units : 0;
    p.open_price = units > 0 ? a.open_cost / units : 0;
    seen.insert({p.symbol, p.exchange, p.direction});
    out.push_back(p);
  }
  for (const auto &key : last_) {
    if (seen.count(key)) continue;
    tsc_position gone;
    std::memset(&gone, 0, sizeof(gone));
    copy_ascii(gone.symbol, std::get<0>(key));
    copy_ascii(gone.exchange, std::get<1>(key));
    gone.direction = std::get<2>(key);
    out.push_back(gone);
  }
  // A zero position reported once is not reported again.
  last_.clear();
  for (const auto &p : out)
    if (p.volume != 0 || p.frozen != 0) last_.insert({p.symbol, p.exchange, p.direction});
  current_.clear();
  return out;
}

}  // namespace ctp
