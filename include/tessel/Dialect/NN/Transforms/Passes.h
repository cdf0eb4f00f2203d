//===- Passes.h - nn passes -------------------------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_NN_TRANSFORMS_PASSES_H
#define TESSEL_DIALECT_NN_TRANSFORMS_PASSES_H

#include "tessel/Dialect/NN/IR/NNDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessel::nn {

#define GEN_PASS_DECL
#include "tessel/Dialect/NN/Transforms/Passes.h.inc"

/// The batch-norm folding patterns (--nn-fold-batch-norm).
void populateFoldBatchNormPatterns(RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "tessel/Dialect/NN/Transforms/Passes.h.inc"

} // namespace mlir::tessel::nn

#endif // TESSEL_DIALECT_NN_TRANSFORMS_PASSES_H
