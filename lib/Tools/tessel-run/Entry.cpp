//===- Entry.cpp - the function tessel-run runs and its arguments ---------===//

#include "tessel/Tools/tessel-run/Entry.h"
#include "tessel/Tools/tessel-run/ProgramHost.h"

using namespace mlir;
using namespace mlir::tessel;

FailureOr<run::Entry>
run::loadEntry(ModuleOp module, llvm::StringRef file, llvm::StringRef name,
               const InputFiles &files, std::string &error,
               llvm::function_ref<LogicalResult(func::FuncOp, std::string &)>
                   check) {
  if (auto program = module.lookupSymbol<gemmini::ProgramOp>(name)) {
    // A program's host function exists only once its inputs are read.
    auto host = buildProgramHost(program, files, error);
    if (failed(host) || (check && failed(check(host->func, error))))
      return failure();
    return host;
  }
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (!func) {
    error = ("no function or gemmini program '" + name + "' in " + file).str();
    return failure();
  }
  if (func.isDeclaration()) {
    error = ("'" + name + "' in " + file +
             " is a declaration, with no body to run")
                .str();
    return failure();
  }
  if (check && failed(check(func, error)))
    return failure();
  auto args = readFunctionInputs(func, files, error);
  if (failed(args))
    return failure();
  return Entry{func, std::move(*args)};
}
