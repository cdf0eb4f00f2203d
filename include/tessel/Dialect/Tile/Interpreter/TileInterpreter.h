//===- TileInterpreter.h - reference semantics of tile ops ------*- C++ -*-===//
#ifndef TESSEL_DIALECT_TILE_INTERPRETER_TILEINTERPRETER_H
#define TESSEL_DIALECT_TILE_INTERPRETER_TILEINTERPRETER_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessel::tile {
/// Attaches EvaluateOpInterface to every tile op: the array's integer
/// semantics (GemminiArithmetic.h) for the layers, exact data movement and
/// requantization for the host ops.
void registerInterpreterExternalModels(DialectRegistry &registry);
} // namespace mlir::tessel::tile

#endif // TESSEL_DIALECT_TILE_INTERPRETER_TILEINTERPRETER_H
