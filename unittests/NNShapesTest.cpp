//===- NNShapesTest.cpp - ONNX shape rules --------------------------------===//
//
// Expected values come from the formulas in the ONNX operator specification
// (Conv, MaxPool, MatMul, broadcasting), worked by hand.
//
//===----------------------------------------------------------------------===//

#include "tessel/Dialect/NN/IR/NNShapes.h"

#include "mlir/IR/BuiltinTypeInterfaces.h"

#include <gtest/gtest.h>

using namespace mlir::tessel::nn;
static constexpr int64_t kDyn = mlir::ShapedType::kDynamic;

TEST(Broadcast, NumpyRules) {
  Shape r;
  std::string err;
  ASSERT_TRUE(succeeded(broadcastShapes({2, 1, 4}, {3, 1}, r, err)));
  EXPECT_EQ(r, Shape({2, 3, 4}));
  ASSERT_TRUE(succeeded(broadcastShapes({}, {5}, r, err)));
  EXPECT_EQ(r, Shape({5}));
  ASSERT_TRUE(succeeded(broadcastShapes({1}, {0}, r, err)));
  EXPECT_EQ(r, Shape({0}));
  EXPECT_TRUE(failed(broadcastShapes({2, 3}, {4}, r, err)));
  EXPECT_EQ(err, "shapes [2, 3] and [4] are not broadcast-compatible");
}

TEST(Broadcast, DynamicDimensions) {
  Shape r;
  std::string err;
  ASSERT_TRUE(succeeded(broadcastShapes({kDyn, 3}, {4, 1}, r, err)));
  EXPECT_EQ(r, Shape({4, 3}));
  ASSERT_TRUE(succeeded(broadcastShapes({kDyn}, {1}, r, err)));
  EXPECT_EQ(r, Shape({kDyn}));
}

TEST(Broadcast, Unidirectional) {
  EXPECT_TRUE(isUnidirectionalBroadcastable({5}, {3, 5}));
  EXPECT_TRUE(isUnidirectionalBroadcastable({1, 5}, {3, 5}));
  EXPECT_FALSE(isUnidirectionalBroadcastable({3, 5}, {5}));
  EXPECT_FALSE(isUnidirectionalBroadcastable({4}, {3, 5}));
}

TEST(Window, ConvOutputSizes) {
  int64_t out;
  std::string err;
  // ResNet stem: 224, k7, s2, p3 -> 112.
  ASSERT_TRUE(succeeded(windowOutputSize(224, 7, 2, 3, 3, 1, false, out, err)));
  EXPECT_EQ(out, 112);
  // Dilation 2 makes a 3-tap kernel span 5: (10 - 5) / 1 + 1 = 6.
  ASSERT_TRUE(succeeded(windowOutputSize(10, 3, 1, 0, 0, 2, false, out, err)));
  EXPECT_EQ(out, 6);
  // Stride that does not divide: floor((7 + 2 - 3) / 2) + 1 = 4.
  ASSERT_TRUE(succeeded(windowOutputSize(7, 3, 2, 1, 1, 1, false, out, err)));
  EXPECT_EQ(out, 4);
  EXPECT_TRUE(failed(windowOutputSize(2, 3, 1, 0, 0, 1, false, out, err)));
  EXPECT_EQ(out, 4); // untouched on failure
}

TEST(Window, PoolCeilMode) {
  int64_t out;
  std::string err;
  // 5 wide, k2 s2: floor gives 2, ceil gives 3.
  ASSERT_TRUE(succeeded(windowOutputSize(5, 2, 2, 0, 0, 1, false, out, err)));
  EXPECT_EQ(out, 2);
  ASSERT_TRUE(succeeded(windowOutputSize(5, 2, 2, 0, 0, 1, true, out, err)));
  EXPECT_EQ(out, 3);
  // 4 wide, k3 s2 pad 1/1: ceil((4+2-3)/2)+1 = 3; the 3rd window starts at
  // (3-1)*2 = 4 < in + padBegin = 5, inside the input, so it stays.
  ASSERT_TRUE(succeeded(windowOutputSize(4, 3, 2, 1, 1, 1, true, out, err)));
  EXPECT_EQ(out, 3);
  // 6 wide, k1 s2 pad 0/1: ceil((6+1-1)/2)+1 = 4; the 4th window starts at 6,
  // in the end padding, so it is dropped.
  ASSERT_TRUE(succeeded(windowOutputSize(6, 1, 2, 0, 1, 1, true, out, err)));
  EXPECT_EQ(out, 3);
}

TEST(Window, AttributeChecks) {
  std::string err;
  EXPECT_TRUE(succeeded(checkWindowAttrs(2, {1, 1}, {0, 0, 0, 0}, {1, 1}, err)));
  EXPECT_TRUE(failed(checkWindowAttrs(2, {1}, {0, 0, 0, 0}, {1, 1}, err)));
  EXPECT_TRUE(failed(checkWindowAttrs(1, {1}, {-1, 0}, {1}, err)));
  EXPECT_EQ(err, "pads must be non-negative");
}

TEST(MatMul, NumpySemantics) {
  Shape r;
  std::string err;
  ASSERT_TRUE(succeeded(matmulShape({2, 1, 3, 4}, {5, 4, 6}, r, err)));
  EXPECT_EQ(r, Shape({2, 5, 3, 6}));
  ASSERT_TRUE(succeeded(matmulShape({4}, {4, 6}, r, err)));
  EXPECT_EQ(r, Shape({6}));
  ASSERT_TRUE(succeeded(matmulShape({3, 4}, {4}, r, err)));
  EXPECT_EQ(r, Shape({3}));
  ASSERT_TRUE(succeeded(matmulShape({4}, {4}, r, err)));
  EXPECT_EQ(r, Shape({}));
  EXPECT_TRUE(failed(matmulShape({3, 4}, {5, 6}, r, err)));
}

TEST(Axis, Normalize) {
  int64_t a;
  std::string err;
  ASSERT_TRUE(succeeded(normalizeAxis(-1, 4, a, err)));
  EXPECT_EQ(a, 3);
  EXPECT_TRUE(failed(normalizeAxis(4, 4, a, err)));
  EXPECT_TRUE(failed(normalizeAxis(-5, 4, a, err)));
}
