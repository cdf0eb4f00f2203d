//===- Passes.h - gemmini passes --------------------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_GEMMINI_TRANSFORMS_PASSES_H
#define TESSEL_DIALECT_GEMMINI_TRANSFORMS_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessel::gemmini {

#define GEN_PASS_DECL
#include "tessel/Dialect/Gemmini/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tessel/Dialect/Gemmini/Transforms/Passes.h.inc"

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_TRANSFORMS_PASSES_H
