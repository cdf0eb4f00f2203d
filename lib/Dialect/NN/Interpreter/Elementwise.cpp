//===- Elementwise.cpp - nn elementwise kernels ---------------------------===//

#include "FastMath.h"
#include "Kernels.h"

#include "tessel/Dialect/NN/IR/NNScalar.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"
#include "tessel/Interpreter/Interpreter.h"

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

/// Whether an elementwise op keeps an encoding's padding zero (see
/// interp::Encoding): `zero` is its value at zeros, which must be +0.
bool keepsPadding(float zero) { return zero == 0.0f && !std::signbit(zero); }

/// `fn` over every element of an encoding, padding included, into a tensor
/// of the same layout: in place in `in` when it is donated and its sole
/// holder, fresh otherwise.
template <typename Fn>
Tensor mapEncoded(RankedTensorType type, llvm::ArrayRef<const Tensor *> in,
                  Fn fn) {
  // The operands' elements, taken before `out` may take one's encoding
  // (its buffer stays where it is).
  llvm::SmallVector<const float *, 2> x;
  for (const Tensor *t : in)
    x.push_back(
        reinterpret_cast<const float *>(t->getEncoding()->encoded().data()));
  Tensor out;
  for (const Tensor *t : in)
    if (Tensor *donated = interp::donatedOperand(t);
        donated && donated->getType() == type &&
        donated->getUniqueEncoding()) {
      out = std::move(*donated);
      break;
    }
  if (!out.getEncoding())
    out = Tensor::encoded(type, in[0]->getEncoding()->sameLayout());
  // The elements are this op's now, whatever an operand's producer fused.
  out.getUniqueEncoding()->fusedInto = nullptr;
  float *y = reinterpret_cast<float *>(out.getUniqueEncoding()->encoded().data());
  int64_t n = out.getEncoding()->encoded().size() / sizeof(float);
  // Each thread's own copy of `fn`: the floats it holds could otherwise be
  // stored to through `y` for all the compiler knows, and the loop would
  // not vectorize.
  if (x.size() == 1) {
    const float *a = x[0];
#pragma omp parallel for simd firstprivate(fn) if (n >= kParallelElements)
    for (int64_t i = 0; i < n; ++i)
      y[i] = fn(a[i], 0.0f);
  } else {
    const float *a = x[0], *b = x[1];
#pragma omp parallel for simd firstprivate(fn) if (n >= kParallelElements)
    for (int64_t i = 0; i < n; ++i)
      y[i] = fn(a[i], b[i]);
  }
  return out;
}

/// An op's float32 kernel over a whole array (y may be x), where it has one
/// built for the machine's vector width (FastMath.cpp).
using ArrayF32 = void (*)(const float *x, float *y, int64_t n);

/// Float32 in and out through `fn` on floats, vectorizable, or through
/// `array` on runs of the row-major elements where given; false (and no
/// result) for other types.
template <typename Fn>
bool unaryF32(Operation *op, const Tensor &in, Results &results, Fn fn,
              ArrayF32 array = nullptr) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  if (!in.getElementType().isF32() || !type.getElementType().isF32())
    return false;
  // An encoded operand stays encoded (the ops between convolutions).
  if (in.getEncoding() && keepsPadding(fn(0.0f))) {
    results.push_back(
        mapEncoded(type, {&in}, [fn](float x, float) { return fn(x); }));
    return true;
  }
  // In place when the run no longer needs the operand.
  Tensor *reuse = interp::donatedOperand(&in);
  bool inPlace = reuse && reuse->getType() == type;
  Tensor out = inPlace ? std::move(*reuse) : uninitializedResultFor(op);
  float *y = out.data<float>();
  const float *x = inPlace ? y : in.data<float>();
  int64_t n = out.getNumElements();
  if (array) {
    constexpr int64_t kRun = 1 << 14;
    int64_t runs = (n + kRun - 1) / kRun;
#pragma omp parallel for if (n >= kParallelElements)
    for (int64_t r = 0; r < runs; ++r)
      array(x + r * kRun, y + r * kRun, std::min(kRun, n - r * kRun));
    results.push_back(std::move(out));
    return true;
  }
  // A copy of `fn` per thread, as in mapEncoded.
#pragma omp parallel for simd firstprivate(fn) if (n >= kParallelElements)
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
  X(SinOp, , std::sin(x))                                                      \
  X(CosOp, , std::cos(x))                                                      \
  X(TanOp, , std::tan(x))                                                      \
  X(AsinOp, , std::asin(x))                                                    \
  X(AcosOp, , std::acos(x))                                                    \
  X(AtanOp, , std::atan(x))                                                    \
  X(SinhOp, , std::sinh(x))                                                    \
  X(CoshOp, , std::cosh(x))                                                    \
  X(AsinhOp, , std::asinh(x))                                                  \
  X(AcoshOp, , std::acosh(x))                                                  \
  X(AtanhOp, , std::atanh(x))                                                  \
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

/// A unary op's float32 fast path, where it has one: EXPRF of the float
/// `x`, vectorizable, and ARRAY, the same over an array built per ISA (or
/// null).
template <typename OpTy> struct UnaryF32 {
  static constexpr bool has = false;
  static float fn(float x) { return x; }
  static constexpr ArrayF32 array = nullptr;
};
#define NN_UNARY_F32(OP, EXPRF, ARRAY)                                         \
  template <> struct UnaryF32<OP> {                                            \
    static constexpr bool has = true;                                          \
    static float fn(float x) { return EXPRF; }                                 \
    static constexpr ArrayF32 array = ARRAY;                                   \
  };
NN_UNARY_F32(ReluOp, x > 0 ? x : 0.0f, nullptr)
NN_UNARY_F32(ErfOp, fastErf(x), erfF32)
#undef NN_UNARY_F32

#define NN_UNARY_KERNEL(OP, SETUP, EXPR)                                       \
  LogicalResult OP##Kernel(OP op, Operands operands, Results &results) {       \
    if constexpr (UnaryF32<OP>::has)                                           \
      if (unaryF32(                                                            \
              op, *operands[0], results,                                       \
              [](float x) { return UnaryF32<OP>::fn(x); },                     \
              UnaryF32<OP>::array))                                            \
        return success();                                                      \
    SETUP                                                                      \
    return unary(op, operands, results, [&](double x) { return EXPR; });       \
  }
NN_UNARY_OPS(NN_UNARY_KERNEL)
#undef NN_UNARY_KERNEL

LogicalResult ClipOpKernel(ClipOp op, Operands operands, Results &results) {
  ClipBounds bounds = clipBounds(op);
  double lo = bounds.lo, hi = bounds.hi;
  float lof = static_cast<float>(lo), hif = static_cast<float>(hi);
  if (bounds.areFloats() &&
      unaryF32(op, *operands[0], results, [lof, hif](float x) {
        float v = x < lof ? lof : x;
        return hif < v ? hif : v;
      }))
    return success();
  // The double expression below on each float, vectorized.
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
/// A broadcasting binary op's float32 fast path, where it has one: EXPRF
/// of the floats `a` and `b`.
template <typename OpTy> struct BinaryF32 {
  static constexpr bool has = false;
  static float fn(float a, float) { return a; }
};
#define NN_BINARY_F32(OP, EXPRF)                                               \
  template <> struct BinaryF32<OP> {                                           \
    static constexpr bool has = true;                                          \
    static float fn(float a, float b) { return EXPRF; }                        \
  };
// Bit-identical to the double rule for +, -, * and / (float operands, one
// rounding); squares (decomposed layer norms) without pow.
NN_BINARY_F32(AddOp, a + b)
NN_BINARY_F32(SubOp, a - b)
NN_BINARY_F32(MulOp, a * b)
NN_BINARY_F32(DivOp, a / b)
NN_BINARY_F32(PowOp, b == 2.0f
                         ? static_cast<float>(double(a) * a)
                         : static_cast<float>(std::pow(double(a), double(b))))
#undef NN_BINARY_F32

/// Elementwise `fn` of the broadcast operands (doubles; `isInt` for an
/// integer result), or `OpTy`'s float32 fast path on float32 tensors.
template <typename OpTy, typename Fn>
LogicalResult binary(OpTy op, Operands operands, Results &results, Fn fn) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  if constexpr (BinaryF32<OpTy>::has)
    if (isF32({operands[0], operands[1]}) && type.getElementType().isF32()) {
      auto fn = [](float a, float b) { return BinaryF32<OpTy>::fn(a, b); };
      const interp::Encoding *ea = operands[0]->getEncoding(),
                             *eb = operands[1]->getEncoding();
      // Operands of the result's shape in the same encoding stay in it.
      if (ea && eb && operands[0]->getType() == type &&
          operands[1]->getType() == type && ea->isSameLayout(*eb) &&
          keepsPadding(fn(0.0f, 0.0f))) {
        results.push_back(mapEncoded(type, operands.take_front(2), fn));
        return success();
      }
      // Into an operand of the result's shape the run no longer needs: each
      // element is read at the index it is written to, so in place is safe.
      Tensor *reuse = nullptr;
      for (const Tensor *operand : operands.take_front(2))
        if (Tensor *t = interp::donatedOperand(operand);
            !reuse && t && t->getType() == type)
          reuse = t;
      Tensor out = reuse ? std::move(*reuse) : uninitializedResultFor(op);
      const Tensor &a = reuse == operands[0] ? out : *operands[0];
      const Tensor &b = reuse == operands[1] ? out : *operands[1];
      // A lambda, not the function's address, so the loop inlines it.
      binaryF32(a, b, out, fn);
      results.push_back(std::move(out));
      return success();
    }
  // Every element is written.
  Tensor out = uninitializedResultFor(op);
  bool isInt = isa<IntegerType>(out.getElementType());
  int64_t n = out.getNumElements();
  auto ia = broadcastIndices(operands[0]->getShape(), out.getShape());
  auto ib = broadcastIndices(operands[1]->getShape(), out.getShape());
  for (int64_t i = 0; i < n; ++i)
    out.setFromDouble(i, fn(operands[0]->getAsDouble(ia[i]),
                            operands[1]->getAsDouble(ib[i]), isInt));
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
  X(PReluOp, a < 0 ? b * a : a)                                                \
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
