//===- TensorSources.h - the float tensors tessel-quant measures -*- C++ -*-===//
//
// A tensor of an .npy file, or the weights of an ONNX model: the float
// initializers its graph uses, named after the node that holds them.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TOOLS_TESSEL_QUANT_TENSORSOURCES_H
#define TESSEL_TOOLS_TESSEL_QUANT_TENSORSOURCES_H

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace mlir::tessel::quanttool {

struct NamedTensor {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<float> values;
};

/// The float tensor of the .npy file at `path`.
FailureOr<NamedTensor> readFloatNpy(MLIRContext &ctx, llvm::StringRef path,
                                    std::string &error);

/// The tensor of an .npy file, or every float weight (of two or more
/// elements) of an .onnx / .onnxtext model.
LogicalResult readTensors(MLIRContext &ctx, llvm::StringRef path,
                          std::vector<NamedTensor> &out, std::string &error);

} // namespace mlir::tessel::quanttool

#endif // TESSEL_TOOLS_TESSEL_QUANT_TENSORSOURCES_H
