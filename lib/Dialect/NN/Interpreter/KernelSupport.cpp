//===- KernelSupport.cpp - helpers of the nn kernels ----------------------===//

#include "Kernels.h"

#include "tessel/Dialect/NN/Interpreter/NNInterpreter.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"

using namespace mlir;
using namespace mlir::tessel;

llvm::SmallVector<int64_t> nn::stridesOf(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

llvm::SmallVector<int64_t>
nn::broadcastIndices(llvm::ArrayRef<int64_t> inShape,
                     llvm::ArrayRef<int64_t> outShape) {
  int64_t rank = outShape.size(), off = rank - inShape.size();
  llvm::SmallVector<int64_t> inStrides = stridesOf(inShape), step(rank, 0);
  for (int64_t d = 0; d < static_cast<int64_t>(inShape.size()); ++d)
    step[off + d] = inShape[d] == 1 ? 0 : inStrides[d];
  int64_t count = 1;
  for (int64_t d : outShape)
    count *= d;
  llvm::SmallVector<int64_t> indices(count);
  llvm::SmallVector<int64_t> idx(rank, 0);
  int64_t lin = 0;
  for (int64_t i = 0; i < count; ++i) {
    indices[i] = lin;
    // Increment the multi-index, maintaining the input offset.
    for (int64_t d = rank - 1; d >= 0; --d) {
      lin += step[d];
      if (++idx[d] < outShape[d])
        break;
      lin -= step[d] * outShape[d];
      idx[d] = 0;
    }
  }
  return indices;
}

nn::MatmulPlan nn::planMatmul(llvm::ArrayRef<int64_t> shapeA,
                              llvm::ArrayRef<int64_t> shapeB) {
  // 1-D operands are promoted to matrices; batch dimensions broadcast.
  llvm::SmallVector<int64_t> sa(shapeA), sb(shapeB);
  if (sa.size() == 1)
    sa.insert(sa.begin(), 1);
  if (sb.size() == 1)
    sb.push_back(1);
  llvm::ArrayRef<int64_t> batchA = llvm::ArrayRef(sa).drop_back(2),
                          batchB = llvm::ArrayRef(sb).drop_back(2);
  size_t rank = std::max(batchA.size(), batchB.size());
  llvm::SmallVector<int64_t> batch(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i + batchA.size() >= rank ? batchA[i + batchA.size() - rank] : 1;
    int64_t db = i + batchB.size() >= rank ? batchB[i + batchB.size() - rank] : 1;
    batch[i] = std::max(da, db);
  }
  return {sa[sa.size() - 2], sa.back(), sb.back(),
          broadcastIndices(batchA, batch), broadcastIndices(batchB, batch)};
}

void nn::registerInterpreterExternalModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, NNDialect *) {
    registerElementwiseKernels(ctx);
    registerLinearKernels(ctx);
    registerPoolingKernels(ctx);
    registerMovementKernels(ctx);
    registerNormalizationKernels(ctx);
    registerQuantKernels(ctx);
  });
}
