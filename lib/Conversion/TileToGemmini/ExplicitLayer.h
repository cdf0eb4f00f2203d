//===- ExplicitLayer.h - a layer of the explicit tiled form -----*- C++ -*-===//
//
// Private to the tile-to-gemmini lowering: the ops of one layer in the
// explicit tiled form (tile.dram, tile.load, tile.compute, tile.store) and
// the instructions that perform them, with each buffer at an address of
// its own while it lives.
//
//===----------------------------------------------------------------------===//
#ifndef LIB_CONVERSION_TILETOGEMMINI_EXPLICITLAYER_H
#define LIB_CONVERSION_TILETOGEMMINI_EXPLICITLAYER_H

#include "tessel/Dialect/Gemmini/Programs/InstructionSink.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"

namespace mlir::tessel::gemmini::lowering {

/// One program's worth of explicit ops: those the last store of a
/// tile.dram's chain depends on, in block order.
struct ExplicitLayer {
  SmallVector<Operation *> ops;
  tile::StoreOp last;
  tile::DramOp dram;
  /// The DRAM tensors the loads read, in order of first load.
  SmallVector<Value> sources;
  /// Which sources load into the accumulator (biases).
  SmallVector<bool> accSources;
};

/// The layer whose result `last` is (a store no other store writes on),
/// or failure, reported at the op that is not the layer's alone. Its
/// stores' chain starts at a tile.dram, or it is refused.
FailureOr<ExplicitLayer> collectExplicitLayer(tile::StoreOp last);

/// The layer's instructions into `sink`, reading source i at
/// `sourceBases[i]` and writing the result at `resultBase`. Failure,
/// reported, when its buffers do not fit the target's memories.
LogicalResult writeExplicitLayer(InstructionSink &sink,
                                 const ExplicitLayer &layer, TargetAttr target,
                                 ArrayRef<uint64_t> sourceBases,
                                 uint64_t resultBase);

} // namespace mlir::tessel::gemmini::lowering

#endif // LIB_CONVERSION_TILETOGEMMINI_EXPLICITLAYER_H
