//===- tessel-opt.cpp - the tessel optimizer driver -----------------------===//

#include "tessel/InitAllDialects.h"
#include "tessel/InitAllInterpreters.h"
#include "tessel/InitAllPasses.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::tessel::registerAllDialects(registry);
  // Calibration runs the model it quantizes.
  mlir::tessel::registerAllInterpreters(registry);
  mlir::tessel::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "tessel optimizer driver\n", registry));
}
