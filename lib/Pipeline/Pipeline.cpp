//===- Pipeline.cpp - the compiler's named pipelines ----------------------===//

#include "tessel/Pipeline/Pipeline.h"
#include "tessel/Conversion/Passes.h"
#include "tessel/Dialect/Tile/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::tessel;

void mlir::tessel::buildToGemminiPipeline(OpPassManager &pm,
                                          const ToGemminiOptions &options) {
  TesselAcceleratorFormOptions form;
  form.hostFallback = options.hostFallback;
  pm.addNestedPass<func::FuncOp>(createTesselAcceleratorForm(form));
  pm.addNestedPass<func::FuncOp>(tile::createTileConvToMatmul());
  tile::TesselTileOptions tiling;
  tiling.target = options.target;
  tiling.policy = options.policy;
  pm.addPass(tile::createTesselTile(tiling));
  TesselLowerToGemminiOptions lowering;
  lowering.explicitInstructions = options.explicitInstructions;
  pm.addPass(createTesselLowerToGemmini(lowering));
}

void mlir::tessel::registerPipelines() {
  PassPipelineRegistration<ToGemminiOptions>(
      "tessel-to-gemmini",
      "Quantized nn to a host function calling Gemmini programs: "
      "accelerator form, tiling, lowering",
      buildToGemminiPipeline);
}
