//===- InitAllDialects.h - every dialect tessel tools load ------*- C++ -*-===//
#ifndef TESSEL_INITALLDIALECTS_H
#define TESSEL_INITALLDIALECTS_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessel {
/// Registers tessel's dialects, their interpreter semantics, and the
/// upstream dialects the pipeline uses.
void registerAllDialects(DialectRegistry &registry);
/// Registers tessel's passes and the upstream ones its pipeline uses.
void registerAllPasses();
} // namespace mlir::tessel

#endif // TESSEL_INITALLDIALECTS_H
