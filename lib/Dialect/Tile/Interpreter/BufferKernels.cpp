//===- BufferKernels.cpp - semantics of the explicit tiled form -----------===//
//
// Buffers are tensors like any other at run time: a load copies a window
// of its source's matrix view, a store writes one back through Gemmini's
// scaler (GemminiArithmetic.h), a product accumulates in wrapping int32.
// A store and a product write into their region or accumulator operand
// when the run no longer needs it (a layer's chain of stores), instead of
// copying it first.
//
//===----------------------------------------------------------------------===//

#include "BufferKernels.h"

#include "tessel/Dialect/Gemmini/IR/GemminiArithmetic.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"
#include "tessel/Interpreter/Interpreter.h"

#include <cstring>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;
using interp::Tensor;

namespace {

using Operands = llvm::ArrayRef<const Tensor *>;
using Results = llvm::SmallVectorImpl<Tensor>;

/// `operand` itself when the run no longer needs it, else a copy.
Tensor reuse(const Tensor *operand) {
  if (Tensor *t = interp::donatedOperand(operand))
    return std::move(*t);
  return *operand;
}

LogicalResult dramKernel(DramOp op, Operands, Results &results) {
  results.push_back(Tensor(op.getResult().getType()));
  return success();
}

LogicalResult loadKernel(LoadOp op, Operands operands, Results &results) {
  auto type = cast<RankedTensorType>(op.getResult().getType());
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  int64_t size = interp::elementBytes(type.getElementType());
  int64_t srcCols = op.getSource().getType().getShape().back();
  const char *src = operands[0]->data<char>();
  int64_t r = op.getOffsets()[0], c = op.getOffsets()[1];
  Tensor out = Tensor::uninitialized(type);
  char *o = out.data<char>();
  for (int64_t i = 0; i < rows; ++i) {
    int64_t from = op.getBroadcast() ? r : r + i;
    std::memcpy(o + i * cols * size, src + (from * srcCols + c) * size,
                size_t(cols * size));
  }
  results.push_back(std::move(out));
  return success();
}

LogicalResult computeKernel(ComputeOp op, Operands operands,
                            Results &results) {
  RankedTensorType type = op.getResult().getType();
  int64_t m = type.getDimSize(0), n = type.getDimSize(1),
          k = op.getA().getType().getDimSize(1);
  Tensor out = op.getAcc() ? reuse(operands[2]) : Tensor(type);
  const int8_t *a = operands[0]->data<int8_t>();
  const int8_t *b = operands[1]->data<int8_t>();
  uint32_t *acc = out.data<uint32_t>();
  for (int64_t i = 0; i < m; ++i)
    for (int64_t kk = 0; kk < k; ++kk) {
      int32_t x = a[i * k + kk];
      if (!x)
        continue;
      for (int64_t j = 0; j < n; ++j)
        acc[i * n + j] += uint32_t(x * int32_t(b[kk * n + j]));
    }
  results.push_back(std::move(out));
  return success();
}

LogicalResult storeKernel(StoreOp op, Operands operands, Results &results) {
  ArrayRef<int64_t> shape = op.getAcc().getType().getShape();
  int64_t rows = shape[0], cols = shape[1];
  int64_t destCols = op.getDest().getType().getShape().back();
  int64_t at = op.getOffsets()[0] * destCols + op.getOffsets()[1];
  const int32_t *acc = operands[0]->data<int32_t>();
  Tensor out = reuse(operands[1]);
  std::optional<APFloat> scale = op.getAccScale();
  bool relu = op.getActivation() == Activation::relu;
  for (int64_t i = 0; i < rows; ++i) {
    const int32_t *from = acc + i * cols;
    if (scale) {
      float s = scale->convertToFloat();
      int8_t *to = out.data<int8_t>() + at + i * destCols;
      for (int64_t j = 0; j < cols; ++j)
        to[j] = gemmini::storeInt8(from[j], s, relu);
    } else {
      std::memcpy(out.data<int32_t>() + at + i * destCols, from,
                  size_t(cols) * sizeof(int32_t));
    }
  }
  results.push_back(std::move(out));
  return success();
}

} // namespace

void mlir::tessel::tile::registerBufferKernels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, TileDialect *) {
    DramOp::attachInterface<interp::KernelModel<DramOp, dramKernel>>(*ctx);
    LoadOp::attachInterface<interp::KernelModel<LoadOp, loadKernel>>(*ctx);
    ComputeOp::attachInterface<interp::KernelModel<ComputeOp, computeKernel>>(
        *ctx);
    StoreOp::attachInterface<interp::KernelModel<StoreOp, storeKernel>>(*ctx);
  });
}
