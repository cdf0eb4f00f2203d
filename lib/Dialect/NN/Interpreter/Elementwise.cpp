//===- Elementwise.cpp - nn elementwise kernels ---------------------------===//

#include "FastMath.h"
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

/// Float32 in and out through `fn` on floats, vectorizable; false (and no
/// result) for other types.
template <typename Fn>
bool unaryF32(Operation *op, const Tensor &in, Results &results, Fn fn) {
  Tensor out = uninitializedResultFor(op);
  if (!in.getElementType().isF32() || !out.getElementType().isF32())
    return false;
  const float *x = in.data<float>();
  float *y = out.data<float>();
  int64_t n = out.getNumElements();
#pragma omp parallel for simd if (n >= kParallelElements)
  for (int64_t i = 0; i < n; ++i)
    y[i] = fn(x[i]);
  results.push_back(std::move(out));
  return true;
}

template <typename Fn>
LogicalResult unary(Operation *op, Operands operands, Results &results, Fn fn) {
  const Tensor &in = *operands[0];
  // Every element is written.
  Tensor out = uninitializedResultFor(op);
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
NN_UNARY_KERNEL(SigmoidOp, 1.0 / (1.0 + std::exp(-x)))
NN_UNARY_KERNEL(TanhOp, std::tanh(x))
NN_UNARY_KERNEL(SqrtOp, std::sqrt(x))
NN_UNARY_KERNEL(ExpOp, std::exp(x))
NN_UNARY_KERNEL(IdentityOp, x)
NN_UNARY_KERNEL(CastOp, x)
NN_UNARY_KERNEL(LeakyReluOp,
                x < 0 ? op.getAlpha().convertToDouble() * x : x)
#undef NN_UNARY_KERNEL

LogicalResult ErfOpKernel(ErfOp op, Operands operands, Results &results) {
  if (unaryF32(op, *operands[0], results, [](float x) { return fastErf(x); }))
    return success();
  return unary(op, operands, results, [](double x) { return std::erf(x); });
}

LogicalResult ReluOpKernel(ReluOp op, Operands operands, Results &results) {
  if (unaryF32(op, *operands[0], results,
               [](float x) { return x > 0 ? x : 0.0f; }))
    return success();
  return unary(op, operands, results,
               [](double x) { return x > 0 ? x : 0.0; });
}

LogicalResult ClipOpKernel(ClipOp op, Operands operands, Results &results) {
  double lo = op.getMinAttr() ? op.getMinAttr().getValueAsDouble() : -INFINITY;
  double hi = op.getMaxAttr() ? op.getMaxAttr().getValueAsDouble() : INFINITY;
  // The double expression below on each float, vectorized (relu6).
  if (unaryF32(op, *operands[0], results, [lo, hi](float x) {
        double v = x;
        v = v < lo ? lo : v;
        v = hi < v ? hi : v;
        return static_cast<float>(v);
      }))
    return success();
  return unary(op, operands, results,
               [&](double x) { return std::min(std::max(x, lo), hi); });
}

LogicalResult GeluOpKernel(GeluOp op, Operands operands, Results &results) {
  bool tanhApprox = op.getApproximate() == "tanh";
  if (!tanhApprox && unaryF32(op, *operands[0], results, [](float x) {
        return 0.5f * x * (1.0f + fastErf(x * 0.70710678118654752f));
      }))
    return success();
  return unary(op, operands, results, [&](double x) {
    if (tanhApprox)
      return 0.5 * x *
             (1 + std::tanh(std::sqrt(2 / M_PI) * (x + 0.044715 * x * x * x)));
    return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
  });
}

/// Float32 numpy-broadcasting binary op: dimensions are merged where both
/// operands are contiguous (or both broadcast) across them, and the
/// innermost run is a loop over contiguous arrays or a scalar.
template <typename FnF>
void binaryF32(const Tensor &a, const Tensor &b, Tensor &out, FnF fn) {
  int64_t rank = out.getRank();
  auto stepsOf = [&](llvm::ArrayRef<int64_t> shape) {
    llvm::SmallVector<int64_t> steps(rank, 0), strides = stridesOf(shape);
    int64_t off = rank - shape.size();
    for (size_t d = 0; d < shape.size(); ++d)
      steps[off + d] = shape[d] == 1 ? 0 : strides[d];
    return steps;
  };
  auto sa = stepsOf(a.getShape()), sb = stepsOf(b.getShape());
  struct Dim {
    int64_t size, a, b;
  };
  llvm::SmallVector<Dim, 6> dims;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = out.getShape()[d];
    if (size == 1)
      continue;
    if (!dims.empty() && dims.back().a == sa[d] * size &&
        dims.back().b == sb[d] * size)
      dims.back() = {dims.back().size * size, sa[d], sb[d]};
    else
      dims.push_back({size, sa[d], sb[d]});
  }
  const float *pa = a.data<float>(), *pb = b.data<float>();
  float *y = out.data<float>();
  if (dims.empty()) {
    if (out.getNumElements())
      y[0] = fn(pa[0], pb[0]);
    return;
  }
  Dim inner = dims.pop_back_val();
  int64_t n = inner.size, rows = out.getNumElements() / n;
  // The innermost steps are 0 (broadcast) or 1 (contiguous).
  auto row = [&](int64_t r) {
    int64_t oa = 0, ob = 0, rem = r;
    for (int64_t d = static_cast<int64_t>(dims.size()) - 1; d >= 0; --d) {
      int64_t i = rem % dims[d].size;
      rem /= dims[d].size;
      oa += i * dims[d].a;
      ob += i * dims[d].b;
    }
    const float *x = pa + oa, *z = pb + ob;
    float *o = y + r * n;
    if (inner.a && inner.b) {
      for (int64_t i = 0; i < n; ++i)
        o[i] = fn(x[i], z[i]);
    } else if (inner.a) {
      float v = z[0];
      for (int64_t i = 0; i < n; ++i)
        o[i] = fn(x[i], v);
    } else if (inner.b) {
      float v = x[0];
      for (int64_t i = 0; i < n; ++i)
        o[i] = fn(v, z[i]);
    } else {
      float v = fn(x[0], z[0]);
      for (int64_t i = 0; i < n; ++i)
        o[i] = v;
    }
  };
  if (rows == 1 && (inner.a || inner.b)) {
    // One long run: split it over the team.
    int64_t chunk = 1 << 14;
    int64_t chunks = (n + chunk - 1) / chunk;
    Dim whole = inner;
#pragma omp parallel for if (n >= kParallelElements)
    for (int64_t c = 0; c < chunks; ++c) {
      int64_t lo = c * chunk, hi = std::min(n, lo + chunk);
      const float *x = pa + (whole.a ? lo : 0), *z = pb + (whole.b ? lo : 0);
      float *o = y + lo;
      if (whole.a && whole.b) {
        for (int64_t i = 0; i < hi - lo; ++i)
          o[i] = fn(x[i], z[i]);
      } else if (whole.a) {
        float v = z[0];
        for (int64_t i = 0; i < hi - lo; ++i)
          o[i] = fn(x[i], v);
      } else {
        float v = x[0];
        for (int64_t i = 0; i < hi - lo; ++i)
          o[i] = fn(v, z[i]);
      }
    }
    return;
  }
#pragma omp parallel for if (rows * n >= kParallelElements)
  for (int64_t r = 0; r < rows; ++r)
    row(r);
}

/// `fn` defines the op on doubles (every type); `fnF` is the same op on
/// float32, which for +, -, * and / rounds exactly as the double result
/// stored to float does (double has more than 2 * 24 + 2 bits).
template <typename Fn, typename FnF>
LogicalResult binary(Operation *op, Operands operands, Results &results,
                     Fn fn, FnF fnF) {
  // Every element is written.
  Tensor out = uninitializedResultFor(op);
  bool isInt = isa<IntegerType>(out.getElementType());
  int64_t n = out.getNumElements();
  if (isF32({operands[0], operands[1]}) && out.getElementType().isF32()) {
    binaryF32(*operands[0], *operands[1], out, fnF);
    results.push_back(std::move(out));
    return success();
  }
  auto ia = broadcastIndices(operands[0]->getShape(), out.getShape());
  auto ib = broadcastIndices(operands[1]->getShape(), out.getShape());
  for (int64_t i = 0; i < n; ++i)
    out.setFromDouble(i, fn(operands[0]->getAsDouble(ia[i]),
                            operands[1]->getAsDouble(ib[i]), isInt));
  results.push_back(std::move(out));
  return success();
}

#define NN_BINARY_KERNEL(OP, EXPR, EXPRF)                                      \
  LogicalResult OP##Kernel(OP op, Operands operands, Results &results) {       \
    return binary(                                                             \
        op, operands, results,                                                 \
        [](double a, double b, bool isInt) { return EXPR; },                   \
        [](float a, float b) -> float { return EXPRF; });                      \
  }
NN_BINARY_KERNEL(AddOp, a + b, a + b)
NN_BINARY_KERNEL(SubOp, a - b, a - b)
NN_BINARY_KERNEL(MulOp, a * b, a * b)
// Integer division truncates toward zero, as in ONNX's reference.
NN_BINARY_KERNEL(DivOp, isInt ? (b == 0 ? 0.0 : std::trunc(a / b)) : a / b,
                 a / b)
// Squares (decomposed layer norms) without pow: a * a is exact in double.
NN_BINARY_KERNEL(PowOp, std::pow(a, b),
                 b == 2.0f ? static_cast<float>(double(a) * a)
                           : static_cast<float>(std::pow(double(a), double(b))))
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
