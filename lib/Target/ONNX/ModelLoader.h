//===- ModelLoader.h - parse, check and shape-infer ONNX models -*- C++ -*-===//
#ifndef TESSEL_LIB_TARGET_ONNX_MODELLOADER_H
#define TESSEL_LIB_TARGET_ONNX_MODELLOADER_H

#include "tessel/Target/ONNX/ONNXImporter.h"

#include "onnx/onnx_pb.h"

#include <string>

namespace mlir::tessel::onnx_import {

/// Parses `buffer` (binary protobuf or ONNX text), pins the input shapes of
/// `options`, runs ONNX's checker and shape inference. libonnx reports
/// problems with exceptions; they end here, as `error`.
llvm::LogicalResult loadModel(llvm::StringRef buffer, bool isText,
                              llvm::StringRef baseDir,
                              const ONNXImportOptions &options,
                              onnx::ModelProto &model, std::string &error);

} // namespace mlir::tessel::onnx_import

#endif // TESSEL_LIB_TARGET_ONNX_MODELLOADER_H
