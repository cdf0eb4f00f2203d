//===- ElementwiseConverters.cpp - elementwise, norms, reductions -----------===//
//
// Opset-dependent forms (Clip bounds, Softmax axis semantics, ReduceSum axes,
// legacy broadcast attributes) become one nn operation each.
//
//===----------------------------------------------------------------------===//

#include "ConverterUtils.h"
#include "TensorConversion.h"

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

/// Binary arithmetic; evaluated at import when both operands are small known
/// tensors (shape arithmetic), an nn op otherwise.
template <typename OpTy>
static LogicalResult convertBinary(NodeContext &nc) {
  const Literal *a = nc.constInput(0), *b = a ? nc.constInput(1) : nullptr;
  if (a && b && a->numElements() * b->numElements() <= kMaxFoldElements &&
      !isa<FloatType>(a->elementType)) {
    auto out = broadcastMap({a, b}, a->elementType,
                            [](llvm::ArrayRef<double> v) {
                              if constexpr (std::is_same_v<OpTy, nn::AddOp>)
                                return v[0] + v[1];
                              else if constexpr (std::is_same_v<OpTy, nn::SubOp>)
                                return v[0] - v[1];
                              else if constexpr (std::is_same_v<OpTy, nn::MulOp>)
                                return v[0] * v[1];
                              else if constexpr (std::is_same_v<OpTy, nn::DivOp>)
                                return v[1] == 0 ? 0.0 : std::trunc(v[0] / v[1]);
                              else
                                return std::pow(v[0], v[1]);
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
  return build<OpTy>(nc, {lhs, *rhs});
}

template <typename OpTy>
static LogicalResult convertUnary(NodeContext &nc) {
  return build<OpTy>(nc, {nc.input(0)});
}

static LogicalResult convertLeakyRelu(NodeContext &nc) {
  return build<nn::LeakyReluOp>(
      nc, {nc.input(0)},
      {nc.named("alpha",
                nc.builder().getF32FloatAttr(nc.attrFloat("alpha", 0.01f)))});
}

static LogicalResult convertClip(NodeContext &nc) {
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
    if (*training != 0)
      return nc.error("training_mode is not supported (inference only)");
  }
  if (failed(rejectUsedOutputs(nc, 1)))
    return failure();
  return convertIdentity(nc);
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

static LogicalResult convertSoftmax(NodeContext &nc) {
  Value x = nc.input(0);
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank(), axis;
  std::string error;
  if (failed(nn::normalizeAxis(nc.attrInt("axis", nc.opset < 13 ? 1 : -1),
                               std::max<int64_t>(rank, 1), axis, error)))
    return nc.error(error);
  auto axisAttr = [&](int64_t a) {
    return nc.named("axis", nc.builder().getI64IntegerAttr(a));
  };
  if (nc.opset >= 13 || axis == rank - 1)
    return build<nn::SoftmaxOp>(nc, {x}, {axisAttr(axis)});
  // Before opset 13, Softmax normalizes over all dimensions from `axis` on:
  // flatten to 2-D, normalize rows, restore the shape.
  if (failed(requireStatic(nc, type, "Softmax before opset 13")))
    return failure();
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= type.getDimSize(i);
  auto flat = nc.createOp<nn::ReshapeOp>(
      {x}, {nc.named("shape", nc.i64Array({outer, inner}))});
  if (failed(flat))
    return failure();
  auto sm = nc.createOp<nn::SoftmaxOp>({flat->getResult()}, {axisAttr(1)});
  if (failed(sm))
    return failure();
  return build<nn::ReshapeOp>(nc, {sm->getResult()},
                              {nc.named("shape", nc.i64Array(type.getShape()))});
}

/// LayerNormalization's optional Mean and InvStdDev outputs (used by
/// training graphs) are computed beside nn.layer_norm from nn reductions:
/// mean(x), 1 / sqrt(mean((x - mean)^2) + epsilon), over dims [axis, rank).
static LogicalResult layerNormStatistics(NodeContext &nc, int64_t axis,
                                         float epsilon) {
  Value x = nc.input(0);
  auto type = cast<RankedTensorType>(x.getType());
  llvm::SmallVector<int64_t> axes;
  for (int64_t i = axis; i < type.getRank(); ++i)
    axes.push_back(i);
  Builder &b = nc.builder();
  llvm::SmallVector<NamedAttribute> reduce = {
      nc.named("axes", nc.i64Array(axes)),
      nc.named("keepdims", b.getBoolAttr(true))};
  auto scalar = [&](double v) {
    auto t = RankedTensorType::get({}, type.getElementType());
    return nn::ConstantOp::create(
               nc.builder(), nc.loc,
               DenseElementsAttr::get(t, b.getFloatAttr(t.getElementType(), v)))
        .getResult();
  };
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
  auto shifted = nc.createOp<nn::AddOp>({var->getResult(), scalar(epsilon)});
  if (failed(shifted))
    return failure();
  auto sd = nc.createOp<nn::SqrtOp>({shifted->getResult()});
  if (failed(sd))
    return failure();
  auto inv = nc.createOp<nn::DivOp>({scalar(1.0), sd->getResult()});
  if (failed(inv))
    return failure();
  nc.setOutput(1, mean->getResult());
  nc.setOutput(2, inv->getResult());
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

/// Reductions: `axes` is an attribute up to opset 17 for ReduceMean/Max and
/// up to 12 for ReduceSum, an input after that.
template <typename OpTy>
static LogicalResult convertReduce(NodeContext &nc) {
  bool axesAsInput = std::is_same_v<OpTy, nn::ReduceSumOp> && nc.opset >= 13;
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
  table["Relu"] = convertUnary<nn::ReluOp>;
  table["Sigmoid"] = convertUnary<nn::SigmoidOp>;
  table["Tanh"] = convertUnary<nn::TanhOp>;
  table["Erf"] = convertUnary<nn::ErfOp>;
  table["Sqrt"] = convertUnary<nn::SqrtOp>;
  table["Exp"] = convertUnary<nn::ExpOp>;
  table["LeakyRelu"] = convertLeakyRelu;
  table["Clip"] = convertClip;
  table["Cast"] = convertCast;
  table["Identity"] = convertIdentity;
  table["Dropout"] = convertDropout;
  table["Softmax"] = convertSoftmax;
  table["LayerNormalization"] = convertLayerNorm;
  table["BatchNormalization"] = convertBatchNorm;
  table["GlobalAveragePool"] = convertUnary<nn::GlobalAvgPoolOp>;
  table["ReduceMean"] = convertReduce<nn::ReduceMeanOp>;
  table["ReduceSum"] = convertReduce<nn::ReduceSumOp>;
  table["ReduceMax"] = convertReduce<nn::ReduceMaxOp>;
  table["QuantizeLinear"] = convertLinearQuant<nn::QuantizeLinearOp>;
  table["DequantizeLinear"] = convertLinearQuant<nn::DequantizeLinearOp>;
}
