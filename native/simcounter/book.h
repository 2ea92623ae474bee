/*
 * The simulated counter's book: instruments and their quotes, one cash account, positions,
 * orders and trades, with the A-share order rules and fees. Single-threaded on purpose: only
 * the counter's worker thread touches a book, so it needs no locks and is easy to test.
 */
#ifndef SIMCOUNTER_BOOK_H
#define SIMCOUNTER_BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "tstrader_counter.h"

#define SIM_LEVELS 5
/* Shares offered at each of the 5 levels after every quote refresh. */
#define SIM_LEVEL_DEPTH 100000

typedef enum { SIM_BOARD_MAIN, SIM_BOARD_CHINEXT, SIM_BOARD_STAR, SIM_BOARD_BSE, SIM_BOARD_FUND } sim_board;

typedef struct sim_fees {
  double commission_rate;  /* 0.00025 */
  double min_commission;   /* 5 CNY per order (not per fill) */
  double stamp_duty_rate;  /* 0.0005, sells of stocks only */
  double transfer_fee_rate;/* 0.00001, both sides of stocks */
} sim_fees;

typedef struct sim_instrument {
  tsc_instrument info;
  sim_board board;
  int64_t max_limit_volume;
  int64_t max_market_volume;
  double last;
  double bid[SIM_LEVELS], ask[SIM_LEVELS];      /* 0 where no level exists */
  int64_t bid_vol[SIM_LEVELS], ask_vol[SIM_LEVELS];
  /* the day's figures a tick reports: open, high and low of the last price, traded volume and turnover */
  double open, high, low;
  int64_t volume;
  double turnover;
  int subscribed; /* quotes are pushed as ticks through the sink */
} sim_instrument;

typedef struct sim_position {
  int64_t volume;
  int64_t yd_volume;
  int64_t frozen;
  double cost; /* total cost of the holding, fees included */
} sim_position;

typedef struct sim_order {
  tsc_order o;
  int instrument;
  double frozen_cash; /* cash still locked for the unfilled part of a buy */
  double filled_amount;   /* amount of its fills so far: the minimum commission is per order */
  double commission_paid; /* commission its fills have been charged so far */
} sim_order;

/* Where the book reports what happened; any member may be NULL. */
typedef struct sim_sink {
  void (*order)(void *ctx, const tsc_order *order);
  void (*trade)(void *ctx, const tsc_trade *trade);
  void (*tick)(void *ctx, const tsc_tick *tick);
  void *ctx;
} sim_sink;

#define SIM_MAX_INSTRUMENTS 16

typedef struct sim_book {
  sim_instrument instruments[SIM_MAX_INSTRUMENTS];
  sim_position positions[SIM_MAX_INSTRUMENTS];
  int n_instruments;
  sim_fees fees;
  char account_id[32];
  double balance;
  double frozen;
  sim_order *orders;
  size_t n_orders, cap_orders;
  size_t *id_index; /* open-addressed hash of order_id → index + 1 (0 = empty slot) */
  size_t cap_index;
  size_t *active; /* indices into orders of the working ones, oldest first */
  size_t n_active, cap_active;
  tsc_trade *trades;
  size_t n_trades, cap_trades;
  int64_t trade_seq;
  int64_t id_base; /* makes trade ids unique across counter instances of one day */
  uint64_t rng;
  sim_sink sink;
} sim_book;

/* A book with the built-in instruments, 1,000,000 CNY and a few holdings from yesterday. */
void sim_book_init(sim_book *book, const char *account_id, int64_t id_base, uint64_t seed, sim_sink sink);
void sim_book_free(sim_book *book);

int sim_book_find(const sim_book *book, const char *symbol, const char *exchange);
int64_t sim_now_ms(void);
double sim_round_cents(double value);
void sim_fees_of(const sim_fees *fees, int product, int32_t direction, double amount, double *commission,
                 double *stamp_duty, double *transfer_fee);

/* Shares a sell may draw on now: yesterday's holding under T+1 (the whole holding for T+0
 * products) less what working sells hold, never below 0. The TypeScript rules compute the
 * same (common/markets/cn-stock/account-rules.ts); both pass test/cases/cn-stock/t1-sellable.json. */
int64_t sim_sellable(int t0, const sim_position *p);

/* Insert: checks every rule, then matches against the quote. Returns TSC_OK or an error code
 * (the order is then reported REJECTED through the sink with the reason). */
int sim_book_insert(sim_book *book, const tsc_order_req *req);
int sim_book_cancel(sim_book *book, const char *order_id, const char *status_msg);
/* Move an instrument's last price (clamped to its limits), refresh depth, match resting orders. */
int sim_book_set_price(sim_book *book, int instrument, double last);
/* Start or stop pushing an instrument's quote as ticks; subscribing pushes the current one at once. */
void sim_book_subscribe(sim_book *book, int instrument, int on);
/* The instrument's quote as a tick. */
void sim_book_tick(const sim_book *book, int instrument, tsc_tick *out);
/* One random step of every quote (±1 tick), as a live market would. */
void sim_book_walk(sim_book *book);
/* End of day: cancel what is working, make today's buys sellable (T+1). */
void sim_book_settle(sim_book *book);

void sim_book_account(const sim_book *book, tsc_account *out);
/* Returns 0 when the instrument has no holding. */
int sim_book_position(const sim_book *book, int instrument, tsc_position *out);

#endif
