//===- QuantizedLinear.cpp - nn.conv/gemm/matmul on quantized operands ----===//
//
// Scaled formats: each operand becomes its integer images (mantissa <<
// shift per code), products are summed exactly in 64-bit integers (32-bit
// when this run's largest images prove no sum can overflow it), an integer
// bias is added, and the result is the accumulator or its value
// (accumulator x scale). Block formats: decoded values, summed in binary64.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "tessel/Dialect/NN/IR/QuantizedLinear.h"
#include "tessel/Dialect/QT/Interpreter/QuantizedTensor.h"

#include <cmath>
#include <cstdlib>
#include <limits>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

namespace {

/// An operand as integer images, or as values when its format has blocks.
struct Prepared {
  qt::FormatOf format;
  std::vector<int32_t> images;
  std::vector<double> values;
  int64_t maxAbs = 0;
};

FailureOr<Prepared> prepare(Operation *op, const Tensor &t) {
  Prepared p;
  std::string error;
  auto f = qt::formatOf(t.getElementType(), error);
  if (failed(f))
    return op->emitError("cannot multiply ")
           << t.getElementType() << ": " << error;
  p.format = *f;
  if (p.format.isBlock()) {
    auto v = qt::decodeValues(op, t);
    if (failed(v))
      return failure();
    p.values = std::move(*v);
    return p;
  }
  auto encoded = qt::encodingOf(op, t);
  if (failed(encoded))
    return failure();
  if (!p.format.zeroPoints.empty()) {
    // Zero points make the images the stored integers minus them.
    auto images = qt::integerImagesOf(op, t, *encoded);
    if (failed(images))
      return failure();
    p.images = std::move(*images);
  } else if (!quant::integerImages(*encoded, p.images, error)) {
    return op->emitError("cannot multiply the ")
           << t.getType() << " operand: " << error;
  }
  for (int32_t v : p.images)
    p.maxAbs = std::max<int64_t>(p.maxAbs, std::llabs(int64_t(v)));
  return p;
}

/// The images as doubles, for the value path of mixed operands.
void toValues(Prepared &p, llvm::ArrayRef<int64_t> shape) {
  if (!p.values.empty() || p.images.empty())
    return;
  double unit = std::ldexp(1.0, -p.format.format.unitFracBits());
  p.values.resize(p.images.size());
  for (size_t i = 0; i < p.images.size(); ++i)
    p.values[i] = p.images[i] * unit *
                  p.format.scales[qt::channelAt(int64_t(i), shape,
                                                p.format.axis)];
}

/// Input and weight prepared; both as values when either has blocks.
struct PreparedPair {
  Prepared a, b;
  bool byValue() const { return a.format.isBlock() || b.format.isBlock(); }
};
FailureOr<PreparedPair> prepareOperands(Operation *op, Operands operands) {
  auto a = prepare(op, *operands[0]), b = prepare(op, *operands[1]);
  if (failed(a) || failed(b))
    return failure();
  PreparedPair p{std::move(*a), std::move(*b)};
  if (p.byValue()) {
    toValues(p.a, operands[0]->getShape());
    toValues(p.b, operands[1]->getShape());
  }
  return p;
}

/// C[m x n] = A[m x k] * B[k x n], row-major, exact. Acc is int32 only
/// when the caller has proven k * max|A| * max|B| fits it.
template <typename In, typename Acc>
void integerGemm(const In *a, const In *b, int64_t *c, int64_t m, int64_t k,
                 int64_t n) {
#pragma omp parallel for if (m * k * n > kParallelElements)
  for (int64_t i = 0; i < m; ++i) {
    std::vector<Acc> row(n, 0);
    for (int64_t kk = 0; kk < k; ++kk) {
      Acc av = a[i * k + kk];
      if (av == 0)
        continue;
      const In *pb = b + kk * n;
      for (int64_t j = 0; j < n; ++j)
        row[j] += av * Acc(pb[j]);
    }
    for (int64_t j = 0; j < n; ++j)
      c[i * n + j] = row[j];
  }
}

template <typename In>
std::vector<In> narrow(const std::vector<int32_t> &v) {
  return std::vector<In>(v.begin(), v.end());
}

/// Exact integer matrix product, picking the narrowest exact loop.
void multiply(const std::vector<int32_t> &a, const std::vector<int32_t> &b,
              int64_t *c, int64_t m, int64_t k, int64_t n, int64_t maxA,
              int64_t maxB) {
  bool small = maxA <= INT16_MAX && maxB <= INT16_MAX;
  // The largest partial sum is k * maxA * maxB; compare without overflow.
  bool fits32 = maxA == 0 || maxB == 0 ||
                (double(k) * double(maxA) * double(maxB) <
                 double(std::numeric_limits<int32_t>::max()));
  if (small && fits32)
    integerGemm<int16_t, int32_t>(narrow<int16_t>(a).data(),
                                  narrow<int16_t>(b).data(), c, m, k, n);
  else
    integerGemm<int32_t, int64_t>(a.data(), b.data(), c, m, k, n);
}

/// Rows [r0, r0 + rows) x columns [c0, c0 + cols) of a row-major matrix
/// with `ld` columns, optionally transposed.
std::vector<int32_t> slice(const int32_t *p, int64_t ld, int64_t rows,
                           int64_t cols, bool transpose) {
  std::vector<int32_t> out(rows * cols);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      out[transpose ? j * rows + i : i * cols + j] = p[i * ld + j];
  return out;
}

/// The integer convolution (no bias): im2col per batch and group, then a
/// product with the group's weights. 1 to 3 spatial dimensions.
std::vector<int64_t> convIntegers(const LinearLayer &l, const Prepared &x,
                                  const Prepared &w) {
  auto pad3 = [&](llvm::ArrayRef<int64_t> v, int64_t fill) {
    std::array<int64_t, 3> r{fill, fill, fill};
    for (size_t i = 0; i < v.size(); ++i)
      r[3 - v.size() + i] = v[i];
    return r;
  };
  auto in = pad3(l.inputSize, 1), ker = pad3(l.kernelSize, 1),
       on = pad3(l.outputSize, 1), st = pad3(l.strides, 1),
       dl = pad3(l.dilations, 1), pb = pad3(l.padsBegin, 0);
  int64_t group = l.groups, cin = l.inChannels, cout = l.outChannels;
  int64_t cinG = cin / group, coutG = cout / group;
  int64_t kk = ker[0] * ker[1] * ker[2], plane = on[0] * on[1] * on[2],
          inPlane = in[0] * in[1] * in[2];
  int64_t rows = cinG * kk;
  std::vector<int64_t> y(l.batch * cout * plane);
  std::vector<int32_t> cols(rows * plane);
  std::vector<int64_t> part(coutG * plane);
  for (int64_t b = 0; b < l.batch; ++b)
    for (int64_t g = 0; g < group; ++g) {
#pragma omp parallel for if (rows * plane > kParallelElements)
      for (int64_t r = 0; r < rows; ++r) {
        int64_t c = g * cinG + r / kk, kIdx = r % kk;
        int64_t k0 = kIdx / (ker[1] * ker[2]), k1 = kIdx / ker[2] % ker[1],
                k2 = kIdx % ker[2];
        const int32_t *src = x.images.data() + (b * cin + c) * inPlane;
        int32_t *dst = cols.data() + r * plane;
        for (int64_t o0 = 0; o0 < on[0]; ++o0)
          for (int64_t o1 = 0; o1 < on[1]; ++o1)
            for (int64_t o2 = 0; o2 < on[2]; ++o2) {
              int64_t i0 = o0 * st[0] - pb[0] + k0 * dl[0],
                      i1 = o1 * st[1] - pb[1] + k1 * dl[1],
                      i2 = o2 * st[2] - pb[2] + k2 * dl[2];
              bool inside = i0 >= 0 && i0 < in[0] && i1 >= 0 && i1 < in[1] &&
                            i2 >= 0 && i2 < in[2];
              *dst++ = inside ? src[(i0 * in[1] + i1) * in[2] + i2] : 0;
            }
      }
      std::vector<int32_t> wg(w.images.begin() + g * coutG * rows,
                              w.images.begin() + (g + 1) * coutG * rows);
      multiply(wg, cols, part.data(), coutG, rows, plane, w.maxAbs, x.maxAbs);
      std::copy(part.begin(), part.end(),
                y.begin() + (b * cout + g * coutG) * plane);
    }
  return y;
}

/// Writes the result: the accumulator plus an integer bias, or its value
/// plus a float bias. `biasIndex[i]` is the bias element of result i.
LogicalResult finish(LinearOpInterface op, const Prepared &x,
                     const Prepared &w, std::vector<int64_t> acc,
                     const Tensor *bias, llvm::ArrayRef<int64_t> biasIndex,
                     Results &results) {
  auto resultType = cast<RankedTensorType>(op.getOutput().getType());
  llvm::ArrayRef<int64_t> shape = resultType.getShape();
  auto accType = *qt::accumulatorOf(op.getAccumulatorType(x.format, w.format));
  bool floatBias = bias && !qt::isQuantizedElement(bias->getElementType());
  if (bias && !floatBias) {
    auto biasAcc = *qt::accumulatorOf(bias->getElementType());
    std::vector<int64_t> ints = qt::accumulatorIntegers(*bias, biasAcc);
    for (size_t i = 0; i < acc.size(); ++i)
      acc[i] += ints[biasIndex[i]];
  }
  if (auto out = qt::accumulatorOf(resultType.getElementType())) {
    Tensor storage(RankedTensorType::get(shape, out->storage));
    for (size_t i = 0; i < acc.size(); ++i) {
      if (acc[i] < std::numeric_limits<int32_t>::min() ||
          acc[i] > std::numeric_limits<int32_t>::max())
        return op->emitError("the accumulator overflows i32 at element ")
               << i << " (" << acc[i]
               << "); declare a float result to keep 64 bits";
      storage.data<int32_t>()[i] = int32_t(acc[i]);
    }
    llvm::ArrayRef<char> raw = storage.bytes();
    results.push_back(Tensor::fromBytes(
        resultType, std::vector<char>(raw.begin(), raw.end())));
    return success();
  }
  Tensor out(resultType);
  for (size_t i = 0; i < acc.size(); ++i) {
    double v = double(acc[i]) * accType.scaleAt(int64_t(i), shape);
    if (floatBias)
      v += bias->getAsDouble(biasIndex[i]);
    out.setFromDouble(int64_t(i), v);
  }
  results.push_back(std::move(out));
  return success();
}

/// For each result element, the bias element it adds: channel `axis`
/// (conv) or numpy broadcasting (gemm).
llvm::SmallVector<int64_t> channelIndex(llvm::ArrayRef<int64_t> shape,
                                        int64_t axis) {
  int64_t inner = 1, total = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    total *= shape[d];
    if (int64_t(d) > axis)
      inner *= shape[d];
  }
  llvm::SmallVector<int64_t> idx(total);
  for (int64_t i = 0; i < total; ++i)
    idx[i] = i / inner % shape[axis];
  return idx;
}

/// The float result of the value path (any block-format operand).
LogicalResult finishValues(Operation *op, std::vector<double> y,
                           const Tensor *bias,
                           llvm::ArrayRef<int64_t> biasIndex,
                           Results &results) {
  if (bias) {
    auto b = qt::isQuantizedElement(bias->getElementType())
                 ? qt::decodeValues(op, *bias)
                 : FailureOr<std::vector<double>>(values(*bias));
    if (failed(b))
      return failure();
    for (size_t i = 0; i < y.size(); ++i)
      y[i] += (*b)[biasIndex[i]];
  }
  results.push_back(fromValues(op, y));
  return success();
}

LogicalResult quantizedConv(ConvOp op, Operands operands, Results &results) {
  auto xw = prepareOperands(op, operands);
  if (failed(xw))
    return failure();
  const Prepared &x = xw->a, &w = xw->b;
  const Tensor *bias = operands.size() > 2 ? operands[2] : nullptr;
  auto os = cast<RankedTensorType>(op.getType()).getShape();
  llvm::SmallVector<int64_t> biasIndex = channelIndex(os, 1);
  if (xw->byValue())
    return finishValues(
        op,
        convValues(x.values, operands[0]->getShape(), w.values,
                   operands[1]->getShape(), os, op.getStrides(), op.getPads(),
                   op.getDilations(), op.getGroup(), false),
        bias, biasIndex, results);
  std::optional<LinearLayer> layer = op.getLinearLayer();
  if (!layer)
    return op.emitError("needs static shapes");
  return finish(op, x, w, convIntegers(*layer, x, w), bias, biasIndex,
                results);
}

LogicalResult quantizedMatmul(MatMulOp op, Operands operands,
                              Results &results) {
  auto ab = prepareOperands(op, operands);
  if (failed(ab))
    return failure();
  const Prepared &a = ab->a, &b = ab->b;
  llvm::ArrayRef<int64_t> sa = operands[0]->getShape(),
                          sb = operands[1]->getShape();
  if (ab->byValue())
    return finishValues(op, matmulValues(a.values, sa, b.values, sb), nullptr,
                        {}, results);
  MatmulPlan p = planMatmul(sa, sb);
  std::vector<int64_t> c(p.batchA.size() * p.m * p.n);
  for (size_t q = 0; q < p.batchA.size(); ++q) {
    std::vector<int32_t> ma(a.images.begin() + p.batchA[q] * p.m * p.k,
                            a.images.begin() + (p.batchA[q] + 1) * p.m * p.k);
    std::vector<int32_t> mb(b.images.begin() + p.batchB[q] * p.k * p.n,
                            b.images.begin() + (p.batchB[q] + 1) * p.k * p.n);
    multiply(ma, mb, c.data() + q * p.m * p.n, p.m, p.k, p.n, a.maxAbs,
             b.maxAbs);
  }
  return finish(op, a, b, std::move(c), nullptr, {}, results);
}

LogicalResult quantizedGemm(GemmOp op, Operands operands, Results &results) {
  auto ab = prepareOperands(op, operands);
  if (failed(ab))
    return failure();
  const Prepared &a = ab->a, &b = ab->b;
  const Tensor *bias = operands.size() > 2 ? operands[2] : nullptr;
  auto os = cast<RankedTensorType>(op.getType()).getShape();
  std::optional<LinearLayer> layer = op.getLinearLayer();
  if (!layer)
    return op.emitError("needs static shapes");
  int64_t m = layer->m, n = layer->n, k = layer->k;
  bool ta = layer->transposeA, tb = layer->transposeB;
  llvm::SmallVector<int64_t> biasIndex;
  if (bias)
    biasIndex = broadcastIndices(bias->getShape(), os);
  if (ab->byValue()) {
    std::vector<double> y(m * n, 0.0);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t kk = 0; kk < k; ++kk) {
        double av = a.values[ta ? kk * m + i : i * k + kk];
        for (int64_t j = 0; j < n; ++j)
          y[i * n + j] += av * b.values[tb ? j * k + kk : kk * n + j];
      }
    return finishValues(op, std::move(y), bias, biasIndex, results);
  }
  std::vector<int32_t> ma =
      ta ? slice(a.images.data(), m, k, m, true) : a.images;
  std::vector<int32_t> mb =
      tb ? slice(b.images.data(), k, n, k, true) : b.images;
  std::vector<int64_t> c(m * n);
  multiply(ma, mb, c.data(), m, k, n, a.maxAbs, b.maxAbs);
  return finish(op, a, b, std::move(c), bias, biasIndex, results);
}

} // namespace

LogicalResult nn::quantizedLinearKernel(Operation *op, Operands operands,
                                        Results &results) {
  if (auto conv = dyn_cast<ConvOp>(op))
    return quantizedConv(conv, operands, results);
  if (auto mm = dyn_cast<MatMulOp>(op))
    return quantizedMatmul(mm, operands, results);
  return quantizedGemm(cast<GemmOp>(op), operands, results);
}
