//===- GemminiProgramTimingTest.cpp - timing runs against full runs -------===//
//
// A timing run (SimMode::Timing, what the tiler uses to time Gemmini's
// convolution loop and output-stationary products) must report what a
// functional run of the same instructions reports: cycles, DRAM bytes,
// rows, computes and MACs. Each case is a convolution as tiled_conv issues
// it with tiled_conv_auto's tile, or a matrix product as
// tiled_matmul_outer issues it in each form, run both ways; the functional
// run has the layer's segments in DRAM, the timing run none.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/Gemmini/Programs/ProgramTiming.h"
#include "tessel/Dialect/Gemmini/Programs/TiledConv.h"
#include "tessel/Dialect/Gemmini/Programs/TiledMatmul.h"
#include "tessel/InitAllDialects.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <string>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::gemmini;

namespace {

/// Executes each instruction in a given simulator.
struct RunSink : InstructionSink {
  explicit RunSink(Simulator &sim) : sim(sim) {}
  LogicalResult put(const EncodedInstr &instr) override {
    std::string why;
    if (!sim.execute(instr, why)) {
      error = why;
      return failure();
    }
    return success();
  }
  Simulator &sim;
  std::string error;
};

struct Case {
  const char *name;
  schedule::ConvProblem problem;
  bool bias;
  const char *target;
};

schedule::ConvProblem conv(int64_t batch, int64_t rows, int64_t inCh,
                           int64_t outCh, int64_t kernel, int64_t stride,
                           int64_t pad) {
  schedule::ConvProblem p;
  p.batch = batch;
  p.inRows = p.inCols = rows;
  p.inChannels = inCh;
  p.outChannels = outCh;
  p.kernelRows = p.kernelCols = kernel;
  p.stride = stride;
  p.padding = pad;
  p.outRows = p.outCols = (rows + 2 * pad - kernel) / stride + 1;
  return p;
}

std::vector<Case> cases() {
  std::vector<Case> out;
  out.push_back({"3x3", conv(1, 28, 64, 64, 3, 1, 1), true, "gemmini-default"});
  out.push_back({"1x1 expansion", conv(1, 14, 64, 384, 1, 1, 0), true,
                 "gemmini-default"});
  out.push_back({"first layer", conv(1, 32, 3, 32, 3, 2, 1), false,
                 "gemmini-default"});
  out.push_back({"downsample", conv(2, 16, 32, 64, 1, 2, 0), true,
                 "gemmini-default"});
  schedule::ConvProblem pooled = conv(1, 32, 3, 16, 7, 2, 3);
  pooled.poolSize = 3;
  pooled.poolStride = 2;
  pooled.poolPadding = 1;
  out.push_back({"pooled", pooled, true, "gemmini-default"});
  schedule::ConvProblem dw = conv(1, 20, 24, 24, 3, 2, 1);
  dw.groups = 24;
  out.push_back({"depthwise", dw, true, "gemmini-default"});
  schedule::ConvProblem dilated = conv(1, 18, 16, 16, 3, 1, 2);
  dilated.kernelDilation = 2;
  dilated.outRows = dilated.outCols = 18;
  out.push_back({"dilated", dilated, true, "gemmini-dim8"});
  out.push_back({"small memories", conv(1, 20, 40, 40, 3, 1, 1), true,
                 "gemmini-default:spad_bank_rows=256,acc_rows=128,"
                 "dram_latency=30"});
  return out;
}

/// The counters a timing run must agree on.
void expectSameCounters(const SimStats &timed, const SimStats &full) {
  EXPECT_GT(full.cycles, 0u);
  EXPECT_EQ(timed.cycles, full.cycles);
  EXPECT_EQ(timed.dramBytesRead, full.dramBytesRead);
  EXPECT_EQ(timed.dramBytesWritten, full.dramBytesWritten);
  EXPECT_EQ(timed.spadRowsUsed, full.spadRowsUsed);
  EXPECT_EQ(timed.accRowsUsed, full.accRowsUsed);
  EXPECT_EQ(timed.computes, full.computes);
  EXPECT_EQ(timed.usefulMacs, full.usefulMacs);
}

TEST(GemminiProgramTiming, TimingRunMatchesFunctionalRun) {
  MLIRContext ctx;
  DialectRegistry registry;
  tessel::registerAllDialects(registry);
  ctx.appendDialectRegistry(registry);
  ctx.loadAllAvailableDialects();
  for (const Case &c : cases()) {
    SCOPED_TRACE(c.name);
    std::string error;
    TargetAttr target = parseTargetSpec(&ctx, c.target, error);
    ASSERT_TRUE(target) << error;
    const schedule::ConvProblem &p = c.problem;
    FailureOr<schedule::ConvTiling> tiling =
        schedule::gemminiConvTiling(p, target, error);
    ASSERT_TRUE(succeeded(tiling)) << error;
    // The layer's operands in DRAM, 1 MiB apart from 1 MiB on.
    ConvAddresses at{1u << 20, 2u << 20, c.bias ? 3u << 20 : 0, 4u << 20};
    int64_t weights = p.kernelRows * p.kernelCols * p.outChannels *
                      (p.groups == 1 ? p.inChannels : 1);
    int64_t outputs =
        p.batch * tiling->poolOutRows * tiling->poolOutCols * p.outChannels;
    auto write = [&](InstructionSink &sink) {
      return writeTiledConv(sink, p, tiling->tile, target.getDim(), at, 1,
                            0.05f);
    };

    Simulator full(target);
    full.dram().addSegment("x", at.input,
                           p.batch * p.inRows * p.inCols * p.inChannels);
    full.dram().addSegment("w", at.weights, weights);
    if (c.bias)
      full.dram().addSegment("b", at.bias, 4 * p.outChannels);
    full.dram().addSegment("y", at.output, outputs);
    RunSink run(full);
    ASSERT_TRUE(succeeded(write(run))) << run.error;

    FailureOr<SimStats> timed = timeProgram(target, write, error);
    ASSERT_TRUE(succeeded(timed)) << error;
    expectSameCounters(*timed, full.stats());
    EXPECT_EQ(uint64_t(outputs), full.stats().dramBytesWritten);
  }
}

TEST(GemminiProgramTiming, MatmulTimingRunMatchesFunctionalRun) {
  MLIRContext ctx;
  DialectRegistry registry;
  tessel::registerAllDialects(registry);
  ctx.appendDialectRegistry(registry);
  ctx.loadAllAvailableDialects();
  struct MatmulCase {
    MatmulShape shape;
    bool bias;
    MatmulStore store;
  };
  // Off the DIM grid, several K tiles, no bias, int32 results, a batch
  // of B operands with a bias row each, a bias per element of C (its
  // segment exactly M x N x 4 bytes per batch element).
  std::vector<MatmulCase> cases = {
      {{300, 200, 500, 1, true, false}, true, {false, 1, 0.05f}},
      {{64, 64, 64, 1, true, false}, false, {true, 0, 1.0f}},
      {{40, 30, 50, 3, false, true}, true, {true, 0, 1.0f}},
      {{300, 200, 500, 1, true, false, true}, true, {false, 1, 0.05f}},
      {{40, 30, 50, 3, false, false, true}, true, {true, 0, 1.0f}},
  };
  std::string error;
  TargetAttr target = parseTargetSpec(&ctx, "gemmini-default", error);
  ASSERT_TRUE(target) << error;
  for (const MatmulCase &c : cases)
    for (MatmulForm form : {MatmulForm::LoopWs, MatmulForm::ExplicitWs,
                            MatmulForm::ExplicitOs}) {
      SCOPED_TRACE(std::to_string(c.shape.m) + "x" + std::to_string(c.shape.n) +
                   "x" + std::to_string(c.shape.k) + " form " +
                   std::to_string(int(form)));
      const MatmulShape &s = c.shape;
      schedule::MatmulTile tile{3, 2, 4}; // several tiles, each dimension
      MatmulAddresses at{1u << 20, 2u << 20, c.bias ? 3u << 20 : 0, 4u << 20};
      auto write = [&](InstructionSink &sink) {
        return writeTiledMatmul(sink, s, tile, target, at, form, c.store);
      };
      Simulator full(target);
      full.dram().addSegment("a", at.a, s.batch * s.m * s.k);
      full.dram().addSegment("b", at.b, (s.sharedB ? 1 : s.batch) * s.k * s.n);
      if (c.bias)
        full.dram().addSegment("bias", at.bias,
                               4 * s.n *
                                   (s.fullBias      ? s.batch * s.m
                                    : s.batchedBias ? s.batch
                                                    : 1));
      full.dram().addSegment("c", at.c,
                             s.batch * s.m * s.n * (c.store.fullC ? 4 : 1));
      RunSink run(full);
      ASSERT_TRUE(succeeded(write(run))) << run.error;
      FailureOr<SimStats> timed = timeProgram(target, write, error);
      ASSERT_TRUE(succeeded(timed)) << error;
      expectSameCounters(*timed, full.stats());
      EXPECT_EQ(full.stats().dramBytesWritten,
                uint64_t(s.batch * s.m * s.n * (c.store.fullC ? 4 : 1)));
    }
}

/// A timing run refuses what a functional run refuses, naming the
/// instruction: a tile the scratchpad cannot hold.
TEST(GemminiProgramTiming, RefusesWhatTheSimulatorRefuses) {
  MLIRContext ctx;
  DialectRegistry registry;
  tessel::registerAllDialects(registry);
  ctx.appendDialectRegistry(registry);
  ctx.loadAllAvailableDialects();
  std::string error;
  TargetAttr target = parseTargetSpec(&ctx, "gemmini-default", error);
  ASSERT_TRUE(target) << error;
  schedule::ConvProblem p = conv(1, 56, 256, 256, 3, 1, 1);
  schedule::ConvTile whole{1, 56, 56, 256, 3, 3, 256};
  ConvAddresses at{1u << 20, 2u << 20, 3u << 20, 4u << 20};
  FailureOr<SimStats> timed = timeProgram(
      target,
      [&](InstructionSink &sink) {
        return writeTiledConv(sink, p, whole, target.getDim(), at, 0, 1.0f);
      },
      error);
  EXPECT_TRUE(failed(timed));
  EXPECT_NE(error.find("instruction #8: loop_conv_ws tile needs"),
            std::string::npos)
      << error;
}

} // namespace
