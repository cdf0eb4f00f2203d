//===- onnx-import-fuzzer.cpp - libFuzzer target for the ONNX importer ----===//
//
// Feeds arbitrary bytes to the importer: as ONNX text when they start with
// '<' or '#', as binary protobuf otherwise. Any crash, sanitizer report, leak
// or timeout is a bug; a rejected input is the expected outcome.
//
//===----------------------------------------------------------------------===//

#include "FuzzContext.h"

#include "tessel/InitAllDialects.h"
#include "tessel/Target/ONNX/ONNXImporter.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext *context = mlir::tessel::fuzz::nextContext(
      [](mlir::DialectRegistry &r) { mlir::tessel::registerAllDialects(r); });
  llvm::StringRef buffer(reinterpret_cast<const char *>(data), size);
  bool isText = size > 0 && (data[0] == '<' || data[0] == '#');
  mlir::tessel::ONNXImportOptions options;
  // The target is tessel's code; libonnx's inference runs in a child process
  // (whose crashes tessel survives), which would only slow fuzzing.
  options.runShapeInference = false;
  auto module = mlir::tessel::importONNXModelFromBuffer(
      buffer, isText, "fuzz.onnx", "/nonexistent", context, options);
  return 0;
}
