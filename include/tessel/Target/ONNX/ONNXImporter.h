//===- ONNXImporter.h - ONNX model to nn dialect ----------------*- C++ -*-===//
//
// Reads a binary .onnx or a textual .onnxtext model, runs ONNX's checker and
// shape inference, and builds `func.func @main` of nn operations. Every error
// is reported through the context's diagnostic engine at the location of the
// ONNX node it concerns; the import then returns null.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TARGET_ONNX_ONNXIMPORTER_H
#define TESSEL_TARGET_ONNX_ONNXIMPORTER_H

#include "tessel/Interpreter/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>

namespace mlir::tessel {

struct ONNXImportOptions {
  /// Pinned shapes for graph inputs (dynamic or symbolic dimensions).
  std::map<std::string, llvm::SmallVector<int64_t>> inputShapes;
  /// Graph inputs bound to constant values (ONNX TensorProto .pb files):
  /// they become initializers, as when an exporter folds them in.
  std::map<std::string, std::string> frozenInputs;
  /// Constants with more elements than this become dense_resource blobs.
  int64_t resourceThreshold = 64;
  /// Run ONNX's model checker before import.
  bool runChecker = true;
  /// Cross-check tessel's types with ONNX's shape inference after import.
  bool runShapeInference = true;
};

/// Imports the model at `path`. Returns null after emitting diagnostics.
OwningOpRef<ModuleOp> importONNXModel(llvm::StringRef path, MLIRContext *context,
                                      const ONNXImportOptions &options);

/// Imports a model held in memory (binary protobuf, or ONNX text when
/// `isText`). `name` is used in locations; external data is resolved relative
/// to `baseDir`.
OwningOpRef<ModuleOp> importONNXModelFromBuffer(
    llvm::StringRef buffer, bool isText, llvm::StringRef name,
    llvm::StringRef baseDir, MLIRContext *context,
    const ONNXImportOptions &options);

/// Reads an ONNX TensorProto file (.pb, as in ONNX's test data) as a tensor.
FailureOr<interp::Tensor> readTensorProto(llvm::StringRef path,
                                          MLIRContext *ctx, std::string &error);

/// Parses a TensorProto held in `buffer`; `name` prefixes errors and
/// external data is resolved relative to `baseDir`.
FailureOr<interp::Tensor> parseTensorProto(llvm::StringRef buffer,
                                           llvm::StringRef name,
                                           llvm::StringRef baseDir,
                                           MLIRContext *ctx,
                                           std::string &error);

/// Parses "name=path.pb" into `options.frozenInputs`.
llvm::LogicalResult parseFrozenInput(llvm::StringRef spec,
                                     ONNXImportOptions &options,
                                     std::string &error);

/// Parses "name=1x3x224x224" into `options.inputShapes`.
llvm::LogicalResult parseInputShape(llvm::StringRef spec,
                                    ONNXImportOptions &options,
                                    std::string &error);

} // namespace mlir::tessel

#endif // TESSEL_TARGET_ONNX_ONNXIMPORTER_H
