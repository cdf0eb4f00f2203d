//===- GemminiTranslate.h - gemmini emission and import ---------*- C++ -*-===//
#ifndef TESSEL_TARGET_GEMMINI_GEMMINITRANSLATE_H
#define TESSEL_TARGET_GEMMINI_GEMMINITRANSLATE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::tessel::gemmini {

/// One line per instruction: mnemonic, funct7, rs1/rs2 in hex, fields.
LogicalResult writeAssembly(ModuleOp module, llvm::raw_ostream &os);
/// The program file of the module's single program (format in
/// GemminiTranslate.cpp and docs/gemmini.md).
LogicalResult writeBinary(ModuleOp module, llvm::raw_ostream &os);
OwningOpRef<ModuleOp> readBinary(llvm::StringRef data, llvm::StringRef name,
                                 MLIRContext *ctx);
/// C calling gemmini.h's macros, one statement per instruction.
LogicalResult writeC(ModuleOp module, llvm::raw_ostream &os);

/// Registers the translations with mlir-translate's registry.
void registerGemminiTranslations();

} // namespace mlir::tessel::gemmini

#endif // TESSEL_TARGET_GEMMINI_GEMMINITRANSLATE_H
