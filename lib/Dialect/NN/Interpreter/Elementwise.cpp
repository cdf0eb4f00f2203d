//===- Elementwise.cpp - nn elementwise kernels ---------------------------===//

#include "Kernels.h"

#include "tessel/Dialect/NN/IR/NNScalar.h"
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

// The elementwise unary ops with one rule each: X(OP, SETUP, EXPR) computes
// EXPR of the element `x` (a double); SETUP runs once per op (reading its
// attributes) and may declare names for EXPR. Kernels and registration are
// generated from this list.
#define NN_UNARY_OPS(X)                                                        \
  X(ReluOp, , x > 0 ? x : 0.0)                                                 \
  X(SigmoidOp, , 1.0 / (1.0 + std::exp(-x)))                                   \
  X(TanhOp, , std::tanh(x))                                                    \
  X(ErfOp, , std::erf(x))                                                      \
  X(SqrtOp, , std::sqrt(x))                                                    \
  X(ExpOp, , std::exp(x))                                                      \
  X(IdentityOp, , x)                                                           \
  X(CastOp, , x)                                                               \
  X(LeakyReluOp, double alpha = op.getAlpha().convertToDouble();,              \
    x < 0 ? alpha * x : x)                                                     \
  X(NegOp, , -x)                                                               \
  X(NotOp, , double(x == 0))                                                   \
  X(AbsOp, , std::fabs(x))                                                     \
  X(SignOp, , x > 0 ? 1.0 : (x < 0 ? -1.0 : x))                                \
  X(FloorOp, , std::floor(x))                                                  \
  X(CeilOp, , std::ceil(x))                                                    \
  /* nearbyint rounds in the default mode: to nearest, ties to even. */        \
  X(RoundOp, , std::nearbyint(x))                                              \
  X(ReciprocalOp, , 1.0 / x)                                                   \
  X(LogOp, , std::log(x))                                                      \
  /* log(1 + exp(x)) without overflow for large x. */                          \
  X(SoftplusOp, , x > 0 ? x + std::log1p(std::exp(-x))                        \
                        : std::log1p(std::exp(x)))                             \
  X(SoftsignOp, , x / (1.0 + std::fabs(x)))                                    \
  X(HardSwishOp, , x * std::max(0.0, std::min(1.0, x / 6.0 + 0.5)))            \
  X(HardSigmoidOp,                                                             \
    double alpha = op.getAlpha().convertToDouble();                            \
    double beta = op.getBeta().convertToDouble();,                             \
    std::max(0.0, std::min(1.0, alpha * x + beta)))                            \
  X(EluOp, double alpha = op.getAlpha().convertToDouble();,                    \
    x < 0 ? alpha * std::expm1(x) : x)                                         \
  X(SeluOp,                                                                    \
    double alpha = op.getAlpha().convertToDouble();                            \
    double gamma = op.getGamma().convertToDouble();,                           \
    x > 0 ? gamma * x : gamma * alpha * std::expm1(x))                         \
  X(CeluOp, double alpha = op.getAlpha().convertToDouble();,                   \
    std::max(0.0, x) + std::min(0.0, alpha * std::expm1(x / alpha)))           \
  X(ThresholdedReluOp, double alpha = op.getAlpha().convertToDouble();,        \
    x > alpha ? x : 0.0)

#define NN_UNARY_KERNEL(OP, SETUP, EXPR)                                       \
  LogicalResult OP##Kernel(OP op, Operands operands, Results &results) {       \
    SETUP                                                                      \
    return unary(op, operands, results, [&](double x) { return EXPR; });       \
  }
NN_UNARY_OPS(NN_UNARY_KERNEL)
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

// The broadcasting binary ops: X(OP, EXPR) of elements `a`, `b` (doubles)
// and `isInt` (an integer element type); `op` is the operation.
#define NN_BINARY_OPS(X)                                                       \
  X(AddOp, a + b)                                                              \
  X(SubOp, a - b)                                                              \
  X(MulOp, a * b)                                                              \
  X(DivOp, scalar::div(a, b, isInt))                                           \
  X(PowOp, std::pow(a, b))                                                     \
  X(ModOp, scalar::mod(a, b, op.getFmod(), isInt))                             \
  X(PReluOp, a < 0 ? b * a : a)                                               \
  X(EqualOp, double(a == b))                                                   \
  X(LessOp, double(a < b))                                                     \
  X(LessOrEqualOp, double(a <= b))                                             \
  X(GreaterOp, double(a > b))                                                  \
  X(GreaterOrEqualOp, double(a >= b))                                          \
  X(AndOp, double(a != 0 && b != 0))                                           \
  X(OrOp, double(a != 0 || b != 0))                                            \
  X(XorOp, double((a != 0) != (b != 0)))

#define NN_BINARY_KERNEL(OP, EXPR)                                             \
  LogicalResult OP##Kernel(OP op, Operands operands, Results &results) {       \
    return binary(op, operands, results,                                       \
                  [&](double a, double b, bool isInt) { return EXPR; });       \
  }
NN_BINARY_OPS(NN_BINARY_KERNEL)
#undef NN_BINARY_KERNEL

/// Min, Max, Sum, Mean: a left fold of `combine` over the broadcast inputs
/// (divided by their count for Mean).
template <typename Fn>
LogicalResult variadic(Operation *op, Operands operands, Results &results,
                       bool mean, Fn combine) {
  Tensor out = resultFor(op);
  int64_t n = out.getNumElements();
  std::vector<double> acc(n);
  for (auto [k, in] : llvm::enumerate(operands)) {
    auto idx = broadcastIndices(in->getShape(), out.getShape());
    for (int64_t i = 0; i < n; ++i) {
      double v = in->getAsDouble(idx[i]);
      acc[i] = k == 0 ? v : combine(acc[i], v);
    }
  }
  for (int64_t i = 0; i < n; ++i)
    out.setFromDouble(i, mean ? acc[i] / operands.size() : acc[i]);
  results.push_back(std::move(out));
  return success();
}

// X(OP, IS_MEAN, EXPR) combines the accumulated `a` with the next input `b`.
#define NN_VARIADIC_OPS(X)                                                     \
  X(MinOp, false, std::min(a, b))                                              \
  X(MaxOp, false, std::max(a, b))                                              \
  X(SumOp, false, a + b)                                                       \
  X(MeanOp, true, a + b)

#define NN_VARIADIC_KERNEL(OP, IS_MEAN, EXPR)                                  \
  LogicalResult OP##Kernel(OP op, Operands operands, Results &results) {       \
    return variadic(op, operands, results, IS_MEAN,                            \
                    [](double a, double b) { return EXPR; });                  \
  }
NN_VARIADIC_OPS(NN_VARIADIC_KERNEL)
#undef NN_VARIADIC_KERNEL

LogicalResult WhereOpKernel(WhereOp op, Operands operands, Results &results) {
  Tensor out = resultFor(op);
  auto ic = broadcastIndices(operands[0]->getShape(), out.getShape());
  auto ix = broadcastIndices(operands[1]->getShape(), out.getShape());
  auto iy = broadcastIndices(operands[2]->getShape(), out.getShape());
  for (int64_t i = 0, n = out.getNumElements(); i < n; ++i)
    out.setFromDouble(i, operands[0]->getAsDouble(ic[i]) != 0
                             ? operands[1]->getAsDouble(ix[i])
                             : operands[2]->getAsDouble(iy[i]));
  results.push_back(std::move(out));
  return success();
}

#define NN_MODEL(OP, ...) NN_KERNEL_MODEL(OP, OP##Kernel)
NN_KERNEL_MODEL(WhereOp, WhereOpKernel)
NN_KERNEL_MODEL(ConstantOp, constantKernel)
NN_KERNEL_MODEL(ClipOp, ClipOpKernel)
NN_KERNEL_MODEL(GeluOp, GeluOpKernel)
NN_UNARY_OPS(NN_MODEL)
NN_BINARY_OPS(NN_MODEL)
NN_VARIADIC_OPS(NN_MODEL)
#undef NN_MODEL

} // namespace

void nn::registerElementwiseKernels(MLIRContext *ctx) {
#define NN_ATTACH(OP, ...) OP::attachInterface<OP##Evaluate>(*ctx);
  ConstantOp::attachInterface<ConstantOpEvaluate>(*ctx);
  WhereOp::attachInterface<WhereOpEvaluate>(*ctx);
  ClipOp::attachInterface<ClipOpEvaluate>(*ctx);
  GeluOp::attachInterface<GeluOpEvaluate>(*ctx);
  NN_UNARY_OPS(NN_ATTACH)
  NN_BINARY_OPS(NN_ATTACH)
  NN_VARIADIC_OPS(NN_ATTACH)
#undef NN_ATTACH
}
