//===- Interpreter.h - the reference interpreter ----------------*- C++ -*-===//
//
// Executes a function op by op through EvaluateOpInterface. Every level of
// tessel's pipeline plugs its semantics in through that interface, so a
// lowering can be checked by running the IR before and after it.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_INTERPRETER_INTERPRETER_H
#define TESSEL_INTERPRETER_INTERPRETER_H

#include "tessel/Interpreter/KernelCache.h"
#include "tessel/Interpreter/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <chrono>
#include <functional>
#include <map>
#include <string>

namespace mlir::tessel::interp {

struct RunOptions {
  /// Called with every value an operation produces (for dumping
  /// intermediates); null to skip.
  std::function<void(Operation *, unsigned, const Tensor &)> onResult;
  /// Accumulates time per operation name when set.
  std::map<std::string, std::chrono::duration<double>> *timePerOp = nullptr;
  /// Kernel state kept across runs of the same function (see KernelCache);
  /// null for a cache that lives for this run only.
  KernelCache *cache = nullptr;
};

/// Runs `func` on `args`. Errors are emitted at the failing operation.
FailureOr<llvm::SmallVector<Tensor>> run(func::FuncOp func,
                                         llvm::ArrayRef<Tensor> args,
                                         const RunOptions &options = {});

} // namespace mlir::tessel::interp

#endif // TESSEL_INTERPRETER_INTERPRETER_H
