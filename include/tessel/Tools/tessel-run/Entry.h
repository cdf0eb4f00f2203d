//===- Entry.h - the function tessel-run runs and its arguments -*- C++ -*-===//
//
// The entry named by --entry: a function, or a gemmini program wrapped in a
// host function (ProgramHost.h), with its arguments read from the input
// files. One lookup for the module run and for --compare's reference.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_ENTRY_H
#define TESSEL_TOOLS_TESSEL_RUN_ENTRY_H

#include "tessel/Tools/tessel-run/Inputs.h"

#include "mlir/IR/BuiltinOps.h"

namespace mlir::tessel::run {

struct Entry {
  func::FuncOp func;
  /// The arguments read for it, in order.
  llvm::SmallVector<interp::Tensor> args;
};

/// Looks up `name` in `module` (parsed from `file`, for messages) and reads
/// its arguments from `files`. `check`, when given, sees the function
/// before a function's inputs are read, so that a caller's own mismatch
/// (--compare's signatures) is reported before an input's.
FailureOr<Entry>
loadEntry(ModuleOp module, llvm::StringRef file, llvm::StringRef name,
          const InputFiles &files, std::string &error,
          llvm::function_ref<LogicalResult(func::FuncOp, std::string &)>
              check = {});

} // namespace mlir::tessel::run

#endif // TESSEL_TOOLS_TESSEL_RUN_ENTRY_H
