//===- SourceModule.h - a module with the lines it was parsed from -*- C++ -*-===//
//
// --compare names the layer where two modules part by its line in each
// file. An op written with loc("conv1") keeps only that name, so its line
// comes from the parser's own record of where each op was defined
// (AsmParserState), kept only when asked for.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_SOURCEMODULE_H
#define TESSEL_TOOLS_TESSEL_RUN_SOURCEMODULE_H

#include "mlir/AsmParser/AsmParserState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <optional>
#include <string>

namespace mlir::tessel::run {

struct SourceModule {
  std::string path;
  llvm::SourceMgr sourceMgr;
  /// Where each op was defined; absent unless asked for, and for bytecode.
  std::optional<AsmParserState> lines;
  OwningOpRef<ModuleOp> module;

  /// "file:line" of `op`: its definition in the text, else the file and
  /// line its location carries, else "".
  std::string where(Operation *op) const;
};

/// Parses `path` (text or bytecode). A file that cannot be read sets
/// `error`; parse and verifier errors go to `ctx`'s diagnostic handler.
/// Either way the result is null.
std::unique_ptr<SourceModule> parseSourceModule(llvm::StringRef path,
                                                MLIRContext *ctx,
                                                bool withLines,
                                                std::string &error);

/// Parses `buffer` (null-terminated, as MLIR's parser needs), named by its
/// identifier; parse and verifier errors go to `ctx`'s diagnostic handler.
std::unique_ptr<SourceModule>
parseSourceBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer, MLIRContext *ctx,
                  bool withLines);

} // namespace mlir::tessel::run

#endif // TESSEL_TOOLS_TESSEL_RUN_SOURCEMODULE_H
