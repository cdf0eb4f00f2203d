//===- ConvLoop.cpp - convolutions Gemmini's conv loop runs whole ---------===//

#include "tessel/Dialect/Tile/Transforms/ConvLoop.h"
#include "tessel/Dialect/Gemmini/Programs/ProgramTiming.h"
#include "tessel/Dialect/Gemmini/Programs/TiledConv.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::tile;

FailureOr<schedule::ConvProblem>
tile::getConvLoopProblem(ConvOp op, std::string &reason) {
  std::optional<ArrayRef<float>> scales = op.getAccScale();
  if (!scales || scales->size() != 1) {
    reason = scales ? "its scales are per channel, and loop_conv_ws's store "
                      "path holds one"
                    : "its result is the int32 accumulator, and "
                      "loop_conv_ws writes int8";
    return failure();
  }
  ArrayRef<int64_t> x = op.getInput().getType().getShape(),
                    w = op.getWeight().getType().getShape();
  SmallVector<int64_t, 4> y = op.getConvShape();
  ArrayRef<int64_t> s = op.getStrides(), d = op.getDilations(),
                    p = op.getPads();
  if (w[2] != w[3] || s[0] != s[1] || d[0] != d[1] ||
      llvm::any_of(p, [&](int64_t v) { return v != p[0]; })) {
    reason = "loop_conv_ws takes a square kernel with one stride, dilation "
             "and padding for both axes";
    return failure();
  }
  int64_t groups = op.getGroups();
  bool depthwise = groups != 1;
  if (depthwise && (groups != x[1] || w[0] != x[1])) {
    reason = llvm::formatv("loop_conv_ws runs groups = 1 or depthwise "
                           "convolutions (one weight per channel), not "
                           "{0} groups of {1} input and {2} output channels",
                           groups, x[1] / groups, w[0] / groups);
    return failure();
  }
  // loop_conv_ws's fields: sizes in 16 bits, stride and padding in 8, the
  // kernel dilation in 10.
  for (int64_t v : {x[0], x[2], x[3], x[1], w[0], y[2], y[3], w[2]})
    if (v > 65535) {
      reason = llvm::formatv("a size of {0} exceeds loop_conv_ws's 16-bit "
                             "fields",
                             v);
      return failure();
    }
  if (s[0] > 255 || p[0] > 255 || d[0] > 1023) {
    reason = "its stride, padding or dilation exceeds loop_conv_ws's fields";
    return failure();
  }
  schedule::ConvProblem problem;
  problem.batch = x[0];
  problem.inChannels = x[1];
  problem.inRows = x[2];
  problem.inCols = x[3];
  problem.outChannels = w[0];
  problem.kernelRows = w[2];
  problem.kernelCols = w[3];
  problem.stride = s[0];
  problem.padding = p[0];
  problem.kernelDilation = d[0];
  problem.groups = groups;
  problem.outRows = y[2];
  problem.outCols = y[3];
  if (std::optional<ArrayRef<int64_t>> pool = op.getPool()) {
    problem.poolSize = (*pool)[0];
    problem.poolStride = (*pool)[1];
    problem.poolPadding = (*pool)[2];
  }
  return problem;
}

FailureOr<int64_t> tile::timeConvLoop(ConvOp op,
                                      const schedule::ConvProblem &problem,
                                      const schedule::ConvTile &tile,
                                      gemmini::TargetAttr target,
                                      std::string &reason) {
  gemmini::ConvAddresses at;
  at.input = gemmini::timingAddress(0);
  at.weights = gemmini::timingAddress(1);
  at.bias = op.getBias() ? gemmini::timingAddress(2) : 0;
  at.output = gemmini::timingAddress(3);
  unsigned act = op.getActivation() == Activation::relu ? 1 : 0;
  float scale = (*op.getAccScale())[0];
  FailureOr<gemmini::SimStats> stats = gemmini::timeProgram(
      target,
      [&](gemmini::InstructionSink &sink) {
        return gemmini::writeTiledConv(sink, problem, tile, target.getDim(),
                                       at, act, scale);
      },
      reason);
  if (failed(stats))
    return failure();
  return int64_t(stats->cycles);
}

SmallVector<int64_t, 7> tile::convTilesOf(const schedule::ConvTile &t) {
  return {t.batches, t.porows, t.pocols, t.pochs, t.krows, t.kcols, t.kchs};
}

schedule::ConvTile tile::convTileOf(ArrayRef<int64_t> tiles) {
  schedule::ConvTile t;
  t.batches = tiles[0];
  t.porows = tiles[1];
  t.pocols = tiles[2];
  t.pochs = tiles[3];
  t.krows = tiles[4];
  t.kcols = tiles[5];
  t.kchs = tiles[6];
  return t;
}
