//===- Interpreter.cpp - the reference interpreter ------------------------===//

#include "tessel/Interpreter/Interpreter.h"
#include "tessel/Interpreter/EvaluateOpInterface.h"

#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace mlir::tessel::interp;

#include "tessel/Interpreter/EvaluateOpInterface.cpp.inc"

static thread_local const RunOptions *activeOptions = nullptr;

const RunOptions *mlir::tessel::interp::activeRunOptions() {
  return activeOptions;
}

/// The operands the op being evaluated on this thread may consume.
static thread_local llvm::ArrayRef<Tensor *> activeDonations;

Tensor *mlir::tessel::interp::donatedOperand(const Tensor *operand) {
  for (Tensor *t : activeDonations)
    if (t == operand)
      return t;
  return nullptr;
}

namespace {
/// Makes an op's consumable operands known while it evaluates (runs, and
/// so evaluations, may nest).
struct DonationScope {
  explicit DonationScope(llvm::ArrayRef<Tensor *> donations)
      : previous(activeDonations) {
    activeDonations = donations;
  }
  ~DonationScope() { activeDonations = previous; }
  llvm::ArrayRef<Tensor *> previous;
};

/// Makes a run's options active while it runs (runs may nest).
struct OptionsScope {
  explicit OptionsScope(const RunOptions &options) : previous(activeOptions) {
    activeOptions = &options;
  }
  ~OptionsScope() { activeOptions = previous; }
  const RunOptions *previous;
};
} // namespace

FailureOr<llvm::SmallVector<Tensor>>
mlir::tessel::interp::run(func::FuncOp func, llvm::ArrayRef<Tensor> args,
                          const RunOptions &options) {
  Region &body = func.getBody();
  if (!body.hasOneBlock())
    return func.emitError("the interpreter runs functions of one block");
  Block &block = body.front();
  if (block.getNumArguments() != args.size())
    return func.emitError("expects ") << block.getNumArguments()
                                      << " arguments, got " << args.size();
  // The last operation reading each value, so that its buffer is released
  // as soon as it is dead (which also lets the allocator reuse warm pages).
  llvm::DenseMap<Value, Operation *> lastUse;
  for (Operation &op : block)
    for (Value v : op.getOperands())
      lastUse[v] = &op;
  KernelCache runCache;
  KernelCache::Scope scope(options.cache ? *options.cache : runCache);
  OptionsScope optionsScope(options);
  llvm::DenseMap<Value, Tensor> values;
  for (auto [arg, tensor] : llvm::zip(block.getArguments(), args)) {
    if (arg.getType() != tensor.getType())
      return func.emitError("argument #")
             << arg.getArgNumber() << " expects " << arg.getType() << ", got "
             << tensor.getType();
    values[arg] = tensor;
  }
  for (Operation &op : block) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      llvm::SmallVector<Tensor> results;
      for (Value v : ret.getOperands())
        results.push_back(values.lookup(v));
      return results;
    }
    auto evaluable = dyn_cast<EvaluateOpInterface>(op);
    if (!evaluable)
      return op.emitError("the interpreter has no semantics for '")
             << op.getName() << "'";
    llvm::SmallVector<const Tensor *> operands;
    llvm::SmallVector<Tensor *, 4> donations;
    for (OpOperand &use : op.getOpOperands()) {
      Value v = use.get();
      Tensor &t = values[v];
      operands.push_back(&t);
      // Dead after this op, and this op reads it through one operand only.
      if (lastUse.lookup(v) == &op && !isa<BlockArgument>(v) && !t.isView() &&
          llvm::count(op.getOperands(), v) == 1)
        donations.push_back(&t);
    }
    llvm::SmallVector<Tensor> results;
    auto start = std::chrono::steady_clock::now();
    LogicalResult evaluated = [&] {
      // Applied already by the producer of its operand (a fused
      // activation): the operand is the result.
      if (const Encoding *e = operands.empty() ? nullptr
                                               : operands[0]->getEncoding();
          e && e->fusedInto == &op && op.getNumResults() == 1 &&
          op.getResult(0).getType() == operands[0]->getType()) {
        auto own = llvm::find(donations, operands[0]);
        results.push_back(own != donations.end() ? std::move(**own)
                                                 : *operands[0]);
        return success();
      }
      DonationScope scope(donations);
      return evaluable.evaluate(operands, results);
    }();
    if (failed(evaluated))
      return failure();
    if (options.timePerOp)
      (*options.timePerOp)[op.getName().getStringRef().str()] +=
          std::chrono::steady_clock::now() - start;
    if (results.size() != op.getNumResults())
      return op.emitError("evaluation produced ")
             << results.size() << " results for " << op.getNumResults();
    for (auto [value, tensor] : llvm::zip(op.getResults(), results)) {
      if (value.getType() != tensor.getType())
        return op.emitError("evaluation produced ")
               << tensor.getType() << " for a result of type "
               << value.getType();
      if (options.onResult)
        options.onResult(&op, cast<OpResult>(value).getResultNumber(), tensor);
      if (!value.use_empty())
        values[value] = std::move(tensor);
    }
    for (Value v : op.getOperands())
      if (lastUse.lookup(v) == &op)
        values.erase(v);
  }
  return func.emitError("the function has no return");
}
