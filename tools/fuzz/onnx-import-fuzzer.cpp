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

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::MLIRContext *context = [] {
    mlir::DialectRegistry registry;
    mlir::tessel::registerAllDialects(registry);
    auto *ctx = new mlir::MLIRContext(registry);
    ctx->getDiagEngine().registerHandler(
        [](mlir::Diagnostic &) { return mlir::success(); });
    return ctx;
  }();
  llvm::StringRef buffer(reinterpret_cast<const char *>(data), size);
  bool isText = size > 0 && (data[0] == '<' || data[0] == '#');
  mlir::tessel::ONNXImportOptions options;
  auto module = mlir::tessel::importONNXModelFromBuffer(
      buffer, isText, "fuzz.onnx", "/nonexistent", context, options);
  return 0;
}
