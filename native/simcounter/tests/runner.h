/*
 * A tiny test runner: CHECK records a failure and carries on, so one run reports every
 * broken expectation; main prints "N passed, N failed" and exits non-zero on a failure.
 */
#ifndef SIMCOUNTER_RUNNER_H
#define SIMCOUNTER_RUNNER_H

#include <math.h>
#include <stdio.h>

extern int g_checks_failed;
extern const char *g_current_test;

#define CHECK(cond)                                                                      \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      g_checks_failed++;                                                                 \
      fprintf(stderr, "  FAIL %s (%s:%d): %s\n", g_current_test, __FILE__, __LINE__, #cond); \
    }                                                                                    \
  } while (0)

#define CHECK_NEAR(a, b) CHECK(fabs((double)(a) - (double)(b)) < 1e-6)

typedef struct test_case {
  const char *name;
  void (*run)(void);
} test_case;

#endif
