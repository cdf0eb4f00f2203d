//===- Inputs.h - tessel-run's inputs: files matched to arguments -*- C++ -*-===//
//
// `--input name=file` pairs, read as NumPy .npy or ONNX TensorProto .pb, and
// matched to a function's arguments by their ONNX names (`onnx.name`, or
// arg0, arg1, ... without one). A missing, extra, mis-shaped or mis-typed
// input is an error naming it.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_INPUTS_H
#define TESSEL_TOOLS_TESSEL_RUN_INPUTS_H

#include "tessel/Interpreter/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <map>
#include <string>

namespace mlir::tessel::run {

/// Input files by name.
using InputFiles = std::map<std::string, std::string>;

/// Parses `name=file` specs; each name may be given once.
FailureOr<InputFiles> parseInputSpecs(llvm::ArrayRef<std::string> specs,
                                      std::string &error);

/// Reads `path`: a .pb file as an ONNX TensorProto, anything else as .npy.
FailureOr<interp::Tensor> readInput(llvm::StringRef path, MLIRContext *ctx,
                                    std::string &error);

/// `t` as the IR prints it, for messages.
std::string typeName(Type t);

/// The ONNX name of `func`'s argument or result `i` (argN / resultN
/// without one).
std::string argumentName(func::FuncOp func, unsigned i);
std::string resultName(func::FuncOp func, unsigned i);

/// The tensors for `func`'s arguments, read from `files` by argument name
/// and checked against the argument types. Every argument needs a file and
/// every file must name an argument.
FailureOr<llvm::SmallVector<interp::Tensor>>
readFunctionInputs(func::FuncOp func, const InputFiles &files,
                   std::string &error);

} // namespace mlir::tessel::run

#endif // TESSEL_TOOLS_TESSEL_RUN_INPUTS_H
