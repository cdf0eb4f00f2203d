//===- GemminiCostBound.cpp - a lower bound of the cost model -------------===//
//
// Each unit works its busy cycles one after another, so the program takes
// at least any unit's total, and the front end issues one instruction a
// cycle. The array cannot start before the first tile's bias, A and B have
// moved in and landed, and the last move out follows the last compute.
// Idle gaps between tiles are not counted: LoopMatmul's loops alternate
// halves of both memories, so a tile's moves in and bias do not wait for
// the previous tile's reads or moves out, and what waits is not bounded
// below in O(1).
//
//===----------------------------------------------------------------------===//

#include "tessel/Schedule/GemminiCostModel.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::schedule;

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

struct Bound {
  const MatmulLayer &layer;
  const MatmulTile &tile;
  const GemminiTiming &t;
  int64_t d, bi, bj, bk, i0n, j0n, k0n, lastRows, lastCols, lastDepth;
  /// How often A and B move in: once per column (row) of output tiles, or
  /// once when the program keeps them in the scratchpad.
  int64_t aMoves, bMoves;

  Bound(const MatmulLayer &layer, const MatmulTile &tile,
        const GemminiTiming &t)
      : layer(layer), tile(tile), t(t), d(t.dim) {
    bi = ceilDiv(layer.m, d), bj = ceilDiv(layer.n, d), bk = ceilDiv(layer.k, d);
    i0n = ceilDiv(bi, tile.i), j0n = ceilDiv(bj, tile.j), k0n = ceilDiv(bk, tile.k);
    lastRows = layer.m - (bi - 1) * d, lastCols = layer.n - (bj - 1) * d;
    lastDepth = layer.k - (bk - 1) * d;
    MatmulTileNest nest(layer.m, layer.n, layer.k, tile, d);
    aMoves = nest.aMoves(), bMoves = nest.bMoves();
  }
  int64_t in(int64_t bytes) const {
    return std::max<int64_t>(1, ceilDiv(bytes, t.dmaBytesPerCycle));
  }
  int64_t out(int64_t bytes) const {
    return std::max<int64_t>(1, ceilDiv(bytes, t.storeBytesPerCycle));
  }

  int64_t cycles() const {
    const int64_t sizeC = layer.fullC ? 4 : 1, batch = layer.batch;
    // A sum over the blocks of an x by y grid whose last row and column
    // are partial.
    auto grid = [&](int64_t nx, int64_t lx, int64_t ny, int64_t ly, auto cost) {
      return (nx - 1) * (ny - 1) * cost(d, d) + (nx - 1) * cost(d, ly) +
             (ny - 1) * cost(lx, d) + cost(lx, ly);
    };
    auto moveIn = [&](int64_t r, int64_t c) { return in(r * c); };
    int64_t load = batch * (aMoves * grid(bi, lastRows, bk, lastDepth, moveIn) +
                            bMoves * grid(bk, lastDepth, bj, lastCols, moveIn));
    if (layer.bias)
      load += batch * grid(bi, lastRows, bj, lastCols,
                           [&](int64_t r, int64_t c) { return in(r * c * 4); });
    int64_t store = batch * grid(bi, lastRows, bj, lastCols,
                                 [&](int64_t r, int64_t c) {
                                   return out(r * c * sizeC);
                                 });
    int64_t computes = batch * bi * bj * bk;
    int64_t instructions =
        5 + batch * (5 * i0n * j0n * k0n + (layer.bias ? bi * bj : 0) +
                     bi * bk * aMoves + bk * bj * bMoves + computes + bi * bj);

    // The first compute waits for the first tile's bias, A and B to move in
    // (after 10 configurations) and land; the last move out waits for the
    // last compute to land.
    auto rows = [&](int64_t i) { return i == bi - 1 ? lastRows : d; };
    auto cols = [&](int64_t j) { return j == bj - 1 ? lastCols : d; };
    const int64_t firstI = i0n == 1 ? bi : tile.i,
                  firstJ = j0n == 1 ? bj : tile.j,
                  firstDepth = bk == 1 ? lastDepth : d;
    int64_t fill = 10 + in(rows(0) * firstDepth) + in(firstDepth * cols(0)) +
                   t.dramLatency;
    if (layer.bias)
      for (int64_t i = 0; i < firstI; ++i)
        for (int64_t j = 0; j < firstJ; ++j)
          fill += in(rows(i) * cols(j) * 4);
    int64_t drain = 2 * d + out(lastRows * lastCols * sizeC);
    return std::max({5 + load + t.dramLatency, fill + computes * d + drain,
                     2 + store, instructions});
  }
};

} // namespace

int64_t schedule::matmulCyclesLowerBound(const MatmulLayer &layer,
                                         const MatmulTile &tile,
                                         const GemminiTiming &t) {
  return Bound(layer, tile, t).cycles();
}
