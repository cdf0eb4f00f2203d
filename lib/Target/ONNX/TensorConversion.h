//===- TensorConversion.h - ONNX tensors and types to MLIR ------*- C++ -*-===//
#ifndef TESSEL_LIB_TARGET_ONNX_TENSORCONVERSION_H
#define TESSEL_LIB_TARGET_ONNX_TENSORCONVERSION_H

#include "Literal.h"

#include "tessel/Target/ONNX/ONNXImporter.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "onnx/onnx_pb.h"

#include <string>

namespace mlir::tessel::onnx_import {

/// The MLIR element type of an ONNX TensorProto data type, or null.
/// Signed integers are signless, unsigned integers unsigned, bool is i1.
Type elementTypeOf(MLIRContext *ctx, int32_t onnxType);

/// Human-readable name of an ONNX data type ("FLOAT", "STRING", ...).
std::string dataTypeName(int32_t onnxType);

/// The tensor's elements in MLIR's raw layout (little endian, one byte per
/// bool). External data is read relative to `baseDir`.
llvm::LogicalResult tensorBytes(const onnx::TensorProto &tensor,
                                llvm::StringRef baseDir,
                                std::vector<char> &bytes, std::string &error);

/// An attribute holding the tensor: dense_resource above `resourceThreshold`
/// elements, dense otherwise.
llvm::FailureOr<ElementsAttr> tensorToAttr(MLIRContext *ctx,
                                           const onnx::TensorProto &tensor,
                                           llvm::StringRef baseDir,
                                           int64_t resourceThreshold,
                                           std::string &error);

/// A compile-time literal of the tensor (for small tensors).
llvm::FailureOr<Literal> tensorToLiteral(MLIRContext *ctx,
                                         const onnx::TensorProto &tensor,
                                         llvm::StringRef baseDir,
                                         std::string &error);

} // namespace mlir::tessel::onnx_import

#endif // TESSEL_LIB_TARGET_ONNX_TENSORCONVERSION_H
