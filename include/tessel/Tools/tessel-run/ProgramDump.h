//===- ProgramDump.h - accelerator programs as directories -----*- C++ -*-===//
//
// tessel-run --dump-programs DIR writes every gemmini.call a run executes
// as a directory that runs alone, in the layout
// python/tessel/gemmini_programs.py writes and spike_check.py reads:
//
//   DIR/<program>/prog.mlir          the module's gemmini.target, the
//                                    segments the call held, the program
//                                    (as @main)
//   DIR/<program>/<segment>.npy      each input segment's bytes at the
//                                    program's start
//   DIR/<program>/inputs.txt         tessel-run's --input flags for them
//   DIR/<program>/expected/<segment>.npy  each output segment's bytes at
//                                    the program's end
//
// A program called again gets DIR/<program>_2, _3, ... The bytes come from
// the simulator's report (interp::RunOptions::reportMemory).
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_PROGRAMDUMP_H
#define TESSEL_TOOLS_TESSEL_RUN_PROGRAMDUMP_H

#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/Interpreter/Interpreter.h"
#include "tessel/Tools/tessel-run/Outputs.h"

namespace mlir::tessel::run {

class ProgramDumper {
public:
  /// A dumper into `dir`, which it creates; `error` says why it could not.
  static FailureOr<ProgramDumper> create(llvm::StringRef dir,
                                         std::string &error);

  /// Writes the directory of `call`, which ran on `memory` (the segments it
  /// held, with their bytes at its start and end).
  LogicalResult dump(gemmini::CallOp call,
                     llvm::ArrayRef<interp::MemoryRegion> memory,
                     std::string &error);

  /// How many directories were written.
  unsigned count() const { return dumped; }
  llvm::StringRef directory() const { return dir; }

private:
  explicit ProgramDumper(std::string dir) : dir(std::move(dir)) {}

  /// Absolute, so that inputs.txt names its files from anywhere.
  std::string dir;
  FileNamer names;
  unsigned dumped = 0;
};

} // namespace mlir::tessel::run

#endif // TESSEL_TOOLS_TESSEL_RUN_PROGRAMDUMP_H
