//===- Tile.cpp - each layer's tiles for the target ------------------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiDialect.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Dialect/Tile/Transforms/Passes.h"
#include "tessel/Schedule/GemminiTiling.h"

namespace mlir::tessel::tile {
#define GEN_PASS_DEF_TESSELTILE
#include "tessel/Dialect/Tile/Transforms/Passes.h.inc"
} // namespace mlir::tessel::tile

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;

namespace {

struct TilePass : mlir::tessel::tile::impl::TesselTileBase<TilePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (policy != "gemmini") {
      module.emitError() << "--tessel-tile: unknown policy '" << policy
                         << "' (known: gemmini)";
      return signalPassFailure();
    }
    if (!target.empty()) {
      std::string error;
      gemmini::TargetAttr t =
          gemmini::parseTargetSpec(&getContext(), target, error);
      if (!t) {
        module.emitError() << "--tessel-tile: " << error;
        return signalPassFailure();
      }
      module->setAttr("gemmini.target", t);
    }
    auto t = module->getAttrOfType<gemmini::TargetAttr>("gemmini.target");
    if (!t)
      t = gemmini::getDefaultTarget(&getContext());
    schedule::GemminiMemory memory = schedule::GemminiMemory::of(t);
    WalkResult walk = module.walk([&](MatmulOp op) {
      schedule::MatmulProblem problem;
      problem.m = op.getM();
      problem.n = op.getN();
      problem.k = op.getK();
      std::string error;
      auto tiling = schedule::gemminiMatmulTiling(problem, memory, error);
      if (failed(tiling)) {
        op.emitError() << "no tile of this layer fits the target: " << error;
        return WalkResult::interrupt();
      }
      op.setTilesAttr(DenseI64ArrayAttr::get(
          &getContext(),
          {tiling->tile.i, tiling->tile.j, tiling->tile.k}));
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
  }
};

} // namespace
