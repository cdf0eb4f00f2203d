//===- Pipeline.cpp - the compiler's named pipelines ----------------------===//

#include "tessel/Pipeline/Pipeline.h"
#include "tessel/Conversion/Passes.h"
#include "tessel/Dialect/Gemmini/Transforms/Passes.h"
#include "tessel/Dialect/Tile/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::tessel;

void mlir::tessel::buildToGemminiPipeline(OpPassManager &pm,
                                          const ToGemminiOptions &options) {
  gemmini::GemminiSetTargetOptions target;
  target.target = options.target;
  pm.addPass(gemmini::createGemminiSetTarget(target));
  TesselAcceleratorFormOptions form;
  form.hostFallback = options.hostFallback;
  pm.addNestedPass<func::FuncOp>(createTesselAcceleratorForm(form));
  // The explicit form is written for matrix products only.
  tile::TileConvToMatmulOptions convs;
  if (options.explicitInstructions || options.conv == ConvLowering::Im2col)
    convs.convLoops = tile::ConvLoops::none;
  else if (options.conv == ConvLowering::Loop || options.policy == "gemmini")
    convs.convLoops = tile::ConvLoops::all;
  else
    convs.convLoops = tile::ConvLoops::faster;
  pm.addNestedPass<func::FuncOp>(tile::createTileConvToMatmul(convs));
  tile::TesselTileOptions tiling;
  tiling.policy = options.policy;
  tiling.dataflow = options.dataflow;
  pm.addPass(tile::createTesselTile(tiling));
  if (options.expand)
    pm.addPass(tile::createTileExpand());
  TesselLowerToGemminiOptions lowering;
  lowering.explicitInstructions = options.explicitInstructions;
  pm.addPass(createTesselLowerToGemmini(lowering));
  // Layout changes back to back cancel (the NHWC output of one convolution
  // loop is the next one's input).
  pm.addPass(createCanonicalizerPass());
}

void mlir::tessel::registerPipelines() {
  PassPipelineRegistration<ToGemminiOptions>(
      "tessel-to-gemmini",
      "Quantized nn to a host function calling Gemmini programs: "
      "accelerator form, tiling, lowering",
      buildToGemminiPipeline);
}
