/* Runs every test case and prints "N passed, N failed"; the exit code says whether all passed. */
#include <stdio.h>

#include "runner.h"

int g_checks_failed = 0;
const char *g_current_test = "";

extern const test_case BOOK_TESTS[];
extern const test_case API_TESTS[];
extern const test_case CASE_TESTS[];
void book_tests_cleanup(void);

int main(void) {
  const test_case *suites[] = {BOOK_TESTS, API_TESTS, CASE_TESTS};
  int passed = 0, failed = 0;
  for (size_t s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
    for (const test_case *t = suites[s]; t->name; t++) {
      int before = g_checks_failed;
      g_current_test = t->name;
      t->run();
      if (g_checks_failed == before) {
        passed++;
        printf("  ok   %s\n", t->name);
      } else {
        failed++;
        printf("  FAIL %s\n", t->name);
      }
    }
  }
  book_tests_cleanup();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
