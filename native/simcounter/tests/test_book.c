/* The book on its own: rules, fees, matching, T+1 — no threads involved. */
#include <string.h>

#include "../book.h"
#include "runner.h"

typedef struct captured {
  tsc_order orders[64];
  int n_orders;
  tsc_trade trades[64];
  int n_trades;
  tsc_tick ticks[64];
  int n_ticks;
} captured;

static captured cap;
static void on_order(void *ctx, const tsc_order *o) {
  (void)ctx;
  if (cap.n_orders < 64) cap.orders[cap.n_orders++] = *o;
}
static void on_trade(void *ctx, const tsc_trade *t) {
  (void)ctx;
  if (cap.n_trades < 64) cap.trades[cap.n_trades++] = *t;
}

static void on_tick(void *ctx, const tsc_tick *t) {
  (void)ctx;
  if (cap.n_ticks < 64) cap.ticks[cap.n_ticks++] = *t;
}

static sim_book book;
static int ref_seq;

static void fresh(void) {
  memset(&cap, 0, sizeof(cap));
  sim_book_free(&book);
  sim_book_init(&book, "acct", 1000, 7, (sim_sink){on_order, on_trade, on_tick, NULL});
}

static int send(const char *symbol, const char *exchange, int32_t dir, int32_t type, double price, int64_t volume) {
  tsc_order_req r;
  memset(&r, 0, sizeof(r));
  strcpy(r.symbol, symbol);
  strcpy(r.exchange, exchange);
  snprintf(r.order_ref, sizeof(r.order_ref), "t-%d", ++ref_seq);
  strcpy(r.reference, "test");
  r.direction = dir;
  r.price_type = type;
  r.price = price;
  r.volume = volume;
  return sim_book_insert(&book, &r);
}

static const tsc_order *last_order(void) { return cap.n_orders ? &cap.orders[cap.n_orders - 1] : NULL; }

static void test_fees(void) {
  sim_fees f = {0.00025, 5.0, 0.0005, 0.00001};
  double c, s, t;
  sim_fees_of(&f, TSC_PRODUCT_EQUITY, TSC_DIR_BUY, 1000.0, &c, &s, &t);
  CHECK_NEAR(c, 5.0);
  CHECK_NEAR(s, 0.0);
  CHECK_NEAR(t, 0.01);
  sim_fees_of(&f, TSC_PRODUCT_EQUITY, TSC_DIR_SELL, 100000.0, &c, &s, &t);
  CHECK_NEAR(c, 25.0);
  CHECK_NEAR(s, 50.0);
  CHECK_NEAR(t, 1.0);
  sim_fees_of(&f, TSC_PRODUCT_FUND, TSC_DIR_SELL, 100000.0, &c, &s, &t);
  CHECK_NEAR(c, 25.0);
  CHECK_NEAR(s + t, 0.0);
  CHECK_NEAR(sim_round_cents(0.125), 0.13);
  CHECK_NEAR(sim_round_cents(1.005), 1.01);
}

static void test_limits(void) {
  fresh();
  const tsc_instrument *pf = &book.instruments[sim_book_find(&book, "600000", "SSE")].info;
  CHECK_NEAR(pf->limit_up, 11.0);
  CHECK_NEAR(pf->limit_down, 9.0);
  const tsc_instrument *catl = &book.instruments[sim_book_find(&book, "300750", "SZSE")].info;
  CHECK_NEAR(catl->limit_up, 240.0);
  const tsc_instrument *bse = &book.instruments[sim_book_find(&book, "430047", "BSE")].info;
  CHECK_NEAR(bse->limit_up, 19.5);
  CHECK_NEAR(bse->limit_down, 10.5);
  const tsc_instrument *etf = &book.instruments[sim_book_find(&book, "510300", "SSE")].info;
  CHECK_NEAR(etf->pricetick, 0.001);
  CHECK_NEAR(etf->limit_up, 4.4);
  CHECK(sim_book_find(&book, "600000", "SZSE") < 0);
}

static void test_rejections(void) {
  fresh();
  CHECK(send("600000", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 10.0, 150) == TSC_E_REJECTED);
  CHECK(last_order()->status == TSC_STATUS_REJECTED && strstr(last_order()->status_msg, "买入数量") != NULL);
  CHECK(send("600000", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 11.01, 100) == TSC_E_REJECTED);
  CHECK(strstr(last_order()->status_msg, "涨停") != NULL);
  CHECK(send("600000", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 10.005, 100) == TSC_E_REJECTED);
  CHECK(send("688981", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 70.0, 199) == TSC_E_REJECTED);
  CHECK(send("688981", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 70.0, 201) == TSC_OK);
  CHECK(send("430047", "BSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 14.0, 101) == TSC_OK);
  CHECK(send("300750", "SZSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 200.0, 300100) == TSC_E_REJECTED); /* cap 300,000 */
  CHECK(send("300750", "SZSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 200.0, 10000) == TSC_E_REJECTED); /* cash */
  CHECK(strstr(last_order()->status_msg, "资金不足") != NULL);
  CHECK(send("600000", "SSE", TSC_DIR_BUY, TSC_PRICE_FOK, 0, 100) == TSC_E_REJECTED); /* SSE has no FOK */
  CHECK(send("600000", "SSE", TSC_DIR_SELL, TSC_PRICE_LIMIT, 10.0, 50) == TSC_E_REJECTED); /* odd lot */
  CHECK(send("999999", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 10.0, 100) == TSC_E_REJECTED);
  CHECK(strstr(last_order()->status_msg, "不存在") != NULL);
  tsc_order_req r;
  memset(&r, 0, sizeof(r));
  strcpy(r.symbol, "600000");
  strcpy(r.exchange, "SSE");
  strcpy(r.order_ref, "t-1"); /* already used above */
  r.direction = TSC_DIR_BUY;
  r.price = 10.0;
  r.volume = 100;
  CHECK(sim_book_insert(&book, &r) == TSC_E_DUPLICATE_REF);
  CHECK_NEAR(book.frozen, sim_round_cents(70.0 * 201 + 5.0 + sim_round_cents(70.0 * 201 * 0.00001)) +
                              sim_round_cents(14.0 * 101 + 5.0 + sim_round_cents(14.0 * 101 * 0.00001)));
}

static void test_marketable_buy_and_fees(void) {
  fresh();
  CHECK(send("600000", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 10.01, 100) == TSC_OK);
  CHECK(cap.n_trades == 1);
  CHECK_NEAR(cap.trades[0].price, 10.01);
  CHECK_NEAR(cap.trades[0].commission, 5.0);
  CHECK_NEAR(cap.trades[0].transfer_fee, 0.01);
  CHECK_NEAR(cap.trades[0].stamp_duty, 0.0);
  CHECK(cap.n_orders == 2 && cap.orders[0].status == TSC_STATUS_NOTTRADED && cap.orders[1].status == TSC_STATUS_ALLTRADED);
  CHECK_NEAR(book.balance, 1000000.0 - 1001.0 - 5.01);
  CHECK_NEAR(book.frozen, 0.0);
  tsc_position p;
  CHECK(sim_book_position(&book, sim_book_find(&book, "600000", "SSE"), &p) == 1);
  CHECK(p.volume == 10100 && p.yd_volume == 10000);
  /* Sell from yesterday's holding: stamp duty applies. */
  CHECK(send("600000", "SSE", TSC_DIR_SELL, TSC_PRICE_LIMIT, 9.99, 10000) == TSC_OK);
  const tsc_trade *t = &cap.trades[cap.n_trades - 1];
  CHECK(t->volume == 10000);
  CHECK_NEAR(t->stamp_duty, 49.95);
  CHECK_NEAR(t->commission, 24.98);
  CHECK_NEAR(t->transfer_fee, 1.0);
}

static void test_t_plus_one(void) {
  fresh();
  CHECK(send("300750", "SZSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 200.01, 100) == TSC_OK);
  CHECK(last_order()->status == TSC_STATUS_ALLTRADED);
  CHECK(send("300750", "SZSE", TSC_DIR_SELL, TSC_PRICE_LIMIT, 199.99, 100) == TSC_E_REJECTED);
  CHECK(strstr(last_order()->status_msg, "T+1") != NULL);
  sim_book_settle(&book);
  CHECK(send("300750", "SZSE", TSC_DIR_SELL, TSC_PRICE_LIMIT, 199.99, 100) == TSC_OK);
  CHECK(last_order()->status == TSC_STATUS_ALLTRADED);
  /* A T+0 money-market ETF may be sold the day it is bought. */
  CHECK(send("511880", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 100.001, 100) == TSC_OK);
  CHECK(send("511880", "SSE", TSC_DIR_SELL, TSC_PRICE_LIMIT, 99.999, 100) == TSC_OK);
  CHECK(last_order()->status == TSC_STATUS_ALLTRADED);
}

static void test_rest_cancel_and_later_fill(void) {
  fresh();
  CHECK(send("600000", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 9.90, 100) == TSC_OK);
  CHECK(last_order()->status == TSC_STATUS_NOTTRADED && cap.n_trades == 0);
  CHECK_NEAR(book.frozen, 990.0 + 5.0 + 0.01);
  char id[32];
  strcpy(id, last_order()->order_id);
  CHECK(sim_book_cancel(&book, id, "已撤单") == TSC_OK);
  CHECK(last_order()->status == TSC_STATUS_CANCELLED);
  CHECK_NEAR(book.frozen, 0.0);
  CHECK(sim_book_cancel(&book, id, "已撤单") == TSC_E_NOT_CANCELABLE);
  CHECK(sim_book_cancel(&book, "nope", "已撤单") == TSC_E_UNKNOWN_ORDER);

  CHECK(send("600000", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 9.90, 100) == TSC_OK);
  CHECK(sim_book_set_price(&book, sim_book_find(&book, "600000", "SSE"), 9.89) == TSC_OK);
  CHECK(cap.n_trades == 1 && last_order()->status == TSC_STATUS_ALLTRADED);
  CHECK_NEAR(cap.trades[0].price, 9.90);
  CHECK(book.n_active == 0);
  CHECK_NEAR(book.frozen, 0.0);
  /* Prices never leave the limits. */
  sim_book_set_price(&book, sim_book_find(&book, "600000", "SSE"), 50.0);
  CHECK_NEAR(book.instruments[sim_book_find(&book, "600000", "SSE")].last, 11.0);
  CHECK(book.instruments[sim_book_find(&book, "600000", "SSE")].ask_vol[0] == 0);
}

static void test_min_commission_per_order(void) {
  fresh();
  book.fees.min_commission = 500.0; /* above this order's 0.025 %: the minimum decides */
  CHECK(send("510300", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 4.002, 240000) == TSC_OK);
  CHECK(cap.n_trades == 2);
  /* One order, two fills: the minimum once, on the first fill; the second pays nothing more. */
  CHECK_NEAR(cap.trades[0].commission, 500.0);
  CHECK_NEAR(cap.trades[1].commission, 0.0);
  book.fees.min_commission = 5.0;
  fresh();
  CHECK(send("510300", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 4.002, 240000) == TSC_OK);
  /* Above the minimum the two fills add up to the order's commission on its total. */
  double amount = sim_round_cents(cap.trades[0].price * (double)cap.trades[0].volume) + sim_round_cents(cap.trades[1].price * (double)cap.trades[1].volume);
  CHECK_NEAR(cap.trades[0].commission + cap.trades[1].commission, sim_round_cents(amount * 0.00025));
}

static void test_partial_fill_and_market_types(void) {
  fresh();
  CHECK(send("510300", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 4.002, 240000) == TSC_OK);
  CHECK(cap.n_trades == 2 && last_order()->status == TSC_STATUS_PARTTRADED && last_order()->traded == 200000);
  CHECK(book.n_active == 1);
  /* SZSE IOC: fills what is there, without a price bound. */
  CHECK(send("000001", "SZSE", TSC_DIR_BUY, TSC_PRICE_IOC, 0, 100) == TSC_OK);
  CHECK(last_order()->status == TSC_STATUS_ALLTRADED);
  CHECK_NEAR(cap.trades[cap.n_trades - 1].price, 11.51);
  /* SZSE FOK after settlement: the whole holding (yesterday's 5,000 + the 100 above) in one go. */
  sim_book_settle(&book);
  int before = cap.n_trades;
  CHECK(send("000001", "SZSE", TSC_DIR_SELL, TSC_PRICE_FOK, 0, 5200) == TSC_E_REJECTED); /* more than held */
  CHECK(send("000001", "SZSE", TSC_DIR_SELL, TSC_PRICE_FOK, 0, 5100) == TSC_OK);
  CHECK(cap.n_trades == before + 1 && last_order()->status == TSC_STATUS_ALLTRADED);
  /* SSE best-own: rests at the own side's best price. */
  CHECK(send("600000", "SSE", TSC_DIR_BUY, TSC_PRICE_BEST_OWN, 0, 100) == TSC_OK);
  CHECK(last_order()->status == TSC_STATUS_NOTTRADED && fabs(last_order()->price - 9.99) < 1e-9);
}

static void test_walk_stays_in_limits(void) {
  fresh();
  for (int i = 0; i < 5000; i++) sim_book_walk(&book);
  for (int i = 0; i < book.n_instruments; i++) {
    const sim_instrument *in = &book.instruments[i];
    CHECK(in->last <= in->info.limit_up + 1e-9 && in->last >= in->info.limit_down - 1e-9);
  }
}

static void test_ticks_of_subscribed_instruments(void) {
  fresh();
  int pf = sim_book_find(&book, "600000", "SSE");
  sim_book_set_price(&book, pf, 10.02);
  CHECK(cap.n_ticks == 0); /* not subscribed: no ticks */
  sim_book_subscribe(&book, pf, 1);
  CHECK(cap.n_ticks == 1); /* the current quote at once */
  const tsc_tick *t = &cap.ticks[0];
  CHECK(strcmp(t->symbol, "600000") == 0 && strcmp(t->exchange, "SSE") == 0);
  CHECK_NEAR(t->last_price, 10.02);
  CHECK_NEAR(t->pre_close, 10.0);
  CHECK_NEAR(t->limit_up, 11.0);
  CHECK_NEAR(t->bid_price[0], 10.01);
  CHECK_NEAR(t->ask_price[4], 10.07);
  CHECK(t->ask_volume[4] == SIM_LEVEL_DEPTH && t->volume == 0);
  CHECK(strlen(t->trading_day) == 8 && strlen(t->update_time) == 8 && t->datetime > 0);
  /* A fill moves the day's volume, turnover, open/high/low; the next quote change reports them. */
  CHECK(send("600000", "SSE", TSC_DIR_BUY, TSC_PRICE_LIMIT, 10.03, 300) == TSC_OK);
  sim_book_set_price(&book, pf, 10.01);
  t = &cap.ticks[cap.n_ticks - 1];
  CHECK(t->volume == 300);
  CHECK_NEAR(t->turnover, 3009.0);
  CHECK_NEAR(t->open_price, 10.03);
  CHECK_NEAR(t->high_price, 10.03);
  CHECK_NEAR(t->low_price, 10.03);
  CHECK_NEAR(t->last_price, 10.01);
  int before = cap.n_ticks;
  sim_book_subscribe(&book, pf, 0);
  sim_book_set_price(&book, pf, 10.05);
  CHECK(cap.n_ticks == before);
}

static void test_v2_fields(void) {
  fresh();
  const tsc_instrument *catl = &book.instruments[sim_book_find(&book, "300750", "SZSE")].info;
  CHECK(catl->size == 1 && catl->max_limit_volume == 300000 && catl->max_market_volume == 150000);
  CHECK(catl->expiry[0] == 0 && catl->product_id[0] == 0);
  tsc_order_req r;
  memset(&r, 0, sizeof(r));
  strcpy(r.symbol, "600000");
  strcpy(r.exchange, "SSE");
  strcpy(r.order_ref, "v2-1");
  r.direction = TSC_DIR_BUY;
  r.price = 10.01;
  r.volume = 100;
  r.offset = TSC_OFFSET_OPEN;
  CHECK(sim_book_insert(&book, &r) == TSC_OK);
  CHECK(last_order()->offset == TSC_OFFSET_OPEN && cap.trades[0].offset == TSC_OFFSET_OPEN); /* echoed */
  tsc_position p;
  CHECK(sim_book_position(&book, sim_book_find(&book, "600000", "SSE"), &p) == 1);
  CHECK(p.direction == TSC_POS_LONG);
  /* cost (98,000 + 1,001 + 5.01) / 10,100 = 9.80258 → 9.803; PnL (10.01 − 9.803) × 10,100 = 2,090.70 */
  CHECK_NEAR(p.cost_price, 9.803);
  CHECK_NEAR(p.pnl, 2090.70);
}

static void test_account_view(void) {
  fresh();
  tsc_account a;
  sim_book_account(&book, &a);
  CHECK(strcmp(a.account_id, "acct") == 0);
  CHECK_NEAR(a.balance, 1000000.0);
  CHECK_NEAR(a.available, 1000000.0);
  CHECK_NEAR(a.market_value, 10000 * 10.0 + 5000 * 11.5 + 10000 * 4.0);
}

const test_case BOOK_TESTS[] = {
    {"fees", test_fees},
    {"limit prices", test_limits},
    {"rejections", test_rejections},
    {"marketable buy and fees", test_marketable_buy_and_fees},
    {"T+1", test_t_plus_one},
    {"rest, cancel, later fill", test_rest_cancel_and_later_fill},
    {"partial fill and market types", test_partial_fill_and_market_types},
    {"minimum commission per order", test_min_commission_per_order},
    {"walk stays within limits", test_walk_stays_in_limits},
    {"ticks of subscribed instruments", test_ticks_of_subscribed_instruments},
    {"v2 fields: size, caps, offset echoed, position side and PnL", test_v2_fields},
    {"account view", test_account_view},
    {NULL, NULL},
};

void book_tests_cleanup(void) { sim_book_free(&book); }
