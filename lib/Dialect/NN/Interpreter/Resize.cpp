//===- Resize.cpp - nn.resize kernel --------------------------------------===//
//
// ONNX Resize as its definition computes it: every dimension on its own, each
// output coordinate mapped to an input coordinate, then to the input elements
// around it and their weights. Nearest copies elements (exact for every
// element type); linear and cubic interpolate in double, one dimension after
// another.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "tessel/Interpreter/EvaluateOpInterface.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

namespace {

/// One dimension of the resize.
struct Axis {
  int64_t in, out;
  double scale;
  /// The region of tf_crop_and_resize, normalized to the input.
  double roiStart = 0, roiEnd = 1;
};

/// The input coordinate that output coordinate `x` maps to (the op's
/// coordinate_transformation_mode table).
double sourceCoordinate(StringRef mode, const Axis &a, int64_t x) {
  double w = a.scale * a.in; // fractional output length
  double halfPixel = (x + 0.5) / a.scale - 0.5;
  if (mode == "half_pixel_symmetric")
    return a.in / 2.0 * (1 - a.out / w) + halfPixel;
  if (mode == "pytorch_half_pixel")
    return w > 1 ? halfPixel : 0;
  if (mode == "align_corners")
    return w > 1 ? x * double(a.in - 1) / (w - 1) : 0;
  if (mode == "asymmetric")
    return x / a.scale;
  if (mode == "tf_half_pixel_for_nn")
    return (x + 0.5) / a.scale;
  if (mode == "tf_crop_and_resize")
    return w > 1 ? a.roiStart * (a.in - 1) +
                       x * (a.roiEnd - a.roiStart) * (a.in - 1) / (w - 1)
                 : (a.roiStart + a.roiEnd) / 2 * (a.in - 1);
  return halfPixel;
}

/// Keys' cubic convolution kernel with parameter `a`.
double cubicWeight(double t, double a) {
  t = std::abs(t);
  if (t <= 1)
    return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2)
    return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  return 0;
}

/// The input elements each output coordinate of one dimension reads and
/// their weights: `count` per coordinate, indices clamped to the input.
struct Taps {
  int64_t count;
  std::vector<int64_t> index;
  std::vector<double> weight;
  /// Coordinates mapped outside the input (tf_crop_and_resize).
  std::vector<bool> outside;
};

/// The input element nearest `x` under `rounding` (nearest_mode).
int64_t nearestIndex(double x, StringRef rounding) {
  auto base = static_cast<int64_t>(std::floor(x));
  double r = x - base;
  if (r == 0)
    return base;
  bool up = rounding == "ceil" ||
            (rounding == "round_prefer_ceil" && r >= 0.5) ||
            (rounding == "round_prefer_floor" && r > 0.5);
  return base + up;
}

/// Appends the taps of a filter centred at `x`: the filter (radius `radius`
/// at scale 1) stretched by `1 / s`, its weights normalized to sum 1.
/// Neighbour positions are those of ONNX's definition: an integral `x`
/// counts as the end of the interval below it.
void appendFilterTaps(Taps &t, double x, int64_t in, double s, int64_t first,
                      bool excludeOutside,
                      llvm::function_ref<double(double)> filter) {
  double base = std::floor(x);
  if (x == base)
    base -= 1;
  double r = x - base, sum = 0;
  size_t begin = t.weight.size();
  for (int64_t j = first; j < first + t.count; ++j) {
    int64_t i = static_cast<int64_t>(base) + j;
    double w = excludeOutside && (i < 0 || i >= in) ? 0 : filter((j - r) * s);
    t.index.push_back(std::clamp<int64_t>(i, 0, in - 1));
    t.weight.push_back(w);
    sum += w;
  }
  for (size_t k = begin; k < t.weight.size(); ++k)
    t.weight[k] /= sum;
}

Taps tapsOf(ResizeOp op, const Axis &a) {
  StringRef coord = op.getCoordinateTransformationMode();
  Taps t;
  auto mapped = [&](int64_t x) {
    double src = sourceCoordinate(coord, a, x);
    t.outside.push_back(coord == "tf_crop_and_resize" &&
                        (src < 0 || src > a.in - 1));
    return src;
  };
  if (op.getMode() == "nearest") {
    t.count = 1;
    for (int64_t x = 0; x < a.out; ++x) {
      t.index.push_back(std::clamp<int64_t>(
          nearestIndex(mapped(x), op.getNearestMode()), 0, a.in - 1));
      t.weight.push_back(1);
    }
    return t;
  }
  bool cubic = op.getMode() == "cubic";
  double coeffA = op.getCubicCoeffA().convertToDouble();
  auto filter = [&](double v) {
    return cubic ? cubicWeight(v, coeffA) : std::max(0.0, 1 - std::abs(v));
  };
  // Antialiasing widens a shrinking dimension's filter by 1 / scale.
  double s = op.getAntialias() ? std::min(a.scale, 1.0) : 1.0;
  int64_t radius = cubic ? 2 : 1;
  int64_t first = static_cast<int64_t>(std::floor(-radius / s)) + 1;
  t.count = 2 - 2 * first;
  for (int64_t x = 0; x < a.out; ++x)
    appendFilterTaps(t, mapped(x), a.in, s, first, op.getExcludeOutside(),
                     filter);
  return t;
}

/// Whether `t` reads input coordinate x, whole, for every output x.
bool isIdentity(const Taps &t, const Axis &a) {
  if (a.in != a.out)
    return false;
  for (int64_t x = 0; x < a.out; ++x)
    for (int64_t k = 0; k < t.count; ++k) {
      double w = t.weight[x * t.count + k];
      if (w != 0 && !(w == 1 && t.index[x * t.count + k] == x))
        return false;
    }
  return true;
}

/// Resamples dimension `d` of `v` (of `shape`) by `t`: `shape[d]` becomes
/// the output length.
void resampleDimension(std::vector<double> &v,
                       llvm::SmallVectorImpl<int64_t> &shape, size_t d,
                       const Taps &t, int64_t out) {
  int64_t outer = 1, inner = 1, n = shape[d];
  for (size_t i = 0; i < d; ++i)
    outer *= shape[i];
  for (size_t i = d + 1; i < shape.size(); ++i)
    inner *= shape[i];
  std::vector<double> r(outer * out * inner, 0.0);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t x = 0; x < out; ++x) {
      double *dst = &r[(o * out + x) * inner];
      for (int64_t k = 0; k < t.count; ++k) {
        double w = t.weight[x * t.count + k];
        if (w == 0)
          continue;
        const double *src = &v[(o * n + t.index[x * t.count + k]) * inner];
        for (int64_t i = 0; i < inner; ++i)
          dst[i] += w * src[i];
      }
    }
  v = std::move(r);
  shape[d] = out;
}

/// Sets the elements with a coordinate outside the input to `value`.
void fillOutside(Tensor &out, llvm::ArrayRef<Taps> taps, double value) {
  auto strides = stridesOf(out.getShape());
  for (int64_t o = 0, n = out.getNumElements(); o < n; ++o)
    for (size_t d = 0; d < taps.size(); ++d)
      if (taps[d].outside[(o / strides[d]) % out.getShape()[d]]) {
        out.setFromDouble(o, value);
        break;
      }
}

LogicalResult resizeKernel(ResizeOp op, Operands operands, Results &results) {
  const Tensor &in = *operands[0];
  int64_t rank = in.getRank();
  std::optional<llvm::ArrayRef<double>> roi = op.getRoi();
  llvm::SmallVector<Axis> axes;
  llvm::SmallVector<Taps> taps;
  for (int64_t d = 0; d < rank; ++d) {
    Axis a{in.getShape()[d], op.getSizes()[d], op.getScales()[d]};
    if (roi) {
      a.roiStart = (*roi)[d];
      a.roiEnd = (*roi)[rank + d];
    }
    axes.push_back(a);
    taps.push_back(tapsOf(op, a));
  }
  Tensor out;
  if (op.getMode() == "nearest") {
    auto inStrides = stridesOf(in.getShape());
    out = gatherElements(uninitializedResultFor(op), in,
                         [&](llvm::ArrayRef<int64_t> idx) {
                           int64_t i = 0;
                           for (int64_t d = 0; d < rank; ++d)
                             i += taps[d].index[idx[d]] * inStrides[d];
                           return i;
                         });
  } else {
    // Shrinking dimensions first: no intermediate is larger than the input
    // or the output.
    llvm::SmallVector<int64_t> order(rank);
    for (int64_t d = 0; d < rank; ++d)
      order[d] = d;
    llvm::stable_sort(order, [&](int64_t a, int64_t b) {
      return (axes[a].out < axes[a].in) > (axes[b].out < axes[b].in);
    });
    std::vector<double> v = values(in);
    llvm::SmallVector<int64_t> shape(in.getShape());
    for (int64_t d : order)
      if (!isIdentity(taps[d], axes[d]))
        resampleDimension(v, shape, d, taps[d], axes[d].out);
    out = fromValues(op, v);
  }
  if (roi)
    fillOutside(out, taps, op.getExtrapolationValue().convertToDouble());
  results.push_back(std::move(out));
  return success();
}

NN_KERNEL_MODEL(ResizeOp, resizeKernel)

} // namespace

void nn::registerResizeKernels(MLIRContext *ctx) {
  ResizeOp::attachInterface<ResizeOpEvaluate>(*ctx);
}
