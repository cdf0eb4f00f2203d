//===- Passes.h - qt passes -------------------------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_QT_TRANSFORMS_PASSES_H
#define TESSEL_DIALECT_QT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessel::qt {

#define GEN_PASS_DECL
#include "tessel/Dialect/QT/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tessel/Dialect/QT/Transforms/Passes.h.inc"

} // namespace mlir::tessel::qt

#endif // TESSEL_DIALECT_QT_TRANSFORMS_PASSES_H
