//===- LowerToGemmini.cpp - tiled layers to gemmini programs --------------===//
//
// One program per layer: a matrix product written as Gemmini's
// tiled_matmul_outer issues a weight-stationary matmul (gemmini-rocc-tests
// include/gemmini.h): the configuration, then per tile i0, j0, k0 the
// loop_ws configuration and loop_ws; a convolution kept whole as tiled_conv
// issues it (gemmini/Programs/TiledConv.h). Each layer gets a DRAM segment per operand
// and its result, and the host calls its program in its place.
//
//===----------------------------------------------------------------------===//

#include "ProgramWriter.h"

#include "tessel/Conversion/Passes.h"
#include "tessel/Dialect/Gemmini/Programs/TiledConv.h"
#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Dialect/Tile/Transforms/ConvLoop.h"

#include "mlir/IR/SymbolTable.h"

namespace mlir::tessel {
#define GEN_PASS_DEF_TESSELLOWERTOGEMMINI
#include "tessel/Conversion/Passes.h.inc"
} // namespace mlir::tessel

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;
using namespace mlir::tessel::gemmini::lowering;

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
    TargetAttr target = getTarget(module);
    uint64_t next = kPlanStart;
    for (SegmentOp s : module.getOps<SegmentOp>())
      next = std::max(next, alignUp(uint64_t(s.getBase() + s.getSize())));
    SmallVector<Operation *> layers;
    module.walk([&](Operation *op) {
      if (isa<tile::MatmulOp, tile::ConvOp>(op))
        layers.push_back(op);
    });
    SymbolTable symbols(module);
    for (Operation *op : layers) {
      LogicalResult lowered =
          isa<tile::MatmulOp>(op)
              ? lower(cast<tile::MatmulOp>(op), target, symbols, next)
              : lower(cast<tile::ConvOp>(op), target, symbols, next);
      if (failed(lowered))
        return signalPassFailure();
    }
  }

  /// A value the program reads from (or writes to) its own segment.
  struct Operand {
    const char *suffix;
    SegmentKind kind;
    Value value; ///< null for the result
    RankedTensorType type;
  };
  using WriteFn = function_ref<LogicalResult(ProgramWriter &, ArrayRef<Segment>)>;

  /// The layer's segments (its operands', then the result's), its program
  /// written by `write`, and the host's call in its place at `host`.
  FailureOr<CallOp> buildProgram(Operation *op, ArrayRef<Operand> operands,
                                 Operand result, SymbolTable &symbols,
                                 uint64_t &next, OpBuilder &host,
                                 WriteFn write) {
    ModuleOp module = getOperation();
    OpBuilder b(module.getBodyRegion());
    b.setInsertionPoint(op->getParentOfType<func::FuncOp>());
    Location loc = op->getLoc();
    std::string base = layerName(loc);
    SmallVector<Operand> all(operands);
    all.push_back(result);
    // A name free for the program and each of its segments.
    auto taken = [&](const std::string &n) {
      return symbols.lookup(n) ||
             llvm::any_of(all, [&](const Operand &o) {
               return symbols.lookup(n + "_" + o.suffix) != nullptr;
             });
    };
    std::string name = base;
    for (int i = 1; taken(name); ++i)
      name = base + "_" + std::to_string(i);

    SmallVector<Segment> plan;
    for (const Operand &o : all) {
      uint64_t size = uint64_t(o.type.getNumElements()) *
                      (o.type.getElementType().getIntOrFloatBitWidth() / 8);
      Segment s{name + "_" + o.suffix, "", o.kind, next, size};
      next = alignUp(next + size);
      auto seg = SegmentOp::create(b, loc, s.name, o.kind, int64_t(s.base),
                                   int64_t(s.size), TypeAttr::get(o.type));
      symbols.insert(seg);
      plan.push_back(s);
    }
    auto program = ProgramOp::create(b, loc, name);
    symbols.insert(program);
    OpBuilder pb = OpBuilder::atBlockEnd(&program.getBody().front());
    ProgramWriter w(pb, loc, plan);
    if (failed(write(w, plan)))
      return failure();

    SmallVector<Attribute> ins;
    SmallVector<Value> values;
    for (auto [o, s] : llvm::zip(operands, plan)) {
      ins.push_back(FlatSymbolRefAttr::get(&getContext(), s.name));
      values.push_back(o.value);
    }
    return CallOp::create(
        host, loc, TypeRange{result.type}, name, host.getArrayAttr(ins),
        host.getArrayAttr(
            {FlatSymbolRefAttr::get(&getContext(), plan.back().name)}),
        values);
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
    Location loc = op.getLoc();
    OpBuilder hb(op);
    RankedTensorType cType = op.getResult().getType().clone(
        fullC ? hb.getI32Type() : hb.getI8Type());
    SmallVector<Operand> operands = {
        {"a", SegmentKind::inputs, op.getA(), op.getA().getType()},
        {"b", SegmentKind::weights, op.getB(), op.getB().getType()}};
    if (op.getBias())
      operands.push_back({"bias", SegmentKind::weights, op.getBias(),
                          op.getBias().getType()});
    bool bias = op.getBias() != nullptr;
    FailureOr<CallOp> call = buildProgram(
        op, operands, {"c", SegmentKind::outputs, Value(), cType}, symbols,
        next, hb, [&](ProgramWriter &w, ArrayRef<Segment> plan) {
          return writeProgram(w, l, plan, bias, fullC, act,
                              storeScales ? (*scales)[0] : 1.0f, sizeC);
        });
    if (failed(call))
      return failure();
    // What the layer was tiled with, for reports (--stats).
    (*call)->setAttr("tile.tiles", op.getTilesAttr());
    Value result = call->getResult(0);
    if (scales && !storeScales)
      result = tile::RequantizeOp::create(
          hb, loc, op.getResult().getType(), result, op.getAccScaleAttr(),
          hb.getI64IntegerAttr(cType.getRank() - 1), op.getActivationAttr());
    op.getResult().replaceAllUsesWith(result);
    op->erase();
    return success();
  }

  /// A convolution kept whole: NHWC input and output and HWIO weights
  /// (depthwise weights stay OIHW: one kernel per channel) around
  /// tiled_conv's program.
  LogicalResult lower(tile::ConvOp op, TargetAttr target, SymbolTable &symbols,
                      uint64_t &next) {
    std::optional<ArrayRef<int64_t>> tiles = op.getTiles();
    if (!tiles)
      return op.emitError("has no tiles: run --tessel-tile first");
    if (explicitInstructions)
      return op.emitError("a convolution loop has no explicit form here: "
                          "lower convolutions with --tile-conv-to-matmul");
    std::string reason;
    FailureOr<schedule::ConvProblem> problem = getConvLoopProblem(op, reason);
    if (failed(problem))
      return op.emitError() << "does not run as Gemmini's convolution loop: "
                            << reason;
    Location loc = op.getLoc();
    OpBuilder hb(op);
    auto permuted = [&](Value v, ArrayRef<int64_t> perm) -> Value {
      return nn::TransposeOp::create(hb, loc, v, hb.getDenseI64ArrayAttr(perm));
    };
    bool depthwise = problem->groups != 1;
    Value input = permuted(op.getInput(), {0, 2, 3, 1});
    Value weights =
        depthwise ? op.getWeight() : permuted(op.getWeight(), {2, 3, 1, 0});
    SmallVector<Operand> operands = {
        {"x", SegmentKind::inputs, input,
         cast<RankedTensorType>(input.getType())},
        {"w", SegmentKind::weights, weights,
         cast<RankedTensorType>(weights.getType())}};
    if (op.getBias())
      operands.push_back({"bias", SegmentKind::weights, op.getBias(),
                          op.getBias().getType()});
    ArrayRef<int64_t> y = op.getResult().getType().getShape(); // pooled
    auto outType = RankedTensorType::get({y[0], y[2], y[3], y[1]},
                                         hb.getI8Type());
    unsigned act = op.getActivation() == tile::Activation::relu ? 1 : 0;
    float scale = (*op.getAccScale())[0];
    schedule::ConvTile tile = tile::convTileOf(*tiles);
    FailureOr<CallOp> call = buildProgram(
        op, operands, {"y", SegmentKind::outputs, Value(), outType}, symbols,
        next, hb, [&](ProgramWriter &w, ArrayRef<Segment> plan) {
          ConvAddresses at;
          at.input = plan[0].base;
          at.weights = plan[1].base;
          at.bias = op.getBias() ? plan[2].base : 0;
          at.output = plan.back().base;
          return writeTiledConv(w, *problem, tile, target.getDim(), at, act,
                                scale);
        });
    if (failed(call))
      return failure();
    (*call)->setAttr("tile.tiles", op.getTilesAttr());
    op.getResult().replaceAllUsesWith(
        permuted(call->getResult(0), {0, 3, 1, 2}));
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
