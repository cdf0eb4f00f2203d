//===- GemminiCostState.h - the cost model's state between tiles -*- C++ -*-===//
//
// Internal to the cost model (GemminiCostModel.cpp runs the tile nest,
// GemminiCostTile.cpp one tile). Times are cycles; kNever is "no
// constraint".
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_LIB_SCHEDULE_GEMMINICOSTSTATE_H
#define TESSEL_LIB_SCHEDULE_GEMMINICOSTSTATE_H

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

namespace mlir::tessel::schedule::cost {

constexpr int64_t kNever = std::numeric_limits<int64_t>::min() / 4;

inline int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }
inline int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/// The target's timing and the layer's element sizes.
struct Units {
  int64_t dim, latency, dma, store, sizeC;
  /// Cycles a move occupies its unit (at least one).
  int64_t moveIn(int64_t bytes) const {
    return std::max<int64_t>(1, ceilDiv(bytes, dma));
  }
  int64_t moveOut(int64_t bytes) const {
    return std::max<int64_t>(1, ceilDiv(bytes, store));
  }
};

/// One loop_ws of the program.
struct Tile {
  int64_t i, j, k;                       ///< blocks
  int64_t lastRows, lastCols, lastDepth; ///< of the last I, J, K block
  bool bias;       ///< moves the bias in (k0 == 0 with a bias)
  bool accumulate; ///< its first K slice accumulates (bias, or k0 > 0)
  bool out;        ///< moves C out (the last k0)
  bool first;      ///< the first k0 of its output tile
};

using Column = std::pair<int64_t, int64_t>; ///< starts of a column's first and last compute

/// What a tile leaves for the next: the units' free times, the instruction
/// count (the front end issues one a cycle), and the times rows become
/// free or ready again.
struct State {
  int64_t load = 5, ex = 1, store = 2, issue = 5; // after the 5 configs
  /// Starts of the last slice's first and last compute (read after write
  /// on the same C rows, which binds with one or two C blocks).
  bool hasPrev = false;
  int64_t prevFirst = 0, prevLast = 0;
  /// Per K slice of the previous tile (warI x warK blocks of A): its last
  /// column, whose computes are the last reads of those A rows. LoopMatmul
  /// alternates scratchpad halves per tile, so a tile's A waits for the
  /// reads of the tile before the previous one (`olderWar`).
  llvm::SmallVector<Column, 32> war;
  /// With one column (J = 1), which follows A's arrivals rather than
  /// running back to back, every compute's start: warK x warI, by slice.
  llvm::SmallVector<int64_t, 0> warStarts;
  int64_t warI = 0, warK = 0;
  /// The same of the tile before the previous one, the last in the half
  /// the next tile uses: the reads its A waits for.
  llvm::SmallVector<Column, 32> olderWar;
  llvm::SmallVector<int64_t, 0> olderStarts;
  int64_t olderI = 0, olderK = 0;
  /// Per accumulator block of the half the next output tile uses (the
  /// output tile before the last used it), and of the other half: when its
  /// last move out finished. LoopMatmul alternates halves per output tile.
  llvm::SmallVector<int64_t, 64> accIdle, accIdleOther;

  void shift(int64_t d) {
    load += d, ex += d, store += d, prevFirst += d, prevLast += d;
    for (Column &w : war)
      w.first += d, w.second += d;
    for (Column &w : olderWar)
      w.first += d, w.second += d;
    for (int64_t &t : warStarts)
      t += d;
    for (int64_t &t : olderStarts)
      t += d;
    for (int64_t &t : accIdle)
      t += d;
    for (int64_t &t : accIdleOther)
      t += d;
  }
};

/// Runs one tile on `s`.
void runTile(const Units &units, State &s, const Tile &tile);

} // namespace mlir::tessel::schedule::cost

#endif // TESSEL_LIB_SCHEDULE_GEMMINICOSTSTATE_H
