//===- ModelLoader.h - parse, check and shape-infer ONNX models -*- C++ -*-===//
#ifndef TESSEL_LIB_TARGET_ONNX_MODELLOADER_H
#define TESSEL_LIB_TARGET_ONNX_MODELLOADER_H

#include "tessel/Target/ONNX/ONNXImporter.h"

#include "onnx/onnx_pb.h"

#include <string>

namespace mlir::tessel::onnx_import {

/// The newest default-domain opset libonnx defines: its checker, schemas
/// and shape inference know nothing later.
inline constexpr int64_t kLibraryOpset = 17;

/// Parses `buffer` (binary protobuf or ONNX text), pins and freezes the
/// inputs named in `options` and runs ONNX's checker (on models up to
/// kLibraryOpset). libonnx reports problems with exceptions; they end here,
/// as `error`.
llvm::LogicalResult loadModel(llvm::StringRef buffer, bool isText,
                              llvm::StringRef baseDir,
                              const ONNXImportOptions &options,
                              onnx::ModelProto &model, std::string &error);

/// Checks `node` against its ONNX schema at `opset` (input and output counts,
/// attribute types), as the checker does, so converters can rely on it even
/// when the checker is skipped.
llvm::LogicalResult verifyNodeSchema(const onnx::NodeProto &node,
                                     int64_t opset, std::string &error);

/// Whether the default-domain operator `opType` has the same schema (the
/// same since-version) at opsets `a` and `b`: its definition did not change
/// in between.
bool sameSchema(const std::string &opType, int64_t a, int64_t b);

/// Runs ONNX's shape inference, filling the graph's value_info. It runs only
/// on models tessel has imported, and in a child process: libonnx 1.12's
/// inference crashes on some models its own checker accepts (a
/// LayerNormalization with unused statistics outputs, for one). A crash sets
/// `crashed` and leaves the model as it was; a reported error fails.
llvm::LogicalResult inferShapes(onnx::ModelProto &model, std::string &error,
                                bool &crashed);

} // namespace mlir::tessel::onnx_import

#endif // TESSEL_LIB_TARGET_ONNX_MODELLOADER_H
