//===- tensorproto-fuzzer.cpp - libFuzzer target for TensorProto files ----===//
//
// Feeds arbitrary bytes to parseTensorProto, the reader of tessel-run's .pb
// inputs and tessel-import-onnx's frozen inputs. External data resolves
// against a directory that does not exist. Any crash, sanitizer report,
// leak or timeout is a bug.
//
//===----------------------------------------------------------------------===//

#include "tessel/Target/ONNX/ONNXImporter.h"

#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // Only builtin types are made; one context holds them all.
  static mlir::MLIRContext context;
  llvm::StringRef buffer(reinterpret_cast<const char *>(data), size);
  std::string error;
  auto tensor = mlir::tessel::parseTensorProto(buffer, "fuzz.pb",
                                               "/nonexistent", &context, error);
  return 0;
}
