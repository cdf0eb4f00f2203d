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
#include "llvm/Support/JSON.h"

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace mlir::tessel::interp {

/// A named region of the memory an evaluation ran on (an accelerator
/// program's DRAM segment) with its bytes when the evaluation began and when
/// it ended.
struct MemoryRegion {
  std::string name;
  std::vector<uint8_t> start, end;
};

/// What an evaluation measured beyond its results and time: an accelerator
/// program's instructions, DRAM traffic and cycles. `data` is the machine
/// form (for JSON reports), `text` the lines `tessel-run --stats` prints,
/// `memory` the memory it ran on when RunOptions::reportMemory asks for it.
struct OpReport {
  llvm::json::Object data;
  std::string text;
  std::vector<MemoryRegion> memory;
};

struct RunOptions {
  /// Called with every value an operation produces (for dumping
  /// intermediates); null to skip.
  std::function<void(Operation *, unsigned, const Tensor &)> onResult;
  /// Accumulates time per operation name when set.
  std::map<std::string, std::chrono::duration<double>> *timePerOp = nullptr;
  /// Kernel state kept across runs of the same function (see KernelCache);
  /// null for a cache that lives for this run only.
  KernelCache *cache = nullptr;
  /// Receives the reports of evaluations that make one; null to skip.
  std::function<void(Operation *, OpReport)> onReport;
  /// Asks evaluations that run on a memory of their own (gemmini.call's
  /// DRAM) to put it in their reports: a copy of it per evaluation.
  bool reportMemory = false;
  /// Where evaluations that can trace their steps (an accelerator program,
  /// instruction by instruction) write them; null for none.
  llvm::raw_ostream *trace = nullptr;
};

/// The options of the innermost interp::run in progress on this thread, for
/// evaluations that report or trace (see RunOptions); null outside a run.
const RunOptions *activeRunOptions();

/// For the evaluation in progress on this thread: `operand`, one of the
/// tensors it was given, as a tensor it may overwrite or move its result
/// from, when the run reads it no more (the op is its value's last reader
/// and reads it once; not a function argument, not a constant's borrowed
/// elements); null otherwise. An elementwise op then writes in place
/// instead of filling a fresh buffer.
Tensor *donatedOperand(const Tensor *operand);

/// Runs `func` on `args`. Errors are emitted at the failing operation.
FailureOr<llvm::SmallVector<Tensor>> run(func::FuncOp func,
                                         llvm::ArrayRef<Tensor> args,
                                         const RunOptions &options = {});

} // namespace mlir::tessel::interp

#endif // TESSEL_INTERPRETER_INTERPRETER_H
