//===- ConvToMatmul.cpp - convolutions as im2col and a matrix product -----===//

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Dialect/Tile/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tessel::tile {
#define GEN_PASS_DEF_TILECONVTOMATMUL
#include "tessel/Dialect/Tile/Transforms/Passes.h.inc"
} // namespace mlir::tessel::tile

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;

namespace {

struct ConvAsMatmul : OpRewritePattern<ConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getGroups() != 1)
      return rewriter.notifyMatchFailure(op, "grouped convolutions stay");
    Location loc = op.getLoc();
    ArrayRef<int64_t> w = op.getWeight().getType().getShape();
    ArrayRef<int64_t> y = op.getResult().getType().getShape();
    int64_t k = w[1] * w[2] * w[3], pixels = y[0] * y[2] * y[3];
    auto i8 = rewriter.getI8Type();
    Value patches = Im2ColOp::create(
        rewriter, loc, RankedTensorType::get({pixels, k}, i8), op.getInput(),
        rewriter.getDenseI64ArrayAttr(w.drop_front(2)), op.getStridesAttr(),
        op.getPadsAttr(), op.getDilationsAttr());
    Value weights = nn::ReshapeOp::create(rewriter, loc, op.getWeight(),
                                          rewriter.getDenseI64ArrayAttr({w[0], k}));
    weights = nn::TransposeOp::create(rewriter, loc, weights,
                                      rewriter.getDenseI64ArrayAttr({1, 0}));
    Type elem = op.getResult().getType().getElementType();
    Value product = MatmulOp::create(
        rewriter, loc, RankedTensorType::get({pixels, w[0]}, elem), patches,
        weights, op.getBias(), op.getAccScaleAttr(), op.getActivationAttr(),
        /*tiles=*/DenseI64ArrayAttr(), /*estimated_cycles=*/IntegerAttr());
    Value nhwc = nn::ReshapeOp::create(
        rewriter, loc, product,
        rewriter.getDenseI64ArrayAttr({y[0], y[2], y[3], y[1]}));
    rewriter.replaceOpWithNewOp<nn::TransposeOp>(
        op, nhwc, rewriter.getDenseI64ArrayAttr({0, 3, 1, 2}));
    return success();
  }
};

struct ConvToMatmulPass
    : mlir::tessel::tile::impl::TileConvToMatmulBase<ConvToMatmulPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ConvAsMatmul>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
