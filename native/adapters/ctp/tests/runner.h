// A tiny test runner for the adapter's C++ tests, like native/simcounter/tests/runner.h: CHECK
// records a failure and carries on; main prints "N passed, N failed".
#ifndef TSTRADER_CTP_TEST_RUNNER_H
#define TSTRADER_CTP_TEST_RUNNER_H

#include <cmath>
#include <cstdio>

extern int g_checks_failed;
extern const char *g_current_test;

#define CHECK(cond)                                                                          \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      g_checks_failed++;                                                                     \
      std::fprintf(stderr, "  FAIL %s (%s:%d): %s\n", g_current_test, __FILE__, __LINE__, #cond); \
    }                                                                                        \
  } while (0)

#define CHECK_NEAR(a, b) CHECK(std::fabs(static_cast<double>(a) - static_cast<double>(b)) < 1e-6)

struct test_case {
  const char *name;
  void (*run)();
};

#endif
