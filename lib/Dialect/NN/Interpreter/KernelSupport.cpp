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
