//===- Passes.h - tile passes -----------------------------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_TILE_TRANSFORMS_PASSES_H
#define TESSEL_DIALECT_TILE_TRANSFORMS_PASSES_H

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"
#include "tessel/Dialect/NN/IR/NNDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tessel::tile {

/// Which convolutions --tile-conv-to-matmul keeps whole for Gemmini's
/// convolution loop.
enum class ConvLoops {
  none,  ///< every convolution as im2col and a matrix product
  all,   ///< every one the loop runs
  faster ///< those the loop runs in fewer estimated cycles than im2col
};

/// The matrix products' dataflow --tessel-tile chooses.
enum class DataflowChoice {
  ws,
  os,
  automatic ///< per layer the faster, by the timing model
};

#define GEN_PASS_DECL
#include "tessel/Dialect/Tile/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tessel/Dialect/Tile/Transforms/Passes.h.inc"

} // namespace mlir::tessel::tile

#endif // TESSEL_DIALECT_TILE_TRANSFORMS_PASSES_H
