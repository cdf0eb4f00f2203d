//===- CallEvaluation.h - gemmini.call in the interpreter -------*- C++ -*-===//
//
// gemmini.call's reference semantics: the program runs in the simulator on
// a DRAM made of its module's segments, and reports the simulator's
// counters (SimStats) to the run, with each segment's bytes at the
// program's start and end when the run asks (RunOptions::reportMemory).
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_GEMMINI_SIMULATOR_CALLEVALUATION_H
#define TESSEL_DIALECT_GEMMINI_SIMULATOR_CALLEVALUATION_H

#include "tessel/Dialect/Gemmini/Simulator/Simulator.h"
#include "tessel/Interpreter/Interpreter.h"

#include "mlir/IR/DialectRegistry.h"

namespace mlir::tessel::gemmini {

void registerInterpreterExternalModels(DialectRegistry &registry);

/// The counters of a simulated run on `target` and their printed form:
/// instructions by kind, DRAM traffic, rows used, MACs, estimated cycles and
/// the array's utilization.
interp::OpReport makeReport(const SimStats &stats, TargetAttr target);

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_SIMULATOR_CALLEVALUATION_H
