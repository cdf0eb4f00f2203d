//===- tiling-cost.cpp - the cost policy on ResNet-50's layers ------------===//
//
// `tessel-tiling-cost-bench resnet50 BATCH [i8|i32 [nobias]]`: per im2col
// GEMM of ResNet-50 at 224x224 (batch folded into M; a bias, folded batch
// normalization, unless nobias), the gemmini policy's tile and the cost
// policy's, their estimated cycles, and the time the cost policy's search
// took. `resnet50-module BATCH [i8|i32]` prints the layers as tile.matmul
// ops (for timing --tessel-tile). `estimate` reads "M N K I J K bias fullC
// dim latency dma store batch" lines and prints each estimate and its lower
// bound (to check the model against other implementations of it).
//
//===----------------------------------------------------------------------===//

#include "best-seconds.h"

#include "tessel/Schedule/GemminiCostTiling.h"

#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace mlir::tessel::schedule;

namespace {

struct Gemm {
  const char *name;
  int64_t m, n, k, count; ///< count: layers of this shape
};

/// torchvision's resnet50 (v1.5: stride 2 in the 3x3 convolutions) at
/// 224x224: output pixels x output channels x (input channels x kernel).
std::vector<Gemm> resnet50(int64_t b) {
  auto conv = [&](const char *name, int64_t hw, int64_t cin, int64_t cout,
                  int64_t kernel, int64_t count) {
    return Gemm{name, b * hw * hw, cout, cin * kernel * kernel, count};
  };
  return {conv("conv1 7x7/2", 112, 3, 64, 7, 1),
          conv("2.0 1x1 64-64", 56, 64, 64, 1, 1),
          conv("2.x 3x3 64-64", 56, 64, 64, 3, 3),
          conv("2.x 1x1 64-256", 56, 64, 256, 1, 3),
          conv("2.0 proj 64-256", 56, 64, 256, 1, 1),
          conv("2.x 1x1 256-64", 56, 256, 64, 1, 2),
          conv("3.0 1x1 256-128", 56, 256, 128, 1, 1),
          conv("3.x 3x3 128-128", 28, 128, 128, 3, 4),
          conv("3.x 1x1 128-512", 28, 128, 512, 1, 4),
          conv("3.0 proj 256-512/2", 28, 256, 512, 1, 1),
          conv("3.x 1x1 512-128", 28, 512, 128, 1, 3),
          conv("4.0 1x1 512-256", 28, 512, 256, 1, 1),
          conv("4.x 3x3 256-256", 14, 256, 256, 3, 6),
          conv("4.x 1x1 256-1024", 14, 256, 1024, 1, 6),
          conv("4.0 proj 512-1024/2", 14, 512, 1024, 1, 1),
          conv("4.x 1x1 1024-256", 14, 1024, 256, 1, 5),
          conv("5.0 1x1 1024-512", 14, 1024, 512, 1, 1),
          conv("5.x 3x3 512-512", 7, 512, 512, 3, 3),
          conv("5.x 1x1 512-2048", 7, 512, 2048, 1, 3),
          conv("5.0 proj 1024-2048/2", 7, 1024, 2048, 1, 1),
          conv("5.x 1x1 2048-512", 7, 2048, 512, 1, 2),
          {"fc 2048-1000", b, 1000, 2048, 1}};
}

int64_t ceilDiv(int64_t x) { return (x + 15) / 16; }

int runResnet(int64_t batch, bool fullC, bool bias) {
  GemminiTiming timing; // gemmini-default
  std::printf("| layer | M x N x K | n | gemmini tile | cycles | cost tile | "
              "cycles | cost/gemmini | array/gemmini | estimated/candidates | "
              "search ms |\n"
              "|---|---|---|---|---|---|---|---|---|---|---|\n");
  double logSum = 0, logArray = 0, worst = 0, total = 0, distinct = 0;
  int64_t layers = 0, gemminiTotal = 0, costTotal = 0;
  for (const Gemm &g : resnet50(batch)) {
    MatmulLayer layer{g.m, g.n, g.k, 1, bias, fullC};
    std::string error;
    auto base = gemminiMatmulTiling(MatmulProblem{g.m, g.n, g.k}, timing, error);
    if (failed(base)) {
      std::fprintf(stderr, "%s: %s\n", g.name, error.c_str());
      return 1;
    }
    MatmulCost baseCost = estimateMatmulCost(layer, base->tile, timing);
    mlir::FailureOr<CostTiling> best;
    double seconds = bestSeconds(
        [&] { best = costMatmulTiling(layer, timing, base->tile, error); }, 3);
    double ratio = double(best->cost.cycles) / double(baseCost.cycles);
    // No tiling beats the array's own work: every block product is one
    // compute of DIM cycles.
    double array = double(ceilDiv(g.m) * ceilDiv(g.n) * ceilDiv(g.k) * 16) /
                   double(baseCost.cycles);
    logSum += g.count * std::log(ratio);
    logArray += g.count * std::log(array);
    distinct += seconds;
    worst = std::max(worst, ratio);
    total += seconds * g.count;
    layers += g.count;
    gemminiTotal += g.count * baseCost.cycles;
    costTotal += g.count * best->cost.cycles;
    std::printf("| %s | %lld x %lld x %lld | %lld | %lld, %lld, %lld | %lld | "
                "%lld, %lld, %lld | %lld | %.3f | %.3f | %lld/%lld | %.1f |\n",
                g.name, (long long)g.m, (long long)g.n, (long long)g.k,
                (long long)g.count, (long long)base->tile.i,
                (long long)base->tile.j, (long long)base->tile.k,
                (long long)baseCost.cycles, (long long)best->tile.i,
                (long long)best->tile.j, (long long)best->tile.k,
                (long long)best->cost.cycles, ratio, array,
                (long long)best->estimated, (long long)best->candidates,
                seconds * 1e3);
  }
  std::printf("\n%lld layers: %lld cycles (gemmini) -> %lld (cost); "
              "cost/gemmini geometric mean %.3f, worst %.3f; array/gemmini "
              "geometric mean %.3f; search %.0f ms per distinct shape once, "
              "%.0f ms per layer\n",
              (long long)layers, (long long)gemminiTotal, (long long)costTotal,
              std::exp(logSum / double(layers)), worst,
              std::exp(logArray / double(layers)), distinct * 1e3, total * 1e3);
  return 0;
}

/// Every layer (repeats included) as a tile.matmul with a bias, int8 out
/// with one scale or int32, for timing --tessel-tile itself.
int printModule(int64_t batch, bool fullC) {
  std::printf("func.func @resnet50(");
  int64_t n = 0;
  std::string body, results, types;
  for (const Gemm &g : resnet50(batch))
    for (int64_t c = 0; c < g.count; ++c, ++n) {
      std::string m = std::to_string(g.m), nn = std::to_string(g.n),
                  k = std::to_string(g.k), id = std::to_string(n);
      std::string a = "tensor<" + m + "x" + k + "xi8>",
                  b = "tensor<" + k + "x" + nn + "xi8>",
                  bias = "tensor<" + nn + "xi32>",
                  out = "tensor<" + m + "x" + nn + (fullC ? "xi32>" : "xi8>");
      std::printf("%s%%a%s: %s, %%b%s: %s, %%c%s: %s", n ? ", " : "",
                  id.c_str(), a.c_str(), id.c_str(), b.c_str(), id.c_str(),
                  bias.c_str());
      body += "  %r" + id + " = tile.matmul %a" + id + ", %b" + id + ", %c" +
              id + (fullC ? "" : " {acc_scale = array<f32: 0.01>}") + " : (" +
              a + ", " + b + ", " + bias + ") -> " + out + "\n";
      results += std::string(n ? ", " : "") + "%r" + id;
      types += std::string(n ? ", " : "") + out;
    }
  std::printf(") -> (%s) {\n%s  return %s : %s\n}\n", types.c_str(),
              body.c_str(), results.c_str(), types.c_str());
  return 0;
}

int runEstimates() {
  long long m, n, k, i, j, kk, bias, fullC, dim, latency, dma, store, batch;
  while (std::scanf("%lld %lld %lld %lld %lld %lld %lld %lld %lld %lld %lld "
                    "%lld %lld",
                    &m, &n, &k, &i, &j, &kk, &bias, &fullC, &dim, &latency,
                    &dma, &store, &batch) == 13) {
    GemminiTiming t;
    t.dim = dim;
    t.spadRows = dim == 8 ? 32768 : dim == 32 ? 8192 : 16384;
    t.accRows = dim == 8 ? 2048 : dim == 32 ? 512 : 1024;
    t.dramLatency = latency;
    t.dmaBytesPerCycle = dma;
    t.storeBytesPerCycle = store;
    MatmulLayer layer{m, n, k, batch, bias != 0, fullC != 0};
    MatmulTile tile{i, j, kk};
    std::printf("%lld %lld\n",
                (long long)estimateMatmulCost(layer, tile, t).cycles,
                (long long)matmulCyclesLowerBound(layer, tile, t));
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc >= 3 && !std::strcmp(argv[1], "resnet50"))
    return runResnet(std::atoll(argv[2]), argc >= 4 && !std::strcmp(argv[3], "i32"),
                     !(argc >= 5 && !std::strcmp(argv[4], "nobias")));
  if (argc >= 3 && !std::strcmp(argv[1], "resnet50-module"))
    return printModule(std::atoll(argv[2]), argc >= 4 && !std::strcmp(argv[3], "i32"));
  if (argc == 2 && !std::strcmp(argv[1], "estimate"))
    return runEstimates();
  std::fprintf(stderr,
               "usage: %s resnet50 BATCH [i8|i32 [nobias]] | resnet50-module "
               "BATCH [i8|i32] | estimate\n",
               argv[0]);
  return 2;
}
