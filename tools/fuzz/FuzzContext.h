//===- FuzzContext.h - the MLIR context of a fuzz target ---------*- C++ -*-===//
#ifndef TESSEL_TOOLS_FUZZ_FUZZCONTEXT_H
#define TESSEL_TOOLS_FUZZ_FUZZCONTEXT_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>

namespace mlir::tessel::fuzz {

/// The context for the next input, its diagnostics dropped. A context keeps
/// every type, attribute and blob it has seen, so a fresh one every 2000
/// inputs keeps memory flat over long runs.
inline MLIRContext *
nextContext(llvm::function_ref<void(DialectRegistry &)> registerDialects) {
  static std::unique_ptr<MLIRContext> context;
  static unsigned uses = 0;
  if (!context || ++uses % 2000 == 0) {
    DialectRegistry registry;
    registerDialects(registry);
    context = std::make_unique<MLIRContext>(registry);
    context->getDiagEngine().registerHandler(
        [](Diagnostic &) { return success(); });
  }
  return context.get();
}

} // namespace mlir::tessel::fuzz

#endif // TESSEL_TOOLS_FUZZ_FUZZCONTEXT_H
