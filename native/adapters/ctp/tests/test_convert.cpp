// The CTP ↔ ABI mappings on their own: codes, text, times, and the position fold.
#include <cfloat>
#include <cstring>
#include <string>

#include "ctp_convert.h"
#include "ctp_text.h"
#include "runner.h"

using namespace ctp;

template <std::size_t N>
static void put(char (&dst)[N], const char *src) {
  std::snprintf(dst, N, "%s", src);
}

static void test_codes() {
  CHECK(order_status(THOST_FTDC_OST_AllTraded, THOST_FTDC_OSS_Accepted) == TSC_STATUS_ALLTRADED);
  CHECK(order_status(THOST_FTDC_OST_PartTradedQueueing, THOST_FTDC_OSS_Accepted) == TSC_STATUS_PARTTRADED);
  CHECK(order_status(THOST_FTDC_OST_NoTradeQueueing, THOST_FTDC_OSS_Accepted) == TSC_STATUS_NOTTRADED);
  CHECK(order_status(THOST_FTDC_OST_Canceled, THOST_FTDC_OSS_Accepted) == TSC_STATUS_CANCELLED);
  CHECK(order_status(THOST_FTDC_OST_Canceled, THOST_FTDC_OSS_InsertRejected) == TSC_STATUS_REJECTED);
  CHECK(order_status(THOST_FTDC_OST_Unknown, THOST_FTDC_OSS_InsertSubmitted) == TSC_STATUS_SUBMITTING);
  CHECK(order_status(THOST_FTDC_OST_Touched, THOST_FTDC_OSS_Accepted) == TSC_STATUS_SUBMITTING);
  CHECK(offset_of(THOST_FTDC_OF_Open) == TSC_OFFSET_OPEN && offset_of(THOST_FTDC_OF_ForceClose) == TSC_OFFSET_CLOSE);
  CHECK(offset_of(THOST_FTDC_OF_CloseToday) == TSC_OFFSET_CLOSE_TODAY && offset_of(THOST_FTDC_OF_CloseYesterday) == TSC_OFFSET_CLOSE_YESTERDAY);
  CHECK(offset_flag(TSC_OFFSET_CLOSE_TODAY) == THOST_FTDC_OF_CloseToday && offset_flag(TSC_OFFSET_NONE) == 0);
  CHECK(direction_flag(TSC_DIR_SELL) == THOST_FTDC_D_Sell && direction_flag(7) == 0);
  CHECK(position_direction_of(THOST_FTDC_PD_Short) == TSC_POS_SHORT && position_direction_of(THOST_FTDC_PD_Net) == TSC_POS_NET);
  CHECK(product_of(THOST_FTDC_PC_Options) == TSC_PRODUCT_OPTION && product_of(THOST_FTDC_PC_Combination) == TSC_PRODUCT_SPREAD);
  const PriceTerms fok = price_terms(TSC_PRICE_FOK);
  CHECK(fok.supported && fok.price_type == THOST_FTDC_OPT_LimitPrice && fok.time_condition == THOST_FTDC_TC_IOC &&
        fok.volume_condition == THOST_FTDC_VC_CV);
  const PriceTerms market = price_terms(TSC_PRICE_BEST5_IOC);
  CHECK(market.supported && market.price_type == THOST_FTDC_OPT_AnyPrice && market.time_condition == THOST_FTDC_TC_IOC);
  CHECK(!price_terms(TSC_PRICE_BEST_OWN).supported);
  CHECK(disconnect_reason(0x1001) == "网络读失败（0x1001）");
  CHECK(disconnect_reason(0x2001) == "接收心跳超时（0x2001）");
  CHECK(disconnect_reason(0x4242) == "原因码 0x4242");
  CHECK(order_id_of(7, -3, "12") == "7_-3_12" && trade_id_of("SHFE", "55") == "SHFE_55");
}

static void test_text_and_time() {
  // 螺纹钢 in GB18030, then a field whose last character is cut in half.
  const char rebar[] = "\xC2\xDD\xCE\xC6\xB8\xD6" "2601";
  CHECK(gb_to_utf8(rebar, sizeof(rebar)) == "螺纹钢2601");
  const char cut[5] = {'\xC2', '\xDD', '\xCE', '\xC6', '\xB8'};
  CHECK(gb_to_utf8(cut, sizeof(cut)) == "螺纹");
  const char bad[] = "A\xFF" "B";
  CHECK(gb_to_utf8(bad, sizeof(bad)) == "A?B");
  char small[8];
  copy_utf8(small, sizeof(small), "螺纹钢");  // 9 bytes: cut between characters, not inside one
  CHECK(std::string(small) == "螺纹");
  char id[6];
  CHECK(!copy_ascii(id, "IF2512") && copy_ascii(id, "rb260"));
  const char padded[13] = "       1001";
  CHECK(field(padded) == "1001");
  // 2025-12-02 09:30:15 Beijing = 01:30:15 UTC = 1764639015 s.
  CHECK(beijing_epoch_ms("20251202", "09:30:15", 250) == 1764639015250LL);
  CHECK(beijing_epoch_ms("", "09:30:15") == 0 && beijing_epoch_ms("20251202", "9:30") == 0);
  CHECK(beijing_today(1764639015250LL) == "20251202");
  CHECK(beijing_today(1764691200000LL) == "20251203");  // 16:00 UTC = 00:00 Beijing next day
  CHECK(price_or_zero(DBL_MAX) == 0 && price_or_zero(3500.5) == 3500.5);
}

static void test_instrument_and_tick() {
  CThostFtdcInstrumentField in;
  std::memset(&in, 0, sizeof(in));
  put(in.InstrumentID, "rb2601");
  put(in.ExchangeID, "SHFE");
  put(in.InstrumentName, "\xC2\xDD\xCE\xC6\xB8\xD6" "2601");
  put(in.ProductID, "rb");
  put(in.ExpireDate, "20260115");
  in.ProductClass = THOST_FTDC_PC_Futures;
  in.VolumeMultiple = 10;
  in.PriceTick = 1;
  in.MinLimitOrderVolume = 1;
  in.MaxLimitOrderVolume = 500;
  in.LongMarginRatio = 0.07;
  in.ShortMarginRatio = DBL_MAX;
  tsc_instrument out;
  CHECK(to_instrument(in, &out));
  CHECK(std::string(out.symbol) == "rb2601" && std::string(out.name) == "螺纹钢2601" && out.size == 10);
  CHECK(out.product == TSC_PRODUCT_FUTURES && out.max_limit_volume == 500 && out.t0 == 1);
  CHECK_NEAR(out.long_margin_ratio, 0.07);
  CHECK(out.short_margin_ratio == 0);  // DBL_MAX: not stated
  CHECK(std::string(out.expiry) == "20260115" && std::string(out.product_id) == "rb");
  put(in.InstrumentID, "SP rb2601&rb2605");  // 16 characters: no room in tsc_instrument.symbol
  CHECK(!to_instrument(in, &out));

  CThostFtdcDepthMarketDataField d;
  std::memset(&d, 0, sizeof(d));
  put(d.InstrumentID, "rb2601");
  put(d.UpdateTime, "23:59:59");
  d.UpdateMillisec = 500;
  d.LastPrice = 3500;
  d.SettlementPrice = DBL_MAX;
  d.BidPrice1 = 3499;
  d.BidVolume1 = 5;
  d.BidPrice2 = DBL_MAX;
  d.BidVolume2 = 9;
  tsc_tick t;
  // Read at 00:00:01 Beijing on 2025-12-03 (16:00:01 UTC on the 2nd): the stamp is yesterday's.
  to_tick(d, "SHFE", 1764691201000LL, &t);
  CHECK(std::string(t.exchange) == "SHFE");  // from the instrument, as CTP's market data has none
  CHECK(t.datetime == 1764691199500LL);
  CHECK(t.settlement == 0 && t.bid_price[0] == 3499 && t.bid_volume[0] == 5);
  CHECK(t.bid_price[1] == 0 && t.bid_volume[1] == 0);
}

static CThostFtdcInvestorPositionField record(const char *id, const char *exchange, char dir, char date, int pos, int today) {
  CThostFtdcInvestorPositionField p;
  std::memset(&p, 0, sizeof(p));
  put(p.InstrumentID, id);
  put(p.ExchangeID, exchange);
  p.PosiDirection = dir;
  p.PositionDate = date;
  p.Position = pos;
  p.TodayPosition = today;
  return p;
}

static void test_position_fold() {
  PositionBook book;
  PositionBook::Instrument rb{"SHFE", 10}, ma{"CZCE", 10};
  auto today = record("rb2601", "SHFE", THOST_FTDC_PD_Long, THOST_FTDC_PSD_Today, 2, 2);
  today.PositionCost = 70000;
  today.OpenCost = 70000;
  today.ShortFrozen = 1;
  today.UseMargin = 7000;
  today.PositionProfit = 200;
  auto history = record("rb2601", "SHFE", THOST_FTDC_PD_Long, THOST_FTDC_PSD_History, 3, 0);
  history.PositionCost = 102000;
  history.OpenCost = 99000;
  history.UseMargin = 10500;
  history.PositionProfit = 3300;
  auto czce = record("MA601", "", THOST_FTDC_PD_Short, THOST_FTDC_PSD_Today, 4, 1);  // no ExchangeID: older SDKs
  czce.LongFrozen = 2;
  book.add(today, rb);
  book.add(history, rb);
  book.add(czce, ma);
  auto all = book.finish();
  CHECK(all.size() == 2);
  const tsc_position *lng = nullptr, *sht = nullptr;
  for (const auto &p : all) (p.direction == TSC_POS_LONG ? lng : sht) = &p;
  CHECK(lng && sht);
  if (!lng || !sht) return;
  // rb long: 2 today + 3 yesterday; cost (70,000 + 102,000) / (5 × 10) = 3,440; open (70,000 + 99,000) / 50 = 3,380.
  CHECK(lng->volume == 5 && lng->yd_volume == 3 && lng->frozen == 1);
  CHECK_NEAR(lng->cost_price, 3440);
  CHECK_NEAR(lng->open_price, 3380);
  CHECK_NEAR(lng->pnl, 3500);
  CHECK_NEAR(lng->margin, 17500);
  // MA short on CZCE: one record, yesterday = 4 − 1; closing a short freezes buys (LongFrozen).
  CHECK(std::string(sht->exchange) == "CZCE" && sht->volume == 4 && sht->yd_volume == 3 && sht->frozen == 2);
  // The next answer lacks the short: it is reported once at zero, then no more.
  book.add(today, rb);
  all = book.finish();
  CHECK(all.size() == 2);
  bool zero_short = false;
  for (const auto &p : all) zero_short |= p.direction == TSC_POS_SHORT && p.volume == 0 && std::string(p.symbol) == "MA601";
  CHECK(zero_short);
  book.add(today, rb);
  CHECK(book.finish().size() == 1);
}

extern const test_case CONVERT_TESTS[];
const test_case CONVERT_TESTS[] = {
    {"convert: status, offset, direction, product, price terms, reasons, ids", test_codes},
    {"convert: GB18030 to UTF-8, truncation, ids, Beijing time", test_text_and_time},
    {"convert: instrument and tick (DBL_MAX, no exchange, midnight)", test_instrument_and_tick},
    {"convert: positions folded per direction (SHFE today/yesterday), zero when gone", test_position_fold},
    {nullptr, nullptr},
};
