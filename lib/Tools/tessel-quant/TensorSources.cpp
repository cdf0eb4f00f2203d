//===- TensorSources.cpp - the float tensors tessel-quant measures --------===//

#include "tessel/Tools/tessel-quant/TensorSources.h"
#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Interpreter/Tensor.h"
#include "tessel/Support/Npy.h"
#include "tessel/Target/ONNX/ONNXImporter.h"

#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::quanttool;
using interp::Tensor;

static NamedTensor toFloats(std::string name, const Tensor &t) {
  NamedTensor n{std::move(name), {t.getShape().begin(), t.getShape().end()},
                std::vector<float>(t.getNumElements())};
  for (int64_t i = 0; i < t.getNumElements(); ++i)
    n.values[i] = float(t.getAsDouble(i));
  return n;
}

FailureOr<NamedTensor> quanttool::readFloatNpy(MLIRContext &ctx,
                                               llvm::StringRef path,
                                               std::string &error) {
  auto t = readNpy(path, &ctx, error);
  if (failed(t))
    return failure();
  if (!isa<FloatType>(t->getElementType())) {
    error = path.str() + ": expected a float tensor";
    return failure();
  }
  return toFloats(path.str(), *t);
}

LogicalResult quanttool::readTensors(MLIRContext &ctx, llvm::StringRef path,
                                     std::vector<NamedTensor> &out,
                                     std::string &error) {
  if (!path.ends_with(".onnx") && !path.ends_with(".onnxtext")) {
    auto t = readFloatNpy(ctx, path, error);
    if (failed(t))
      return failure();
    out.push_back(std::move(*t));
    return success();
  }
  ONNXImportOptions options;
  options.runShapeInference = false;
  OwningOpRef<ModuleOp> module = importONNXModel(path, &ctx, options);
  if (!module) {
    error = "cannot import " + path.str();
    return failure();
  }
  bool ok = true;
  module->walk([&](nn::ConstantOp op) {
    auto type = cast<RankedTensorType>(op.getType());
    // Weights, not the small constants of shapes and scalars.
    if (!isa<FloatType>(type.getElementType()) || type.getNumElements() < 2)
      return;
    auto t = Tensor::fromAttr(op.getValue());
    if (failed(t)) {
      ok = false;
      return;
    }
    std::string name = "constant";
    if (auto loc = dyn_cast<NameLoc>(op.getLoc()))
      name = loc.getName().str();
    out.push_back(toFloats(name, *t));
  });
  if (!ok)
    error = path.str() + ": cannot read a weight";
  return success(ok);
}
