//===- GemminiCostModelTest.cpp - the cost model against the simulator ----===//
//
// Each case is a tile.matmul lowered by --tessel-lower-to-gemmini and run
// on the simulator; its counters are the reference for the cost model's
// estimate: cycles within 10%, DRAM bytes, rows and loop_ws count exactly.
// Where the program keeps an operand in the scratchpad (reusesOperand),
// the estimate's cycles are those of a program moving it again (which the
// tiler does not use: it times such tiles); the rest is still exact.
//
//===----------------------------------------------------------------------===//

#include "tessel/Conversion/Passes.h"
#include "tessel/Dialect/Gemmini/IR/GemminiOps.h"
#include "tessel/Dialect/Gemmini/Simulator/Simulator.h"
#include "tessel/InitAllDialects.h"
#include "tessel/Schedule/GemminiCostTiling.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::schedule;

namespace {

struct Case {
  MatmulLayer layer;
  MatmulTile tile;
  const char *target; ///< a --gemmini-set-target spec
};

std::string describe(const Case &c) {
  return std::to_string(c.layer.batch) + "x" + std::to_string(c.layer.m) +
         "x" + std::to_string(c.layer.n) + "x" + std::to_string(c.layer.k) +
         " tiles " + std::to_string(c.tile.i) + "," + std::to_string(c.tile.j) +
         "," + std::to_string(c.tile.k) + (c.layer.bias ? " bias" : "") +
         (c.layer.fullC ? " i32" : " i8") + " on " + c.target;
}

struct GemminiCostModelTest : ::testing::Test {
  GemminiCostModelTest() {
    DialectRegistry registry;
    tessel::registerAllDialects(registry);
    ctx.appendDialectRegistry(registry);
    ctx.loadAllAvailableDialects();
  }

  /// The program's counters as the simulator reports them.
  FailureOr<gemmini::SimStats> simulate(const Case &c, gemmini::TargetAttr target) {
    const MatmulLayer &l = c.layer;
    std::string batch = l.batch > 1 ? std::to_string(l.batch) + "x" : "";
    std::string a = "tensor<" + batch + std::to_string(l.m) + "x" +
                    std::to_string(l.k) + "xi8>";
    std::string b = "tensor<" + batch + std::to_string(l.k) + "x" +
                    std::to_string(l.n) + "xi8>";
    std::string bias = "tensor<" + std::to_string(l.n) + "xi32>";
    std::string out = "tensor<" + batch + std::to_string(l.m) + "x" +
                      std::to_string(l.n) + (l.fullC ? "xi32>" : "xi8>");
    std::string text =
        "func.func @main(%a: " + a + ", %b: " + b +
        (l.bias ? ", %bias: " + bias : "") + ") -> " + out + " {\n" +
        "  %0 = tile.matmul %a, %b" + (l.bias ? ", %bias" : "") + " {" +
        (l.fullC ? "" : "acc_scale = array<f32: 0.0625>, ") +
        "tiles = array<i64: " + std::to_string(c.tile.i) + ", " +
        std::to_string(c.tile.j) + ", " + std::to_string(c.tile.k) + ">} : (" +
        a + ", " + b + (l.bias ? ", " + bias : "") + ") -> " + out + "\n" +
        "  return %0 : " + out + "\n}\n";
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
    if (!module)
      return failure();
    (*module)->setAttr("gemmini.target", target);
    PassManager pm(&ctx);
    pm.addPass(createTesselLowerToGemmini());
    if (failed(pm.run(*module)))
      return failure();
    gemmini::Simulator sim(target);
    gemmini::ProgramOp program;
    for (Operation &op : module->getBody()->getOperations()) {
      if (auto seg = dyn_cast<gemmini::SegmentOp>(op))
        sim.dram().addSegment(seg.getSymName().str(), uint64_t(seg.getBase()),
                              uint64_t(seg.getSize()));
      if (auto p = dyn_cast<gemmini::ProgramOp>(op))
        program = p;
    }
    if (!program || failed(gemmini::simulate(program, sim)))
      return failure();
    return sim.stats();
  }

  MLIRContext ctx;
};

/// A fixed generator (std's distributions differ between libraries).
struct Rng {
  uint64_t state;
  uint64_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  }
  int64_t in(int64_t lo, int64_t hi) { return lo + int64_t(next() % (hi - lo + 1)); }
};

int64_t blocks(int64_t x, int64_t dim) { return (x + dim - 1) / dim; }

/// Hand-picked corners, then random layers with random feasible tiles.
std::vector<Case> cases() {
  const char *dim16 = "gemmini-default", *dim8 = "gemmini-dim8";
  std::vector<Case> out = {
      {{1, 1, 1, 1, false, false}, {1, 1, 1}, dim16},
      {{1, 1, 1, 1, true, true}, {1, 1, 1}, dim8},
      {{16, 16, 16, 1, false, false}, {1, 1, 1}, dim16},
      {{17, 33, 49, 1, true, false}, {2, 3, 4}, dim16},
      {{17, 33, 49, 1, true, true}, {1, 1, 1}, dim16},
      {{512, 512, 512, 1, false, false}, {5, 6, 32}, dim16}, // gemmini's tile
      {{512, 512, 512, 1, true, true}, {2, 15, 29}, dim16},
      {{1, 1000, 2048, 1, true, false}, {1, 32, 15}, dim16}, // an fc layer
      {{3136, 64, 147, 1, true, true}, {8, 4, 10}, dim16},   // conv1 / 4
      {{784, 128, 1152, 1, true, false}, {5, 5, 51}, dim16},
      {{49, 512, 4608, 1, true, true}, {4, 7, 46}, dim16},
      {{200, 8, 8, 1, false, true}, {25, 1, 1}, dim8},
      {{8, 200, 8, 1, false, true}, {1, 25, 1}, dim8},
      {{8, 8, 2000, 1, true, false}, {1, 1, 250}, dim8},
      {{40, 30, 50, 2, true, false}, {2, 1, 3}, dim16}, // batched, b per element
      {{64, 64, 64, 3, false, true}, {4, 4, 4}, dim8},
      {{300, 300, 300, 1, true, false}, {3, 3, 3},
       "gemmini-default:dram_latency=30,dma_bytes_per_cycle=8"},
      {{300, 300, 300, 1, false, true}, {4, 2, 7},
       "gemmini-default:dram_latency=300,store_bytes_per_cycle=4"},
  };
  Rng rng{20261201};
  // Mostly the two presets; some with other latencies and bandwidths,
  // where other dependencies bind.
  struct Target {
    const char *spec;
    int64_t dim, spadRows, accRows;
  } targets[] = {{dim16, 16, 16384, 1024},
                 {dim8, 8, 32768, 2048},
                 {dim16, 16, 16384, 1024},
                 {dim8, 8, 32768, 2048},
                 {"gemmini-default:dram_latency=30,dma_bytes_per_cycle=32", 16,
                  16384, 1024},
                 {"gemmini-dim8:dram_latency=300,store_bytes_per_cycle=64", 8,
                  32768, 2048}};
  // 300 layers whose programs move every operand, and those that reuse
  // one as they come.
  int64_t moving = 0;
  for (const Case &c : out)
    moving += !reusesOperand(c.layer, c.tile, std::string(c.target).find("dim8") !=
                                                      std::string::npos ? 8 : 16);
  while (moving < 300) {
    const Target &tg = targets[rng.in(0, 5)];
    const char *target = tg.spec;
    int64_t dim = tg.dim;
    int64_t spadBlocks = tg.spadRows / 2 / dim, accBlocks = tg.accRows / 2 / dim;
    auto size = [&] {
      switch (rng.in(0, 3)) {
      case 0:
        return rng.in(1, 3 * dim);       // small
      case 1:
        return rng.in(1, 10) * dim + rng.in(-1, 1) + (dim == 8); // near DIM multiples
      case 2:
        return rng.in(1, 400);           // odd
      default:
        return rng.in(400, 1200);        // large
      }
    };
    MatmulLayer l{std::max<int64_t>(1, size()), std::max<int64_t>(1, size()),
                  std::max<int64_t>(1, size()), rng.in(0, 9) ? 1 : 2,
                  rng.in(0, 1) == 1, rng.in(0, 1) == 1};
    if (double(l.m) * l.n * l.k * l.batch > 1.5e8)
      continue; // keep the simulation quick
    int64_t bi = blocks(l.m, dim), bj = blocks(l.n, dim), bk = blocks(l.k, dim);
    // Edge tiles (one block, all blocks) as often as any other.
    auto pick = [&](int64_t n) {
      int64_t r = rng.in(0, 3);
      return r == 0 ? 1 : r == 1 ? n : rng.in(1, n);
    };
    MatmulTile t{std::min(pick(bi), accBlocks), 1, 1};
    t.j = std::min(pick(bj), accBlocks / t.i);
    t.k = std::min(pick(bk), spadBlocks / (t.i + t.j));
    out.push_back({l, t, target});
    moving += !reusesOperand(l, t, dim);
  }
  return out;
}

TEST_F(GemminiCostModelTest, AgreesWithTheSimulator) {
  double maxError = 0, sumError = 0;
  std::string worst;
  std::vector<Case> all = cases();
  int64_t reusing = 0;
  for (const Case &c : all) {
    std::string error;
    gemmini::TargetAttr target = gemmini::parseTargetSpec(&ctx, c.target, error);
    ASSERT_TRUE(target) << error;
    GemminiTiming timing = GemminiTiming::of(target);
    ASSERT_TRUE(fitsLoopWs(c.tile, timing)) << describe(c);
    FailureOr<gemmini::SimStats> sim = simulate(c, target);
    ASSERT_TRUE(succeeded(sim)) << describe(c);
    MatmulCost est = estimateMatmulCost(c.layer, c.tile, timing);
    EXPECT_LE(matmulCyclesLowerBound(c.layer, c.tile, timing),
              int64_t(sim->cycles))
        << describe(c);
    if (reusesOperand(c.layer, c.tile, timing.dim)) {
      ++reusing;
      EXPECT_EQ(est.dramBytesRead, int64_t(sim->dramBytesRead)) << describe(c);
      EXPECT_EQ(est.spadRows, int64_t(sim->spadRowsUsed)) << describe(c);
      EXPECT_EQ(est.accRows, int64_t(sim->accRowsUsed)) << describe(c);
      EXPECT_EQ(est.tiles, int64_t(sim->instructions.at("loop_ws"))) << describe(c);
      continue;
    }
    double err = std::fabs(double(est.cycles) - double(sim->cycles)) /
                 double(sim->cycles);
    EXPECT_LE(err, 0.10) << describe(c) << ": estimated " << est.cycles
                         << ", simulated " << sim->cycles;
    if (err > maxError) {
      maxError = err;
      worst = describe(c) + ": estimated " + std::to_string(est.cycles) +
              ", simulated " + std::to_string(sim->cycles);
    }
    sumError += err;
    EXPECT_EQ(est.dramBytesRead, int64_t(sim->dramBytesRead)) << describe(c);
    EXPECT_EQ(est.dramBytesWritten, int64_t(sim->dramBytesWritten)) << describe(c);
    EXPECT_EQ(est.spadRows, int64_t(sim->spadRowsUsed)) << describe(c);
    EXPECT_EQ(est.accRows, int64_t(sim->accRowsUsed)) << describe(c);
    EXPECT_EQ(est.tiles, int64_t(sim->instructions.at("loop_ws"))) << describe(c);
    EXPECT_LE(matmulCyclesLowerBound(c.layer, c.tile, timing), est.cycles)
        << describe(c);
  }
  size_t moving = all.size() - size_t(reusing);
  EXPECT_GE(reusing, 50) << "too few layers that reuse an operand";
  std::printf("cost model vs simulator, %zu cases moving every operand: max "
              "error %.3f%%%s, mean %.4f%%; %lld reusing one\n",
              moving, 100 * maxError,
              worst.empty() ? "" : (" (" + worst + ")").c_str(),
              100 * sumError / double(moving), (long long)reusing);
}

/// Branch and bound must find what estimating every tile finds.
TEST(GemminiCostTiling, MatchesExhaustiveSearch) {
  GemminiTiming timing; // gemmini-default
  for (MatmulLayer layer : {MatmulLayer{3136, 64, 256, 1, true, false},
                            MatmulLayer{196, 512, 1024, 1, true, true},
                            MatmulLayer{100, 70, 50, 2, false, false},
                            MatmulLayer{1, 1000, 2048, 1, true, false},
                            MatmulLayer{37, 5, 300, 1, false, true}}) {
    std::string error;
    FailureOr<CostTiling> best = costMatmulTiling(layer, timing, std::nullopt, error);
    ASSERT_TRUE(succeeded(best)) << error;
    int64_t bi = blocks(layer.m, 16), bj = blocks(layer.n, 16),
            bk = blocks(layer.k, 16), fewest = INT64_MAX, candidates = 0;
    for (int64_t i = 1; i <= bi; ++i)
      for (int64_t j = 1; j <= bj; ++j)
        for (int64_t k = 1; k <= bk; ++k)
          if (fitsLoopWs({i, j, k}, timing)) {
            ++candidates;
            fewest = std::min(fewest, estimateMatmulCost(layer, {i, j, k}, timing).cycles);
          }
    EXPECT_EQ(best->cost.cycles, fewest);
    EXPECT_EQ(best->candidates, candidates);
    // The bound prunes wherever there is much to prune.
    if (candidates > 100)
      EXPECT_LT(best->estimated, candidates);
  }
}

/// Ties: fewer DRAM bytes first, then the preferred tile.
TEST(GemminiCostTiling, BreaksTies) {
  GemminiTiming timing;
  // 3136 x 64 x 256 without a bias: K = 1 to 16 blocks per tile cost the
  // same cycles at I = 8, J = 4 (k0 tiles only add work the array hides);
  // 8 and 16, whose one or two B tiles stay in the scratchpad, also the
  // fewest bytes; the preferred one of them wins.
  MatmulLayer layer{3136, 64, 256, 1, false, false};
  std::string error;
  auto free = costMatmulTiling(layer, timing, std::nullopt, error);
  ASSERT_TRUE(succeeded(free));
  for (MatmulTile t : {MatmulTile{8, 4, 8}, MatmulTile{8, 4, 16}}) {
    MatmulCost c = estimateMatmulCost(layer, t, timing);
    ASSERT_EQ(c.cycles, free->cost.cycles);
    ASSERT_EQ(c.dramBytes(), free->cost.dramBytes());
    auto preferred = costMatmulTiling(layer, timing, t, error);
    ASSERT_TRUE(succeeded(preferred));
    EXPECT_EQ(preferred->tile, t);
  }
  // Without a preference: fewest tiles, then the largest.
  EXPECT_EQ(free->tile, (MatmulTile{8, 4, 16}));
}

/// Tiles that reuse an operand take the caller's cycles; the others the
/// model's. A timer that calls every reusing tile 1 cycle makes one of them
/// the choice.
TEST(GemminiCostTiling, TimesTilesThatReuseAnOperand) {
  GemminiTiming timing;
  MatmulLayer layer{1, 1000, 2048, 1, true, false}; // an fc layer
  std::string error;
  int64_t calls = 0;
  auto best = costMatmulTiling(layer, timing, std::nullopt, error,
                               [&](const MatmulTile &t) -> FailureOr<int64_t> {
                                 EXPECT_TRUE(reusesOperand(layer, t, 16));
                                 ++calls;
                                 return 1;
                               });
  ASSERT_TRUE(succeeded(best)) << error;
  EXPECT_TRUE(reusesOperand(layer, best->tile, 16));
  EXPECT_EQ(best->cost.cycles, 1);
  EXPECT_EQ(best->timed, calls);
  EXPECT_GT(calls, 0);
  // A timer that refuses every tile leaves only tiles that move everything.
  auto moving = costMatmulTiling(layer, timing, std::nullopt, error,
                                 [](const MatmulTile &) -> FailureOr<int64_t> {
                                   return failure();
                                 });
  ASSERT_TRUE(succeeded(moving)) << error;
  EXPECT_FALSE(reusesOperand(layer, moving->tile, 16));
  EXPECT_EQ(moving->timed, 0);
}

} // namespace
