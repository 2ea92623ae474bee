// The CTP adapter's tests: the pure mappings, then the adapter through its ABI against the
// fake vendor library, whose path is the first argument. An optional second argument runs only
// the tests whose name contains it (to repeat one test many times when hunting a flake).
#include <cstdio>
#include <cstring>

#include "runner.h"

int g_checks_failed = 0;
const char *g_current_test = "";

extern const test_case CONVERT_TESTS[];
extern const test_case SESSION_TESTS[];
bool session_tests_setup(const char *fake_library);

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ctp_tests <libfake_ctp.so> [name filter]\n");
    return 2;
  }
  if (!session_tests_setup(argv[1])) return 1;
  const char *filter = argc > 2 ? argv[2] : nullptr;
  const test_case *suites[] = {CONVERT_TESTS, SESSION_TESTS};
  int passed = 0, failed = 0;
  for (const test_case *suite : suites) {
    for (const test_case *t = suite; t->name; t++) {
      if (filter && !std::strstr(t->name, filter)) continue;
      const int before = g_checks_failed;
      g_current_test = t->name;
      t->run();
      if (g_checks_failed == before) {
        passed++;
        std::printf("  ok   %s\n", t->name);
      } else {
        failed++;
        std::printf("  FAIL %s\n", t->name);
      }
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
