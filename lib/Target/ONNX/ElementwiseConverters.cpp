//===- ElementwiseConverters.cpp - elementwise, norms, reductions -----------===//
//
// Opset-dependent forms (Clip bounds, Softmax axis semantics, ReduceSum axes,
// legacy broadcast attributes) become one nn operation each.
//
//===----------------------------------------------------------------------===//

#include "ConverterUtils.h"
#include "TensorConversion.h"

#include "tessel/Dialect/NN/IR/NNScalar.h"
#include "tessel/Dialect/NN/IR/NNShapes.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::onnx_import;

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

/// Before opset 7, `broadcast = 1` with `axis` aligns the second operand at
/// that axis of the first; reshaping it with trailing 1s makes that numpy
/// broadcasting. Returns the (possibly reshaped) second operand.
static FailureOr<Value> legacyBroadcastOperand(NodeContext &nc, Value lhs,
                                               Value rhs) {
  if (nc.opset >= 7 || !nc.attrInt("broadcast", 0) || !nc.attr("axis"))
    return rhs;
  auto lt = cast<RankedTensorType>(lhs.getType());
  auto rt = cast<RankedTensorType>(rhs.getType());
  int64_t axis = nc.attrInt("axis", 0);
  if (axis < 0)
    axis += lt.getRank();
  int64_t trailing = lt.getRank() - axis - rt.getRank();
  if (axis < 0 || trailing < 0)
    return nc.error("legacy broadcast axis " +
                    llvm::Twine(nc.attrInt("axis", 0)) +
                    " does not fit the operand ranks");
  if (trailing == 0)
    return rhs;
  llvm::SmallVector<int64_t> shape(rt.getShape());
  shape.append(trailing, 1);
  auto reshaped = nc.createOp<nn::ReshapeOp>(
      {rhs}, {nc.named("shape", nc.i64Array(shape))});
  if (failed(reshaped))
    return failure();
  return reshaped->getResult();
}

/// The elementwise rule of a binary op on integer constants (nn's kernels
/// apply the same nn::scalar rules).
template <typename OpTy>
static double foldBinary(double a, double b, bool fmod) {
  if constexpr (std::is_same_v<OpTy, nn::AddOp>)
    return a + b;
  else if constexpr (std::is_same_v<OpTy, nn::SubOp>)
    return a - b;
  else if constexpr (std::is_same_v<OpTy, nn::MulOp>)
    return a * b;
  else if constexpr (std::is_same_v<OpTy, nn::DivOp>)
    return nn::scalar::div(a, b, true);
  else if constexpr (std::is_same_v<OpTy, nn::ModOp>)
    return nn::scalar::mod(a, b, fmod, true);
  else
    return std::pow(a, b);
}

/// Binary arithmetic; evaluated at import when both operands are small known
/// integer tensors (shape arithmetic), an nn op otherwise.
template <typename OpTy>
static LogicalResult convertBinary(NodeContext &nc) {
  constexpr bool isMod = std::is_same_v<OpTy, nn::ModOp>;
  bool fmod = isMod && nc.attrInt("fmod", 0) != 0;
  const Literal *a = nc.constInput(0), *b = a ? nc.constInput(1) : nullptr;
  llvm::SmallVector<NamedAttribute> attrs;
  if constexpr (isMod) {
    Type element = a ? a->elementType : nc.inputType(0).getElementType();
    if (isa<FloatType>(element) && !fmod)
      return nc.error("fmod=0 is undefined for floating-point operands "
                      "(ONNX requires fmod=1)");
    if (fmod)
      attrs.push_back(nc.named("fmod", nc.builder().getBoolAttr(true)));
  }
  if (a && b && a->numElements() * b->numElements() <= kMaxFoldElements &&
      !isa<FloatType>(a->elementType)) {
    auto out = broadcastMap({a, b}, a->elementType,
                            [&](llvm::ArrayRef<double> v) {
                              return foldBinary<OpTy>(v[0], v[1], fmod);
                            });
    if (!out)
      return nc.error("operand shapes are not broadcast-compatible");
    nc.setOutput(0, std::move(*out));
    return success();
  }
  Value lhs = nc.input(0);
  auto rhs = legacyBroadcastOperand(nc, lhs, nc.input(1));
  if (failed(rhs))
    return failure();
  return build<OpTy>(nc, {lhs, *rhs}, attrs);
}

/// PRelu: the slope broadcasts unidirectionally to the input from opset 7.
/// Before, a 1-D slope of C elements is per channel (dimension 1, as
/// PyTorch exported it): reshaped to C x 1 x ... x 1 for numpy broadcasting.
static LogicalResult convertPRelu(NodeContext &nc) {
  Value x = nc.input(0), slope = nc.input(1);
  auto xt = cast<RankedTensorType>(x.getType());
  auto st = cast<RankedTensorType>(slope.getType());
  if (nc.opset < 7 && st.getNumElements() != 1) {
    if (st.getRank() != 1 || xt.getRank() < 2 ||
        st.getDimSize(0) != xt.getDimSize(1))
      return nc.error("PRelu before opset 7 takes a slope of one element or "
                      "one per channel (dimension 1)");
    llvm::SmallVector<int64_t> shape(xt.getRank() - 1, 1);
    shape[0] = st.getDimSize(0);
    auto reshaped = nc.createOp<nn::ReshapeOp>(
        {slope}, {nc.named("shape", nc.i64Array(shape))});
    if (failed(reshaped))
      return failure();
    slope = reshaped->getResult();
  }
  return build<nn::PReluOp>(nc, {x, slope});
}

/// Min, Max, Sum, Mean over any number of inputs; folded like the binary
/// ops when every input is a small known integer tensor.
template <typename OpTy>
static LogicalResult convertVariadic(NodeContext &nc) {
  llvm::SmallVector<unsigned> present;
  for (unsigned i = 0; i < nc.numInputs(); ++i)
    if (nc.hasInput(i))
      present.push_back(i);
  if (present.empty())
    return nc.error("expects at least one input");
  llvm::SmallVector<const Literal *> lits;
  int64_t total = 1;
  for (unsigned i : present) {
    const Literal *l = nc.constInput(i);
    if (!l || l->isFloat())
      break;
    total *= std::max<int64_t>(l->numElements(), 1);
    lits.push_back(l);
  }
  if (lits.size() == present.size() && total <= kMaxFoldElements) {
    auto out = broadcastMap(lits, lits.front()->elementType,
                            [](llvm::ArrayRef<double> v) {
                              double acc = v[0];
                              for (double x : v.drop_front()) {
                                if constexpr (std::is_same_v<OpTy, nn::MinOp>)
                                  acc = std::min(acc, x);
                                else if constexpr (std::is_same_v<OpTy, nn::MaxOp>)
                                  acc = std::max(acc, x);
                                else
                                  acc += x;
                              }
                              if constexpr (std::is_same_v<OpTy, nn::MeanOp>)
                                acc = std::trunc(acc / v.size());
                              return acc;
                            });
    if (!out)
      return nc.error("operand shapes are not broadcast-compatible");
    nc.setOutput(0, std::move(*out));
    return success();
  }
  return build<OpTy>(nc, presentInputs(nc, present));
}

template <typename OpTy>
static LogicalResult convertUnary(NodeContext &nc) {
  return build<OpTy>(nc, {nc.input(0)});
}

/// Unary ops whose attributes are ONNX float attributes of the same names
/// (alpha, beta, gamma). nn's defaults are ONNX's, so only the attributes
/// the node sets are copied.
template <typename OpTy>
static LogicalResult convertUnaryWithAttrs(NodeContext &nc) {
  llvm::SmallVector<NamedAttribute> attrs;
  for (StringRef name : OpTy::getAttributeNames())
    if (const auto *a = nc.attr(name))
      attrs.push_back(nc.named(name, nc.builder().getF32FloatAttr(a->f())));
  return build<OpTy>(nc, {nc.input(0)}, attrs);
}

/// Clip with a bound known only at run time: min(max(x, lo), hi), ONNX's
/// definition, as the broadcasting nn.max and nn.min.
static LogicalResult convertRuntimeClip(NodeContext &nc) {
  Value v = nc.input(0);
  if (nc.hasInput(1)) {
    auto m = nc.createOp<nn::MaxOp>({v, nc.input(1)});
    if (failed(m))
      return failure();
    v = m->getResult();
  }
  if (nc.hasInput(2)) {
    auto m = nc.createOp<nn::MinOp>({v, nc.input(2)});
    if (failed(m))
      return failure();
    v = m->getResult();
  }
  nc.setOutput(0, v);
  return success();
}

static LogicalResult convertClip(NodeContext &nc) {
  if (nc.opset >= 11 && ((nc.hasInput(1) && !nc.constInput(1)) ||
                         (nc.hasInput(2) && !nc.constInput(2))))
    return convertRuntimeClip(nc);
  std::optional<double> lo, hi;
  if (nc.opset < 11) {
    if (const auto *a = nc.attr("min"))
      lo = a->f();
    if (const auto *a = nc.attr("max"))
      hi = a->f();
  } else {
    if (nc.hasInput(1)) {
      auto v = nc.scalarInput(1, "min");
      if (failed(v))
        return failure();
      lo = *v;
    }
    if (nc.hasInput(2)) {
      auto v = nc.scalarInput(2, "max");
      if (failed(v))
        return failure();
      hi = *v;
    }
  }
  llvm::SmallVector<NamedAttribute> attrs;
  if (lo)
    attrs.push_back(nc.named("min", nc.builder().getF64FloatAttr(*lo)));
  if (hi)
    attrs.push_back(nc.named("max", nc.builder().getF64FloatAttr(*hi)));
  return build<nn::ClipOp>(nc, {nc.input(0)}, attrs);
}

static LogicalResult convertCast(NodeContext &nc) {
  int64_t to = nc.attrInt("to", 0);
  Type element = elementTypeOf(nc.context(), to);
  if (!element)
    return nc.error("cast to unsupported data type " + dataTypeName(to));
  if (const Literal *lit = nc.constInput(0)) {
    if (lit->numElements() <= kMaxFoldElements) {
      Literal out;
      out.elementType = element;
      out.shape = lit->shape;
      for (int64_t i = 0, n = lit->numElements(); i < n; ++i)
        out.push(lit->at(i));
      nc.setOutput(0, std::move(out));
      return success();
    }
  }
  return build<nn::CastOp>(nc, {nc.input(0)},
                           {nc.named("to", TypeAttr::get(element))});
}

static LogicalResult convertIdentity(NodeContext &nc) {
  if (const Literal *lit = nc.constInput(0)) {
    nc.setOutput(0, *lit);
    return success();
  }
  nc.setOutput(0, nc.input(0));
  return success();
}

static LogicalResult convertDropout(NodeContext &nc) {
  if (nc.opset >= 12 && nc.hasInput(2)) {
    auto training = nc.scalarInput(2, "training_mode");
    if (failed(training))
      return failure();
    // With a known ratio of 0 training mode drops nothing (exporters write
    // such nodes for attention dropout of probability 0).
    std::optional<double> ratio = 0.5;
    if (nc.hasInput(1)) {
      const Literal *r = nc.constInput(1);
      ratio = r && r->numElements() == 1 ? std::optional(r->at(0))
                                         : std::nullopt;
    }
    if (*training != 0 && ratio != 0.0)
      return nc.error("training_mode is not supported (inference only)");
  }
  if (failed(rejectUsedOutputs(nc, 1)))
    return failure();
  return convertIdentity(nc);
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

/// log(softmax(x)) over `axis` without forming the softmax, whose small
/// values would underflow: (x - max) - log(sum(exp(x - max))).
static FailureOr<Value> logSoftmax(NodeContext &nc, Value x, int64_t axis) {
  llvm::SmallVector<NamedAttribute> reduce = {
      nc.named("axes", nc.i64Array({axis})),
      nc.named("keepdims", nc.builder().getBoolAttr(true))};
  auto max = nc.createOp<nn::ReduceMaxOp>({x}, reduce);
  if (failed(max))
    return failure();
  auto shifted = nc.createOp<nn::SubOp>({x, max->getResult()});
  if (failed(shifted))
    return failure();
  auto exp = nc.createOp<nn::ExpOp>({shifted->getResult()});
  if (failed(exp))
    return failure();
  auto sum = nc.createOp<nn::ReduceSumOp>({exp->getResult()}, reduce);
  if (failed(sum))
    return failure();
  auto log = nc.createOp<nn::LogOp>({sum->getResult()});
  if (failed(log))
    return failure();
  auto y = nc.createOp<nn::SubOp>({shifted->getResult(), log->getResult()});
  if (failed(y))
    return failure();
  return y->getResult();
}

/// Softmax, and LogSoftmax with `log`.
static LogicalResult convertSoftmaxLike(NodeContext &nc, bool log) {
  Value x = nc.input(0);
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank(), axis;
  std::string error;
  if (failed(nn::normalizeAxis(nc.attrInt("axis", nc.opset < 13 ? 1 : -1),
                               std::max<int64_t>(rank, 1), axis, error)))
    return nc.error(error);
  // The normalization over one axis of `v`.
  auto normalize = [&](Value v, int64_t a) -> FailureOr<Value> {
    if (log)
      return logSoftmax(nc, v, a);
    auto sm = nc.createOp<nn::SoftmaxOp>(
        {v}, {nc.named("axis", nc.builder().getI64IntegerAttr(a))});
    if (failed(sm))
      return failure();
    return sm->getResult();
  };
  if (nc.opset >= 13 || axis == rank - 1) {
    FailureOr<Value> y = normalize(x, axis);
    if (failed(y))
      return failure();
    nc.setOutput(0, *y);
    return success();
  }
  // Before opset 13 both normalize over all dimensions from `axis` on:
  // flatten to 2-D, normalize rows, restore the shape.
  if (failed(requireStatic(nc, type, log ? "LogSoftmax before opset 13"
                                         : "Softmax before opset 13")))
    return failure();
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= type.getDimSize(i);
  auto flat = nc.createOp<nn::ReshapeOp>(
      {x}, {nc.named("shape", nc.i64Array({outer, inner}))});
  if (failed(flat))
    return failure();
  FailureOr<Value> y = normalize(flat->getResult(), 1);
  if (failed(y))
    return failure();
  return build<nn::ReshapeOp>(nc, {*y},
                              {nc.named("shape", nc.i64Array(type.getShape()))});
}

/// A scalar constant of `elementType`.
static Value scalarConstant(NodeContext &nc, Type elementType, double v) {
  auto t = RankedTensorType::get({}, elementType);
  return nn::ConstantOp::create(
             nc.builder(), nc.loc,
             DenseElementsAttr::get(t, nc.builder().getFloatAttr(elementType, v)))
      .getResult();
}

/// A normalization's statistics over `axes` of `x` (kept as size-1
/// dimensions): mean(x), x - mean, and 1 / sqrt(mean((x - mean)^2) +
/// epsilon).
struct Statistics {
  Value mean, diff, invStd;
};
static FailureOr<Statistics> normalization(NodeContext &nc, Value x,
                                           llvm::ArrayRef<int64_t> axes,
                                           float epsilon) {
  Type elem = cast<RankedTensorType>(x.getType()).getElementType();
  llvm::SmallVector<NamedAttribute> reduce = {
      nc.named("axes", nc.i64Array(axes)),
      nc.named("keepdims", nc.builder().getBoolAttr(true))};
  auto mean = nc.createOp<nn::ReduceMeanOp>({x}, reduce);
  if (failed(mean))
    return failure();
  auto diff = nc.createOp<nn::SubOp>({x, mean->getResult()});
  if (failed(diff))
    return failure();
  auto sq = nc.createOp<nn::MulOp>({diff->getResult(), diff->getResult()});
  if (failed(sq))
    return failure();
  auto var = nc.createOp<nn::ReduceMeanOp>({sq->getResult()}, reduce);
  if (failed(var))
    return failure();
  auto shifted = nc.createOp<nn::AddOp>(
      {var->getResult(), scalarConstant(nc, elem, epsilon)});
  if (failed(shifted))
    return failure();
  auto sd = nc.createOp<nn::SqrtOp>({shifted->getResult()});
  if (failed(sd))
    return failure();
  auto inv =
      nc.createOp<nn::DivOp>({scalarConstant(nc, elem, 1.0), sd->getResult()});
  if (failed(inv))
    return failure();
  return Statistics{mean->getResult(), diff->getResult(), inv->getResult()};
}

/// InstanceNormalization: each image's channels normalized over their
/// spatial dimensions, then scaled and shifted per channel:
/// (x - mean) / sqrt(variance + epsilon) * scale + B.
static LogicalResult convertInstanceNorm(NodeContext &nc) {
  Value x = nc.input(0);
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  if (rank < 3)
    return nc.error("needs an input of rank 3 or more (N, C, spatial...), "
                    "got rank " + llvm::Twine(rank));
  int64_t channels = type.getDimSize(1);
  if (channels == kDyn)
    return nc.error("needs a static channel count");
  llvm::SmallVector<int64_t> axes, perChannel = {channels};
  for (int64_t i = 2; i < rank; ++i) {
    axes.push_back(i);
    perChannel.push_back(1);
  }
  auto stats = normalization(nc, x, axes, nc.attrFloat("epsilon", 1e-5f));
  if (failed(stats))
    return failure();
  // scale and B, one per channel, broadcast over the spatial dimensions.
  auto channelwise = [&](unsigned i) -> FailureOr<Value> {
    auto r = nc.createOp<nn::ReshapeOp>(
        {nc.input(i)}, {nc.named("shape", nc.i64Array(perChannel))});
    if (failed(r))
      return failure();
    return r->getResult();
  };
  auto scale = channelwise(1), bias = channelwise(2);
  if (failed(scale) || failed(bias))
    return failure();
  auto normalized = nc.createOp<nn::MulOp>({stats->diff, stats->invStd});
  if (failed(normalized))
    return failure();
  auto scaled = nc.createOp<nn::MulOp>({normalized->getResult(), *scale});
  if (failed(scaled))
    return failure();
  return build<nn::AddOp>(nc, {scaled->getResult(), *bias});
}

/// LRN: x / (bias + alpha / size * s)^beta, where s sums the squares of
/// the `size` channels around each one (floor((size - 1) / 2) before, the
/// rest after, within the input). The sum is a zero-padded average pooling
/// of x^2 over the channels, laid out as the pooled dimension of
/// N x 1 x C x (spatial elements).
static LogicalResult convertLRN(NodeContext &nc) {
  Value x = nc.input(0);
  auto type = cast<RankedTensorType>(x.getType());
  if (failed(requireStatic(nc, type, "LRN")))
    return failure();
  if (type.getRank() < 3)
    return nc.error("needs an input of rank 3 or more (N, C, spatial...), "
                    "got rank " +
                    llvm::Twine(type.getRank()));
  const onnx::AttributeProto *sizeAttr = nc.attr("size");
  if (!sizeAttr)
    return nc.error("size is required");
  int64_t size = sizeAttr->i();
  if (failed(checkRange(nc, {size}, "size", 1, kMaxDim)))
    return failure();
  int64_t n = type.getDimSize(0), c = type.getDimSize(1),
          spatial = type.getNumElements() / std::max<int64_t>(n * c, 1);
  Type elem = type.getElementType();
  Builder &b = nc.builder();
  auto sq = nc.createOp<nn::MulOp>({x, x});
  if (failed(sq))
    return failure();
  auto lines = nc.createOp<nn::ReshapeOp>(
      {sq->getResult()}, {nc.named("shape", nc.i64Array({n, 1, c, spatial}))});
  if (failed(lines))
    return failure();
  auto mean = nc.createOp<nn::AvgPoolOp>(
      {lines->getResult()},
      {nc.named("kernel_shape", nc.i64Array({size, 1})),
       nc.named("strides", nc.i64Array({1, 1})),
       nc.named("pads", nc.i64Array({(size - 1) / 2, 0, size / 2, 0})),
       nc.named("count_include_pad", b.getBoolAttr(true))});
  if (failed(mean))
    return failure();
  auto back = nc.createOp<nn::ReshapeOp>(
      {mean->getResult()}, {nc.named("shape", nc.i64Array(type.getShape()))});
  if (failed(back))
    return failure();
  // The average is s / size: alpha times it is alpha / size * s.
  auto scaled = nc.createOp<nn::MulOp>(
      {back->getResult(),
       scalarConstant(nc, elem, nc.attrFloat("alpha", 1e-4f))});
  if (failed(scaled))
    return failure();
  auto shifted = nc.createOp<nn::AddOp>(
      {scaled->getResult(),
       scalarConstant(nc, elem, nc.attrFloat("bias", 1.0f))});
  if (failed(shifted))
    return failure();
  auto denom = nc.createOp<nn::PowOp>(
      {shifted->getResult(),
       scalarConstant(nc, elem, nc.attrFloat("beta", 0.75f))});
  if (failed(denom))
    return failure();
  return build<nn::DivOp>(nc, {x, denom->getResult()});
}

/// LayerNormalization's optional Mean and InvStdDev outputs (used by
/// training graphs) are computed beside nn.layer_norm from nn reductions:
/// mean(x), 1 / sqrt(mean((x - mean)^2) + epsilon), over dims [axis, rank).
static LogicalResult layerNormStatistics(NodeContext &nc, int64_t axis,
                                         float epsilon) {
  Value x = nc.input(0);
  llvm::SmallVector<int64_t> axes;
  for (int64_t i = axis; i < cast<RankedTensorType>(x.getType()).getRank(); ++i)
    axes.push_back(i);
  auto stats = normalization(nc, x, axes, epsilon);
  if (failed(stats))
    return failure();
  nc.setOutput(1, stats->mean);
  nc.setOutput(2, stats->invStd);
  return success();
}

static LogicalResult convertLayerNorm(NodeContext &nc) {
  Builder &b = nc.builder();
  int64_t rank = nc.inputType(0).getRank(), axis;
  std::string error;
  if (failed(nn::normalizeAxis(nc.attrInt("axis", -1), rank, axis, error)))
    return nc.error(error);
  float epsilon = nc.attrFloat("epsilon", 1e-5f);
  if ((nc.outputUsed(1) || nc.outputUsed(2)) &&
      failed(layerNormStatistics(nc, axis, epsilon)))
    return failure();
  auto norm = nc.createOp<nn::LayerNormOp>(
      presentInputs(nc, {0, 1, 2}),
      {nc.named("axis", b.getI64IntegerAttr(axis)),
       nc.named("epsilon", b.getF32FloatAttr(epsilon))});
  if (failed(norm))
    return failure();
  nc.setOutput(0, norm->getResult());
  return success();
}

static LogicalResult convertBatchNorm(NodeContext &nc) {
  if (nc.opset < 9 && nc.attrInt("spatial", 1) == 0)
    return nc.error("spatial=0 (per-activation statistics) is not supported");
  if (nc.attrInt("training_mode", 0) != 0)
    return nc.error("training_mode is not supported (inference only)");
  if (failed(rejectUsedOutputs(nc, 1)))
    return failure();
  return build<nn::BatchNormOp>(
      nc, presentInputs(nc, {0, 1, 2, 3, 4}),
      {nc.named("epsilon",
                nc.builder().getF32FloatAttr(nc.attrFloat("epsilon", 1e-5f)))});
}

/// Reductions: `axes` is an attribute up to opset 12 for ReduceSum and up
/// to opset 17 for the others, an input after that.
template <typename OpTy>
static LogicalResult convertReduce(NodeContext &nc) {
  bool axesAsInput =
      nc.opset >= (std::is_same_v<OpTy, nn::ReduceSumOp> ? 13 : 18);
  llvm::SmallVector<int64_t> axes;
  if (axesAsInput) {
    if (nc.hasInput(1)) {
      auto v = nc.intsInput(1, "axes");
      if (failed(v))
        return failure();
      axes = *v;
    }
  } else if (auto a = nc.attrInts("axes")) {
    axes = *a;
  }
  if (axes.empty() && nc.attrInt("noop_with_empty_axes", 0))
    return convertIdentity(nc);
  return build<OpTy>(
      nc, {nc.input(0)},
      {nc.named("axes", nc.i64Array(axes)),
       nc.named("keepdims", nc.builder().getBoolAttr(nc.attrInt("keepdims", 1)))});
}

/// ArgMax, ArgMin: `select_last_index` exists from opset 12.
template <typename OpTy>
static LogicalResult convertArgReduce(NodeContext &nc) {
  Builder &b = nc.builder();
  return build<OpTy>(
      nc, {nc.input(0)},
      {nc.named("axis", b.getI64IntegerAttr(nc.attrInt("axis", 0))),
       nc.named("keepdims", b.getBoolAttr(nc.attrInt("keepdims", 1))),
       nc.named("select_last_index",
                b.getBoolAttr(nc.attrInt("select_last_index", 0)))});
}

/// CumSum: the axis is an input (a scalar or one value) known at import.
static LogicalResult convertCumSum(NodeContext &nc) {
  auto axis = nc.intsInput(1, "axis");
  if (failed(axis))
    return failure();
  if (axis->size() != 1)
    return nc.error("axis has " + llvm::Twine(axis->size()) +
                    " values; it is one");
  Builder &b = nc.builder();
  return build<nn::CumSumOp>(
      nc, {nc.input(0)},
      {nc.named("axis", b.getI64IntegerAttr(axis->front())),
       nc.named("exclusive", b.getBoolAttr(nc.attrInt("exclusive", 0))),
       nc.named("reverse", b.getBoolAttr(nc.attrInt("reverse", 0)))});
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

template <typename OpTy>
static LogicalResult convertLinearQuant(NodeContext &nc) {
  return build<OpTy>(
      nc, presentInputs(nc, {0, 1, 2}),
      {nc.named("axis", nc.builder().getI64IntegerAttr(nc.attrInt("axis", 1)))});
}

void mlir::tessel::onnx_import::addElementwiseConverters(llvm::StringMap<Converter> &table) {
  table["Add"] = convertBinary<nn::AddOp>;
  table["Sub"] = convertBinary<nn::SubOp>;
  table["Mul"] = convertBinary<nn::MulOp>;
  table["Div"] = convertBinary<nn::DivOp>;
  table["Pow"] = convertBinary<nn::PowOp>;
  table["Mod"] = convertBinary<nn::ModOp>;
  table["PRelu"] = convertPRelu;
  table["Min"] = convertVariadic<nn::MinOp>;
  table["Max"] = convertVariadic<nn::MaxOp>;
  table["Sum"] = convertVariadic<nn::SumOp>;
  table["Mean"] = convertVariadic<nn::MeanOp>;
  table["Relu"] = convertUnary<nn::ReluOp>;
  table["Sigmoid"] = convertUnary<nn::SigmoidOp>;
  table["Tanh"] = convertUnary<nn::TanhOp>;
  table["Erf"] = convertUnary<nn::ErfOp>;
  table["Sqrt"] = convertUnary<nn::SqrtOp>;
  table["Exp"] = convertUnary<nn::ExpOp>;
  table["Neg"] = convertUnary<nn::NegOp>;
  table["Abs"] = convertUnary<nn::AbsOp>;
  table["Sign"] = convertUnary<nn::SignOp>;
  table["Floor"] = convertUnary<nn::FloorOp>;
  table["Ceil"] = convertUnary<nn::CeilOp>;
  table["Round"] = convertUnary<nn::RoundOp>;
  table["Reciprocal"] = convertUnary<nn::ReciprocalOp>;
  table["Log"] = convertUnary<nn::LogOp>;
  table["Softplus"] = convertUnary<nn::SoftplusOp>;
  table["Softsign"] = convertUnary<nn::SoftsignOp>;
  table["Sin"] = convertUnary<nn::SinOp>;
  table["Cos"] = convertUnary<nn::CosOp>;
  table["Tan"] = convertUnary<nn::TanOp>;
  table["Asin"] = convertUnary<nn::AsinOp>;
  table["Acos"] = convertUnary<nn::AcosOp>;
  table["Atan"] = convertUnary<nn::AtanOp>;
  table["Sinh"] = convertUnary<nn::SinhOp>;
  table["Cosh"] = convertUnary<nn::CoshOp>;
  table["Asinh"] = convertUnary<nn::AsinhOp>;
  table["Acosh"] = convertUnary<nn::AcoshOp>;
  table["Atanh"] = convertUnary<nn::AtanhOp>;
  table["HardSwish"] = convertUnary<nn::HardSwishOp>;
  table["LeakyRelu"] = convertUnaryWithAttrs<nn::LeakyReluOp>;
  table["HardSigmoid"] = convertUnaryWithAttrs<nn::HardSigmoidOp>;
  table["Elu"] = convertUnaryWithAttrs<nn::EluOp>;
  table["Selu"] = convertUnaryWithAttrs<nn::SeluOp>;
  table["Celu"] = convertUnaryWithAttrs<nn::CeluOp>;
  table["ThresholdedRelu"] = convertUnaryWithAttrs<nn::ThresholdedReluOp>;
  table["Clip"] = convertClip;
  table["Cast"] = convertCast;
  table["Identity"] = convertIdentity;
  table["Dropout"] = convertDropout;
  table["Softmax"] = [](NodeContext &nc) {
    return convertSoftmaxLike(nc, /*log=*/false);
  };
  table["LogSoftmax"] = [](NodeContext &nc) {
    return convertSoftmaxLike(nc, /*log=*/true);
  };
  table["LayerNormalization"] = convertLayerNorm;
  table["BatchNormalization"] = convertBatchNorm;
  table["GlobalAveragePool"] = convertUnary<nn::GlobalAvgPoolOp>;
  table["ReduceMean"] = convertReduce<nn::ReduceMeanOp>;
  table["InstanceNormalization"] = convertInstanceNorm;
  table["LRN"] = convertLRN;
  table["ReduceSum"] = convertReduce<nn::ReduceSumOp>;
  table["ReduceMax"] = convertReduce<nn::ReduceMaxOp>;
  table["ReduceMin"] = convertReduce<nn::ReduceMinOp>;
  table["ReduceProd"] = convertReduce<nn::ReduceProdOp>;
  table["ReduceL1"] = convertReduce<nn::ReduceL1Op>;
  table["ReduceL2"] = convertReduce<nn::ReduceL2Op>;
  table["ReduceLogSum"] = convertReduce<nn::ReduceLogSumOp>;
  table["ReduceLogSumExp"] = convertReduce<nn::ReduceLogSumExpOp>;
  table["ReduceSumSquare"] = convertReduce<nn::ReduceSumSquareOp>;
  table["ArgMax"] = convertArgReduce<nn::ArgMaxOp>;
  table["ArgMin"] = convertArgReduce<nn::ArgMinOp>;
  table["CumSum"] = convertCumSum;
  table["QuantizeLinear"] = convertLinearQuant<nn::QuantizeLinearOp>;
  table["DequantizeLinear"] = convertLinearQuant<nn::DequantizeLinearOp>;
}
