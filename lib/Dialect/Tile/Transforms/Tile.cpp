//===- Tile.cpp - each layer's tiles for the target ------------------------===//

#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/Dialect/Tile/IR/TileOps.h"
#include "tessel/Dialect/Tile/Transforms/ConvLoop.h"
#include "tessel/Dialect/Tile/Transforms/MatmulProgram.h"
#include "tessel/Dialect/Tile/Transforms/Passes.h"
#include "tessel/Schedule/GemminiCostTiling.h"
#include "tessel/Schedule/GemminiTiling.h"

#include <map>
#include <tuple>

namespace mlir::tessel::tile {
#define GEN_PASS_DEF_TESSELTILE
#include "tessel/Dialect/Tile/Transforms/Passes.h.inc"
} // namespace mlir::tessel::tile

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;

namespace {

/// The layer as --tessel-lower-to-gemmini runs it.
schedule::MatmulLayer layerOf(MatmulOp op) {
  schedule::MatmulLayer layer;
  layer.m = op.getM();
  layer.n = op.getN();
  layer.k = op.getK();
  layer.batch = op.hasSharedB() ? 1 : op.getBatch();
  layer.bias = op.getBias() != nullptr;
  layer.fullC = op.hasFullC();
  return layer;
}

struct Choice {
  bool found = false;
  Dataflow dataflow = Dataflow::ws;
  schedule::MatmulTile tile;
  int64_t cycles = 0;
  std::string error; ///< why no tile fits
};

struct TilePass : mlir::tessel::tile::impl::TesselTileBase<TilePass> {
  using Base::Base;

  /// The weight-stationary candidate: the policy's tile and the cost
  /// model's estimate of it, or where its program keeps an operand in the
  /// scratchpad (which the model leaves out), a timing run of it.
  Choice weightStationary(MatmulOp op, const schedule::MatmulLayer &layer,
                          gemmini::TargetAttr target,
                          const schedule::GemminiTiming &timing) {
    Choice c;
    auto timeReuse = [&](const schedule::MatmulTile &tile) {
      std::string reason;
      return timeMatmul(op, tile, target, gemmini::MatmulForm::LoopWs, reason);
    };
    schedule::MatmulProblem problem;
    problem.m = layer.m;
    problem.n = layer.n;
    problem.k = layer.k;
    auto base = schedule::gemminiMatmulTiling(problem, timing, c.error);
    if (policy == "gemmini") {
      if (failed(base))
        return c;
      c.tile = base->tile;
      if (!schedule::reusesOperand(layer, c.tile, timing.dim)) {
        c.found = true;
        c.cycles = schedule::estimateMatmulCost(layer, c.tile, timing).cycles;
        return c;
      }
      FailureOr<int64_t> timed = timeMatmul(
          op, c.tile, target, gemmini::MatmulForm::LoopWs, c.error);
      c.found = succeeded(timed);
      c.cycles = c.found ? *timed : 0;
      return c;
    }
    std::optional<schedule::MatmulTile> preferred;
    if (succeeded(base))
      preferred = base->tile;
    c.error.clear();
    auto best =
        schedule::costMatmulTiling(layer, timing, preferred, c.error, timeReuse);
    if (succeeded(best)) {
      c.found = true;
      c.tile = best->tile;
      c.cycles = best->cost.cycles;
    }
    return c;
  }

  /// The output-stationary candidate: tiled_matmul_auto's OS tile (the
  /// cost model covers weight-stationary tiles), timed by running its
  /// program in the simulator's timing mode.
  Choice outputStationary(MatmulOp op, const schedule::MatmulLayer &layer,
                          gemmini::TargetAttr target) {
    Choice c;
    c.dataflow = Dataflow::os;
    schedule::MatmulProblem problem;
    problem.m = layer.m;
    problem.n = layer.n;
    problem.k = layer.k;
    problem.dataflow = schedule::GemminiDataflow::OS;
    auto base = schedule::gemminiMatmulTiling(problem, target, c.error);
    if (failed(base))
      return c;
    FailureOr<int64_t> timed = timeMatmul(
        op, base->tile, target, gemmini::MatmulForm::ExplicitOs, c.error);
    if (failed(timed))
      return c;
    c.found = true;
    c.tile = base->tile;
    c.cycles = *timed;
    return c;
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (policy != "gemmini" && policy != "cost") {
      module.emitError() << "--tessel-tile: unknown policy '" << policy
                         << "' (known: gemmini, cost)";
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
    gemmini::TargetAttr t = gemmini::getTarget(module);
    schedule::GemminiTiming timing = schedule::GemminiTiming::of(t);
    // Which dataflows compete.
    bool tryWs = dataflow != DataflowChoice::os;
    bool tryOs = dataflow != DataflowChoice::ws;
    // Layers of one shape get one choice (a network repeats its shapes).
    std::map<std::tuple<int64_t, int64_t, int64_t, int64_t, bool, bool>, Choice>
        choices;
    auto choose = [&](MatmulOp op, const schedule::MatmulLayer &layer) {
      Choice ws, os;
      if (tryWs)
        ws = weightStationary(op, layer, t, timing);
      if (tryOs)
        os = outputStationary(op, layer, t);
      if (os.found && (!ws.found || os.cycles < ws.cycles))
        return os;
      if (!ws.found && !tryWs)
        return os;
      return ws;
    };
    WalkResult walk = module.walk([&](MatmulOp op) {
      schedule::MatmulLayer layer = layerOf(op);
      auto key = std::make_tuple(layer.m, layer.n, layer.k, layer.batch,
                                 layer.bias, layer.fullC);
      auto it = choices.find(key);
      if (it == choices.end())
        it = choices.emplace(key, choose(op, layer)).first;
      const Choice &c = it->second;
      if (!c.found) {
        op.emitError() << "no tile of this layer fits the target: " << c.error;
        return WalkResult::interrupt();
      }
      op.setTilesAttr(DenseI64ArrayAttr::get(
          &getContext(), {c.tile.i, c.tile.j, c.tile.k}));
      op.setEstimatedCyclesAttr(
          IntegerAttr::get(IntegerType::get(&getContext(), 64), c.cycles));
      op.setDataflow(c.dataflow);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    // Convolutions kept whole get tiled_conv_auto's tile.
    walk = module.walk([&](ConvOp op) {
      std::string reason;
      FailureOr<schedule::ConvProblem> problem = getConvLoopProblem(op, reason);
      if (failed(problem)) {
        op.emitError() << "does not run as Gemmini's convolution loop: "
                       << reason << "; run --tile-conv-to-matmul first";
        return WalkResult::interrupt();
      }
      FailureOr<schedule::ConvTiling> tiling =
          schedule::gemminiConvTiling(*problem, t, reason);
      if (failed(tiling)) {
        op.emitError() << "no tile of this layer fits the target: " << reason;
        return WalkResult::interrupt();
      }
      op.setTilesAttr(
          DenseI64ArrayAttr::get(&getContext(), convTilesOf(tiling->tile)));
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
  }
};

} // namespace
