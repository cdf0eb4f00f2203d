//===- GemminiCostModel.cpp - cycles of a lowered matmul layer ------------===//
//
// The timing rules are the simulator's (Simulator.cpp: schedule, mvin,
// compute, mvout, loopWs); what is modelled of them and why is in the
// header and docs/tiling.md. This file runs the tile nest and extrapolates
// repeats; GemminiCostTile.cpp runs one tile.
//
//===----------------------------------------------------------------------===//

#include "tessel/Schedule/GemminiCostModel.h"

#include "GemminiCostState.h"

#include <algorithm>
#include <cassert>
#include <limits>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::schedule;

namespace {

using namespace mlir::tessel::schedule::cost;

/// The tile nest: batch elements, rows of output tiles (I), output tiles
/// (J), and the k0 tiles of each.
class Model {
public:
  Model(const MatmulLayer &layer, const MatmulTile &tile,
        const GemminiTiming &t)
      : layer(layer), tile(tile), d(t.dim),
        units{t.dim, t.dramLatency, t.dmaBytesPerCycle, t.storeBytesPerCycle,
              layer.fullC ? 4 : 1} {
    bi = ceilDiv(layer.m, d), bj = ceilDiv(layer.n, d), bk = ceilDiv(layer.k, d);
    i0n = ceilDiv(bi, tile.i), j0n = ceilDiv(bj, tile.j), k0n = ceilDiv(bk, tile.k);
  }

  int64_t cycles();

private:
  void runOutputTile(State &s, bool lastI, bool lastJ);
  void runRow(State &s, bool lastI);
  template <typename Step> void repeat(State &s, int64_t n, Step step) const;
  bool periodic(const State &a, const State &b, int64_t &delta) const;

  const MatmulLayer &layer;
  const MatmulTile &tile;
  int64_t d;
  Units units;
  int64_t bi, bj, bk, i0n, j0n, k0n;
};

/// Whether `b` is `a` shifted by `delta` in everything a later instruction
/// can still see: a time at or before every unit that reads it is no
/// constraint any more, whatever its value.
bool Model::periodic(const State &a, const State &b, int64_t &delta) const {
  delta = b.load - a.load;
  if (b.ex - b.load != a.ex - a.load || b.store - b.load != a.store - a.load ||
      a.hasPrev != b.hasPrev || a.warI != b.warI || a.warK != b.warK)
    return false;
  if (a.hasPrev && (b.prevFirst - a.prevFirst != delta ||
                    b.prevLast - a.prevLast != delta))
    return false;
  auto same = [&](int64_t x, int64_t floorA, int64_t y, int64_t floorB) {
    bool seenA = x > floorA, seenB = y > floorB;
    return seenA == seenB && (!seenA || y - x == delta);
  };
  // Read, plus DIM, by the load unit only.
  auto sameRecords = [&](const llvm::SmallVectorImpl<Column> &x,
                         const llvm::SmallVectorImpl<Column> &y) {
    if (x.size() != y.size())
      return false;
    for (size_t i = 0; i < x.size(); ++i) {
      auto [a0, al] = x[i];
      auto [b0, bl] = y[i];
      bool seenA = std::max(a0, al) + d > a.load,
           seenB = std::max(b0, bl) + d > b.load;
      if (seenA != seenB || (seenA && (b0 - a0 != delta || bl - al != delta)))
        return false;
    }
    return true;
  };
  auto sameStarts = [&](const llvm::SmallVectorImpl<int64_t> &x,
                        const llvm::SmallVectorImpl<int64_t> &y) {
    if (x.size() != y.size())
      return false;
    for (size_t i = 0; i < x.size(); ++i) {
      bool seenA = x[i] + d > a.load, seenB = y[i] + d > b.load;
      if (seenA != seenB || (seenA && y[i] - x[i] != delta))
        return false;
    }
    return true;
  };
  if (a.olderI != b.olderI || a.olderK != b.olderK ||
      !sameRecords(a.war, b.war) || !sameRecords(a.olderWar, b.olderWar) ||
      !sameStarts(a.warStarts, b.warStarts) ||
      !sameStarts(a.olderStarts, b.olderStarts))
    return false;
  // Read by the bias moves (load) and the first computes (execute).
  int64_t floorA = std::min(a.load, a.ex), floorB = std::min(b.load, b.ex);
  for (size_t i = 0; i < a.accIdle.size(); ++i)
    if (!same(a.accIdle[i], floorA, b.accIdle[i], floorB) ||
        !same(a.accIdleOther[i], floorA, b.accIdleOther[i], floorB))
      return false;
  return true;
}

/// Runs `step` n times; once a step leaves the state shifted by as many
/// cycles as it has instructions or more (so the front end stays behind),
/// every further step would too, and they are added at once.
template <typename Step>
void Model::repeat(State &s, int64_t n, Step step) const {
  for (int64_t done = 0; done < n;) {
    State before = s;
    step(s);
    ++done;
    int64_t delta;
    int64_t issued = s.issue - before.issue;
    if (done < n && periodic(before, s, delta) && delta >= issued) {
      s.shift(delta * (n - done));
      s.issue += issued * (n - done);
      return;
    }
  }
}

void Model::runOutputTile(State &s, bool lastI, bool lastJ) {
  Tile g;
  g.i = lastI ? bi - (i0n - 1) * tile.i : tile.i;
  g.j = lastJ ? bj - (j0n - 1) * tile.j : tile.j;
  g.lastRows = lastI ? layer.m - (bi - 1) * d : d;
  g.lastCols = lastJ ? layer.n - (bj - 1) * d : d;
  auto kTile = [&](bool lastK, bool first) {
    Tile t = g;
    t.k = lastK ? bk - (k0n - 1) * tile.k : tile.k;
    t.lastDepth = lastK ? layer.k - (bk - 1) * d : d;
    t.bias = layer.bias && first;
    t.accumulate = !first || layer.bias;
    t.out = lastK;
    t.first = first;
    return t;
  };
  if (k0n == 1)
    return runTile(units, s, kTile(true, true));
  runTile(units, s, kTile(false, true));
  Tile middle = kTile(false, false);
  repeat(s, k0n - 2, [&](State &st) { runTile(units, st, middle); });
  runTile(units, s, kTile(true, false));
}

void Model::runRow(State &s, bool lastI) {
  repeat(s, j0n - 1, [&](State &st) { runOutputTile(st, lastI, false); });
  runOutputTile(s, lastI, true);
}

int64_t Model::cycles() {
  State s;
  s.accIdle.assign(tile.i * tile.j, 0);
  s.accIdleOther.assign(tile.i * tile.j, 0);
  repeat(s, layer.batch, [&](State &st) {
    repeat(st, i0n - 1, [&](State &r) { runRow(r, false); });
    runRow(st, true);
  });
  // The last move in lands, the last compute drains, the last move out ends.
  return std::max({s.load + units.latency, s.ex + 2 * d, s.store, s.issue});
}

} // namespace

GemminiTiming GemminiTiming::of(gemmini::TargetAttr target) {
  GemminiTiming t;
  static_cast<GemminiMemory &>(t) = GemminiMemory::of(target);
  t.dramLatency = target.getDramLatency();
  t.dmaBytesPerCycle = target.getDmaBytesPerCycle();
  t.storeBytesPerCycle = target.getStoreBytesPerCycle();
  return t;
}

bool schedule::fitsLoopWs(const MatmulTile &tile, const GemminiTiming &t) {
  return tile.i >= 1 && tile.j >= 1 && tile.k >= 1 &&
         matmulTileSpadRows(t.dim, tile) <= t.spadRows / 2 &&
         matmulTileAccRows(t.dim, tile) <= t.accRows / 2;
}

bool schedule::reusesOperand(const MatmulLayer &layer, const MatmulTile &tile,
                             int64_t dim) {
  MatmulTileNest n(layer.m, layer.n, layer.k, tile, dim);
  return n.keepsA() || n.keepsB();
}

MatmulCost schedule::estimateMatmulCost(const MatmulLayer &layer,
                                        const MatmulTile &tile,
                                        const GemminiTiming &timing) {
  const int64_t d = timing.dim;
  const int64_t bi = ceilDiv(layer.m, d), bj = ceilDiv(layer.n, d),
                bk = ceilDiv(layer.k, d);
  assert(fitsLoopWs(tile, timing) && tile.i <= bi && tile.j <= bj &&
         tile.k <= bk && "tile outside the layer or loop_ws's budgets");
  const MatmulTileNest n(layer.m, layer.n, layer.k, tile, d);
  const int64_t i0n = n.i0, j0n = n.j0, k0n = n.k0;
  MatmulCost cost;
  cost.cycles = Model(layer, tile, timing).cycles();
  // A is moved in once per column of output tiles, B once per row of
  // them (once when reused), the bias (int32, one row repeated) once per
  // output block.
  cost.dramBytesRead =
      layer.batch * (layer.m * layer.k * n.aMoves() +
                     layer.k * layer.n * n.bMoves() +
                     (layer.bias ? layer.m * layer.n * 4 : 0));
  cost.dramBytesWritten = layer.batch * layer.m * layer.n * (layer.fullC ? 4 : 1);
  // B ends at the scratchpad's middle, or at its end in the upper half (a
  // reused B's second tile, which is the last along J or K); its last
  // block has the last K block's rows when its tile ends K.
  const int64_t half = timing.spadRows / 2, padK = bk * d - layer.k;
  const bool upperB = n.keepsB() && j0n * k0n == 2;
  cost.spadRows = upperB ? 2 * half - padK : half - (k0n == 1 ? padK : 0);
  // A reused by two tiles: the second (the last along I or K) from the
  // middle, its last block with the last I block's rows.
  if (n.keepsA() && i0n * k0n == 2) {
    int64_t lastI = i0n == 2 ? bi - tile.i : bi,
            lastK = k0n == 2 ? bk - tile.k : bk;
    cost.spadRows = std::max(cost.spadRows, half + (lastI * lastK - 1) * d +
                                                layer.m - (bi - 1) * d);
  }
  // C blocks from accumulator row 0, the last one of the first tile with
  // the last I block's rows when the tile holds all of I.
  int64_t firstJ = std::min(tile.j, bj), firstI = std::min(tile.i, bi);
  cost.accRows = (firstI * firstJ - 1) * d +
                 (i0n == 1 ? layer.m - (bi - 1) * d : d);
  cost.tiles = layer.batch * i0n * j0n * k0n;
  return cost;
}
