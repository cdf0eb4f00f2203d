//===- BufferKernels.h - semantics of the explicit tiled form ---*- C++ -*-===//
//
// Private to the tile interpreter library.
//
//===----------------------------------------------------------------------===//
#ifndef LIB_DIALECT_TILE_INTERPRETER_BUFFERKERNELS_H
#define LIB_DIALECT_TILE_INTERPRETER_BUFFERKERNELS_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessel::tile {
/// Kernels of tile.dram, tile.load, tile.compute and tile.store.
void registerBufferKernels(DialectRegistry &registry);
} // namespace mlir::tessel::tile

#endif // LIB_DIALECT_TILE_INTERPRETER_BUFFERKERNELS_H
