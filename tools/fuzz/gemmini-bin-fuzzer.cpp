//===- gemmini-bin-fuzzer.cpp - libFuzzer target for program files --------===//
//
// Feeds arbitrary bytes to the program-file importer (--import-gemmini-bin)
// and prints what it accepts as tessel-translate would, as IR and as an
// assembly listing. Any crash, sanitizer report, leak or timeout is a bug.
//
//===----------------------------------------------------------------------===//

#include "FuzzContext.h"

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"
#include "tessel/Target/Gemmini/GemminiTranslate.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext *context =
      mlir::tessel::fuzz::nextContext([](mlir::DialectRegistry &r) {
        r.insert<mlir::tessel::gemmini::GemminiDialect,
                 mlir::func::FuncDialect>();
      });
  llvm::StringRef buffer(reinterpret_cast<const char *>(data), size);
  auto module =
      mlir::tessel::gemmini::readBinary(buffer, "fuzz.bin", context);
  if (!module)
    return 0;
  module->print(llvm::nulls());
  (void)mlir::tessel::gemmini::writeAssembly(*module, llvm::nulls());
  (void)mlir::tessel::gemmini::writeBinary(*module, llvm::nulls());
  return 0;
}
