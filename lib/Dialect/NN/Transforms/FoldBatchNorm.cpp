//===- FoldBatchNorm.cpp - batch normalization into convolutions ----------===//

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/NN/Transforms/Passes.h"
#include "tessel/Interpreter/Tensor.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mlir::tessel::nn {
#define GEN_PASS_DEF_NNFOLDBATCHNORM
#include "tessel/Dialect/NN/Transforms/Passes.h.inc"
} // namespace mlir::tessel::nn

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;
using interp::Tensor;

namespace {

/// The f32 tensor of `v` if an nn.constant defines it.
std::optional<Tensor> constantF32(Value v) {
  auto c = v.getDefiningOp<ConstantOp>();
  if (!c || !cast<RankedTensorType>(c.getType()).getElementType().isF32())
    return std::nullopt;
  auto t = Tensor::fromAttr(c.getValue());
  if (failed(t))
    return std::nullopt;
  return std::move(*t);
}

struct FoldIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    auto conv = bn.getInput().getDefiningOp<ConvOp>();
    if (!conv || !conv->hasOneUse())
      return rewriter.notifyMatchFailure(bn, "not the only user of a conv");
    auto weight = constantF32(conv.getWeight());
    auto scale = constantF32(bn.getScale()), shift = constantF32(bn.getBias()),
         mean = constantF32(bn.getMean()), var = constantF32(bn.getVariance());
    std::optional<Tensor> bias;
    if (conv.getBias())
      bias = constantF32(conv.getBias());
    if (!weight || !scale || !shift || !mean || !var ||
        (conv.getBias() && !bias))
      return rewriter.notifyMatchFailure(bn, "operands not f32 constants");
    int64_t channels = weight->getShape().front();
    for (const Tensor *t : {&*scale, &*shift, &*mean, &*var})
      if (t->getNumElements() != channels)
        return rewriter.notifyMatchFailure(bn, "parameters are not per channel");

    double eps = bn.getEpsilon().convertToDouble();
    int64_t perChannel = channels ? weight->getNumElements() / channels : 0;
    Tensor w(cast<RankedTensorType>(weight->getType()));
    Tensor b(RankedTensorType::get({channels}, rewriter.getF32Type()));
    float *wOut = w.data<float>(), *bOut = b.data<float>();
    const float *wIn = weight->data<float>();
    for (int64_t c = 0; c < channels; ++c) {
      double s = scale->getAsDouble(c) / std::sqrt(var->getAsDouble(c) + eps);
      for (int64_t i = 0; i < perChannel; ++i)
        wOut[c * perChannel + i] = float(double(wIn[c * perChannel + i]) * s);
      double b0 = bias ? bias->getAsDouble(c) : 0.0;
      bOut[c] = float((b0 - mean->getAsDouble(c)) * s + shift->getAsDouble(c));
    }
    Location loc = bn.getLoc();
    Value newW = ConstantOp::create(rewriter, conv.getWeight().getLoc(),
                                    w.toAttr());
    Value newB = ConstantOp::create(rewriter, loc, b.toAttr());
    auto folded = ConvOp::create(
        rewriter, rewriter.getFusedLoc({conv.getLoc(), loc}), bn.getType(),
        ValueRange{conv.getInput(), newW, newB}, conv->getAttrs());
    rewriter.replaceOp(bn, folded.getResult());
    rewriter.eraseOp(conv);
    return success();
  }
};

struct FoldBatchNormPass
    : mlir::tessel::nn::impl::NNFoldBatchNormBase<FoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldBatchNormPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace

void mlir::tessel::nn::populateFoldBatchNormPatterns(
    RewritePatternSet &patterns) {
  patterns.add<FoldIntoConv>(patterns.getContext());
}
