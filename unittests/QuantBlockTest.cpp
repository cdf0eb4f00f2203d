//===- QuantBlockTest.cpp - MX, BFP and OVP against the spec's vectors ----===//

#include "tessel/Quant/BlockFormats.h"
#include "tessel/Quant/Ovp.h"
#include "tessel/Quant/Pack.h"
#include "tessel/Quant/TensorQuantizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace mlir::tessel::quant;

namespace {

struct Encoded {
  std::vector<uint8_t> scales, codes;
  std::vector<float> decoded;
};

Encoded mx(MxElement e, std::vector<float> x, unsigned block,
           Rounding r = Rounding::TiesAway) {
  MxFormat f{e, block, r};
  Encoded out;
  out.scales.resize((x.size() + block - 1) / block);
  out.codes.resize(x.size());
  out.decoded.resize(x.size());
  mxEncode(f, x.data(), x.size(), out.scales.data(), out.codes.data());
  mxDecode(f, out.scales.data(), out.codes.data(), x.size(),
           out.decoded.data());
  return out;
}

Encoded bfp(unsigned p, std::vector<float> x, unsigned block) {
  BfpFormat f{p, block};
  Encoded out;
  out.scales.resize((x.size() + block - 1) / block);
  out.codes.resize(x.size());
  out.decoded.resize(x.size());
  bfpEncode(f, x.data(), x.size(), out.scales.data(), out.codes.data());
  bfpDecode(f, out.scales.data(), out.codes.data(), x.size(),
            out.decoded.data());
  return out;
}

const float p2m6 = std::ldexp(1.0f, -6);

} // namespace

TEST(MxTest, E4M3RoundsTiesAwayAndSaturates) {
  // microxcaling tests/test_fp8_e4m3_fix.py, block of 8.
  Encoded e = mx(MxElement::E4M3,
                 {485, 475, 400, -485, -475, -450, p2m6, -p2m6}, 8);
  EXPECT_EQ(e.scales[0], 0x7F);
  EXPECT_EQ(e.decoded, (std::vector<float>{448, 448, 416, -448, -448, -448,
                                           p2m6, -p2m6}));
  Encoded even = mx(MxElement::E4M3, {485, 400}, 8, Rounding::TiesEven);
  EXPECT_EQ(even.decoded[1], 384);
}

TEST(MxTest, E4M3SharedExponentBelowOne) {
  // test_mxfp8_e4m3_round: amax 2.66 gives se = 1 - 8 = -7.
  Encoded e = mx(MxElement::E4M3, {-2.660086f, 1.275020f, 0.062245f}, 32);
  EXPECT_EQ(e.scales[0], 0x78);
  EXPECT_EQ(e.codes[0], 0xFB);
  EXPECT_EQ(e.decoded, (std::vector<float>{-2.75f, 1.25f, 0.0625f}));
}

TEST(MxTest, Int8HardwareVector) {
  // test_mx_hw_test: se = 0, ties away.
  Encoded e = mx(MxElement::Int8,
                 {1.0234375f, 1.0390625f, 1.9921875f, 0.00390625f, 0.0078125f,
                  -0.01171875f},
                 10);
  EXPECT_EQ(e.scales[0], 0x7F);
  EXPECT_EQ(e.decoded, (std::vector<float>{1.03125f, 1.046875f, 1.984375f, 0,
                                           0.015625f, -0.015625f}));
}

TEST(MxTest, Int8WithScaleTwo) {
  Encoded e = mx(MxElement::Int8,
                 {1, 0.5f, -0.3f, 0.0078125f, -0.0078125f, 0.01f, 1.9f, -2}, 32);
  EXPECT_EQ(e.scales[0], 0x80);
  EXPECT_EQ(e.codes, (std::vector<uint8_t>{0x20, 0x10, 0xF6, 0, 0, 0, 0x3D,
                                           0xC0}));
  EXPECT_EQ(e.decoded, (std::vector<float>{1, 0.5f, -0.3125f, 0, 0, 0,
                                           1.90625f, -2}));
}

TEST(MxTest, Fp4Vector) {
  std::vector<float> x = {6, 5, 2.6f, -0.8f, 0.2f, -0.25f, 0, 7.5f};
  Encoded e = mx(MxElement::E2M1, x, 32);
  EXPECT_EQ(e.scales[0], 0x7F);
  EXPECT_EQ(e.codes, (std::vector<uint8_t>{0b0111, 0b0111, 0b0101, 0b1010,
                                           0b0000, 0b1001, 0b0000, 0b0111}));
  Encoded rne = mx(MxElement::E2M1, x, 32, Rounding::TiesEven);
  EXPECT_EQ(rne.decoded[1], 4);
  // -0.25 ties between -0.5 and 0; RNE gives zero (microxcaling keeps its
  // sign, -0, which has the same value).
  EXPECT_EQ(rne.decoded[5], 0);
}

TEST(MxTest, Fp6Vectors) {
  Encoded a = mx(MxElement::E2M3, {7.5f, -3.3f, 1.06f, 0.2f, 0.07f, 8, -0.13f, 0},
                 32);
  EXPECT_EQ(a.scales[0], 0x80);
  EXPECT_EQ(a.codes, (std::vector<uint8_t>{0b010111, 0b101101, 0b000100,
                                           0b000001, 0, 0b011000, 0b100001,
                                           0}));
  EXPECT_EQ(a.decoded, (std::vector<float>{7.5f, -3.25f, 1, 0.25f, 0, 8, -0.25f,
                                           0}));
  std::vector<float> x = {28, -13, 0.3f, 0.05f, 0.03f, 30, -0.1f, 1.1f};
  Encoded b = mx(MxElement::E3M2, x, 32);
  EXPECT_EQ(b.scales[0], 0x7F);
  EXPECT_EQ(b.codes, (std::vector<uint8_t>{0b011111, 0b111011, 0b000101,
                                           0b000001, 0, 0b011111, 0b100010,
                                           0b001100}));
  EXPECT_EQ(mx(MxElement::E3M2, x, 32, Rounding::TiesEven).codes[1], 0b111010);
}

TEST(MxTest, Fp8Vectors) {
  std::vector<float> x = {448, 300, -17, 0.0173f, 0.0009f, 1, -0.3f, 500};
  Encoded a = mx(MxElement::E4M3, x, 32);
  EXPECT_EQ(a.scales[0], 0x7F);
  EXPECT_EQ(a.codes, (std::vector<uint8_t>{0x7E, 0x79, 0xD9, 0x09, 0x00, 0x38,
                                           0xAA, 0x7E}));
  EXPECT_EQ(mx(MxElement::E4M3, x, 32, Rounding::TiesEven).codes[2], 0xD8);
  Encoded b = mx(MxElement::E5M2,
                 {57344, 40000, -3.3f, 1e-4f, 1, -0.05f, 2, 1e-6f}, 32);
  EXPECT_EQ(b.scales[0], 0x7F);
  EXPECT_EQ(b.codes, (std::vector<uint8_t>{0x7B, 0x79, 0xC3, 0x07, 0x3C, 0xAA,
                                           0x40, 0x00}));
}

TEST(MxTest, ScalesNaNBlocksAndTinyBlocks) {
  EXPECT_EQ(e8m0Value(0x00), std::ldexp(1.0, -127));
  EXPECT_EQ(e8m0Value(0x7F), 1);
  EXPECT_EQ(e8m0Value(0x80), 2);
  EXPECT_EQ(e8m0Value(0xFE), std::ldexp(1.0, 127));
  EXPECT_TRUE(std::isnan(e8m0Value(0xFF)));
  // Inf or NaN anywhere makes the whole block NaN; the next block is not.
  Encoded e = mx(MxElement::E4M3, {1, INFINITY, 2, 3, 4, 5}, 2);
  EXPECT_EQ(e.scales[0], 0xFF);
  EXPECT_TRUE(std::isnan(e.decoded[0]) && std::isnan(e.decoded[1]));
  EXPECT_EQ(e.decoded[2], 2);
  Encoded n = mx(MxElement::E2M1, {1, NAN}, 32);
  EXPECT_TRUE(std::isnan(n.decoded[0]));
  Encoded tiny = mx(MxElement::E4M3, {std::ldexp(1.0f, -140), 0}, 32);
  EXPECT_EQ(tiny.scales[0], 0x00);
  EXPECT_EQ(tiny.decoded, (std::vector<float>{0, 0}));
  // The last block may be short.
  Encoded shortBlock = mx(MxElement::Int8, {1, 1, 1, 0.5f, 100}, 4);
  EXPECT_EQ(shortBlock.scales[1], 127 + 6);
  EXPECT_EQ(shortBlock.decoded[4], 100);
}

TEST(BfpTest, BlockOfOneVectors) {
  EXPECT_EQ(bfp(8, {1, 1 + 0x1p-7f, 1 + 0x1p-6f, 1 + 0x1p-6f + 0x1p-7f}, 1)
                .decoded,
            (std::vector<float>{1, 1, 1.015625f, 1.03125f}));
  EXPECT_EQ(bfp(4, {1, 1.125f, 1.25f, 1.375f}, 1).decoded,
            (std::vector<float>{1, 1, 1.25f, 1.5f}));
}

TEST(BfpTest, BlockOfEightVectors) {
  std::vector<float> x = {3.0f, -1.1f, 0.26f, 0.124f, 0.0625f, -2.9f, 3.9f, 0.5f};
  Encoded b16 = bfp(8, x, 8);
  EXPECT_EQ(b16.scales[0], 0x80);
  std::vector<int> k16 = {96, -35, 8, 4, 2, -93, 125, 16};
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(int8_t(b16.codes[i]), k16[i]) << i;
  EXPECT_EQ(b16.decoded, (std::vector<float>{3, -1.09375f, 0.25f, 0.125f,
                                             0.0625f, -2.90625f, 3.90625f,
                                             0.5f}));
  Encoded b12 = bfp(4, x, 8);
  EXPECT_EQ(b12.decoded, (std::vector<float>{3, -1, 0.5f, 0, 0, -3, 3.5f, 0.5f}));
  // BFP16's grid is MXINT8's: same values where the roundings agree.
  EXPECT_EQ(BfpFormat{8}.mantissaFormat().grid().size(), 255u);
}

TEST(BfpTest, ZeroAndNonFiniteBlocks) {
  Encoded z = bfp(8, {0, 0}, 2);
  EXPECT_EQ(z.decoded, (std::vector<float>{0, 0}));
  Encoded n = bfp(8, {1, NAN, 1, 1}, 2);
  EXPECT_EQ(n.scales[0], 0xFF);
  EXPECT_TRUE(std::isnan(n.decoded[0]));
  EXPECT_EQ(n.decoded[2], 1);
}

namespace {

std::vector<double> ovpRoundTrip(const OvpFormat &f, std::vector<double> u,
                                 std::vector<uint8_t> *codes = nullptr) {
  std::vector<uint8_t> c(u.size());
  f.encode(u.data(), u.size(), c.data());
  std::vector<double> back(u.size());
  f.decode(c.data(), c.size(), back.data());
  if (codes)
    *codes = c;
  return back;
}

} // namespace

TEST(OvpTest, Int4WorkedExample) {
  auto f = OvpFormat::get(OvpFormat::Normal::Int, 4);
  ASSERT_TRUE(f);
  // alpha = 7: scale = 7/28 = 0.25; u = x / scale.
  std::vector<double> x = {0.775, 25, 2.475, -0.625, 12.5, 15.25, 6.75, 0.125,
                           -10, -0.25};
  std::vector<double> u;
  for (double v : x)
    u.push_back(v / 0.25);
  std::vector<uint8_t> codes;
  std::vector<double> got = ovpRoundTrip(*f, u, &codes);
  EXPECT_EQ(got, (std::vector<double>{0, 96, 8, -4, 48, 0, 28, 0, -48, 0}));
  std::vector<uint8_t> packed = packCodes(4, codes.data(), codes.size());
  EXPECT_EQ(packed, (std::vector<uint8_t>{0b10000011, 0b00101001, 0b00011000,
                                          0b01110000, 0b10011000}));
  // Ties: 38 is as near 28 as 48 and goes to the outlier; -2 goes up to 0.
  EXPECT_EQ(ovpRoundTrip(*f, {38, 0}), (std::vector<double>{48, 0}));
  EXPECT_EQ(ovpRoundTrip(*f, {-2, 0}), (std::vector<double>{0, 0}));
}

TEST(OvpTest, Flint4Example) {
  auto f = OvpFormat::get(OvpFormat::Normal::Flint, 4);
  std::vector<uint8_t> codes;
  EXPECT_EQ(ovpRoundTrip(*f, {1.2, 2.9, 5.1, 7.3, 13, 20, 45, 33}, &codes),
            (std::vector<double>{2, 2, 6, 8, 12, 16, 48, 0}));
  EXPECT_EQ(packCodes(4, codes.data(), codes.size()),
            (std::vector<uint8_t>{0b00010001, 0b00110100, 0b01010110,
                                  0b00011000}));
  EXPECT_EQ(f->normal().grid().back(), 32);
}

TEST(OvpTest, Int8Example) {
  auto f = OvpFormat::get(OvpFormat::Normal::Int, 8);
  std::vector<uint8_t> codes;
  EXPECT_EQ(ovpRoundTrip(*f, {10, 31.9, 40.3, -0.1, 100, 200}, &codes),
            (std::vector<double>{10, 31.75, 40, 0, 100, 0}));
  EXPECT_EQ(codes, (std::vector<uint8_t>{0x28, 0x7F, 0x08, 0x80, 0x32, 0x80}));
  // The outlier grid: 33..63 by 1, 64..126 by 2, ..., 256..504 by 8.
  const std::vector<double> &g = f->outlier().grid();
  EXPECT_EQ(g.size(), 254u);
  EXPECT_EQ(g[127], 33);
  EXPECT_EQ(g.back(), 504);
  EXPECT_EQ(f->outlier().encode(0) & 0x7F, 1u); // never the identifier
}

TEST(OvpTest, OddLengthKeepsTheLastValueNormal) {
  auto f = OvpFormat::get(OvpFormat::Normal::Int, 4);
  EXPECT_EQ(ovpRoundTrip(*f, {4, 8, 100}), (std::vector<double>{4, 8, 28}));
  EXPECT_FALSE(OvpFormat::get(OvpFormat::Normal::Int, 6));
}

TEST(PackTest, FourAndSixBitStreams) {
  std::vector<uint8_t> codes = {0x1, 0x2, 0x3};
  EXPECT_EQ(packCodes(4, codes.data(), 3), (std::vector<uint8_t>{0x12, 0x30}));
  std::vector<uint8_t> six = {0b111111, 0b000001, 0b100000, 0b010101};
  std::vector<uint8_t> packed = packCodes(6, six.data(), 4);
  EXPECT_EQ(packed, (std::vector<uint8_t>{0b11111100, 0b00011000,
                                          0b00010101}));
  std::vector<uint8_t> back(4);
  unpackCodes(6, packed.data(), 4, back.data());
  EXPECT_EQ(back, six);
}

// Integer images: every code of every scaled 4- and 8-bit format, and OVP
// pairs with outliers, stand for image * 2^-unitFracBits units, within
// maxImage.
TEST(IntegerImageTest, EveryCodeIsItsValueOnTheCommonGrid) {
  for (const char *name :
       {"int4", "uint4", "int8", "uint8", "pot4", "upot4", "flint4",
        "uflint4", "flint8", "uflint8", "float4", "float8", "ovpint4",
        "ovpflint4", "ovpint8", "ovpflint8"}) {
    std::string error;
    auto format = TensorFormat::parse(name, error);
    ASSERT_TRUE(format) << error;
    // Values spanning the format and beyond it (scale 1): every
    // magnitude's neighbourhood on a log scale, both signs.
    double top = std::ldexp(format->maxImage(), -format->unitFracBits());
    std::vector<float> x;
    for (double v = top * 1.5; v > 1e-3; v *= 0.97)
      for (double s : {1.0, -1.0})
        x.push_back(float(s * v));
    QuantizeOptions options;
    options.scale = 1.0;
    EncodedTensor encoded;
    ASSERT_TRUE(encodeTensor(*format, x, {int64_t(x.size())}, options,
                             encoded, error))
        << error;
    std::vector<float> values;
    std::vector<int32_t> images;
    ASSERT_TRUE(decodeTensor(encoded, values, error)) << error;
    ASSERT_TRUE(integerImages(encoded, images, error)) << error;
    int64_t largest = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(std::ldexp(double(images[i]), -format->unitFracBits()),
                double(values[i]))
          << name << " element " << i;
      largest = std::max<int64_t>(largest, std::abs(images[i]));
    }
    // The extremes are reached (the inputs saturate every format).
    EXPECT_EQ(double(largest), format->maxImage()) << name;
  }
}

TEST(IntegerImageTest, ImagesBeyondThirtyTwoBitsAreRefused) {
  // pot8's largest value is 2^126 units.
  std::string error;
  auto format = TensorFormat::parse("pot8", error);
  ASSERT_TRUE(format);
  QuantizeOptions options;
  options.scale = 1.0;
  EncodedTensor encoded;
  std::vector<int32_t> images;
  ASSERT_TRUE(encodeTensor(*format, {1.0f, 64.0f}, {2}, options, encoded,
                           error));
  EXPECT_TRUE(integerImages(encoded, images, error)) << error;
  EXPECT_EQ(images, (std::vector<int32_t>{1, 64}));
  ASSERT_TRUE(encodeTensor(*format, {1.0f, 1e30f}, {2}, options, encoded,
                           error));
  EXPECT_FALSE(integerImages(encoded, images, error));
  EXPECT_NE(error.find("beyond 32 bits"), std::string::npos) << error;
}

TEST(IntegerImageTest, BlockFormatsHaveNone) {
  std::string error;
  auto format = TensorFormat::parse("mxint8", error);
  ASSERT_TRUE(format);
  EncodedTensor encoded;
  ASSERT_TRUE(encodeTensor(*format, std::vector<float>(32, 1.0f), {32},
                           QuantizeOptions(), encoded, error));
  std::vector<int32_t> images;
  EXPECT_FALSE(integerImages(encoded, images, error));
  EXPECT_NE(error.find("block format"), std::string::npos) << error;
}
