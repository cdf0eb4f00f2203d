//===- LowerToGemmini.cpp - tiled layers to gemmini programs --------------===//
//
// One program per layer, what Gemmini's C library issues for it
// (gemmini/Programs): a matrix product as tiled_matmul_outer, a
// convolution kept whole as tiled_conv. Each layer gets a DRAM segment per
// operand and its result, and the host calls its program in its place.
//
//===----------------------------------------------------------------------===//

#include "ExplicitLayer.h"
#include "ProgramWriter.h"

#include "tessel/Conversion/Passes.h"
#include "tessel/Dialect/Gemmini/Programs/TiledConv.h"
#include "tessel/Dialect/Gemmini/Programs/TiledMatmul.h"
#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Dialect/Tile/Transforms/ConvLoop.h"
#include "tessel/Dialect/Tile/Transforms/MatmulProgram.h"

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
    // The explicit tiled form: one program per chain of stores.
    SmallVector<tile::StoreOp> lastStores;
    module.walk([&](tile::StoreOp op) {
      if (llvm::none_of(op->getUsers(), [&](Operation *user) {
            auto store = dyn_cast<tile::StoreOp>(user);
            return store && store.getDest() == op.getResult();
          }))
        lastStores.push_back(op);
    });
    for (tile::StoreOp op : lastStores)
      if (failed(lower(op, target, symbols, next)))
        return signalPassFailure();
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
    // Per-channel scales are applied on the host to the raw accumulators.
    std::optional<ArrayRef<float>> scales = op.getAccScale();
    gemmini::MatmulStore store = tile::matmulStoreOf(op);
    bool fullC = store.fullC;
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
    schedule::MatmulTile tile{(*tiles)[0], (*tiles)[1], (*tiles)[2]};
    FailureOr<CallOp> call = buildProgram(
        op, operands, {"c", SegmentKind::outputs, Value(), cType}, symbols,
        next, hb, [&](ProgramWriter &w, ArrayRef<Segment> plan) {
          MatmulAddresses at;
          at.a = plan[0].base;
          at.b = plan[1].base;
          at.bias = op.getBias() ? plan[2].base : 0;
          at.c = plan.back().base;
          return writeTiledMatmul(w, tile::matmulShapeOf(op), tile, target, at,
                                  tile::matmulFormOf(op, explicitInstructions),
                                  store);
        });
    if (failed(call))
      return failure();
    // What the layer was tiled with, for reports (--stats).
    (*call)->setAttr("tile.tiles", op.getTilesAttr());
    Value result = call->getResult(0);
    if (scales && fullC)
      result = tile::RequantizeOp::create(
          hb, loc, op.getResult().getType(), result, op.getAccScaleAttr(),
          hb.getI64IntegerAttr(cType.getRank() - 1), op.getActivationAttr());
    op.getResult().replaceAllUsesWith(result);
    op->erase();
    return success();
  }

  /// A layer in the explicit tiled form (--tile-expand): its loads,
  /// products and stores as instructions, each buffer placed on chip.
  LogicalResult lower(tile::StoreOp last, TargetAttr target,
                      SymbolTable &symbols, uint64_t &next) {
    FailureOr<ExplicitLayer> layer = collectExplicitLayer(last);
    if (failed(layer))
      return failure();
    // Segments named by role: the scratchpad operands, then the biases.
    std::vector<std::string> names;
    int spadSources = 0, accSources = 0;
    for (bool acc : layer->accSources) {
      int n = acc ? accSources++ : spadSources++;
      std::string name = acc ? "bias" : n == 0 ? "a" : n == 1 ? "b" : "in";
      if (acc ? n > 0 : n > 1)
        name += std::to_string(n);
      names.push_back(name);
    }
    SmallVector<Operand> operands;
    for (auto [v, name] : llvm::zip(layer->sources, names)) {
      bool constant = isa_and_nonnull<nn::ConstantOp>(v.getDefiningOp());
      operands.push_back({name.c_str(),
                          constant ? SegmentKind::weights : SegmentKind::inputs,
                          v, cast<RankedTensorType>(v.getType())});
    }
    RankedTensorType type = layer->dram.getResult().getType();
    OpBuilder hb(last);
    FailureOr<CallOp> call = buildProgram(
        last, operands, {"c", SegmentKind::outputs, Value(), type}, symbols,
        next, hb, [&](ProgramWriter &w, ArrayRef<Segment> plan) {
          SmallVector<uint64_t> bases;
          for (const Segment &s : plan.drop_back())
            bases.push_back(s.base);
          return writeExplicitLayer(w, *layer, target, bases,
                                    plan.back().base);
        });
    if (failed(call))
      return failure();
    if (Attribute tiles = layer->dram->getAttr("tile.tiles"))
      (*call)->setAttr("tile.tiles", tiles);
    last.getResult().replaceAllUsesWith(call->getResult(0));
    for (Operation *op : llvm::reverse(layer->ops))
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
};

} // namespace
