//===- TiledConv.h - a convolution as Gemmini's tiled_conv runs it -*- C++ -*-===//
//
// The instruction stream gemmini-rocc-tests' gemmini.h issues for one
// convolution layer with a given tile: tiled_conv (tiled_conv_dw when
// depthwise), each tile as sp_tiled_conv's six loop_conv_ws
// configurations and loop_conv_ws. Checked command for command against
// gemmini.h itself (test/Conversion/TileToGemmini/conv-commands.test).
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_GEMMINI_PROGRAMS_TILEDCONV_H
#define TESSEL_DIALECT_GEMMINI_PROGRAMS_TILEDCONV_H

#include "tessel/Dialect/Gemmini/Programs/InstructionSink.h"
#include "tessel/Schedule/GemminiTiling.h"

namespace mlir::tessel::gemmini {

/// Where a convolution's operands are: NHWC input, HWIO weights (a
/// depthwise layer's as OIHW, one kernel per channel), the int32 bias (0:
/// none) and the NHWC int8 output. The input, weights and output must not
/// be at address 0, which the loop reads as "not moved".
struct ConvAddresses {
  uint64_t input = 0, weights = 0, bias = 0, output = 0;
};

/// The store and execute configuration, then one loop_conv_ws per tile,
/// with the store path's `activation` and `scale`.
LogicalResult writeTiledConv(InstructionSink &sink,
                             const schedule::ConvProblem &problem,
                             const schedule::ConvTile &tile, int64_t dim,
                             const ConvAddresses &at, unsigned activation,
                             float scale);

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_PROGRAMS_TILEDCONV_H
