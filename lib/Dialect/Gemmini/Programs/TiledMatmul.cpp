//===- TiledMatmul.cpp - a matrix product as tiled_matmul_outer runs it --===//
//
// gemmini-rocc-tests include/gemmini.h: tiled_matmul_outer configures the
// array, the store path and the three load states, then walks the tiles
// (i0, j0, k0); sp_tiled_matmul_ws issues each weight-stationary tile as
// loop_ws, sp_tiled_matmul_os each output-stationary one as explicit moves
// and computes. The bias is moved in by the first K tile, the output out
// by the last, so partial sums stay in the accumulator between them.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/Programs/TiledMatmul.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;

namespace {

struct Layout {
  int64_t m, n, k, batch;
  bool sharedB;
  int64_t dim;
  int64_t ti, tj, tk; ///< tile in blocks
  int64_t spadRows;
  bool batchedBias; ///< one bias row per batch element
  int64_t maxBlockLen, maxBlockLenAcc;
  bool fullBias; ///< a bias per element of C
  /// D's row stride in elements: 0 repeats one bias row over every row.
  int64_t dRow() const { return fullBias ? n : 0; }
};


/// One tile's part of the problem: its size and padding in blocks, the
/// DRAM addresses of its A and B (0: already in the scratchpad), bias (0:
/// none) and C (0: not yet out), and which scratchpad half holds A and B
/// (loop_ws's a_spad_id / b_spad_id: 0 or 1 the lower, 2 the upper).
struct TileWork {
  int64_t i, j, k, padI, padJ, padK;
  uint64_t a, b, d, c;
  bool exAccumulate;
  unsigned aSpadId = 0, bSpadId = 0;
};

LogicalResult emitLoopWs(InstructionSink &w, const Layout &l, const TileWork &t,
                         bool fullC, unsigned act) {
  LoopWsConfigBoundsOp::Decoded bounds;
  bounds.i = uint64_t(t.i);
  bounds.j = uint64_t(t.j);
  bounds.k = uint64_t(t.k);
  bounds.padI = uint64_t(t.padI);
  bounds.padJ = uint64_t(t.padJ);
  bounds.padK = uint64_t(t.padK);
  LoopWsConfigAddrsAbOp::Decoded ab;
  ab.a = t.a;
  ab.b = t.b;
  LoopWsConfigAddrsDcOp::Decoded dc;
  dc.d = t.d;
  dc.c = t.c;
  LoopWsConfigStridesAbOp::Decoded sab;
  sab.aStride = uint64_t(l.k);
  sab.bStride = uint64_t(l.n);
  LoopWsConfigStridesDcOp::Decoded sdc;
  sdc.dStride = uint64_t(l.dRow());
  sdc.cStride = uint64_t(l.n);
  LoopWsOp::Decoded loop;
  loop.exAccumulate = t.exAccumulate;
  loop.fullC = fullC;
  loop.activation = act;
  loop.aSpadId = t.aSpadId;
  loop.bSpadId = t.bSpadId;
  if (failed(w.emit<LoopWsConfigBoundsOp>(bounds)) ||
      failed(w.emit<LoopWsConfigAddrsAbOp>(ab)) ||
      failed(w.emit<LoopWsConfigAddrsDcOp>(dc)) ||
      failed(w.emit<LoopWsConfigStridesAbOp>(sab)) ||
      failed(w.emit<LoopWsConfigStridesDcOp>(sdc)) ||
      failed(w.emit<LoopWsOp>(loop)))
    return failure();
  return success();
}

/// The instructions loop_ws stands for (libgemmini's expansion, which the
/// simulator executes too): the bias into the accumulator, then for k,
/// j, i the A and B blocks moved in as first needed, a preload (new
/// weights when i is 0) and a compute, and C moved out after the last k.
/// A sits from scratchpad row 0, B ends at the middle row; in the upper
/// half instead (from the middle, ending at the last row) for spad id 2.
LogicalResult emitExplicit(InstructionSink &w, const Layout &l,
                           const TileWork &t, bool fullC, int64_t sizeC) {
  uint64_t dim = uint64_t(l.dim);
  auto last = [&](int64_t x, int64_t n, int64_t pad) {
    return dim - uint64_t(x == n - 1 ? pad : 0);
  };
  uint64_t half = uint64_t(l.spadRows / 2);
  uint32_t aStart = uint32_t(t.aSpadId == 2 ? half : 0);
  uint32_t bStart =
      uint32_t((t.bSpadId == 2 ? 2 * half : half) - t.k * t.j * dim);
  uint32_t cStart = kLocalAccumulator | kLocalAccumulate |
                    (fullC ? kLocalReadFull : 0);
  if (t.d)
    for (int64_t i = 0; i < t.i; ++i)
      for (int64_t j = 0; j < t.j; ++j) {
        if (failed(w.move<Mvin3Op>(
                t.d + uint64_t(i * l.dRow() + j) * dim * 4,
                kLocalAccumulator | uint32_t((i * t.j + j) * dim),
                last(i, t.i, t.padI), last(j, t.j, t.padJ))))
          return failure();
      }
  for (int64_t k = 0; k < t.k; ++k)
    for (int64_t j = 0; j < t.j; ++j)
      for (int64_t i = 0; i < t.i; ++i) {
        uint32_t aLocal = aStart + uint32_t((i * t.k + k) * dim);
        uint32_t bLocal = bStart + uint32_t((k * t.j + j) * dim);
        uint32_t cLocal = cStart + uint32_t((i * t.j + j) * dim);
        uint64_t rows = last(i, t.i, t.padI), cols = last(j, t.j, t.padJ),
                 depth = last(k, t.k, t.padK);
        if (j == 0 && t.a &&
            failed(w.move<MvinOp>(
                t.a + (uint64_t(i) * uint64_t(l.k) + uint64_t(k)) * dim,
                aLocal, rows, depth)))
          return failure();
        if (i == 0 && t.b &&
            failed(w.move<Mvin2Op>(
                t.b + (uint64_t(k) * uint64_t(l.n) + uint64_t(j)) * dim,
                bLocal, depth, cols)))
          return failure();
        uint32_t c = !t.exAccumulate && k == 0 ? cLocal & ~kLocalAccumulate
                                               : cLocal;
        if (failed(w.preload(i == 0 ? bLocal : kGarbageAddr, depth, cols, c,
                             rows, cols)) ||
            failed(w.compute(i == 0, aLocal, rows, depth, kGarbageAddr, dim,
                             dim)))
          return failure();
        if (t.c && k == t.k - 1 &&
            failed(w.move<MvoutOp>(
                t.c + (uint64_t(i) * uint64_t(l.n) + uint64_t(j)) * dim *
                          uint64_t(sizeC),
                cLocal & ~kLocalAccumulate, rows, cols)))
          return failure();
      }
  return success();
}

/// sp_tiled_matmul_os: the bias (int32, one row repeated or a row per row
/// of C) into the accumulator, B and A into the scratchpad (A from row 0,
/// B ending at the last row; several blocks per move), each C block
/// accumulated in the array over K and written onto the accumulator by its
/// last compute (overwriting it when the layer has no bias: the first K
/// tile then starts each block), and C moved out by the last K tile. Every
/// move goes through load state 0, configured before each operand.
LogicalResult emitOs(InstructionSink &w, const Layout &l, const TileWork &t,
                     bool fullC, int64_t sizeC, bool layerBias, bool firstK) {
  uint64_t dim = uint64_t(l.dim);
  auto pad = [&](int64_t x, int64_t n, int64_t p) {
    return uint64_t(x == n - 1 ? p : 0);
  };
  auto configLd = [&](uint64_t stride) {
    return w.configLd(0, stride, uint64_t(l.dim));
  };
  uint32_t bStart = uint32_t(uint64_t(l.spadRows) - t.k * t.j * dim);
  uint32_t cStart = kLocalAccumulator | kLocalAccumulate |
                    (fullC ? kLocalReadFull : 0);
  if (t.d) {
    if (failed(configLd(uint64_t(l.dRow()) * 4)))
      return failure();
    int64_t blocks = std::min(t.j, l.maxBlockLenAcc);
    for (int64_t i = 0; i < t.i; ++i)
      for (int64_t j = 0; j < t.j; j += blocks) {
        int64_t n = std::min(blocks, t.j - j);
        uint64_t cols = uint64_t(n) * dim - (j + n >= t.j ? uint64_t(t.padJ) : 0);
        if (failed(w.move<MvinOp>(
                t.d + uint64_t(i * l.dRow() + j) * dim * 4,
                kLocalAccumulator | uint32_t((i * t.j + j) * dim),
                dim - pad(i, t.i, t.padI), cols)))
          return failure();
      }
  }
  if (failed(configLd(uint64_t(l.n))))
    return failure();
  int64_t bBlocks = std::min(t.j, l.maxBlockLen);
  for (int64_t j = 0; j < t.j; j += bBlocks)
    for (int64_t k = 0; k < t.k; ++k) {
      int64_t n = std::min(bBlocks, t.j - j);
      uint64_t cols = uint64_t(n) * dim - (j + n >= t.j ? uint64_t(t.padJ) : 0);
      if (failed(w.move<MvinOp>(
              t.b + (uint64_t(k) * uint64_t(l.n) + uint64_t(j)) * dim,
              bStart + uint32_t((k * t.j + j) * dim), dim - pad(k, t.k, t.padK),
              cols)))
        return failure();
    }
  if (failed(configLd(uint64_t(l.k))))
    return failure();
  int64_t aBlocks = std::min(t.k, l.maxBlockLen);
  for (int64_t i = 0; i < t.i; ++i)
    for (int64_t k = 0; k < t.k; k += aBlocks) {
      int64_t n = std::min(aBlocks, t.k - k);
      uint64_t cols = uint64_t(n) * dim - (k + n >= t.k ? uint64_t(t.padK) : 0);
      if (failed(w.move<MvinOp>(
              t.a + (uint64_t(i) * uint64_t(l.k) + uint64_t(k)) * dim,
              uint32_t((i * t.k + k) * dim), dim - pad(i, t.i, t.padI), cols)))
        return failure();
    }
  for (int64_t i = 0; i < t.i; ++i)
    for (int64_t j = 0; j < t.j; ++j) {
      uint32_t cLocal = cStart + uint32_t((i * t.j + j) * dim);
      uint64_t rows = dim - pad(i, t.i, t.padI), cols = dim - pad(j, t.j, t.padJ);
      for (int64_t k = 0; k < t.k; ++k) {
        uint64_t depth = dim - pad(k, t.k, t.padK);
        uint32_t c = k == t.k - 1 ? cLocal : kGarbageAddr;
        if (!layerBias && firstK && k == t.k - 1)
          c &= ~kLocalAccumulate;
        if (failed(w.preload(kGarbageAddr, dim, dim, c, rows, cols)) ||
            failed(w.compute(k == 0, uint32_t((i * t.k + k) * dim), rows,
                             depth, bStart + uint32_t((k * t.j + j) * dim),
                             depth, cols)))
          return failure();
      }
    }
  if (!t.c)
    return success();
  for (int64_t i = 0; i < t.i; ++i)
    for (int64_t j = 0; j < t.j; ++j)
      if (failed(w.move<MvoutOp>(
              t.c + (uint64_t(i) * uint64_t(l.n) + uint64_t(j)) * dim *
                        uint64_t(sizeC),
              cStart + uint32_t((i * t.j + j) * dim), dim - pad(i, t.i, t.padI),
              dim - pad(j, t.j, t.padJ))))
        return failure();
  return success();
}

} // namespace

LogicalResult gemmini::writeTiledMatmul(InstructionSink &w,
                                        const MatmulShape &shape,
                                        const schedule::MatmulTile &tile,
                                        TargetAttr target,
                                        const MatmulAddresses &at,
                                        MatmulForm form,
                                        const MatmulStore &store) {
  Layout l{shape.m,        shape.n,
           shape.k,        shape.batch,
           shape.sharedB,  target.getDim(),
           tile.i,         tile.j,
           tile.k,         target.getSpadRows(),
           shape.batchedBias, target.getMaxBlockLen(),
           target.getMaxBlockLenAcc(), shape.fullBias};
  bool fullC = store.fullC;
  int64_t sizeC = fullC ? 4 : 1;
  bool os = form == MatmulForm::ExplicitOs;
  ConfigExOp::Decoded ex;
  ex.dataflow = os ? Dataflow::os : Dataflow::ws;
  ex.activation = store.activation;
  ex.aStride = 1;
  ex.cStride = 1;
  ConfigStOp::Decoded st;
  st.activation = store.activation;
  st.stride = uint64_t(l.n * sizeC);
  st.accScale = store.scale;
  if (failed(w.emit<ConfigExOp>(ex)) || failed(w.emit<ConfigStOp>(st)))
    return failure();
  // A's and B's rows, and the bias's (stride 0: one row repeated).
  for (auto [id, stride] :
       {std::pair<int, int64_t>{0, l.k}, {1, l.n}, {2, l.dRow() * 4}})
    if (failed(w.configLd(id, uint64_t(stride), uint64_t(l.dim))))
      return failure();
  int64_t dim = l.dim;
  auto blocks = [&](int64_t x) { return (x + dim - 1) / dim; };
  int64_t bi = blocks(l.m), bj = blocks(l.n), bk = blocks(l.k);
  schedule::MatmulTileNest nest(l.m, l.n, l.k, tile, dim);
  int64_t i0n = nest.i0, j0n = nest.j0, k0n = nest.k0;
  // An operand kept in the scratchpad (weight-stationary only): the later
  // tiles that need it move nothing.
  bool aReuse = !os && nest.keepsA(), bReuse = !os && nest.keepsB();
  for (int64_t p = 0; p < l.batch; ++p)
    for (int64_t i0 = 0; i0 < i0n; ++i0)
      for (int64_t j0 = 0; j0 < j0n; ++j0)
        for (int64_t k0 = 0; k0 < k0n; ++k0) {
          TileWork t;
          t.i = std::min(l.ti, bi - i0 * l.ti);
          t.j = std::min(l.tj, bj - j0 * l.tj);
          t.k = std::min(l.tk, bk - k0 * l.tk);
          t.padI = i0 == i0n - 1 ? bi * dim - l.m : 0;
          t.padJ = j0 == j0n - 1 ? bj * dim - l.n : 0;
          t.padK = k0 == k0n - 1 ? bk * dim - l.k : 0;
          int64_t row = i0 * l.ti * dim, col = j0 * l.tj * dim,
                  depth = k0 * l.tk * dim;
          t.a = at.a + uint64_t(p * l.m * l.k + row * l.k + depth);
          t.b = at.b + uint64_t((l.sharedB ? 0 : p * l.k * l.n) +
                                depth * l.n + col);
          int64_t dAt = l.fullBias      ? p * l.m * l.n + row * l.n
                        : l.batchedBias ? p * l.n
                                        : 0;
          t.d = at.bias && k0 == 0 ? at.bias + uint64_t(dAt + col) * 4 : 0;
          t.c = k0 == k0n - 1
                    ? at.c + uint64_t((p * l.m * l.n + row * l.n + col) * sizeC)
                    : 0;
          // Accumulate onto the bias, or onto the previous K tiles.
          t.exAccumulate = k0 > 0 || at.bias;
          if (aReuse) {
            t.aSpadId = i0 + k0 == 0 ? 1 : 2;
            if (j0 > 0)
              t.a = 0;
          }
          if (bReuse) {
            t.bSpadId = j0 + k0 == 0 ? 1 : 2;
            if (i0 > 0)
              t.b = 0;
          }
          LogicalResult written =
              form == MatmulForm::LoopWs
                  ? emitLoopWs(w, l, t, fullC, store.activation)
              : form == MatmulForm::ExplicitWs
                  ? emitExplicit(w, l, t, fullC, sizeC)
                  : emitOs(w, l, t, fullC, sizeC, at.bias != 0, k0 == 0);
          if (failed(written))
            return failure();
        }
  return success();
}
