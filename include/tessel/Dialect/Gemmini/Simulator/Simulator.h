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
#ifndef TESSEL_DIALECT_GEMMINI_SIMULATOR_SIMULATOR_H
#define TESSEL_DIALECT_GEMMINI_SIMULATOR_SIMULATOR_H

#include "tessel/Dialect/Gemmini/IR/GemminiEncoding.h"

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
  /// Estimated cycles of the timing model (docs/gemmini.md).
  uint64_t cycles = 0;
};

/// What a run computes. Timing runs every check, count and cycle of a
/// functional one on local memories that hold no data: DRAM is neither
/// read nor written (nor needs segments), so the tiler can time a
/// program it has not placed.
enum class SimMode { Functional, Timing };

class Simulator {
public:
  explicit Simulator(TargetAttr target, SimMode mode = SimMode::Functional);

  Dram &dram() { return memory; }
  const SimStats &stats() const { return counters; }

  void countInstruction(llvm::StringRef mnemonic) {
    counters.instructions[mnemonic.str()]++;
  }

  /// Executes one instruction. Returns false with `error` set when the
  /// program is invalid at this instruction.
  bool execute(const EncodedInstr &instr, std::string &error);
  /// The cycles the last executed instruction started and finished at.
  std::pair<uint64_t, uint64_t> lastSpan() const {
    return {time.spanStart, time.spanEnd};
  }

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
  /// The timing model's state: three in-order units (load, execute, store)
  /// fed one instruction per cycle, with row-level dependencies between
  /// them.
  struct Timing {
    uint64_t issue = 0, loadFree = 0, exFree = 0, storeFree = 0, end = 0;
    uint64_t spanStart = 0, spanEnd = 0;
    /// Per row: when the last write lands, when the last read is done.
    std::vector<uint64_t> spadReady, accReady, spadIdle, accIdle;
  };
  struct LoopWs {
    uint64_t i = 0, j = 0, k = 0, padI = 0, padJ = 0, padK = 0;
    uint64_t a = 0, b = 0, d = 0, c = 0;
    uint64_t aStride = 0, bStride = 0, dStride = 0, cStride = 0;
  };
  /// The loop_conv_ws configuration (the six config instructions).
  struct LoopConv {
    LoopConvWsConfig1Op::Decoded shape1;
    LoopConvWsConfig2Op::Decoded shape2;
    LoopConvWsConfig3Op::Decoded shape3;
    LoopConvWsConfig4Op::Decoded shape4;
    LoopConvWsConfig5Op::Decoded weightsOutput;
    LoopConvWsConfig6Op::Decoded biasInput;
    /// Row offsets of the accumulator halves the next convolution's bias
    /// (D) and output (C) use; each flips when that operand is present.
    uint64_t dHalf = 0, cHalf = 0;
  };

  /// Normalization (SimulatorNorm.cpp): I-BERT's integer constants, the
  /// statistics slot mvouts use, and per slot the running statistics.
  struct NormStat {
    int32_t sum = 0, count = 0, runningMax = 0, max = 0, mean = 0;
    float invStddev = 0, invSumExp = 0;
    /// A slot nothing has used starts reset, as in Gemmini's functional
    /// model: its first maximum pass starts from INT32_MIN, not 0.
    bool reset = true;
  };
  struct NormState {
    unsigned statId = 0;
    int32_t qb = 0, qc = 0, qln2 = 0, qln2Inv = 0;
    std::array<NormStat, 4> stats{};
  };
  /// The accumulator activations: config_st's 0-3, and softmax (4), which
  /// config_norm's act_msb makes of none.
  enum AccActivation : unsigned {
    kNone = 0,
    kRelu = 1,
    kLayerNorm = 2,
    kIGelu = 3,
    kSoftmax = 4
  };
  bool configNorm(const ConfigNormOp::Decoded &cfg, std::string &error);
  /// loop_ws with a LAYERNORM or SOFTMAX activation: the output rows of
  /// tile row `i`, one statistics slot per row, through the statistics
  /// passes (sum/mean and variance/inverse standard deviation, or
  /// maximum and sum of exponentials), then moved out.
  bool normRows(uint64_t i, uint64_t J, unsigned act, uint64_t sizeC,
                uint32_t cStart, std::string &error);
  /// Feeds one accumulator row segment to the statistics slot under norm
  /// command `cmd`; returns whether the row is written out (RESET only).
  bool applyNorm(const int32_t *row, uint64_t len, unsigned cmd);
  /// The pre-activation of an accumulator value on its way out (I-BERT's
  /// integer GELU, layer normalization, softmax).
  int32_t preActivation(int32_t value) const;

  /// A matrix operand: a local address (decoded as the dialect does), its
  /// columns and rows.
  struct Operand {
    uint32_t addr, cols, rows;
    LocalAddr local;
    Operand(uint32_t addr, uint32_t cols, uint32_t rows)
        : addr(addr), cols(cols), rows(rows), local(LocalAddr::decode(addr)) {}
    bool garbage() const { return local.garbage; }
    bool accumulator() const { return local.accumulator; }
    bool accumulate() const { return local.accumulate; }
    bool full() const { return local.readFull; }
    unsigned norm() const { return local.norm; }
    uint64_t row() const { return local.row; }
  };
  /// The operand of `rows` x `cols` at local address `addr`.
  static Operand operand(uint64_t rows, uint64_t cols, uint32_t addr) {
    return Operand(addr, uint32_t(cols), uint32_t(rows));
  }

  bool dispatch(const EncodedInstr &instr, std::string &error);
  /// A CONFIG instruction (funct7 0), any sub-op.
  bool config(uint64_t rs1, uint64_t rs2, std::string &error);
  /// A CONFIG instruction an expanded loop issues, as the words that carry
  /// it (each value truncated to its field).
  template <typename Decoded>
  bool issueConfig(const Decoded &cfg, std::string &error) {
    auto [rs1, rs2] = cfg.encode();
    return config(rs1, rs2, error);
  }
  bool mvin(uint64_t dram, const Operand &op, unsigned state,
            std::string &error);
  bool mvout(uint64_t dram, const Operand &op, std::string &error);
  bool preload(const Operand &bd, const Operand &c, std::string &error);
  bool compute(const Operand &a, const Operand &bd, bool preloaded,
               std::string &error);
  bool loopWs(const LoopWsOp::Decoded &loopOp, std::string &error);
  bool loopConvWs(const LoopConvWsOp::Decoded &loopOp, std::string &error);

  /// Timing of one operation on a unit: starts when the unit, the issue
  /// slot and `after` allow, occupies the unit `busy` cycles, and finishes
  /// `latency` cycles after that. Returns (start, done).
  std::pair<uint64_t, uint64_t> schedule(uint64_t &unitFree, uint64_t after,
                                         uint64_t busy, uint64_t latency);
  uint64_t &ready(bool accumulator, uint64_t row) {
    return (accumulator ? time.accReady
                        : time.spadReady)[timingRow(accumulator, row)];
  }
  uint64_t &idle(bool accumulator, uint64_t row) {
    return (accumulator ? time.accIdle
                        : time.spadIdle)[timingRow(accumulator, row)];
  }

  /// Where Gemmini's loop units keep the rows a loop's expansion uses, for
  /// the timing model. LoopMatmul.scala and LoopConv.scala run two loops in
  /// turn: loop slot s takes A from scratchpad row s x half and ends B at
  /// (s + 1) x half (unless a_spad_id / b_spad_id name a half), and
  /// LoopMatmul moves to the other accumulator half after each loop that
  /// moves C out. So a loop's moves in do not wait for the previous loop's
  /// reads. The data stays where Gemmini's functional model keeps it (A
  /// from row 0, B ending at the middle, C from row 0); only the rows whose
  /// times are tracked move.
  struct RowShift {
    uint64_t begin = 0, end = 0, shift = 0;
    bool holds(uint64_t row) const { return row >= begin && row < end; }
  };
  struct LoopRows {
    bool active = false;
    RowShift a, b, acc;
  };
  /// Rows [begin, end) of the scratchpad moved to `slot`'s half, where the
  /// functional model keeps them in the lower one.
  RowShift slotRows(uint64_t begin, uint64_t end, unsigned slot) const {
    uint64_t shift = slot * (uint64_t(spadRows) / 2);
    if (end + shift > uint64_t(spadRows))
      return {};
    return {begin, end, shift};
  }
  uint64_t timingRow(bool accumulator, uint64_t row) const {
    if (!loopRows.active)
      return row;
    if (accumulator)
      return loopRows.acc.holds(row) ? row + loopRows.acc.shift : row;
    if (loopRows.a.holds(row))
      return row + loopRows.a.shift;
    return loopRows.b.holds(row) ? row + loopRows.b.shift : row;
  }
  /// Sets `loopRows` for one loop's expansion and clears it after.
  struct LoopRowsScope {
    LoopRows &rows;
    LoopRowsScope(LoopRows &rows, const LoopRows &set) : rows(rows) {
      rows = set;
    }
    ~LoopRowsScope() { rows = LoopRows(); }
  };

  /// Bounds and read-before-write checks of local rows.
  bool checkRows(bool accumulator, uint64_t row, uint64_t count,
                 bool reading, std::string &error);
  int8_t &spadAt(uint64_t row, uint64_t col) {
    return spad[row * dim + col];
  }
  int32_t &accAt(uint64_t row, uint64_t col) { return acc[row * dim + col]; }

  TargetAttr target;
  bool functional;
  int64_t dim, spadRows, accRows;
  Dram memory;
  SimStats counters;
  std::vector<int8_t> spad;
  std::vector<int32_t> acc, pe;
  /// 1 where a row has been written (read-before-write checks).
  std::vector<uint8_t> spadWritten, accWritten;
  /// compute's result tile and one row of A, reused across instructions.
  std::vector<int32_t> result, aRow;
  std::array<LoadState, 3> load;
  StoreState store;
  ExState ex;
  Preload latch;
  LoopWs loop;
  LoopConv conv;
  LoopRows loopRows;
  /// The loop units' next slots (0 or 1), and the accumulator half (0 or
  /// 1) of LoopMatmul's next C.
  unsigned matmulSlot = 0, convSlot = 0, matmulAccHalf = 0;
  NormState norm;
  Timing time;
};

/// Runs `program` on `sim`, counting each top-level instruction. The first
/// invalid instruction is reported at its op as "instruction #N: ...". With
/// `trace`, prints each instruction with the cycles it starts and ends at.
LogicalResult simulate(ProgramOp program, Simulator &sim,
                       llvm::raw_ostream *trace = nullptr);

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_SIMULATOR_SIMULATOR_H
