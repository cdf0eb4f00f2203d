//===- RunGemmini.h - tessel-run on gemmini programs ------------*- C++ -*-===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_RUNGEMMINI_H
#define TESSEL_TOOLS_TESSEL_RUN_RUNGEMMINI_H

#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"

#include <map>
#include <string>

namespace mlir::tessel {

/// Simulates `program`: `inputs` (segment name -> .npy file) fill the input
/// and weight segments, output segments are written to `outputDir` (or
/// summarized), `stats` prints the simulator's counters and `trace` each
/// instruction with its cycles. Returns the process exit code.
int runGemminiProgram(gemmini::ProgramOp program,
                      const std::map<std::string, std::string> &inputs,
                      llvm::StringRef outputDir, bool stats, bool trace);

} // namespace mlir::tessel

#endif // TESSEL_TOOLS_TESSEL_RUN_RUNGEMMINI_H
