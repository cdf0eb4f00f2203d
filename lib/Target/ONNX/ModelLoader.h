//===- ModelLoader.h - parse, check and shape-infer ONNX models -*- C++ -*-===//
#ifndef TESSEL_LIB_TARGET_ONNX_MODELLOADER_H
#define TESSEL_LIB_TARGET_ONNX_MODELLOADER_H

#include "tessel/Target/ONNX/ONNXImporter.h"

#include "onnx/onnx_pb.h"

#include <string>

namespace mlir::tessel::onnx_import {

/// Parses `buffer` (binary protobuf or ONNX text), pins and freezes the
/// inputs named in `options` and runs ONNX's checker. libonnx reports problems
/// with exceptions; they end here, as `error`.
llvm::LogicalResult loadModel(llvm::StringRef buffer, bool isText,
                              llvm::StringRef baseDir,
                              const ONNXImportOptions &options,
                              onnx::ModelProto &model, std::string &error);

/// Runs ONNX's shape inference, filling the graph's value_info. libonnx's
/// inference trusts attributes the checker does not bound (a LayerNormalization
/// axis, say), so it runs only on models tessel has already imported.
llvm::LogicalResult inferShapes(onnx::ModelProto &model, std::string &error);

} // namespace mlir::tessel::onnx_import

#endif // TESSEL_LIB_TARGET_ONNX_MODELLOADER_H
