#!/usr/bin/env bash
# The native C/C++ tests: plain, under AddressSanitizer + UndefinedBehaviorSanitizer (leak
# checking included), and under ThreadSanitizer where the toolchain supports it.
#   - the simulated counter and the callback relay (always);
#   - the CTP adapter against its fake vendor library, when CTP_SDK_DIR names a CTP SDK to
#     build against (CI builds LocalCTP for it); skipped with a line saying so otherwise.
# Exits non-zero on any failure. Used by .ci/run; needs gcc or clang, g++ and make (and node,
# which generates the fake vendor library's stubs from the SDK's headers).
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

# A run that cannot happen here is said with its reason; where CI is set (env CI) it fails
# the whole run, since CI must run every one of them.
skipped() {
  if [ -n "${CI:-}" ]; then
    echo "✖ C tests: $1 skipped in CI: $2" >&2
    status=1
  else
    echo "▷ C tests: $1 skipped ($2)"
  fi
}

# ThreadSanitizer needs kernel ASLR settings some containers lack; outside CI its absence is not a failure.
tsan=0
if echo 'int main(void){return 0;}' | ${CC:-cc} -fsanitize=thread -x c - -o /tmp/tsc-tsan-probe.$$ 2>/dev/null \
   && /tmp/tsc-tsan-probe.$$ 2>/dev/null; then
  tsan=1
fi
rm -f /tmp/tsc-tsan-probe.$$

run "plain" test
run "ASan + UBSan" test-san
if [ $tsan = 1 ]; then run "TSan" test-tsan; else skipped "TSan" "not supported by this toolchain or kernel (a TSan binary does not start: check vm.mmap_rnd_bits / ASLR)"; fi

if [ -n "${CTP_SDK_DIR:-}" ]; then
  ctp=(-C adapters/ctp "SDK_DIR=${CTP_SDK_DIR}" "BUILD=$(pwd)/build")
  run "CTP adapter, fake vendor library, plain" "${ctp[@]}" test
  run "CTP adapter, fake vendor library, ASan + UBSan" "${ctp[@]}" test-san
  if [ $tsan = 1 ]; then run "CTP adapter, fake vendor library, TSan" "${ctp[@]}" test-tsan; fi
else
  skipped "CTP adapter" "CTP_SDK_DIR is not set: no CTP SDK to build against"
fi
exit $status
