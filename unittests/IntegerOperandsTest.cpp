//===- IntegerOperandsTest.cpp - zero points split for the array ----------===//
//
// Weights with zero points as int8 pieces and the channel sums the input's
// zero point multiplies; every expected value is worked out by hand.
//
//===----------------------------------------------------------------------===//

#include "IntegerOperands.h"

#include <gtest/gtest.h>

using namespace mlir::tessel;

namespace {

IntegerFormat format(std::vector<int64_t> zeros, int64_t axis, bool isSigned) {
  IntegerFormat f;
  f.zeros.assign(zeros.begin(), zeros.end());
  f.scales.assign(zeros.size(), 1.0);
  f.axis = axis;
  f.isSigned = isSigned;
  return f;
}

TEST(IntegerOperands, SignedZeroShiftsUnsignedCodes) {
  EXPECT_EQ(format({130}, -1, false).signedZero(), 2);
  EXPECT_EQ(format({0}, -1, false).signedZero(), -128);
  EXPECT_EQ(format({-3}, -1, true).signedZero(), -3);
  EXPECT_TRUE(format({0, 0}, 0, true).isArrayForm());
  EXPECT_FALSE(format({0, 1}, 0, true).isArrayForm());
  EXPECT_FALSE(format({0}, -1, false).isArrayForm());
}

// A 2 x 1 matmul weight, uint8 with zero point 20: v = [-10, 230]; 230
// needs two pieces (127 + 103), so K doubles: piece 0 of both rows, then
// piece 1.
TEST(IntegerOperands, StacksPiecesAlongTheContractedDimension) {
  WeightPieces w = splitWeight({10, 250}, {2, 1}, format({20}, -1, false),
                               /*contractedDim=*/0, /*channelDim=*/1, false);
  EXPECT_EQ(w.count, 2);
  EXPECT_EQ(w.shape, (llvm::SmallVector<int64_t>{4, 1}));
  EXPECT_EQ(w.codes, (std::vector<int8_t>{-10, 127, 0, 103}));
  EXPECT_EQ(w.channelSums, (std::vector<int64_t>{220}));
  EXPECT_EQ(w.maxAbsSum, 240);
}

// The extremes of uint8 minus a uint8 zero point: 255 takes three pieces
// (127 + 127 + 1), -255 two (-128 - 127).
TEST(IntegerOperands, UsesTheFewestPieces) {
  WeightPieces up = splitWeight({255}, {1, 1}, format({0}, -1, false), 0, 1,
                                false);
  EXPECT_EQ(up.count, 3);
  EXPECT_EQ(up.codes, (std::vector<int8_t>{127, 127, 1}));
  WeightPieces down = splitWeight({0}, {1, 1}, format({255}, -1, false), 0, 1,
                                  false);
  EXPECT_EQ(down.count, 2);
  EXPECT_EQ(down.codes, (std::vector<int8_t>{-128, -127}));
  WeightPieces fits = splitWeight({-128, 127}, {2, 1}, format({0}, -1, true),
                                  0, 1, false);
  EXPECT_EQ(fits.count, 1);
  EXPECT_EQ(fits.codes, (std::vector<int8_t>{-128, 127}));
}

// A 2 x 1 x 2 x 1 convolution weight with zero points 1 and 2 per output
// channel: v = [2, 3 | 3, -2], summed over channels and kernel.
TEST(IntegerOperands, SumsAConvolutionPerOutputChannel) {
  WeightPieces w = splitWeight({3, 4, 5, 0}, {2, 1, 2, 1},
                               format({1, 2}, 0, true), 1, 0, true);
  EXPECT_EQ(w.count, 1);
  EXPECT_EQ(w.codes, (std::vector<int8_t>{2, 3, 3, -2}));
  EXPECT_EQ(w.channelSums, (std::vector<int64_t>{5, 1}));
  EXPECT_EQ(w.maxAbsSum, 5);
}

// A batched 2 x 2 x 1 weight: one sum per batch element and column.
TEST(IntegerOperands, SumsABatchedWeightPerBatchElement) {
  WeightPieces w = splitWeight({1, 2, 3, 4}, {2, 2, 1}, format({0}, -1, true),
                               1, 2, false);
  EXPECT_EQ(w.channelSums, (std::vector<int64_t>{3, 7}));
}

// Two pieces of a 2 x 2 x 1 batched weight keep each batch element's rows
// together: [p0(b0), p1(b0), p0(b1), p1(b1)].
TEST(IntegerOperands, StacksPiecesPerBatchElement) {
  WeightPieces w = splitWeight({200, 1, 2, 3}, {2, 2, 1},
                               format({0}, -1, true), 1, 2, false);
  EXPECT_EQ(w.count, 2);
  EXPECT_EQ(w.shape, (llvm::SmallVector<int64_t>{2, 4, 1}));
  EXPECT_EQ(w.codes, (std::vector<int8_t>{127, 1, 73, 0, 2, 3, 0, 0}));
}

} // namespace
