//===- Elementwise.cpp - nn elementwise kernels ---------------------------===//

#include "Kernels.h"

#include "tessel/Interpreter/EvaluateOpInterface.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

namespace {

LogicalResult constantKernel(ConstantOp op, Operands, Results &results) {
  auto t = Tensor::fromAttr(op.getValue());
  if (failed(t))
    return op.emitError("the interpreter cannot read this constant's value");
  results.push_back(std::move(*t));
  return success();
}

template <typename Fn>
LogicalResult unary(Operation *op, Operands operands, Results &results, Fn fn) {
  Tensor out = resultFor(op);
  const Tensor &in = *operands[0];
  int64_t n = out.getNumElements();
  if (in.getElementType().isF32() && out.getElementType().isF32()) {
    // Direct float access; the arithmetic is still done in double.
    const float *x = in.data<float>();
    float *y = out.data<float>();
#pragma omp parallel for if (n >= kParallelElements)
    for (int64_t i = 0; i < n; ++i)
      y[i] = static_cast<float>(fn(x[i]));
  } else {
    for (int64_t i = 0; i < n; ++i)
      out.setFromDouble(i, fn(in.getAsDouble(i)));
  }
  results.push_back(std::move(out));
  return success();
}

#define NN_UNARY_KERNEL(OP, EXPR)                                              \
  LogicalResult OP##Kernel(OP op, Operands operands, Results &results) {       \
    return unary(op, operands, results, [&](double x) { return EXPR; });       \
  }
NN_UNARY_KERNEL(ReluOp, x > 0 ? x : 0.0)
NN_UNARY_KERNEL(SigmoidOp, 1.0 / (1.0 + std::exp(-x)))
NN_UNARY_KERNEL(TanhOp, std::tanh(x))
NN_UNARY_KERNEL(ErfOp, std::erf(x))
NN_UNARY_KERNEL(SqrtOp, std::sqrt(x))
NN_UNARY_KERNEL(ExpOp, std::exp(x))
NN_UNARY_KERNEL(IdentityOp, x)
NN_UNARY_KERNEL(CastOp, x)
NN_UNARY_KERNEL(LeakyReluOp,
                x < 0 ? op.getAlpha().convertToDouble() * x : x)
#undef NN_UNARY_KERNEL

LogicalResult ClipOpKernel(ClipOp op, Operands operands, Results &results) {
  double lo = op.getMinAttr() ? op.getMinAttr().getValueAsDouble() : -INFINITY;
  double hi = op.getMaxAttr() ? op.getMaxAttr().getValueAsDouble() : INFINITY;
  return unary(op, operands, results,
               [&](double x) { return std::min(std::max(x, lo), hi); });
}

LogicalResult GeluOpKernel(GeluOp op, Operands operands, Results &results) {
  bool tanhApprox = op.getApproximate() == "tanh";
  return unary(op, operands, results, [&](double x) {
    if (tanhApprox)
      return 0.5 * x *
             (1 + std::tanh(std::sqrt(2 / M_PI) * (x + 0.044715 * x * x * x)));
    return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
  });
}

template <typename Fn>
LogicalResult binary(Operation *op, Operands operands, Results &results,
                     Fn fn) {
  Tensor out = resultFor(op);
  bool isInt = isa<IntegerType>(out.getElementType());
  int64_t n = out.getNumElements();
  bool f32 = isF32({operands[0], operands[1]}) && out.getElementType().isF32();
  if (f32 && operands[0]->getShape() == operands[1]->getShape()) {
    // No broadcasting (residual additions): no index vectors.
    const float *a = operands[0]->data<float>(), *b = operands[1]->data<float>();
    float *y = out.data<float>();
#pragma omp parallel for if (n >= kParallelElements)
    for (int64_t i = 0; i < n; ++i)
      y[i] = static_cast<float>(fn(a[i], b[i], false));
    results.push_back(std::move(out));
    return success();
  }
  auto ia = broadcastIndices(operands[0]->getShape(), out.getShape());
  auto ib = broadcastIndices(operands[1]->getShape(), out.getShape());
  if (f32) {
    const float *a = operands[0]->data<float>(), *b = operands[1]->data<float>();
    float *y = out.data<float>();
    for (int64_t i = 0; i < n; ++i)
      y[i] = static_cast<float>(fn(a[ia[i]], b[ib[i]], false));
  } else {
    for (int64_t i = 0; i < n; ++i)
      out.setFromDouble(i, fn(operands[0]->getAsDouble(ia[i]),
                              operands[1]->getAsDouble(ib[i]), isInt));
  }
  results.push_back(std::move(out));
  return success();
}

#define NN_BINARY_KERNEL(OP, EXPR)                                             \
  LogicalResult OP##Kernel(OP op, Operands operands, Results &results) {       \
    return binary(op, operands, results,                                       \
                  [](double a, double b, bool isInt) { return EXPR; });        \
  }
NN_BINARY_KERNEL(AddOp, a + b)
NN_BINARY_KERNEL(SubOp, a - b)
NN_BINARY_KERNEL(MulOp, a * b)
// Integer division truncates toward zero, as in ONNX's reference.
NN_BINARY_KERNEL(DivOp, isInt ? (b == 0 ? 0.0 : std::trunc(a / b)) : a / b)
NN_BINARY_KERNEL(PowOp, std::pow(a, b))
#undef NN_BINARY_KERNEL

NN_KERNEL_MODEL(ConstantOp, constantKernel)
NN_KERNEL_MODEL(ReluOp, ReluOpKernel)
NN_KERNEL_MODEL(SigmoidOp, SigmoidOpKernel)
NN_KERNEL_MODEL(TanhOp, TanhOpKernel)
NN_KERNEL_MODEL(ErfOp, ErfOpKernel)
NN_KERNEL_MODEL(SqrtOp, SqrtOpKernel)
NN_KERNEL_MODEL(ExpOp, ExpOpKernel)
NN_KERNEL_MODEL(IdentityOp, IdentityOpKernel)
NN_KERNEL_MODEL(CastOp, CastOpKernel)
NN_KERNEL_MODEL(LeakyReluOp, LeakyReluOpKernel)
NN_KERNEL_MODEL(ClipOp, ClipOpKernel)
NN_KERNEL_MODEL(GeluOp, GeluOpKernel)
NN_KERNEL_MODEL(AddOp, AddOpKernel)
NN_KERNEL_MODEL(SubOp, SubOpKernel)
NN_KERNEL_MODEL(MulOp, MulOpKernel)
NN_KERNEL_MODEL(DivOp, DivOpKernel)
NN_KERNEL_MODEL(PowOp, PowOpKernel)

} // namespace

void nn::registerElementwiseKernels(MLIRContext *ctx) {
  ConstantOp::attachInterface<ConstantOpEvaluate>(*ctx);
  ReluOp::attachInterface<ReluOpEvaluate>(*ctx);
  SigmoidOp::attachInterface<SigmoidOpEvaluate>(*ctx);
  TanhOp::attachInterface<TanhOpEvaluate>(*ctx);
  ErfOp::attachInterface<ErfOpEvaluate>(*ctx);
  SqrtOp::attachInterface<SqrtOpEvaluate>(*ctx);
  ExpOp::attachInterface<ExpOpEvaluate>(*ctx);
  IdentityOp::attachInterface<IdentityOpEvaluate>(*ctx);
  CastOp::attachInterface<CastOpEvaluate>(*ctx);
  LeakyReluOp::attachInterface<LeakyReluOpEvaluate>(*ctx);
  ClipOp::attachInterface<ClipOpEvaluate>(*ctx);
  GeluOp::attachInterface<GeluOpEvaluate>(*ctx);
  AddOp::attachInterface<AddOpEvaluate>(*ctx);
  SubOp::attachInterface<SubOpEvaluate>(*ctx);
  MulOp::attachInterface<MulOpEvaluate>(*ctx);
  DivOp::attachInterface<DivOpEvaluate>(*ctx);
  PowOp::attachInterface<PowOpEvaluate>(*ctx);
}
