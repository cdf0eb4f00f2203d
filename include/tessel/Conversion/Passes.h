//===- Passes.h - conversions between tessel's dialects ---------*- C++ -*-===//
#ifndef TESSEL_CONVERSION_PASSES_H
#define TESSEL_CONVERSION_PASSES_H

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"
#include "tessel/Dialect/NN/IR/NNDialect.h"
#include "tessel/Dialect/QT/IR/QTDialect.h"
#include "tessel/Dialect/Tile/IR/TileDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessel {

#define GEN_PASS_DECL
#include "tessel/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tessel/Conversion/Passes.h.inc"

} // namespace mlir::tessel

#endif // TESSEL_CONVERSION_PASSES_H
