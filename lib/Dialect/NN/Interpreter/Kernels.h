//===- Kernels.h - nn reference kernels -------------------------*- C++ -*-===//
//
// Each kernel computes one nn op's results from runtime tensors, following
// the ONNX operator specification. Kernels compute in double and store in the
// result's element type.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_LIB_DIALECT_NN_INTERPRETER_KERNELS_H
#define TESSEL_LIB_DIALECT_NN_INTERPRETER_KERNELS_H

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Interpreter/Tensor.h"

#include <cmath>
#include <optional>
#include <vector>

namespace mlir::tessel::nn {

using interp::Tensor;
using Operands = llvm::ArrayRef<const Tensor *>;
using Results = llvm::SmallVectorImpl<Tensor>;

/// Loops over fewer elements than this stay on one thread (below it,
/// waking the OpenMP team costs more than it saves).
constexpr int64_t kParallelElements = 1 << 15;

/// Row-major strides of `shape`.
llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

/// For each element of `outShape`, the linear index of the element of a
/// tensor of `inShape` it reads under numpy broadcasting.
llvm::SmallVector<int64_t> broadcastIndices(llvm::ArrayRef<int64_t> inShape,
                                            llvm::ArrayRef<int64_t> outShape);

/// Copies the strided view of `src` with `shape` and element strides
/// `srcStrides` (any sign, 0 to repeat) into the dense row-major `dst`, for
/// elements of `elemBytes` bytes. Dimensions are merged where the view is
/// contiguous; runs contiguous in `src` are copied with memcpy, a view whose
/// innermost dimension is strided by a tiled transposition.
void stridedCopy(char *dst, const char *src, llvm::ArrayRef<int64_t> shape,
                 llvm::ArrayRef<int64_t> srcStrides, int64_t elemBytes);

/// An op's `axis` attribute in [0, rank): the verifier bounds it to
/// [-rank, rank), and I64Attr's getter is unsigned, so it is converted
/// before the sign test.
inline int64_t axisIn(uint64_t axis, int64_t rank) {
  int64_t a = static_cast<int64_t>(axis);
  return a < 0 ? a + rank : a;
}

/// The largest of `n` floats, ignoring NaN as std::max(acc, v) does (-inf
/// when there are none): lane by lane, so that the compiler vectorizes it.
inline float maxF32(const float *x, int64_t n) {
  constexpr int L = 16;
  float lanes[L];
  for (int l = 0; l < L; ++l)
    lanes[l] = -INFINITY;
  int64_t k = 0;
  for (; k + L <= n; k += L)
    for (int l = 0; l < L; ++l)
      lanes[l] = lanes[l] < x[k + l] ? x[k + l] : lanes[l];
  float mx = -INFINITY;
  for (int l = 0; l < L; ++l)
    mx = mx < lanes[l] ? lanes[l] : mx;
  for (; k < n; ++k)
    mx = mx < x[k] ? x[k] : mx;
  return mx;
}

/// The result tensor for `op`'s result `i`, zero-filled.
inline Tensor resultFor(Operation *op, unsigned i = 0) {
  return Tensor(cast<RankedTensorType>(op->getResult(i).getType()));
}

/// The result tensor for `op`'s result `i`, its elements unspecified: for
/// kernels that write every element.
inline Tensor uninitializedResultFor(Operation *op, unsigned i = 0) {
  return Tensor::uninitialized(
      cast<RankedTensorType>(op->getResult(i).getType()));
}

/// Copies element `i` of `in` to element `o` of `out` (same element type).
inline void copyElement(Tensor &out, int64_t o, const Tensor &in, int64_t i) {
  int64_t w = interp::elementBytes(in.getElementType());
  std::memcpy(out.bytes().data() + o * w, in.bytes().data() + i * w, w);
}

/// Fills `out` element by element: `sourceOf(index)` names the input element
/// to copy, or -1 to leave it zero.
template <typename Fn>
Tensor gatherElements(Tensor out, const Tensor &in, Fn sourceOf) {
  auto outStrides = stridesOf(out.getShape());
  llvm::SmallVector<int64_t> idx(out.getRank());
  for (int64_t o = 0, n = out.getNumElements(); o < n; ++o) {
    for (int64_t d = 0; d < out.getRank(); ++d)
      idx[d] = (o / outStrides[d]) % out.getShape()[d];
    int64_t i = sourceOf(idx);
    if (i >= 0)
      copyElement(out, o, in, i);
  }
  return out;
}

/// All elements as doubles, and back into a result of `op`.
std::vector<double> values(const Tensor &t);
Tensor fromValues(Operation *op, const std::vector<double> &v);

/// A numpy matmul as a list of (m x k) * (k x n) products: the linear
/// batch index of each operand's matrix per output matrix.
struct MatmulPlan {
  int64_t m, k, n;
  llvm::SmallVector<int64_t> batchA, batchB;
};
MatmulPlan planMatmul(llvm::ArrayRef<int64_t> shapeA,
                      llvm::ArrayRef<int64_t> shapeB);

/// Numpy matmul of `a` and `b` (shapes `sa`, `sb`) in double.
std::vector<double> matmulValues(const std::vector<double> &a,
                                 llvm::ArrayRef<int64_t> sa,
                                 const std::vector<double> &b,
                                 llvm::ArrayRef<int64_t> sb);

/// Grouped convolution (or its transpose) without bias, in double.
std::vector<double> convValues(const std::vector<double> &xv,
                               llvm::ArrayRef<int64_t> xs,
                               const std::vector<double> &wv,
                               llvm::ArrayRef<int64_t> ws,
                               llvm::ArrayRef<int64_t> os,
                               llvm::ArrayRef<int64_t> strides,
                               llvm::ArrayRef<int64_t> pads,
                               llvm::ArrayRef<int64_t> dilations,
                               int64_t group, bool transposed);

/// Adds bias[m] * scale to every element of output channel m (NC... layout).
void addBias(std::vector<double> &y, llvm::ArrayRef<int64_t> os,
             const Tensor &bias, double scale = 1.0);

// Float32 fast paths through oneDNN (OneDnn.cpp).
bool isF32(llvm::ArrayRef<const Tensor *> tensors);
void matmulF32(const Tensor &a, const Tensor &b, Tensor &c);
void gemmF32(const Tensor &a, const Tensor &b, const Tensor *c, bool ta,
             bool tb, float alpha, float beta, Tensor &out);
/// nn.clip's bounds, an absent one infinite.
struct ClipBounds {
  double lo, hi;
  /// Whether both are floats exactly: then comparing floats with them in
  /// float is the double rule (relu6).
  bool areFloats() const {
    return double(static_cast<float>(lo)) == lo &&
           double(static_cast<float>(hi)) == hi;
  }
};
inline ClipBounds clipBounds(ClipOp op) {
  return {op.getMinAttr() ? op.getMinAttr().getValueAsDouble() : -INFINITY,
          op.getMaxAttr() ? op.getMaxAttr().getValueAsDouble() : INFINITY};
}

/// An activation a convolution may apply to its result as it writes it:
/// `op` (an nn.relu, or an nn.clip to [lo, hi]), its result's only reader.
struct ConvActivation {
  Operation *op;
  bool clip;
  float lo, hi;
};
/// The result of `type` may be encoded in oneDNN's layout (see
/// interp::Encoding); `x` may be too. With `activation`, the result may
/// have it applied already (then its encoding's fusedInto names it).
Tensor convF32(const Tensor &x, const Tensor &w, const Tensor *bias,
               llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
               llvm::ArrayRef<int64_t> dilations, int64_t group,
               RankedTensorType type,
               const ConvActivation *activation = nullptr);

/// A 4-D float32 tensor encoded as vectors of channels (NHWC, or oneDNN's
/// blocks of 4, 8 or 16 channels): element (n, c, h, w) is at
/// n * strides[0] + (c / vector) * strides[1] + h * strides[2] +
/// w * strides[3] + c % vector, and the lanes past the last channel (the
/// last block's padding) hold zeros.
struct ChannelVectors {
  int64_t vector, groups;
  int64_t strides[4];
};
/// `t`'s layout as channel vectors; nothing for a row-major tensor or
/// another layout.
std::optional<ChannelVectors> channelVectors(const Tensor &t);
/// A tensor of `type` (4-D float32, elements unspecified) encoded in the
/// layout `like` has (channelVectors holds for it) for its own shape.
Tensor encodedLike(const Tensor &like, RankedTensorType type);

/// nn.conv, nn.matmul and nn.gemm on quantized operands
/// (QuantizedLinear.cpp).
LogicalResult quantizedLinearKernel(Operation *op, Operands operands,
                                    Results &results);

// Registration of the external models, one per kernel file.
void registerElementwiseKernels(MLIRContext *ctx);
void registerLinearKernels(MLIRContext *ctx);
void registerPoolingKernels(MLIRContext *ctx);
void registerMovementKernels(MLIRContext *ctx);
void registerResizeKernels(MLIRContext *ctx);
void registerNormalizationKernels(MLIRContext *ctx);
void registerQuantKernels(MLIRContext *ctx);

} // namespace mlir::tessel::nn

/// Declares an external model of EvaluateOpInterface for OP whose evaluate
/// body is `KernelFn(op, operands, results)`.
#define NN_KERNEL_MODEL(OP, FN)                                                \
  struct OP##Evaluate                                                          \
      : ::mlir::tessel::interp::EvaluateOpInterface::ExternalModel<            \
            OP##Evaluate, OP> {                                                \
    ::llvm::LogicalResult evaluate(::mlir::Operation *op, Operands operands,   \
                                   Results &results) const {                   \
      return FN(::mlir::cast<OP>(op), operands, results);                      \
    }                                                                          \
  };

#endif // TESSEL_LIB_DIALECT_NN_INTERPRETER_KERNELS_H
