//===- ProgramWriter.h - writing a layer's Gemmini program ------*- C++ -*-===//
//
// Private to the tile-to-gemmini lowering: instructions built from their
// typed fields (Op::Decoded) and decoded against the layer's segments, so
// DRAM operands name them, and the program writers of each layer kind.
//
//===----------------------------------------------------------------------===//
#ifndef LIB_CONVERSION_TILETOGEMMINI_PROGRAMWRITER_H
#define LIB_CONVERSION_TILETOGEMMINI_PROGRAMWRITER_H

#include "tessel/Dialect/Gemmini/IR/GemminiEncoding.h"
#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/Schedule/GemminiTiling.h"

#include "mlir/IR/Builders.h"

namespace mlir::tessel::gemmini::lowering {

/// Writes one program's instructions.
class ProgramWriter {
public:
  ProgramWriter(OpBuilder &b, Location loc, ArrayRef<Segment> plan)
      : b(b), loc(loc), plan(plan) {}

  template <typename OpTy> LogicalResult emit(const typename OpTy::Decoded &d) {
    auto [rs1, rs2] = d.encode();
    if constexpr (OpTy::kConfigSubOp >= 0)
      rs1 |= uint64_t(OpTy::kConfigSubOp);
    std::string error;
    if (failed(decodeInstruction(b, loc, {OpTy::kFunct, rs1, rs2}, plan,
                                 error)))
      return emitError(loc) << error;
    return success();
  }

  /// A move (mvin, mvin2, mvin3 or mvout) of a rows x cols block.
  template <typename OpTy>
  LogicalResult move(uint64_t dram, uint32_t local, uint64_t rows,
                     uint64_t cols) {
    typename OpTy::Decoded d;
    d.dram = dram;
    d.local = local;
    d.localRows = rows;
    d.localCols = cols;
    return emit<OpTy>(d);
  }

private:
  OpBuilder &b;
  Location loc;
  ArrayRef<Segment> plan;
};

/// Where a convolution's operands are: NHWC input, HWIO weights (a
/// depthwise layer's as OIHW, one kernel per channel), the int32 bias (0:
/// none) and the NHWC int8 output.
struct ConvAddresses {
  uint64_t input = 0, weights = 0, bias = 0, output = 0;
};

/// A convolution as Gemmini's tiled_conv (tiled_conv_dw when depthwise)
/// runs it with `tile`: the store and execute configuration, then one
/// loop_conv_ws per tile.
LogicalResult writeConvProgram(ProgramWriter &w,
                               const schedule::ConvProblem &problem,
                               const schedule::ConvTile &tile, int64_t dim,
                               const ConvAddresses &at, unsigned activation,
                               float scale);

} // namespace mlir::tessel::gemmini::lowering

#endif // LIB_CONVERSION_TILETOGEMMINI_PROGRAMWRITER_H
