//===- ConvToMatmul.cpp - convolutions as im2col and a matrix product -----===//

#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Dialect/Tile/Transforms/ConvLoop.h"
#include "tessel/Dialect/Tile/Transforms/Passes.h"
#include "tessel/Schedule/GemminiCostTiling.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <array>
#include <map>

namespace mlir::tessel::tile {
#define GEN_PASS_DEF_TILECONVTOMATMUL
#include "tessel/Dialect/Tile/Transforms/Passes.h.inc"
} // namespace mlir::tessel::tile

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;

namespace {

Value reshape(PatternRewriter &r, Location loc, Value v,
              ArrayRef<int64_t> shape) {
  return nn::ReshapeOp::create(r, loc, v, r.getDenseI64ArrayAttr(shape));
}
Value transpose(PatternRewriter &r, Location loc, Value v,
                ArrayRef<int64_t> perm) {
  return nn::TransposeOp::create(r, loc, v, r.getDenseI64ArrayAttr(perm));
}

/// An ungrouped convolution: one product of the patches and the weights.
/// A grouped (or depthwise) one: a batch of products, one per group, with
/// a bias row per group. A per-channel scale of a grouped convolution runs
/// over the whole output, so there the product keeps its accumulators and
/// tile.requantize applies the scales to the NCHW result.
struct ConvAsMatmul : OpRewritePattern<ConvOp> {
  ConvAsMatmul(MLIRContext *ctx, ConvLoops keep)
      : OpRewritePattern(ctx), keep(keep) {}
  ConvLoops keep;

  /// Whether the layer stays whole for loop_conv_ws.
  bool keepsWhole(ConvOp op) const {
    if (keep == ConvLoops::none)
      return false;
    std::string reason;
    FailureOr<schedule::ConvProblem> problem = getConvLoopProblem(op, reason);
    if (failed(problem))
      return false;
    gemmini::TargetAttr target = gemmini::getTarget(op);
    FailureOr<schedule::ConvTiling> tiling =
        schedule::gemminiConvTiling(*problem, target, reason);
    if (failed(tiling))
      return false;
    if (keep == ConvLoops::all)
      return true;
    // A network repeats its shapes, and the driver may visit an op again.
    const schedule::ConvProblem &p = *problem;
    std::array<int64_t, 16> key = {
        p.batch,      p.inRows,         p.inCols,     p.inChannels,
        p.outChannels, p.kernelRows,    p.stride,     p.padding,
        p.kernelDilation, p.groups,     p.poolSize,   p.poolStride,
        p.poolPadding, p.outRows,       p.outCols,    op.getBias() != nullptr};
    auto [it, inserted] = faster.try_emplace(key, false);
    if (inserted) {
      FailureOr<int64_t> loop =
          timeConvLoop(op, p, tiling->tile, target, reason);
      FailureOr<int64_t> product = im2colCycles(op, target);
      it->second = succeeded(loop) && (failed(product) || *loop <= *product);
    }
    return it->second;
  }
  /// Per layer shape, whether the loop is faster (one target per module).
  mutable std::map<std::array<int64_t, 16>, bool> faster;

  /// The cost model's estimate for the layer's im2col product with the
  /// cost policy's tile (the product the rewrite below builds).
  static FailureOr<int64_t> im2colCycles(ConvOp op, gemmini::TargetAttr target) {
    ArrayRef<int64_t> w = op.getWeight().getType().getShape();
    SmallVector<int64_t, 4> y = op.getConvShape();
    int64_t g = op.getGroups();
    schedule::MatmulLayer layer;
    layer.m = y[0] * y[2] * y[3];
    layer.n = w[0] / g;
    layer.k = w[1] * w[2] * w[3];
    layer.batch = g;
    layer.bias = op.getBias() != nullptr;
    schedule::GemminiTiming timing = schedule::GemminiTiming::of(target);
    schedule::MatmulProblem problem;
    problem.m = layer.m;
    problem.n = layer.n;
    problem.k = layer.k;
    std::string error;
    std::optional<schedule::MatmulTile> preferred;
    if (auto base = schedule::gemminiMatmulTiling(problem, timing, error);
        succeeded(base))
      preferred = base->tile;
    auto best = schedule::costMatmulTiling(layer, timing, preferred, error);
    if (failed(best))
      return failure();
    return best->cost.cycles;
  }

  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getTiles() || keepsWhole(op))
      return rewriter.notifyMatchFailure(op, "runs as a convolution loop");
    Location loc = op.getLoc();
    ArrayRef<int64_t> w = op.getWeight().getType().getShape();
    // The convolution's own output; any pooling follows.
    SmallVector<int64_t, 4> y = op.getConvShape();
    int64_t g = op.getGroups(), og = w[0] / g;
    int64_t k = w[1] * w[2] * w[3], pixels = y[0] * y[2] * y[3];
    Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();
    Value patches = Im2ColOp::create(
        rewriter, loc, RankedTensorType::get({pixels, g * k}, i8),
        op.getInput(), rewriter.getDenseI64ArrayAttr(w.drop_front(2)),
        op.getStridesAttr(), op.getPadsAttr(), op.getDilationsAttr());
    Value product;
    if (g == 1) {
      Value weights = transpose(rewriter, loc,
                                reshape(rewriter, loc, op.getWeight(), {w[0], k}),
                                {1, 0});
      product = MatmulOp::create(
          rewriter, loc,
          RankedTensorType::get({pixels, w[0]},
                                op.getResult().getType().getElementType()),
          patches, weights, op.getBias(), op.getAccScaleAttr(),
          op.getActivationAttr(), /*tiles=*/DenseI64ArrayAttr(), /*estimated_cycles=*/IntegerAttr(),
          /*dataflow=*/tile::DataflowAttr());
    } else {
      std::optional<ArrayRef<float>> scales = op.getAccScale();
      bool storeScales = scales && scales->size() == 1;
      patches = transpose(rewriter, loc,
                          reshape(rewriter, loc, patches, {pixels, g, k}),
                          {1, 0, 2});
      Value weights = transpose(
          rewriter, loc, reshape(rewriter, loc, op.getWeight(), {g, og, k}),
          {0, 2, 1});
      Value bias = op.getBias();
      if (bias)
        bias = reshape(rewriter, loc, bias, {g, og});
      product = MatmulOp::create(
          rewriter, loc,
          RankedTensorType::get({g, pixels, og}, storeScales ? i8 : i32),
          patches, weights, bias,
          storeScales ? op.getAccScaleAttr() : DenseF32ArrayAttr(),
          storeScales ? op.getActivationAttr()
                      : ActivationAttr::get(getContext(), Activation::none),
          /*tiles=*/DenseI64ArrayAttr(), /*estimated_cycles=*/IntegerAttr(),
          /*dataflow=*/tile::DataflowAttr());
      product = transpose(rewriter, loc, product, {1, 0, 2});
    }
    Value nchw = transpose(
        rewriter, loc,
        reshape(rewriter, loc, product, {y[0], y[2], y[3], y[1]}), {0, 3, 1, 2});
    if (g != 1 && op.getAccScale() && op.getAccScale()->size() != 1)
      nchw = RequantizeOp::create(
          rewriter, loc,
          RankedTensorType::get(y, op.getResult().getType().getElementType()),
          nchw, op.getAccScaleAttr(), rewriter.getI64IntegerAttr(1),
          op.getActivationAttr());
    // The store path's pooling on the host: zeros around the output, then
    // windows over them alone.
    if (std::optional<ArrayRef<int64_t>> pool = op.getPool()) {
      int64_t size = (*pool)[0], stride = (*pool)[1], pad = (*pool)[2];
      if (pad)
        nchw = nn::PadOp::create(
            rewriter, loc, nchw,
            rewriter.getDenseI64ArrayAttr({0, 0, pad, pad, 0, 0, pad, pad}),
            rewriter.getStringAttr("constant"), rewriter.getF64FloatAttr(0));
      nchw = nn::MaxPoolOp::create(
          rewriter, loc, op.getResult().getType(), nchw,
          rewriter.getDenseI64ArrayAttr({size, size}),
          rewriter.getDenseI64ArrayAttr({stride, stride}),
          rewriter.getDenseI64ArrayAttr({0, 0, 0, 0}),
          rewriter.getDenseI64ArrayAttr({1, 1}), rewriter.getBoolAttr(false));
    }
    rewriter.replaceOp(op, nchw);
    return success();
  }
};

struct ConvToMatmulPass
    : mlir::tessel::tile::impl::TileConvToMatmulBase<ConvToMatmulPass> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ConvAsMatmul>(&getContext(), convLoops);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
