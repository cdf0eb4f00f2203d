//===- QuantScalarTest.cpp - scalar formats against the spec --------------===//
//
// Expected values come from the format definitions and test vectors of the
// ANT and microxcaling references (specs: number-formats.md), written out
// here by hand, and from brute force over each format's value table.
//
//===----------------------------------------------------------------------===//

#include "tessel/Quant/BlockFormats.h"
#include "tessel/Quant/Ovp.h"
#include "tessel/Quant/ScalarFormat.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

using namespace mlir::tessel::quant;

namespace {

std::vector<double> valuesOf(const ScalarFormat &f) {
  std::vector<double> v;
  for (uint32_t c = 0; c < f.numCodes(); ++c)
    v.push_back(f.decode(c));
  return v;
}

std::vector<double> scaled(std::vector<double> v, double by) {
  for (double &x : v)
    x *= by;
  return v;
}

/// ANT's flint_value(): the value set built by its loops (section 1.1).
std::set<double> antFlintValues(unsigned bits, bool isSigned) {
  int n = int(isSigned ? bits - 1 : bits);
  std::set<double> s = {0, std::ldexp(1.0, n - 1)};
  for (int z = 1; z <= n - 1; ++z)
    for (int j = 0; j < (1 << (n - z - 1)); ++j)
      s.insert(std::ldexp(1.0 + double(j) / (1 << (n - z - 1)), -z));
  for (int l = 1; l <= n - 1; ++l)
    for (int j = 0; j < (1 << (n - l - 1)); ++j)
      s.insert(std::ldexp(1.0 + double(j) / (1 << (n - l - 1)), l - 1));
  if (isSigned) {
    std::set<double> neg;
    for (double v : s)
      neg.insert(-v);
    s.insert(neg.begin(), neg.end());
  }
  return s;
}

} // namespace

TEST(FlintTest, FourBitTablesMatchTheSpec) {
  ScalarFormat u = ScalarFormat::flint(4, false);
  EXPECT_EQ(scaled(valuesOf(u), 8),
            (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 24,
                                 32, 64}));
  ScalarFormat s = ScalarFormat::flint(4, true);
  std::vector<double> want = {0, 1, 2, 3, 4, 6, 8, 16};
  for (int c = 0; c < 8; ++c) {
    EXPECT_EQ(s.decode(c) * 4, want[c]) << c;
    EXPECT_EQ(s.decode(8 + c) * 4, -want[c]) << c;
  }
  EXPECT_FALSE(s.isCanonical(0b1000)); // -0, OliVe's identifier
}

TEST(FlintTest, EightBitExamples) {
  ScalarFormat u = ScalarFormat::flint(8, false);
  EXPECT_EQ(u.decode(0b00000001), std::ldexp(1.0, -7));
  EXPECT_EQ(u.decode(0b01111111), 127.0 / 128);
  EXPECT_EQ(u.decode(0b10000000), 1.0);
  EXPECT_EQ(u.decode(0b10111111), 1.984375);
  EXPECT_EQ(u.decode(0b11000000), 2.0);
  EXPECT_EQ(u.decode(0b11011111), 3.9375);
  EXPECT_EQ(u.decode(0b11111110), 64.0);
  EXPECT_EQ(u.decode(0b11111111), 128.0);
  ScalarFormat s = ScalarFormat::flint(8, true);
  EXPECT_EQ(s.grid()[s.grid().size() / 2 + 1], std::ldexp(1.0, -6));
  EXPECT_EQ(s.maxValue(), 64.0);
}

TEST(FlintTest, ValueSetsAreAntsForThreeToEightBits) {
  for (unsigned bits = 3; bits <= 8; ++bits)
    for (bool isSigned : {false, true}) {
      ScalarFormat f = ScalarFormat::flint(bits, isSigned);
      std::set<double> got(f.grid().begin(), f.grid().end());
      EXPECT_EQ(got, antFlintValues(bits, isSigned))
          << bits << (isSigned ? " signed" : " unsigned");
      // 2^n - 1 distinct values: only -0 (signed) or nothing repeats.
      EXPECT_EQ(f.grid().size(), (1u << bits) - (isSigned ? 1 : 0));
    }
}

TEST(FlintTest, IntShiftFormMatchesThePeDatapath) {
  // Section 5: unsigned flint4 shifts {0, 1, 3, 5, 6}; signed {0, 1, 3, 4}.
  auto shifts = [](const ScalarFormat &f) {
    std::set<int> s;
    for (uint32_t c = 0; c < f.numCodes(); ++c)
      s.insert(f.decodeIntShift(c).shift);
    return s;
  };
  EXPECT_EQ(shifts(ScalarFormat::flint(4, false)), (std::set<int>{0, 1, 3, 5, 6}));
  EXPECT_EQ(shifts(ScalarFormat::flint(4, true)), (std::set<int>{0, 1, 3, 4}));
  // Unsigned flint4 mantissas fit 3 bits.
  ScalarFormat u = ScalarFormat::flint(4, false);
  for (uint32_t c = 0; c < 16; ++c)
    EXPECT_LT(u.decodeIntShift(c).mantissa, 8) << c;
}

TEST(FlintTest, TestVectorsAlpha8) {
  ScalarFormat f = ScalarFormat::flint(4, false);
  std::pair<double, uint32_t> cases[] = {
      {0.06, 0b0000}, {0.3, 0b0010}, {0.95, 0b1000}, {2.5, 0b1101},
      {3.3, 0b1101},  {5.0, 0b1110}, {7.0, 0b1111},  {100, 0b1111}};
  // alpha = 8 and max = 8: real values are the raw flint values.
  for (auto [x, code] : cases)
    EXPECT_EQ(f.encode(x), code) << x;
}

TEST(AntTypesTest, IntPotAndFloatGrids) {
  ScalarFormat i4 = ScalarFormat::integer(4, true, false);
  EXPECT_EQ(i4.minValue(), -8);
  EXPECT_EQ(i4.maxValue(), 7);
  EXPECT_EQ(i4.encode(-8.4, Rounding::TiesUp), 0b1000u);
  EXPECT_EQ(i4.decode(i4.encode(2.5, Rounding::TiesUp)), 3);
  EXPECT_EQ(ScalarFormat::integer(4, false, false).maxValue(), 15);

  ScalarFormat ps = ScalarFormat::pot(4, true), pu = ScalarFormat::pot(4, false);
  EXPECT_EQ(ps.grid(), (std::vector<double>{-64, -32, -16, -8, -4, -2, -1, 0,
                                            1, 2, 4, 8, 16, 32, 64}));
  EXPECT_EQ(pu.maxValue(), std::ldexp(1.0, 14));
  EXPECT_EQ(pu.grid().size(), 16u);

  auto fu = ScalarFormat::antFloat(4, false), fs = ScalarFormat::antFloat(4, true);
  ASSERT_TRUE(fu && fs);
  EXPECT_EQ(fu->grid(), (std::vector<double>{0, .5, 1, 1.5, 2, 3, 4, 6, 8, 12,
                                             16, 24, 32, 48, 64, 96}));
  EXPECT_EQ(fs->grid(), ps.grid()); // signed E3M0 is signed PoT
  EXPECT_FALSE(ScalarFormat::antFloat(3, true));
}

TEST(MxElementTest, RangesOfTheElementTypes) {
  auto maxOf = [](MxElement e) { return MxFormat{e}.elementFormat().maxValue(); };
  EXPECT_EQ(maxOf(MxElement::Int8), 127.0 / 64);
  EXPECT_EQ(maxOf(MxElement::E4M3), 448);
  EXPECT_EQ(maxOf(MxElement::E5M2), 57344);
  EXPECT_EQ(maxOf(MxElement::E3M2), 28);
  EXPECT_EQ(maxOf(MxElement::E2M3), 7.5);
  EXPECT_EQ(maxOf(MxElement::E2M1), 6);
  const ScalarFormat &e4m3 = MxFormat{MxElement::E4M3}.elementFormat();
  EXPECT_TRUE(std::isnan(e4m3.decode(0x7F)));
  EXPECT_TRUE(std::isnan(e4m3.decode(0xFF)));
  EXPECT_EQ(e4m3.decode(0x7E), 448);
  // min_norm = 2^(2 - 2^(ebits-1)).
  EXPECT_EQ(e4m3.decode(0x08), std::ldexp(1.0, -6));
  const ScalarFormat &e5m2 = MxFormat{MxElement::E5M2}.elementFormat();
  EXPECT_TRUE(std::isnan(e5m2.decode(0x7C))); // Inf is not a value here
  EXPECT_EQ(e5m2.decode(0x04), std::ldexp(1.0, -14));
}

TEST(MxElementTest, Int4RoundingVector) {
  // microxcaling test_mx_rounding, MXINT4 with scale 1: -2.0 is unused.
  ScalarFormat i4 = ScalarFormat::integer(4, true, true, 2);
  double in[] = {-1, -1.75, -1.99, 1.99}, want[] = {-1, -1.75, -1.75, 1.75};
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(i4.decode(i4.encode(in[i], Rounding::TiesAway)), want[i]);
}

TEST(RoundingTest, NamesRoundTrip) {
  for (Rounding r : {Rounding::TiesUp, Rounding::TiesEven, Rounding::TiesAway,
                     Rounding::TowardZero})
    EXPECT_EQ(parseRounding(roundingName(r)), r);
  EXPECT_FALSE(parseRounding("nearest"));
}

//===----------------------------------------------------------------------===//
// Exhaustive checks over every 4- to 8-bit format
//===----------------------------------------------------------------------===//

namespace {

struct NamedFormat {
  ScalarFormat format;
  /// Codes that are not values of their own: -0, NaN, unused.
  unsigned nonCanonical;
};

std::vector<NamedFormat> allFormats() {
  std::vector<NamedFormat> all;
  for (unsigned bits : {4u, 8u}) {
    all.push_back({ScalarFormat::integer(bits, true, false), 0});
    all.push_back({ScalarFormat::integer(bits, false, false), 0});
    all.push_back({ScalarFormat::integer(bits, true, true), 1});
    all.push_back({ScalarFormat::pot(bits, true), 1});
    all.push_back({ScalarFormat::pot(bits, false), 0});
    all.push_back({*ScalarFormat::antFloat(bits, true), 1});
    all.push_back({*ScalarFormat::antFloat(bits, false), 0});
    all.push_back({ScalarFormat::flint(bits, true), 1});
    all.push_back({ScalarFormat::flint(bits, false), 0});
    for (auto kind : {OvpFormat::Normal::Int, OvpFormat::Normal::Flint}) {
      auto ovp = OvpFormat::get(kind, bits);
      // int4's magnitudes fill 3 bits; int8 and both flints likewise: only
      // -0 repeats. The outlier type leaves +-0 unused.
      all.push_back({ovp->normal(), 1});
      all.push_back({ovp->outlier(), 2});
    }
  }
  for (MxElement e : {MxElement::Int8, MxElement::E4M3, MxElement::E5M2,
                      MxElement::E3M2, MxElement::E2M3, MxElement::E2M1}) {
    unsigned nc = e == MxElement::Int8   ? 1
                  : e == MxElement::E4M3 ? 3  // -0, 0x7F, 0xFF
                  : e == MxElement::E5M2 ? 9  // -0 and 8 Inf/NaN codes
                                         : 1; // -0
    all.push_back({MxFormat{e}.elementFormat(), nc});
  }
  return all;
}

/// The brute-force answer: scan every code for the nearest value.
double bruteForce(const ScalarFormat &f, double u, Rounding r) {
  double best = NAN;
  for (uint32_t c = 0; c < f.numCodes(); ++c) {
    double v = f.decode(c);
    if (std::isnan(v))
      continue;
    if (std::isnan(best)) {
      best = v;
      continue;
    }
    if (r == Rounding::TowardZero) {
      // The nearest value on zero's side of u: the largest not above a
      // positive u, the smallest not below a negative one.
      bool ok = u >= 0 ? v <= u : v >= u;
      bool bestOk = u >= 0 ? best <= u : best >= u;
      if (ok && (!bestOk || std::fabs(v - u) < std::fabs(best - u)))
        best = v;
      continue;
    }
    double dv = std::fabs(v - u), db = std::fabs(best - u);
    if (dv < db) {
      best = v;
    } else if (dv == db && v != best) {
      switch (r) {
      case Rounding::TiesUp:
        best = std::max(v, best);
        break;
      case Rounding::TiesAway:
        best = std::fabs(v) > std::fabs(best) ? v : best;
        break;
      case Rounding::TiesEven:
        if ((f.encode(v) & 1) == 0)
          best = v;
        break;
      default:
        break;
      }
    }
  }
  // Toward zero saturates at the extremes like the others.
  if (r == Rounding::TowardZero && (u > f.maxValue() || u < f.minValue()))
    return u > 0 ? f.maxValue() : f.minValue();
  return best;
}

} // namespace

TEST(ExhaustiveTest, EveryCodeDecodesAndReencodesToItself) {
  for (const NamedFormat &nf : allFormats()) {
    const ScalarFormat &f = nf.format;
    unsigned nonCanonical = 0;
    for (uint32_t c = 0; c < f.numCodes(); ++c) {
      double v = f.decode(c);
      if (f.isCanonical(c)) {
        EXPECT_EQ(f.encode(v), c) << f.name() << " code " << c;
        for (Rounding r : {Rounding::TiesUp, Rounding::TiesEven,
                           Rounding::TiesAway, Rounding::TowardZero})
          EXPECT_EQ(f.encode(v, r), c) << f.name() << " code " << c;
      } else {
        ++nonCanonical;
        // A repeated value re-encodes to its first code.
        if (!std::isnan(v))
          EXPECT_EQ(f.decode(f.encode(v)), v) << f.name() << " code " << c;
      }
      // The integer-and-shift form is the same value.
      if (!std::isnan(v)) {
        IntShift is = f.decodeIntShift(c);
        EXPECT_EQ(std::ldexp(double(is.mantissa), is.shift - f.fracBits()), v)
            << f.name() << " code " << c;
        EXPECT_GE(is.shift, 0) << f.name() << " code " << c;
      }
    }
    EXPECT_EQ(nonCanonical, nf.nonCanonical) << f.name();
  }
}

TEST(ExhaustiveTest, EncodeIsTheNearestValueUnderEachTieRule) {
  std::mt19937 gen(3);
  for (const NamedFormat &nf : allFormats()) {
    const ScalarFormat &f = nf.format;
    // Every midpoint (where the tie rules differ), points near each value,
    // and random points across and beyond the range.
    std::vector<double> probes;
    const std::vector<double> &g = f.grid();
    for (size_t i = 0; i + 1 < g.size(); ++i) {
      // Just off the midpoint by far more than rounding error, so that the
      // brute force's distances are exact enough to rank.
      double mid = (g[i] + g[i + 1]) / 2, off = (g[i + 1] - g[i]) * 1e-6;
      probes.insert(probes.end(), {mid, mid - off, mid + off, g[i]});
    }
    std::uniform_real_distribution<double> dist(1.2 * f.minValue() - 1,
                                                1.2 * f.maxValue() + 1);
    for (int i = 0; i < 2000; ++i)
      probes.push_back(dist(gen));
    // Far outside the range (where distances are still exact), where the
    // integer formats' rounding shortcut must still saturate.
    probes.insert(probes.end(), {1e9, -1e12, -0.0});
    for (double u : probes)
      for (Rounding r : {Rounding::TiesUp, Rounding::TiesEven,
                         Rounding::TiesAway, Rounding::TowardZero}) {
        ASSERT_EQ(f.decode(f.encode(u, r)), bruteForce(f, u, r))
            << f.name() << " u=" << u << " rounding " << roundingName(r);
        ASSERT_EQ(f.quantize(u, r), bruteForce(f, u, r))
            << f.name() << " u=" << u << " rounding " << roundingName(r);
      }
    for (Rounding r : {Rounding::TiesUp, Rounding::TiesEven,
                       Rounding::TiesAway, Rounding::TowardZero}) {
      EXPECT_EQ(f.quantize(INFINITY, r), f.maxValue()) << f.name();
      EXPECT_EQ(f.quantize(-INFINITY, r), f.minValue()) << f.name();
      EXPECT_EQ(f.quantize(NAN, r), f.decode(f.encode(0.0, r))) << f.name();
    }
  }
}
