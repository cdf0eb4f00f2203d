#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (lit + GoogleTest)
# through ctest; then the same suite built with ASan + UBSan and a short
# fuzz run of every reader (scripts/test-sanitized.sh). Arguments go to
# the first ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure "$@" || { rc=$?; scripts/failure-digest.sh build; exit $rc; }
scripts/test-sanitized.sh
