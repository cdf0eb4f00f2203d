//===- InitAllPasses.h - every pass tessel-opt offers -----------*- C++ -*-===//
#ifndef TESSEL_INITALLPASSES_H
#define TESSEL_INITALLPASSES_H

#include "tessel/Conversion/Passes.h"
#include "tessel/Dialect/Gemmini/Transforms/Passes.h"
#include "tessel/Dialect/NN/Transforms/Passes.h"
#include "tessel/Dialect/QT/Transforms/Passes.h"
#include "tessel/Dialect/Tile/Transforms/Passes.h"
#include "tessel/Pipeline/Pipeline.h"

#include "mlir/Transforms/Passes.h"

namespace mlir::tessel {

/// tessel's passes and the upstream ones its pipeline uses between them.
inline void registerAllPasses() {
  gemmini::registerGemminiPasses();
  nn::registerNNPasses();
  qt::registerQTPasses();
  tile::registerTilePasses();
  registerConversionPasses();
  registerPipelines();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerSymbolDCEPass();
  mlir::registerInlinerPass();
}

} // namespace mlir::tessel

#endif // TESSEL_INITALLPASSES_H
