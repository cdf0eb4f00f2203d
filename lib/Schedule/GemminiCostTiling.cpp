//===- GemminiCostTiling.cpp - tiles that minimise the cost model ---------===//

#include "tessel/Schedule/GemminiCostTiling.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <tuple>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::schedule;

namespace {
int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// loop_ws's bounds are 16-bit fields.
constexpr int64_t kMaxBlocks = 65535;

/// How many tiles that reuse an operand a search times at most (a timing
/// run simulates the whole layer).
constexpr int64_t kMaxTimed = 4;

struct Candidate {
  MatmulTile tile;
  int64_t bound, bytes;
};
} // namespace

FailureOr<CostTiling>
schedule::costMatmulTiling(const MatmulLayer &layer, const GemminiTiming &timing,
                           std::optional<MatmulTile> preferred,
                           std::string &error, ReuseTimer timeReuse) {
  const int64_t d = timing.dim;
  const int64_t bi = ceilDiv(layer.m, d), bj = ceilDiv(layer.n, d),
                bk = ceilDiv(layer.k, d);
  // DRAM bytes, as the model counts them (MatmulTileNest), without its run.
  auto bytesOf = [&](const MatmulTile &t) {
    MatmulTileNest nest(layer.m, layer.n, layer.k, t, d);
    return layer.batch * (layer.m * layer.k * nest.aMoves() +
                          layer.k * layer.n * nest.bMoves() +
                          (layer.bias ? layer.m * layer.n * 4 : 0) +
                          layer.m * layer.n * (layer.fullC ? 4 : 1));
  };
  llvm::SmallVector<Candidate> candidates;
  for (int64_t i = 1; i <= std::min(bi, kMaxBlocks); ++i)
    for (int64_t j = 1; j <= std::min(bj, kMaxBlocks); ++j) {
      if (!fitsLoopWs({i, j, 1}, timing))
        break;
      for (int64_t k = 1; k <= std::min(bk, kMaxBlocks); ++k) {
        MatmulTile t{i, j, k};
        if (!fitsLoopWs(t, timing))
          break;
        candidates.push_back(
            {t, matmulCyclesLowerBound(layer, t, timing), bytesOf(t)});
      }
    }
  if (candidates.empty()) {
    error = "no tile of " + std::to_string(layer.m) + "x" +
            std::to_string(layer.n) + "x" + std::to_string(layer.k) +
            " fits loop_ws (half the scratchpad: " +
            std::to_string(timing.spadRows / 2) +
            " rows, half the accumulator: " + std::to_string(timing.accRows / 2) +
            " rows, at DIM " + std::to_string(d) + ")";
    return failure();
  }
  llvm::sort(candidates, [](const Candidate &a, const Candidate &b) {
    return std::tie(a.bound, a.bytes) < std::tie(b.bound, b.bytes);
  });
  // The order of the policy: cycles, bytes, the preferred tile, fewer
  // tiles, larger tiles.
  auto key = [&](const MatmulTile &t, const MatmulCost &c) {
    return std::make_tuple(c.cycles, c.dramBytes(),
                           !(preferred && *preferred == t), c.tiles, -t.i,
                           -t.j, -t.k);
  };
  CostTiling best;
  bool found = false;
  for (const Candidate &c : candidates) {
    if (found) {
      // Its cycles are at least its bound and its bytes are exact.
      if (c.bound > best.cost.cycles ||
          (c.bound == best.cost.cycles && c.bytes > best.cost.dramBytes()))
        continue;
    }
    // A tile past the timing budget is left out before any work on it; the
    // preferred tile is timed in any case: the policy is never slower than
    // it.
    bool timeIt = timeReuse && reusesOperand(layer, c.tile, d);
    if (timeIt && best.timed >= kMaxTimed &&
        !(preferred && *preferred == c.tile))
      continue;
    MatmulCost cost = estimateMatmulCost(layer, c.tile, timing);
    if (timeIt) {
      FailureOr<int64_t> timed = timeReuse(c.tile);
      if (failed(timed))
        continue;
      cost.cycles = *timed;
      ++best.timed;
    }
    ++best.estimated;
    if (!found || key(c.tile, cost) < key(best.tile, best.cost)) {
      best.tile = c.tile;
      best.cost = cost;
      found = true;
    }
  }
  if (!found) {
    error = "no tile of " + std::to_string(layer.m) + "x" +
            std::to_string(layer.n) + "x" + std::to_string(layer.k) +
            " could be timed";
    return failure();
  }
  best.candidates = int64_t(candidates.size());
  return best;
}
