//===- SourceModule.cpp - a module with the lines it was parsed from ------===//

#include "tessel/Tools/tessel-run/SourceModule.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Bytecode/BytecodeReader.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Location.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
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

namespace {

/// MLIR's parser reads a hex resource blob's first 4 bytes as its
/// alignment and refuses those that are not a power of two, except 0, for
/// which it asks the allocator for alignment 0 (an abort). Such blobs in
/// the text's dialect_resources are refused here first, at the blob.
LogicalResult checkResourceBlobs(const llvm::SourceMgr &sourceMgr,
                                 StringRef path, MLIRContext *ctx) {
  StringRef text = sourceMgr.getMemoryBuffer(1)->getBuffer();
  size_t start = text.rfind("{-#");
  if (start == StringRef::npos)
    return success();
  size_t resources = text.find("dialect_resources", start);
  if (resources == StringRef::npos)
    return success();
  StringRef rest = text.drop_front(resources);
  rest = rest.take_front(rest.find("#-}"));
  for (size_t at = rest.find("\"0x"); at != StringRef::npos;
       at = rest.find("\"0x", at + 3)) {
    StringRef hex = rest.drop_front(at + 3).take_front(8);
    if (hex.size() < 8 || !llvm::all_of(hex, llvm::isHexDigit))
      continue; // MLIR's parser reports it.
    if (hex != "00000000")
      continue;
    llvm::SMLoc loc = llvm::SMLoc::getFromPointer(rest.data() + at);
    auto [line, col] = sourceMgr.getLineAndColumn(loc, 1);
    return emitError(FileLineColLoc::get(ctx, path, line, col))
           << "resource blob's alignment (its first 4 bytes) is 0; it "
              "must be a power of two";
  }
  return success();
}

} // namespace

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
  bool bytecode = isBytecode(buffer->getMemBufferRef());
  if (!bytecode &&
      failed(checkResourceBlobs(source->sourceMgr, source->path, ctx)))
    return nullptr;
  if (!withLines || bytecode) {
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
