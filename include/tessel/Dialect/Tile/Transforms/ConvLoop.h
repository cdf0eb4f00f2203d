//===- ConvLoop.h - convolutions Gemmini's conv loop runs whole -*- C++ -*-===//
//
// Which tile.conv layers run as Gemmini's tiled_conv does (one loop_conv_ws
// per tile, NHWC input, HWIO weights), and the problem gemmini.h sees for
// them. Shared by the passes that keep, tile and lower those layers.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_TILE_TRANSFORMS_CONVLOOP_H
#define TESSEL_DIALECT_TILE_TRANSFORMS_CONVLOOP_H

#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Schedule/GemminiTiling.h"

#include <string>

namespace mlir::tessel::tile {

/// The convolution as loop_conv_ws runs it, or failure with `reason`:
/// loop_conv_ws writes int8 through the store path's one scale, takes
/// groups 1 or depthwise (one weight per channel), one stride, padding
/// and dilation for both axes with a square kernel, and sizes that fit
/// its fields.
FailureOr<schedule::ConvProblem> getConvLoopProblem(ConvOp op,
                                                    std::string &reason);

/// The cycles the simulator's timing model reports for the program
/// --tessel-lower-to-gemmini writes for `op` (its `problem`) with `tile`
/// on `target`, from a timing run of that program; failure with `reason`
/// when the simulator refuses it.
FailureOr<int64_t> timeConvLoop(ConvOp op, const schedule::ConvProblem &problem,
                                const schedule::ConvTile &tile,
                                gemmini::TargetAttr target,
                                std::string &reason);

/// tiled_conv's tile arguments as tile.conv's `tiles`, and back.
SmallVector<int64_t, 7> convTilesOf(const schedule::ConvTile &t);
schedule::ConvTile convTileOf(ArrayRef<int64_t> tiles);

} // namespace mlir::tessel::tile

#endif // TESSEL_DIALECT_TILE_TRANSFORMS_CONVLOOP_H
