//===- ProgramWriter.h - writing a layer's Gemmini program ------*- C++ -*-===//
//
// Private to the tile-to-gemmini lowering: the sink that builds a
// program's instructions as ops.
//
//===----------------------------------------------------------------------===//
#ifndef LIB_CONVERSION_TILETOGEMMINI_PROGRAMWRITER_H
#define LIB_CONVERSION_TILETOGEMMINI_PROGRAMWRITER_H

#include "tessel/Dialect/Gemmini/Programs/InstructionSink.h"

#include "mlir/IR/Builders.h"

namespace mlir::tessel::gemmini::lowering {

/// Builds each instruction as an op, its DRAM operands decoded against
/// the layer's segments so they name them.
class ProgramWriter : public InstructionSink {
public:
  ProgramWriter(OpBuilder &b, Location loc, ArrayRef<Segment> plan)
      : b(b), loc(loc), plan(plan) {}

  LogicalResult put(const EncodedInstr &instr) override {
    std::string error;
    if (failed(decodeInstruction(b, loc, instr, plan, error)))
      return emitError(loc) << error;
    return success();
  }

private:
  OpBuilder &b;
  Location loc;
  ArrayRef<Segment> plan;
};

} // namespace mlir::tessel::gemmini::lowering

#endif // LIB_CONVERSION_TILETOGEMMINI_PROGRAMWRITER_H
