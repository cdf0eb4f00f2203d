//===- MatmulProgram.h - a tile.matmul's program, as lowered ----*- C++ -*-===//
//
// What --tessel-lower-to-gemmini hands Gemmini's matrix-product writer
// (gemmini/Programs/TiledMatmul.h) for a tile.matmul: its shape, its store
// path and the form of its tiles. Shared by the lowering and by the tiler,
// which times the program of an output-stationary layer (the cost model
// covers weight-stationary ones).
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_TILE_TRANSFORMS_MATMULPROGRAM_H
#define TESSEL_DIALECT_TILE_TRANSFORMS_MATMULPROGRAM_H

#include "tessel/Dialect/Gemmini/Programs/TiledMatmul.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"

#include <string>

namespace mlir::tessel::tile {

/// The product per batch element; B shared when it has no batch
/// dimensions, a bias row per element when the bias has them.
gemmini::MatmulShape matmulShapeOf(MatmulOp op);

/// int8 through the one store-path scale and the activation, or the int32
/// accumulators (no scale, or one per column, applied on the host).
gemmini::MatmulStore matmulStoreOf(MatmulOp op);

/// Output-stationary tiles are explicit instructions; weight-stationary
/// ones loop_ws, or with `explicitInstructions` what loop_ws stands for.
gemmini::MatmulForm matmulFormOf(MatmulOp op, bool explicitInstructions);

/// The cycles the simulator's timing model reports for the layer's
/// program with `tile` in `form` on `target`, from a timing run; failure
/// with `reason` when the simulator refuses it.
FailureOr<int64_t> timeMatmul(MatmulOp op, const schedule::MatmulTile &tile,
                              gemmini::TargetAttr target,
                              gemmini::MatmulForm form, std::string &reason);

} // namespace mlir::tessel::tile

#endif // TESSEL_DIALECT_TILE_TRANSFORMS_MATMULPROGRAM_H
