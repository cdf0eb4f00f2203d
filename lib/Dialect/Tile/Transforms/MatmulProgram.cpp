//===- MatmulProgram.cpp - a tile.matmul's program, as lowered ------------===//

#include "tessel/Dialect/Tile/Transforms/MatmulProgram.h"
#include "tessel/Dialect/Gemmini/Programs/ProgramTiming.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;

gemmini::MatmulShape tile::matmulShapeOf(MatmulOp op) {
  gemmini::MatmulShape s;
  s.m = op.getM();
  s.n = op.getN();
  s.k = op.getK();
  s.sharedB = op.hasSharedB();
  s.batch = s.sharedB ? 1 : op.getBatch();
  s.fullBias = op.hasFullBias();
  s.batchedBias = !s.fullBias && op.getBias() &&
                  op.getBias().getType().getRank() > 1;
  return s;
}

gemmini::MatmulStore tile::matmulStoreOf(MatmulOp op) {
  gemmini::MatmulStore s;
  s.fullC = op.hasFullC();
  if (!s.fullC) {
    s.scale = (*op.getAccScale())[0];
    s.activation = op.getActivation() == Activation::relu ? 1 : 0;
  }
  return s;
}

gemmini::MatmulForm tile::matmulFormOf(MatmulOp op, bool explicitInstructions) {
  if (op.getDataflow() == Dataflow::os)
    return gemmini::MatmulForm::ExplicitOs;
  return explicitInstructions ? gemmini::MatmulForm::ExplicitWs
                              : gemmini::MatmulForm::LoopWs;
}

FailureOr<int64_t> tile::timeMatmul(MatmulOp op,
                                    const schedule::MatmulTile &tile,
                                    gemmini::TargetAttr target,
                                    gemmini::MatmulForm form,
                                    std::string &reason) {
  gemmini::MatmulAddresses at;
  at.a = gemmini::timingAddress(0);
  at.b = gemmini::timingAddress(1);
  at.bias = op.getBias() ? gemmini::timingAddress(2) : 0;
  at.c = gemmini::timingAddress(3);
  FailureOr<gemmini::SimStats> stats = gemmini::timeProgram(
      target,
      [&](gemmini::InstructionSink &sink) {
        return gemmini::writeTiledMatmul(sink, matmulShapeOf(op), tile, target,
                                         at, form, matmulStoreOf(op));
      },
      reason);
  if (failed(stats))
    return failure();
  return int64_t(stats->cycles);
}
