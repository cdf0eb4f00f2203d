//===- Normalization.cpp - nn softmax and normalization kernels -----------===//

#include "FastMath.h"
#include "Kernels.h"

#include "tessel/Interpreter/EvaluateOpInterface.h"

#include <cmath>
#include <vector>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

namespace {

/// Splits the shape at `axis` into (outer, axisSize, inner).
void splitAt(llvm::ArrayRef<int64_t> shape, int64_t axis, int64_t &outer,
             int64_t &size, int64_t &inner) {
  outer = inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  size = shape[axis];
  for (int64_t d = axis + 1; d < static_cast<int64_t>(shape.size()); ++d)
    inner *= shape[d];
}

/// Float32 softmax over rows of `size` elements `inner` apart: the maximum,
/// exp by fastExp and the sum (in double) vectorized along the row when
/// `inner` is 1 (exp and sum by expShiftedF32, at the machine's vector
/// width), across the `inner` columns otherwise.
void softmaxF32(const float *x, float *y, int64_t outer, int64_t size,
                int64_t inner) {
  if (inner == 1) {
#pragma omp parallel for if (outer * size >= kParallelElements)
    for (int64_t o = 0; o < outer; ++o) {
      const float *xr = x + o * size;
      float *yr = y + o * size;
      float mx = maxF32(xr, size);
      double sum = expShiftedF32(xr, yr, size, mx);
      float inv = static_cast<float>(1.0 / sum);
#pragma omp simd
      for (int64_t k = 0; k < size; ++k)
        yr[k] *= inv;
    }
    return;
  }
#pragma omp parallel for if (outer * size * inner >= kParallelElements)
  for (int64_t o = 0; o < outer; ++o) {
    const float *xo = x + o * size * inner;
    float *yo = y + o * size * inner;
    std::vector<float> mx(inner, -INFINITY);
    std::vector<double> sum(inner, 0.0);
    for (int64_t k = 0; k < size; ++k)
      for (int64_t i = 0; i < inner; ++i) {
        float v = xo[k * inner + i];
        mx[i] = mx[i] < v ? v : mx[i];
      }
    for (int64_t k = 0; k < size; ++k)
      for (int64_t i = 0; i < inner; ++i) {
        float e = fastExp(xo[k * inner + i] - mx[i]);
        yo[k * inner + i] = e;
        sum[i] += e;
      }
    std::vector<float> inv(inner);
    for (int64_t i = 0; i < inner; ++i)
      inv[i] = static_cast<float>(1.0 / sum[i]);
    for (int64_t k = 0; k < size; ++k)
      for (int64_t i = 0; i < inner; ++i)
        yo[k * inner + i] *= inv[i];
  }
}

LogicalResult softmaxKernel(SoftmaxOp op, Operands operands, Results &results) {
  const Tensor &in = *operands[0];
  // Every element is written.
  Tensor out = uninitializedResultFor(op);
  int64_t axis = axisIn(op.getAxis(), in.getRank());
  int64_t outer, size, inner;
  splitAt(in.getShape(), axis, outer, size, inner);
  if (in.getElementType().isF32() && out.getElementType().isF32()) {
    softmaxF32(in.data<float>(), out.data<float>(), outer, size, inner);
    results.push_back(std::move(out));
    return success();
  }
  std::vector<double> e(size);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      int64_t base = o * size * inner + i;
      double mx = -INFINITY, sum = 0;
      for (int64_t k = 0; k < size; ++k)
        mx = std::max(mx, in.getAsDouble(base + k * inner));
      for (int64_t k = 0; k < size; ++k)
        sum += e[k] = std::exp(in.getAsDouble(base + k * inner) - mx);
      for (int64_t k = 0; k < size; ++k)
        out.setFromDouble(base + k * inner, e[k] / sum);
    }
  results.push_back(std::move(out));
  return success();
}

LogicalResult batchNormKernel(BatchNormOp op, Operands operands,
                              Results &results) {
  const Tensor &in = *operands[0];
  Tensor out = resultFor(op);
  int64_t outer, channels, inner;
  splitAt(in.getShape(), 1, outer, channels, inner);
  double eps = op.getEpsilon().convertToDouble();
  for (int64_t c = 0; c < channels; ++c) {
    double scale = operands[1]->getAsDouble(c), bias = operands[2]->getAsDouble(c),
           mean = operands[3]->getAsDouble(c), var = operands[4]->getAsDouble(c);
    double k = scale / std::sqrt(var + eps);
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        int64_t at = (o * channels + c) * inner + i;
        out.setFromDouble(at, (in.getAsDouble(at) - mean) * k + bias);
      }
  }
  results.push_back(std::move(out));
  return success();
}

LogicalResult layerNormKernel(LayerNormOp op, Operands operands,
                              Results &results) {
  const Tensor &in = *operands[0];
  Tensor out = resultFor(op);
  int64_t rank = in.getRank();
  int64_t axis = axisIn(op.getAxis(), rank);
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < axis ? outer : inner) *= in.getShape()[d];
  llvm::ArrayRef<int64_t> normShape = in.getShape().drop_front(axis);
  auto is = broadcastIndices(operands[1]->getShape(), normShape);
  llvm::SmallVector<int64_t> ib;
  if (operands.size() > 2)
    ib = broadcastIndices(operands[2]->getShape(), normShape);
  double eps = op.getEpsilon().convertToDouble();
  const Tensor *bias = operands.size() > 2 ? operands[2] : nullptr;
  if (in.getElementType().isF32() && out.getElementType().isF32() &&
      operands[1]->getElementType().isF32() &&
      operands[1]->getNumElements() == inner &&
      (!bias || (bias->getElementType().isF32() &&
                 bias->getNumElements() == inner))) {
    // Float32 with per-element scale and bias: row statistics in double,
    // vectorized.
    const float *x = in.data<float>(), *sc = operands[1]->data<float>(),
                *bs = bias ? bias->data<float>() : nullptr;
    float *y = out.data<float>();
#pragma omp parallel for if (outer * inner >= kParallelElements)
    for (int64_t o = 0; o < outer; ++o) {
      const float *xr = x + o * inner;
      float *yr = y + o * inner;
      double sum = 0, sq = 0;
#pragma omp simd reduction(+ : sum)
      for (int64_t i = 0; i < inner; ++i)
        sum += xr[i];
      double mean = sum / inner;
#pragma omp simd reduction(+ : sq)
      for (int64_t i = 0; i < inner; ++i) {
        double d = xr[i] - mean;
        sq += d * d;
      }
      float m = static_cast<float>(mean),
            inv = static_cast<float>(1 / std::sqrt(sq / inner + eps));
      if (bs) {
#pragma omp simd
        for (int64_t i = 0; i < inner; ++i)
          yr[i] = (xr[i] - m) * inv * sc[i] + bs[i];
      } else {
#pragma omp simd
        for (int64_t i = 0; i < inner; ++i)
          yr[i] = (xr[i] - m) * inv * sc[i];
      }
    }
    results.push_back(std::move(out));
    return success();
  }
  for (int64_t o = 0; o < outer; ++o) {
    double mean = 0, var = 0;
    for (int64_t i = 0; i < inner; ++i)
      mean += in.getAsDouble(o * inner + i);
    mean /= inner;
    for (int64_t i = 0; i < inner; ++i) {
      double d = in.getAsDouble(o * inner + i) - mean;
      var += d * d;
    }
    double inv = 1 / std::sqrt(var / inner + eps);
    for (int64_t i = 0; i < inner; ++i) {
      double v = (in.getAsDouble(o * inner + i) - mean) * inv *
                 operands[1]->getAsDouble(is[i]);
      if (!ib.empty())
        v += operands[2]->getAsDouble(ib[i]);
      out.setFromDouble(o * inner + i, v);
    }
  }
  results.push_back(std::move(out));
  return success();
}

NN_KERNEL_MODEL(SoftmaxOp, softmaxKernel)
NN_KERNEL_MODEL(BatchNormOp, batchNormKernel)
NN_KERNEL_MODEL(LayerNormOp, layerNormKernel)

} // namespace

void nn::registerNormalizationKernels(MLIRContext *ctx) {
  SoftmaxOp::attachInterface<SoftmaxOpEvaluate>(*ctx);
  BatchNormOp::attachInterface<BatchNormOpEvaluate>(*ctx);
  LayerNormOp::attachInterface<LayerNormOpEvaluate>(*ctx);
}
