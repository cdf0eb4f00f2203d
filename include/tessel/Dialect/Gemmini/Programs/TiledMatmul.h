//===- TiledMatmul.h - a matrix product as tiled_matmul_outer runs it -*- C++ -*-===//
//
// The instruction stream gemmini-rocc-tests' gemmini.h issues for a matrix
// product with a given tile: tiled_matmul_outer's configuration, then per
// tile (i0, j0, k0, k0 innermost) sp_tiled_matmul_ws's loop_ws (or the
// instructions loop_ws stands for) or sp_tiled_matmul_os's explicit
// output-stationary instructions. The bias is one int32 row repeated over
// every output row (or one row per batch element). Weight-stationary
// tiles reuse an operand of at most two tiles from the scratchpad, as
// tiled_matmul_outer does (a_spad_id / b_spad_id).
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_GEMMINI_PROGRAMS_TILEDMATMUL_H
#define TESSEL_DIALECT_GEMMINI_PROGRAMS_TILEDMATMUL_H

#include "tessel/Dialect/Gemmini/Programs/InstructionSink.h"
#include "tessel/Schedule/GemminiTiling.h"

namespace mlir::tessel::gemmini {

/// C (m x n) = A (m x k) . B (k x n) (+ bias), row-major and dense, for
/// each of `batch` elements (A, C and, unless shared, B one after another).
struct MatmulShape {
  int64_t m = 0, n = 0, k = 0, batch = 1;
  bool sharedB = true;
  bool batchedBias = false; ///< one bias row per batch element
  /// One bias per element of C, M x N per batch element (Gemmini's D
  /// without repeating_bias); otherwise one row repeated.
  bool fullBias = false;
};

/// Where the operands are; a bias of 0 is none. A, B and C must not be at
/// address 0, which the loop reads as "not moved".
struct MatmulAddresses {
  uint64_t a = 0, b = 0, bias = 0, c = 0;
};

/// How each tile is written.
enum class MatmulForm {
  LoopWs,     ///< weight-stationary, one loop_ws per tile
  ExplicitWs, ///< weight-stationary, the instructions loop_ws stands for
  ExplicitOs  ///< output-stationary, as sp_tiled_matmul_os issues it
};

/// What the store path does: int32 results (`fullC`), or int8 through
/// `scale` and `activation` (0 none, 1 ReLU).
struct MatmulStore {
  bool fullC = false;
  unsigned activation = 0;
  float scale = 1.0f;
};

LogicalResult writeTiledMatmul(InstructionSink &sink, const MatmulShape &shape,
                               const schedule::MatmulTile &tile,
                               TargetAttr target, const MatmulAddresses &at,
                               MatmulForm form, const MatmulStore &store);

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_PROGRAMS_TILEDMATMUL_H
