//===- LinearOpInterfaceTest.cpp - nn's linear layers as the array sees them ==//
//
// Parses small nn.conv, nn.gemm and nn.matmul ops and checks their
// LinearOpInterface answers (operand roles, contracted dimensions, the
// LinearLayer description, accumulator types) against values worked out by
// hand from the shapes and the convolution output formula
// floor((D + pad_begin + pad_end - dilation * (K - 1) - 1) / stride) + 1.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/NN/IR/NNOps.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/InitAllDialects.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::tessel;
using nn::LinearKind;
using nn::LinearLayer;
using nn::LinearOpInterface;

namespace {

using Dims = llvm::SmallVector<int64_t, 3>;

struct LinearOpInterfaceTest : ::testing::Test {
  LinearOpInterfaceTest() : ctx(makeRegistry()) {
    ctx.loadAllAvailableDialects();
  }
  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    tessel::registerAllDialects(registry);
    return registry;
  }

  /// Parses a module of one function and returns the function's first op.
  Operation *firstOp(llvm::StringRef source) {
    module = parseSourceString<ModuleOp>(source, &ctx);
    if (!module)
      return nullptr;
    auto f = cast<func::FuncOp>(module->getBody()->front());
    return &f.getBody().front().front();
  }
  Value arg(unsigned i) {
    auto f = cast<func::FuncOp>(module->getBody()->front());
    return f.getArgument(i);
  }
  /// The op's interface, which every linear op under test must have.
  LinearOpInterface linear(llvm::StringRef source) {
    Operation *op = firstOp(source);
    EXPECT_NE(op, nullptr);
    auto l = op ? dyn_cast<LinearOpInterface>(op) : LinearOpInterface();
    EXPECT_TRUE(l) << "not a LinearOpInterface op";
    return l;
  }

  MLIRContext ctx;
  OwningOpRef<ModuleOp> module;
};

// Grouped, strided, padded, dilated 2-D convolution with a bias:
// x 2x8x11x10, w 12x4x3x3 (group 2), strides (2, 3), dilations (2, 1),
// pads top 1, left 2, bottom 0, right 1.
// H: (11 + 1 + 0 - 2 * 2 - 1) / 2 + 1 = 7 / 2 + 1 = 4
// W: (10 + 2 + 1 - 1 * 2 - 1) / 3 + 1 = 10 / 3 + 1 = 4
TEST_F(LinearOpInterfaceTest, GroupedConv) {
  auto conv = linear(R"mlir(
func.func @f(%x: tensor<2x8x11x10xf32>, %w: tensor<12x4x3x3xf32>, %b: tensor<12xf32>) -> tensor<2x12x4x4xf32> {
  %y = nn.conv %x, %w, %b {strides = array<i64: 2, 3>, pads = array<i64: 1, 2, 0, 1>, dilations = array<i64: 2, 1>, group = 2 : i64} : (tensor<2x8x11x10xf32>, tensor<12x4x3x3xf32>, tensor<12xf32>) -> tensor<2x12x4x4xf32>
  return %y : tensor<2x12x4x4xf32>
}
)mlir");
  ASSERT_TRUE(conv);
  EXPECT_EQ(conv.getInput(), arg(0));
  EXPECT_EQ(conv.getWeight(), arg(1));
  EXPECT_EQ(conv.getBias(), arg(2));
  ASSERT_NE(conv.getBiasOperand(), nullptr);
  EXPECT_EQ(conv.getInputOperand().getOperandNumber(), 0u);
  EXPECT_EQ(conv.getWeightOperand().getOperandNumber(), 1u);
  EXPECT_EQ(conv.getBiasOperand()->getOperandNumber(), 2u);
  EXPECT_EQ(conv.getInputContractedDim(), 1);
  EXPECT_EQ(conv.getWeightContractedDim(), 1);
  EXPECT_EQ(conv.getWeightChannelDim(), 0);
  EXPECT_EQ(conv.getResultChannelDim(), 1);
  EXPECT_EQ(conv.getContractedSize(), 4 * 3 * 3);
  EXPECT_TRUE(conv.isPlainProduct());
  EXPECT_FALSE(conv.hasQuantizedOperands());

  std::optional<LinearLayer> l = conv.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_EQ(l->kind, LinearKind::Conv);
  EXPECT_EQ(l->batch, 2);
  EXPECT_EQ(l->inChannels, 8);
  EXPECT_EQ(l->outChannels, 12);
  EXPECT_EQ(l->groups, 2);
  EXPECT_FALSE(l->isDepthwise());
  EXPECT_TRUE(l->hasBias);
  EXPECT_EQ(l->spatialRank(), 2);
  EXPECT_EQ(l->inputSize, Dims({11, 10}));
  EXPECT_EQ(l->kernelSize, Dims({3, 3}));
  EXPECT_EQ(l->outputSize, Dims({4, 4}));
  EXPECT_EQ(l->strides, Dims({2, 3}));
  EXPECT_EQ(l->dilations, Dims({2, 1}));
  EXPECT_EQ(l->padsBegin, Dims({1, 2}));
  EXPECT_EQ(l->padsEnd, Dims({0, 1}));
  // im2col per group: 2 images x 16 pixels, 12 / 2 filters, 4 x 9 taps.
  EXPECT_EQ(l->m, 2 * 4 * 4);
  EXPECT_EQ(l->n, 6);
  EXPECT_EQ(l->k, 36);
  EXPECT_EQ(l->count(), 2);
}

// Depthwise 3x3 with channel multiplier 2: x 1x6x5x5, w 12x1x3x3, group 6,
// pads 1: (5 + 2 - 2 - 1) / 1 + 1 = 5.
TEST_F(LinearOpInterfaceTest, DepthwiseConv) {
  auto conv = linear(R"mlir(
func.func @f(%x: tensor<1x6x5x5xf32>, %w: tensor<12x1x3x3xf32>) -> tensor<1x12x5x5xf32> {
  %y = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 6 : i64} : (tensor<1x6x5x5xf32>, tensor<12x1x3x3xf32>) -> tensor<1x12x5x5xf32>
  return %y : tensor<1x12x5x5xf32>
}
)mlir");
  ASSERT_TRUE(conv);
  EXPECT_EQ(conv.getBiasOperand(), nullptr);
  EXPECT_FALSE(conv.getBias());
  EXPECT_EQ(conv.getContractedSize(), 9);
  std::optional<LinearLayer> l = conv.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->isDepthwise());
  EXPECT_FALSE(l->hasBias);
  EXPECT_EQ(l->groups, 6);
  EXPECT_EQ(l->outputSize, Dims({5, 5}));
  EXPECT_EQ(l->m, 25);
  EXPECT_EQ(l->n, 2);
  EXPECT_EQ(l->k, 9);
}

// 1-D: x 1x3x16, w 4x3x5, stride 2, pads 2, 2: (16 + 4 - 4 - 1) / 2 + 1 = 8.
TEST_F(LinearOpInterfaceTest, Conv1d) {
  auto conv = linear(R"mlir(
func.func @f(%x: tensor<1x3x16xf32>, %w: tensor<4x3x5xf32>) -> tensor<1x4x8xf32> {
  %y = nn.conv %x, %w {strides = array<i64: 2>, pads = array<i64: 2, 2>, dilations = array<i64: 1>, group = 1 : i64} : (tensor<1x3x16xf32>, tensor<4x3x5xf32>) -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}
)mlir");
  ASSERT_TRUE(conv);
  std::optional<LinearLayer> l = conv.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_EQ(l->spatialRank(), 1);
  EXPECT_EQ(l->outputSize, Dims({8}));
  EXPECT_EQ(l->padsBegin, Dims({2}));
  EXPECT_EQ(l->padsEnd, Dims({2}));
  EXPECT_EQ(l->m, 8);
  EXPECT_EQ(l->n, 4);
  EXPECT_EQ(l->k, 15);
  EXPECT_EQ(l->count(), 1);
}

// y (3x7) = a (3x5) x b^T, b stored 7x5, plus c (7).
TEST_F(LinearOpInterfaceTest, GemmTransB) {
  auto gemm = linear(R"mlir(
func.func @f(%a: tensor<3x5xf32>, %b: tensor<7x5xf32>, %c: tensor<7xf32>) -> tensor<3x7xf32> {
  %y = nn.gemm %a, %b, %c {trans_b = true} : (tensor<3x5xf32>, tensor<7x5xf32>, tensor<7xf32>) -> tensor<3x7xf32>
  return %y : tensor<3x7xf32>
}
)mlir");
  ASSERT_TRUE(gemm);
  EXPECT_EQ(gemm.getInput(), arg(0));
  EXPECT_EQ(gemm.getWeight(), arg(1));
  EXPECT_EQ(gemm.getBias(), arg(2));
  EXPECT_EQ(gemm.getInputContractedDim(), 1);
  EXPECT_EQ(gemm.getWeightContractedDim(), 1);
  EXPECT_EQ(gemm.getWeightChannelDim(), 0);
  EXPECT_EQ(gemm.getResultChannelDim(), 1);
  EXPECT_EQ(gemm.getContractedSize(), 5);
  EXPECT_TRUE(gemm.isPlainProduct());
  std::optional<LinearLayer> l = gemm.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_EQ(l->kind, LinearKind::MatMul);
  EXPECT_EQ(l->batch, 1);
  EXPECT_EQ(l->m, 3);
  EXPECT_EQ(l->n, 7);
  EXPECT_EQ(l->k, 5);
  EXPECT_FALSE(l->transposeA);
  EXPECT_TRUE(l->transposeB);
  EXPECT_TRUE(l->hasBias);
  EXPECT_FALSE(l->isDepthwise());
}

// y (3x7) = alpha a^T x b, a stored 5x3: not a plain product.
TEST_F(LinearOpInterfaceTest, GemmTransAScaled) {
  auto gemm = linear(R"mlir(
func.func @f(%a: tensor<5x3xf32>, %b: tensor<5x7xf32>) -> tensor<3x7xf32> {
  %y = nn.gemm %a, %b {trans_a = true, alpha = 2.0 : f32} : (tensor<5x3xf32>, tensor<5x7xf32>) -> tensor<3x7xf32>
  return %y : tensor<3x7xf32>
}
)mlir");
  ASSERT_TRUE(gemm);
  EXPECT_FALSE(gemm.isPlainProduct());
  EXPECT_EQ(gemm.getBiasOperand(), nullptr);
  EXPECT_EQ(gemm.getInputContractedDim(), 0);
  EXPECT_EQ(gemm.getWeightContractedDim(), 0);
  EXPECT_EQ(gemm.getWeightChannelDim(), 1);
  std::optional<LinearLayer> l = gemm.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_EQ(l->m, 3);
  EXPECT_EQ(l->n, 7);
  EXPECT_EQ(l->k, 5);
  EXPECT_TRUE(l->transposeA);
  EXPECT_FALSE(l->transposeB);
  EXPECT_FALSE(l->hasBias);
}

// A shared 2-D weight: the 2 x 3 batches of 4 rows fold into m = 24.
TEST_F(LinearOpInterfaceTest, MatMulFoldsBatch) {
  auto mm = linear(R"mlir(
func.func @f(%a: tensor<2x3x4x5xf32>, %b: tensor<5x6xf32>) -> tensor<2x3x4x6xf32> {
  %y = nn.matmul %a, %b : (tensor<2x3x4x5xf32>, tensor<5x6xf32>) -> tensor<2x3x4x6xf32>
  return %y : tensor<2x3x4x6xf32>
}
)mlir");
  ASSERT_TRUE(mm);
  EXPECT_EQ(mm.getInput(), arg(0));
  EXPECT_EQ(mm.getWeight(), arg(1));
  EXPECT_EQ(mm.getBiasOperand(), nullptr);
  EXPECT_EQ(mm.getInputContractedDim(), 3);
  EXPECT_EQ(mm.getWeightContractedDim(), 0);
  EXPECT_EQ(mm.getWeightChannelDim(), 1);
  EXPECT_EQ(mm.getResultChannelDim(), 3);
  EXPECT_EQ(mm.getContractedSize(), 5);
  std::optional<LinearLayer> l = mm.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_EQ(l->kind, LinearKind::MatMul);
  EXPECT_EQ(l->batch, 1);
  EXPECT_EQ(l->m, 24);
  EXPECT_EQ(l->n, 6);
  EXPECT_EQ(l->k, 5);
  EXPECT_FALSE(l->transposeA || l->transposeB || l->hasBias);
}

// A weight with batch dimensions: a 2x1x4x5 and b 3x5x6 broadcast to
// 2 x 3 products of 4x5 by 5x6.
TEST_F(LinearOpInterfaceTest, MatMulBatchedWeight) {
  auto mm = linear(R"mlir(
func.func @f(%a: tensor<2x1x4x5xf32>, %b: tensor<3x5x6xf32>) -> tensor<2x3x4x6xf32> {
  %y = nn.matmul %a, %b : (tensor<2x1x4x5xf32>, tensor<3x5x6xf32>) -> tensor<2x3x4x6xf32>
  return %y : tensor<2x3x4x6xf32>
}
)mlir");
  ASSERT_TRUE(mm);
  EXPECT_EQ(mm.getWeightContractedDim(), 1);
  EXPECT_EQ(mm.getWeightChannelDim(), 2);
  EXPECT_EQ(mm.getResultChannelDim(), 3);
  std::optional<LinearLayer> l = mm.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_EQ(l->batch, 6);
  EXPECT_EQ(l->count(), 6);
  EXPECT_EQ(l->m, 4);
  EXPECT_EQ(l->n, 6);
  EXPECT_EQ(l->k, 5);
}

// A weight whose batch dimensions are all 1 is shared: 2 x 4 rows fold.
TEST_F(LinearOpInterfaceTest, MatMulUnitBatchWeightFolds) {
  auto mm = linear(R"mlir(
func.func @f(%a: tensor<2x4x5xf32>, %b: tensor<1x5x6xf32>) -> tensor<2x4x6xf32> {
  %y = nn.matmul %a, %b : (tensor<2x4x5xf32>, tensor<1x5x6xf32>) -> tensor<2x4x6xf32>
  return %y : tensor<2x4x6xf32>
}
)mlir");
  ASSERT_TRUE(mm);
  std::optional<LinearLayer> l = mm.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_EQ(l->batch, 1);
  EXPECT_EQ(l->m, 8);
  EXPECT_EQ(l->n, 6);
}

// 1-D operands: a vector input is one row, a vector weight one column
// without an output-channel dimension.
TEST_F(LinearOpInterfaceTest, MatMulVectors) {
  auto row = linear(R"mlir(
func.func @f(%a: tensor<5xf32>, %b: tensor<5x6xf32>) -> tensor<6xf32> {
  %y = nn.matmul %a, %b : (tensor<5xf32>, tensor<5x6xf32>) -> tensor<6xf32>
  return %y : tensor<6xf32>
}
)mlir");
  ASSERT_TRUE(row);
  EXPECT_EQ(row.getInputContractedDim(), 0);
  EXPECT_EQ(row.getResultChannelDim(), 0);
  std::optional<LinearLayer> l = row.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_EQ(l->m, 1);
  EXPECT_EQ(l->n, 6);
  EXPECT_EQ(l->k, 5);

  auto column = linear(R"mlir(
func.func @f(%a: tensor<3x4x5xf32>, %b: tensor<5xf32>) -> tensor<3x4xf32> {
  %y = nn.matmul %a, %b : (tensor<3x4x5xf32>, tensor<5xf32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}
)mlir");
  ASSERT_TRUE(column);
  EXPECT_EQ(column.getWeightContractedDim(), 0);
  EXPECT_EQ(column.getWeightChannelDim(), -1);
  EXPECT_EQ(column.getResultChannelDim(), -1);
  l = column.getLinearLayer();
  ASSERT_TRUE(l);
  EXPECT_EQ(l->batch, 1);
  EXPECT_EQ(l->m, 12);
  EXPECT_EQ(l->n, 1);
  EXPECT_EQ(l->k, 5);
}

TEST_F(LinearOpInterfaceTest, DynamicShapeHasNoLayer) {
  auto mm = linear(R"mlir(
func.func @f(%a: tensor<?x5xf32>, %b: tensor<5x6xf32>) -> tensor<?x6xf32> {
  %y = nn.matmul %a, %b : (tensor<?x5xf32>, tensor<5x6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}
)mlir");
  ASSERT_TRUE(mm);
  EXPECT_EQ(mm.getContractedSize(), 5);
  EXPECT_FALSE(mm.getLinearLayer());
}

TEST_F(LinearOpInterfaceTest, OtherOpsAreNotLinear) {
  Operation *op = firstOp(R"mlir(
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = nn.relu %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
)mlir");
  ASSERT_NE(op, nullptr);
  EXPECT_FALSE(isa<LinearOpInterface>(op));
}

// Input scale 0.5, weight scales (0.25, 0.125) per output channel (b's
// dimension 1): the accumulator has scales (0.125, 0.0625) along the
// result's last dimension, the bias's along its only one.
TEST_F(LinearOpInterfaceTest, AccumulatorTypes) {
  auto gemm = linear(R"mlir(
!x = !quant.uniform<i8:f32, 0.5>
!w = !quant.uniform<i8:f32:1, {0.25, 0.125}>
!acc = !quant.uniform<i32:f32:1, {0.125, 0.0625}>
!bias = !quant.uniform<i32:f32:0, {0.125, 0.0625}>
func.func @f(%a: tensor<3x4x!x>, %b: tensor<4x2x!w>, %c: tensor<2x!bias>) -> tensor<3x2x!acc> {
  %y = nn.gemm %a, %b, %c : (tensor<3x4x!x>, tensor<4x2x!w>, tensor<2x!bias>) -> tensor<3x2x!acc>
  return %y : tensor<3x2x!acc>
}
)mlir");
  ASSERT_TRUE(gemm);
  EXPECT_TRUE(gemm.hasQuantizedOperands());
  auto element = [](Value v) {
    return cast<ShapedType>(v.getType()).getElementType();
  };
  std::string error;
  auto fx = qt::formatOf(element(gemm.getInput()), error);
  auto fw = qt::formatOf(element(gemm.getWeight()), error);
  ASSERT_TRUE(succeeded(fx) && succeeded(fw)) << error;
  Type acc = gemm.getAccumulatorType(*fx, *fw);
  EXPECT_EQ(acc, element(gemm.getOutput()));
  auto a = qt::accumulatorOf(acc);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->storage.getWidth(), 32u);
  EXPECT_EQ(a->axis, 1);
  EXPECT_EQ(a->scales, llvm::SmallVector<double>({0.125, 0.0625}));
  EXPECT_EQ(gemm.getBiasAccumulatorType(*fx, *fw), element(gemm.getBias()));
}

} // namespace
