#!/usr/bin/env bash
# Copies the dialect and pass references generated from TableGen into
# docs/dialects/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh TesselNNOpsIncGen TesselNNPassesIncGen TesselGemminiOpsIncGen TesselGemminiPassesIncGen \
  TesselQTOpsIncGen TesselQTPassesIncGen TesselTileOpsIncGen TesselTilePassesIncGen TesselConversionPassesIncGen
mkdir -p docs/dialects
cp build/include/tessel/Dialect/NN/IR/NNDialect.md docs/dialects/nn.md
cp build/include/tessel/Dialect/NN/Transforms/NNPasses.md docs/dialects/nn-passes.md
cp build/include/tessel/Dialect/Gemmini/IR/GemminiDialect.md docs/dialects/gemmini.md
cp build/include/tessel/Dialect/Gemmini/Transforms/GemminiPasses.md docs/dialects/gemmini-passes.md
cp build/include/tessel/Dialect/QT/IR/QTDialect.md docs/dialects/qt.md
cp build/include/tessel/Dialect/QT/Transforms/QTPasses.md docs/dialects/qt-passes.md
cp build/include/tessel/Dialect/Tile/IR/TileDialect.md docs/dialects/tile.md
cp build/include/tessel/Dialect/Tile/Transforms/TilePasses.md docs/dialects/tile-passes.md
cp build/include/tessel/Conversion/ConversionPasses.md docs/dialects/conversion-passes.md
