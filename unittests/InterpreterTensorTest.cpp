//===- InterpreterTensorTest.cpp - runtime tensors and .npy files ---------===//

#include "tessel/Interpreter/Tensor.h"
#include "tessel/Support/Npy.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace mlir;
using mlir::tessel::interp::Tensor;

namespace {
struct TensorTest : ::testing::Test {
  MLIRContext ctx;
  Builder b{&ctx};
  Tensor make(Type element, llvm::ArrayRef<int64_t> shape) {
    return Tensor(RankedTensorType::get(shape, element));
  }
};
} // namespace

TEST_F(TensorTest, IntegerStoresTruncateAndSaturate) {
  Tensor t = make(b.getIntegerType(8), {6});
  double in[] = {300, -300, 2.7, -2.7, NAN, 127};
  double want[] = {127, -128, 2, -2, 0, 127};
  for (int i = 0; i < 6; ++i)
    t.setFromDouble(i, in[i]);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(t.getAsDouble(i), want[i]) << i;
  Tensor u = make(b.getIntegerType(8, /*isSigned=*/false), {2});
  u.setFromDouble(0, -5);
  u.setFromDouble(1, 1e9);
  EXPECT_EQ(u.getAsDouble(0), 0);
  EXPECT_EQ(u.getAsDouble(1), 255);
}

TEST_F(TensorTest, HalfPrecisionRoundsToNearestEven) {
  Tensor t = make(b.getF16Type(), {2});
  t.setFromDouble(0, 1.0 / 3.0);
  // The nearest binary16 value to 1/3 is 0x3555 = 1365/4096.
  EXPECT_EQ(t.getAsDouble(0), 1365.0 / 4096.0);
  // 2049 lies halfway between 2048 and 2050; ties go to the even 2048.
  t.setFromDouble(1, 2049);
  EXPECT_EQ(t.getAsDouble(1), 2048);
}

TEST_F(TensorTest, NpyRoundTrip) {
  Tensor t = make(b.getF32Type(), {2, 3});
  for (int i = 0; i < 6; ++i)
    t.setFromDouble(i, i * 0.5 - 1);
  std::string error;
  auto bytes = tessel::toNpy(t, error);
  ASSERT_TRUE(succeeded(bytes)) << error;
  // NumPy's format: magic, version 1.0, header padded to 64 bytes.
  EXPECT_EQ(bytes->substr(0, 6), "\x93NUMPY");
  EXPECT_EQ((bytes->size() - 6 * 4) % 64, 0u);
  auto back = tessel::parseNpy(*bytes, &ctx, error);
  ASSERT_TRUE(succeeded(back)) << error;
  EXPECT_EQ(back->getType(), t.getType());
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(back->getAsDouble(i), i * 0.5 - 1);
}

TEST_F(TensorTest, NpyRejectsWhatItCannotRead) {
  std::string error;
  EXPECT_TRUE(failed(tessel::parseNpy("not numpy", &ctx, error)));
  EXPECT_EQ(error, "not an .npy file (bad magic)");
  Tensor t = make(b.getF32Type(), {4});
  auto bytes = tessel::toNpy(t, error);
  ASSERT_TRUE(succeeded(bytes));
  EXPECT_TRUE(failed(tessel::parseNpy(bytes->substr(0, bytes->size() - 1),
                                      &ctx, error)));
  EXPECT_EQ(error, "the .npy data holds 15 bytes, its shape needs 16");
  std::string fortran = *bytes;
  size_t at = fortran.find("False");
  fortran.replace(at, 5, "True ");
  EXPECT_TRUE(failed(tessel::parseNpy(fortran, &ctx, error)));
  EXPECT_EQ(error, "Fortran-ordered .npy arrays are not supported");
}

/// An .npy header (version 1.0) claiming `shape` of `descr`, then `data`.
static std::string npyWithHeader(const std::string &descr,
                                 const std::string &shape,
                                 const std::string &data) {
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string out = "\x93NUMPY\x01";
  out += '\0';
  out += char(header.size() & 0xff);
  out += char(header.size() >> 8);
  return out + header + data;
}

TEST_F(TensorTest, NpyBoundsTheElementCount) {
  std::string error;
  // 2^31 x 2^31 elements: each dimension is in range, their product is not
  // (a wrapped byte count would have matched no data).
  EXPECT_TRUE(failed(tessel::parseNpy(
      npyWithHeader("<f4", "(2147483648, 2147483648)", ""), &ctx, error)));
  EXPECT_EQ(error, "the .npy shape has more than 2^40 elements");
  EXPECT_TRUE(failed(tessel::parseNpy(
      npyWithHeader("|i1", "(4,)", std::string(5, 'x')), &ctx, error)));
  EXPECT_EQ(error, "the .npy data holds 5 bytes, its shape needs 4");
  auto ok = tessel::parseNpy(npyWithHeader("|i1", "(0, 7)", ""), &ctx, error);
  ASSERT_TRUE(succeeded(ok)) << error;
  EXPECT_EQ(ok->getNumElements(), 0);
}

TEST_F(TensorTest, NpyWritesOnlyWhatNumPyReads) {
  std::string error;
  for (unsigned width : {24u, 128u}) {
    Tensor t = make(b.getIntegerType(width), {2});
    EXPECT_TRUE(failed(tessel::toNpy(t, error))) << width;
    EXPECT_EQ(error, "no .npy dtype for element type i" +
                         std::to_string(width));
  }
}
