//===- OpConverters.cpp - ONNX nodes to nn operations ---------------------===//
//
// One converter per ONNX op type. Each resolves what ONNX leaves implicit or
// opset-dependent (auto_pad, defaults, attribute-vs-input forms) into the
// explicit attributes of the nn operation. Ops that only move small known
// tensors (Reshape of a shape, Concat of dims, ...) are evaluated at import.
//
//===----------------------------------------------------------------------===//

#include "GraphImporter.h"
#include "TensorConversion.h"

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/NN/IR/NNShapes.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::onnx_import;

static constexpr int64_t kDyn = ShapedType::kDynamic;
static constexpr int64_t kMaxFoldElements = 4096;

static LogicalResult bind(NodeContext &nc, FailureOr<Operation *> op) {
  if (failed(op))
    return failure();
  for (auto [i, r] : llvm::enumerate((*op)->getResults()))
    nc.setOutput(i, r);
  return success();
}

template <typename OpTy>
static LogicalResult build(NodeContext &nc, ValueRange operands,
                           llvm::ArrayRef<NamedAttribute> attrs = {},
                           unsigned numResults = 1) {
  auto op = nc.create<OpTy>(operands, attrs, numResults);
  if (failed(op))
    return failure();
  return bind(nc, op->getOperation());
}

static LogicalResult rejectUsedOutputs(NodeContext &nc, unsigned from) {
  for (unsigned i = from; i < static_cast<unsigned>(nc.node.output_size()); ++i)
    if (nc.outputUsed(i))
      return nc.error("output " + llvm::Twine(i) + " ('" + nc.node.output(i) +
                      "') is not supported (inference only)");
  return success();
}

static LogicalResult requireStatic(NodeContext &nc, RankedTensorType t,
                                   llvm::StringRef what) {
  if (t.hasStaticShape())
    return success();
  return nc.error(what + " needs a static input shape; pin the graph inputs "
                         "with --input-shape");
}

//===----------------------------------------------------------------------===//
// Windows: auto_pad, kernel, strides, dilations
//===----------------------------------------------------------------------===//

namespace {
struct Window {
  llvm::SmallVector<int64_t> kernel, strides, pads, dilations;
};
} // namespace

/// Reads the window attributes shared by Conv and the pools and resolves
/// auto_pad into explicit pads.
static FailureOr<Window> readWindow(NodeContext &nc, RankedTensorType input,
                                    llvm::ArrayRef<int64_t> kernelFromWeight) {
  Window w;
  if (input.getRank() < 3)
    return nc.error("expects an input of rank at least 3, got " +
                    llvm::Twine(input.getRank()));
  size_t spatial = input.getRank() - 2;
  if (auto k = nc.attrInts("kernel_shape"))
    w.kernel = *k;
  else if (!kernelFromWeight.empty())
    w.kernel.assign(kernelFromWeight.begin(), kernelFromWeight.end());
  else
    return nc.error("kernel_shape is required");
  w.strides = nc.attrInts("strides").value_or(
      llvm::SmallVector<int64_t>(spatial, 1));
  w.dilations = nc.attrInts("dilations").value_or(
      llvm::SmallVector<int64_t>(spatial, 1));
  if (w.kernel.size() != spatial || w.strides.size() != spatial ||
      w.dilations.size() != spatial)
    return nc.error("kernel_shape, strides and dilations need " +
                    llvm::Twine(spatial) + " entries");
  std::string autoPad = nc.attrString("auto_pad", "NOTSET");
  if (autoPad == "NOTSET") {
    w.pads = nc.attrInts("pads").value_or(
        llvm::SmallVector<int64_t>(2 * spatial, 0));
    if (w.pads.size() != 2 * spatial)
      return nc.error("pads needs " + llvm::Twine(2 * spatial) + " entries");
  } else if (autoPad == "VALID") {
    w.pads.assign(2 * spatial, 0);
  } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    w.pads.assign(2 * spatial, 0);
    for (size_t i = 0; i < spatial; ++i) {
      int64_t in = input.getDimSize(i + 2);
      if (in == kDyn)
        return nc.error("auto_pad needs static spatial dimensions; pin the "
                        "graph inputs with --input-shape");
      int64_t out = (in + w.strides[i] - 1) / w.strides[i];
      int64_t extent = w.dilations[i] * (w.kernel[i] - 1) + 1;
      int64_t total =
          std::max<int64_t>(0, (out - 1) * w.strides[i] + extent - in);
      int64_t small = total / 2;
      bool upper = autoPad == "SAME_UPPER";
      w.pads[i] = upper ? small : total - small;
      w.pads[i + spatial] = upper ? total - small : small;
    }
  } else {
    return nc.error("unknown auto_pad '" + autoPad + "'");
  }
  return w;
}

static llvm::SmallVector<NamedAttribute> convAttrs(NodeContext &nc,
                                                   const Window &w) {
  return {nc.named("strides", nc.i64Array(w.strides)),
          nc.named("pads", nc.i64Array(w.pads)),
          nc.named("dilations", nc.i64Array(w.dilations)),
          nc.named("group", nc.builder().getI64IntegerAttr(
                                nc.attrInt("group", 1)))};
}

static FailureOr<Window> convWindow(NodeContext &nc, unsigned inputIdx,
                                    unsigned weightIdx) {
  RankedTensorType w = nc.inputType(weightIdx);
  llvm::ArrayRef<int64_t> kernel =
      w.getRank() > 2 ? w.getShape().drop_front(2) : llvm::ArrayRef<int64_t>();
  return readWindow(nc, nc.inputType(inputIdx), kernel);
}

static llvm::SmallVector<Value> presentInputs(NodeContext &nc,
                                              llvm::ArrayRef<unsigned> idx) {
  llvm::SmallVector<Value> v;
  for (unsigned i : idx)
    if (nc.hasInput(i))
      v.push_back(nc.input(i));
  return v;
}

static LogicalResult convertConv(NodeContext &nc) {
  auto w = convWindow(nc, 0, 1);
  if (failed(w))
    return failure();
  return build<nn::ConvOp>(nc, presentInputs(nc, {0, 1, 2}), convAttrs(nc, *w));
}

static LogicalResult convertConvTranspose(NodeContext &nc) {
  RankedTensorType input = nc.inputType(0), weight = nc.inputType(1);
  if (input.getRank() < 3 || weight.getRank() != input.getRank())
    return nc.error("expects input and weight of the same rank >= 3");
  size_t spatial = input.getRank() - 2;
  Window w;
  w.kernel = nc.attrInts("kernel_shape")
                 .value_or(llvm::SmallVector<int64_t>(
                     weight.getShape().drop_front(2)));
  w.strides = nc.attrInts("strides").value_or(
      llvm::SmallVector<int64_t>(spatial, 1));
  w.dilations = nc.attrInts("dilations").value_or(
      llvm::SmallVector<int64_t>(spatial, 1));
  auto outPad = nc.attrInts("output_padding")
                    .value_or(llvm::SmallVector<int64_t>(spatial, 0));
  if (w.kernel.size() != spatial || w.strides.size() != spatial ||
      w.dilations.size() != spatial || outPad.size() != spatial)
    return nc.error("kernel_shape, strides, dilations and output_padding "
                    "need " + llvm::Twine(spatial) + " entries");
  std::string autoPad = nc.attrString("auto_pad", "NOTSET");
  auto outputShape = nc.attrInts("output_shape");
  bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
  if (outputShape || same) {
    // ONNX derives the pads from the requested output size.
    llvm::SmallVector<int64_t> target;
    if (outputShape)
      target.assign(outputShape->end() - std::min(outputShape->size(), spatial),
                    outputShape->end());
    w.pads.assign(2 * spatial, 0);
    for (size_t i = 0; i < spatial; ++i) {
      int64_t in = input.getDimSize(i + 2);
      if (in == kDyn)
        return nc.error("output_shape/auto_pad need static spatial "
                        "dimensions; pin the graph inputs with --input-shape");
      int64_t out = outputShape ? target[i] : in * w.strides[i];
      int64_t total = w.strides[i] * (in - 1) + outPad[i] +
                      (w.kernel[i] - 1) * w.dilations[i] + 1 - out;
      if (total < 0) {
        // A larger output than the natural one: ONNX pads the end.
        outPad[i] -= total;
        total = 0;
      }
      // Without auto_pad, ONNX puts the larger half at the beginning.
      bool upper = autoPad == "SAME_UPPER";
      w.pads[i] = upper ? total / 2 : total - total / 2;
      w.pads[i + spatial] = upper ? total - total / 2 : total / 2;
    }
  } else if (autoPad == "VALID") {
    w.pads.assign(2 * spatial, 0);
  } else {
    w.pads = nc.attrInts("pads").value_or(
        llvm::SmallVector<int64_t>(2 * spatial, 0));
  }
  auto attrs = convAttrs(nc, w);
  attrs.push_back(nc.named("output_padding", nc.i64Array(outPad)));
  return build<nn::ConvTransposeOp>(nc, presentInputs(nc, {0, 1, 2}), attrs);
}

static LogicalResult convertQLinearConv(NodeContext &nc) {
  auto w = convWindow(nc, 0, 3);
  if (failed(w))
    return failure();
  return build<nn::QLinearConvOp>(
      nc, presentInputs(nc, {0, 1, 2, 3, 4, 5, 6, 7, 8}), convAttrs(nc, *w));
}

static Attribute segments(NodeContext &nc, llvm::ArrayRef<int32_t> sizes) {
  return nc.builder().getDenseI32ArrayAttr(sizes);
}

static LogicalResult convertConvInteger(NodeContext &nc) {
  auto w = convWindow(nc, 0, 1);
  if (failed(w))
    return failure();
  auto attrs = convAttrs(nc, *w);
  attrs.push_back(nc.named(
      "operandSegmentSizes",
      segments(nc, {1, 1, nc.hasInput(2) ? 1 : 0, nc.hasInput(3) ? 1 : 0})));
  return build<nn::ConvIntegerOp>(nc, presentInputs(nc, {0, 1, 2, 3}), attrs);
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

static LogicalResult convertGemm(NodeContext &nc) {
  Builder &b = nc.builder();
  return build<nn::GemmOp>(
      nc, presentInputs(nc, {0, 1, 2}),
      {nc.named("alpha", b.getF32FloatAttr(nc.attrFloat("alpha", 1.0f))),
       nc.named("beta", b.getF32FloatAttr(nc.attrFloat("beta", 1.0f))),
       nc.named("trans_a", b.getBoolAttr(nc.attrInt("transA", 0))),
       nc.named("trans_b", b.getBoolAttr(nc.attrInt("transB", 0)))});
}

static LogicalResult convertMatMul(NodeContext &nc) {
  return build<nn::MatMulOp>(nc, {nc.input(0), nc.input(1)});
}

static LogicalResult convertQLinearMatMul(NodeContext &nc) {
  return build<nn::QLinearMatMulOp>(nc,
                                    presentInputs(nc, {0, 1, 2, 3, 4, 5, 6, 7}));
}

static LogicalResult convertMatMulInteger(NodeContext &nc) {
  return build<nn::MatMulIntegerOp>(
      nc, presentInputs(nc, {0, 1, 2, 3}),
      {nc.named("operandSegmentSizes",
                segments(nc, {1, 1, nc.hasInput(2) ? 1 : 0,
                              nc.hasInput(3) ? 1 : 0}))});
}

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
  auto reshaped = nc.create<nn::ReshapeOp>(
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
  auto flat = nc.create<nn::ReshapeOp>(
      {x}, {nc.named("shape", nc.i64Array({outer, inner}))});
  if (failed(flat))
    return failure();
  auto sm = nc.create<nn::SoftmaxOp>({flat->getResult()}, {axisAttr(1)});
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
  auto mean = nc.create<nn::ReduceMeanOp>({x}, reduce);
  if (failed(mean))
    return failure();
  auto diff = nc.create<nn::SubOp>({x, mean->getResult()});
  if (failed(diff))
    return failure();
  auto sq = nc.create<nn::MulOp>({diff->getResult(), diff->getResult()});
  if (failed(sq))
    return failure();
  auto var = nc.create<nn::ReduceMeanOp>({sq->getResult()}, reduce);
  if (failed(var))
    return failure();
  auto shifted = nc.create<nn::AddOp>({var->getResult(), scalar(epsilon)});
  if (failed(shifted))
    return failure();
  auto sd = nc.create<nn::SqrtOp>({shifted->getResult()});
  if (failed(sd))
    return failure();
  auto inv = nc.create<nn::DivOp>({scalar(1.0), sd->getResult()});
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
  auto norm = nc.create<nn::LayerNormOp>(
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

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

static LogicalResult convertMaxPool(NodeContext &nc) {
  if (failed(rejectUsedOutputs(nc, 1)))
    return failure();
  auto w = readWindow(nc, nc.inputType(0), {});
  if (failed(w))
    return failure();
  return build<nn::MaxPoolOp>(
      nc, {nc.input(0)},
      {nc.named("kernel_shape", nc.i64Array(w->kernel)),
       nc.named("strides", nc.i64Array(w->strides)),
       nc.named("pads", nc.i64Array(w->pads)),
       nc.named("dilations", nc.i64Array(w->dilations)),
       nc.named("ceil_mode",
                nc.builder().getBoolAttr(nc.attrInt("ceil_mode", 0)))});
}

static LogicalResult convertAveragePool(NodeContext &nc) {
  auto w = readWindow(nc, nc.inputType(0), {});
  if (failed(w))
    return failure();
  if (llvm::any_of(w->dilations, [](int64_t d) { return d != 1; }))
    return nc.error("dilated average pooling is not supported");
  Builder &b = nc.builder();
  return build<nn::AvgPoolOp>(
      nc, {nc.input(0)},
      {nc.named("kernel_shape", nc.i64Array(w->kernel)),
       nc.named("strides", nc.i64Array(w->strides)),
       nc.named("pads", nc.i64Array(w->pads)),
       nc.named("ceil_mode", b.getBoolAttr(nc.attrInt("ceil_mode", 0))),
       nc.named("count_include_pad",
                b.getBoolAttr(nc.attrInt("count_include_pad", 0)))});
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
// Shape-changing ops: all become nn.reshape (or fold when the input is known)
//===----------------------------------------------------------------------===//

/// Binds output 0 to `input` reshaped to `shape`: a literal when the input is
/// known, an nn.reshape otherwise.
static LogicalResult reshapeTo(NodeContext &nc, llvm::ArrayRef<int64_t> shape) {
  if (const Literal *lit = nc.constInput(0)) {
    int64_t count = 1;
    for (int64_t d : shape)
      count *= d;
    if (count != lit->numElements())
      return nc.error("cannot reshape " + llvm::Twine(lit->numElements()) +
                      " elements into " + llvm::Twine(count));
    Literal out = *lit;
    out.shape.assign(shape.begin(), shape.end());
    nc.setOutput(0, std::move(out));
    return success();
  }
  return build<nn::ReshapeOp>(nc, {nc.input(0)},
                              {nc.named("shape", nc.i64Array(shape))});
}

/// The input's shape, from its literal or its type.
static llvm::SmallVector<int64_t> inputShape(NodeContext &nc) {
  if (const Literal *lit = nc.constInput(0))
    return lit->shape;
  return llvm::SmallVector<int64_t>(nc.inputType(0).getShape());
}

static bool isStatic(llvm::ArrayRef<int64_t> shape) {
  return llvm::none_of(shape, [](int64_t d) { return d == kDyn; });
}

static LogicalResult convertReshape(NodeContext &nc) {
  auto requested = nc.intsInput(1, "shape");
  if (failed(requested))
    return failure();
  llvm::SmallVector<int64_t> in = inputShape(nc), shape;
  bool allowZero = nc.opset >= 14 && nc.attrInt("allowzero", 0);
  int64_t inferIdx = -1, known = 1;
  for (auto [i, d] : llvm::enumerate(*requested)) {
    if (d == 0 && !allowZero) {
      if (i >= in.size())
        return nc.error("shape entry " + llvm::Twine(i) +
                        " copies a dimension the input does not have");
      d = in[i];
    }
    if (d == -1) {
      if (inferIdx >= 0)
        return nc.error("shape has more than one -1 entry");
      inferIdx = i;
    } else if (d < 0 || d == kDyn) {
      return nc.error("shape entry " + llvm::Twine(i) + " is invalid or "
                      "dynamic; pin the graph inputs with --input-shape");
    } else {
      known *= d;
    }
    shape.push_back(d);
  }
  if (!isStatic(in))
    return nc.error("Reshape needs a static input shape; pin the graph "
                    "inputs with --input-shape");
  int64_t total = 1;
  for (int64_t d : in)
    total *= d;
  if (inferIdx >= 0) {
    if (known == 0 || total % known != 0)
      return nc.error("cannot infer the -1 entry: " + llvm::Twine(total) +
                      " elements are not divisible by " + llvm::Twine(known));
    shape[inferIdx] = total / known;
  }
  return reshapeTo(nc, shape);
}

static LogicalResult convertFlatten(NodeContext &nc) {
  llvm::SmallVector<int64_t> in = inputShape(nc);
  if (!isStatic(in))
    return nc.error("Flatten needs a static input shape");
  int64_t rank = in.size(), axis = nc.attrInt("axis", 1);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank)
    return nc.error("axis " + llvm::Twine(nc.attrInt("axis", 1)) +
                    " is out of range for rank " + llvm::Twine(rank));
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= in[i];
  return reshapeTo(nc, {outer, inner});
}

/// Squeeze/Unsqueeze axes: an attribute before opset 13, an input after.
static FailureOr<std::optional<llvm::SmallVector<int64_t>>>
squeezeAxes(NodeContext &nc) {
  if (nc.opset < 13)
    return nc.attrInts("axes");
  if (!nc.hasInput(1))
    return std::optional<llvm::SmallVector<int64_t>>();
  auto v = nc.intsInput(1, "axes");
  if (failed(v))
    return failure();
  return std::optional<llvm::SmallVector<int64_t>>(*v);
}

static LogicalResult convertSqueeze(NodeContext &nc) {
  auto axes = squeezeAxes(nc);
  if (failed(axes))
    return failure();
  llvm::SmallVector<int64_t> in = inputShape(nc), shape;
  int64_t rank = in.size();
  llvm::SmallVector<bool> drop(rank, false);
  if (*axes) {
    for (int64_t a : **axes) {
      int64_t axis;
      std::string error;
      if (failed(nn::normalizeAxis(a, rank, axis, error)))
        return nc.error(error);
      if (in[axis] != 1)
        return nc.error("cannot squeeze dimension " + llvm::Twine(a) +
                        " of size " + llvm::Twine(in[axis]));
      drop[axis] = true;
    }
  } else {
    if (!isStatic(in))
      return nc.error("Squeeze without axes needs a static input shape");
    for (int64_t i = 0; i < rank; ++i)
      drop[i] = in[i] == 1;
  }
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i])
      shape.push_back(in[i]);
  if (!isStatic(shape))
    return nc.error("Squeeze needs a static input shape");
  return reshapeTo(nc, shape);
}

static LogicalResult convertUnsqueeze(NodeContext &nc) {
  auto axes = squeezeAxes(nc);
  if (failed(axes))
    return failure();
  if (!*axes)
    return nc.error("axes is required");
  llvm::SmallVector<int64_t> in = inputShape(nc);
  if (!isStatic(in))
    return nc.error("Unsqueeze needs a static input shape");
  int64_t outRank = in.size() + (*axes)->size();
  llvm::SmallVector<bool> inserted(outRank, false);
  for (int64_t a : **axes) {
    int64_t axis;
    std::string error;
    if (failed(nn::normalizeAxis(a, outRank, axis, error)))
      return nc.error(error);
    if (inserted[axis])
      return nc.error("axis " + llvm::Twine(a) + " is listed twice");
    inserted[axis] = true;
  }
  llvm::SmallVector<int64_t> shape;
  for (int64_t i = 0, k = 0; i < outRank; ++i)
    shape.push_back(inserted[i] ? 1 : in[k++]);
  return reshapeTo(nc, shape);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

static LogicalResult convertTranspose(NodeContext &nc) {
  int64_t rank = nc.inputType(0).getRank();
  llvm::SmallVector<int64_t> perm;
  if (auto p = nc.attrInts("perm"))
    perm = *p;
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  return build<nn::TransposeOp>(nc, {nc.input(0)},
                                {nc.named("perm", nc.i64Array(perm))});
}

static LogicalResult convertConcat(NodeContext &nc) {
  int64_t axisAttr = nc.attrInt("axis", 0);
  if (auto lits = nc.allConstInputs()) {
    // Concatenation of known tensors (typically shape vectors).
    const Literal &first = *(*lits)[0];
    int64_t rank = first.shape.size(), axis;
    std::string error;
    if (failed(nn::normalizeAxis(axisAttr, rank, axis, error)))
      return nc.error(error);
    Literal out;
    out.elementType = first.elementType;
    out.shape = first.shape;
    out.shape[axis] = 0;
    for (const Literal *l : *lits) {
      if (static_cast<int64_t>(l->shape.size()) != rank)
        return nc.error("inputs differ in rank");
      out.shape[axis] += l->shape[axis];
    }
    int64_t outer = 1;
    for (int64_t i = 0; i < axis; ++i)
      outer *= first.shape[i];
    for (int64_t o = 0; o < outer; ++o)
      for (const Literal *l : *lits) {
        int64_t chunk = l->numElements() / std::max<int64_t>(outer, 1);
        for (int64_t k = 0; k < chunk; ++k)
          out.push(l->at(o * chunk + k));
      }
    if (out.numElements() <= kMaxFoldElements) {
      nc.setOutput(0, std::move(out));
      return success();
    }
  }
  llvm::SmallVector<Value> inputs;
  for (unsigned i = 0; i < nc.numInputs(); ++i)
    inputs.push_back(nc.input(i));
  return build<nn::ConcatOp>(
      nc, inputs, {nc.named("axis", nc.builder().getI64IntegerAttr(axisAttr))});
}

static LogicalResult convertSplit(NodeContext &nc) {
  RankedTensorType type = nc.inputType(0);
  int64_t axis;
  std::string error;
  if (failed(nn::normalizeAxis(nc.attrInt("axis", 0), type.getRank(), axis,
                               error)))
    return nc.error(error);
  unsigned outputs = nc.node.output_size();
  llvm::SmallVector<int64_t> sizes;
  if (nc.opset < 13) {
    if (auto s = nc.attrInts("split"))
      sizes = *s;
  } else if (nc.hasInput(1)) {
    auto s = nc.intsInput(1, "split");
    if (failed(s))
      return failure();
    sizes = *s;
  }
  if (sizes.empty()) {
    int64_t dim = type.getDimSize(axis);
    if (dim == kDyn)
      return nc.error("an even Split needs a static dimension");
    if (dim % outputs != 0)
      return nc.error("dimension " + llvm::Twine(dim) +
                      " does not split evenly into " + llvm::Twine(outputs) +
                      " outputs");
    sizes.assign(outputs, dim / outputs);
  }
  if (sizes.size() != outputs)
    return nc.error("split lists " + llvm::Twine(sizes.size()) +
                    " sizes for " + llvm::Twine(outputs) + " outputs");
  return build<nn::SplitOp>(
      nc, {nc.input(0)},
      {nc.named("axis", nc.builder().getI64IntegerAttr(axis)),
       nc.named("sizes", nc.i64Array(sizes))},
      outputs);
}

static LogicalResult convertSlice(NodeContext &nc) {
  llvm::SmallVector<int64_t> starts, ends, axes, steps;
  if (nc.opset < 10) {
    starts = nc.attrInts("starts").value_or(llvm::SmallVector<int64_t>());
    ends = nc.attrInts("ends").value_or(llvm::SmallVector<int64_t>());
    axes = nc.attrInts("axes").value_or(llvm::SmallVector<int64_t>());
  } else {
    auto s = nc.intsInput(1, "starts"), e = nc.intsInput(2, "ends");
    if (failed(s) || failed(e))
      return failure();
    starts = *s;
    ends = *e;
    if (nc.hasInput(3)) {
      auto a = nc.intsInput(3, "axes");
      if (failed(a))
        return failure();
      axes = *a;
    }
    if (nc.hasInput(4)) {
      auto st = nc.intsInput(4, "steps");
      if (failed(st))
        return failure();
      steps = *st;
    }
  }
  llvm::SmallVector<int64_t> in = inputShape(nc);
  int64_t rank = in.size();
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i)
      axes.push_back(i);
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return nc.error("starts, ends, axes and steps differ in length");
  // Normalize to one clamped (start, end, step) per dimension.
  llvm::SmallVector<int64_t> nStarts(rank, 0), nEnds(in), nSteps(rank, 1);
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t axis;
    std::string error;
    if (failed(nn::normalizeAxis(axes[k], rank, axis, error)))
      return nc.error(error);
    int64_t dim = in[axis], step = steps[k];
    if (dim == kDyn)
      return nc.error("Slice needs static sliced dimensions");
    if (step == 0)
      return nc.error("steps must be non-zero");
    auto clampIdx = [&](int64_t v, int64_t lo, int64_t hi) {
      if (v < 0)
        v = v < std::numeric_limits<int64_t>::min() + dim ? lo : v + dim;
      return std::clamp(v, lo, hi);
    };
    nSteps[axis] = step;
    if (step > 0) {
      nStarts[axis] = clampIdx(starts[k], 0, dim);
      nEnds[axis] = clampIdx(ends[k], 0, dim);
    } else {
      nStarts[axis] = clampIdx(starts[k], 0, dim - 1);
      nEnds[axis] = clampIdx(ends[k], -1, dim - 1);
    }
  }
  if (const Literal *lit = nc.constInput(0)) {
    // Slicing a known tensor (a shape vector, usually).
    Literal out;
    out.elementType = lit->elementType;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t n = nSteps[d] > 0
                      ? (nEnds[d] - nStarts[d] + nSteps[d] - 1) / nSteps[d]
                      : (nStarts[d] - nEnds[d] - nSteps[d] - 1) / -nSteps[d];
      out.shape.push_back(std::max<int64_t>(n, 0));
    }
    llvm::SmallVector<int64_t> inStrides = stridesOf(lit->shape),
                               outStrides = stridesOf(out.shape);
    for (int64_t i = 0, n = out.numElements(); i < n; ++i) {
      int64_t src = 0, rem = i;
      for (int64_t d = 0; d < rank; ++d) {
        int64_t idx = rem / outStrides[d];
        rem %= outStrides[d];
        src += (nStarts[d] + idx * nSteps[d]) * inStrides[d];
      }
      out.push(lit->at(src));
    }
    nc.setOutput(0, std::move(out));
    return success();
  }
  return build<nn::SliceOp>(nc, {nc.input(0)},
                            {nc.named("starts", nc.i64Array(nStarts)),
                             nc.named("ends", nc.i64Array(nEnds)),
                             nc.named("steps", nc.i64Array(nSteps))});
}

static LogicalResult convertGather(NodeContext &nc) {
  int64_t axisAttr = nc.attrInt("axis", 0);
  const Literal *data = nc.constInput(0);
  const Literal *indices = data ? nc.constInput(1) : nullptr;
  if (data && indices) {
    int64_t rank = data->shape.size(), axis;
    std::string error;
    if (failed(nn::normalizeAxis(axisAttr, rank, axis, error)))
      return nc.error(error);
    int64_t outer = 1, inner = 1, dim = data->shape[axis];
    for (int64_t i = 0; i < axis; ++i)
      outer *= data->shape[i];
    for (int64_t i = axis + 1; i < rank; ++i)
      inner *= data->shape[i];
    Literal out;
    out.elementType = data->elementType;
    out.shape.assign(data->shape.begin(), data->shape.begin() + axis);
    out.shape.append(indices->shape.begin(), indices->shape.end());
    out.shape.append(data->shape.begin() + axis + 1, data->shape.end());
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t k = 0, n = indices->numElements(); k < n; ++k) {
        int64_t idx = indices->intAt(k);
        if (idx < -dim || idx >= dim)
          return nc.error("index " + llvm::Twine(idx) +
                          " is out of range for dimension " +
                          llvm::Twine(dim));
        if (idx < 0)
          idx += dim;
        for (int64_t i = 0; i < inner; ++i)
          out.push(data->at((o * dim + idx) * inner + i));
      }
    nc.setOutput(0, std::move(out));
    return success();
  }
  return build<nn::GatherOp>(
      nc, {nc.input(0), nc.input(1)},
      {nc.named("axis", nc.builder().getI64IntegerAttr(axisAttr))});
}

static LogicalResult convertPad(NodeContext &nc) {
  llvm::SmallVector<int64_t> pads;
  double value = 0;
  if (nc.opset < 11) {
    pads = nc.attrInts("pads").value_or(llvm::SmallVector<int64_t>());
    value = nc.attrFloat("value", 0.0f);
  } else {
    auto p = nc.intsInput(1, "pads");
    if (failed(p))
      return failure();
    pads = *p;
    if (nc.hasInput(2)) {
      auto v = nc.scalarInput(2, "constant_value");
      if (failed(v))
        return failure();
      value = *v;
    }
  }
  Builder &b = nc.builder();
  return build<nn::PadOp>(
      nc, {nc.input(0)},
      {nc.named("pads", nc.i64Array(pads)),
       nc.named("mode", b.getStringAttr(nc.attrString("mode", "constant"))),
       nc.named("value", b.getF64FloatAttr(value))});
}

/// Resize (opset 10-17) and Upsample (7-9), nearest mode only.
static LogicalResult convertResize(NodeContext &nc) {
  std::string mode = nc.attrString("mode", "nearest");
  if (mode != "nearest")
    return nc.error("mode '" + mode + "' is not supported (only nearest)");
  RankedTensorType type = nc.inputType(0);
  if (failed(requireStatic(nc, type, nc.node.op_type())))
    return failure();
  bool upsample = nc.node.op_type() == "Upsample";
  std::string coord = "asymmetric", nearest = "floor";
  if (!upsample && nc.opset >= 11) {
    coord = nc.attrString("coordinate_transformation_mode", "half_pixel");
    nearest = nc.attrString("nearest_mode", "round_prefer_floor");
    if (coord == "tf_crop_and_resize")
      return nc.error("coordinate_transformation_mode tf_crop_and_resize is "
                      "not supported");
  } else if (!upsample) {
    // Resize-10 rounds like Upsample.
    nearest = "floor";
  }
  llvm::SmallVector<double> scales;
  llvm::SmallVector<int64_t> sizes;
  int scalesIdx = upsample ? 1 : (nc.opset >= 11 ? 2 : 1);
  if (upsample && nc.opset < 9) {
    auto s = nc.attrFloats("scales");
    if (!s)
      return nc.error("scales is required");
    scales.assign(s->begin(), s->end());
  } else if (nc.hasInput(scalesIdx) && nc.constInput(scalesIdx) &&
             nc.constInput(scalesIdx)->numElements() > 0) {
    const Literal *s = nc.constInput(scalesIdx);
    for (int64_t i = 0; i < s->numElements(); ++i)
      scales.push_back(s->at(i));
  } else if (!upsample && nc.opset >= 11 && nc.hasInput(3)) {
    auto s = nc.intsInput(3, "sizes");
    if (failed(s))
      return failure();
    sizes = *s;
  } else if (nc.hasInput(scalesIdx)) {
    return nc.error("scales must be known at import");
  } else {
    return nc.error("one of scales and sizes is required");
  }
  int64_t rank = type.getRank();
  if (!scales.empty()) {
    if (static_cast<int64_t>(scales.size()) != rank)
      return nc.error("scales needs " + llvm::Twine(rank) + " entries");
    for (int64_t i = 0; i < rank; ++i)
      sizes.push_back(static_cast<int64_t>(
          std::floor(type.getDimSize(i) * scales[i])));
  } else {
    if (static_cast<int64_t>(sizes.size()) != rank)
      return nc.error("sizes needs " + llvm::Twine(rank) + " entries");
    for (int64_t i = 0; i < rank; ++i)
      scales.push_back(static_cast<double>(sizes[i]) / type.getDimSize(i));
  }
  Builder &b = nc.builder();
  return build<nn::ResizeOp>(
      nc, {nc.input(0)},
      {nc.named("sizes", nc.i64Array(sizes)),
       nc.named("scales", b.getDenseF64ArrayAttr(scales)),
       nc.named("coordinate_transformation_mode", b.getStringAttr(coord)),
       nc.named("nearest_mode", b.getStringAttr(nearest))});
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

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

const llvm::StringMap<Converter> &mlir::tessel::onnx_import::converters() {
  static const llvm::StringMap<Converter> table = [] {
    llvm::StringMap<Converter> t;
    t["Conv"] = convertConv;
    t["ConvTranspose"] = convertConvTranspose;
    t["Gemm"] = convertGemm;
    t["MatMul"] = convertMatMul;
    t["Add"] = convertBinary<nn::AddOp>;
    t["Sub"] = convertBinary<nn::SubOp>;
    t["Mul"] = convertBinary<nn::MulOp>;
    t["Div"] = convertBinary<nn::DivOp>;
    t["Pow"] = convertBinary<nn::PowOp>;
    t["Relu"] = convertUnary<nn::ReluOp>;
    t["Sigmoid"] = convertUnary<nn::SigmoidOp>;
    t["Tanh"] = convertUnary<nn::TanhOp>;
    t["Erf"] = convertUnary<nn::ErfOp>;
    t["Sqrt"] = convertUnary<nn::SqrtOp>;
    t["Exp"] = convertUnary<nn::ExpOp>;
    t["LeakyRelu"] = convertLeakyRelu;
    t["Clip"] = convertClip;
    t["Cast"] = convertCast;
    t["Identity"] = convertIdentity;
    t["Dropout"] = convertDropout;
    t["Softmax"] = convertSoftmax;
    t["LayerNormalization"] = convertLayerNorm;
    t["BatchNormalization"] = convertBatchNorm;
    t["MaxPool"] = convertMaxPool;
    t["AveragePool"] = convertAveragePool;
    t["GlobalAveragePool"] = convertUnary<nn::GlobalAvgPoolOp>;
    t["ReduceMean"] = convertReduce<nn::ReduceMeanOp>;
    t["ReduceSum"] = convertReduce<nn::ReduceSumOp>;
    t["ReduceMax"] = convertReduce<nn::ReduceMaxOp>;
    t["Reshape"] = convertReshape;
    t["Flatten"] = convertFlatten;
    t["Squeeze"] = convertSqueeze;
    t["Unsqueeze"] = convertUnsqueeze;
    t["Transpose"] = convertTranspose;
    t["Concat"] = convertConcat;
    t["Split"] = convertSplit;
    t["Slice"] = convertSlice;
    t["Gather"] = convertGather;
    t["Pad"] = convertPad;
    t["Resize"] = convertResize;
    t["Upsample"] = convertResize;
    t["QuantizeLinear"] = convertLinearQuant<nn::QuantizeLinearOp>;
    t["DequantizeLinear"] = convertLinearQuant<nn::DequantizeLinearOp>;
    t["QLinearConv"] = convertQLinearConv;
    t["QLinearMatMul"] = convertQLinearMatMul;
    t["MatMulInteger"] = convertMatMulInteger;
    t["ConvInteger"] = convertConvInteger;
    addShapeFolders(t);
    return t;
  }();
  return table;
}
