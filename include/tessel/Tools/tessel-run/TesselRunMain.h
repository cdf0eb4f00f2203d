//===- TesselRunMain.h - the tessel-run tool as a library -------*- C++ -*-===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_TESSELRUNMAIN_H
#define TESSEL_TOOLS_TESSEL_RUN_TESSELRUNMAIN_H

namespace mlir::tessel {

/// Parses tessel-run's command line, runs the entry and writes its outputs.
/// Returns the process exit code.
int tesselRunMain(int argc, char **argv);

} // namespace mlir::tessel

#endif // TESSEL_TOOLS_TESSEL_RUN_TESSELRUNMAIN_H
