//===- ScalarFormat.h - element number formats ------------------*- C++ -*-===//
//
// A scalar format is a set of values on a code space of at most 8 bits: the
// int, PoT, ANT float and flint types of ANT, and the element types of OCP
// MX. Values are in "units"; a tensor's real values are units times its
// scale. docs/number-formats.md gives every format's bits and the reference
// each follows.
//
// Plain C++ (no MLIR headers or libraries; only its namespace): the codecs are shared by the qt dialect, the
// interpreter and tessel-quant.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_QUANT_SCALARFORMAT_H
#define TESSEL_QUANT_SCALARFORMAT_H

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mlir::tessel::quant {

/// How a value between two representable ones is rounded.
enum class Rounding {
  /// Nearest; ties to the larger value (ANT's and OliVe's kernels scan an
  /// ascending grid and keep the last of equally near entries).
  TiesUp,
  /// Nearest; ties to the code whose lowest bit is 0 (IEEE round half to
  /// even for the float and integer layouts).
  TiesEven,
  /// Nearest; ties away from zero (microxcaling's "nearest").
  TiesAway,
  /// The nearest value no larger in magnitude (microxcaling's "floor").
  TowardZero,
};

/// The rounding's name as written in types and on the command line (up,
/// even, away, zero), and back.
const char *roundingName(Rounding r);
std::optional<Rounding> parseRounding(const std::string &name);

/// A code in the integer-and-shift form a systolic PE multiplies with:
/// value (units) = mantissa * 2^(shift - fracBits), fracBits per format.
struct IntShift {
  int32_t mantissa = 0;
  int32_t shift = 0;
};

class ScalarFormat {
public:
  /// Signed or unsigned integers of `bits`, two's complement. `symmetric`
  /// leaves the most negative code unused (MXINT8, BFP mantissas); values
  /// are k * 2^-fracBits.
  static ScalarFormat integer(unsigned bits, bool isSigned, bool symmetric,
                              int fracBits = 0);
  /// ANT's power of two: 0 and 2^i, sign-magnitude when signed.
  static ScalarFormat pot(unsigned bits, bool isSigned);
  /// ANT's float: 3 exponent bits, bias 1, subnormals, sign-magnitude.
  static std::optional<ScalarFormat> antFloat(unsigned bits, bool isSigned);
  /// ANT's flint (first-one prefix code); signed is sign + (bits-1)-bit
  /// flint.
  static ScalarFormat flint(unsigned bits, bool isSigned);
  /// Which codes of a minifloat are not numbers.
  enum class Specials { None, E4M3, IEEE };
  /// Sign + ebits + mbits minifloat with subnormals (MX element types).
  static ScalarFormat minifloat(unsigned ebits, unsigned mbits, int bias,
                                Specials specials);

  /// A sign-magnitude format from the value of each magnitude code (NaN for
  /// an unused code), for formats defined by a table (OVP's grids).
  using MagnitudeFn = std::function<std::pair<double, IntShift>(uint32_t)>;
  static ScalarFormat fromMagnitudes(std::string name, unsigned bits,
                                     int fracBits, Rounding rounding,
                                     const MagnitudeFn &magnitude);

  const std::string &name() const { return formatName; }
  unsigned bits() const { return numBits; }
  uint32_t numCodes() const { return 1u << numBits; }
  int fracBits() const { return numFracBits; }
  Rounding defaultRounding() const { return rounding; }

  /// The value of `code`; NaN for a code that is not a number.
  double decode(uint32_t code) const { return values[code]; }
  IntShift decodeIntShift(uint32_t code) const { return intShifts[code]; }
  /// The code of the value nearest `u` under `r`, saturating at the
  /// extremes. NaN encodes as zero.
  uint32_t encode(double u, Rounding r) const {
    if (consecutiveIntegers && r == Rounding::TiesEven && u == u)
      return sortedCodes[size_t(nearestInteger(u) - sorted.front())];
    return encodeBySearch(u, r);
  }
  /// decode(encode(u, r)), without the table for the integer formats (the
  /// scale searches' hot loop).
  double quantize(double u, Rounding r) const {
    if (consecutiveIntegers && r == Rounding::TiesEven && u == u)
      return nearestInteger(u);
    return values[encodeBySearch(u, r)];
  }
  uint32_t encode(double u) const { return encode(u, rounding); }
  /// Whether `encode(decode(code))` is `code` (false for -0, NaN and
  /// unused codes).
  bool isCanonical(uint32_t code) const;

  double maxValue() const { return sorted.back(); }
  double minValue() const { return sorted.front(); }
  /// The distinct values, ascending.
  const std::vector<double> &grid() const { return sorted; }

private:
  ScalarFormat(std::string name, unsigned bits, int fracBits,
               Rounding rounding);
  /// A format from its magnitude codes' values, sign-magnitude if signed.
  static ScalarFormat build(std::string name, unsigned bits, int fracBits,
                            Rounding rounding, bool isSigned,
                            const MagnitudeFn &magnitude);
  /// Sorts the values; the first (lowest) code of each value is canonical.
  void finish();

  std::string formatName;
  unsigned numBits;
  int numFracBits;
  Rounding rounding;
  std::vector<double> values;
  std::vector<IntShift> intShifts;
  std::vector<double> sorted;
  std::vector<uint32_t> sortedCodes;
  /// Midpoints between neighbouring values: the decision thresholds.
  std::vector<double> midpoints;
  uint32_t encodeBySearch(double u, Rounding r) const;
  /// For the integer formats: the grid value nearest u, ties to even (the
  /// choice encodeBySearch makes). Adding and subtracting 1.5 * 2^52 rounds
  /// half to even exactly once u is clamped (|u| < 2^51).
  double nearestInteger(double u) const {
    double lo = sorted.front(), hi = sorted.back();
    double c = std::min(std::max(u, lo - 1), hi + 1);
    double v = (c + 0x1.8p52) - 0x1.8p52;
    return std::min(std::max(v, lo), hi);
  }
  /// The grid is consecutive integers and each code has its value's parity.
  bool consecutiveIntegers = false;
};

} // namespace mlir::tessel::quant

#endif // TESSEL_QUANT_SCALARFORMAT_H
