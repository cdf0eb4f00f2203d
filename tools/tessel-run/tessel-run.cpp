//===- tessel-run.cpp - the reference interpreter driver ------------------===//
//
// A thin main: the tool lives in lib/Tools/tessel-run.
//
//===----------------------------------------------------------------------===//

#include "tessel/Tools/tessel-run/TesselRunMain.h"

int main(int argc, char **argv) { return mlir::tessel::tesselRunMain(argc, argv); }
