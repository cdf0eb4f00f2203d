//===- LowerToGemmini.cpp - tiled layers to gemmini programs --------------===//
//
// One program per layer, written as Gemmini's tiled_matmul_outer issues a
// weight-stationary matmul (gemmini-rocc-tests include/gemmini.h): the
// configuration, then per tile i0, j0, k0 the loop_ws configuration and
// loop_ws. Instructions are built from their typed fields (Op::Decoded)
// and decoded against the layer's segments, so DRAM operands name them.
//
//===----------------------------------------------------------------------===//

#include "tessel/Conversion/Passes.h"
#include "tessel/Dialect/Gemmini/IR/GemminiEncoding.h"
#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/Dialect/NN/IR/NNDialect.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::tessel {
#define GEN_PASS_DEF_TESSELLOWERTOGEMMINI
#include "tessel/Conversion/Passes.h.inc"
} // namespace mlir::tessel

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;

namespace {

constexpr uint64_t kPlanStart = 0x1000, kAlign = 64;

uint64_t alignUp(uint64_t v) { return (v + kAlign - 1) / kAlign * kAlign; }

/// A symbol-safe name for the layer at `loc`: its ONNX node's, or "layer".
std::string layerName(Location loc) {
  StringAttr node = nn::getNodeName(loc);
  std::string name = node ? node.str() : "layer";
  for (char &c : name)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_')
      c = '_';
  if (name.empty() || !isalpha(static_cast<unsigned char>(name[0])))
    name = "l" + name;
  return name;
}

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

struct Layout {
  int64_t m, n, k, batch;
  bool sharedB;
  int64_t dim;
  int64_t ti, tj, tk; ///< tile in blocks
  int64_t spadRows;
  bool batchedBias; ///< one bias row per batch element
};

struct LowerToGemminiPass
    : mlir::tessel::impl::TesselLowerToGemminiBase<LowerToGemminiPass> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto target = module->getAttrOfType<TargetAttr>("gemmini.target");
    if (!target)
      target = getDefaultTarget(&getContext());
    uint64_t next = kPlanStart;
    for (SegmentOp s : module.getOps<SegmentOp>())
      next = std::max(next, alignUp(uint64_t(s.getBase() + s.getSize())));
    SmallVector<tile::MatmulOp> layers;
    module.walk([&](tile::MatmulOp op) { layers.push_back(op); });
    SymbolTable symbols(module);
    for (tile::MatmulOp op : layers)
      if (failed(lower(op, target, symbols, next)))
        return signalPassFailure();
  }

  LogicalResult lower(tile::MatmulOp op, TargetAttr target,
                      SymbolTable &symbols, uint64_t &next) {
    std::optional<ArrayRef<int64_t>> tiles = op.getTiles();
    if (!tiles)
      return op.emitError("has no tiles: run --tessel-tile first");
    Layout l{op.getM(), op.getN(), op.getK(), op.hasSharedB() ? 1 : op.getBatch(),
             op.hasSharedB(), target.getDim(), (*tiles)[0], (*tiles)[1],
             (*tiles)[2], target.getSpadRows(),
             op.getBias() && op.getBias().getType().getRank() > 1};
    // Per-channel scales are applied on the host to the raw accumulators.
    std::optional<ArrayRef<float>> scales = op.getAccScale();
    bool fullC = op.hasFullC(), storeScales = !fullC;
    bool relu = op.getActivation() == tile::Activation::relu;
    unsigned act = storeScales && relu ? 1 : 0;
    int64_t sizeC = fullC ? 4 : 1;

    ModuleOp module = getOperation();
    OpBuilder b(module.getBodyRegion());
    b.setInsertionPoint(op->getParentOfType<func::FuncOp>());
    Location loc = op.getLoc();
    std::string base = layerName(loc);
    // A name free for the program and each of its segments.
    auto taken = [&](const std::string &n) {
      return llvm::any_of(std::array<const char *, 5>{"", "_a", "_b", "_bias",
                                                      "_c"},
                          [&](const char *suffix) {
                            return symbols.lookup(n + suffix) != nullptr;
                          });
    };
    std::string name = base;
    for (int i = 1; taken(name); ++i)
      name = base + "_" + std::to_string(i);

    RankedTensorType cType = op.getResult().getType().clone(
        fullC ? b.getI32Type() : b.getI8Type());
    SmallVector<Segment> plan;
    auto addSegment = [&](StringRef suffix, SegmentKind kind,
                          RankedTensorType type) {
      uint64_t size = uint64_t(type.getNumElements()) *
                      (type.getElementType().getIntOrFloatBitWidth() / 8);
      Segment s{name + "_" + suffix.str(), "", kind, next, size};
      next = alignUp(next + size);
      auto seg = SegmentOp::create(b, loc, s.name, kind, int64_t(s.base),
                                   int64_t(s.size), TypeAttr::get(type));
      symbols.insert(seg);
      plan.push_back(s);
    };
    addSegment("a", SegmentKind::inputs, op.getA().getType());
    addSegment("b", SegmentKind::weights, op.getB().getType());
    if (op.getBias())
      addSegment("bias", SegmentKind::weights, op.getBias().getType());
    addSegment("c", SegmentKind::outputs, cType);

    auto program = ProgramOp::create(b, loc, name);
    symbols.insert(program);
    OpBuilder pb = OpBuilder::atBlockEnd(&program.getBody().front());
    ProgramWriter w(pb, loc, plan);
    if (failed(writeProgram(w, l, plan, op.getBias() != nullptr, fullC, act,
                            storeScales ? (*scales)[0] : 1.0f, sizeC)))
      return failure();

    // The host's side: the call, and the per-channel requantization.
    OpBuilder hb(op);
    SmallVector<Attribute> ins = {FlatSymbolRefAttr::get(&getContext(), plan[0].name),
                                  FlatSymbolRefAttr::get(&getContext(), plan[1].name)};
    SmallVector<Value> operands = {op.getA(), op.getB()};
    if (op.getBias()) {
      ins.push_back(FlatSymbolRefAttr::get(&getContext(), plan[2].name));
      operands.push_back(op.getBias());
    }
    auto call = CallOp::create(
        hb, loc, TypeRange{cType}, name, hb.getArrayAttr(ins),
        hb.getArrayAttr({FlatSymbolRefAttr::get(&getContext(), plan.back().name)}),
        operands);
    // What the layer was tiled with, for reports (--stats).
    call->setAttr("tile.tiles", op.getTilesAttr());
    Value result = call.getResult(0);
    if (scales && !storeScales)
      result = tile::RequantizeOp::create(
          hb, loc, op.getResult().getType(), result, op.getAccScaleAttr(),
          hb.getI64IntegerAttr(cType.getRank() - 1), op.getActivationAttr());
    op.getResult().replaceAllUsesWith(result);
    op->erase();
    return success();
  }

  /// One tile's part of the problem: its size and padding in blocks, the
  /// DRAM addresses of its A, B, bias (0: none) and C (0: not yet out).
  struct TileWork {
    int64_t i, j, k, padI, padJ, padK;
    uint64_t a, b, d, c;
    bool exAccumulate;
  };

  LogicalResult emitLoopWs(ProgramWriter &w, const Layout &l,
                           const TileWork &t, bool fullC, unsigned act) {
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
    sdc.dStride = 0;
    sdc.cStride = uint64_t(l.n);
    LoopWsOp::Decoded loop;
    loop.exAccumulate = t.exAccumulate;
    loop.fullC = fullC;
    loop.activation = act;
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
  /// A sits from scratchpad row 0, B ends at the middle row.
  LogicalResult emitExplicit(ProgramWriter &w, const Layout &l,
                             const TileWork &t, bool fullC, int64_t sizeC) {
    uint64_t dim = uint64_t(l.dim);
    auto last = [&](int64_t x, int64_t n, int64_t pad) {
      return dim - uint64_t(x == n - 1 ? pad : 0);
    };
    uint32_t bStart = uint32_t(uint64_t(l.spadRows / 2) - t.k * t.j * dim);
    uint32_t cStart = kLocalAccumulator | kLocalAccumulate |
                      (fullC ? kLocalReadFull : 0);
    if (t.d)
      for (int64_t i = 0; i < t.i; ++i)
        for (int64_t j = 0; j < t.j; ++j) {
          if (failed(w.move<Mvin3Op>(
                  t.d + uint64_t(j) * dim * 4,
                  kLocalAccumulator | uint32_t((i * t.j + j) * dim),
                  last(i, t.i, t.padI), last(j, t.j, t.padJ))))
            return failure();
        }
    for (int64_t k = 0; k < t.k; ++k)
      for (int64_t j = 0; j < t.j; ++j)
        for (int64_t i = 0; i < t.i; ++i) {
          uint32_t aLocal = uint32_t((i * t.k + k) * dim);
          uint32_t bLocal = bStart + uint32_t((k * t.j + j) * dim);
          uint32_t cLocal = cStart + uint32_t((i * t.j + j) * dim);
          uint64_t rows = last(i, t.i, t.padI), cols = last(j, t.j, t.padJ),
                   depth = last(k, t.k, t.padK);
          if (j == 0 &&
              failed(w.move<MvinOp>(
                  t.a + (uint64_t(i) * uint64_t(l.k) + uint64_t(k)) * dim,
                  aLocal, rows, depth)))
            return failure();
          if (i == 0 &&
              failed(w.move<Mvin2Op>(
                  t.b + (uint64_t(k) * uint64_t(l.n) + uint64_t(j)) * dim,
                  bLocal, depth, cols)))
            return failure();
          PreloadOp::Decoded pre;
          pre.bd = i == 0 ? bLocal : kGarbageAddr;
          pre.bdRows = depth;
          pre.bdCols = cols;
          pre.c = !t.exAccumulate && k == 0 ? cLocal & ~kLocalAccumulate
                                            : cLocal;
          pre.cRows = rows;
          pre.cCols = cols;
          if (failed(w.emit<PreloadOp>(pre)))
            return failure();
          auto compute = [&](auto d) {
            d.a = aLocal;
            d.aRows = rows;
            d.aCols = depth;
            d.bd = kGarbageAddr;
            d.bdRows = dim;
            d.bdCols = dim;
            return d;
          };
          if (failed(i == 0 ? w.emit<ComputePreloadedOp>(
                                  compute(ComputePreloadedOp::Decoded()))
                            : w.emit<ComputeAccumulatedOp>(
                                  compute(ComputeAccumulatedOp::Decoded()))))
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

  /// tiled_matmul_outer's configuration and loop, for every batch element.
  LogicalResult writeProgram(ProgramWriter &w, const Layout &l,
                             ArrayRef<Segment> plan, bool bias, bool fullC,
                             unsigned act, float scale, int64_t sizeC) {
    ConfigExOp::Decoded ex;
    ex.dataflow = Dataflow::ws;
    ex.activation = act;
    ex.aStride = 1;
    ex.cStride = 1;
    ConfigStOp::Decoded st;
    st.activation = act;
    st.stride = uint64_t(l.n * sizeC);
    st.accScale = scale;
    if (failed(w.emit<ConfigExOp>(ex)) || failed(w.emit<ConfigStOp>(st)))
      return failure();
    // A's and B's rows, and the bias repeated over every row (stride 0).
    for (auto [id, stride] : {std::pair<int, int64_t>{0, l.k}, {1, l.n}, {2, 0}}) {
      ConfigLdOp::Decoded ld;
      ld.id = id;
      ld.stride = uint64_t(stride);
      ld.blockStride = uint64_t(l.dim);
      ld.pixelRepeats = 1;
      ld.scale = 1.0f;
      if (failed(w.emit<ConfigLdOp>(ld)))
        return failure();
    }
    const Segment &a = plan[0], &bseg = plan[1], &c = plan.back();
    const Segment *d = bias ? &plan[2] : nullptr;
    int64_t dim = l.dim;
    auto blocks = [&](int64_t x) { return (x + dim - 1) / dim; };
    int64_t bi = blocks(l.m), bj = blocks(l.n), bk = blocks(l.k);
    int64_t i0n = (bi + l.ti - 1) / l.ti, j0n = (bj + l.tj - 1) / l.tj,
            k0n = (bk + l.tk - 1) / l.tk;
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
            t.a = a.base + uint64_t(p * l.m * l.k + row * l.k + depth);
            t.b = bseg.base + uint64_t((l.sharedB ? 0 : p * l.k * l.n) +
                                       depth * l.n + col);
            t.d = d && k0 == 0 ? d->base + uint64_t((l.batchedBias ? p * l.n : 0) +
                                                    col) * 4
                               : 0;
            t.c = k0 == k0n - 1 ? c.base + uint64_t((p * l.m * l.n +
                                                     row * l.n + col) *
                                                    sizeC)
                                : 0;
            // Accumulate onto the bias, or onto the previous K tiles.
            t.exAccumulate = k0 > 0 || d;
            if (failed(explicitInstructions
                           ? emitExplicit(w, l, t, fullC, sizeC)
                           : emitLoopWs(w, l, t, fullC, act)))
              return failure();
          }
    return success();
  }
};

} // namespace
