//===- GemminiCostModel.h - cycles of a lowered matmul layer ----*- C++ -*-===//
//
// An analytic estimate of what the simulator's timing model
// (lib/Dialect/Gemmini/Simulator, docs/gemmini.md) reports for the program
// --tessel-lower-to-gemmini writes for one tile.matmul: the configuration,
// then per tile (i0, j0, k0, k0 innermost) one loop_ws. The problem (a
// layer, a tile, the target's timing) is kept apart from the search over
// tiles (GemminiCostTiling.h), as CIRCT's scheduling problems are kept apart
// from their algorithms. docs/tiling.md derives the model; in short:
//
// - Three in-order units (load, execute, store) fed one instruction a
//   cycle; a move occupies its unit ceil(bytes / bandwidth) cycles, a move
//   in lands dram_latency later, a compute occupies the array DIM cycles and
//   lands 2 DIM later.
// - A K slice of a tile (A(0,k), B(k,0), A(1..I-1,k), B(k,1..J-1) moved
//   in; computes column by column, each column waiting for its B) is solved
//   in closed form: the moves are a chain, each column of computes a chain
//   gated by its B, and max-plus chains over evenly spaced arrivals peak at
//   their ends.
// - Between tiles, Gemmini's loop unit alternates halves of both memories
//   (LoopMatmul.scala's two loop slots): a tile's A waits for the last
//   reads of those rows by the tile before the previous one (kept per K
//   slice), its bias and first computes for the moves out of the output
//   tile before the previous one (kept per accumulator block and half), and
//   with one or two C blocks each compute waits for the previous one on
//   the same rows. Slices next to those dependencies (an output tile's
//   first and last) are followed compute by compute.
// - Identical tiles, output tiles, rows and batch elements are run until
//   the state repeats up to a shift and then extrapolated.
//
// A tile nest with at most two tiles along I and K (or J and K) keeps that
// operand in the scratchpad between its loops, as tiled_matmul_outer does
// (reusesOperand). The estimate's bytes and rows count that reuse; its
// cycles are those of the same program moving every operand in alternate
// halves, which a reused operand's fixed half can make faster or slower:
// the tiler times such tiles instead.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_SCHEDULE_GEMMINICOSTMODEL_H
#define TESSEL_SCHEDULE_GEMMINICOSTMODEL_H

#include "tessel/Schedule/GemminiTiling.h"

namespace mlir::tessel::schedule {

/// What the timing model reads of a target: the memories (dim, spadRows,
/// accRows) and the timing parameters.
struct GemminiTiming : GemminiMemory {
  int64_t dramLatency = 100;
  int64_t dmaBytesPerCycle = 16, storeBytesPerCycle = 16;

  static GemminiTiming of(gemmini::TargetAttr target);
};

/// A tile.matmul as the lowering runs it: C (m x n) = A (m x k) . B (k x n)
/// (+ bias), the tile nest repeated `batch` times when B is not shared.
struct MatmulLayer {
  int64_t m = 0, n = 0, k = 0;
  int64_t batch = 1;
  bool bias = false;
  bool fullC = false; ///< int32 results (no store-path scale)
};

struct MatmulCost {
  int64_t cycles = 0;
  int64_t dramBytesRead = 0, dramBytesWritten = 0;
  int64_t spadRows = 0, accRows = 0; ///< one past the highest row written
  int64_t tiles = 0;                 ///< loop_ws instructions
  int64_t dramBytes() const { return dramBytesRead + dramBytesWritten; }
};

/// Whether loop_ws accepts `tile` (I, J, K blocks): (I*K + K*J)*DIM within
/// half the scratchpad, I*J*DIM within half the accumulator.
bool fitsLoopWs(const MatmulTile &tile, const GemminiTiming &timing);

/// Whether the program of `layer` with `tile` keeps A (at most two tiles
/// along I and K) or B (along J and K) in the scratchpad between loops.
bool reusesOperand(const MatmulLayer &layer, const MatmulTile &tile,
                   int64_t dim);

/// The estimate for the program of `layer` with `tile`, which must be at
/// least one block and at most the layer's blocks along each dimension and
/// fit loop_ws.
MatmulCost estimateMatmulCost(const MatmulLayer &layer, const MatmulTile &tile,
                              const GemminiTiming &timing);

/// A lower bound in O(1) of the program's cycles (of estimateMatmulCost's,
/// and of the simulator's where the program reuses an operand): each
/// unit's work, and the execute unit's idle gaps the reuse of rows forces
/// between tiles. For pruning the search.
int64_t matmulCyclesLowerBound(const MatmulLayer &layer, const MatmulTile &tile,
                               const GemminiTiming &timing);

} // namespace mlir::tessel::schedule

#endif // TESSEL_SCHEDULE_GEMMINICOSTMODEL_H
