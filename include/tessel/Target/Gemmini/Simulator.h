//===- Simulator.h - functional simulator of Gemmini programs ---*- C++ -*-===//
//
// Executes instruction words with the semantics of Gemmini's functional
// model (scratchpad, accumulator, PE array, the load/store/execute
// configuration states, loop_ws expansion), on a DRAM made of the program's
// segments. An invalid program (an address out of range, a row read before
// anything wrote it, a configuration never set, DRAM outside every segment)
// stops the run with an error naming the problem.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TARGET_GEMMINI_SIMULATOR_H
#define TESSEL_TARGET_GEMMINI_SIMULATOR_H

#include "tessel/Target/Gemmini/GemminiEncoding.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace mlir::tessel::gemmini {

/// DRAM as the program's segments.
class Dram {
public:
  struct Segment {
    std::string name;
    uint64_t base = 0;
    std::vector<uint8_t> bytes;
  };
  void addSegment(std::string name, uint64_t base, uint64_t size);
  Segment *find(llvm::StringRef name);
  /// The `n` bytes at `address`, which must lie in one segment; null with
  /// `error` set otherwise.
  uint8_t *resolve(uint64_t address, uint64_t n, std::string &error);
  std::vector<Segment> &segments() { return segs; }

private:
  std::vector<Segment> segs;
};

struct SimStats {
  /// Top-level instructions by mnemonic.
  std::map<std::string, uint64_t> instructions;
  uint64_t dramBytesRead = 0, dramBytesWritten = 0;
  /// One past the highest scratchpad / accumulator row written.
  uint64_t spadRowsUsed = 0, accRowsUsed = 0;
  /// compute instructions, and the multiply-accumulates they asked for
  /// (rows x inner x columns actually in range).
  uint64_t computes = 0, usefulMacs = 0;
};

class Simulator {
public:
  explicit Simulator(TargetAttr target);

  Dram &dram() { return memory; }
  const SimStats &stats() const { return counters; }

  void countInstruction(llvm::StringRef mnemonic) {
    counters.instructions[mnemonic.str()]++;
  }

  /// Executes one instruction. Returns false with `error` set when the
  /// program is invalid at this instruction.
  bool execute(const EncodedInstr &instr, std::string &error);

private:
  struct LoadState {
    bool set = false, shrunk = false;
    uint64_t stride = 0;
    uint32_t blockStride = 0, pixels = 1;
    float scale = 1.0f;
  };
  struct StoreState {
    bool set = false;
    uint64_t stride = 0;
    unsigned activation = 0, poolStride = 0, poolSize = 0, upad = 0,
             lpad = 0, poolOutDim = 0, porows = 0, pocols = 0, orows = 0,
             ocols = 0;
    float accScale = 1.0f;
  };
  struct ExState {
    bool set = false, weightStationary = false, aTranspose = false,
         bTranspose = false;
    unsigned activation = 0;
    uint32_t sysShift = 0, aStride = 1, cStride = 1;
  };
  struct Preload {
    bool set = false;
    uint32_t bd = 0, c = 0;
    uint32_t bdRows = 0, bdCols = 0, cRows = 0, cCols = 0;
  };
  struct LoopWs {
    uint64_t i = 0, j = 0, k = 0, padI = 0, padJ = 0, padK = 0;
    uint64_t a = 0, b = 0, d = 0, c = 0;
    uint64_t aStride = 0, bStride = 0, dStride = 0, cStride = 0;
  };

  bool config(uint64_t rs1, uint64_t rs2, std::string &error);
  bool mvin(uint64_t dram, uint64_t operand, unsigned state,
            std::string &error);
  bool mvout(uint64_t dram, uint64_t operand, std::string &error);
  bool preload(uint64_t bd, uint64_t c, std::string &error);
  bool compute(uint64_t a, uint64_t bd, bool preloaded, std::string &error);
  bool loopWs(uint64_t rs1, uint64_t rs2, std::string &error);

  /// Bounds and read-before-write checks of local rows.
  bool checkRows(bool accumulator, uint64_t row, uint64_t count,
                 bool reading, std::string &error);
  int8_t &spadAt(uint64_t row, uint64_t col) {
    return spad[row * dim + col];
  }
  int32_t &accAt(uint64_t row, uint64_t col) { return acc[row * dim + col]; }

  TargetAttr target;
  int64_t dim, spadRows, accRows;
  Dram memory;
  SimStats counters;
  std::vector<int8_t> spad;
  std::vector<int32_t> acc, pe;
  std::vector<bool> spadWritten, accWritten;
  std::array<LoadState, 3> load;
  StoreState store;
  ExState ex;
  Preload latch;
  LoopWs loop;
};

/// Runs `program` on `sim`, counting each top-level instruction. The first
/// invalid instruction is reported at its op as "instruction #N: ...".
LogicalResult simulate(ProgramOp program, Simulator &sim);

} // namespace mlir::tessel::gemmini

#endif // TESSEL_TARGET_GEMMINI_SIMULATOR_H
