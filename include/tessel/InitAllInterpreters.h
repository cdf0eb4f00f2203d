//===- InitAllInterpreters.h - reference semantics of every op --*- C++ -*-===//
//
// The EvaluateOpInterface external models of every dialect, so that a tool
// can run what it loads (and passes such as calibration can run the IR they
// transform). Links the interpreter kernels (oneDNN, OpenMP) and the
// Gemmini simulator.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_INITALLINTERPRETERS_H
#define TESSEL_INITALLINTERPRETERS_H

#include "tessel/Dialect/Gemmini/Simulator/CallEvaluation.h"
#include "tessel/Dialect/NN/Interpreter/NNInterpreter.h"
#include "tessel/Dialect/QT/Interpreter/QTInterpreter.h"
#include "tessel/Dialect/Tile/Interpreter/TileInterpreter.h"

#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessel {

inline void registerAllInterpreters(DialectRegistry &registry) {
  nn::registerInterpreterExternalModels(registry);
  qt::registerInterpreterExternalModels(registry);
  gemmini::registerInterpreterExternalModels(registry);
  tile::registerInterpreterExternalModels(registry);
}

} // namespace mlir::tessel

#endif // TESSEL_INITALLINTERPRETERS_H
