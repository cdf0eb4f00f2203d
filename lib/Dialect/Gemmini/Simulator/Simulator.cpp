//===- Simulator.cpp - functional simulator of Gemmini programs -----------===//
//
// Semantics follow Gemmini's functional model instruction by instruction:
// int8 scratchpad, int32 accumulator (two's-complement wrap-around), a
// DIM x DIM PE array holding weights (WS) or partial sums (OS). Scaling
// multiplies in float32, rounds half to even and saturates; OS results
// written to the scratchpad are shifted right with rounding half to even.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/Simulator/Simulator.h"
#include "tessel/Dialect/Gemmini/IR/GemminiArithmetic.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>
#include <optional>

using namespace mlir;
using namespace mlir::tessel::gemmini;

namespace {

std::string hex(uint64_t v) {
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("0x%llx", (unsigned long long)v);
  return s;
}



} // namespace

/// o[0..n) += sum over k < kn of a[k] * w[k][0..n) with 32-bit
/// wrap-around: the array's inner loop, compiled for the widest vector unit
/// the machine has (one clone per ISA, chosen at load time).
__attribute__((target_clones("avx512f", "avx2", "default"))) static void
rowTimesMatrix(const int32_t *a, int64_t kn, const int32_t *w, int64_t n,
               uint32_t *o) {
  // 16 columns at a time, summed in a vector register across k.
  typedef uint32_t V16 __attribute__((vector_size(64)));
  int64_t j0 = 0;
  for (; j0 + 16 <= n; j0 += 16) {
    V16 sum;
    std::memcpy(&sum, o + j0, sizeof(sum));
    for (int64_t k = 0; k < kn; ++k) {
      V16 wk;
      std::memcpy(&wk, w + k * n + j0, sizeof(wk));
      sum += uint32_t(a[k]) * wk;
    }
    std::memcpy(o + j0, &sum, sizeof(sum));
  }
  for (int64_t k = 0; k < kn; ++k) {
    uint32_t aik = uint32_t(a[k]);
    const int32_t *wk = w + k * n;
    for (int64_t j = j0; j < n; ++j)
      o[j] += aik * uint32_t(wk[j]);
  }
}

//===----------------------------------------------------------------------===//
// DRAM
//===----------------------------------------------------------------------===//

void Dram::addSegment(std::string name, uint64_t base, uint64_t size) {
  segs.push_back({std::move(name), base, std::vector<uint8_t>(size, 0)});
}

Dram::Segment *Dram::find(llvm::StringRef name) {
  for (Segment &s : segs)
    if (s.name == name)
      return &s;
  return nullptr;
}

uint8_t *Dram::resolve(uint64_t address, uint64_t n, std::string &error) {
  for (Segment &s : segs)
    if (address >= s.base && address - s.base < s.bytes.size()) {
      if (n > s.bytes.size() - (address - s.base)) {
        error = "DRAM bytes " + hex(address) + ".." + hex(address + n - 1) +
                " run past the end of segment @" + s.name;
        return nullptr;
      }
      return s.bytes.data() + (address - s.base);
    }
  error = "DRAM address " + hex(address) + " is outside every segment";
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Simulator
//===----------------------------------------------------------------------===//

Simulator::Simulator(TargetAttr target, SimMode mode)
    : target(target), functional(mode == SimMode::Functional), dim(target.getDim()), spadRows(target.getSpadRows()),
      accRows(target.getAccRows()), spad(spadRows * dim),
      acc(accRows * dim), pe(dim * dim), spadWritten(spadRows),
      accWritten(accRows), result(dim * dim), aRow(dim) {
  time.spadReady.assign(spadRows, 0);
  time.spadIdle.assign(spadRows, 0);
  time.accReady.assign(accRows, 0);
  time.accIdle.assign(accRows, 0);
}

std::pair<uint64_t, uint64_t> Simulator::schedule(uint64_t &unitFree,
                                                  uint64_t after, uint64_t busy,
                                                  uint64_t latency) {
  uint64_t start = std::max({time.issue, unitFree, after});
  unitFree = start + busy;
  uint64_t done = start + busy + latency;
  time.issue++;
  time.end = std::max(time.end, done);
  time.spanStart = std::min(time.spanStart, start);
  time.spanEnd = std::max(time.spanEnd, done);
  counters.cycles = std::max(time.end, time.issue);
  return {start, done};
}

bool Simulator::checkRows(bool accumulator, uint64_t row, uint64_t count,
                          bool reading, std::string &error) {
  uint64_t capacity = accumulator ? accRows : spadRows;
  const char *mem = accumulator ? "accumulator" : "scratchpad";
  if (count == 0)
    return true;
  if (row >= capacity || count > capacity - row) {
    error = std::string(mem) + " rows " + std::to_string(row) + ".." +
            std::to_string(row + count - 1) + " are out of range (" +
            std::to_string(capacity) + " rows)";
    return false;
  }
  if (reading) {
    const std::vector<uint8_t> &written = accumulator ? accWritten : spadWritten;
    for (uint64_t r = row; r < row + count; ++r)
      if (!written[r]) {
        error = std::string(mem) + " row " + std::to_string(r) +
                " is read before anything wrote it";
        return false;
      }
  }
  return true;
}

bool Simulator::execute(const EncodedInstr &e, std::string &error) {
  time.spanStart = ~uint64_t(0);
  time.spanEnd = 0;
  bool ok = dispatch(e, error);
  if (time.spanStart == ~uint64_t(0)) {
    // Configuration: one issue slot. The fence waits for everything.
    if (e.funct == kFenceFunct)
      time.issue = std::max(time.issue, time.end);
    time.spanStart = time.issue;
    time.spanEnd = ++time.issue;
    counters.cycles = std::max(time.end, time.issue);
  }
  return ok;
}

bool Simulator::dispatch(const EncodedInstr &e, std::string &error) {
  switch (e.funct) {
  case ConfigExOp::kFunct: // every CONFIG sub-op
    return config(e.rs1, e.rs2, error);
  case MvinOp::kFunct: {
    auto d = MvinOp::decode(e.rs1, e.rs2);
    return mvin(d.dram, operand(d.localRows, d.localCols, d.local), 0, error);
  }
  case Mvin2Op::kFunct: {
    auto d = Mvin2Op::decode(e.rs1, e.rs2);
    return mvin(d.dram, operand(d.localRows, d.localCols, d.local), 1, error);
  }
  case Mvin3Op::kFunct: {
    auto d = Mvin3Op::decode(e.rs1, e.rs2);
    return mvin(d.dram, operand(d.localRows, d.localCols, d.local), 2, error);
  }
  case MvoutOp::kFunct: {
    auto d = MvoutOp::decode(e.rs1, e.rs2);
    return mvout(d.dram, operand(d.localRows, d.localCols, d.local), error);
  }
  case PreloadOp::kFunct: {
    auto d = PreloadOp::decode(e.rs1, e.rs2);
    return preload(operand(d.bdRows, d.bdCols, d.bd),
                   operand(d.cRows, d.cCols, d.c), error);
  }
  case ComputePreloadedOp::kFunct: {
    auto d = ComputePreloadedOp::decode(e.rs1, e.rs2);
    return compute(operand(d.aRows, d.aCols, d.a),
                   operand(d.bdRows, d.bdCols, d.bd), true, error);
  }
  case ComputeAccumulatedOp::kFunct: {
    auto d = ComputeAccumulatedOp::decode(e.rs1, e.rs2);
    return compute(operand(d.aRows, d.aCols, d.a),
                   operand(d.bdRows, d.bdCols, d.bd), false, error);
  }
  case FlushOp::kFunct:
  case kFenceFunct:
    return true; // the functional model completes every instruction in order
  case LoopWsConfigBoundsOp::kFunct: {
    auto d = LoopWsConfigBoundsOp::decode(e.rs1, e.rs2);
    loop.padI = d.padI;
    loop.padJ = d.padJ;
    loop.padK = d.padK;
    loop.i = d.i;
    loop.j = d.j;
    loop.k = d.k;
    return true;
  }
  case LoopWsConfigAddrsAbOp::kFunct: {
    auto d = LoopWsConfigAddrsAbOp::decode(e.rs1, e.rs2);
    loop.a = d.a;
    loop.b = d.b;
    return true;
  }
  case LoopWsConfigAddrsDcOp::kFunct: {
    auto d = LoopWsConfigAddrsDcOp::decode(e.rs1, e.rs2);
    loop.d = d.d;
    loop.c = d.c;
    return true;
  }
  case LoopWsConfigStridesAbOp::kFunct: {
    auto d = LoopWsConfigStridesAbOp::decode(e.rs1, e.rs2);
    loop.aStride = d.aStride;
    loop.bStride = d.bStride;
    return true;
  }
  case LoopWsConfigStridesDcOp::kFunct: {
    auto d = LoopWsConfigStridesDcOp::decode(e.rs1, e.rs2);
    loop.dStride = d.dStride;
    loop.cStride = d.cStride;
    return true;
  }
  case LoopWsOp::kFunct:
    return loopWs(LoopWsOp::decode(e.rs1, e.rs2), error);
  case LoopConvWsConfig1Op::kFunct:
    conv.shape1 = LoopConvWsConfig1Op::decode(e.rs1, e.rs2);
    return true;
  case LoopConvWsConfig2Op::kFunct:
    conv.shape2 = LoopConvWsConfig2Op::decode(e.rs1, e.rs2);
    return true;
  case LoopConvWsConfig3Op::kFunct:
    conv.shape3 = LoopConvWsConfig3Op::decode(e.rs1, e.rs2);
    return true;
  case LoopConvWsConfig4Op::kFunct:
    conv.shape4 = LoopConvWsConfig4Op::decode(e.rs1, e.rs2);
    return true;
  case LoopConvWsConfig5Op::kFunct:
    conv.weightsOutput = LoopConvWsConfig5Op::decode(e.rs1, e.rs2);
    return true;
  case LoopConvWsConfig6Op::kFunct:
    conv.biasInput = LoopConvWsConfig6Op::decode(e.rs1, e.rs2);
    return true;
  case LoopConvWsOp::kFunct:
    return loopConvWs(LoopConvWsOp::decode(e.rs1, e.rs2), error);
  default:
    error = "funct7 " + std::to_string(e.funct) +
            " is not supported by the simulator";
    return false;
  }
}

bool Simulator::config(uint64_t rs1, uint64_t rs2, std::string &error) {
  int subOp = int(getConfigSubOp(rs1));
  // A configuration takes one cycle on the unit it configures, in order
  // with that unit's other instructions.
  uint64_t &unit = subOp == ConfigLdOp::kConfigSubOp   ? time.loadFree
                   : subOp == ConfigStOp::kConfigSubOp ? time.storeFree
                                                       : time.exFree;
  schedule(unit, 0, 1, 0);
  switch (subOp) {
  case ConfigExOp::kConfigSubOp: {
    auto d = ConfigExOp::decode(rs1, rs2);
    ex.aStride = uint32_t(d.aStride);
    ex.cStride = uint32_t(d.cStride);
    if (!d.setOnlyStrides) {
      ex.weightStationary = d.dataflow == Dataflow::ws;
      ex.activation = unsigned(d.activation);
      ex.aTranspose = d.aTranspose;
      ex.bTranspose = d.bTranspose;
      ex.sysShift = uint32_t(d.sysShift);
      ex.set = true;
    }
    // LAYERNORM and IGELU as execute activations change nothing: the
    // array's results only know ReLU.
    return true;
  }
  case ConfigLdOp::kConfigSubOp: {
    auto d = ConfigLdOp::decode(rs1, rs2);
    if (d.id == 3) {
      error = "config_ld state id 3 does not exist";
      return false;
    }
    LoadState &s = load[d.id];
    s.set = true;
    s.shrunk = d.shrunk;
    s.pixels = std::max<uint32_t>(1, uint32_t(d.pixelRepeats));
    s.blockStride = uint32_t(d.blockStride);
    s.scale = d.scale;
    s.stride = d.stride;
    return true;
  }
  case ConfigStOp::kConfigSubOp: {
    auto d = ConfigStOp::decode(rs1, rs2);
    store.set = true;
    // None keeps a softmax config_norm made (act_msb on top of none).
    unsigned act = unsigned(d.activation);
    store.activation =
        act == kNone && store.activation == kSoftmax ? unsigned(kSoftmax) : act;
    store.poolStride = unsigned(d.poolStride);
    store.poolSize = unsigned(d.poolSize);
    store.upad = unsigned(d.upperPad);
    store.lpad = unsigned(d.leftPad);
    store.poolOutDim = unsigned(d.poolOutDim);
    store.porows = unsigned(d.porows);
    store.pocols = unsigned(d.pocols);
    store.orows = unsigned(d.orows);
    store.ocols = unsigned(d.ocols);
    store.stride = d.stride;
    store.accScale = d.accScale;
    return true;
  }
  default:
    return configNorm(ConfigNormOp::decode(rs1, rs2), error);
  }
}

bool Simulator::mvin(uint64_t dramAddr, const Operand &op, unsigned state,
                     std::string &error) {
  const LoadState &s = load[state];
  if (!s.set) {
    error = "mvin" + (state ? std::to_string(state + 1) : std::string()) +
            " uses load state " + std::to_string(state) +
            ", which no config_ld has set";
    return false;
  }
  if (op.garbage()) {
    error = "mvin cannot write the garbage address";
    return false;
  }
  bool toAcc = op.accumulator();
  uint64_t elemBytes = toAcc && !s.shrunk ? 4 : 1;
  uint64_t maxCols =
      dim * (toAcc && !s.shrunk ? target.getMaxBlockLenAcc()
                                : target.getMaxBlockLen());
  if (op.rows > dim || op.cols > maxCols) {
    error = "mvin of " + std::to_string(op.rows) + "x" +
            std::to_string(op.cols) + " exceeds " + std::to_string(dim) +
            " rows or " + std::to_string(maxCols) + " columns";
    return false;
  }
  uint64_t blocks = (op.cols + dim - 1) / dim;
  // Each repeat of a pixel lands op.cols columns further along its row;
  // past the row Gemmini's model has no defined result.
  if (s.pixels > 1 && s.pixels * op.cols > uint64_t(dim)) {
    error = "mvin with pixel_repeats = " + std::to_string(s.pixels) + " of " +
            std::to_string(op.cols) + " columns runs past a row of " +
            std::to_string(dim);
    return false;
  }
  uint64_t lastRow = op.row() + (blocks ? (blocks - 1) * s.blockStride : 0) +
                     op.rows;
  if (op.rows && !checkRows(toAcc, op.row(), lastRow - op.row(), false, error))
    return false;
  bool zeros = dramAddr == 0;
  // Timing: wait for earlier readers of the rows written (write after read).
  uint64_t after = 0;
  for (uint64_t b = 0; b < blocks; ++b)
    for (uint64_t r = 0; r < op.rows; ++r)
      after = std::max(after, idle(toAcc, op.row() + r + b * s.blockStride));
  uint64_t bytes = op.rows * op.cols * elemBytes;
  uint64_t bw = uint64_t(target.getDmaBytesPerCycle());
  auto [start, done] =
      schedule(time.loadFree, after, std::max<uint64_t>(1, (bytes + bw - 1) / bw),
               zeros ? 0 : uint64_t(target.getDramLatency()));
  (void)start;
  for (uint64_t b = 0; b < blocks; ++b)
    for (uint64_t r = 0; r < op.rows; ++r)
      ready(toAcc, op.row() + r + b * s.blockStride) = done;
  for (uint64_t r = 0; r < op.rows; ++r) {
    // No source: zeros (a timing run moves no data).
    const uint8_t *src = nullptr;
    if (!zeros) {
      if (functional &&
          !(src = memory.resolve(dramAddr + r * s.stride, op.cols * elemBytes,
                                 error)))
        return false;
      counters.dramBytesRead += op.cols * elemBytes;
    }
    if (s.pixels == 1 && !(toAcc && s.shrunk)) {
      // The common case, a block of the row at a time.
      for (uint64_t b = 0; b < blocks; ++b) {
        uint64_t row = op.row() + r + b * s.blockStride;
        uint64_t n = std::min<uint64_t>(dim, op.cols - b * dim);
        if (toAcc) {
          uint32_t *dst = reinterpret_cast<uint32_t *>(&accAt(row, 0));
          for (uint64_t c = 0; c < n; ++c) {
            uint32_t v = 0;
            if (src)
              std::memcpy(&v, src + 4 * (b * dim + c), 4);
            dst[c] = op.accumulate() ? dst[c] + v : v;
          }
          accWritten[row] = 1;
          counters.accRowsUsed = std::max<uint64_t>(counters.accRowsUsed, row + 1);
        } else {
          int8_t *dst = &spadAt(row, 0);
          if (!src)
            std::memset(dst, 0, n);
          else if (s.scale == 1.0f)
            std::memcpy(dst, src + b * dim, n);
          else
            for (uint64_t c = 0; c < n; ++c)
              dst[c] = scaleToInt8(int8_t(src[b * dim + c]), s.scale);
          spadWritten[row] = 1;
          counters.spadRowsUsed =
              std::max<uint64_t>(counters.spadRowsUsed, row + 1);
        }
      }
      continue;
    }
    for (uint64_t c = 0; c < op.cols; ++c) {
      uint64_t row = op.row() + r + (c / dim) * s.blockStride;
      uint64_t col = c % dim;
      for (uint64_t p = 0; p < s.pixels && p <= row; ++p) {
        uint64_t dr = row - p, dc = col + p * op.cols;
        if (dc >= uint64_t(dim))
          continue;
        if (toAcc) {
          int32_t v = 0;
          if (src) {
            if (s.shrunk) {
              v = scaleToInt8(int8_t(src[c]), s.scale);
            } else {
              std::memcpy(&v, src + 4 * c, 4);
            }
          }
          int32_t &dst = accAt(dr, dc);
          dst = op.accumulate() ? wrapInt32(int64_t(dst) + v) : v;
          accWritten[dr] = true;
          counters.accRowsUsed = std::max<uint64_t>(counters.accRowsUsed, dr + 1);
        } else {
          spadAt(dr, dc) = src ? scaleToInt8(int8_t(src[c]), s.scale) : 0;
          spadWritten[dr] = true;
          counters.spadRowsUsed =
              std::max<uint64_t>(counters.spadRowsUsed, dr + 1);
        }
      }
    }
  }
  return true;
}

bool Simulator::mvout(uint64_t dramAddr, const Operand &op,
                      std::string &error) {
  if (!store.set) {
    error = "mvout before any config_st";
    return false;
  }
  if (op.garbage()) {
    error = "mvout cannot read the garbage address";
    return false;
  }
  bool fromAcc = op.accumulator();
  bool full = fromAcc && op.full();
  // An accumulator value as stored: scaled, saturated, activated.
  auto activated = [&](int32_t v) {
    return storeInt8(v, store.accScale, store.activation == kRelu);
  };
  // Timing: the store unit waits for the rows it reads (read after write).
  uint64_t bw = uint64_t(target.getStoreBytesPerCycle());
  auto storeTiming = [&](uint64_t firstRow, uint64_t rows, uint64_t bytes) {
    uint64_t after = 0;
    for (uint64_t r = firstRow; r < firstRow + rows; ++r)
      after = std::max(after, ready(fromAcc, r));
    auto [start, done] = schedule(
        time.storeFree, after, std::max<uint64_t>(1, (bytes + bw - 1) / bw), 0);
    (void)start;
    for (uint64_t r = firstRow; r < firstRow + rows; ++r)
      idle(fromAcc, r) = std::max(idle(fromAcc, r), done);
  };
  if (store.poolStride == 0) {
    uint64_t elemBytes = full ? 4 : 1;
    uint64_t blocks = (op.cols + dim - 1) / dim;
    for (uint64_t b = 0; b < blocks; ++b)
      if (op.rows && !checkRows(fromAcc, op.row() + b * dim, op.rows, true,
                                error))
        return false;
    if (op.rows)
      storeTiming(op.row(), (blocks - 1) * dim + op.rows,
                  op.rows * op.cols * elemBytes);
    // Accumulator rows pass through the normalization unit first: its
    // command (only the last column block's terminates: MEAN, INV_STDDEV,
    // INV_SUM_EXP) updates the statistics, and only RESET writes. A plain
    // move (RESET) only marks the slot to restart, once for all its rows.
    bool plain = op.norm() == 0;
    if (fromAcc && plain && op.rows && op.cols)
      applyNorm(nullptr, 0, 0);
    bool pre = fromAcc && store.activation >= kLayerNorm;
    for (uint64_t r = 0; r < op.rows; ++r) {
      bool write = true;
      if (fromAcc && !plain)
        for (uint64_t c = 0; c < op.cols; c += dim) {
          unsigned cmd = op.norm();
          if (c + dim < op.cols)
            cmd = cmd == 2 ? 1 : cmd == 4 ? 3 : cmd == 7 ? 6 : cmd;
          write = applyNorm(&accAt(op.row() + (c / dim) * dim + r, 0),
                            std::min<uint64_t>(dim, op.cols - c), cmd);
        }
      if (!write)
        continue;
      counters.dramBytesWritten += op.cols * elemBytes;
      if (!functional)
        continue;
      uint8_t *dst = memory.resolve(dramAddr + r * store.stride,
                                    op.cols * elemBytes, error);
      if (!dst)
        return false;
      for (uint64_t c = 0; c < op.cols; ++c) {
        uint64_t row = op.row() + (c / dim) * dim + r, col = c % dim;
        if (!fromAcc) {
          dst[c] = uint8_t(spadAt(row, col));
          continue;
        }
        int32_t v = pre ? preActivation(accAt(row, col)) : accAt(row, col);
        if (full)
          std::memcpy(dst + 4 * c, &v, 4);
        else
          dst[c] = uint8_t(activated(v));
      }
    }
    return true;
  }
  // Max pooling over an orows x ocols block of rows, one channel per column;
  // positions outside the block count as 0.
  if (op.cols > uint64_t(dim)) {
    error = "a pooled mvout moves at most " + std::to_string(dim) +
            " channels (one row block), not " + std::to_string(op.cols);
    return false;
  }
  uint64_t blockRows = uint64_t(store.orows) * store.ocols;
  if (blockRows && !checkRows(fromAcc, op.row(), blockRows, false, error))
    return false;
  storeTiming(op.row(), blockRows,
              uint64_t(store.porows) * store.pocols * op.cols);
  for (unsigned porow = 0; porow < store.porows; ++porow)
    for (unsigned pocol = 0; pocol < store.pocols; ++pocol) {
      // The window's rows inside the block, each read.
      llvm::SmallVector<uint64_t, 16> window;
      for (unsigned wr = 0; wr < store.poolSize; ++wr)
        for (unsigned wc = 0; wc < store.poolSize; ++wc) {
          int64_t orow = int64_t(porow) * store.poolStride + wr - store.upad;
          int64_t ocol = int64_t(pocol) * store.poolStride + wc - store.lpad;
          if (orow < 0 || ocol < 0 || orow >= store.orows ||
              ocol >= store.ocols)
            continue;
          uint64_t row = op.row() + uint64_t(orow) * store.ocols + ocol;
          if (!checkRows(fromAcc, row, 1, true, error))
            return false;
          window.push_back(row);
        }
      counters.dramBytesWritten += op.cols;
      if (!functional)
        continue;
      uint8_t *dst = memory.resolve(
          dramAddr + (uint64_t(porow) * store.poolOutDim + pocol) * store.stride,
          op.cols, error);
      if (!dst)
        return false;
      // Positions outside the block count as 0.
      bool outside = window.size() < uint64_t(store.poolSize) * store.poolSize;
      for (uint64_t ch = 0; ch < op.cols; ++ch) {
        int8_t best = outside ? 0 : -128;
        for (uint64_t row : window)
          // Pooling scales and activates without a pre-activation.
          best = std::max(best, fromAcc ? activated(accAt(row, ch))
                                        : spadAt(row, ch));
        dst[ch] = uint8_t(best);
      }
    }
  return true;
}

bool Simulator::preload(const Operand &b, const Operand &out,
                        std::string &error) {
  if (!b.garbage() && b.accumulator()) {
    error = "preload from the accumulator is not supported";
    return false;
  }
  if (b.rows > dim || b.cols > dim || out.rows > dim || out.cols > dim) {
    error = "preload operands exceed " + std::to_string(dim) + "x" +
            std::to_string(dim);
    return false;
  }
  latch = {true, b.addr, out.addr, b.rows, b.cols, out.rows, out.cols};
  return true;
}

bool Simulator::compute(const Operand &a, const Operand &bd, bool preloaded,
                        std::string &error) {
  if (!ex.set) {
    error = "compute before any config_ex";
    return false;
  }
  if (!latch.set) {
    error = "compute without a preceding preload";
    return false;
  }
  if (a.rows > dim || a.cols > dim || bd.rows > dim || bd.cols > dim) {
    error = "compute operands exceed " + std::to_string(dim) + "x" +
            std::to_string(dim);
    return false;
  }
  if ((!a.garbage() && a.accumulator()) || (!bd.garbage() && bd.accumulator())) {
    error = "compute operands must be in the scratchpad";
    return false;
  }
  int64_t n = dim;
  bool ws = ex.weightStationary;
  // Every scratchpad row an operand reads: `count` rows `stride` apart.
  auto readRows = [&](const Operand &o, uint64_t stride, uint64_t count) {
    if (!count)
      return true;
    // Range once, then each row's written flag.
    uint64_t lastRow = o.row() + stride * (count - 1);
    if (lastRow >= uint64_t(spadRows))
      return checkRows(false, lastRow, 1, false, error);
    for (uint64_t t = 0; t < count; ++t)
      if (!spadWritten[o.row() + stride * t])
        return checkRows(false, o.row() + stride * t, 1, true, error);
    return true;
  };
  if (preloaded) {
    Operand p{latch.bd, latch.bdCols, latch.bdRows};
    bool transpose = ws && ex.bTranspose;
    if (!p.garbage() && p.rows && p.cols &&
        !readRows(p, 1, transpose ? p.cols : p.rows))
      return false;
    for (int64_t i = 0; functional && i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        int64_t r = transpose ? j : i, c = transpose ? i : j;
        pe[i * n + j] = !p.garbage() && i < p.rows && j < p.cols
                            ? spadAt(p.row() + r, c)
                            : 0;
      }
  }
  if (!a.garbage() && a.rows && a.cols &&
      !readRows(a, ex.aStride, ex.aTranspose ? a.cols : a.rows))
    return false;
  // D (WS) or B (OS).
  if (!bd.garbage() && bd.rows && bd.cols &&
      !readRows(bd, 1, !ws && ex.bTranspose ? bd.cols : bd.rows))
    return false;

  // Timing: the execute unit streams DIM rows of A through the array; the
  // results leave DIM + DIM cycles later (fill and drain). It waits for the
  // rows it reads and for any earlier reader of the rows it writes.
  Operand cOut{latch.c, latch.cCols, latch.cRows};
  uint64_t after = 0;
  auto waitRows = [&](const Operand &o, uint64_t stride, uint64_t count) {
    if (o.garbage())
      return;
    for (uint64_t t = 0; t < count; ++t)
      after = std::max(after, ready(o.accumulator(), o.row() + stride * t));
  };
  waitRows(a, ex.aStride, ex.aTranspose ? a.cols : a.rows);
  waitRows(bd, 1, !ws && ex.bTranspose ? bd.cols : bd.rows);
  if (preloaded)
    waitRows({latch.bd, latch.bdCols, latch.bdRows}, 1,
             ws && ex.bTranspose ? latch.bdCols : latch.bdRows);
  if (!cOut.garbage())
    for (uint64_t i = 0; i < cOut.rows; ++i) {
      uint64_t row = cOut.row() + uint64_t(ex.cStride) * i;
      if (row >= uint64_t(cOut.accumulator() ? accRows : spadRows))
        break; // reported below
      after = std::max(after, idle(cOut.accumulator(), row));
      if (cOut.accumulator() && cOut.accumulate())
        after = std::max(after, ready(true, row));
    }
  auto [exStart, exDone] = schedule(time.exFree, after, uint64_t(dim),
                                    2 * uint64_t(dim));
  auto releaseRows = [&](const Operand &o, uint64_t stride, uint64_t count) {
    if (o.garbage())
      return;
    for (uint64_t t = 0; t < count; ++t) {
      uint64_t &i = idle(o.accumulator(), o.row() + stride * t);
      i = std::max(i, exStart + uint64_t(dim));
    }
  };
  releaseRows(a, ex.aStride, ex.aTranspose ? a.cols : a.rows);
  releaseRows(bd, 1, !ws && ex.bTranspose ? bd.cols : bd.rows);

  // Products of int8 values fit int32; sums wrap around like the 32-bit
  // hardware, hence the unsigned arithmetic.
  auto a_at = [&](int64_t i, int64_t k) -> int32_t {
    uint64_t r = uint64_t(ex.aStride) * (ex.aTranspose ? k : i);
    return spadAt(a.row() + r, ex.aTranspose ? i : k);
  };
  // Row i of A as int32.
  auto loadARow = [&](int64_t i, int32_t *row) {
    if (ex.aTranspose) {
      for (int64_t k = 0; k < a.cols; ++k)
        row[k] = a_at(i, k);
      return;
    }
    const int8_t *src = &spadAt(a.row() + uint64_t(ex.aStride) * i, 0);
    for (int64_t k = 0; k < a.cols; ++k)
      row[k] = src[k];
  };
  int32_t *out = result.data();
  counters.computes++;
  counters.usefulMacs +=
      uint64_t(a.rows) * a.cols * (ws ? latch.bdCols : bd.cols);
  if (!functional) {
    // A timing run computes no values.
  } else if (ws) {
    // out = D + A * pe; D from the scratchpad (zeros for garbage).
    std::fill(out, out + n * n, 0);
    if (!bd.garbage())
      for (int64_t i = 0; i < bd.rows; ++i)
        for (int64_t j = 0; j < bd.cols; ++j)
          out[i * n + j] = spadAt(bd.row() + i, j);
    if (!a.garbage())
      for (int64_t i = 0; i < a.rows; ++i) {
        // Row i of A: contiguous unless A is transposed.
        int32_t *arow = aRow.data();
        loadARow(i, arow);
        rowTimesMatrix(arow, a.cols, pe.data(), n,
                       reinterpret_cast<uint32_t *>(out + i * n));
      }
  } else {
    // pe += A * B, B transposed if requested.
    if (!a.garbage() && !bd.garbage())
      for (int64_t i = 0; i < a.rows; ++i) {
        uint32_t *o = reinterpret_cast<uint32_t *>(&pe[i * n]);
        for (int64_t k = 0; k < std::min<int64_t>(a.cols, bd.rows); ++k) {
          int32_t aik = a_at(i, k);
          if (!aik)
            continue;
          for (int64_t j = 0; j < bd.cols; ++j) {
            int32_t b = ex.bTranspose ? spadAt(bd.row() + j, k)
                                      : spadAt(bd.row() + k, j);
            o[j] += uint32_t(aik * b);
          }
        }
      }
    std::copy(pe.begin(), pe.end(), out);
  }
  // Write C, rows i at c + c_stride * i.
  Operand c{latch.c, latch.cCols, latch.cRows};
  if (c.garbage() || !c.rows)
    return true;
  for (int64_t i = 0; i < c.rows; ++i)
    if (!checkRows(c.accumulator(), c.row() + uint64_t(ex.cStride) * i, 1,
                   false, error))
      return false;
  for (int64_t i = 0; i < c.rows; ++i) {
    uint64_t row = c.row() + uint64_t(ex.cStride) * i;
    const int32_t *v = out + i * n;
    if (!functional) {
      // No values to write.
    } else if (c.accumulator()) {
      uint32_t *dst = reinterpret_cast<uint32_t *>(&accAt(row, 0));
      if (c.accumulate())
        for (int64_t j = 0; j < c.cols; ++j)
          dst[j] += uint32_t(v[j]);
      else
        std::memcpy(dst, v, c.cols * sizeof(int32_t));
    } else {
      for (int64_t j = 0; j < c.cols; ++j) {
        int8_t x = saturateInt8(roundingShift(v[j], ws ? 0 : ex.sysShift));
        spadAt(row, j) = ex.activation == 1 && x < 0 ? 0 : x;
      }
    }
    ready(c.accumulator(), row) = exDone;
    if (c.accumulator()) {
      accWritten[row] = true;
      counters.accRowsUsed = std::max<uint64_t>(counters.accRowsUsed, row + 1);
    } else {
      spadWritten[row] = true;
      counters.spadRowsUsed = std::max<uint64_t>(counters.spadRowsUsed, row + 1);
    }
  }
  return true;
}

bool Simulator::loopWs(const LoopWsOp::Decoded &loopOp, std::string &error) {
  bool exAccumulate = loopOp.exAccumulate, fullC = loopOp.fullC,
       lowD = loopOp.lowD;
  unsigned act = unsigned(loopOp.activation),
           bSpadId = unsigned(loopOp.bSpadId),
           aSpadId = unsigned(loopOp.aSpadId);
  bool aT = loopOp.aTranspose, bT = loopOp.bTranspose, resadd = loopOp.isResadd;

  uint64_t I = loop.i, J = loop.j, K = loop.k;
  if (I * K * dim + K * J * dim > uint64_t(spadRows) / 2 ||
      I * J * dim > uint64_t(accRows) / 2) {
    error = "loop_ws bounds I=" + std::to_string(I) + " J=" + std::to_string(J) +
            " K=" + std::to_string(K) +
            " do not fit half the scratchpad and accumulator";
    return false;
  }
  // Moves out use the store state's activation, as in Gemmini's functional
  // model; the loop's own activation only asks for LAYERNORM or SOFTMAX
  // statistics passes instead of them.
  uint64_t half = uint64_t(spadRows) / 2;
  uint32_t aStart = aSpadId == 2 ? uint32_t(half) : 0;
  uint32_t bStart = uint32_t((bSpadId == 2 ? uint64_t(spadRows) : half) -
                             K * J * dim);
  uint32_t dStart = kLocalAccumulator;
  uint32_t cStart =
      kLocalAccumulator | kLocalAccumulate | (fullC ? kLocalReadFull : 0);
  // The rows LoopMatmul uses instead, for the timing model (LoopRows): the
  // slot's scratchpad half for an operand without a spad id, and the
  // accumulator half in turn (a residual addition's is its slot's).
  LoopRows rows;
  rows.active = true;
  uint64_t accHalf = uint64_t(accRows) / 2;
  if (resadd) {
    rows.acc = {0, I * J * dim, matmulSlot * accHalf};
  } else {
    if (aSpadId == 0)
      rows.a = slotRows(aStart, aStart + I * K * dim, matmulSlot);
    if (bSpadId == 0)
      rows.b = slotRows(bStart, bStart + K * J * dim, matmulSlot);
    rows.acc = {0, I * J * dim, matmulAccHalf * accHalf};
  }
  LoopRowsScope scope(loopRows, rows);
  matmulSlot ^= 1;
  if (loop.c)
    matmulAccHalf ^= 1;
  auto last = [&](uint64_t x, uint64_t n, uint64_t pad) {
    return uint64_t(dim) - (x == n - 1 ? pad : 0);
  };
  if (resadd) {
    // Residual addition: per tile, A moves into the accumulator (load state
    // 0, overwriting), B onto it (load state 1, accumulating), and the sum
    // moves out. Both are I x J tiles; K and D play no part.
    for (uint64_t i = 0; i < I; ++i)
      for (uint64_t j = 0; j < J; ++j) {
        uint64_t rows = last(i, I, loop.padI), cols = last(j, J, loop.padJ);
        uint32_t acc = kLocalAccumulator | uint32_t((i * J + j) * dim);
        if (!mvin(loop.a + (i * loop.aStride + j) * dim,
                  operand(rows, cols, acc), 0, error) ||
            !mvin(loop.b + (i * loop.bStride + j) * dim,
                  operand(rows, cols, acc | kLocalAccumulate), 1, error))
          return false;
        if (loop.c &&
            !mvout(loop.c + (i * loop.cStride + j) * dim * (fullC ? 4 : 1),
                   operand(rows, cols, acc | (fullC ? kLocalReadFull : 0)),
                   error))
          return false;
      }
    return true;
  }
  if (loop.d) {
    uint64_t sizeD = lowD ? 1 : 4;
    for (uint64_t i = 0; i < I; ++i)
      for (uint64_t j = 0; j < J; ++j) {
        uint64_t addr = loop.d + (i * loop.dStride + j) * dim * sizeD;
        if (!mvin(addr,
                  operand(last(i, I, loop.padI), last(j, J, loop.padJ),
                          dStart + uint32_t((i * J + j) * dim)),
                  2, error))
          return false;
      }
  }
  for (uint64_t k = 0; k < K; ++k)
    for (uint64_t j = 0; j < J; ++j)
      for (uint64_t i = 0; i < I; ++i) {
        uint32_t aAddr = aStart + uint32_t((aT ? k * I + i : i * K + k) * dim);
        uint32_t bAddr = bStart + uint32_t((bT ? j * K + k : k * J + j) * dim);
        uint32_t cAddr = cStart + uint32_t((i * J + j) * dim);
        // A or B at address 0 is already in its buffer (gemmini.h's
        // operand reuse between loops): not moved, as Gemmini's model does.
        if (j == 0 && loop.a) {
          uint64_t addr = aT ? loop.a + (k * loop.aStride + i) * dim
                             : loop.a + (i * loop.aStride + k) * dim;
          uint64_t cols = aT ? last(i, I, loop.padI) : last(k, K, loop.padK);
          uint64_t rows = aT ? last(k, K, loop.padK) : last(i, I, loop.padI);
          if (!mvin(addr, operand(rows, cols, aAddr), 0, error))
            return false;
        }
        if (i == 0 && loop.b) {
          uint64_t addr = bT ? loop.b + (j * loop.bStride + k) * dim
                             : loop.b + (k * loop.bStride + j) * dim;
          uint64_t cols = bT ? last(k, K, loop.padK) : last(j, J, loop.padJ);
          uint64_t rows = bT ? last(j, J, loop.padJ) : last(k, K, loop.padK);
          if (!mvin(addr, operand(rows, cols, bAddr), 1, error))
            return false;
        }
        uint32_t pre = i == 0 ? bAddr : kGarbageAddr;
        uint32_t out = cAddr;
        if (!exAccumulate && k == 0)
          out &= ~kLocalAccumulate;
        if (!preload(operand(last(k, K, loop.padK), last(j, J, loop.padJ), pre),
                     operand(last(i, I, loop.padI), last(j, J, loop.padJ), out),
                     error) ||
            !compute(operand(last(i, I, loop.padI), last(k, K, loop.padK), aAddr),
                     operand(dim, dim, kGarbageAddr), i == 0, error))
          return false;
        if (loop.c && k == K - 1) {
          uint64_t sizeC = fullC ? 4 : 1;
          if (act == kLayerNorm || act == kSoftmax) {
            if (j == J - 1 && !normRows(i, J, act, sizeC, cStart, error))
              return false;
            continue;
          }
          uint64_t addr = loop.c + (i * loop.cStride + j) * dim * sizeC;
          if (!mvout(addr,
                     operand(last(i, I, loop.padI), last(j, J, loop.padJ), cAddr),
                     error))
            return false;
        }
      }
  return true;
}

LogicalResult mlir::tessel::gemmini::simulate(ProgramOp program,
                                              Simulator &sim,
                                              llvm::raw_ostream *trace) {
  unsigned index = 0;
  std::optional<AsmState> state;
  if (trace)
    state.emplace(program, OpPrintingFlags().assumeVerified());
  for (Operation &op : program.getBody().front()) {
    EncodedInstr e = encodeInstruction(&op);
    sim.countInstruction(op.getName().stripDialect());
    std::string error;
    if (!sim.execute(e, error))
      return op.emitError() << "instruction #" << index << " ("
                            << op.getName().stripDialect() << "): " << error;
    if (trace) {
      auto [start, end] = sim.lastSpan();
      *trace << llvm::format("#%-5u cycles %8llu..%-8llu ", index,
                             (unsigned long long)start,
                             (unsigned long long)end)
             << op.getName().stripDialect() << " "
             << describeInstruction(&op, *state) << "\n";
    }
    ++index;
  }
  return success();
}
