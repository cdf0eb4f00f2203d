//===- npy-fuzzer.cpp - libFuzzer target for the .npy reader --------------===//
//
// Feeds arbitrary bytes to parseNpy, the reader behind tessel-run's and
// tessel-quant's inputs, and writes back what it accepts. Any crash,
// sanitizer report, leak or timeout is a bug.
//
//===----------------------------------------------------------------------===//

#include "tessel/Support/Npy.h"

#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // Only builtin types are made; one context holds them all.
  static mlir::MLIRContext context;
  llvm::StringRef buffer(reinterpret_cast<const char *>(data), size);
  std::string error;
  auto tensor = mlir::tessel::parseNpy(buffer, &context, error);
  if (failed(tensor))
    return 0;
  // A file read is a file written: the data survives the round trip.
  auto written = mlir::tessel::toNpy(*tensor, error);
  if (failed(written))
    std::abort();
  auto back = mlir::tessel::parseNpy(*written, &context, error);
  if (failed(back) || back->getType() != tensor->getType() ||
      back->bytes() != tensor->bytes())
    std::abort();
  return 0;
}
