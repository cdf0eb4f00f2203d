//===- onnx-import-fuzzer.cpp - libFuzzer target for the ONNX importer ----===//
//
// Feeds arbitrary bytes to the importer: as ONNX text when they start with
// '<' or '#', as binary protobuf otherwise. Any crash, sanitizer report, leak
// or timeout is a bug; a rejected input is the expected outcome.
//
//===----------------------------------------------------------------------===//

#include "tessel/InitAllDialects.h"
#include "tessel/Target/ONNX/ONNXImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>
#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A context keeps every type, attribute and weight blob it has seen; a
  // fresh one every so often keeps memory flat over long runs.
  static std::unique_ptr<mlir::MLIRContext> context;
  static unsigned uses = 0;
  if (!context || ++uses % 2000 == 0) {
    mlir::DialectRegistry registry;
    mlir::tessel::registerAllDialects(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
    context->getDiagEngine().registerHandler(
        [](mlir::Diagnostic &) { return mlir::success(); });
  }
  llvm::StringRef buffer(reinterpret_cast<const char *>(data), size);
  bool isText = size > 0 && (data[0] == '<' || data[0] == '#');
  mlir::tessel::ONNXImportOptions options;
  // The target is tessel's code; libonnx's inference runs in a child process
  // (whose crashes tessel survives), which would only slow fuzzing.
  options.runShapeInference = false;
  auto module = mlir::tessel::importONNXModelFromBuffer(
      buffer, isText, "fuzz.onnx", "/nonexistent", context.get(), options);
  return 0;
}
