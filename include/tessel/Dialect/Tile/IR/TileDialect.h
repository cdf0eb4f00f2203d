//===- TileDialect.h - layers mapped onto the array -------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_TILE_IR_TILEDIALECT_H
#define TESSEL_DIALECT_TILE_IR_TILEDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "tessel/Dialect/Tile/IR/TileDialect.h.inc"
#include "tessel/Dialect/Tile/IR/TileEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "tessel/Dialect/Tile/IR/TileAttrs.h.inc"

namespace mlir::tessel::tile {

/// Whether `type` is a tile buffer in `memory`: a rank-2 tensor encoded
/// #tile.memory<...>, int8 in the scratchpad, int32 in the accumulator.
bool isBuffer(Type type, Memory memory);
/// Whether `type` is a tensor in DRAM: ranked, int8 or int32, without a
/// memory encoding.
bool isDram(Type type);
/// A DRAM tensor read as a matrix: its last dimension the columns, every
/// other folded into the rows (one row for rank 1).
struct DramMatrix {
  int64_t rows, cols;
};
/// The matrix view of `type`, or none when its rows, or its size in
/// bytes, overflow 64 bits.
std::optional<DramMatrix> getDramMatrix(RankedTensorType type);
/// The buffer type of `rows` x `cols` in `memory`.
RankedTensorType getBufferType(MLIRContext *ctx, int64_t rows, int64_t cols,
                               Memory memory);

} // namespace mlir::tessel::tile

#endif // TESSEL_DIALECT_TILE_IR_TILEDIALECT_H
