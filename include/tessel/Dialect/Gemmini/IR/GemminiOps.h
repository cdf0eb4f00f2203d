//===- GemminiOps.h - gemmini instructions ----------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_GEMMINI_IR_GEMMINIOPS_H
#define TESSEL_DIALECT_GEMMINI_IR_GEMMINIOPS_H

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

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

  /// The attribute holding a DRAM field's offset (its segment is `name`).
  std::string offsetName() const { return std::string(name) + "_offset"; }
};

/// How C emission writes an instruction (InstructionOpInterface::getCMacro).
struct CMacro {
  llvm::StringRef name; ///< empty: ROCC_INSTRUCTION_RS1_RS2 with the words
  llvm::ArrayRef<llvm::StringRef> args; ///< field names, in argument order
};

//===----------------------------------------------------------------------===//
// Bits of instruction words: the generated decoders and encoders of each op
// (Op::decode, Op::Decoded::encode) and the generic ones use these.
//===----------------------------------------------------------------------===//

constexpr uint64_t fieldMask(unsigned width) {
  return width >= 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1;
}
constexpr uint64_t extractField(uint64_t word, unsigned lsb, unsigned width) {
  return word >> lsb & fieldMask(width);
}
/// `value` truncated to `width` bits, placed at `lsb`.
constexpr uint64_t insertField(uint64_t value, unsigned lsb, unsigned width) {
  return (value & fieldMask(width)) << lsb;
}
constexpr int64_t signExtendField(uint64_t bits, unsigned width) {
  uint64_t sign = uint64_t(1) << (width - 1);
  return int64_t((bits ^ sign) - sign);
}
inline float fieldToF32(uint64_t bits) {
  uint32_t b = uint32_t(bits);
  float f;
  std::memcpy(&f, &b, sizeof(f));
  return f;
}
inline uint64_t f32ToField(float f) {
  uint32_t b;
  std::memcpy(&b, &f, sizeof(b));
  return b;
}
/// CONFIG's sub-op, rs1[1:0] of funct7 0.
constexpr unsigned getConfigSubOp(uint64_t rs1) {
  return unsigned(extractField(rs1, 0, 2));
}

//===----------------------------------------------------------------------===//
// Local addresses
//===----------------------------------------------------------------------===//

/// The garbage local address: a zero B or D operand, no write as C.
constexpr uint32_t kGarbageAddr = 0xFFFFFFFFu;
/// Flags of a local address above its row.
constexpr uint32_t kLocalAccumulator = 1u << 31; ///< else the scratchpad
constexpr uint32_t kLocalAccumulate = 1u << 30;  ///< writes add
constexpr uint32_t kLocalReadFull = 1u << 29;    ///< reads raw int32 values
constexpr unsigned kLocalNormLsb = 26;           ///< bits 28:26, a norm command
constexpr unsigned kLocalRowBits = 26;

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
