//===- InterpreterFastPathTest.cpp - float32 kernels against double ones --===//
//
// The nn kernels have float32 fast paths (strided block copies for data
// movement, contiguous loops for broadcasting arithmetic, reductions,
// softmax, layer norm, erf and gelu) beside the generic double paths that
// define them. Each case here runs one function at f32 and at f64 on the
// same values and compares within float rounding (bit for bit where the
// float result is the double one rounded); data movement, which is the
// same code for every type, against index arithmetic written here. The
// vectorized exp and erf are checked against libm.
//
//===----------------------------------------------------------------------===//

#include "FastMath.h"

#include "tessel/InitAllDialects.h"
#include "tessel/InitAllInterpreters.h"
#include "tessel/Interpreter/Interpreter.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace mlir;
using tessel::interp::Tensor;

namespace {

struct FastPathTest : ::testing::Test {
  FastPathTest() : ctx(makeRegistry()) { ctx.loadAllAvailableDialects(); }
  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    tessel::registerAllDialects(registry);
    tessel::registerAllInterpreters(registry);
    return registry;
  }

  /// Runs `body` (a func.func @f with `T` for the element type) at f32 and
  /// f64 on the same random inputs of `shapes`; `exact` asks for equal
  /// results, otherwise within `tol` relative to max(1, |value|).
  void check(const std::string &body,
             std::vector<std::vector<int64_t>> shapes, bool exact,
             double tol = 2e-6) {
    std::mt19937 gen(3);
    std::uniform_real_distribution<float> dist(-3, 3);
    std::vector<std::vector<float>> values;
    for (auto &shape : shapes) {
      int64_t n = 1;
      for (int64_t d : shape)
        n *= d;
      std::vector<float> v(n);
      for (float &x : v)
        x = dist(gen);
      values.push_back(v);
    }
    std::vector<Tensor> results[2];
    for (int wide = 0; wide < 2; ++wide) {
      std::string text = body;
      for (size_t at; (at = text.find("xT>")) != std::string::npos;)
        text.replace(at, 3, wide ? "xf64>" : "xf32>");
      for (size_t at; (at = text.find("<T>")) != std::string::npos;)
        text.replace(at, 3, wide ? "<f64>" : "<f32>");
      OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
      ASSERT_TRUE(module) << text;
      auto func = module->lookupSymbol<func::FuncOp>("f");
      llvm::SmallVector<Tensor> args;
      for (size_t i = 0; i < shapes.size(); ++i) {
        Type elem = wide ? Type(Float64Type::get(&ctx))
                         : Type(Float32Type::get(&ctx));
        Tensor t(RankedTensorType::get(shapes[i], elem));
        for (size_t k = 0; k < values[i].size(); ++k)
          t.setFromDouble(k, values[i][k]);
        args.push_back(std::move(t));
      }
      auto out = tessel::interp::run(func, args);
      ASSERT_TRUE(succeeded(out)) << text;
      results[wide].assign(out->begin(), out->end());
    }
    ASSERT_EQ(results[0].size(), results[1].size());
    for (size_t r = 0; r < results[0].size(); ++r) {
      const Tensor &f = results[0][r], &d = results[1][r];
      ASSERT_EQ(f.getShape(), d.getShape());
      for (int64_t i = 0; i < f.getNumElements(); ++i) {
        double got = f.getAsDouble(i), want = d.getAsDouble(i);
        if (exact)
          ASSERT_EQ(got, static_cast<float>(want))
              << "result " << r << " element " << i;
        else
          ASSERT_NEAR(got, want, tol * std::max(1.0, std::fabs(want)))
              << "result " << r << " element " << i;
      }
    }
  }

  /// Runs the f32 function `body` on one random input of `shape` and
  /// compares its first result bit for bit with `want(x, i)`, the input
  /// element result element i copies (data movement has no arithmetic).
  template <typename Fn>
  void checkMovement(const std::string &body, std::vector<int64_t> shape,
                     unsigned result, Fn sourceOf) {
    std::string text = body;
    for (size_t at; (at = text.find("xT>")) != std::string::npos;)
      text.replace(at, 3, "xf32>");
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
    ASSERT_TRUE(module) << text;
    auto func = module->lookupSymbol<func::FuncOp>("f");
    Tensor x(RankedTensorType::get(shape, Float32Type::get(&ctx)));
    for (int64_t i = 0; i < x.getNumElements(); ++i)
      x.data<float>()[i] = static_cast<float>(i);
    auto out = tessel::interp::run(func, {x});
    ASSERT_TRUE(succeeded(out)) << text;
    const Tensor &y = (*out)[result];
    llvm::SmallVector<int64_t> idx(y.getRank());
    for (int64_t o = 0; o < y.getNumElements(); ++o) {
      for (int64_t d = y.getRank() - 1, rem = o; d >= 0; --d) {
        idx[d] = rem % y.getShape()[d];
        rem /= y.getShape()[d];
      }
      ASSERT_EQ(y.data<float>()[o], static_cast<float>(sourceOf(idx)))
          << "element " << o;
    }
  }

  MLIRContext ctx;
};

std::string unaryFunc(const std::string &in, const std::string &out,
                      const std::string &op) {
  return "func.func @f(%x: tensor<" + in + ">) -> tensor<" + out + "> {\n" +
         "  %y = " + op + "\n  return %y : tensor<" + out + ">\n}\n";
}

} // namespace

TEST(FastMath, ExpAgainstLibm) {
  double worst = 0;
  for (float x = -86.0f; x <= 88.7f; x += 1.0e-3f) {
    double want = std::exp(double(x));
    worst = std::max(worst,
                     std::fabs(tessel::nn::fastExp(x) - want) / want);
  }
  EXPECT_LT(worst, 1.5e-7);
  EXPECT_EQ(tessel::nn::fastExp(-INFINITY), 0.0f);
  EXPECT_EQ(tessel::nn::fastExp(-100.0f), 0.0f);
  EXPECT_EQ(tessel::nn::fastExp(0.0f), 1.0f);
  EXPECT_TRUE(std::isinf(tessel::nn::fastExp(89.0f)));
  EXPECT_TRUE(std::isnan(tessel::nn::fastExp(NAN)));
}

TEST(FastMath, ErfAgainstLibm) {
  double worst = 0;
  for (float x = -6.0f; x <= 6.0f; x += 1.0e-4f)
    worst = std::max(worst, std::fabs(tessel::nn::fastErf(x) -
                                      std::erf(double(x))));
  EXPECT_LT(worst, 5e-7);
  EXPECT_EQ(tessel::nn::fastErf(INFINITY), 1.0f);
  EXPECT_EQ(tessel::nn::fastErf(-INFINITY), -1.0f);
  EXPECT_EQ(tessel::nn::fastErf(0.0f), 0.0f);
  EXPECT_TRUE(std::isnan(tessel::nn::fastErf(NAN)));
}

// The array forms run the clone built for this machine's vectors; each
// element must still be libm's value within the scalar bounds, NaN and the
// infinities included, over a length that leaves a partial vector.
TEST(FastMath, ErfArrayAgainstLibm) {
  std::vector<float> x;
  for (float v = -6.0f; v <= 6.0f; v += 1.0e-4f)
    x.push_back(v);
  x.insert(x.end(), {NAN, INFINITY, -INFINITY, 0.0f, -0.0f});
  ASSERT_NE(x.size() % 64, 0u);
  std::vector<float> y(x.size());
  tessel::nn::erfF32(x.data(), y.data(), x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) {
      EXPECT_TRUE(std::isnan(y[i]));
      continue;
    }
    EXPECT_LT(std::fabs(y[i] - std::erf(double(x[i]))), 5e-7) << x[i];
  }
  // In place, as the interpreter calls it on a donated operand.
  std::vector<float> z = x;
  tessel::nn::erfF32(z.data(), z.data(), z.size());
  for (size_t i = 0; i < x.size(); ++i)
    EXPECT_TRUE(std::memcmp(&z[i], &y[i], sizeof(float)) == 0) << x[i];
}

TEST(FastMath, ExpShiftedArrayAgainstLibm) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-80.0f, 10.0f);
  std::vector<float> x(1003);
  for (float &v : x)
    v = dist(rng);
  x[7] = -INFINITY;
  const float shift = 5.0f;
  std::vector<float> y(x.size());
  double sum = tessel::nn::expShiftedF32(x.data(), y.data(), x.size(), shift);
  double want = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    // Softmax's float path subtracts in float, then takes exp.
    double e = std::exp(double(x[i] - shift));
    want += e;
    EXPECT_LE(std::fabs(y[i] - e), 1.5e-7 * e) << x[i];
  }
  EXPECT_EQ(y[7], 0.0f);
  EXPECT_LT(std::fabs(sum - want), 1e-6 * want);
}

/// Row-major linear index of `idx` in `shape`.
int64_t linear(llvm::ArrayRef<int64_t> idx, llvm::ArrayRef<int64_t> shape) {
  int64_t i = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    i = i * shape[d] + idx[d];
  return i;
}

TEST_F(FastPathTest, Transpose) {
  auto transpose = [&](std::vector<int64_t> in, std::vector<int64_t> perm) {
    std::string inShape, outShape, permText;
    for (size_t d = 0; d < in.size(); ++d) {
      inShape += std::to_string(in[d]) + "x";
      outShape += std::to_string(in[perm[d]]) + "x";
      permText += (d ? ", " : "") + std::to_string(perm[d]);
    }
    SCOPED_TRACE(inShape + " perm " + permText);
    checkMovement(unaryFunc(inShape + "T", outShape + "T",
                            "nn.transpose %x {perm = array<i64: " + permText +
                                ">} : (tensor<" + inShape +
                                "T>) -> tensor<" + outShape + "T>"),
                  in, 0, [&](llvm::ArrayRef<int64_t> idx) {
                    llvm::SmallVector<int64_t> src(in.size());
                    for (size_t d = 0; d < in.size(); ++d)
                      src[perm[d]] = idx[d];
                    return linear(src, in);
                  });
  };
  for (std::vector<int64_t> perm :
       {std::vector<int64_t>{0, 2, 1, 3}, {3, 2, 1, 0}, {0, 1, 3, 2},
        {1, 0, 2, 3}, {2, 0, 3, 1}, {0, 1, 2, 3}})
    transpose({2, 3, 40, 50}, perm);
  transpose({1, 5, 1, 3}, {3, 2, 0, 1});
  transpose({3, 2}, {1, 0});
  // Attention's key transpose, large enough for the thread team.
  transpose({1, 12, 197, 64}, {0, 1, 3, 2});
  transpose({197, 1, 12, 64}, {1, 2, 0, 3});
}

TEST_F(FastPathTest, SliceSplitGather) {
  // Steps of 1, -2 and 3.
  checkMovement(unaryFunc("4x8x6xT", "2x4x2xT",
                          "nn.slice %x {starts = array<i64: 1, 7, 0>, ends = "
                          "array<i64: 3, -1, 6>, steps = array<i64: 1, -2, "
                          "3>} : (tensor<4x8x6xT>) -> tensor<2x4x2xT>"),
                {4, 8, 6}, 0, [](llvm::ArrayRef<int64_t> i) {
                  return linear({1 + i[0], 7 - 2 * i[1], 3 * i[2]}, {4, 8, 6});
                });
  checkMovement(unaryFunc("1x197x2304xT", "1x197x768xT",
                          "nn.slice %x {starts = array<i64: 0, 0, 768>, ends "
                          "= array<i64: 1, 197, 1536>, steps = array<i64: 1, "
                          "1, 1>} : (tensor<1x197x2304xT>) -> "
                          "tensor<1x197x768xT>"),
                {1, 197, 2304}, 0, [](llvm::ArrayRef<int64_t> i) {
                  return linear({0, i[1], 768 + i[2]}, {1, 197, 2304});
                });
  const char *split = R"(func.func @f(%x: tensor<2x6x3xT>) -> (tensor<2x2x3xT>, tensor<2x4x3xT>) {
  %a, %b = nn.split %x {axis = 1 : i64, sizes = array<i64: 2, 4>} : (tensor<2x6x3xT>) -> (tensor<2x2x3xT>, tensor<2x4x3xT>)
  return %a, %b : tensor<2x2x3xT>, tensor<2x4x3xT>
})";
  for (unsigned r = 0; r < 2; ++r)
    checkMovement(split, {2, 6, 3}, r, [&](llvm::ArrayRef<int64_t> i) {
      return linear({i[0], i[1] + 2 * r, i[2]}, {2, 6, 3});
    });
  checkMovement(R"(func.func @f(%x: tensor<5x4x3xT>) -> tensor<5x2x2x3xT> {
  %i = nn.constant dense<[[3, -1], [0, 2]]> : tensor<2x2xi64>
  %y = nn.gather %x, %i {axis = 1 : i64} : (tensor<5x4x3xT>, tensor<2x2xi64>) -> tensor<5x2x2x3xT>
  return %y : tensor<5x2x2x3xT>
})",
                {5, 4, 3}, 0, [](llvm::ArrayRef<int64_t> i) {
                  int64_t rows[2][2] = {{3, 3}, {0, 2}};
                  return linear({i[0], rows[i[1]][i[2]], i[3]}, {5, 4, 3});
                });
}

TEST_F(FastPathTest, BroadcastingArithmetic) {
  struct Case {
    const char *a, *b, *out;
  };
  for (Case c : {Case{"2x3x4x5", "5", "2x3x4x5"},
                 Case{"2x3x4x5", "2x1x4x1", "2x3x4x5"},
                 Case{"1x5", "3x1", "3x5"}, Case{"1", "2x3", "2x3"},
                 Case{"3x4", "3x4", "3x4"}, Case{"300x400", "1", "300x400"},
                 Case{"1", "300x400", "300x400"},
                 Case{"1x197x768", "1x197x1", "1x197x768"}})
    for (const char *op : {"add", "sub", "mul", "div", "pow"}) {
      SCOPED_TRACE(std::string(op) + " " + c.a + " " + c.b);
      std::string ta = std::string("tensor<") + c.a + "xT>",
                  tb = std::string("tensor<") + c.b + "xT>",
                  to = std::string("tensor<") + c.out + "xT>";
      std::vector<int64_t> sa, sb;
      for (llvm::StringRef s : llvm::split(c.a, "x"))
        sa.push_back(std::stoll(s.str()));
      for (llvm::StringRef s : llvm::split(c.b, "x"))
        sb.push_back(std::stoll(s.str()));
      // pow: of |a| so that the results are numbers.
      std::string pre = std::string(op) == "pow"
                            ? "  %m = nn.mul %a, %a : (" + ta + ", " + ta +
                                  ") -> " + ta + "\n  %p = nn.sqrt %m : " +
                                  ta + "\n"
                            : "";
      std::string lhs = pre.empty() ? "%a" : "%p";
      check("func.func @f(%a: " + ta + ", %b: " + tb + ") -> " + to + " {\n" +
                pre + "  %y = nn." + op + " " + lhs + ", %b : (" + ta + ", " +
                tb + ") -> " + to + "\n  return %y : " + to + "\n}\n",
            {sa, sb}, std::string(op) != "pow", 1e-5);
    }
  // Squares, as decomposed layer norms compute them.
  check(R"(func.func @f(%x: tensor<4x7xT>) -> tensor<4x7xT> {
  %two = nn.constant dense<2.0> : tensor<1xT>
  %y = nn.pow %x, %two : (tensor<4x7xT>, tensor<1xT>) -> tensor<4x7xT>
  return %y : tensor<4x7xT>
})",
        {{4, 7}}, true);
}

TEST_F(FastPathTest, Reductions) {
  struct Case {
    const char *axes, *out;
  };
  for (Case c : {Case{"3", "2x3x40x1"}, Case{"1, 3", "2x1x40x1"},
                 Case{"0, 1", "1x1x40x50"}, Case{"1, 2", "2x1x1x50"},
                 Case{"", "1x1x1x1"}, Case{"0", "1x3x40x50"},
                 Case{"0, 2", "1x3x1x50"}})
    for (const char *op : {"reduce_mean", "reduce_sum", "reduce_max"}) {
      SCOPED_TRACE(std::string(op) + " axes " + c.axes);
      std::string out = std::string(c.out) + "xT";
      check(unaryFunc("2x3x40x50xT", out,
                      std::string("nn.") + op + " %x {axes = array<i64" +
                          (*c.axes ? ": " : "") + c.axes +
                          ">} : (tensor<2x3x40x50xT>) -> tensor<" + out + ">"),
            {{2, 3, 40, 50}}, std::string(op) == "reduce_max", 1e-5);
    }
}

TEST_F(FastPathTest, SoftmaxLayerNormErfGelu) {
  for (const char *axis : {"-1", "1", "0"}) {
    SCOPED_TRACE(std::string("softmax axis ") + axis);
    check(unaryFunc("3x40x50xT", "3x40x50xT",
                    std::string("nn.softmax %x {axis = ") + axis +
                        " : i64} : tensor<3x40x50xT>"),
          {{3, 40, 50}}, false);
  }
  check(R"(func.func @f(%x: tensor<2x197x768xT>, %g: tensor<768xT>, %b: tensor<768xT>) -> tensor<2x197x768xT> {
  %y = nn.layer_norm %x, %g, %b {axis = -1 : i64, epsilon = 1.0e-06 : f32} : (tensor<2x197x768xT>, tensor<768xT>, tensor<768xT>) -> tensor<2x197x768xT>
  return %y : tensor<2x197x768xT>
})",
        {{2, 197, 768}, {768}, {768}}, false, 1e-5);
  check(unaryFunc("300x200xT", "300x200xT", "nn.erf %x : tensor<300x200xT>"),
        {{300, 200}}, false, 1e-6);
  check(unaryFunc("300x200xT", "300x200xT", "nn.gelu %x : tensor<300x200xT>"),
        {{300, 200}}, false, 2e-6);
}

TEST_F(FastPathTest, DepthwiseAndPointwiseConv) {
  // Depthwise (oneDNN's grouped primitive): strides, asymmetric pads and
  // dilations; with and without bias.
  check(R"(func.func @f(%x: tensor<2x8x9x10xT>, %w: tensor<8x1x3x3xT>, %b: tensor<8xT>) -> tensor<2x8x5x4xT> {
  %y = nn.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 2, 1>, dilations = array<i64: 1, 2>, group = 8 : i64} : (tensor<2x8x9x10xT>, tensor<8x1x3x3xT>, tensor<8xT>) -> tensor<2x8x5x4xT>
  return %y : tensor<2x8x5x4xT>
})",
        {{2, 8, 9, 10}, {8, 1, 3, 3}, {8}}, false, 1e-5);
  check(R"(func.func @f(%x: tensor<1x96x56x56xT>, %w: tensor<96x1x3x3xT>) -> tensor<1x96x56x56xT> {
  %y = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 96 : i64} : (tensor<1x96x56x56xT>, tensor<96x1x3x3xT>) -> tensor<1x96x56x56xT>
  return %y : tensor<1x96x56x56xT>
})",
        {{1, 96, 56, 56}, {96, 1, 3, 3}}, false, 1e-5);
  // Pointwise (sgemm on NCHW): a batch of two, with bias.
  check(R"(func.func @f(%x: tensor<2x24x7x9xT>, %w: tensor<40x24x1x1xT>, %b: tensor<40xT>) -> tensor<2x40x7x9xT> {
  %y = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<2x24x7x9xT>, tensor<40x24x1x1xT>, tensor<40xT>) -> tensor<2x40x7x9xT>
  return %y : tensor<2x40x7x9xT>
})",
        {{2, 24, 7, 9}, {40, 24, 1, 1}, {40}}, false, 1e-5);
}

TEST_F(FastPathTest, MatmulWithConstantWeights) {
  // A batch sharing one constant weight matrix: one primitive with the
  // weights packed once, the batch folded into M.
  std::string weights;
  for (int k = 0; k < 16; ++k) {
    weights += k ? ", [" : "[";
    for (int n = 0; n < 24; ++n)
      weights += (n ? ", " : "") + std::to_string(((k * 7 + n * 3) % 11) - 5) +
                 ".5";
    weights += "]";
  }
  check("func.func @f(%x: tensor<3x5x16xT>) -> tensor<3x5x24xT> {\n"
        "  %w = nn.constant dense<[" +
            weights +
            "]> : tensor<16x24xT>\n"
            "  %y = nn.matmul %x, %w : (tensor<3x5x16xT>, tensor<16x24xT>) -> "
            "tensor<3x5x24xT>\n  return %y : tensor<3x5x24xT>\n}\n",
        {{3, 5, 16}}, false, 1e-5);
}
