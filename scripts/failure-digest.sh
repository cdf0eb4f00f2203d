#!/usr/bin/env bash
# After a failed ctest: the diagnostics of the failing tests again, at the
# end of the log, where a long run's output is still read when its middle
# is cut. From ctest's own log (Testing/Temporary/LastTest.log): each
# FAIL line of lit, every line naming an error, a difference or a failed
# step, with the lines after it.
#   scripts/failure-digest.sh BUILD_DIR
set -uo pipefail
log="$1/Testing/Temporary/LastTest.log"
[ -f "$log" ] || { echo "failure-digest: no $log" >&2; exit 0; }
echo "==== failing tests' diagnostics ($log) ===="
grep -a -n -A8 -E "^FAIL: |error:|^(DIFFERS|FAILED) |Traceback|Assertion|\\*\\*\\*Failed" "$log" \
  | cut -c1-400 | tail -n 200
