//===- ProgramTiming.h - timing a program writer's stream -------*- C++ -*-===//
//
// What the simulator's timing model reports for the instructions a program
// writer produces, from a timing run (no data, no DRAM segments): the cost
// of a layer lowered as Gemmini's library lowers it, for the tiler to
// weigh against its own tiles.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_GEMMINI_PROGRAMS_PROGRAMTIMING_H
#define TESSEL_DIALECT_GEMMINI_PROGRAMS_PROGRAMTIMING_H

#include "tessel/Dialect/Gemmini/Programs/InstructionSink.h"
#include "tessel/Dialect/Gemmini/Simulator/Simulator.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>

namespace mlir::tessel::gemmini {

/// A DRAM address for a program's operand `n` (0, 1, ...) in a timing run,
/// which reads no DRAM: distinct and nonzero (0 means "not moved" to the
/// loops).
inline uint64_t timingAddress(unsigned n) { return uint64_t(n + 1) << 32; }

/// Runs what `write` puts into its sink on a fresh simulator for `target`
/// in timing mode; failure with `error` naming the first instruction the
/// simulator refuses.
FailureOr<SimStats>
timeProgram(TargetAttr target,
            llvm::function_ref<LogicalResult(InstructionSink &)> write,
            std::string &error);

} // namespace mlir::tessel::gemmini

#endif // TESSEL_DIALECT_GEMMINI_PROGRAMS_PROGRAMTIMING_H
