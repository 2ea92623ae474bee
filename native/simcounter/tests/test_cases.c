/*
 * The shared table-driven cases under test/cases/ (the same files the TypeScript rules'
 * tests read): the counter must compute what the app's rules compute.
 */
#include <string.h>

#include "../book.h"
#include "json_cases.h"
#include "runner.h"

#ifndef TSC_CASES_DIR
#define TSC_CASES_DIR "../test/cases"
#endif

#define MAX_CASES 64

typedef struct seen {
  int rejected;
} seen;

static seen last;
static void on_order(void *ctx, const tsc_order *o) {
  (void)ctx;
  last.rejected = o->status == TSC_STATUS_REJECTED;
}

/* A sell of `volume` 600000.SSE at its previous close, from a position set by hand. */
static int sell_rejected(sim_book *book, int idx, int64_t volume) {
  tsc_order_req r;
  memset(&r, 0, sizeof(r));
  strcpy(r.symbol, "600000");
  strcpy(r.exchange, "SSE");
  static int seq;
  snprintf(r.order_ref, sizeof(r.order_ref), "case-%d", ++seq);
  r.direction = TSC_DIR_SELL;
  r.price_type = TSC_PRICE_LIMIT;
  r.price = book->instruments[idx].info.pre_close;
  r.volume = volume;
  last.rejected = 0;
  sim_book_insert(book, &r);
  return last.rejected;
}

static void test_t1_sellable_table(void) {
  static json_case cases[MAX_CASES];
  char error[160];
  const char *path = TSC_CASES_DIR "/cn-stock/t1-sellable.json";
  int n = json_cases_load(path, cases, MAX_CASES, error, sizeof(error));
  if (n < 0) fprintf(stderr, "  cannot read %s: %s\n", path, error);
  CHECK(n >= 10);
  for (int k = 0; k < n; k++) {
    const json_case *c = &cases[k];
    int t0 = json_case_number(c, "t0", NULL) != 0;
    sim_position p = {(int64_t)json_case_number(c, "volume", NULL), (int64_t)json_case_number(c, "yd_volume", NULL),
                      (int64_t)json_case_number(c, "frozen", NULL), 0.0};
    int64_t want = (int64_t)json_case_number(c, "sellable", NULL);
    int64_t got = sim_sellable(t0, &p);
    if (got != want) fprintf(stderr, "  case \"%s\": sellable %lld, expected %lld\n", json_case_text(c, "name"), (long long)got, (long long)want);
    CHECK(got == want);

    /* The order path uses the same figure: one share more is refused, the sellable amount is not.
     * Frozen shares stand for working sells, so the table's `frozen` goes in as it is. */
    sim_book book;
    sim_book_init(&book, "cases", 9000 + k, 1, (sim_sink){on_order, NULL, NULL, NULL});
    int idx = sim_book_find(&book, "600000", "SSE");
    book.instruments[idx].info.t0 = t0;
    book.positions[idx] = p;
    book.positions[idx].cost = 10.0 * (double)p.volume;
    CHECK(sell_rejected(&book, idx, want + 1));
    if (want > 0) CHECK(!sell_rejected(&book, idx, want));
    sim_book_free(&book);
  }
}

const test_case CASE_TESTS[] = {
    {"shared cases: T+1 sellable (test/cases/cn-stock/t1-sellable.json)", test_t1_sellable_table},
    {NULL, NULL},
};
