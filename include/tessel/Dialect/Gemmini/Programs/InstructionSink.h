//===- InstructionSink.h - where a program writer's words go ----*- C++ -*-===//
//
// The program writers (TiledConv.h) produce instruction words from each
// instruction's typed fields (Op::Decoded). A sink takes them: the lowering
// builds ops from them, a timing run executes them in the simulator
// (ProgramTiming.h), so what is timed is what is lowered.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_GEMMINI_PROGRAMS_INSTRUCTIONSINK_H
#define TESSEL_DIALECT_GEMMINI_PROGRAMS_INSTRUCTIONSINK_H

#include "tessel/Dialect/Gemmini/IR/GemminiEncoding.h"
#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"

namespace mlir::tessel::gemmini {

class InstructionSink {
public:
  virtual ~InstructionSink() = default;

  /// Takes one instruction; failure when the sink refuses it (having
  /// reported why).
  virtual LogicalResult put(const EncodedInstr &instr) = 0;

  template <typename OpTy> LogicalResult emit(const typename OpTy::Decoded &d) {
    auto [rs1, rs2] = d.encode();
    if constexpr (OpTy::kConfigSubOp >= 0)
      rs1 |= uint64_t(OpTy::kConfigSubOp);
    return put({OpTy::kFunct, rs1, rs2});
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

  /// Load state `id`: DRAM rows `stride` bytes apart, `blockStride`
  /// local rows between DIM-column blocks, unscaled.
  LogicalResult configLd(unsigned id, uint64_t stride, uint64_t blockStride) {
    ConfigLdOp::Decoded d;
    d.id = id;
    d.stride = stride;
    d.blockStride = blockStride;
    d.pixelRepeats = 1;
    d.scale = 1.0f;
    return emit<ConfigLdOp>(d);
  }

  /// A preload: the `bd` operand (weights, or D) and where C goes.
  LogicalResult preload(uint32_t bd, uint64_t bdRows, uint64_t bdCols,
                        uint32_t c, uint64_t cRows, uint64_t cCols) {
    PreloadOp::Decoded d;
    d.bd = bd;
    d.bdRows = bdRows;
    d.bdCols = bdCols;
    d.c = c;
    d.cRows = cRows;
    d.cCols = cCols;
    return emit<PreloadOp>(d);
  }

  /// compute_preloaded (`preloaded`: on what the last preload latched) or
  /// compute_accumulated, of A with the `bd` operand.
  LogicalResult compute(bool preloaded, uint32_t a, uint64_t aRows,
                        uint64_t aCols, uint32_t bd, uint64_t bdRows,
                        uint64_t bdCols) {
    auto fill = [&](auto d) {
      d.a = a;
      d.aRows = aRows;
      d.aCols = aCols;
      d.bd = bd;
      d.bdRows = bdRows;
      d.bdCols = bdCols;
      return d;
    };
    return preloaded
               ? emit<ComputePreloadedOp>(fill(ComputePreloadedOp::Decoded()))
               : emit<ComputeAccumulatedOp>(
                     fill(ComputeAccumulatedOp::Decoded()));
  }
};

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_PROGRAMS_INSTRUCTIONSINK_H
