#!/usr/bin/env bash
# Copies the dialect reference generated from TableGen into docs/dialects/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh TesselNNOpsIncGen
mkdir -p docs/dialects
cp build/include/tessel/Dialect/NN/IR/NNDialect.md docs/dialects/nn.md
