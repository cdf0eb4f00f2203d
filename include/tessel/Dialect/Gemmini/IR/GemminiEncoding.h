//===- GemminiEncoding.h - gemmini ops to instruction words -----*- C++ -*-===//
//
// Each gemmini instruction op is one RoCC command: funct7 and the rs1, rs2
// words (the fence, a plain RISC-V fence, is funct word kFenceFunct).
// Encoding resolves DRAM segments to their base addresses; decoding maps
// addresses back into the segments of the plan it is given.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_GEMMINI_IR_GEMMINIENCODING_H
#define TESSEL_DIALECT_GEMMINI_IR_GEMMINIENCODING_H

#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::tessel::gemmini {

constexpr uint64_t kFenceFunct = ~uint64_t(0);

struct EncodedInstr {
  uint64_t funct = 0, rs1 = 0, rs2 = 0;
  bool operator==(const EncodedInstr &o) const {
    return funct == o.funct && rs1 == o.rs1 && rs2 == o.rs2;
  }
};

/// The words of one instruction op (or fence).
EncodedInstr encodeInstruction(Operation *op);
/// The words of every instruction of `program`, in order.
std::vector<EncodedInstr> encodeProgram(ProgramOp program);

/// A DRAM segment of a plan, for decoding addresses.
struct Segment {
  std::string name, type;
  SegmentKind kind = SegmentKind::scratch;
  uint64_t base = 0, size = 0;
};

/// Builds the op for `instr` at the builder's insertion point. DRAM
/// addresses inside a segment of `plan` become that segment plus an offset.
/// Fails (with `error`) for a funct7 that is not a Gemmini instruction.
FailureOr<Operation *> decodeInstruction(OpBuilder &builder, Location loc,
                                         const EncodedInstr &instr,
                                         llvm::ArrayRef<Segment> plan,
                                         std::string &error);

/// The instruction's fields as `name=value` text, for assembly listings,
/// printed with the state of its program (AsmState over the
/// gemmini.program), built once for all of its instructions: a state per
/// instruction is one walk of the module each.
std::string describeInstruction(Operation *op, AsmState &state);

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_IR_GEMMINIENCODING_H
