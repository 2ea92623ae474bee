#!/usr/bin/env bash
# The simulated counter's C tests: plain, under AddressSanitizer + UndefinedBehaviorSanitizer
# (leak checking included), and under ThreadSanitizer where the toolchain supports it.
# Exits non-zero on any failure. Used by .ci/run; needs gcc or clang and make.
set -euo pipefail
cd "$(dirname "$0")/../native"

status=0
run() {
  local title=$1
  shift
  echo "▶ C tests: ${title}"
  if ! make --no-print-directory "$@"; then
    echo "✖ C tests failed: ${title}" >&2
    status=1
  fi
}

run "plain" test
run "ASan + UBSan" test-san
# ThreadSanitizer needs kernel ASLR settings some containers lack; its absence is not a failure.
if echo 'int main(void){return 0;}' | ${CC:-cc} -fsanitize=thread -x c - -o /tmp/tsc-tsan-probe.$$ 2>/dev/null \
   && /tmp/tsc-tsan-probe.$$ 2>/dev/null; then
  run "TSan" test-tsan
else
  echo "▷ C tests: TSan skipped (not supported by this toolchain or kernel)"
fi
rm -f /tmp/tsc-tsan-probe.$$
exit $status
