//===- NNOps.cpp - nn operations: type inference, verifiers, folders -----===//
//
// Result types are inferred from operands and attributes with ONNX's shape
// rules (NNShapes.h); the InferTypeOpInterface verifier then reports any
// mismatch with the declared result type at the operation.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/NN/IR/NNShapes.h"
#include "tessel/Dialect/NN/IR/QuantizedLinear.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::tessel::nn;

static constexpr int64_t kDyn = ShapedType::kDynamic;

namespace {
/// Emits "'<op>' op <message>" at `loc` when a location is given.
struct Failer {
  std::optional<Location> loc;
  StringRef opName;
  LogicalResult operator()(const Twine &message) const {
    return emitOptionalError(loc, "'", opName, "' op ", message);
  }
};
} // namespace

static RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

static RankedTensorType tensorOf(ArrayRef<int64_t> shape, Type element) {
  return RankedTensorType::get(shape, element);
}

//===----------------------------------------------------------------------===//
// Quantized element types
//===----------------------------------------------------------------------===//

LogicalResult mlir::tessel::nn::verifyNoQuantizedElements(Operation *op) {
  auto check = [&](ValueRange values, StringRef kind,
                   StringRef hint) -> LogicalResult {
    for (auto [i, v] : llvm::enumerate(values)) {
      auto shaped = dyn_cast<ShapedType>(v.getType());
      if (shaped && tessel::qt::isQuantizedElement(shaped.getElementType()))
        return op->emitOpError()
               << kind << " #" << i << " has quantized element type "
               << shaped.getElementType() << "; " << op->getName()
               << " runs float and integer tensors: " << hint;
    }
    return success();
  };
  if (failed(check(op->getOperands(), "operand",
                   "dequantize it first (qt.dequantize)")))
    return failure();
  return check(op->getResults(), "result",
               "quantize its result instead (qt.quantize)");
}

/// The first operand or result whose element type fails `ok`, reported as
/// "<kind> #i has element type T; <op> takes <what>".
static LogicalResult verifyElements(Operation *op, bool (*ok)(Type),
                                    StringRef what) {
  auto check = [&](ValueRange values, StringRef kind) -> LogicalResult {
    for (auto [i, v] : llvm::enumerate(values)) {
      auto shaped = dyn_cast<ShapedType>(v.getType());
      if (shaped && !ok(shaped.getElementType()))
        return op->emitOpError()
               << kind << " #" << i << " has element type "
               << shaped.getElementType() << "; " << op->getName()
               << " takes " << what;
    }
    return success();
  };
  if (failed(check(op->getOperands(), "operand")))
    return failure();
  return check(op->getResults(), "result");
}

LogicalResult mlir::tessel::nn::verifyFloatElements(Operation *op) {
  return verifyElements(
      op, [](Type t) { return isa<FloatType>(t); },
      "floating-point tensors only");
}

LogicalResult mlir::tessel::nn::verifyBoolElements(Operation *op) {
  return verifyElements(
      op, [](Type t) { return t.isInteger(1); }, "i1 tensors only");
}

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &types) {
  auto type = dyn_cast<RankedTensorType>(adaptor.getValue().getType());
  if (!type)
    return Failer{loc, getOperationName()}("value must be a ranked tensor");
  types.push_back(type);
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValueAttr(); }

//===----------------------------------------------------------------------===//
// Convolution family
//===----------------------------------------------------------------------===//

/// Shape of a (possibly transposed) grouped convolution; shared by conv,
/// conv_transpose, qlinear_conv and conv_integer.
static LogicalResult inferConvShape(const Failer &fail, RankedTensorType input,
                                    RankedTensorType weight, Value bias,
                                    ArrayRef<int64_t> strides,
                                    ArrayRef<int64_t> pads,
                                    ArrayRef<int64_t> dilations, int64_t group,
                                    ArrayRef<int64_t> outputPadding,
                                    bool transposed, Shape &result) {
  int64_t rank = input.getRank();
  if (rank < 3 || rank > 5)
    return fail("expects an input of rank 3 to 5 (N, C, 1-3 spatial dims), "
                "got rank " + Twine(rank));
  if (weight.getRank() != rank)
    return fail("expects a weight of rank " + Twine(rank) + ", got rank " +
                Twine(weight.getRank()));
  size_t spatial = rank - 2;
  std::string error;
  if (failed(checkWindowAttrs(spatial, strides, pads, dilations, error)))
    return fail(error);
  if (group < 1)
    return fail("group must be positive, got " + Twine(group));
  if (transposed && outputPadding.size() != spatial)
    return fail("expects " + Twine(spatial) + " output_padding values, got " +
                Twine(outputPadding.size()));

  int64_t channels = input.getDimSize(1);
  // Weight layout: conv (M, C/group, k...), transposed (C, M/group, k...).
  int64_t outChannels = transposed ? weight.getDimSize(1) : weight.getDimSize(0);
  if (outChannels != kDyn && transposed)
    outChannels *= group;
  if (channels != kDyn) {
    if (channels % group != 0)
      return fail("input channels (" + Twine(channels) +
                  ") are not divisible by group (" + Twine(group) + ")");
    int64_t expected = transposed ? channels : channels / group;
    int64_t got = transposed ? weight.getDimSize(0) : weight.getDimSize(1);
    if (got != kDyn && got != expected)
      return fail("weight has " + Twine(got) + " input channels, expected " +
                  Twine(expected) + " (input channels " + Twine(channels) +
                  ", group " + Twine(group) + ")");
  }
  if (!transposed && outChannels != kDyn && outChannels % group != 0)
    return fail("output channels (" + Twine(outChannels) +
                ") are not divisible by group (" + Twine(group) + ")");
  if (bias) {
    auto biasType = rankedType(bias);
    if (biasType.getRank() != 1 ||
        (outChannels != kDyn && biasType.getDimSize(0) != kDyn &&
         biasType.getDimSize(0) != outChannels))
      return fail("expects a bias of shape [" + Twine(outChannels) + "]");
  }

  result.assign({input.getDimSize(0), outChannels});
  for (size_t i = 0; i < spatial; ++i) {
    int64_t in = input.getDimSize(i + 2), k = weight.getDimSize(i + 2);
    if (in == kDyn || k == kDyn) {
      result.push_back(kDyn);
      continue;
    }
    if (transposed) {
      int64_t out = strides[i] * (in - 1) + outputPadding[i] +
                    dilations[i] * (k - 1) + 1 - pads[i] - pads[i + spatial];
      if (out < 1)
        return fail("output spatial dimension " + Twine(i) +
                    " would be empty (" + Twine(out) + ")");
      result.push_back(out);
      continue;
    }
    int64_t out;
    if (failed(windowOutputSize(in, k, strides[i], pads[i], pads[i + spatial],
                                dilations[i], false, out, error)))
      return fail("spatial dimension " + Twine(i) + ": " + error);
    result.push_back(out);
  }
  return success();
}

/// The inferred result element of a linear op: the input's, or f32 (the
/// accumulator's value) for quantized operands.
static Type linearResultElement(RankedTensorType input) {
  Type e = input.getElementType();
  return tessel::qt::isQuantizedElement(e) ? Float32Type::get(e.getContext())
                                           : e;
}

/// Linear ops may declare an accumulator or another float type where f32
/// is inferred for quantized operands; their verifiers decide.
static bool linearResultsCompatible(TypeRange inferred, TypeRange actual) {
  if (inferred.size() != 1 || actual.size() != 1)
    return false;
  if (inferred[0] == actual[0])
    return true;
  auto l = cast<RankedTensorType>(inferred[0]);
  auto r = dyn_cast<RankedTensorType>(actual[0]);
  return r && l.getShape() == r.getShape() && l.getElementType().isF32() &&
         (isa<FloatType>(r.getElementType()) ||
          tessel::qt::isQuantizedElement(r.getElementType()));
}

bool ConvOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return linearResultsCompatible(l, r);
}
bool GemmOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return linearResultsCompatible(l, r);
}
bool MatMulOp::isCompatibleReturnTypes(TypeRange l, TypeRange r) {
  return linearResultsCompatible(l, r);
}

LogicalResult ConvOp::verify() { return verifyLinearElementTypes(*this); }
LogicalResult MatMulOp::verify() { return verifyLinearElementTypes(*this); }
LogicalResult GemmOp::verify() {
  if (!isPlainProduct() && LinearOpInterface(*this).hasQuantizedOperands())
    return emitOpError("expects alpha = beta = 1 with quantized operands");
  return verifyLinearElementTypes(*this);
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  Shape shape;
  if (failed(inferConvShape(fail, input, rankedType(adaptor.getWeight()),
                            adaptor.getBias(), adaptor.getStrides(),
                            adaptor.getPads(), adaptor.getDilations(),
                            adaptor.getGroup(), {}, false, shape)))
    return failure();
  types.push_back(tensorOf(shape, linearResultElement(input)));
  return success();
}

LogicalResult ConvTransposeOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  Shape shape;
  if (failed(inferConvShape(fail, input, rankedType(adaptor.getWeight()),
                            adaptor.getBias(), adaptor.getStrides(),
                            adaptor.getPads(), adaptor.getDilations(),
                            adaptor.getGroup(), adaptor.getOutputPadding(),
                            true, shape)))
    return failure();
  types.push_back(tensorOf(shape, input.getElementType()));
  return success();
}

/// Per-tensor scalars or 1-D per-channel vectors of `channels` entries.
static LogicalResult checkQuantParam(const Failer &fail, Value v,
                                     StringRef name, int64_t channels) {
  if (!v)
    return success();
  auto t = rankedType(v);
  if (t.getNumElements() == 1 && t.getRank() <= 1)
    return success();
  if (t.getRank() == 1 && (channels == kDyn || t.getDimSize(0) == kDyn ||
                           t.getDimSize(0) == channels))
    return success();
  return fail(name + " must be a scalar or have one entry per channel (" +
              Twine(channels) + ")");
}

static LogicalResult checkScalar(const Failer &fail, Value v, StringRef name) {
  if (!v)
    return success();
  auto t = rankedType(v);
  if (t.getRank() <= 1 && t.getNumElements() == 1)
    return success();
  return fail(name + " must be a scalar");
}

LogicalResult QLinearConvOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getX());
  auto weight = rankedType(adaptor.getW());
  Shape shape;
  if (failed(inferConvShape(fail, input, weight, adaptor.getBias(),
                            adaptor.getStrides(), adaptor.getPads(),
                            adaptor.getDilations(), adaptor.getGroup(), {},
                            false, shape)))
    return failure();
  if (failed(checkScalar(fail, adaptor.getXScale(), "x_scale")) ||
      failed(checkScalar(fail, adaptor.getXZeroPoint(), "x_zero_point")) ||
      failed(checkQuantParam(fail, adaptor.getWScale(), "w_scale", shape[1])) ||
      failed(checkQuantParam(fail, adaptor.getWZeroPoint(), "w_zero_point",
                             shape[1])) ||
      failed(checkScalar(fail, adaptor.getYScale(), "y_scale")) ||
      failed(checkScalar(fail, adaptor.getYZeroPoint(), "y_zero_point")))
    return failure();
  types.push_back(
      tensorOf(shape, rankedType(adaptor.getYZeroPoint()).getElementType()));
  return success();
}

LogicalResult ConvIntegerOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  Shape shape;
  if (failed(inferConvShape(fail, rankedType(adaptor.getX()),
                            rankedType(adaptor.getW()), Value(),
                            adaptor.getStrides(), adaptor.getPads(),
                            adaptor.getDilations(), adaptor.getGroup(), {},
                            false, shape)))
    return failure();
  if (failed(checkScalar(fail, adaptor.getXZeroPoint(), "x_zero_point")) ||
      failed(checkQuantParam(fail, adaptor.getWZeroPoint(), "w_zero_point",
                             shape[1])))
    return failure();
  types.push_back(tensorOf(shape, IntegerType::get(ctx, 32)));
  return success();
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

LogicalResult GemmOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto a = rankedType(adaptor.getA()), b = rankedType(adaptor.getB());
  if (a.getRank() != 2 || b.getRank() != 2)
    return fail("expects rank-2 operands a and b");
  int64_t m = a.getDimSize(adaptor.getTransA() ? 1 : 0);
  int64_t ka = a.getDimSize(adaptor.getTransA() ? 0 : 1);
  int64_t kb = b.getDimSize(adaptor.getTransB() ? 1 : 0);
  int64_t n = b.getDimSize(adaptor.getTransB() ? 0 : 1);
  if (ka != kb && ka != kDyn && kb != kDyn)
    return fail("contracting dimensions differ: " + Twine(ka) + " vs " +
                Twine(kb));
  if (Value c = adaptor.getC())
    if (!isUnidirectionalBroadcastable(rankedType(c).getShape(), {m, n}))
      return fail("c does not broadcast to the result shape [" + Twine(m) +
                  ", " + Twine(n) + "]");
  types.push_back(tensorOf({m, n}, linearResultElement(a)));
  return success();
}

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto a = rankedType(adaptor.getA());
  Shape shape;
  std::string error;
  if (failed(matmulShape(a.getShape(), rankedType(adaptor.getB()).getShape(),
                         shape, error)))
    return Failer{loc, getOperationName()}(error);
  types.push_back(tensorOf(shape, linearResultElement(a)));
  return success();
}

LogicalResult QLinearMatMulOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto a = rankedType(adaptor.getA()), b = rankedType(adaptor.getB());
  Shape shape;
  std::string error;
  if (failed(matmulShape(a.getShape(), b.getShape(), shape, error)))
    return fail(error);
  int64_t rows = a.getRank() >= 2 ? a.getDimSize(a.getRank() - 2) : 1;
  if (failed(checkQuantParam(fail, adaptor.getAScale(), "a_scale", rows)) ||
      failed(checkQuantParam(fail, adaptor.getAZeroPoint(), "a_zero_point",
                             rows)) ||
      failed(checkQuantParam(fail, adaptor.getBScale(), "b_scale",
                             b.getShape().back())) ||
      failed(checkQuantParam(fail, adaptor.getBZeroPoint(), "b_zero_point",
                             b.getShape().back())) ||
      failed(checkScalar(fail, adaptor.getYScale(), "y_scale")) ||
      failed(checkScalar(fail, adaptor.getYZeroPoint(), "y_zero_point")))
    return failure();
  types.push_back(
      tensorOf(shape, rankedType(adaptor.getYZeroPoint()).getElementType()));
  return success();
}

LogicalResult MatMulIntegerOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto a = rankedType(adaptor.getA()), b = rankedType(adaptor.getB());
  Shape shape;
  std::string error;
  if (failed(matmulShape(a.getShape(), b.getShape(), shape, error)))
    return fail(error);
  int64_t rows = a.getRank() >= 2 ? a.getDimSize(a.getRank() - 2) : 1;
  if (failed(checkQuantParam(fail, adaptor.getAZeroPoint(), "a_zero_point",
                             rows)) ||
      failed(checkQuantParam(fail, adaptor.getBZeroPoint(), "b_zero_point",
                             b.getShape().back())))
    return failure();
  types.push_back(tensorOf(shape, IntegerType::get(ctx, 32)));
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

static LogicalResult inferBroadcast(const Failer &fail, Value lhs, Value rhs,
                                    bool sameElementType,
                                    SmallVectorImpl<Type> &types) {
  auto l = rankedType(lhs), r = rankedType(rhs);
  if (sameElementType && l.getElementType() != r.getElementType())
    return fail("operand element types differ");
  Shape shape;
  std::string error;
  if (failed(broadcastShapes(l.getShape(), r.getShape(), shape, error)))
    return fail(error);
  types.push_back(tensorOf(shape, l.getElementType()));
  return success();
}

#define NN_BROADCAST_INFER(OP, SAME_ELEMENT)                                   \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    return inferBroadcast(Failer{loc, getOperationName()}, adaptor.getLhs(),   \
                          adaptor.getRhs(), SAME_ELEMENT, types);              \
  }
NN_BROADCAST_INFER(AddOp, true)
NN_BROADCAST_INFER(SubOp, true)
NN_BROADCAST_INFER(MulOp, true)
NN_BROADCAST_INFER(DivOp, true)
NN_BROADCAST_INFER(PowOp, false)
NN_BROADCAST_INFER(ModOp, true)
NN_BROADCAST_INFER(AndOp, true)
NN_BROADCAST_INFER(OrOp, true)
NN_BROADCAST_INFER(XorOp, true)
#undef NN_BROADCAST_INFER

// Comparisons: the broadcast shape, i1 elements.
#define NN_COMPARE_INFER(OP)                                                   \
  LogicalResult OP::inferReturnTypes(MLIRContext *ctx,                         \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    if (failed(inferBroadcast(Failer{loc, getOperationName()},                 \
                              adaptor.getLhs(), adaptor.getRhs(), true,        \
                              types)))                                         \
      return failure();                                                        \
    types.back() =                                                             \
        cast<RankedTensorType>(types.back()).clone(IntegerType::get(ctx, 1));  \
    return success();                                                          \
  }
NN_COMPARE_INFER(EqualOp)
NN_COMPARE_INFER(LessOp)
NN_COMPARE_INFER(LessOrEqualOp)
NN_COMPARE_INFER(GreaterOp)
NN_COMPARE_INFER(GreaterOrEqualOp)
#undef NN_COMPARE_INFER

LogicalResult WhereOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  if (!rankedType(adaptor.getCondition()).getElementType().isInteger(1))
    return fail("condition must have i1 elements");
  auto x = rankedType(adaptor.getX()), y = rankedType(adaptor.getY());
  if (x.getElementType() != y.getElementType())
    return fail("x and y differ in element type");
  Shape xy, shape;
  std::string error;
  if (failed(broadcastShapes(x.getShape(), y.getShape(), xy, error)) ||
      failed(broadcastShapes(rankedType(adaptor.getCondition()).getShape(), xy,
                             shape, error)))
    return fail(error);
  types.push_back(tensorOf(shape, x.getElementType()));
  return success();
}

LogicalResult ModOp::verify() {
  if (isa<FloatType>(getType().getElementType()) && !getFmod())
    return emitOpError("requires fmod = true for floating-point operands "
                       "(ONNX Mod's rule)");
  return success();
}

LogicalResult PReluOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto x = rankedType(adaptor.getLhs()), slope = rankedType(adaptor.getRhs());
  if (x.getElementType() != slope.getElementType())
    return fail("operand element types differ");
  if (!isUnidirectionalBroadcastable(slope.getShape(), x.getShape()))
    return fail("slope does not broadcast to the input shape");
  types.push_back(x);
  return success();
}

/// Min, Max, Sum, Mean: one element type, shapes broadcast together.
static LogicalResult inferVariadic(const Failer &fail, ValueRange inputs,
                                   SmallVectorImpl<Type> &types) {
  if (inputs.empty())
    return fail("expects at least one input");
  auto first = rankedType(inputs.front());
  Shape shape(first.getShape());
  for (Value v : inputs.drop_front()) {
    auto t = rankedType(v);
    if (t.getElementType() != first.getElementType())
      return fail("inputs differ in element type");
    Shape next;
    std::string error;
    if (failed(broadcastShapes(shape, t.getShape(), next, error)))
      return fail(error);
    shape = next;
  }
  types.push_back(tensorOf(shape, first.getElementType()));
  return success();
}

#define NN_VARIADIC_INFER(OP)                                                  \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    return inferVariadic(Failer{loc, getOperationName()}, adaptor.getInputs(), \
                         types);                                               \
  }
NN_VARIADIC_INFER(MinOp)
NN_VARIADIC_INFER(MaxOp)
NN_VARIADIC_INFER(SumOp)
NN_VARIADIC_INFER(MeanOp)
#undef NN_VARIADIC_INFER

// Ops whose result has exactly the type of their first operand.
#define NN_SAME_TYPE_INFER(OP)                                                 \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location>,   \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    types.push_back(adaptor.getInput().getType());                             \
    return success();                                                          \
  }
NN_SAME_TYPE_INFER(ReluOp)
NN_SAME_TYPE_INFER(SigmoidOp)
NN_SAME_TYPE_INFER(TanhOp)
NN_SAME_TYPE_INFER(ErfOp)
NN_SAME_TYPE_INFER(SqrtOp)
NN_SAME_TYPE_INFER(ExpOp)
NN_SAME_TYPE_INFER(IdentityOp)
NN_SAME_TYPE_INFER(LeakyReluOp)
NN_SAME_TYPE_INFER(GeluOp)
NN_SAME_TYPE_INFER(ClipOp)
NN_SAME_TYPE_INFER(SoftmaxOp)
NN_SAME_TYPE_INFER(CumSumOp)
NN_SAME_TYPE_INFER(NegOp)
NN_SAME_TYPE_INFER(NotOp)
NN_SAME_TYPE_INFER(AbsOp)
NN_SAME_TYPE_INFER(SignOp)
NN_SAME_TYPE_INFER(FloorOp)
NN_SAME_TYPE_INFER(CeilOp)
NN_SAME_TYPE_INFER(RoundOp)
NN_SAME_TYPE_INFER(ReciprocalOp)
NN_SAME_TYPE_INFER(LogOp)
NN_SAME_TYPE_INFER(SoftplusOp)
NN_SAME_TYPE_INFER(SoftsignOp)
NN_SAME_TYPE_INFER(SinOp)
NN_SAME_TYPE_INFER(CosOp)
NN_SAME_TYPE_INFER(TanOp)
NN_SAME_TYPE_INFER(AsinOp)
NN_SAME_TYPE_INFER(AcosOp)
NN_SAME_TYPE_INFER(AtanOp)
NN_SAME_TYPE_INFER(SinhOp)
NN_SAME_TYPE_INFER(CoshOp)
NN_SAME_TYPE_INFER(AsinhOp)
NN_SAME_TYPE_INFER(AcoshOp)
NN_SAME_TYPE_INFER(AtanhOp)
NN_SAME_TYPE_INFER(HardSwishOp)
NN_SAME_TYPE_INFER(HardSigmoidOp)
NN_SAME_TYPE_INFER(EluOp)
NN_SAME_TYPE_INFER(SeluOp)
NN_SAME_TYPE_INFER(CeluOp)
NN_SAME_TYPE_INFER(ThresholdedReluOp)
#undef NN_SAME_TYPE_INFER

OpFoldResult IdentityOp::fold(FoldAdaptor) { return getInput(); }

LogicalResult GeluOp::verify() {
  if (getApproximate() != "none" && getApproximate() != "tanh")
    return emitOpError("approximate must be \"none\" or \"tanh\", got \"")
           << getApproximate() << "\"";
  return success();
}

LogicalResult CeluOp::verify() {
  if (getAlpha().isZero())
    return emitOpError("alpha must be non-zero (the formula divides by it)");
  return success();
}

LogicalResult ClipOp::verify() {
  if (getMinAttr() && getMaxAttr() &&
      getMinAttr().getValueAsDouble() > getMaxAttr().getValueAsDouble())
    return emitOpError("min (")
           << getMinAttr().getValueAsDouble() << ") exceeds max ("
           << getMaxAttr().getValueAsDouble() << ")";
  return success();
}

LogicalResult CastOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  types.push_back(
      rankedType(adaptor.getInput()).clone(adaptor.getTo()));
  return success();
}

LogicalResult CastOp::verify() {
  // The kernel stores numbers of a bit width; index (the target's width)
  // and other types without one have no such storage.
  auto check = [&](StringRef direction, Type t) -> LogicalResult {
    if (t.isIntOrFloat())
      return success();
    return emitOpError("cannot cast ")
           << direction << " " << t
           << ": nn.cast converts between integer and float element types";
  };
  if (failed(check("from", getInput().getType().getElementType())))
    return failure();
  return check("to", getTo());
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

/// Fails at `op` unless `axis` is in [-rank, rank).
static LogicalResult verifyAxis(Operation *op, int64_t axisAttr, Value input) {
  int64_t axis;
  std::string error;
  if (failed(normalizeAxis(axisAttr, rankedType(input).getRank(), axis, error)))
    return op->emitOpError(error);
  return success();
}

LogicalResult SoftmaxOp::verify() {
  return verifyAxis(*this, getAxis(), getInput());
}

LogicalResult CumSumOp::verify() {
  return verifyAxis(*this, getAxis(), getInput());
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  int64_t axis;
  std::string error;
  if (failed(normalizeAxis(adaptor.getAxis(), input.getRank(), axis, error)))
    return fail(error);
  ArrayRef<int64_t> normalized = input.getShape().drop_front(axis);
  if (!isUnidirectionalBroadcastable(rankedType(adaptor.getScale()).getShape(),
                                     normalized))
    return fail("scale does not broadcast to the normalized shape");
  if (Value bias = adaptor.getBias())
    if (!isUnidirectionalBroadcastable(rankedType(bias).getShape(), normalized))
      return fail("bias does not broadcast to the normalized shape");
  types.push_back(input);
  return success();
}

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  if (input.getRank() < 2)
    return fail("expects an input of rank at least 2");
  int64_t channels = input.getDimSize(1);
  Value params[] = {adaptor.getScale(), adaptor.getBias(), adaptor.getMean(),
                    adaptor.getVariance()};
  for (Value p : params) {
    auto t = rankedType(p);
    if (t.getRank() != 1 || (channels != kDyn && t.getDimSize(0) != kDyn &&
                             t.getDimSize(0) != channels))
      return fail("expects scale, bias, mean and variance of shape [" +
                  Twine(channels) + "]");
  }
  types.push_back(input);
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

static LogicalResult inferPoolShape(const Failer &fail, RankedTensorType input,
                                    ArrayRef<int64_t> kernel,
                                    ArrayRef<int64_t> strides,
                                    ArrayRef<int64_t> pads,
                                    ArrayRef<int64_t> dilations, bool ceilMode,
                                    SmallVectorImpl<Type> &types) {
  int64_t rank = input.getRank();
  if (rank < 3)
    return fail("expects an input of rank at least 3 (N, C, spatial...)");
  size_t spatial = rank - 2;
  if (kernel.size() != spatial)
    return fail("expects " + Twine(spatial) + " kernel_shape values, got " +
                Twine(kernel.size()));
  for (int64_t k : kernel)
    if (k < 1)
      return fail("kernel_shape values must be positive");
  std::string error;
  if (failed(checkWindowAttrs(spatial, strides, pads, dilations, error)))
    return fail(error);
  Shape shape(input.getShape().take_front(2));
  for (size_t i = 0; i < spatial; ++i) {
    if (pads[i] >= kernel[i] || pads[i + spatial] >= kernel[i])
      return fail("padding must be smaller than the kernel in spatial "
                  "dimension " + Twine(i));
    int64_t out;
    if (failed(windowOutputSize(input.getDimSize(i + 2), kernel[i], strides[i],
                                pads[i], pads[i + spatial], dilations[i],
                                ceilMode, out, error)))
      return fail("spatial dimension " + Twine(i) + ": " + error);
    shape.push_back(out);
  }
  types.push_back(tensorOf(shape, input.getElementType()));
  return success();
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  return inferPoolShape(Failer{loc, getOperationName()},
                        rankedType(adaptor.getInput()),
                        adaptor.getKernelShape(), adaptor.getStrides(),
                        adaptor.getPads(), adaptor.getDilations(),
                        adaptor.getCeilMode(), types);
}

LogicalResult AvgPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  SmallVector<int64_t> dilations(adaptor.getKernelShape().size(), 1);
  return inferPoolShape(Failer{loc, getOperationName()},
                        rankedType(adaptor.getInput()),
                        adaptor.getKernelShape(), adaptor.getStrides(),
                        adaptor.getPads(), dilations, adaptor.getCeilMode(),
                        types);
}

LogicalResult GlobalAvgPoolOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  auto input = rankedType(adaptor.getInput());
  if (input.getRank() < 3)
    return Failer{loc, getOperationName()}(
        "expects an input of rank at least 3 (N, C, spatial...)");
  Shape shape(input.getShape());
  std::fill(shape.begin() + 2, shape.end(), 1);
  types.push_back(tensorOf(shape, input.getElementType()));
  return success();
}

static LogicalResult inferReduceShape(const Failer &fail,
                                      RankedTensorType input,
                                      ArrayRef<int64_t> axes, bool keepdims,
                                      SmallVectorImpl<Type> &types) {
  int64_t rank = input.getRank();
  llvm::SmallVector<bool> reduced(rank, axes.empty());
  for (int64_t a : axes) {
    int64_t axis;
    std::string error;
    if (failed(normalizeAxis(a, rank, axis, error)))
      return fail(error);
    if (reduced[axis])
      return fail("axis " + Twine(a) + " is listed twice");
    reduced[axis] = true;
  }
  Shape shape;
  for (int64_t i = 0; i < rank; ++i) {
    if (!reduced[i])
      shape.push_back(input.getDimSize(i));
    else if (keepdims)
      shape.push_back(1);
  }
  types.push_back(tensorOf(shape, input.getElementType()));
  return success();
}

#define NN_REDUCE_INFER(OP)                                                    \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    return inferReduceShape(Failer{loc, getOperationName()},                   \
                            rankedType(adaptor.getInput()), adaptor.getAxes(), \
                            adaptor.getKeepdims(), types);                     \
  }
NN_REDUCE_INFER(ReduceMeanOp)
NN_REDUCE_INFER(ReduceSumOp)
NN_REDUCE_INFER(ReduceMaxOp)
NN_REDUCE_INFER(ReduceMinOp)
NN_REDUCE_INFER(ReduceProdOp)
NN_REDUCE_INFER(ReduceL1Op)
NN_REDUCE_INFER(ReduceL2Op)
NN_REDUCE_INFER(ReduceLogSumOp)
NN_REDUCE_INFER(ReduceLogSumExpOp)
NN_REDUCE_INFER(ReduceSumSquareOp)
#undef NN_REDUCE_INFER

/// ArgMax, ArgMin: the reduction of one axis to i64 indices.
static LogicalResult inferArgReduce(const Failer &fail, MLIRContext *ctx,
                                    RankedTensorType input, int64_t axis,
                                    bool keepdims,
                                    SmallVectorImpl<Type> &types) {
  if (input.getRank() == 0)
    return fail("expects an input of rank at least 1");
  SmallVector<Type> reduced;
  if (failed(inferReduceShape(fail, input, {axis}, keepdims, reduced)))
    return failure();
  types.push_back(cast<RankedTensorType>(reduced.front())
                      .clone(IntegerType::get(ctx, 64)));
  return success();
}

#define NN_ARG_REDUCE_INFER(OP)                                                \
  LogicalResult OP::inferReturnTypes(MLIRContext *ctx,                         \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    return inferArgReduce(Failer{loc, getOperationName()}, ctx,                \
                          rankedType(adaptor.getInput()), adaptor.getAxis(),   \
                          adaptor.getKeepdims(), types);                       \
  }
NN_ARG_REDUCE_INFER(ArgMaxOp)
NN_ARG_REDUCE_INFER(ArgMinOp)
#undef NN_ARG_REDUCE_INFER

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  ArrayRef<int64_t> shape = adaptor.getShape();
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return fail("shape entries must be non-negative, got " + Twine(d));
    count *= d;
  }
  if (input.hasStaticShape() && input.getNumElements() != count)
    return fail("cannot reshape " + Twine(input.getNumElements()) +
                " elements into " + Twine(count));
  types.push_back(tensorOf(shape, input.getElementType()));
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // reshape(reshape(x)) is one reshape of x.
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  return {};
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  ArrayRef<int64_t> perm = adaptor.getPerm();
  if (static_cast<int64_t>(perm.size()) != input.getRank())
    return fail("perm has " + Twine(perm.size()) + " entries for rank " +
                Twine(input.getRank()));
  llvm::SmallVector<bool> seen(perm.size(), false);
  Shape shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= input.getRank() || seen[p])
      return fail("perm is not a permutation of [0, rank)");
    seen[p] = true;
    shape.push_back(input.getDimSize(p));
  }
  types.push_back(tensorOf(shape, input.getElementType()));
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  ArrayRef<int64_t> perm = getPerm();
  bool identity = llvm::all_of(llvm::enumerate(perm), [](auto it) {
    return static_cast<int64_t>(it.index()) == it.value();
  });
  if (identity)
    return getInput();
  // transpose(transpose(x, p), q) is transpose(x, p o q).
  if (auto inner = getInput().getDefiningOp<TransposeOp>()) {
    ArrayRef<int64_t> innerPerm = inner.getPerm();
    SmallVector<int64_t> composed;
    for (int64_t q : perm)
      composed.push_back(innerPerm[q]);
    setPerm(composed);
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  return {};
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  if (adaptor.getInputs().empty())
    return fail("expects at least one input");
  auto first = rankedType(adaptor.getInputs().front());
  int64_t axis;
  std::string error;
  if (failed(normalizeAxis(adaptor.getAxis(), first.getRank(), axis, error)))
    return fail(error);
  Shape shape(first.getShape());
  for (Value v : adaptor.getInputs().drop_front()) {
    auto t = rankedType(v);
    if (t.getRank() != first.getRank() ||
        t.getElementType() != first.getElementType())
      return fail("inputs differ in rank or element type");
    for (int64_t i = 0; i < t.getRank(); ++i) {
      int64_t d = t.getDimSize(i);
      if (i == axis) {
        shape[i] = (shape[i] == kDyn || d == kDyn) ? kDyn : shape[i] + d;
      } else if (d != shape[i] && d != kDyn && shape[i] != kDyn) {
        return fail("inputs differ in dimension " + Twine(i) + " (" +
                    Twine(shape[i]) + " vs " + Twine(d) + ")");
      }
    }
  }
  types.push_back(tensorOf(shape, first.getElementType()));
  return success();
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs().front().getType() == getType())
    return getInputs().front();
  return {};
}

LogicalResult SplitOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  int64_t axis;
  std::string error;
  if (failed(normalizeAxis(adaptor.getAxis(), input.getRank(), axis, error)))
    return fail(error);
  int64_t total = 0;
  for (int64_t s : adaptor.getSizes()) {
    if (s < 0)
      return fail("sizes must be non-negative");
    total += s;
  }
  int64_t dim = input.getDimSize(axis);
  if (dim != kDyn && total != dim)
    return fail("sizes sum to " + Twine(total) + " but the split dimension is " +
                Twine(dim));
  for (int64_t s : adaptor.getSizes()) {
    Shape shape(input.getShape());
    shape[axis] = s;
    types.push_back(tensorOf(shape, input.getElementType()));
  }
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  ArrayRef<int64_t> starts = adaptor.getStarts(), ends = adaptor.getEnds(),
                    steps = adaptor.getSteps();
  size_t rank = input.getRank();
  if (starts.size() != rank || ends.size() != rank || steps.size() != rank)
    return fail("expects one start, end and step per dimension (" +
                Twine(rank) + ")");
  Shape shape;
  for (size_t i = 0; i < rank; ++i) {
    int64_t dim = input.getDimSize(i), s = starts[i], e = ends[i],
            st = steps[i];
    if (st == 0)
      return fail("steps must be non-zero");
    if (dim == kDyn) {
      shape.push_back(kDyn);
      continue;
    }
    bool ok = st > 0 ? (0 <= s && s <= dim && 0 <= e && e <= dim)
                     : (-1 <= e && e < dim && -1 <= s && s < dim);
    if (!ok)
      return fail("bounds of dimension " + Twine(i) +
                  " are not normalized (start " + Twine(s) + ", end " +
                  Twine(e) + ", step " + Twine(st) + ", size " + Twine(dim) +
                  ")");
    int64_t n = st > 0 ? (e - s + st - 1) / st : (s - e + (-st) - 1) / (-st);
    shape.push_back(std::max<int64_t>(n, 0));
  }
  types.push_back(tensorOf(shape, input.getElementType()));
  return success();
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto data = rankedType(adaptor.getData());
  auto indices = rankedType(adaptor.getIndices());
  int64_t axis;
  std::string error;
  if (failed(normalizeAxis(adaptor.getAxis(), data.getRank(), axis, error)))
    return Failer{loc, getOperationName()}(error);
  Shape shape(data.getShape().take_front(axis));
  llvm::append_range(shape, indices.getShape());
  llvm::append_range(shape, data.getShape().drop_front(axis + 1));
  types.push_back(tensorOf(shape, data.getElementType()));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  ArrayRef<int64_t> pads = adaptor.getPads();
  int64_t rank = input.getRank();
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return fail("expects " + Twine(2 * rank) + " pads, got " +
                Twine(pads.size()));
  Shape shape;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t d = input.getDimSize(i);
    if (d == kDyn) {
      shape.push_back(kDyn);
      continue;
    }
    int64_t out;
    if (llvm::AddOverflow(d, pads[i], out) ||
        llvm::AddOverflow(out, pads[i + rank], out))
      return fail("padding overflows dimension " + Twine(i));
    if (out < 0)
      return fail("padding makes dimension " + Twine(i) + " negative");
    shape.push_back(out);
  }
  types.push_back(tensorOf(shape, input.getElementType()));
  return success();
}

LogicalResult PadOp::verify() {
  StringRef mode = getMode();
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return emitOpError("mode must be \"constant\", \"reflect\" or \"edge\", "
                       "got \"")
           << mode << "\"";
  auto type = getInput().getType();
  if (mode == "reflect")
    for (int64_t i = 0, r = type.getRank(); i < r; ++i) {
      int64_t d = type.getDimSize(i);
      ArrayRef<int64_t> pads = getPads();
      if (d != kDyn && (pads[i] >= d || pads[i + r] >= d) &&
          (pads[i] > 0 || pads[i + r] > 0))
        return emitOpError("reflect padding of dimension ")
               << i << " must be smaller than its size " << d;
    }
  return success();
}

LogicalResult ResizeOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  Failer fail{loc, getOperationName()};
  auto input = rankedType(adaptor.getInput());
  if (static_cast<int64_t>(adaptor.getSizes().size()) != input.getRank() ||
      static_cast<int64_t>(adaptor.getScales().size()) != input.getRank())
    return fail("expects one size and one scale per dimension (" +
                Twine(input.getRank()) + ")");
  for (double s : adaptor.getScales())
    if (!(s > 0))
      return fail("scales must be positive");
  for (int64_t s : adaptor.getSizes())
    if (s < 1)
      return fail("sizes must be positive");
  types.push_back(tensorOf(adaptor.getSizes(), input.getElementType()));
  return success();
}

LogicalResult ResizeOp::verify() {
  static constexpr StringRef modes[] = {"nearest", "linear", "cubic"};
  static constexpr StringRef coordModes[] = {
      "half_pixel",        "half_pixel_symmetric", "pytorch_half_pixel",
      "align_corners",     "asymmetric",           "tf_half_pixel_for_nn",
      "tf_crop_and_resize"};
  static constexpr StringRef nearestModes[] = {"round_prefer_floor",
                                               "round_prefer_ceil", "floor",
                                               "ceil"};
  if (!llvm::is_contained(modes, getMode()))
    return emitOpError("unsupported mode \"") << getMode() << "\"";
  if (!llvm::is_contained(coordModes, getCoordinateTransformationMode()))
    return emitOpError("unsupported coordinate_transformation_mode \"")
           << getCoordinateTransformationMode() << "\"";
  if (!llvm::is_contained(nearestModes, getNearestMode()))
    return emitOpError("unsupported nearest_mode \"") << getNearestMode()
                                                      << "\"";
  if (getAntialias() && getMode() == "nearest")
    return emitOpError("antialias needs mode linear or cubic");
  bool crop = getCoordinateTransformationMode() == "tf_crop_and_resize";
  if (crop != getRoi().has_value())
    return emitOpError("roi is given exactly with tf_crop_and_resize");
  int64_t rank = rankedType(getInput()).getRank();
  if (crop && static_cast<int64_t>(getRoi()->size()) != 2 * rank)
    return emitOpError("roi needs a start and an end per dimension (")
           << 2 * rank << " values)";
  return success();
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

/// Shared checks of quantize_linear / dequantize_linear parameters.
static LogicalResult checkLinearQuantParams(const Failer &fail,
                                            RankedTensorType input,
                                            Value scale, Value zeroPoint,
                                            int64_t axisAttr) {
  auto scaleType = rankedType(scale);
  if (scaleType.getRank() == 0 ||
      (scaleType.getRank() == 1 && scaleType.getNumElements() == 1)) {
    // Per tensor.
  } else if (scaleType.getRank() == 1) {
    int64_t axis;
    std::string error;
    if (failed(normalizeAxis(axisAttr, input.getRank(), axis, error)))
      return fail(error);
    int64_t dim = input.getDimSize(axis);
    if (dim != kDyn && scaleType.getDimSize(0) != dim)
      return fail("per-axis scale has " + Twine(scaleType.getDimSize(0)) +
                  " entries but axis " + Twine(axisAttr) + " has size " +
                  Twine(dim));
  } else {
    return fail("scale must be a scalar or 1-D");
  }
  if (zeroPoint && rankedType(zeroPoint).getShape() != scaleType.getShape())
    return fail("zero_point must have the shape of scale");
  if (!isa<FloatType>(scaleType.getElementType()))
    return fail("scale must have a floating-point element type");
  return success();
}

LogicalResult QuantizeLinearOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  auto input = rankedType(adaptor.getInput());
  if (failed(checkLinearQuantParams(Failer{loc, getOperationName()}, input,
                                    adaptor.getScale(), adaptor.getZeroPoint(),
                                    adaptor.getAxis())))
    return failure();
  Type element = adaptor.getZeroPoint()
                     ? rankedType(adaptor.getZeroPoint()).getElementType()
                     : IntegerType::get(ctx, 8, IntegerType::Unsigned);
  types.push_back(input.clone(element));
  return success();
}

LogicalResult DequantizeLinearOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  auto input = rankedType(adaptor.getInput());
  if (failed(checkLinearQuantParams(Failer{loc, getOperationName()}, input,
                                    adaptor.getScale(), adaptor.getZeroPoint(),
                                    adaptor.getAxis())))
    return failure();
  types.push_back(
      input.clone(rankedType(adaptor.getScale()).getElementType()));
  return success();
}

#define GET_OP_CLASSES
#include "tessel/Dialect/NN/IR/NNOps.cpp.inc"
