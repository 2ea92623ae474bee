/*
 * The simulated counter's book. Rules follow docs/a-share-rules.md: board lots, per-order
 * caps, ticks, price limits, T+1, market order types per exchange; fees: commission 0.025 %
 * (min 5 CNY per order, charged on its first fill), stamp duty 0.05 % on stock sells, transfer fee 0.001 % on stocks.
 * Money is kept in doubles but every fee and amount is rounded to the cent as it is booked,
 * as brokers' statements do.
 */
#include "book.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The binding mirrors these sizes; and each v2 struct must begin with its v1 form (the first v2
 * member sits exactly where the v1 struct ended), or v1 libraries could no longer be read. */
_Static_assert(sizeof(tsc_instrument) == 208, "tsc_instrument layout");
_Static_assert(sizeof(tsc_login_info) == 120, "tsc_login_info layout");
_Static_assert(sizeof(tsc_order_req) == 120, "tsc_order_req layout");
_Static_assert(sizeof(tsc_order) == 312, "tsc_order layout");
_Static_assert(sizeof(tsc_trade) == 152, "tsc_trade layout");
_Static_assert(sizeof(tsc_position) == 96, "tsc_position layout");
_Static_assert(sizeof(tsc_account) == 120, "tsc_account layout");
_Static_assert(sizeof(tsc_tick) == 336, "tsc_tick layout");
_Static_assert(sizeof(tsc_spi) == 112, "tsc_spi layout");
_Static_assert(offsetof(tsc_instrument, size) == TSC_V1_SIZEOF_INSTRUMENT, "v1 prefix of tsc_instrument");
_Static_assert(offsetof(tsc_login_info, order_ref_prefix) == TSC_V1_SIZEOF_LOGIN_INFO, "v1 prefix of tsc_login_info");
_Static_assert(offsetof(tsc_order_req, offset) == TSC_V1_SIZEOF_ORDER_REQ, "v1 prefix of tsc_order_req");
_Static_assert(offsetof(tsc_order, offset) == TSC_V1_SIZEOF_ORDER, "v1 prefix of tsc_order");
_Static_assert(offsetof(tsc_trade, offset) == TSC_V1_SIZEOF_TRADE, "v1 prefix of tsc_trade");
_Static_assert(offsetof(tsc_position, direction) == TSC_V1_SIZEOF_POSITION, "v1 prefix of tsc_position");
_Static_assert(offsetof(tsc_account, margin) == TSC_V1_SIZEOF_ACCOUNT, "v1 prefix of tsc_account");
_Static_assert(offsetof(tsc_spi, on_tick) == TSC_V1_SIZEOF_SPI, "v1 prefix of tsc_spi");

typedef struct seed_instrument {
  const char *symbol, *exchange, *name;
  int product, t0;
  sim_board board;
  double pre_close;
} seed_instrument;

static const seed_instrument SEED[] = {
    {"600000", "SSE", "浦发银行", TSC_PRODUCT_EQUITY, 0, SIM_BOARD_MAIN, 10.00},
    {"000001", "SZSE", "平安银行", TSC_PRODUCT_EQUITY, 0, SIM_BOARD_MAIN, 11.50},
    {"300750", "SZSE", "宁德时代", TSC_PRODUCT_EQUITY, 0, SIM_BOARD_CHINEXT, 200.00},
    {"688981", "SSE", "中芯国际", TSC_PRODUCT_EQUITY, 0, SIM_BOARD_STAR, 80.00},
    {"430047", "BSE", "诺思兰德", TSC_PRODUCT_EQUITY, 0, SIM_BOARD_BSE, 15.00},
    {"510300", "SSE", "沪深300ETF", TSC_PRODUCT_FUND, 0, SIM_BOARD_FUND, 4.000},
    {"511880", "SSE", "银华日利", TSC_PRODUCT_FUND, 1, SIM_BOARD_FUND, 100.000},
};

/* Yesterday's holdings, so sells can be tried on the first day. */
typedef struct seed_holding {
  const char *symbol;
  int64_t volume;
  double cost_price;
} seed_holding;
static const seed_holding HOLDINGS[] = {{"600000", 10000, 9.80}, {"000001", 5000, 11.00}, {"510300", 10000, 3.900}};

#define INITIAL_CASH 1000000.0
#define SIM_INITIAL_CAPACITY 65536

int64_t sim_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

double sim_round_cents(double value) {
  double sign = value < 0 ? -1.0 : 1.0;
  return sign * floor(fabs(value) * 100.0 + 0.5 + 1e-7) / 100.0;
}

/* Ticks are 0.01 or 0.001: work in integer tick units so limits and grids are exact. */
static int64_t ticks_of(double price, double tick) { return (int64_t)llround(price / tick); }
static double price_of(int64_t ticks, double tick) {
  double decimals = tick < 0.005 ? 1000.0 : 100.0;
  return round((double)ticks * tick * decimals) / decimals;
}
static int on_tick(double price, double tick) {
  double units = price / tick;
  return fabs(units - round(units)) < 1e-6;
}

static void copy_text(char *dst, size_t size, const char *src) {
  if (!src) src = "";
  size_t n = strlen(src);
  if (n >= size) n = size - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

void sim_fees_of(const sim_fees *fees, int product, int32_t direction, double amount, double *commission,
                 double *stamp_duty, double *transfer_fee) {
  int stock = product == TSC_PRODUCT_EQUITY;
  double c = amount * fees->commission_rate;
  *commission = sim_round_cents(c < fees->min_commission ? fees->min_commission : c);
  *stamp_duty = stock && direction == TSC_DIR_SELL ? sim_round_cents(amount * fees->stamp_duty_rate) : 0.0;
  *transfer_fee = stock ? sim_round_cents(amount * fees->transfer_fee_rate) : 0.0;
}

static void limit_prices(double pre_close, double ratio, double tick, double *up, double *down) {
  int64_t pc = ticks_of(pre_close, tick);
  int64_t bp = llround(ratio * 10000.0);
  int64_t u = (pc * (10000 + bp) + 5000) / 10000;
  int64_t d = (pc * (10000 - bp) + 5000) / 10000;
  *up = price_of(u, tick);
  *down = price_of(d < 1 ? 1 : d, tick);
}

static void refresh_levels(sim_instrument *in) {
  double tick = in->info.pricetick;
  int64_t last = ticks_of(in->last, tick);
  for (int i = 0; i < SIM_LEVELS; i++) {
    double ask = price_of(last + 1 + i, tick), bid = price_of(last - 1 - i, tick);
    int ask_ok = ask <= in->info.limit_up + 1e-9, bid_ok = bid >= in->info.limit_down - 1e-9;
    in->ask[i] = ask_ok ? ask : 0.0;
    in->ask_vol[i] = ask_ok ? SIM_LEVEL_DEPTH : 0;
    in->bid[i] = bid_ok ? bid : 0.0;
    in->bid_vol[i] = bid_ok ? SIM_LEVEL_DEPTH : 0;
  }
}

void sim_book_init(sim_book *book, const char *account_id, int64_t id_base, uint64_t seed, sim_sink sink) {
  memset(book, 0, sizeof(*book));
  book->fees = (sim_fees){0.00025, 5.0, 0.0005, 0.00001};
  copy_text(book->account_id, sizeof(book->account_id), account_id);
  book->balance = INITIAL_CASH;
  book->id_base = id_base;
  book->rng = seed ? seed : 0x9E3779B97F4A7C15ull;
  book->sink = sink;
  int n = (int)(sizeof(SEED) / sizeof(SEED[0]));
  for (int i = 0; i < n && i < SIM_MAX_INSTRUMENTS; i++) {
    const seed_instrument *s = &SEED[i];
    sim_instrument *in = &book->instruments[i];
    tsc_instrument *info = &in->info;
    copy_text(info->symbol, sizeof(info->symbol), s->symbol);
    copy_text(info->exchange, sizeof(info->exchange), s->exchange);
    copy_text(info->name, sizeof(info->name), s->name);
    info->product = s->product;
    info->t0 = s->t0;
    info->pricetick = s->board == SIM_BOARD_FUND ? 0.001 : 0.01;
    info->pre_close = s->pre_close;
    double ratio = 0.1;
    in->board = s->board;
    in->max_limit_volume = in->max_market_volume = 1000000;
    info->min_volume = 100;
    info->volume_step = 100;
    switch (s->board) {
      case SIM_BOARD_CHINEXT: ratio = 0.2; in->max_limit_volume = 300000; in->max_market_volume = 150000; break;
      case SIM_BOARD_STAR: ratio = 0.2; info->min_volume = 200; info->volume_step = 1;
        in->max_limit_volume = 100000; in->max_market_volume = 50000; break;
      case SIM_BOARD_BSE: ratio = 0.3; info->volume_step = 1; break;
      default: break;
    }
    limit_prices(s->pre_close, ratio, info->pricetick, &info->limit_up, &info->limit_down);
    info->size = 1;
    info->max_limit_volume = (int32_t)in->max_limit_volume;
    info->max_market_volume = (int32_t)in->max_market_volume;
    in->last = s->pre_close;
    refresh_levels(in);
    book->n_instruments++;
  }
  for (size_t h = 0; h < sizeof(HOLDINGS) / sizeof(HOLDINGS[0]); h++) {
    int idx = -1;
    for (int i = 0; i < book->n_instruments; i++)
      if (strcmp(book->instruments[i].info.symbol, HOLDINGS[h].symbol) == 0) idx = i;
    if (idx < 0) continue;
    sim_position *p = &book->positions[idx];
    p->volume = p->yd_volume = HOLDINGS[h].volume;
    p->cost = sim_round_cents(HOLDINGS[h].cost_price * (double)HOLDINGS[h].volume);
  }
}

void sim_book_free(sim_book *book) {
  free(book->id_index);
  book->id_index = NULL;
  book->cap_index = 0;
  free(book->orders);
  free(book->active);
  free(book->trades);
  book->orders = NULL;
  book->active = NULL;
  book->trades = NULL;
  book->n_orders = book->n_active = book->n_trades = 0;
}

int sim_book_find(const sim_book *book, const char *symbol, const char *exchange) {
  for (int i = 0; i < book->n_instruments; i++) {
    const tsc_instrument *in = &book->instruments[i].info;
    if (strcmp(in->symbol, symbol) == 0 && strcmp(in->exchange, exchange) == 0) return i;
  }
  return -1;
}

/* Grow an array by doubling; returns 0 when memory ran out. */
static int grow(void **items, size_t *cap, size_t need, size_t item_size) {
  if (need <= *cap) return 1;
  /* A day's capacity up front: the pages are only made resident as they are written, so
   * memory grows smoothly with use instead of in copy-and-double steps. */
  size_t next = *cap ? *cap * 2 : SIM_INITIAL_CAPACITY;
  while (next < need) next *= 2;
  void *p = realloc(*items, next * item_size);
  if (!p) return 0;
  *items = p;
  *cap = next;
  return 1;
}

static void emit_order(sim_book *book, const tsc_order *o) {
  if (book->sink.order) book->sink.order(book->sink.ctx, o);
}

static void emit_tick(sim_book *book, int instrument) {
  if (!book->sink.tick || !book->instruments[instrument].subscribed) return;
  tsc_tick t;
  sim_book_tick(book, instrument, &t);
  book->sink.tick(book->sink.ctx, &t);
}

static int is_market(int32_t price_type) { return price_type != TSC_PRICE_LIMIT; }

/* Market order types each exchange accepts (docs/a-share-rules.md, "Market order types"). */
static int market_type_allowed(const char *exchange, int32_t t) {
  if (strcmp(exchange, "SSE") == 0)
    return t == TSC_PRICE_BEST_COUNTERPARTY || t == TSC_PRICE_BEST5_TO_LIMIT || t == TSC_PRICE_BEST_OWN ||
           t == TSC_PRICE_BEST5_IOC;
  return t == TSC_PRICE_BEST_COUNTERPARTY || t == TSC_PRICE_BEST_OWN || t == TSC_PRICE_IOC ||
         t == TSC_PRICE_BEST5_IOC || t == TSC_PRICE_FOK;
}

int64_t sim_sellable(int t0, const sim_position *p) {
  int64_t left = (t0 ? p->volume : p->yd_volume) - p->frozen;
  return left > 0 ? left : 0;
}

/* The rule an order breaks, written into msg; 0 when it breaks none. */
static int check_order(const sim_book *book, int idx, const tsc_order_req *req, char *msg, size_t size) {
  const sim_instrument *in = &book->instruments[idx];
  const tsc_instrument *info = &in->info;
  const sim_position *pos = &book->positions[idx];
  int64_t v = req->volume;
  if (v <= 0) return snprintf(msg, size, "委托数量必须为正整数，当前为 %lld", (long long)v), 1;
  if (req->direction != TSC_DIR_BUY && req->direction != TSC_DIR_SELL)
    return snprintf(msg, size, "买卖方向无效"), 1;
  if (req->price_type < TSC_PRICE_LIMIT || req->price_type > TSC_PRICE_FOK)
    return snprintf(msg, size, "价格类型无效：%d", req->price_type), 1;
  if (is_market(req->price_type) && !market_type_allowed(info->exchange, req->price_type))
    return snprintf(msg, size, "%s不支持该市价委托类型", info->exchange), 1;
  int64_t min = info->min_volume, step = info->volume_step;
  int valid_lot = v >= min && (v - min) % step == 0;
  if (req->direction == TSC_DIR_BUY && !valid_lot)
    return snprintf(msg, size, "买入数量须不少于 %lld 股且按 %lld 股递增，当前为 %lld 股", (long long)min,
                    (long long)step, (long long)v), 1;
  int64_t sellable = sim_sellable(info->t0, pos);
  if (req->direction == TSC_DIR_SELL && !valid_lot) {
    /* Odd lots: the whole odd part of the holding goes in one order. */
    int ok = step > 1 ? (v % step == sellable % step && v <= sellable) : v == sellable;
    if (!ok) return snprintf(msg, size, "零股须一次性全部卖出（可卖 %lld 股），当前为 %lld 股", (long long)sellable, (long long)v), 1;
  }
  int64_t cap = is_market(req->price_type) ? in->max_market_volume : in->max_limit_volume;
  if (v > cap) return snprintf(msg, size, "单笔委托数量不得超过 %lld 股", (long long)cap), 1;
  int check_price = !is_market(req->price_type) || req->price > 0;
  if (check_price) {
    if (!(req->price > 0)) return snprintf(msg, size, "委托价格必须大于 0"), 1;
    if (!on_tick(req->price, info->pricetick))
      return snprintf(msg, size, "委托价格须为最小价位 %g 元的整数倍", info->pricetick), 1;
    if (info->limit_up > 0 && req->price > info->limit_up + 1e-9)
      return snprintf(msg, size, "委托价格 %.3f 高于涨停价 %.3f", req->price, info->limit_up), 1;
    if (info->limit_down > 0 && req->price < info->limit_down - 1e-9)
      return snprintf(msg, size, "委托价格 %.3f 低于跌停价 %.3f", req->price, info->limit_down), 1;
  }
  if (req->direction == TSC_DIR_SELL && v > sellable)
    return snprintf(msg, size, "可卖数量不足（T+1，可卖 %lld 股），委托 %lld 股", (long long)sellable, (long long)v), 1;
  return 0;
}

/* Cash a buy locks: its worst price times volume plus the fees that price would cost. */
static double buy_freeze(const sim_book *book, const sim_instrument *in, double price, int64_t volume) {
  double amount = sim_round_cents(price * (double)volume), c, s, t;
  sim_fees_of(&book->fees, in->info.product, TSC_DIR_BUY, amount, &c, &s, &t);
  return sim_round_cents(amount + c + s + t);
}

static void book_trade(sim_book *book, sim_order *so, double price, int64_t volume) {
  sim_instrument *in = &book->instruments[so->instrument];
  sim_position *pos = &book->positions[so->instrument];
  tsc_order *o = &so->o;
  double amount = sim_round_cents(price * (double)volume);
  tsc_trade t;
  memset(&t, 0, sizeof(t));
  snprintf(t.trade_id, sizeof(t.trade_id), "%lld-%lld", (long long)book->id_base, (long long)++book->trade_seq);
  memcpy(t.order_id, o->order_id, sizeof(t.order_id));
  memcpy(t.symbol, o->symbol, sizeof(t.symbol));
  memcpy(t.exchange, o->exchange, sizeof(t.exchange));
  t.direction = o->direction;
  t.offset = o->offset;
  t.price = price;
  t.volume = volume;
  t.trade_time = sim_now_ms();
  sim_fees_of(&book->fees, in->info.product, o->direction, amount, &t.commission, &t.stamp_duty, &t.transfer_fee);
  if (so->filled_amount > 0) {
    /* The minimum commission is charged once per order: this fill pays the order's commission
       on its total so far less what its earlier fills paid. */
    double total_c, s, tf;
    sim_fees_of(&book->fees, in->info.product, o->direction, sim_round_cents(so->filled_amount + amount), &total_c, &s, &tf);
    t.commission = total_c > so->commission_paid ? sim_round_cents(total_c - so->commission_paid) : 0.0;
  }
  so->filled_amount = sim_round_cents(so->filled_amount + amount);
  so->commission_paid = sim_round_cents(so->commission_paid + t.commission);
  double fees = t.commission + t.stamp_duty + t.transfer_fee;
  int64_t remaining_before = o->volume - o->traded;
  if (o->direction == TSC_DIR_BUY) {
    /* Release the freeze pro rata; the last fill releases whatever is left. */
    double release = remaining_before == volume ? so->frozen_cash
                                                : sim_round_cents(so->frozen_cash * (double)volume / (double)remaining_before);
    so->frozen_cash = sim_round_cents(so->frozen_cash - release);
    book->frozen = sim_round_cents(book->frozen - release);
    book->balance = sim_round_cents(book->balance - amount - fees);
    pos->volume += volume;
    pos->cost += amount + fees;
  } else {
    book->balance = sim_round_cents(book->balance + amount - fees);
    pos->cost = pos->volume > 0 ? pos->cost * (double)(pos->volume - volume) / (double)pos->volume : 0.0;
    pos->volume -= volume;
    pos->frozen -= volume;
    pos->yd_volume -= volume; /* T+0 instruments sell from volume; yd only must not exceed it */
    if (pos->yd_volume < 0) pos->yd_volume = 0;
  }
  o->traded += volume;
  o->update_time = t.trade_time;
  in->last = price;
  if (in->volume == 0) in->open = in->high = in->low = price;
  if (price > in->high) in->high = price;
  if (price < in->low) in->low = price;
  in->volume += volume;
  in->turnover = sim_round_cents(in->turnover + amount);
  if (book->n_trades + 1 > book->cap_trades &&
      !grow((void **)&book->trades, &book->cap_trades, book->n_trades + 1, sizeof(tsc_trade))) {
    return; /* out of memory: the fill still happened, only the query history misses it */
  }
  book->trades[book->n_trades++] = t;
  if (book->sink.trade) book->sink.trade(book->sink.ctx, &t);
}

/* Fill against up to `levels` levels of the opposite side, no worse than `bound` (0 = none). */
static void sweep(sim_book *book, sim_order *so, int levels, double bound) {
  sim_instrument *in = &book->instruments[so->instrument];
  int buy = so->o.direction == TSC_DIR_BUY;
  double *px = buy ? in->ask : in->bid;
  int64_t *vol = buy ? in->ask_vol : in->bid_vol;
  for (int i = 0; i < levels && so->o.traded < so->o.volume; i++) {
    if (px[i] <= 0 || vol[i] <= 0) continue;
    if (bound > 0 && (buy ? px[i] > bound + 1e-9 : px[i] < bound - 1e-9)) break;
    int64_t want = so->o.volume - so->o.traded;
    int64_t take = want < vol[i] ? want : vol[i];
    vol[i] -= take;
    book_trade(book, so, px[i], take);
  }
}

static int64_t depth_within(const sim_instrument *in, int buy, int levels, double bound) {
  const double *px = buy ? in->ask : in->bid;
  const int64_t *vol = buy ? in->ask_vol : in->bid_vol;
  int64_t sum = 0;
  for (int i = 0; i < levels; i++) {
    if (px[i] <= 0) continue;
    if (bound > 0 && (buy ? px[i] > bound + 1e-9 : px[i] < bound - 1e-9)) break;
    sum += vol[i];
  }
  return sum;
}

static void set_status(sim_order *so) {
  tsc_order *o = &so->o;
  if (o->traded >= o->volume) o->status = TSC_STATUS_ALLTRADED;
  else if (o->traded > 0) o->status = TSC_STATUS_PARTTRADED;
  else o->status = TSC_STATUS_NOTTRADED;
}

/* End an order's working life: release what it still locks. */
static void finish(sim_book *book, sim_order *so, int32_t status, const char *msg) {
  sim_position *pos = &book->positions[so->instrument];
  if (so->o.direction == TSC_DIR_BUY) {
    book->frozen = sim_round_cents(book->frozen - so->frozen_cash);
    so->frozen_cash = 0;
  } else {
    pos->frozen -= so->o.volume - so->o.traded;
  }
  so->o.status = status;
  copy_text(so->o.status_msg, sizeof(so->o.status_msg), msg);
  so->o.update_time = sim_now_ms();
}

static void remove_active(sim_book *book, size_t order_index) {
  for (size_t i = 0; i < book->n_active; i++) {
    if (book->active[i] != order_index) continue;
    memmove(&book->active[i], &book->active[i + 1], (book->n_active - i - 1) * sizeof(size_t));
    book->n_active--;
    return;
  }
}

/* Orders are looked up by id on every insert (duplicate check) and cancel: a hash keeps
 * that O(1) however long the day's order list grows. */
static uint64_t hash_id(const char *id) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (; *id; id++) h = (h ^ (unsigned char)*id) * 1099511628211ull;
  return h;
}

static size_t *index_slot(const sim_book *book, const char *id) {
  size_t mask = book->cap_index - 1;
  for (size_t i = (size_t)hash_id(id) & mask;; i = (i + 1) & mask) {
    size_t v = book->id_index[i];
    if (v == 0 || strcmp(book->orders[v - 1].o.order_id, id) == 0) return &book->id_index[i];
  }
}

/* Keep the table at most half full; returns 0 when memory ran out. */
static int index_reserve(sim_book *book, size_t count) {
  if (count * 2 < book->cap_index) return 1;
  size_t cap = book->cap_index ? book->cap_index * 2 : 4 * SIM_INITIAL_CAPACITY; /* a power of two */
  while (count * 2 >= cap) cap *= 2;
  size_t *table = calloc(cap, sizeof(size_t));
  if (!table) return 0;
  size_t *old = book->id_index;
  book->id_index = table;
  book->cap_index = cap;
  for (size_t i = 0; i < count; i++) *index_slot(book, book->orders[i].o.order_id) = i + 1;
  free(old);
  return 1;
}

static int order_ref_taken(const sim_book *book, const char *ref) {
  return book->cap_index > 0 && *index_slot(book, ref) != 0;
}

int sim_book_insert(sim_book *book, const tsc_order_req *req) {
  if (!grow((void **)&book->orders, &book->cap_orders, book->n_orders + 1, sizeof(sim_order)) ||
      !grow((void **)&book->active, &book->cap_active, book->n_active + 1, sizeof(size_t)) ||
      !index_reserve(book, book->n_orders + 1))
    return TSC_ERR_NO_MEMORY;
  size_t index = book->n_orders;
  sim_order *so = &book->orders[index];
  memset(so, 0, sizeof(*so));
  tsc_order *o = &so->o;
  copy_text(o->order_id, sizeof(o->order_id), req->order_ref);
  copy_text(o->symbol, sizeof(o->symbol), req->symbol);
  copy_text(o->exchange, sizeof(o->exchange), req->exchange);
  copy_text(o->reference, sizeof(o->reference), req->reference);
  o->direction = req->direction;
  o->price_type = req->price_type;
  o->price = req->price;
  o->volume = req->volume;
  o->offset = req->offset; /* A-shares have no offset; whatever came is echoed, as counters do */
  o->insert_time = o->update_time = sim_now_ms();
  if (o->order_id[0] == '\0' || order_ref_taken(book, o->order_id)) return TSC_E_DUPLICATE_REF;
  *index_slot(book, o->order_id) = index + 1;
  book->n_orders++;

  char msg[128] = "";
  int idx = sim_book_find(book, o->symbol, o->exchange);
  so->instrument = idx < 0 ? 0 : idx;
  int bad = idx < 0 ? (snprintf(msg, sizeof(msg), "合约 %s.%s 不存在", o->symbol, o->exchange), 1)
                    : check_order(book, idx, req, msg, sizeof(msg));
  sim_instrument *in = idx < 0 ? NULL : &book->instruments[idx];
  double worst = 0;
  if (!bad && req->direction == TSC_DIR_BUY) {
    worst = req->price > 0 ? req->price : in->info.limit_up;
    so->frozen_cash = buy_freeze(book, in, worst, req->volume);
    double available = sim_round_cents(book->balance - book->frozen);
    if (so->frozen_cash > available + 1e-9) {
      bad = 1;
      snprintf(msg, sizeof(msg), "可用资金不足：需 %.2f 元，可用 %.2f 元", so->frozen_cash, available);
      so->frozen_cash = 0;
    }
  }
  if (bad) {
    o->status = TSC_STATUS_REJECTED;
    copy_text(o->status_msg, sizeof(o->status_msg), msg);
    emit_order(book, o);
    return TSC_E_REJECTED;
  }
  if (req->direction == TSC_DIR_BUY) book->frozen = sim_round_cents(book->frozen + so->frozen_cash);
  else book->positions[idx].frozen += req->volume;
  int buy = req->direction == TSC_DIR_BUY;
  /* These two take their price from the quote; the first report already shows it. */
  if (req->price_type == TSC_PRICE_BEST_OWN) o->price = buy ? in->bid[0] : in->ask[0];
  if (req->price_type == TSC_PRICE_BEST_COUNTERPARTY) o->price = buy ? in->ask[0] : in->bid[0];
  o->status = TSC_STATUS_NOTTRADED;
  emit_order(book, o);

  double bound = req->price; /* limit price, or SSE's protection price, 0 for none */
  switch (req->price_type) {
    case TSC_PRICE_LIMIT: sweep(book, so, SIM_LEVELS, bound); break;
    case TSC_PRICE_BEST_COUNTERPARTY:
      /* Fills at the opposite best price; the rest stands as a limit order at that price. */
      if (so->o.price > 0) sweep(book, so, 1, bound);
      break;
    case TSC_PRICE_BEST_OWN: break; /* rests at the own side's best price */
    case TSC_PRICE_FOK:
      if (depth_within(in, buy, SIM_LEVELS, bound) >= req->volume) sweep(book, so, SIM_LEVELS, bound);
      break;
    case TSC_PRICE_IOC: sweep(book, so, SIM_LEVELS, bound); break;
    default: sweep(book, so, SIM_LEVELS, bound); break; /* BEST5_IOC, BEST5_TO_LIMIT */
  }
  set_status(so);
  int rests = so->o.traded < so->o.volume;
  if (rests) {
    int32_t t = req->price_type;
    int keep = t == TSC_PRICE_LIMIT || (t == TSC_PRICE_BEST_COUNTERPARTY && so->o.price > 0) ||
               (t == TSC_PRICE_BEST_OWN && so->o.price > 0) || (t == TSC_PRICE_BEST5_TO_LIMIT && so->o.traded > 0);
    if (t == TSC_PRICE_BEST5_TO_LIMIT && keep) so->o.price = book->instruments[idx].last;
    if (keep) {
      book->active[book->n_active++] = index;
    } else {
      finish(book, so, TSC_STATUS_CANCELLED, so->o.traded > 0 ? "市价委托剩余部分已撤销" : "市价委托无可成交对手，已撤销");
    }
  }
  /* A second report only when something changed since the NOTTRADED one. */
  if (so->o.traded > 0 || so->o.status != TSC_STATUS_NOTTRADED) emit_order(book, &so->o);
  return TSC_OK;
}

static sim_order *find_order(sim_book *book, const char *order_id, size_t *index) {
  if (book->cap_index == 0) return NULL;
  size_t v = *index_slot(book, order_id);
  if (v == 0) return NULL;
  *index = v - 1;
  return &book->orders[v - 1];
}

int sim_book_cancel(sim_book *book, const char *order_id, const char *status_msg) {
  size_t index = 0;
  sim_order *so = find_order(book, order_id, &index);
  if (!so) return TSC_E_UNKNOWN_ORDER;
  int32_t s = so->o.status;
  if (s != TSC_STATUS_NOTTRADED && s != TSC_STATUS_PARTTRADED && s != TSC_STATUS_SUBMITTING) return TSC_E_NOT_CANCELABLE;
  finish(book, so, TSC_STATUS_CANCELLED, status_msg);
  remove_active(book, index);
  emit_order(book, &so->o);
  return TSC_OK;
}

/* Resting orders of one instrument that the new quote reaches, oldest first. */
static void match_resting(sim_book *book, int instrument) {
  for (size_t i = 0; i < book->n_active;) {
    size_t index = book->active[i];
    sim_order *so = &book->orders[index];
    if (so->instrument != instrument) { i++; continue; }
    int64_t before = so->o.traded;
    sweep(book, so, SIM_LEVELS, so->o.price);
    if (so->o.traded == before) { i++; continue; }
    set_status(so);
    if (so->o.status == TSC_STATUS_ALLTRADED) {
      if (so->o.direction == TSC_DIR_BUY) { /* a fill below the limit leaves some freeze over */
        book->frozen = sim_round_cents(book->frozen - so->frozen_cash);
        so->frozen_cash = 0;
      }
      memmove(&book->active[i], &book->active[i + 1], (book->n_active - i - 1) * sizeof(size_t));
      book->n_active--;
    } else {
      i++;
    }
    emit_order(book, &so->o);
  }
}

int sim_book_set_price(sim_book *book, int instrument, double last) {
  if (instrument < 0 || instrument >= book->n_instruments) return TSC_E_UNKNOWN_ORDER;
  sim_instrument *in = &book->instruments[instrument];
  double tick = in->info.pricetick;
  double p = price_of(ticks_of(last, tick), tick);
  if (p > in->info.limit_up) p = in->info.limit_up;
  if (p < in->info.limit_down) p = in->info.limit_down;
  in->last = p;
  refresh_levels(in);
  match_resting(book, instrument);
  emit_tick(book, instrument);
  return TSC_OK;
}

void sim_book_subscribe(sim_book *book, int instrument, int on) {
  if (instrument < 0 || instrument >= book->n_instruments) return;
  book->instruments[instrument].subscribed = on;
  if (on) emit_tick(book, instrument);
}

void sim_book_tick(const sim_book *book, int instrument, tsc_tick *out) {
  const sim_instrument *in = &book->instruments[instrument];
  memset(out, 0, sizeof(*out));
  memcpy(out->symbol, in->info.symbol, sizeof(out->symbol));
  memcpy(out->exchange, in->info.exchange, sizeof(out->exchange));
  int64_t now = sim_now_ms();
  time_t secs = (time_t)(now / 1000);
  struct tm tm;
  localtime_r(&secs, &tm);
  strftime(out->trading_day, sizeof(out->trading_day), "%Y%m%d", &tm);
  strftime(out->update_time, sizeof(out->update_time), "%H:%M:%S", &tm);
  out->update_millisec = (int32_t)(now % 1000);
  out->datetime = now;
  out->volume = in->volume;
  out->turnover = in->turnover;
  out->last_price = in->last;
  out->pre_close = in->info.pre_close;
  out->open_price = in->open;
  out->high_price = in->high;
  out->low_price = in->low;
  out->limit_up = in->info.limit_up;
  out->limit_down = in->info.limit_down;
  for (int i = 0; i < SIM_LEVELS; i++) {
    out->bid_price[i] = in->bid[i];
    out->ask_price[i] = in->ask[i];
    out->bid_volume[i] = in->bid_vol[i];
    out->ask_volume[i] = in->ask_vol[i];
  }
}

static uint64_t next_random(sim_book *book) {
  /* xorshift64: reproducible from the seed, good enough for a price walk */
  uint64_t x = book->rng;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  book->rng = x;
  return x;
}

void sim_book_walk(sim_book *book) {
  for (int i = 0; i < book->n_instruments; i++) {
    int step = (int)(next_random(book) % 3) - 1;
    sim_instrument *in = &book->instruments[i];
    sim_book_set_price(book, i, in->last + step * in->info.pricetick);
  }
}

void sim_book_settle(sim_book *book) {
  while (book->n_active > 0) {
    size_t index = book->active[0];
    sim_book_cancel(book, book->orders[index].o.order_id, "日终结算，未成交部分已撤销");
  }
  for (int i = 0; i < book->n_instruments; i++) book->positions[i].yd_volume = book->positions[i].volume;
}

static double market_value(const sim_book *book) {
  double mv = 0;
  for (int i = 0; i < book->n_instruments; i++) mv += (double)book->positions[i].volume * book->instruments[i].last;
  return sim_round_cents(mv);
}

void sim_book_account(const sim_book *book, tsc_account *out) {
  memset(out, 0, sizeof(*out));
  copy_text(out->account_id, sizeof(out->account_id), book->account_id);
  out->balance = book->balance;
  out->frozen = book->frozen;
  out->available = sim_round_cents(book->balance - book->frozen);
  out->market_value = market_value(book);
}

int sim_book_position(const sim_book *book, int instrument, tsc_position *out) {
  const sim_position *p = &book->positions[instrument];
  const sim_instrument *in = &book->instruments[instrument];
  if (p->volume == 0 && p->frozen == 0) return 0;
  memset(out, 0, sizeof(*out));
  memcpy(out->symbol, in->info.symbol, sizeof(out->symbol));
  memcpy(out->exchange, in->info.exchange, sizeof(out->exchange));
  out->volume = p->volume;
  out->yd_volume = in->info.t0 ? p->volume : p->yd_volume;
  out->frozen = p->frozen;
  out->cost_price = p->volume > 0 ? round(p->cost / (double)p->volume * 1000.0) / 1000.0 : 0.0;
  out->last_price = in->last;
  out->direction = TSC_POS_LONG;
  out->pnl = sim_round_cents((in->last - out->cost_price) * (double)p->volume);
  return 1;
}
