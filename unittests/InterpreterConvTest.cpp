//===- InterpreterConvTest.cpp - the cached float32 convolution path ------===//
//
// The oneDNN convolution keeps plans (and constant weights reordered) in a
// KernelCache across runs. These tests check it against the convolution
// formula computed here directly, and that a plan reused with other weights
// does not compute with stale ones.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/InitAllDialects.h"
#include "tessel/InitAllInterpreters.h"
#include "tessel/Interpreter/Interpreter.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <random>

using namespace mlir;
using tessel::interp::Tensor;

namespace {

// x: 1x32x9x8, w: 32x16x3x3 (group 2), stride (2, 1), dilation (1, 2),
// pads (top 1, left 0, bottom 2, right 1): y is 1x32x5x5.
constexpr int64_t C = 32, H = 9, W = 8, O = 32, K = 3, G = 2, OH = 5, OW = 5;
constexpr int64_t SH = 2, SW = 1, DH = 1, DW = 2, PT = 1, PL = 0;

const char *kModule = R"mlir(
func.func @args(%x: tensor<1x32x9x8xf32>, %w: tensor<32x16x3x3xf32>, %b: tensor<32xf32>) -> tensor<1x32x5x5xf32> {
  %y = nn.conv %x, %w, %b {strides = array<i64: 2, 1>, pads = array<i64: 1, 0, 2, 1>, dilations = array<i64: 1, 2>, group = 2 : i64} : (tensor<1x32x9x8xf32>, tensor<32x16x3x3xf32>, tensor<32xf32>) -> tensor<1x32x5x5xf32>
  return %y : tensor<1x32x5x5xf32>
}
)mlir";

struct ConvTest : ::testing::Test {
  ConvTest() : ctx(makeRegistry()) { ctx.loadAllAvailableDialects(); }
  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    tessel::registerAllDialects(registry);
    tessel::registerAllInterpreters(registry);
    return registry;
  }

  Tensor random(llvm::ArrayRef<int64_t> shape, std::mt19937 &gen) {
    Tensor t(RankedTensorType::get(shape, Float32Type::get(&ctx)));
    std::uniform_real_distribution<float> dist(-1, 1);
    for (int64_t i = 0; i < t.getNumElements(); ++i)
      t.data<float>()[i] = dist(gen);
    return t;
  }

  /// y[o, r, c] = b[o] + sum over the group's channels and the window.
  static std::vector<double> reference(const Tensor &x, const Tensor &w,
                                       const Tensor &b) {
    std::vector<double> y(O * OH * OW);
    const float *xd = x.data<float>(), *wd = w.data<float>();
    for (int64_t o = 0; o < O; ++o)
      for (int64_t r = 0; r < OH; ++r)
        for (int64_t c = 0; c < OW; ++c) {
          double acc = b.data<float>()[o];
          int64_t g = o / (O / G);
          for (int64_t ci = 0; ci < C / G; ++ci)
            for (int64_t kr = 0; kr < K; ++kr)
              for (int64_t kc = 0; kc < K; ++kc) {
                int64_t ir = r * SH - PT + kr * DH, ic = c * SW - PL + kc * DW;
                if (ir < 0 || ir >= H || ic < 0 || ic >= W)
                  continue;
                acc += double(xd[((g * C / G + ci) * H + ir) * W + ic]) *
                       wd[((o * C / G + ci) * K + kr) * K + kc];
              }
          y[(o * OH + r) * OW + c] = acc;
        }
    return y;
  }

  static void expectNear(const Tensor &got, const std::vector<double> &want) {
    ASSERT_EQ(got.getNumElements(), static_cast<int64_t>(want.size()));
    for (size_t i = 0; i < want.size(); ++i)
      EXPECT_NEAR(got.data<float>()[i], want[i], 1e-5) << "element " << i;
  }

  MLIRContext ctx;
};

} // namespace

TEST_F(ConvTest, CachedPlanWithNewWeightsUsesThem) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kModule, &ctx);
  ASSERT_TRUE(module);
  auto func = module->lookupSymbol<func::FuncOp>("args");
  tessel::interp::KernelCache cache;
  tessel::interp::RunOptions options;
  options.cache = &cache;
  std::mt19937 gen(7);
  for (int run = 0; run < 3; ++run) {
    Tensor x = random({1, C, H, W}, gen), w = random({O, C / G, K, K}, gen),
           b = random({O}, gen);
    auto results = tessel::interp::run(func, {x, w, b}, options);
    ASSERT_TRUE(succeeded(results));
    SCOPED_TRACE("run " + std::to_string(run));
    expectNear((*results)[0], reference(x, w, b));
  }
}

TEST_F(ConvTest, ConstantWeightsAreReorderedOnceAndStayRight) {
  std::mt19937 gen(11);
  Tensor w = random({O, C / G, K, K}, gen), b = random({O}, gen);
  // The same convolution with the weights as a constant of the module.
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kModule, &ctx);
  ASSERT_TRUE(module);
  auto func = module->lookupSymbol<func::FuncOp>("args");
  OpBuilder builder(func.getBody());
  Block &body = func.getBody().front();
  builder.setInsertionPointToStart(&body);
  auto attr = DenseElementsAttr::getFromRawBuffer(
      w.getType(), llvm::ArrayRef<char>(w.bytes().data(), w.bytes().size()));
  auto constant = tessel::nn::ConstantOp::create(builder, func.getLoc(), attr);
  body.getArgument(1).replaceAllUsesWith(constant.getResult());

  tessel::interp::KernelCache cache;
  tessel::interp::RunOptions options;
  options.cache = &cache;
  Tensor unusedWeights = random({O, C / G, K, K}, gen);
  for (int run = 0; run < 3; ++run) {
    Tensor x = random({1, C, H, W}, gen);
    auto results =
        tessel::interp::run(func, {x, unusedWeights, b}, options);
    ASSERT_TRUE(succeeded(results));
    SCOPED_TRACE("run " + std::to_string(run));
    expectNear((*results)[0], reference(x, w, b));
  }
}
