//===- SourceModule.cpp - a module with the lines it was parsed from ------===//

#include "tessel/Tools/tessel-run/SourceModule.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Bytecode/BytecodeReader.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Location.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace mlir::tessel;

std::unique_ptr<run::SourceModule>
run::parseSourceModule(llvm::StringRef path, MLIRContext *ctx, bool withLines,
                       std::string &error) {
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/true);
  if (!file) {
    error = "cannot read '" + path.str() + "': " + file.getError().message();
    return nullptr;
  }
  return parseSourceBuffer(std::move(*file), ctx, withLines);
}

std::unique_ptr<run::SourceModule>
run::parseSourceBuffer(std::unique_ptr<llvm::MemoryBuffer> file,
                       MLIRContext *ctx, bool withLines) {
  auto source = std::make_unique<SourceModule>();
  source->path = file->getBufferIdentifier().str();
  source->sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  ParserConfig config(ctx);
  Block block;
  LogicalResult parsed = failure();
  const llvm::MemoryBuffer *buffer = source->sourceMgr.getMemoryBuffer(1);
  if (!withLines || isBytecode(buffer->getMemBufferRef())) {
    parsed = parseSourceFile(source->sourceMgr, &block, config);
  } else {
    source->lines.emplace();
    parsed = parseAsmSourceFile(source->sourceMgr, &block, config,
                                &*source->lines);
  }
  if (failed(parsed))
    return nullptr;
  source->module = detail::constructContainerOpForParserIfNecessary<ModuleOp>(
      &block, ctx, FileLineColLoc::get(ctx, source->path, 0, 0));
  if (!source->module)
    return nullptr;
  return source;
}

std::string run::SourceModule::where(Operation *op) const {
  if (lines)
    if (const auto *def = lines->getOpDef(op)) {
      unsigned line = sourceMgr.FindLineNumber(def->loc.Start);
      return path + ":" + std::to_string(line);
    }
  // Bytecode, or an op the file did not define (a program's host function).
  std::string where;
  op->getLoc()->walk([&](Location loc) {
    // Line 0 is the importer's: the ONNX file, with no line.
    auto file = dyn_cast<FileLineColLoc>(loc);
    if (file && file.getLine() != 0) {
      where = (file.getFilename().str() + ":" +
               std::to_string(file.getLine()));
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return where;
}
