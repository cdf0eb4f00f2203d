//===- GemminiDialect.h - the gemmini instruction dialect -------*- C++ -*-===//
#ifndef TESSEL_DIALECT_GEMMINI_IR_GEMMINIDIALECT_H
#define TESSEL_DIALECT_GEMMINI_IR_GEMMINIDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include <array>

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h.inc"
#include "tessel/Dialect/Gemmini/IR/GemminiEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "tessel/Dialect/Gemmini/IR/GemminiAttrs.h.inc"

namespace mlir::tessel::gemmini {

/// Gemmini's default configuration.
TargetAttr getDefaultTarget(MLIRContext *ctx);

/// A target from a preset name and field overrides:
/// "gemmini-default", "gemmini-dim8:acc_rows=512,dram_latency=80". Returns
/// null with `error` set for an unknown preset or field, or a value the
/// target's verifier rejects.
TargetAttr parseTargetSpec(MLIRContext *ctx, llvm::StringRef spec,
                           std::string &error);

/// The preset names.
llvm::ArrayRef<llvm::StringRef> getTargetPresetNames();

/// `#gemmini.target<...>` with every parameter, defaults included.
void printTargetInFull(llvm::raw_ostream &os, TargetAttr target);

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_IR_GEMMINIDIALECT_H
