//===- GemminiOps.h - gemmini instructions ----------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_GEMMINI_IR_GEMMINIOPS_H
#define TESSEL_DIALECT_GEMMINI_IR_GEMMINIOPS_H

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::tessel::gemmini {

/// How an instruction field's bits are read.
enum class FieldKind {
  Int,      ///< unsigned integer of `width` bits
  SInt,     ///< two's complement integer of `width` bits
  Bool,     ///< one bit
  F32,      ///< float32 bits (scales)
  Dataflow, ///< one bit: 0 os, 1 ws
  Local,    ///< 32-bit local address (scratchpad/accumulator row and flags)
  Dram,     ///< 64-bit DRAM address: a segment symbol and `<name>_offset`
};

/// One attribute of an instruction op and where its bits go.
struct Field {
  const char *name;
  FieldKind kind;
  unsigned rs;    ///< 1 or 2
  unsigned lsb;   ///< first bit in the rs word
  unsigned width; ///< bits
};

/// The garbage local address: a zero B or D operand, no write as C.
constexpr uint32_t kGarbageAddr = 0xFFFFFFFFu;

/// A decoded local address.
struct LocalAddr {
  bool garbage = false, accumulator = false, accumulate = false,
       readFull = false;
  unsigned norm = 0;
  uint32_t row = 0;

  static LocalAddr decode(uint32_t bits);
  uint32_t encode() const;
};

ParseResult parseInstruction(OpAsmParser &parser, OperationState &result,
                             llvm::ArrayRef<Field> fields);
void printInstruction(OpAsmPrinter &p, Operation *op,
                      llvm::ArrayRef<Field> fields);
LogicalResult verifyInstruction(Operation *op);

/// The target of the module holding `op`; Gemmini's defaults when the
/// module has none.
TargetAttr getTarget(Operation *op);

} // namespace mlir::tessel::gemmini

#include "tessel/Dialect/Gemmini/IR/GemminiOpsInterfaces.h.inc"

#define GET_OP_CLASSES
#include "tessel/Dialect/Gemmini/IR/GemminiOps.h.inc"

#endif // TESSEL_DIALECT_GEMMINI_IR_GEMMINIOPS_H
