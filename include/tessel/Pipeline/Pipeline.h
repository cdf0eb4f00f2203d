//===- Pipeline.h - the compiler's named pipelines --------------*- C++ -*-===//
//
// The passes from a quantized nn model to the module a Gemmini runs (host
// function + accelerator programs), as a library: tessel-opt registers it
// as --tessel-to-gemmini and a driver builds it into its own PassManager.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_PIPELINE_PIPELINE_H
#define TESSEL_PIPELINE_PIPELINE_H

#include "tessel/Dialect/Tile/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include <string>

namespace mlir::tessel {

/// How the pipeline runs convolutions.
enum class ConvLowering { Auto, Loop, Im2col };

struct ToGemminiOptions : public PassPipelineOptions<ToGemminiOptions> {
  Option<std::string> target{*this, "target",
                             llvm::cl::desc("preset[:field=value,...]"),
                             llvm::cl::init("gemmini-default")};
  Option<std::string> policy{*this, "policy",
                             llvm::cl::desc("tile policy: gemmini or cost"),
                             llvm::cl::init("gemmini")};
  Option<ConvLowering> conv{
      *this, "conv",
      llvm::cl::desc("how convolutions run (default: loop under "
                     "policy=gemmini; under policy=cost, the loop where it "
                     "is estimated faster than im2col)"),
      llvm::cl::init(ConvLowering::Auto),
      llvm::cl::values(
          clEnumValN(ConvLowering::Auto, "auto", "by the policy"),
          clEnumValN(ConvLowering::Loop, "loop",
                     "Gemmini's loop_conv_ws where it runs them whole, "
                     "im2col and a matrix product elsewhere"),
          clEnumValN(ConvLowering::Im2col, "im2col",
                     "always im2col and a matrix product"))};
  Option<tile::DataflowChoice> dataflow{
      *this, "dataflow",
      llvm::cl::desc("the matrix products' dataflow (--tessel-tile's)"),
      llvm::cl::init(tile::DataflowChoice::ws),
      llvm::cl::values(
          clEnumValN(tile::DataflowChoice::ws, "ws", "weight-stationary"),
          clEnumValN(tile::DataflowChoice::os, "os", "output-stationary"),
          clEnumValN(tile::DataflowChoice::automatic, "auto",
                     "per layer the faster"))};
  Option<bool> explicitInstructions{
      *this, "explicit",
      llvm::cl::desc("tiles as mvin/preload/compute/mvout, not loop_ws"),
      llvm::cl::init(false)};
  Option<bool> expand{
      *this, "expand",
      llvm::cl::desc("write the explicit tiled form (--tile-expand) between "
                     "tiling and lowering: each tile's loads, products and "
                     "stores, lowered with buffers placed on chip"),
      llvm::cl::init(false)};
  Option<bool> hostFallback{
      *this, "host-fallback",
      llvm::cl::desc("keep layers the array cannot multiply on the host"),
      llvm::cl::init(false)};
};

/// The target, accelerator form, convolutions as matrix products (or kept
/// for the convolution loop), tiling, lowering. Refused options are
/// reported when the pipeline runs.
void buildToGemminiPipeline(OpPassManager &pm, const ToGemminiOptions &options);

/// Registers --tessel-to-gemmini.
void registerPipelines();

} // namespace mlir::tessel

#endif // TESSEL_PIPELINE_PIPELINE_H
