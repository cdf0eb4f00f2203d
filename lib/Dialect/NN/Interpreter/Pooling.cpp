//===- Pooling.cpp - nn pooling and reduction kernels ---------------------===//

#include "Kernels.h"

#include "tessel/Interpreter/EvaluateOpInterface.h"

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

namespace {

/// Visits every output position of a window op; `visit(outIndex, window)`
/// gets the linear input indices of the window's in-bounds positions and the
/// number of positions including padding.
template <typename Fn>
void forEachWindow(const Tensor &in, const Tensor &out,
                   llvm::ArrayRef<int64_t> kernel,
                   llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                   llvm::ArrayRef<int64_t> dilations, Fn visit) {
  int64_t sp = in.getRank() - 2;
  llvm::ArrayRef<int64_t> inShape = in.getShape().drop_front(2),
                          outShape = out.getShape().drop_front(2);
  auto inStrides = stridesOf(inShape);
  int64_t planes = in.getShape()[0] * in.getShape()[1];
  int64_t inPlane = 1, outPlane = 1, kCount = 1;
  for (int64_t i = 0; i < sp; ++i) {
    inPlane *= inShape[i];
    outPlane *= outShape[i];
    kCount *= kernel[i];
  }
  auto kStrides = stridesOf(kernel), oStrides = stridesOf(outShape);
  llvm::SmallVector<int64_t> window;
  for (int64_t p = 0; p < planes; ++p)
    for (int64_t o = 0; o < outPlane; ++o) {
      window.clear();
      int64_t padded = 0;
      for (int64_t k = 0; k < kCount; ++k) {
        int64_t lin = 0;
        bool inside = true, withinPads = true;
        for (int64_t d = 0; d < sp; ++d) {
          int64_t od = (o / oStrides[d]) % outShape[d];
          int64_t kd = (k / kStrides[d]) % kernel[d];
          int64_t pos = od * strides[d] - pads[d] + kd * dilations[d];
          inside &= pos >= 0 && pos < inShape[d];
          // Positions past the end padding (ceil mode) are not counted.
          withinPads &= pos < inShape[d] + pads[d + sp];
          lin += pos * inStrides[d];
        }
        if (withinPads)
          ++padded;
        if (inside)
          window.push_back(p * inPlane + lin);
      }
      visit(p * outPlane + o, window, padded);
    }
}

/// Calls `fn(yr, xc)` for each position of output (r, c)'s 2-D window
/// (kernel k, strides s, pads p, dilations d) inside an ih x iw input.
template <typename Fn>
inline void forEachTap(int64_t r, int64_t c, llvm::ArrayRef<int64_t> k,
                       llvm::ArrayRef<int64_t> s, llvm::ArrayRef<int64_t> p,
                       llvm::ArrayRef<int64_t> d, int64_t ih, int64_t iw,
                       Fn fn) {
  for (int64_t kr = 0; kr < k[0]; ++kr) {
    int64_t yr = r * s[0] - p[0] + kr * d[0];
    if (yr < 0 || yr >= ih)
      continue;
    for (int64_t kc = 0; kc < k[1]; ++kc) {
      int64_t xc = c * s[1] - p[1] + kc * d[1];
      if (xc >= 0 && xc < iw)
        fn(yr, xc);
    }
  }
}

/// 2-D float32 max pooling with direct indexing (the common CNN case).
/// Columns whose windows lie inside the row take the window's positions
/// one at a time across the whole run of columns (a loop the compiler
/// vectorizes); the others check each position. max ignores NaN either
/// way (std::max keeps the running value), so the order does not matter.
void maxpool2dF32(const Tensor &in, Tensor &out, llvm::ArrayRef<int64_t> k,
                  llvm::ArrayRef<int64_t> s, llvm::ArrayRef<int64_t> p,
                  llvm::ArrayRef<int64_t> d) {
  int64_t planes = in.getShape()[0] * in.getShape()[1];
  int64_t ih = in.getShape()[2], iw = in.getShape()[3];
  int64_t oh = out.getShape()[2], ow = out.getShape()[3];
  const float *xd = in.data<float>();
  float *yd = out.data<float>();
  // Interior columns: c * s - p >= 0 and c * s - p + (k - 1) * d < iw.
  int64_t span = (k[1] - 1) * d[1];
  int64_t cLo = std::min(ow, (p[1] + s[1] - 1) / s[1]);
  int64_t cHi = iw - 1 - span + p[1] < 0
                    ? cLo
                    : std::max(cLo, std::min(ow, (iw - 1 - span + p[1]) /
                                                     s[1] + 1));
  const float lowest = -std::numeric_limits<float>::infinity();
#pragma omp parallel for if (planes * oh * ow >= kParallelElements)
  for (int64_t pl = 0; pl < planes; ++pl) {
    const float *x = xd + pl * ih * iw;
    float *y = yd + pl * oh * ow;
    for (int64_t r = 0; r < oh; ++r, y += ow) {
      auto checked = [&](int64_t c) {
        float best = lowest;
        forEachTap(r, c, k, s, p, d, ih, iw, [&](int64_t yr, int64_t xc) {
          best = std::max(best, x[yr * iw + xc]);
        });
        y[c] = best;
      };
      for (int64_t c = 0; c < cLo; ++c)
        checked(c);
      for (int64_t c = cLo; c < cHi; ++c)
        y[c] = lowest;
      for (int64_t kr = 0; kr < k[0]; ++kr) {
        int64_t yr = r * s[0] - p[0] + kr * d[0];
        if (yr < 0 || yr >= ih)
          continue;
        for (int64_t kc = 0; kc < k[1]; ++kc) {
          const float *src = x + yr * iw - p[1] + kc * d[1];
          int64_t stride = s[1];
#pragma omp simd
          for (int64_t c = cLo; c < cHi; ++c)
            y[c] = std::max(y[c], src[c * stride]);
        }
      }
      for (int64_t c = cHi; c < ow; ++c)
        checked(c);
    }
  }
}

/// 2-D float32 max pooling on channel vectors (a convolution's encoded
/// result), into the same layout: each window position takes a whole
/// vector at once, max ignoring NaN as maxpool2dF32 does; the padding
/// lanes are written 0.
void maxpoolVectorsF32(const Tensor &in, const ChannelVectors &xl,
                       Tensor &out, llvm::ArrayRef<int64_t> k,
                       llvm::ArrayRef<int64_t> s, llvm::ArrayRef<int64_t> p,
                       llvm::ArrayRef<int64_t> d) {
  ChannelVectors yl = *channelVectors(out);
  int64_t n = in.getShape()[0], channels = in.getShape()[1];
  int64_t ih = in.getShape()[2], iw = in.getShape()[3];
  int64_t oh = out.getShape()[2], ow = out.getShape()[3];
  int64_t v = xl.vector, groups = xl.groups;
  const float *xd =
      reinterpret_cast<const float *>(in.getEncoding()->encoded().data());
  float *yd = reinterpret_cast<float *>(
      out.getUniqueEncoding()->encoded().data());
  const float lowest = -std::numeric_limits<float>::infinity();
#pragma omp parallel for if (n * groups * oh * ow * v >= kParallelElements)
  for (int64_t row = 0; row < n * groups * oh; ++row) {
    int64_t b = row / (groups * oh), g = row / oh % groups, r = row % oh;
    const float *x = xd + b * xl.strides[0] + g * xl.strides[1];
    float *y = yd + b * yl.strides[0] + g * yl.strides[1] + r * yl.strides[2];
    int64_t live = std::min(v, channels - g * v);
    for (int64_t c = 0; c < ow; ++c) {
      float *o = y + c * yl.strides[3];
      for (int64_t l = 0; l < v; ++l)
        o[l] = lowest;
      forEachTap(r, c, k, s, p, d, ih, iw, [&](int64_t yr, int64_t xc) {
        const float *src = x + yr * xl.strides[2] + xc * xl.strides[3];
        for (int64_t l = 0; l < v; ++l)
          o[l] = o[l] < src[l] ? src[l] : o[l];
      });
      for (int64_t l = live; l < v; ++l)
        o[l] = 0.0f;
    }
  }
}

LogicalResult maxpoolKernel(MaxPoolOp op, Operands operands, Results &results) {
  const Tensor &in = *operands[0];
  // A convolution's result stays in its layout for the next convolution.
  std::optional<ChannelVectors> layout =
      in.getRank() == 4 && in.getElementType().isF32() ? channelVectors(in)
                                                       : std::nullopt;
  if (layout) {
    Tensor out = encodedLike(
        in, cast<RankedTensorType>(op.getResult().getType()));
    maxpoolVectorsF32(in, *layout, out, op.getKernelShape(), op.getStrides(),
                      op.getPads(), op.getDilations());
    results.push_back(std::move(out));
    return success();
  }
  if (in.getRank() == 4 && in.getElementType().isF32()) {
    Tensor out = uninitializedResultFor(op);
    maxpool2dF32(in, out, op.getKernelShape(), op.getStrides(), op.getPads(),
                 op.getDilations());
    results.push_back(std::move(out));
    return success();
  }
  Tensor out = resultFor(op);
  forEachWindow(in, out, op.getKernelShape(), op.getStrides(), op.getPads(),
                op.getDilations(),
                [&](int64_t o, llvm::ArrayRef<int64_t> window, int64_t) {
                  double best = -std::numeric_limits<double>::infinity();
                  for (int64_t i : window)
                    best = std::max(best, in.getAsDouble(i));
                  out.setFromDouble(o, best);
                });
  results.push_back(std::move(out));
  return success();
}

LogicalResult avgpoolKernel(AvgPoolOp op, Operands operands, Results &results) {
  const Tensor &in = *operands[0];
  Tensor out = resultFor(op);
  llvm::SmallVector<int64_t> dilations(op.getKernelShape().size(), 1);
  bool includePad = op.getCountIncludePad();
  forEachWindow(in, out, op.getKernelShape(), op.getStrides(), op.getPads(),
                dilations,
                [&](int64_t o, llvm::ArrayRef<int64_t> window, int64_t padded) {
                  double sum = 0;
                  for (int64_t i : window)
                    sum += in.getAsDouble(i);
                  int64_t count = includePad ? padded : window.size();
                  out.setFromDouble(o, count ? sum / count : 0.0);
                });
  results.push_back(std::move(out));
  return success();
}

LogicalResult globalAvgpoolKernel(GlobalAvgPoolOp op, Operands operands,
                                  Results &results) {
  const Tensor &in = *operands[0];
  // Every element is written.
  Tensor out = uninitializedResultFor(op);
  int64_t planes = out.getNumElements(), plane = in.getNumElements() / planes;
  // On channel vectors (a convolution's encoded result): sums of whole
  // vectors, in double, over runs of up to 64 channels.
  std::optional<ChannelVectors> layout =
      in.getRank() == 4 && in.getElementType().isF32() &&
              out.getElementType().isF32()
          ? channelVectors(in)
          : std::nullopt;
  if (layout) {
    constexpr int64_t kRun = 64;
    const float *x =
        reinterpret_cast<const float *>(in.getEncoding()->encoded().data());
    float *y = out.data<float>();
    int64_t n = in.getShape()[0], channels = in.getShape()[1];
    int64_t h = in.getShape()[2], w = in.getShape()[3];
    int64_t v = layout->vector, runs = (v + kRun - 1) / kRun;
    int64_t tasks = n * layout->groups * runs;
#pragma omp parallel for if (in.getNumElements() >= kParallelElements)
    for (int64_t t = 0; t < tasks; ++t) {
      int64_t b = t / (layout->groups * runs), g = t / runs % layout->groups;
      int64_t l0 = t % runs * kRun;
      int64_t l1 = std::min({v, l0 + kRun, channels - g * v});
      double sum[kRun] = {};
      const float *xb = x + b * layout->strides[0] + g * layout->strides[1];
      for (int64_t r = 0; r < h; ++r)
        for (int64_t c = 0; c < w; ++c) {
          const float *src =
              xb + r * layout->strides[2] + c * layout->strides[3];
          for (int64_t l = l0; l < l1; ++l)
            sum[l - l0] += src[l];
        }
      for (int64_t l = l0; l < l1; ++l)
        y[b * channels + g * v + l] = static_cast<float>(sum[l - l0] / plane);
    }
    results.push_back(std::move(out));
    return success();
  }
  if (in.getElementType().isF32() && out.getElementType().isF32()) {
    const float *x = in.data<float>();
    float *y = out.data<float>();
#pragma omp parallel for if (planes * plane >= kParallelElements)
    for (int64_t p = 0; p < planes; ++p) {
      double sum = 0;
#pragma omp simd reduction(+ : sum)
      for (int64_t i = 0; i < plane; ++i)
        sum += x[p * plane + i];
      y[p] = static_cast<float>(sum / plane);
    }
    results.push_back(std::move(out));
    return success();
  }
  for (int64_t p = 0; p < planes; ++p) {
    double sum = 0;
    for (int64_t i = 0; i < plane; ++i)
      sum += in.getAsDouble(p * plane + i);
    out.setFromDouble(p, sum / plane);
  }
  results.push_back(std::move(out));
  return success();
}

/// The reductions with a float32 fast path.
enum class Reduce { Mean, Sum, Max };

/// Float32 reduction of `x` viewed as (outer, size, inner) over `size`:
/// sums in double, maxima in float (ignoring NaN, as std::max(acc, v) does),
/// vectorized along rows when `inner` is 1 and across columns otherwise.
void reduceF32(const float *x, float *y, int64_t outer, int64_t size,
               int64_t inner, Reduce kind) {
  bool isMax = kind == Reduce::Max;
  double scale = kind == Reduce::Mean ? 1.0 / size : 1.0;
  if (inner == 1) {
#pragma omp parallel for if (outer * size >= kParallelElements)
    for (int64_t o = 0; o < outer; ++o) {
      const float *xr = x + o * size;
      if (isMax) {
        y[o] = maxF32(xr, size);
      } else {
        double sum = 0;
#pragma omp simd reduction(+ : sum)
        for (int64_t k = 0; k < size; ++k)
          sum += xr[k];
        y[o] = static_cast<float>(kind == Reduce::Mean ? sum / size : sum);
      }
    }
    return;
  }
  // Columns in blocks, so that the team has work when `outer` is 1.
  constexpr int64_t B = 256;
  int64_t blocks = (inner + B - 1) / B;
#pragma omp parallel for if (outer * size * inner >= kParallelElements)
  for (int64_t t = 0; t < outer * blocks; ++t) {
    int64_t o = t / blocks, i0 = (t % blocks) * B,
            n = std::min(inner, i0 + B) - i0;
    const float *xo = x + o * size * inner + i0;
    float *yo = y + o * inner + i0;
    if (isMax) {
      float mx[B];
      for (int64_t i = 0; i < n; ++i)
        mx[i] = -INFINITY;
      for (int64_t k = 0; k < size; ++k)
        for (int64_t i = 0; i < n; ++i)
          mx[i] = mx[i] < xo[k * inner + i] ? xo[k * inner + i] : mx[i];
      for (int64_t i = 0; i < n; ++i)
        yo[i] = mx[i];
    } else {
      double acc[B];
      for (int64_t i = 0; i < n; ++i)
        acc[i] = 0;
      for (int64_t k = 0; k < size; ++k)
        for (int64_t i = 0; i < n; ++i)
          acc[i] += xo[k * inner + i];
      for (int64_t i = 0; i < n; ++i)
        yo[i] = static_cast<float>(kind == Reduce::Mean ? acc[i] * scale
                                                         : acc[i]);
    }
  }
}

/// The float32 fast path of a reduction over `reduced` dimensions: when
/// they are one block (size-1 dimensions aside) the input is viewed as
/// (outer, size, inner); otherwise the kept dimensions are first moved in
/// front of the reduced ones by a strided copy.
bool reduceFastF32(const Tensor &in, Tensor &out,
                   llvm::ArrayRef<bool> reduced, Reduce kind) {
  if (!in.getElementType().isF32() || !out.getElementType().isF32() ||
      in.getNumElements() == 0)
    return false;
  llvm::ArrayRef<int64_t> shape = in.getShape();
  int64_t rank = shape.size();
  // Dimensions of size > 1, and whether the reduced ones are contiguous.
  int64_t first = -1, last = -1;
  bool block = true;
  for (int64_t d = 0; d < rank; ++d) {
    if (shape[d] == 1 || !reduced[d])
      continue;
    if (first < 0)
      first = d;
    else
      for (int64_t e = last + 1; e < d; ++e)
        block &= shape[e] == 1;
    last = d;
  }
  int64_t outer = 1, size = 1, inner = 1;
  if (first < 0) {
    // Nothing of size > 1 is reduced: rows of one element.
    reduceF32(in.data<float>(), out.data<float>(), in.getNumElements(), 1, 1,
              kind);
    return true;
  }
  if (block) {
    for (int64_t d = 0; d < rank; ++d)
      (d < first ? outer : d > last ? inner : size) *= shape[d];
    reduceF32(in.data<float>(), out.data<float>(), outer, size, inner, kind);
    return true;
  }
  auto strides = stridesOf(shape);
  llvm::SmallVector<int64_t> permShape, permStrides;
  for (bool wantReduced : {false, true})
    for (int64_t d = 0; d < rank; ++d)
      if (reduced[d] == wantReduced) {
        permShape.push_back(shape[d]);
        permStrides.push_back(strides[d]);
        (wantReduced ? size : outer) *= shape[d];
      }
  std::vector<float> moved(in.getNumElements());
  stridedCopy(reinterpret_cast<char *>(moved.data()),
              reinterpret_cast<const char *>(in.data<float>()), permShape,
              permStrides, sizeof(float));
  reduceF32(moved.data(), out.data<float>(), outer, size, 1, kind);
  return true;
}

/// A reduction: the accumulator's start, how an element joins it, the
/// result from the accumulator and the count of reduced elements, and its
/// float32 fast path if it has one.
struct Reduction {
  double init;
  double (*join)(double acc, double v);
  double (*finish)(double acc, int64_t count);
  std::optional<Reduce> fast;
};

constexpr double kInf = std::numeric_limits<double>::infinity();

// X(OP, INIT, JOIN of `acc` and `v`, FINISH of `acc` and `count`, FAST).
#define NN_REDUCE_OPS(X)                                                       \
  X(ReduceMeanOp, 0.0, acc + v, acc / count, Reduce::Mean)                     \
  X(ReduceSumOp, 0.0, acc + v, acc, Reduce::Sum)                               \
  X(ReduceMaxOp, -kInf, std::max(acc, v), acc, Reduce::Max)                    \
  X(ReduceMinOp, kInf, std::min(acc, v), acc, std::nullopt)                    \
  X(ReduceProdOp, 1.0, acc * v, acc, std::nullopt)                             \
  X(ReduceL1Op, 0.0, acc + std::fabs(v), acc, std::nullopt)                    \
  X(ReduceL2Op, 0.0, acc + v * v, std::sqrt(acc), std::nullopt)                \
  X(ReduceLogSumOp, 0.0, acc + v, std::log(acc), std::nullopt)                 \
  X(ReduceLogSumExpOp, 0.0, acc + std::exp(v), std::log(acc), std::nullopt)    \
  X(ReduceSumSquareOp, 0.0, acc + v * v, acc, std::nullopt)

/// Which dimensions of `in` reducing `axes` (all when empty) reduces.
llvm::SmallVector<bool> reducedDims(const Tensor &in,
                                    llvm::ArrayRef<int64_t> axes) {
  int64_t rank = in.getRank();
  llvm::SmallVector<bool> reduced(rank, axes.empty());
  for (int64_t a : axes)
    reduced[a < 0 ? a + rank : a] = true;
  return reduced;
}

/// The output element each input element of `in` joins, reducing
/// `axes` (all axes when empty).
llvm::SmallVector<int64_t> reducedIndices(const Tensor &in,
                                          llvm::ArrayRef<int64_t> axes) {
  int64_t rank = in.getRank();
  llvm::SmallVector<bool> reduced = reducedDims(in, axes);
  // The output index of each input element: drop (or zero) reduced dims.
  llvm::SmallVector<int64_t> keptShape;
  for (int64_t d = 0; d < rank; ++d)
    keptShape.push_back(reduced[d] ? 1 : in.getShape()[d]);
  auto inStrides = stridesOf(in.getShape()), keptStrides = stridesOf(keptShape);
  llvm::SmallVector<int64_t> out(in.getNumElements());
  for (int64_t i = 0, e = in.getNumElements(); i < e; ++i) {
    int64_t o = 0;
    for (int64_t d = 0; d < rank; ++d)
      if (!reduced[d])
        o += ((i / inStrides[d]) % in.getShape()[d]) * keptStrides[d];
    out[i] = o;
  }
  return out;
}

template <typename OpTy>
LogicalResult reduceKernel(OpTy op, Operands operands, Results &results,
                           const Reduction &r) {
  const Tensor &in = *operands[0];
  if (r.fast) {
    Tensor fast = uninitializedResultFor(op);
    if (reduceFastF32(in, fast, reducedDims(in, op.getAxes()), *r.fast)) {
      results.push_back(std::move(fast));
      return success();
    }
  }
  Tensor out = resultFor(op);
  int64_t n = out.getNumElements();
  std::vector<double> acc(n, r.init);
  auto index = reducedIndices(in, op.getAxes());
  int64_t count = n ? in.getNumElements() / n : 0;
  for (int64_t i = 0, e = in.getNumElements(); i < e; ++i)
    acc[index[i]] = r.join(acc[index[i]], in.getAsDouble(i));
  for (int64_t o = 0; o < n; ++o)
    out.setFromDouble(o, r.finish(acc[o], count));
  results.push_back(std::move(out));
  return success();
}

#define NN_REDUCE_KERNEL(OP, INIT, JOIN, FINISH, FAST)                         \
  LogicalResult OP##Kernel(OP op, Operands o, Results &r) {                    \
    static const Reduction reduction = {                                       \
        INIT, [](double acc, double v) { return JOIN; },                       \
        [](double acc, int64_t count) {                                        \
          (void)count;                                                         \
          return FINISH;                                                       \
        },                                                                     \
        FAST};                                                                 \
    return reduceKernel(op, o, r, reduction);                                  \
  }
NN_REDUCE_OPS(NN_REDUCE_KERNEL)
#undef NN_REDUCE_KERNEL

/// ArgMax, ArgMin: the index along `axis` of the first (or, with
/// select_last_index, the last) element that compares better than all others.
template <typename OpTy>
LogicalResult argReduceKernel(OpTy op, Operands operands, Results &results,
                              bool isMax) {
  const Tensor &in = *operands[0];
  Tensor out = resultFor(op);
  int64_t rank = in.getRank();
  int64_t axis = axisIn(op.getAxis(), rank);
  auto index = reducedIndices(in, {axis});
  int64_t n = out.getNumElements(), stride = stridesOf(in.getShape())[axis],
          dim = in.getShape()[axis];
  bool last = op.getSelectLastIndex();
  std::vector<double> best(n, isMax ? -kInf : kInf);
  std::vector<int64_t> at(n, -1);
  for (int64_t i = 0, e = in.getNumElements(); i < e; ++i) {
    double v = in.getAsDouble(i);
    int64_t o = index[i];
    bool better = isMax ? (last ? v >= best[o] : v > best[o])
                        : (last ? v <= best[o] : v < best[o]);
    if (better || at[o] < 0) {
      best[o] = v;
      at[o] = (i / stride) % dim;
    }
  }
  for (int64_t o = 0; o < n; ++o)
    out.setFromDouble(o, static_cast<double>(at[o]));
  results.push_back(std::move(out));
  return success();
}

LogicalResult ArgMaxOpKernel(ArgMaxOp op, Operands o, Results &r) {
  return argReduceKernel(op, o, r, true);
}
LogicalResult ArgMinOpKernel(ArgMinOp op, Operands o, Results &r) {
  return argReduceKernel(op, o, r, false);
}

/// CumSum: one running sum per line along the axis, walked forward or
/// backward; `exclusive` stores the sum before adding the element.
LogicalResult cumsumKernel(CumSumOp op, Operands operands, Results &results) {
  const Tensor &in = *operands[0];
  Tensor out = uninitializedResultFor(op);
  int64_t axis = axisIn(op.getAxis(), in.getRank());
  int64_t dim = in.getShape()[axis], inner = stridesOf(in.getShape())[axis];
  int64_t lines = dim ? in.getNumElements() / dim : 0;
  bool reverse = op.getReverse(), exclusive = op.getExclusive();
  for (int64_t l = 0; l < lines; ++l) {
    int64_t base = (l / inner) * dim * inner + l % inner;
    double sum = 0;
    for (int64_t k = 0; k < dim; ++k) {
      int64_t i = base + (reverse ? dim - 1 - k : k) * inner;
      double v = in.getAsDouble(i);
      if (!exclusive)
        sum += v;
      out.setFromDouble(i, sum);
      if (exclusive)
        sum += v;
    }
  }
  results.push_back(std::move(out));
  return success();
}

NN_KERNEL_MODEL(MaxPoolOp, maxpoolKernel)
NN_KERNEL_MODEL(CumSumOp, cumsumKernel)
NN_KERNEL_MODEL(AvgPoolOp, avgpoolKernel)
NN_KERNEL_MODEL(GlobalAvgPoolOp, globalAvgpoolKernel)
#define NN_MODEL(OP, ...) NN_KERNEL_MODEL(OP, OP##Kernel)
NN_REDUCE_OPS(NN_MODEL)
NN_MODEL(ArgMaxOp)
NN_MODEL(ArgMinOp)
#undef NN_MODEL

} // namespace

void nn::registerPoolingKernels(MLIRContext *ctx) {
  MaxPoolOp::attachInterface<MaxPoolOpEvaluate>(*ctx);
  AvgPoolOp::attachInterface<AvgPoolOpEvaluate>(*ctx);
  GlobalAvgPoolOp::attachInterface<GlobalAvgPoolOpEvaluate>(*ctx);
  CumSumOp::attachInterface<CumSumOpEvaluate>(*ctx);
#define NN_ATTACH(OP, ...) OP::attachInterface<OP##Evaluate>(*ctx);
  NN_REDUCE_OPS(NN_ATTACH)
  NN_ATTACH(ArgMaxOp)
  NN_ATTACH(ArgMinOp)
#undef NN_ATTACH
}
