//===- Movement.cpp - nn data movement kernels ----------------------------===//
//
// These kernels copy elements without arithmetic, so they work on raw bytes
// and are exact for every element type.
//
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include "tessel/Interpreter/EvaluateOpInterface.h"
#include "tessel/Interpreter/Interpreter.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

namespace {

LogicalResult reshapeKernel(ReshapeOp op, Operands operands, Results &results) {
  const Tensor &in = *operands[0];
  auto type = cast<RankedTensorType>(op.getResult().getType());
  // A constant's bytes are viewed as they are, and an operand the run no
  // longer needs gives its buffer up; otherwise the same bytes are copied
  // under the result's type (an empty tensor has none, and no buffer to
  // pass to memcpy).
  if (in.isView()) {
    results.push_back(Tensor(in).reshaped(type));
    return success();
  }
  if (Tensor *donated = interp::donatedOperand(&in)) {
    results.push_back(std::move(*donated).reshaped(type));
    return success();
  }
  Tensor out = uninitializedResultFor(op);
  if (!out.bytes().empty())
    std::memcpy(out.bytes().data(), operands[0]->bytes().data(),
                out.bytes().size());
  results.push_back(std::move(out));
  return success();
}

/// `out` as the strided view of `in` starting at element `base`.
void copyView(Tensor &out, const Tensor &in, int64_t base,
              llvm::ArrayRef<int64_t> strides) {
  int64_t w = interp::elementBytes(in.getElementType());
  stridedCopy(out.bytes().data(), in.bytes().data() + base * w,
              out.getShape(), strides, w);
}

LogicalResult transposeKernel(TransposeOp op, Operands operands,
                              Results &results) {
  const Tensor &in = *operands[0];
  auto inStrides = stridesOf(in.getShape());
  llvm::SmallVector<int64_t> strides;
  for (int64_t p : op.getPerm())
    strides.push_back(inStrides[p]);
  Tensor out = uninitializedResultFor(op);
  copyView(out, in, 0, strides);
  results.push_back(std::move(out));
  return success();
}

LogicalResult concatKernel(ConcatOp op, Operands operands, Results &results) {
  Tensor out = uninitializedResultFor(op);
  int64_t rank = out.getRank(), axis = axisIn(op.getAxis(), rank);
  int64_t outer = 1, w = interp::elementBytes(out.getElementType());
  for (int64_t d = 0; d < axis; ++d)
    outer *= out.getShape()[d];
  char *dst = out.bytes().data();
  for (int64_t o = 0; o < outer; ++o)
    for (const Tensor *in : operands) {
      int64_t chunk = in->getNumElements() / std::max<int64_t>(outer, 1) * w;
      if (chunk) // an empty input has no buffer to pass
        std::memcpy(dst, in->bytes().data() + o * chunk, chunk);
      dst += chunk;
    }
  results.push_back(std::move(out));
  return success();
}

LogicalResult splitKernel(SplitOp op, Operands operands, Results &results) {
  const Tensor &in = *operands[0];
  int64_t axis = axisIn(op.getAxis(), in.getRank());
  auto inStrides = stridesOf(in.getShape());
  int64_t offset = 0;
  for (auto [i, size] : llvm::enumerate(op.getSizes())) {
    Tensor out = uninitializedResultFor(op, i);
    copyView(out, in, offset * inStrides[axis], inStrides);
    results.push_back(std::move(out));
    offset += size;
  }
  return success();
}

LogicalResult sliceKernel(SliceOp op, Operands operands, Results &results) {
  const Tensor &in = *operands[0];
  auto inStrides = stridesOf(in.getShape());
  llvm::ArrayRef<int64_t> starts = op.getStarts(), steps = op.getSteps();
  Tensor out = uninitializedResultFor(op);
  if (out.getNumElements() == 0) {
    results.push_back(std::move(out));
    return success();
  }
  int64_t base = 0;
  llvm::SmallVector<int64_t> strides;
  for (int64_t d = 0, r = in.getRank(); d < r; ++d) {
    base += starts[d] * inStrides[d];
    strides.push_back(steps[d] * inStrides[d]);
  }
  copyView(out, in, base, strides);
  results.push_back(std::move(out));
  return success();
}

LogicalResult gatherKernel(GatherOp op, Operands operands, Results &results) {
  const Tensor &data = *operands[0], &indices = *operands[1];
  int64_t rank = data.getRank();
  int64_t axis = axisIn(op.getAxis(), rank);
  int64_t dim = data.getShape()[axis], count = indices.getNumElements();
  llvm::SmallVector<int64_t> rows(count);
  for (int64_t k = 0; k < count; ++k) {
    double v = indices.getAsDouble(k);
    if (v < -dim || v >= dim)
      return op.emitError("index ") << int64_t(v) << " is out of range for "
                                    << "dimension " << dim;
    rows[k] = v < 0 ? static_cast<int64_t>(v) + dim : static_cast<int64_t>(v);
  }
  // The result is (outer, indices..., inner): one block of `inner`
  // elements per (outer, index) pair.
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis)
      (d < axis ? outer : inner) *= data.getShape()[d];
  Tensor out = uninitializedResultFor(op);
  int64_t block = inner * interp::elementBytes(data.getElementType());
  const char *src = data.bytes().data();
  char *dst = out.bytes().data();
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < count; ++k)
      std::memcpy(dst + (o * count + k) * block,
                  src + (o * dim + rows[k]) * block, block);
  results.push_back(std::move(out));
  return success();
}

LogicalResult padKernel(PadOp op, Operands operands, Results &results) {
  const Tensor &in = *operands[0];
  int64_t rank = in.getRank();
  llvm::ArrayRef<int64_t> pads = op.getPads();
  auto inStrides = stridesOf(in.getShape());
  StringRef mode = op.getMode();
  Tensor out = gatherElements(resultFor(op), in, [&](llvm::ArrayRef<int64_t> idx) {
    int64_t i = 0;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t n = in.getShape()[d], p = idx[d] - pads[d];
      if (p < 0 || p >= n) {
        if (mode == "constant")
          return int64_t(-1);
        if (mode == "edge")
          p = p < 0 ? 0 : n - 1;
        else // reflect, without repeating the edge
          p = p < 0 ? -p : 2 * (n - 1) - p;
      }
      i += p * inStrides[d];
    }
    return i;
  });
  // Constant padding: fill the positions gatherElements skipped.
  if (mode == "constant") {
    auto outStrides = stridesOf(out.getShape());
    double value = op.getValue().convertToDouble();
    for (int64_t o = 0, n = out.getNumElements(); o < n; ++o) {
      bool outside = false;
      for (int64_t d = 0; d < rank; ++d) {
        int64_t p = (o / outStrides[d]) % out.getShape()[d] - pads[d];
        outside |= p < 0 || p >= in.getShape()[d];
      }
      if (outside)
        out.setFromDouble(o, value);
    }
  }
  results.push_back(std::move(out));
  return success();
}

NN_KERNEL_MODEL(ReshapeOp, reshapeKernel)
NN_KERNEL_MODEL(TransposeOp, transposeKernel)
NN_KERNEL_MODEL(ConcatOp, concatKernel)
NN_KERNEL_MODEL(SplitOp, splitKernel)
NN_KERNEL_MODEL(SliceOp, sliceKernel)
NN_KERNEL_MODEL(GatherOp, gatherKernel)
NN_KERNEL_MODEL(PadOp, padKernel)

} // namespace

void nn::registerMovementKernels(MLIRContext *ctx) {
  ReshapeOp::attachInterface<ReshapeOpEvaluate>(*ctx);
  TransposeOp::attachInterface<TransposeOpEvaluate>(*ctx);
  ConcatOp::attachInterface<ConcatOpEvaluate>(*ctx);
  SplitOp::attachInterface<SplitOpEvaluate>(*ctx);
  SliceOp::attachInterface<SliceOpEvaluate>(*ctx);
  GatherOp::attachInterface<GatherOpEvaluate>(*ctx);
  PadOp::attachInterface<PadOpEvaluate>(*ctx);
}
