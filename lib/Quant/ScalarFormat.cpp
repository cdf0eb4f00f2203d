//===- ScalarFormat.cpp - element number formats --------------------------===//

#include "tessel/Quant/ScalarFormat.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace mlir::tessel::quant;

const char *mlir::tessel::quant::roundingName(Rounding r) {
  switch (r) {
  case Rounding::TiesUp:
    return "up";
  case Rounding::TiesEven:
    return "even";
  case Rounding::TiesAway:
    return "away";
  case Rounding::TowardZero:
    return "zero";
  }
  return "?";
}

std::optional<Rounding> mlir::tessel::quant::parseRounding(const std::string &name) {
  for (Rounding r : {Rounding::TiesUp, Rounding::TiesEven, Rounding::TiesAway,
                     Rounding::TowardZero})
    if (name == roundingName(r))
      return r;
  return std::nullopt;
}

ScalarFormat::ScalarFormat(std::string name, unsigned bits, int fracBits,
                           Rounding rounding)
    : formatName(std::move(name)), numBits(bits), numFracBits(fracBits),
      rounding(rounding), values(1u << bits, NAN), intShifts(1u << bits) {}

void ScalarFormat::finish() {
  std::vector<uint32_t> order;
  for (uint32_t c = 0; c < numCodes(); ++c)
    if (!std::isnan(values[c]))
      order.push_back(c);
  // Ascending by value; among equal values (+0 and -0) the lowest code.
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return values[a] < values[b];
  });
  for (uint32_t c : order) {
    if (!sorted.empty() && sorted.back() == values[c])
      continue;
    sorted.push_back(values[c]);
    sortedCodes.push_back(c);
  }
  for (size_t i = 0; i + 1 < sorted.size(); ++i)
    midpoints.push_back((sorted[i] + sorted[i + 1]) / 2);
  // Consecutive integers whose codes have their values' parity (the
  // integer formats): nearest with ties to even is then rounding itself.
  // Doubles hold consecutive integers only below 2^53 (pot8's 2^126 would
  // not even convert to int64_t).
  consecutiveIntegers = !sorted.empty();
  for (size_t i = 0; i < sorted.size(); ++i)
    consecutiveIntegers =
        consecutiveIntegers && sorted[i] == sorted[0] + double(i) &&
        sorted[i] == std::trunc(sorted[i]) && std::fabs(sorted[i]) < 0x1p53 &&
        (sortedCodes[i] & 1) == (uint64_t(int64_t(sorted[i])) & 1);
}

bool ScalarFormat::isCanonical(uint32_t code) const {
  return !std::isnan(values[code]) && encode(values[code]) == code;
}

uint32_t ScalarFormat::encodeBySearch(double u, Rounding r) const {
  if (std::isnan(u))
    u = 0;
  if (r == Rounding::TowardZero) {
    size_t hi =
        std::lower_bound(sorted.begin(), sorted.end(), u) - sorted.begin();
    if (hi == sorted.size())
      return sortedCodes.back();
    if (sorted[hi] == u || hi == 0)
      return sortedCodes[hi];
    return sortedCodes[u >= 0 ? hi - 1 : hi];
  }
  // k = the number of midpoints below u, by a branch-free binary search
  // (the hot loop of every encoder): value k is the nearest unless u is
  // exactly midpoint k, a tie between values k and k + 1.
  const double *m = midpoints.data();
  size_t base = 0, len = midpoints.size();
  if (len == 0)
    return sortedCodes[0];
  while (len > 1) {
    size_t half = len / 2;
    base = m[base + half - 1] < u ? base + half : base;
    len -= half;
  }
  size_t k = base + (m[base] < u ? 1 : 0);
  if (k == midpoints.size() || m[k] != u)
    return sortedCodes[k];
  double a = sorted[k], b = sorted[k + 1];
  switch (r) {
  case Rounding::TiesAway:
    return sortedCodes[std::fabs(a) > std::fabs(b) ? k : k + 1];
  case Rounding::TiesEven:
    return sortedCodes[(sortedCodes[k] & 1) == 0 ? k : k + 1];
  case Rounding::TiesUp:
  case Rounding::TowardZero:
    break;
  }
  return sortedCodes[k + 1];
}

static std::string signName(bool isSigned) { return isSigned ? "s" : "u"; }

ScalarFormat ScalarFormat::integer(unsigned bits, bool isSigned,
                                   bool symmetric, int fracBits) {
  ScalarFormat f((isSigned ? "int" : "uint") + std::to_string(bits), bits,
                 fracBits, Rounding::TiesEven);
  for (uint32_t c = 0; c < f.numCodes(); ++c) {
    int32_t k = static_cast<int32_t>(c);
    if (isSigned && c >= f.numCodes() / 2)
      k -= static_cast<int32_t>(f.numCodes());
    if (isSigned && symmetric && c == f.numCodes() / 2)
      continue; // the unused most negative code
    f.values[c] = std::ldexp(static_cast<double>(k), -fracBits);
    f.intShifts[c] = {k, 0};
  }
  f.finish();
  return f;
}

/// Sets code `c` to sign * mag where `mag` is the magnitude code's value.
template <typename MagFn>
static void signMagnitude(unsigned bits, uint32_t c, MagFn mag, double &value,
                          IntShift &is) {
  uint32_t signBit = 1u << (bits - 1);
  std::pair<double, IntShift> m = mag(c & (signBit - 1));
  bool negative = c & signBit;
  value = negative ? -m.first : m.first;
  is = {negative ? -m.second.mantissa : m.second.mantissa, m.second.shift};
}

ScalarFormat ScalarFormat::build(std::string name, unsigned bits,
                                 int fracBits, Rounding rounding,
                                 bool isSigned, const MagnitudeFn &magnitude) {
  ScalarFormat f(std::move(name), bits, fracBits, rounding);
  for (uint32_t c = 0; c < f.numCodes(); ++c) {
    if (isSigned)
      signMagnitude(bits, c, magnitude, f.values[c], f.intShifts[c]);
    else
      std::tie(f.values[c], f.intShifts[c]) = magnitude(c);
  }
  f.finish();
  return f;
}

ScalarFormat ScalarFormat::fromMagnitudes(std::string name, unsigned bits,
                                          int fracBits, Rounding rounding,
                                          const MagnitudeFn &magnitude) {
  return build(std::move(name), bits, fracBits, rounding, true, magnitude);
}

ScalarFormat ScalarFormat::pot(unsigned bits, bool isSigned) {
  return build("pot" + std::to_string(bits) + signName(isSigned), bits, 0,
               Rounding::TiesUp, isSigned,
               [](uint32_t k) -> std::pair<double, IntShift> {
                 if (k == 0)
                   return {0.0, {0, 0}};
                 return {std::ldexp(1.0, k - 1),
                         {1, static_cast<int32_t>(k - 1)}};
               });
}

std::optional<ScalarFormat> ScalarFormat::antFloat(unsigned bits,
                                                   bool isSigned) {
  const unsigned ebits = 3;
  unsigned magBits = isSigned ? bits - 1 : bits;
  if (magBits < ebits)
    return std::nullopt;
  unsigned mb = magBits - ebits;
  auto mag = [&](uint32_t c) -> std::pair<double, IntShift> {
    uint32_t e = c >> mb, m = c & ((1u << mb) - 1);
    if (e == 0)
      return {std::ldexp(double(m), -int(mb)), {int32_t(m), 0}};
    int32_t mant = int32_t((1u << mb) | m);
    return {std::ldexp(double(mant), int(e) - 1 - int(mb)),
            {mant, int32_t(e) - 1}};
  };
  return build("float" + std::to_string(bits) + signName(isSigned), bits,
               int(mb), Rounding::TiesUp, isSigned, mag);
}

/// An unsigned n-bit flint code as value * 2^(n-1) = mantissa << shift.
static IntShift flintIntShift(unsigned n, uint32_t c) {
  uint32_t top = 1u << (n - 1);
  if (!(c & top))
    return {int32_t(c), 0}; // the int half: the code is the value
  if (c == (1u << n) - 1)
    return {1, int32_t(2 * n - 2)};
  unsigned ones = 0; // L leading ones, then a 0
  while (c & (top >> ones))
    ++ones;
  unsigned mb = n - ones - 1;
  uint32_t m = c & ((1u << mb) - 1);
  return {int32_t((1u << mb) | m), int32_t(2 * ones - 1)};
}

ScalarFormat ScalarFormat::flint(unsigned bits, bool isSigned) {
  unsigned n = isSigned ? bits - 1 : bits;
  return build("flint" + std::to_string(bits) + signName(isSigned), bits,
               int(n) - 1, Rounding::TiesUp, isSigned,
               [&](uint32_t c) -> std::pair<double, IntShift> {
                 IntShift is = flintIntShift(n, c);
                 return {std::ldexp(double(is.mantissa), is.shift - int(n - 1)),
                         is};
               });
}

ScalarFormat ScalarFormat::minifloat(unsigned ebits, unsigned mbits, int bias,
                                     Specials specials) {
  unsigned bits = 1 + ebits + mbits;
  uint32_t eMax = (1u << ebits) - 1, mMax = (1u << mbits) - 1;
  auto mag = [&](uint32_t c) -> std::pair<double, IntShift> {
    uint32_t e = c >> mbits, m = c & mMax;
    if ((specials == Specials::IEEE && e == eMax) ||
        (specials == Specials::E4M3 && e == eMax && m == mMax))
      return {NAN, {0, 0}};
    if (e == 0)
      return {std::ldexp(double(m), 1 - bias - int(mbits)), {int32_t(m), 0}};
    int32_t mant = int32_t((1u << mbits) | m);
    return {std::ldexp(double(mant), int(e) - bias - int(mbits)),
            {mant, int32_t(e) - 1}};
  };
  return fromMagnitudes("e" + std::to_string(ebits) + "m" +
                            std::to_string(mbits),
                        bits, bias + int(mbits) - 1, Rounding::TiesAway, mag);
}
