//===- GemminiCostTiling.h - tiles that minimise the cost model -*- C++ -*-===//
//
// The tiler's `cost` policy: over every tile (I, J, K blocks) loop_ws
// accepts and the layer holds, the one with the fewest estimated cycles
// (GemminiCostModel.h); ties go to fewer DRAM bytes, then to a preferred
// tile (the gemmini policy's), then to fewer tiles, then to larger I, J, K.
// Branch and bound: candidates in order of a lower bound of their cycles,
// estimated only while the bound can still win. Tiles whose program keeps
// an operand in the scratchpad (reusesOperand), whose cycles the model
// does not follow, are timed by the caller when it can: the first 4 in the
// search's order (the lowest bounds, where the saved moves count most) and
// the preferred tile; the others are left out, so that every choice's
// cycles are exact.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_SCHEDULE_GEMMINICOSTTILING_H
#define TESSEL_SCHEDULE_GEMMINICOSTTILING_H

#include "tessel/Schedule/GemminiCostModel.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>

namespace mlir::tessel::schedule {

struct CostTiling {
  MatmulTile tile;
  MatmulCost cost;
  int64_t candidates = 0; ///< feasible tiles
  int64_t estimated = 0;  ///< of them, estimated rather than pruned
  int64_t timed = 0;      ///< of those, timed by the caller
};

/// The cycles of the program of a tile that reuses an operand (from a run
/// of the simulator's timing model), or failure to leave the tile out.
using ReuseTimer = llvm::function_ref<FailureOr<int64_t>(const MatmulTile &)>;

/// The cost policy's tile for `layer`, or failure with `error` when no
/// tile fits loop_ws.
FailureOr<CostTiling> costMatmulTiling(const MatmulLayer &layer,
                                       const GemminiTiming &timing,
                                       std::optional<MatmulTile> preferred,
                                       std::string &error,
                                       ReuseTimer timeReuse = {});

} // namespace mlir::tessel::schedule

#endif // TESSEL_SCHEDULE_GEMMINICOSTTILING_H
